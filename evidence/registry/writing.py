"""Writing the registry's services: new ones as draft pages, changes as new revisions, each
submitted to the management team's review; nothing is published here."""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.log_actions import log
from wagtail.models import Locale, ReferenceIndex
from wagtail.signal_handlers import disable_reference_index_auto_update

from evidence.importing import ImportRefused
from kpss_pages.models import Organisation, ServiceIndexPage, ServicePage, ServicePlace
from workflows import notifications
from workflows.roles import MANAGEMENT_TEAM

from .reading import NEW_DESCRIPTION, REGISTRY_FIELDS, REGISTRY_LISTS, address_parts


class Writer:
    """Writes the records as draft pages and revisions, each submitted to the route."""

    def __init__(self, user, counts, progress):
        self.user, self.counts, self.progress = user, counts, progress
        locale = Locale.get_default()
        self.catalogue = ServiceIndexPage.objects.filter(locale=locale).first()
        if self.catalogue is None:
            raise ImportRefused([_("Na webu není katalog služeb, kam by služby patřily.")])
        self.organisations = {o.ico: o for o in Organisation.objects.exclude(ico=None)}
        self.pages = {
            page.registry_id: page
            for page in ServicePage.objects.filter(locale=locale).exclude(registry_id="")
        }
        self.slugs = set(self.catalogue.get_children().values_list("slug", flat=True))
        self.written = []

    def provider(self, record):
        organisation = self.organisations.get(record.ico)
        if organisation is None:
            street, postcode = address_parts(record.provider_address)
            organisation = Organisation(
                name=record.provider_name[:255],
                ico=record.ico,
                street=street[:255],
                postcode=f"{postcode[:3]} {postcode[3:]}" if len(postcode) == 5 else "",
            )
            organisation.full_clean()
            organisation._history_user = self.user  # django-simple-history: who, outside a request
            organisation.save()
            self.organisations[record.ico] = organisation
        return organisation

    def write(self, records):
        # One summary mail instead of one per page, and each written page's references indexed
        # once at the end instead of on each of its saves.
        with notifications.muted(), disable_reference_index_auto_update():
            for index, record in enumerate(records, start=1):
                try:
                    self.write_one(record)
                except ValidationError as error:
                    raise ImportRefused(
                        [f"{record.registry_id} {record.title}: {'; '.join(error.messages)}"]
                    ) from error
                if index % 100 == 0 or index == len(records):
                    self.progress(
                        _("Zpracováno služeb: %(done)s z %(total)s.")
                        % {"done": index, "total": len(records)}
                    )
        for page in self.written:
            ReferenceIndex.create_or_update_for_object(page)
        if self.written:
            self.tell_the_reviewers()

    def write_one(self, record):
        page = self.pages.get(record.registry_id)
        if page is None:
            self.written.append(self.create(record))
        elif self.update(page, record):
            self.written.append(page)

    def tell_the_reviewers(self):
        reviewers = get_user_model().objects.filter(groups__name=MANAGEMENT_TEAM).distinct()
        notifications.send_after_commit(
            "evidence/mail/registry_drafts",
            {
                "created": self.counts["created"],
                "changed": self.counts["changed"],
                "user": self.user,
                "pages": self.written[:50],
                "more": max(len(self.written) - 50, 0),
                "dashboard_url": notifications.admin_url("wagtailadmin_home"),
            },
            sorted({u.email for u in reviewers if u.is_active and u.email and u != self.user}),
        )

    def registry_values(self, record):
        return {
            "provider": self.provider(record),
            "kind": record.kind,
            "registration_date": record.registration_date,
            "capacity": record.capacity,
            "capacity_unit": record.capacity_unit,
            "forms_of_provision": record.forms,
            "target_groups": record.target_groups,
            "municipalities": record.municipalities,
        }

    def create(self, record):
        slug = base = slugify(record.title)[:80] or record.registry_id
        while slug in self.slugs:
            slug = f"{base}-{record.registry_id}"[:100] if slug == base else slug + "-1"
        self.slugs.add(slug)
        values = self.registry_values(record)
        page = ServicePage(
            title=record.title[:255],
            slug=slug,
            live=False,
            service_type=ServicePage.ServiceType.REGISTERED,
            registry_id=record.registry_id,
            description=NEW_DESCRIPTION,
            **{name: values[name] for name in REGISTRY_FIELDS},
        )
        for name in REGISTRY_LISTS:
            setattr(page, name, values[name])
        page.places = [
            ServicePlace(name=name[:255], street=street, postcode=postcode, municipality=town)
            for name, street, postcode, town in record.places
        ]
        self.catalogue.add_child(instance=page)
        log(instance=page, action="wagtail.create", user=self.user)
        page.save_revision(user=self.user, log_action=True, clean=False)  # add_child validated it
        self.submit(page)
        self.counts["created"] += 1
        return page

    def update(self, page, record):
        draft = page.get_latest_revision_as_object()
        values = self.registry_values(record)
        # rpss.json names the places of provision, not the whole area a service covers: the
        # registry's municipalities are added to the page's, never taken away.
        towns = {town.pk: town for town in draft.municipalities.all()}
        values["municipalities"] = sorted(
            {**towns, **{town.pk: town for town in values["municipalities"]}}.values(),
            key=lambda town: town.name,
        )
        changed = [name for name in REGISTRY_FIELDS if getattr(draft, name) != values[name]]
        changed += [
            name
            for name in REGISTRY_LISTS
            if {row.pk for row in getattr(draft, name).all()} != {row.pk for row in values[name]}
        ]
        if not changed:
            self.counts["unchanged"] += 1
            return False
        for name in changed:
            setattr(draft, name, values[name])
        draft.save_revision(user=self.user, log_action=True)
        self.counts["changed"] += 1
        # A route under way takes the new revision; one returned for changes waits for its
        # author to resubmit (Wagtail allows one such route a page).
        if page.current_workflow_state is None:
            self.submit(page)
        return True

    def submit(self, page):
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, self.user)
