"""The demo's planning content: working groups with members and meetings, the community plan
with its chapters and measures, the catalogue of services and the English translations."""

from datetime import date

from django.core.management.base import CommandError
from django.utils.text import slugify

from wagtail.models import Locale, Page

from demo import data, plan_text
from demo.site import Builder, rich
from kpss_pages.models import (
    AgeCategory,
    CommunityPlanPage,
    FormOfProvision,
    MeetingPage,
    PlanChapterPage,
    ServiceIndexPage,
    ServiceKind,
    ServicePage,
    ServicePlace,
    StandardPage,
    TargetGroup,
    WorkingGroupIndexPage,
    WorkingGroupMember,
    WorkingGroupPage,
)


class PlanningBuilder(Builder):
    """Mixed into the kpss_demo command: working groups, the plan and the catalogue."""

    def working_groups(self, home):
        targets = {t.slug: t for t in TargetGroup.objects.filter(locale=self.locale)}
        index = self.child(
            home,
            WorkingGroupIndexPage,
            "pracovni-skupiny",
            title="Pracovní skupiny",
            summary="Šest skupin, které připravují kapitoly plánu pro jednotlivé cílové skupiny.",
            show_in_menus=True,
            introduction=rich("Každá skupina sdružuje zadavatele, poskytovatele i uživatele."),
        )
        groups = {}
        for key, title, target_slugs, description in data.WORKING_GROUPS:
            group = self.child(
                index,
                WorkingGroupPage,
                slugify(title),
                title=title,
                summary=description,
                description=rich(description),
                meeting_schedule="zpravidla jednou za dva měsíce, termíny v zápisech",
                # Indexing (not filtering) makes a misspelt slug in the demo data fail loudly.
                target_groups=[targets[slug] for slug in target_slugs],
            )
            groups[key] = group
            for order, (name, org, role, manager, display, consent, position) in enumerate(
                data.MEMBERS[key]
            ):
                _member, created = WorkingGroupMember.objects.get_or_create(
                    working_group=group,
                    name=name,
                    defaults={
                        "organisation": self.organisations.get(org),
                        "triad_role": role,
                        "is_manager": manager,
                        "public_display": display,
                        "consent_date": date.fromisoformat(consent) if consent else None,
                        "position": position,
                        "sort_order": order,
                    },
                )
                self.created += created
            for day, title_, place, count, minutes in data.MEETINGS[key]:
                self.child(
                    group,
                    MeetingPage,
                    f"{day}-{slugify(title_)}"[:80],
                    title=title_,
                    date=date.fromisoformat(day),
                    place=place,
                    attendance_count=count,
                    agenda="<ol><li>Zahájení</li><li>Projednání návrhu</li><li>Různé</li></ol>",
                    minutes=minutes,
                )
        return groups

    def plan(self, home, groups):
        plan = self.child(
            home,
            CommunityPlanPage,
            "komunitni-plan-2026-2029",
            publish=False,
            title="Komunitní plán sociálních služeb 2026–2029",
            summary="Střednědobý plán rozvoje sociálních a souvisejících služeb mikroregionu.",
            show_in_menus=True,
            territory="mikroregion Valašskomeziříčsko-Kelečsko (18 obcí, ORP Valašské Meziříčí)",
            valid_from=2026,
            valid_to=2029,
            introduction=rich(
                "Plán navazuje na předchozí plány z let 2012–2016 a 2022–2024. Vznikl v šesti "
                "pracovních skupinách, posoudil jej manažerský tým a schválila nadoborová skupina "
                "pro dohodu."
            ),
        )
        kinds = {k.paragraph: k.pk for k in ServiceKind.objects.filter(locale=self.locale)}
        for number, group_key, title, summary, priorities in plan_text.PLAN_CHAPTERS:
            self.child(
                plan,
                PlanChapterPage,
                slugify(title),
                publish=False,
                title=title,
                summary=summary,
                number=number,
                working_group=groups[group_key],
                body=[{"type": "paragraph", "value": rich(plan_text.CHAPTER_INTRODUCTION)}],
                priorities=PlanChapterPage.hierarchy_from_raw(
                    [self.priority_data(p, kinds) for p in priorities]
                ),
            )
        return plan

    def priority_data(self, priority, kinds):
        title, goals = priority
        orgs = self.organisations
        return {
            "type": "priority",
            "value": {
                "title": title,
                "description": "",
                "goals": [
                    {
                        "title": goal_title,
                        "description": "",
                        "measures": [
                            {
                                "title": m["title"],
                                "description": rich(m["text"]),
                                "responsible": [orgs[k].pk for k in m["responsible"]],
                                "partners": [orgs[k].pk for k in m["partners"]],
                                "year_from": m["years"][0],
                                "year_to": m["years"][1],
                                "estimated_cost": m["cost"],
                                "funding_sources": m["sources"],
                                "indicators": [
                                    {"name": name, "unit": unit, "target_value": str(target)}
                                    for name, unit, target in m["indicators"]
                                ],
                                "service_kinds": [kinds[p] for p in m["kinds"]],
                                "services": [
                                    {
                                        "service": self.service_ids[slugify(title)]
                                        if title
                                        else None,
                                        "planned_service": planned,
                                        "relation": relation,
                                        "capacity_change": change,
                                        "unit": unit,
                                    }
                                    for title, planned, relation, change, unit in m["services"]
                                ],
                            }
                            for m in measures
                        ],
                    }
                    for goal_title, measures in goals
                ],
            },
        }

    def services(self, home):
        index = self.child(
            home,
            ServiceIndexPage,
            "katalog-sluzeb",
            title="Katalog služeb",
            summary="Sociální a související služby dostupné obyvatelům mikroregionu.",
            show_in_menus=True,
            introduction=rich("Vyberte službu podle toho, komu a jak pomáhá."),
        )
        forms_ = {f.slug: f for f in FormOfProvision.objects.filter(locale=self.locale)}
        targets = {t.slug: t for t in TargetGroup.objects.filter(locale=self.locale)}
        ages = {a.slug: a for a in AgeCategory.objects.filter(locale=self.locale)}
        kinds = {k.paragraph: k for k in ServiceKind.objects.filter(locale=self.locale)}
        lookups = (forms_, targets, ages)
        for number, row in enumerate(data.SERVICES, start=1):
            title, org, paragraph = row[:3]
            provider = self.organisations[org]
            kind = kinds[paragraph] if paragraph else None
            slug = slugify(title)
            if index.get_children().filter(slug=slug).exists():
                continue
            page = self.service_page(number, row, title, slug, provider, kind, lookups)
            index.add_child(instance=page)
            page.save_revision().publish()
            self.created += 1
        # The plan's measures name the services they concern (kpss_pages/measure_services.py).
        self.service_ids = dict(index.get_children().values_list("slug", "pk"))

    def service_page(self, number, row, title, slug, provider, kind, lookups):
        """One catalogue page from a row of data.SERVICES (not saved)."""
        (_title, org, paragraph, category, form_slugs, target_slugs, age_slugs,
         capacity, unit, towns, secret) = row  # fmt: skip
        forms_, targets, ages = lookups
        page = ServicePage(
            title=title,
            slug=slug,
            locale=self.locale,
            summary=f"{kind or category.capitalize()} – {provider.name}",
            provider=provider,
            service_type="registered" if paragraph else "related",
            kind=kind,
            related_category=category,
            registry_id=f"{7_000_000 + number * 1_337:07d}" if paragraph else "",
            registration_date=date(2015, 1, 1) if paragraph else None,
            capacity=capacity,
            capacity_unit=unit,
            phone=f"+420 571 {600 + number:03d} {100 + number:03d}",
            email=f"sluzba{number}@{slugify(provider.name.split(',')[0])[:20].strip('-')}.example.cz",
            web=provider.web,
            opening_hours="po–pá 7:30–15:30"
            if "ambulantni" in form_slugs
            else "dle dohody s klientem",
            fees="zdarma"
            if paragraph in {"37", "54", "59", "60", "60a", "61", "62", "65", "69"}
            else "podle platného ceníku a vyhlášky č. 505/2006 Sb.",
            description=rich(
                f"{title} pomáhá lidem v mikroregionu Valašskomeziříčsko-Kelečsko. "
                "Služba vychází z individuálních potřeb každého klienta a podporuje jeho "
                "samostatnost. (Ukázkový popis.)"
            ),
        )
        page.forms_of_provision = [forms_[s] for s in form_slugs]
        page.target_groups = [targets[s] for s in target_slugs]
        page.age_categories = [ages[s] for s in age_slugs]
        page.municipalities = [self.municipalities[t] for t in towns]
        town = self.municipalities[data.ORGANISATIONS[org][5]]
        page.places = [
            ServicePlace(
                name="Sídlo služby",
                street=data.ORGANISATIONS[org][3],
                postcode=data.ORGANISATIONS[org][4],
                municipality=town,
                secret_address=secret,
            )
        ]
        return page

    def english(self, home, plan):
        """English versions made with wagtail-localize, as a translator would, from the approved
        Czech versions: the code lists, the home page, the page about planning, the plan and its
        first chapter. Strings come from demo/english.py. The loader publishes the code lists
        and pages as it does the Czech ones; the plan's pages are returned as drafts for the
        approval route."""
        from wagtail_localize.models import Translation
        from wagtail_localize.operations import translate_object

        from demo.english import ENGLISH

        locale = Locale.objects.get(language_code="en")
        drafts = []
        objects = [
            *(
                item
                for model in (ServiceKind, TargetGroup, AgeCategory, FormOfProvision)
                for item in model.objects.filter(locale=self.locale)
            ),
            home,
            StandardPage.objects.child_of(home).get(slug="o-komunitnim-planovani"),
            plan,
            PlanChapterPage.objects.child_of(plan).order_by("number").first(),
        ]
        for instance in objects:
            if instance.get_translations().filter(locale=locale).exists():
                continue
            translate_object(instance, [locale])
            translation = Translation.objects.get(
                source__object_id=instance.translation_key, target_locale=locale
            )
            po = translation.export_po()
            missing = [entry.msgid for entry in po if entry.msgid not in ENGLISH]
            if missing:
                raise CommandError(f"Chybí anglický text pro: {missing}")
            for entry in po:
                entry.msgstr = ENGLISH[entry.msgid]
            translation.import_po(po, tool_name="kpss_demo")
            if isinstance(instance, (CommunityPlanPage, PlanChapterPage)):
                translation.save_target(publish=False)
                drafts.append(instance.get_translation(locale))
            elif isinstance(instance, Page):
                # Published at once, not on commit as wagtail-localize does: a deferred publish
                # would write back a stale child count of the parent page (treebeard numchild).
                translation.save_target(publish=False)
                instance.get_translation(locale).get_latest_revision().publish()
            else:
                translation.save_target(publish=True)
            self.created += 1
        return drafts
