"""Fill an empty database at the scale `make bench` measures (bench/run.py).

2,000 services from 300 providers, a plan of 12 chapters with 25 measures each and 200 kept
revisions per chapter, 100,000 audit rows, 50 news, 6 working groups and 500 pages waiting in
moderation. Pages are created live through the tree API; revisions, audit rows and many-to-many
rows are inserted in bulk. Refuses to run with production settings.
"""

import random
import time
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Revision, Site, Workflow

from kpss_pages.models import (
    CommunityPlanPage,
    FormOfProvision,
    Municipality,
    NewsIndexPage,
    NewsPage,
    Organisation,
    PlanChapterPage,
    ServiceIndexPage,
    ServiceKind,
    ServicePage,
    TargetGroup,
    WorkingGroupIndexPage,
    WorkingGroupPage,
)
from kpss_pages.validators import ico_check_digit
from search.models import PageSearchText
from workflows.roles import CONTENT_WORKFLOW, MANAGEMENT_TEAM

GROUPS = ["Senioři", "Rodina, děti a mládež", "Lidé se zdravotním postižením", "Lidé v krizi"]


def ico(n):
    first_seven = f"{7_000_000 + n:07d}"
    return first_seven + str(ico_check_digit(first_seven))


def measure(n, organisations, kinds, rng):
    return {
        "title": f"Opatření {n}: rozvoj terénních služeb v obcích mikroregionu",
        "description": "<p>Rozšíření kapacity a dostupnosti služby ve všech obcích území.</p>",
        "responsible": [rng.choice(organisations).pk],
        "partners": [rng.choice(organisations).pk for _ in range(2)],
        "year_from": 2026,
        "year_to": 2029,
        "estimated_cost": 250_000,
        "funding_sources": ["obce", "kraj"],
        "indicators": [{"name": "počet klientů", "unit": "klientů", "target_value": "40"}],
        "service_kinds": [rng.choice(kinds).pk],
    }


def hierarchy(first, measures, organisations, kinds, rng):
    """Priorities of 5 goals (5 measures each would be 25 per priority)."""
    goals = []
    for g in range(0, measures, 5):
        goals.append(
            {
                "title": f"Cíl {g // 5 + 1}",
                "description": "",
                "measures": [
                    measure(first + g + m, organisations, kinds, rng)
                    for m in range(min(5, measures - g))
                ],
            }
        )
    return [
        {
            "type": "priority",
            "value": {
                "title": "Dostupné služby v domácím prostředí",
                "description": "",
                "goals": goals,
            },
        }
    ]


class Command(BaseCommand):
    help = "Naplní prázdnou databázi daty v rozsahu pro měření výkonu (make bench)."

    def add_arguments(self, parser):
        parser.add_argument("--services", type=int, default=2000)
        parser.add_argument("--providers", type=int, default=300)
        parser.add_argument("--chapters", type=int, default=12)
        parser.add_argument("--measures", type=int, default=25)
        parser.add_argument("--revisions", type=int, default=200)
        parser.add_argument("--audit-rows", type=int, default=100_000)
        parser.add_argument("--news", type=int, default=50)
        parser.add_argument("--in-moderation", type=int, default=500)

    def handle(self, *args, **options):
        if getattr(settings, "KPSS_ENVIRONMENT", "") == "production":
            raise CommandError("Data pro měření výkonu nelze nahrát do produkčního prostředí.")
        if ServicePage.objects.exists():
            raise CommandError("Databáze už obsahuje služby; data pro měření patří do prázdné.")
        started = time.monotonic()
        rng = random.Random(7)  # noqa: S311 -- reproducible sample data, not security
        call_command("kpss_setup", stdout=open("/dev/null", "w"))  # noqa: SIM115
        home = Site.objects.get(is_default_site=True).root_page.specific
        with transaction.atomic():
            organisations = Organisation.objects.bulk_create(
                Organisation(name=f"Poskytovatel {n}, z. ú.", ico=ico(n), city="Valašské Meziříčí")
                for n in range(options["providers"])
            )
            groups = self.working_groups(home)
            catalogue = home.add_child(
                instance=ServiceIndexPage(title="Katalog služeb", slug="katalog-sluzeb")
            )
            services = self.services(catalogue, organisations, options["services"], rng)
            plan = self.plan(home, groups, organisations, options, rng)
            self.news(home, options["news"])
        PageSearchText.rebuild()
        from bench.audit import fill

        fill(options["audit_rows"], rng)
        self.moderation(services[: options["in_moderation"]])
        self.stdout.write(
            f"Hotovo za {time.monotonic() - started:.0f} s: {len(services)} služeb, "
            f"{len(organisations)} poskytovatelů, plán {plan.url_path}."
        )

    def working_groups(self, home):
        index = home.add_child(
            instance=WorkingGroupIndexPage(title="Pracovní skupiny", slug="pracovni-skupiny")
        )
        return [
            index.add_child(instance=WorkingGroupPage(title=name, slug=f"skupina-{n}"))
            for n, name in enumerate(GROUPS)
        ]

    def services(self, catalogue, organisations, count, rng):
        kinds = list(ServiceKind.objects.filter(locale=catalogue.locale))
        groups = list(TargetGroup.objects.filter(locale=catalogue.locale))
        forms = list(FormOfProvision.objects.filter(locale=catalogue.locale))
        towns = list(Municipality.objects.all()) or [
            Municipality.objects.create(name="Valašské Meziříčí", slug="valasske-mezirici")
        ]
        services = []
        for n in range(count):
            kind = rng.choice(kinds)
            services.append(
                catalogue.add_child(
                    instance=ServicePage(
                        title=f"{kind.name} {n}",
                        slug=f"sluzba-{n}",
                        provider=rng.choice(organisations),
                        kind=kind,
                        service_type=ServicePage.ServiceType.REGISTERED,
                        description="<p>Služba pomáhá lidem zůstat v domácím prostředí.</p>",
                        phone="+420 571 000 000",
                    )
                )
            )
        through = {
            "target_groups": (ServicePage.target_groups.through, "targetgroup_id", groups),
            "forms_of_provision": (
                ServicePage.forms_of_provision.through,
                "formofprovision_id",
                forms,
            ),
            "municipalities": (ServicePage.municipalities.through, "municipality_id", towns),
        }
        for model, column, choices in through.values():
            model.objects.bulk_create(
                model(servicepage_id=service.pk, **{column: choice.pk})
                for service in services
                for choice in rng.sample(choices, min(2, len(choices)))
            )
        return services

    def plan(self, home, groups, organisations, options, rng):
        kinds = list(ServiceKind.objects.filter(locale=home.locale))
        plan = home.add_child(
            instance=CommunityPlanPage(
                title="Komunitní plán 2026–2029",
                slug="komunitni-plan",
                territory="mikroregion Valašskomeziříčsko-Kelečsko",
                valid_from=2026,
                valid_to=2029,
            )
        )
        first = 1
        for number in range(1, options["chapters"] + 1):
            raw = hierarchy(first, options["measures"], organisations, kinds, rng)
            first += options["measures"]
            chapter = plan.add_child(
                instance=PlanChapterPage(
                    title=f"Kapitola {number}",
                    slug=f"kapitola-{number}",
                    number=number,
                    working_group=groups[number % len(groups)],
                    priorities=PlanChapterPage.hierarchy_from_raw(raw),
                )
            )
            revision = chapter.save_revision()
            revision.publish()
            content = Revision.objects.get(pk=revision.pk).content
            Revision.objects.bulk_create(
                Revision(
                    content_type_id=revision.content_type_id,
                    base_content_type_id=revision.base_content_type_id,
                    object_id=revision.object_id,
                    object_str=revision.object_str,
                    content=content,
                    created_at=timezone.now() - timedelta(hours=n),
                )
                for n in range(1, options["revisions"])
            )
        return plan

    def news(self, home, count):
        index = home.add_child(instance=NewsIndexPage(title="Aktuality", slug="aktuality"))
        for n in range(count):
            index.add_child(
                instance=NewsPage(
                    title=f"Aktualita {n}",
                    slug=f"aktualita-{n}",
                    date=f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}",
                    body=[{"type": "paragraph", "value": "<p>Zpráva z jednání skupiny.</p>"}],
                )
            )

    def moderation(self, pages):
        """Drafts submitted to the management team's review, for the dashboard."""
        User = get_user_model()
        author = User.objects.create_user("bench.autor", "autor@example.cz", None)
        reviewer = User.objects.create_user("bench.mt", "mt@example.cz", None)
        from django.contrib.auth.models import Group

        reviewer.groups.add(Group.objects.get(name=MANAGEMENT_TEAM))
        workflow = Workflow.objects.get(name=CONTENT_WORKFLOW)
        for page in pages:
            page.title = f"{page.title} (úprava)"
            page.save_revision(user=author)
            workflow.start(page, author)
