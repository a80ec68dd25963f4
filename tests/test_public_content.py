"""What the public pages say: approval lines, labels, numbers, dates and links as a reader
expects them, in Czech and in English."""

import datetime

from django.utils import timezone

from wagtail.models import Locale, Site

import pytest
from bs4 import BeautifulSoup

from kpss_pages import factories
from kpss_pages.models import DocumentIndexPage, PlanChapterPage, SiteSettings
from tests.route import approve_route, publish
from workflows.roles import MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db


def soup(response):
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def text(element):
    return " ".join(element.get_text().split()) if element is not None else None


def czech_date(day):
    return f"{day.day}. {day.month}. {day.year}"


def english(page):
    return publish(page.copy_for_translation(Locale.objects.get(language_code="en")))


@pytest.fixture
def english_home(home):
    return english(home)


@pytest.fixture
def review(make_user):
    """Take a page through the management team's one-step route."""
    mt = make_user("kontrolorka", MANAGEMENT_TEAM)

    def run(page):
        page.save_revision(user=mt)
        approve_route(page, author=mt, management_team=mt)
        return page

    return run


@pytest.fixture
def approve(make_user):
    """Take a chapter through the whole plan route, ending with the steering group's resolution."""
    mt = make_user("mt", MANAGEMENT_TEAM)
    ns = make_user("ns", STEERING_GROUP)

    def run(chapter, resolution, meeting_date="2026-02-10", **changes):
        page = PlanChapterPage.objects.get(pk=chapter.pk)
        for name, value in changes.items():
            setattr(page, name, value)
        revision = page.save_revision(user=mt)
        approve_route(
            page,
            author=mt,
            management_team=mt,
            steering_group=ns,
            resolution=resolution,
            meeting_date=meeting_date,
        )
        return revision

    return run


# Item 21: the approval line on every page type that passes the route ---------------------------


@pytest.fixture
def catalogue(home):
    return publish(factories.ServiceIndexPageFactory(parent=home))


@pytest.fixture
def news_index(home):
    return publish(factories.NewsIndexPageFactory(parent=home))


def approval_line(response):
    return text(soup(response).select_one(".approval-note"))


def test_a_service_reviewed_by_the_management_team_says_so_at_once(client, catalogue, review):
    service = publish(factories.ServicePageFactory(parent=catalogue, title="Senior taxi"))
    assert approval_line(client.get(service.url)) is None, "published directly: no record"

    review(service)

    today = timezone.localdate()
    assert approval_line(client.get(service.url)) == (
        f"Zkontrolováno manažerským týmem dne {czech_date(today)}"
    ), "the cached page follows the approval"


def test_news_reviewed_by_the_management_team_says_so(client, news_index, review):
    news = review(factories.NewsPageFactory(parent=news_index, title="Nový katalog"))

    today = timezone.localdate()
    assert approval_line(client.get(news.url)) == (
        f"Zkontrolováno manažerským týmem dne {czech_date(today)}"
    )


def test_a_chapter_names_the_steering_groups_resolution(client, chapter, approve):
    approve(chapter, "NS/2026/07", meeting_date="2026-03-12")

    assert approval_line(client.get(chapter.url)) == (
        "Schváleno nadoborovou skupinou dne 12. 3. 2026, usnesení č. NS/2026/07"
    )


def test_english_pages_give_the_approval_in_english(client, news_index, english_home, review):
    news = publish(factories.NewsPageFactory(parent=news_index, title="Zpráva"))
    english(news_index)
    news_en = review(english(news))

    today = timezone.localdate()
    assert approval_line(client.get(news_en.url)) == (
        f"Reviewed by the management team on {today.day} {today:%B} {today.year}"
    )


# Item 20: content glitches ----------------------------------------------------------------------


def test_the_plans_contents_name_the_group_only_when_it_differs_from_the_chapter(
    client, plan, chapter, working_group
):
    publish(
        factories.PlanChapterPageFactory(
            parent=plan, title="Pečující", number=2, working_group=working_group
        )
    )

    items = [text(li) for li in soup(client.get(plan.url)).select("#obsah-planu ~ ol > li")]
    assert items == ["Senioři Priorita 1: Péče doma", "Pečující (Senioři)"]


def test_a_lead_the_body_repeats_is_shown_once(client, plan, working_group):
    lead = "Senioři mají žít co nejdéle doma."
    chapter = publish(
        factories.PlanChapterPageFactory(
            parent=plan,
            title="Senioři",
            number=1,
            working_group=working_group,
            summary=lead,
            body=[{"type": "paragraph", "value": f"<p>{lead}</p>"}],
        )
    )
    other = publish(
        factories.PlanChapterPageFactory(
            parent=plan,
            title="Rodina",
            number=2,
            working_group=working_group,
            summary="Rodiny s dětmi.",
            body=[{"type": "paragraph", "value": "<p>Jiný text kapitoly.</p>"}],
        )
    )

    assert text(soup(client.get(chapter.url)).main).count(lead) == 1
    page = soup(client.get(other.url))
    assert text(page.select_one(".lead")) == "Rodiny s dětmi.", "a different lead stays"


def facts_lines(dd, drop):
    """The lines of a comparison row as one version reads them (the other's words dropped)."""
    for tag in dd.find_all(drop):
        tag.decompose()
    for br in dd.find_all("br"):
        br.replace_with("\n")
    return [" ".join(line.split()) for line in dd.get_text().split("\n")]


def test_the_comparison_groups_thousands_and_leaves_out_empty_facts(client, chapter, approve):
    first = approve(chapter, "NS/2026/01")
    priorities = PlanChapterPage.objects.get(pk=chapter.pk).priorities
    measure = priorities[0].value["goals"][0]["measures"][0]
    measure["estimated_cost"] = 4_800_000
    measure["funding_sources"] = []
    second = approve(chapter, "NS/2026/02", priorities=priorities)

    page = soup(client.get(f"{chapter.url}historie/porovnani/{first.pk}/{second.pk}/"))
    row = next(dt for dt in page.select(".diff dt") if "Opatření 1.1.1" in dt.get_text())
    dd = row.find_next_sibling("dd")
    new = facts_lines(BeautifulSoup(str(dd), "html.parser"), "del")
    old = facts_lines(BeautifulSoup(str(dd), "html.parser"), "ins")

    assert "Odhad nákladů: 4 800 000 Kč" in new
    assert "Odhad nákladů: 100 000 Kč" in old
    assert "Zdroje financování: Rozpočty obcí" in old
    assert not [line for line in new + old if line.endswith(":")], "no label without a value"
    assert not [line for line in new + old if line.startswith(("Partneři", "Zdroje"))][1:]


def test_approved_versions_are_numbered_and_dated_not_named_by_revision(client, chapter, approve):
    first = approve(chapter, "NS/2026/01", meeting_date="2026-02-10")
    second = approve(chapter, "NS/2026/02", meeting_date="2026-05-20")

    page = soup(client.get(f"{chapter.url}historie/"))
    links = [text(a) for a in page.select("table a")]
    assert links == ["verze 2", "verze 1"]
    options = [text(o) for o in page.select("select#od option")]
    assert options == ["verze 2 (20. 5. 2026)", "verze 1 (10. 2. 2026)"]
    page = soup(client.get(f"{chapter.url}historie/porovnani/{first.pk}/{second.pk}/"))
    assert "Verze 1 (10. 2. 2026) proti verzi 2 (20. 5. 2026)." in text(page.main)
    page = soup(client.get(f"{chapter.url}historie/{first.pk}/"))
    assert "Archivní verze 1 schválená dne 10. 2. 2026, usnesení č. NS/2026/01" in text(page.main)


def test_search_results_name_the_type_of_each_page(client, plan, chapter, catalogue):
    publish(factories.ServicePageFactory(parent=catalogue, title="Senior taxi"))

    page = soup(client.get("/hledat/", {"q": "senior"}))
    kinds = {
        text(li.h2): text(li.select_one(".result-type")) for li in page.select(".search-results li")
    }
    assert kinds == {"Senior taxi": "Služba", "Senioři": "Kapitola plánu"}


def test_the_documents_page_lists_the_live_plan_as_a_pdf(client, home, plan, chapter):
    documents = DocumentIndexPage(title="Dokumenty", slug="dokumenty")
    home.add_child(instance=documents)
    publish(documents)
    draft = factories.CommunityPlanPageFactory(parent=home, title="Plán 2030–2033", live=False)
    draft.save_revision()

    page = soup(client.get(documents.url))
    links = [(text(a), a["href"]) for a in page.main.select("a[type='application/pdf']")]
    assert links == [("Plán 2026–2029", f"{plan.url}pdf/")]
    assert "PDF" in text(page.select_one(".document-meta"))


@pytest.fixture
def privacy(home):
    page = publish(factories.StandardPageFactory(parent=home, title="Ochrana osobních údajů"))
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.privacy_page = page
    settings.save()
    return page


@pytest.fixture
def statement(home):
    return publish(factories.AccessibilityStatementPageFactory(parent=home, slug="prohlaseni"))


def footer_links(client, url):
    return {
        text(li): (li.a["href"], li.a.get("hreflang"))
        for li in soup(client.get(url)).select(".footer-links li")
    }


def test_the_english_footer_links_the_statement_and_the_privacy_page(
    client, english_home, statement, privacy
):
    links = footer_links(client, "/en/")
    assert links["Accessibility statement (in Czech)"] == (statement.url, "cs")
    assert links["Privacy policy (in Czech)"] == (privacy.url, "cs")

    statement_en, privacy_en = english(statement), english(privacy)

    links = footer_links(client, "/en/")
    assert links["Accessibility statement"] == (statement_en.url, None)
    assert links["Privacy policy"] == (privacy_en.url, None)
    links = footer_links(client, "/")
    assert links["Prohlášení o přístupnosti"] == (statement.url, None)
    assert links["Ochrana osobních údajů"] == (privacy.url, None)


def test_the_home_page_links_every_section_and_marks_those_only_in_czech(
    client, home, english_home, catalogue
):
    about = publish(
        factories.StandardPageFactory(parent=home, title="O plánování", show_in_menus=True)
    )
    about_en = about.copy_for_translation(Locale.objects.get(language_code="en"))
    about_en.title = "About planning"
    publish(about_en)
    catalogue.show_in_menus = True
    publish(catalogue)

    def sections(url):
        page = soup(client.get(url))
        return [(text(li.h3), li.a["href"], li.a.get("lang")) for li in page.select(".sections li")]

    assert sections("/") == [
        ("Katalog služeb", catalogue.url, None),
        ("O plánování", about.url, None),
    ]
    assert sections("/en/") == [
        ("Katalog služeb (in Czech)", catalogue.url, "cs"),
        ("About planning", about_en.url, None),
    ]


def test_english_pages_give_dates_in_english(client, home, english_home, news_index):
    news = publish(
        factories.NewsPageFactory(
            parent=news_index, title="Zpráva", date=datetime.date(2026, 12, 4)
        )
    )
    english(news_index)
    news_en = english(news)

    for url in (news_en.url, news_en.get_parent().url, "/en/"):
        main = text(soup(client.get(url)).main)
        assert "4 December 2026" in main, url
        assert "4. 12. 2026" not in main, url
    assert "4. 12. 2026" in text(soup(client.get(news.url)).main)


def test_every_page_type_has_a_meta_description(client, home, working_group, statement):
    meeting = publish(
        factories.MeetingPageFactory(
            parent=working_group, title="Jednání", date=datetime.date(2026, 2, 10)
        )
    )
    for url in (meeting.url, statement.url, "/hledat/", "/hledat/?q=senior"):
        meta = soup(client.get(url)).select_one('meta[name="description"]')
        assert meta is not None and meta["content"].strip(), url
        og = soup(client.get(url)).select_one('meta[property="og:description"]')
        assert og["content"] == meta["content"], url
