"""Build the demo site for mikroregion Valašskomeziříčsko-Kelečsko.

Idempotent: pages and records are looked up by slug or key and created only when missing, so a
second run adds no rows, revisions or history. Refuses to run with production settings.
"""

import secrets
from datetime import date
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils.text import slugify

from wagtail.models import Locale, Page, Site

from demo import data, people, route
from kpss_pages.models import (
    AccessibilityStatementPage,
    AgeCategory,
    CommunityPlanPage,
    DocumentIndexPage,
    FormOfProvision,
    MeetingPage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    Organisation,
    PlanChapterPage,
    ServiceIndexPage,
    ServiceKind,
    ServicePage,
    ServicePlace,
    SiteSettings,
    StandardPage,
    TargetGroup,
    WorkingGroupIndexPage,
    WorkingGroupMember,
    WorkingGroupPage,
)
from kpss_pages.reference_data import sync_row

DEMO_PASSWORD_FILE = Path(settings.BASE_DIR) / "var" / "demo-password.txt"


def ensure_child(parent, model, slug, publish=True, **fields):
    """Return the child page with this slug, creating it if it is missing: published, or as a
    draft that only the approval route publishes (the plan and its chapters)."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing:
        return existing.specific, False
    many_to_many = {
        name: fields.pop(name)
        for name in list(fields)
        if name in {f.name for f in model._meta.many_to_many}
    }
    page = model(slug=slug, locale=parent.locale, live=publish, **fields)
    for name, values in many_to_many.items():
        setattr(page, name, values)
    parent.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page, True


def rich(text):
    return f"<p>{text}</p>"


class Command(BaseCommand):
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
            plan = self.plan(home, groups)
            self.services(home)
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
        self.stdout.write(
            self.style.SUCCESS(f"kpss_demo: hotovo, nově vytvořeno {self.created} položek.")
        )
        self.stdout.write(f"Administrace: {settings.WAGTAILADMIN_BASE_URL}/admin/")
        self.stdout.write(f"Heslo všech ukázkových uživatelů: {password}")
        self.stdout.write("Uživatelé: admin (správce), " + ", ".join(sorted(users)))

    # --- records --------------------------------------------------------------------------

    def load_municipalities(self):
        result = {}
        for name in data.MUNICIPALITIES:
            obj, _changed = sync_row(Municipality, {"slug": slugify(name)}, {"name": name})
            result[name] = obj
        return result

    def load_organisations(self):
        result = {}
        for key, (name, seven, role, street, postcode, city, web) in data.ORGANISATIONS.items():
            obj, _changed = sync_row(
                Organisation,
                {"ico": data.demo_ico(seven)},
                {
                    "name": name,
                    "triad_role": role,
                    "street": street,
                    "postcode": postcode,
                    "city": city,
                    "web": web,
                },
            )
            result[key] = obj
        return result

    def setup_site_settings(self, home):
        site = Site.objects.get(is_default_site=True)
        site_settings = SiteSettings.for_site(site)
        sync_row(
            SiteSettings,
            {"site": site},
            {
                "region_name": "Mikroregion Valašskomeziříčsko-Kelečsko",
                "contact_name": "Koordinátor KPSS mikroregionu (ukázka)",
                "contact_email": "kpss@mikroregion.example.cz",
                "contact_phone": "+420 571 000 000",
                "contact_address": "Náměstí 7\n757 01 Valašské Meziříčí",
                "is_demo": True,
            },
        )
        return site_settings

    # --- pages ----------------------------------------------------------------------------

    def fill_home(self, home):
        if home.introduction:
            return
        home.title = "Komunitní plánování sociálních služeb na Valašskomeziříčsku a Kelečsku"
        home.introduction = rich(
            "Společně plánujeme sociální a související služby tak, aby odpovídaly potřebám lidí "
            "v osmnácti obcích mikroregionu. Zapojit se může každý: obce, poskytovatelé služeb "
            "i ti, kdo služby využívají."
        )
        home.body = [
            {"type": "heading", "value": {"text": "Co na webu najdete", "level": "h2"}},
            {
                "type": "paragraph",
                "value": "<ul><li>schválený komunitní plán s prioritami, cíli a opatřeními,</li>"
                "<li>katalog sociálních a souvisejících služeb v mikroregionu,</li>"
                "<li>pracovní skupiny, jejich členy a zápisy z jednání,</li>"
                "<li>aktuality z procesu plánování.</li></ul>",
            },
        ]
        home.save_revision().publish()
        self.created += 1

    def legal_pages(self, home):
        from datetime import date

        _page, created = ensure_child(
            home,
            AccessibilityStatementPage,
            "prohlaseni-o-pristupnosti",
            title="Prohlášení o přístupnosti",
            body_name="Mikroregion Valašskomeziříčsko-Kelečsko, svazek obcí (ukázka)",
            website="kpss.mikroregion.example.cz",
            compliance=AccessibilityStatementPage.Compliance.PARTIAL,
            inaccessible_content=rich(
                "Některé starší zápisy z jednání pracovních skupin jsou zveřejněny jako "
                "naskenované dokumenty PDF bez textové vrstvy (nesoulad s požadavkem 1.1.1 "
                "WCAG 2.1). Na požádání je zašleme v přístupné podobě."
            ),
            prepared_on=date(2026, 9, 1),
            reviewed_on=date(2026, 11, 1),
            method=AccessibilityStatementPage.Method.SELF,
            feedback_contact=rich(
                "Nepřístupný obsah hlaste koordinátorovi KPSS na e-mail "
                '<a href="mailto:kpss@mikroregion.example.cz">kpss@mikroregion.example.cz</a> '
                "nebo na telefon +420 571 000 000."
            ),
        )
        self.created += created
        privacy, created = ensure_child(
            home,
            StandardPage,
            "ochrana-osobnich-udaju",
            title="Ochrana osobních údajů",
            summary="Jaké osobní údaje zpracováváme, proč a jaká máte práva.",
            body=[
                {"type": "paragraph", "value": rich(
                    "Správcem osobních údajů je svazek obcí mikroregionu (ukázka). Jména členů "
                    "pracovních skupin zveřejňujeme jen s jejich souhlasem, který lze kdykoli "
                    "odvolat u koordinátora KPSS. Web nepoužívá analytické ani reklamní cookies."
                )},
            ],
        )  # fmt: skip
        self.created += created
        site = Site.objects.get(is_default_site=True)
        sync_row(SiteSettings, {"site": site}, {"privacy_page_id": privacy.pk})

    def documents_page(self, home):
        from django.core.files.base import ContentFile

        from wagtail.documents import get_document_model

        from weasyprint import HTML

        Document = get_document_model()
        title = "Zápis z jednání manažerského týmu 10/2026 (ukázka)"
        minutes = Document.objects.filter(title=title).first()
        if minutes is None:
            pdf = HTML(
                string="<h1>Zápis z jednání manažerského týmu</h1><p>Ukázkový dokument.</p>"
            ).write_pdf()
            minutes = Document(title=title)
            minutes.file.save("zapis-mt-2026-10.pdf", ContentFile(pdf), save=False)
            minutes._set_document_file_metadata()  # size and hash, as the admin's upload sets them
            minutes.save()
            self.created += 1
        sections = [
            {"type": "section", "value": {
                "heading": "Zápisy z jednání",
                "description": "Zápisy manažerského týmu a nadoborové skupiny.",
                "documents": [{"document": minutes.pk, "title": ""}],
            }},
        ]  # fmt: skip
        _page, created = ensure_child(
            home,
            DocumentIndexPage,
            "dokumenty-ke-stazeni",
            title="Dokumenty",
            summary="Plány, zápisy z jednání a další dokumenty ke stažení.",
            show_in_menus=True,
            sections=sections,
        )
        self.created += created

    def about_page(self, home):
        body = [
            {"type": "paragraph", "value": rich(
                "Komunitní plánování je způsob, jak v obci nebo regionu zjistit, co lidé "
                "potřebují, a podle toho utvářet nabídku sociálních služeb. Nejde o rozhodování "
                "od stolu, ale o otevřený a opakovaný rozhovor všech, kterých se služby týkají."
            )},
            {"type": "heading", "value": {"text": "Kdo se účastní", "level": "h2"}},
            {"type": "paragraph", "value":
                "<ul><li><b>Zadavatelé</b> – obce a kraj, které za zajištění služeb odpovídají "
                "a platí je.</li><li><b>Poskytovatelé</b> – neziskové i příspěvkové organizace, "
                "které služby provozují.</li><li><b>Uživatelé</b> – lidé v nepříznivé sociální "
                "situaci, kteří služby využívají, a veřejnost.</li></ul>"},
            {"type": "heading", "value": {"text": "Na čem plánování stojí", "level": "h2"}},
            {"type": "paragraph", "value":
                "<ol><li>Partnerství: potřeby všech účastníků mají stejnou váhu.</li>"
                "<li>Nikdo nesmí být vyloučen.</li><li>Hledání nových lidských a finančních "
                "zdrojů.</li><li>Rovný přístup k informacím a jejich předávání veřejnosti.</li>"
                "<li>Cesta je stejně důležitá jako výsledný dokument.</li><li>Spolupráce mezi "
                "všemi účastníky.</li>"
                "<li>Kompromis mezi tím, co chceme, a tím, co máme.</li></ol>"},
            {"type": "heading", "value": {"text": "Plánování v našem mikroregionu", "level": "h2"}},
            {"type": "paragraph", "value": rich(
                "V mikroregionu se komunitně plánuje od roku 2006, nejprve ve Valašském Meziříčí, "
                "od roku 2011 v celém mikroregionu. Pracuje zde šest pracovních skupin zaměřených "
                "na jednotlivé cílové skupiny. Jejich práci zastřešuje manažerský tým a plán "
                "schvaluje nadoborová skupina pro dohodu, v níž zasedají zástupci obcí a dalších "
                "organizací regionu."
            )},
            {"type": "callout", "value": {
                "kind": "info", "title": "Chcete se zapojit?",
                "text": rich("Přijďte na jednání kterékoli pracovní skupiny; termíny najdete "
                             "na stránkách skupin."),
            }},
            {"type": "quote", "value": {
                "text": "Plánování sociálních služeb je věc veřejná.",
                "attribution": "motto komunitního plánování",
            }},
        ]  # fmt: skip
        _page, created = ensure_child(
            home,
            StandardPage,
            "o-komunitnim-planovani",
            title="O komunitním plánování",
            summary="Co je komunitní plánování, kdo se ho účastní a jak probíhá v mikroregionu.",
            show_in_menus=True,
            body=body,
        )
        self.created += created

    def working_groups(self, home):
        targets = {t.slug: t for t in TargetGroup.objects.filter(locale=self.locale)}
        index, created = ensure_child(
            home,
            WorkingGroupIndexPage,
            "pracovni-skupiny",
            title="Pracovní skupiny",
            summary="Šest skupin, které připravují kapitoly plánu pro jednotlivé cílové skupiny.",
            show_in_menus=True,
            introduction=rich("Každá skupina sdružuje zadavatele, poskytovatele i uživatele."),
        )
        self.created += created
        groups = {}
        for key, title, target_slugs, description in data.WORKING_GROUPS:
            group, created = ensure_child(
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
            self.created += created
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
                _meeting, created = ensure_child(
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
                self.created += created
        return groups

    def plan(self, home, groups):
        plan, created = ensure_child(
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
        self.created += created
        kinds = {k.paragraph: k.pk for k in ServiceKind.objects.filter(locale=self.locale)}
        for number, group_key, title, summary, priorities in data.PLAN_CHAPTERS:
            _chapter, created = ensure_child(
                plan,
                PlanChapterPage,
                slugify(title),
                publish=False,
                title=title,
                summary=summary,
                number=number,
                working_group=groups[group_key],
                body=[{"type": "paragraph", "value": rich(data.CHAPTER_INTRODUCTION)}],
                priorities=PlanChapterPage.hierarchy_from_raw(
                    [self.priority_data(p, kinds) for p in priorities]
                ),
            )
            self.created += created
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
                            }
                            for m in measures
                        ],
                    }
                    for goal_title, measures in goals
                ],
            },
        }

    def services(self, home):
        index, created = ensure_child(
            home,
            ServiceIndexPage,
            "katalog-sluzeb",
            title="Katalog služeb",
            summary="Sociální a související služby dostupné obyvatelům mikroregionu.",
            show_in_menus=True,
            introduction=rich("Vyberte službu podle toho, komu a jak pomáhá."),
        )
        self.created += created
        forms_ = {f.slug: f for f in FormOfProvision.objects.filter(locale=self.locale)}
        targets = {t.slug: t for t in TargetGroup.objects.filter(locale=self.locale)}
        ages = {a.slug: a for a in AgeCategory.objects.filter(locale=self.locale)}
        kinds = {k.paragraph: k for k in ServiceKind.objects.filter(locale=self.locale)}
        for number, row in enumerate(data.SERVICES, start=1):
            (title, org, paragraph, category, form_slugs, target_slugs, age_slugs,
             capacity, unit, towns, secret) = row  # fmt: skip
            provider = self.organisations[org]
            kind = kinds[paragraph] if paragraph else None
            slug = slugify(title)
            if index.get_children().filter(slug=slug).exists():
                continue
            page = ServicePage(
                title=title,
                slug=slug,
                locale=index.locale,
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
            index.add_child(instance=page)
            page.save_revision().publish()
            self.created += 1

    def news(self, home):
        index, created = ensure_child(
            home,
            NewsIndexPage,
            "aktuality",
            title="Aktuality",
            summary="Novinky z komunitního plánování v mikroregionu.",
            show_in_menus=True,
        )
        self.created += created
        for day, title, summary, text in data.NEWS:
            _page, created = ensure_child(
                index,
                NewsPage,
                slugify(title),
                title=title,
                summary=summary,
                date=date.fromisoformat(day),
                body=[{"type": "paragraph", "value": text}],
            )
            self.created += created

    # --- English ---------------------------------------------------------------------------

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

    # --- people ---------------------------------------------------------------------------

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
