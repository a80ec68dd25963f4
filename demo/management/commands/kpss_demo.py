"""Build the demo site for mikroregion Valašskomeziříčsko-Kelečsko.

Idempotent: pages and records are looked up by slug or key and created only when missing, so a
second run adds no rows, revisions or history. Refuses to run with production settings.
"""

import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from wagtail.models import Locale, Site

from demo import (
    action_plans,
    consultation,
    evidence,
    monitoring,
    people,
    route,
    settled_consultation,
)
from demo.planning import PlanningBuilder
from demo.site import SiteBuilder

DEMO_PASSWORD_FILE = Path(settings.BASE_DIR) / "var" / "demo-password.txt"


class Command(SiteBuilder, PlanningBuilder, BaseCommand):
    help = "Vytvoří ukázkový web mikroregionu Valašskomeziříčsko-Kelečsko (opakovatelně)."

    def handle(self, *args, **options):
        if getattr(settings, "KPSS_ENVIRONMENT", "") == "production":
            raise CommandError("Ukázková data nelze nahrát do produkčního prostředí.")
        call_command("kpss_setup", stdout=self.stdout)
        with transaction.atomic():
            self.created = 0
            self.locale = Locale.get_default()
            self.municipalities = self.load_municipalities()
            self.organisations = self.load_organisations()
            home = Site.objects.get(is_default_site=True).root_page.specific
            self.setup_site_settings(home)
            self.fill_home(home)
            self.about_page(home)
            self.legal_pages(home)
            self.documents_page(home)
            groups = self.working_groups(home)
            self.services(home)
            plan = self.plan(home, groups)
            self.news(home)
        password = self.admin_user()
        with transaction.atomic():
            users, created = people.create_users(password)
            self.created += created
            if not plan.live:
                # The first load: the plan goes public the only way it may, through the route.
                self.created += route.approve_plan(users, plan)
                self.created += route.approve_translations(users, self.english(home, plan))
                self.created += route.drafts_in_every_state(users, plan)
                self.created += route.review_service_and_news(users, home)
                self.created += settled_consultation.settled_consultation(users, plan)
                upcoming = action_plans.action_plans(self, users, plan)
                self.created += consultation.open_consultation(users, upcoming)
                self.created += monitoring.monitoring(self, users, plan)
                microregion = evidence.territories(self.municipalities)
                self.created += evidence.imports(users)
                self.created += evidence.analysis_page(self, users, home, plan, microregion)
        self.stdout.write(
            self.style.SUCCESS(f"kpss_demo: hotovo, nově vytvořeno {self.created} položek.")
        )
        self.stdout.write(f"Administrace: {settings.WAGTAILADMIN_BASE_URL}/admin/")
        self.stdout.write(f"Heslo všech ukázkových uživatelů: {password}")
        self.stdout.write("Uživatelé: admin (správce), " + ", ".join(sorted(users)))

    def demo_password(self):
        """KPSS_DEMO_PASSWORD, else a random one kept in var/ so later runs can print it again."""
        if settings.KPSS_DEMO_PASSWORD:
            return settings.KPSS_DEMO_PASSWORD
        if DEMO_PASSWORD_FILE.exists():
            return DEMO_PASSWORD_FILE.read_text().strip()
        password = secrets.token_urlsafe(12)
        DEMO_PASSWORD_FILE.parent.mkdir(parents=True, exist_ok=True)
        DEMO_PASSWORD_FILE.write_text(password + "\n")
        DEMO_PASSWORD_FILE.chmod(0o600)
        return password

    def admin_user(self):
        password = self.demo_password()
        User = get_user_model()
        if not User.objects.filter(username="admin").exists():
            User.objects.create_superuser(
                "admin",
                "admin@mikroregion.example.cz",
                password,
                first_name="Správce",
                last_name="webu",
            )
            self.created += 1
        return password
