"""Provision what every KPSS site needs: locales, code lists, the home page, roles and workflows.

Idempotent: a second run changes nothing (no new rows, no new history entries).
"""

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Locale, Page, Site

from consultation import roles as consultation_roles
from evidence import roles as evidence_roles
from kpss_pages import reference_data
from kpss_pages.models import (
    AgeCategory,
    FormOfProvision,
    HomePage,
    ServiceKind,
    SiteSettings,
    TargetGroup,
)
from kpss_pages.reference_data import sync_row
from monitoring import roles as monitoring_roles
from search.models import PageSearchText
from workflows import roles

ROOT_TITLE = "Všechny weby"


class Command(BaseCommand):
    help = (
        "Založí jazyky, číselníky registru sociálních služeb, úvodní stránku, role a schvalovací "
        "postupy (opakovatelně)."
    )

    @transaction.atomic
    def handle(self, *args, **options):
        cs = self.ensure_locales()
        created = self.load_reference_data(cs)
        home = self.ensure_home_page(cs)
        # Made on first use otherwise, in the middle of rendering a page (page_cache notes it).
        for site in Site.objects.all():
            SiteSettings.for_site(site)
        roles.sync_all()
        consultation_roles.sync()
        monitoring_roles.sync()
        evidence_roles.sync()
        PageSearchText.rebuild()
        self.stdout.write(
            self.style.SUCCESS(
                f"kpss_setup: číselníky v pořádku ({created} změn), úvodní stránka „{home.title}“."
            )
        )

    def ensure_locales(self):
        for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
            Locale.objects.get_or_create(language_code=code)
        return Locale.objects.get(language_code=settings.LANGUAGE_CODE)

    def load_reference_data(self, locale):
        changes = 0
        for order, (paragraph, name, category) in enumerate(reference_data.SERVICE_KINDS, 1):
            _obj, changed = sync_row(
                ServiceKind,
                {"locale": locale, "paragraph": paragraph},
                {"name": name, "slug": slugify(name), "category": category, "sort_order": order},
            )
            changes += changed
        for order, name in enumerate(reference_data.TARGET_GROUPS, 1):
            _obj, changed = sync_row(
                TargetGroup,
                {"locale": locale, "slug": slugify(name)[:100]},
                {"name": name, "sort_order": order},
            )
            changes += changed
        for order, (name, age_from, age_to) in enumerate(reference_data.AGE_CATEGORIES, 1):
            _obj, changed = sync_row(
                AgeCategory,
                {"locale": locale, "slug": slugify(name.split(" (")[0])},
                {"name": name, "age_from": age_from, "age_to": age_to, "sort_order": order},
            )
            changes += changed
        for order, name in enumerate(reference_data.FORMS_OF_PROVISION, 1):
            _obj, changed = sync_row(
                FormOfProvision,
                {"locale": locale, "slug": slugify(name)},
                {"name": name, "sort_order": order},
            )
            changes += changed
        return changes

    def ensure_home_page(self, locale):
        """Replace Wagtail's placeholder welcome page with the KPSS home page, once."""
        # Wagtail's migration names the tree's root in English; the Czech explorer shows it.
        Page.objects.filter(depth=1, title="Root").update(title=ROOT_TITLE, draft_title=ROOT_TITLE)
        site = Site.objects.filter(is_default_site=True).first()
        if site and isinstance(site.root_page.specific, HomePage):
            return site.root_page.specific
        root = Page.get_first_root_node()
        placeholder = Page.objects.filter(
            depth=2, content_type__app_label="wagtailcore", content_type__model="page"
        ).first()
        if placeholder and not placeholder.get_children().exists():
            placeholder.delete()
        home = HomePage(
            title="Komunitní plánování sociálních služeb",
            slug="domu",
            locale=locale,
            summary="Společné plánování sociálních a souvisejících služeb v regionu.",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
        site, _created = Site.objects.update_or_create(
            is_default_site=True,
            defaults={
                "hostname": "localhost",
                "port": 80,
                "root_page": home,
                "site_name": settings.WAGTAIL_SITE_NAME,
            },
        )
        return home
