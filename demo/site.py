"""The demo's records and the site around the plan: municipalities, organisations, settings,
the home, about, legal, documents and news pages."""

from datetime import date

from django.utils.text import slugify

from wagtail.models import Site

from demo import data
from kpss_pages.models import (
    AccessibilityStatementPage,
    DocumentIndexPage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    Organisation,
    SiteSettings,
    StandardPage,
)
from kpss_pages.reference_data import sync_row


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


class Builder:
    """What the demo's builders share: each creates what is missing and counts it in
    self.created."""

    created = 0

    def child(self, parent, model, slug, **fields):
        """ensure_child, counted."""
        page, created = ensure_child(parent, model, slug, **fields)
        self.created += created
        return page


class SiteBuilder(Builder):
    """Mixed into the kpss_demo command: the site's frame, news and documents."""

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

        self.child(
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
        privacy = self.child(
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
        self.child(
            home,
            DocumentIndexPage,
            "dokumenty-ke-stazeni",
            title="Dokumenty",
            summary="Plány, zápisy z jednání a další dokumenty ke stažení.",
            show_in_menus=True,
            sections=sections,
        )

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
        self.child(
            home,
            StandardPage,
            "o-komunitnim-planovani",
            title="O komunitním plánování",
            summary="Co je komunitní plánování, kdo se ho účastní a jak probíhá v mikroregionu.",
            show_in_menus=True,
            body=body,
        )

    def news(self, home):
        index = self.child(
            home,
            NewsIndexPage,
            "aktuality",
            title="Aktuality",
            summary="Novinky z komunitního plánování v mikroregionu.",
            show_in_menus=True,
        )
        for day, title, summary, text in data.NEWS:
            self.child(
                index,
                NewsPage,
                slugify(title),
                title=title,
                summary=summary,
                date=date.fromisoformat(day),
                body=[{"type": "paragraph", "value": text}],
            )
