"""WCAG 2.1 AA checks of the public pages in a real browser (axe-core, with its best practices),
reflow on a 320 px phone and a desktop; keyboard, the phone menu and no-JavaScript use."""

import datetime
from pathlib import Path

from wagtail.models import Locale, Site

import pytest

from kpss_pages import factories
from kpss_pages.models import PlanChapterPage, SiteSettings
from tests.conftest import CHROMIUM
from tests.route import approve_route, publish
from tests.test_evidence_page import build_evidence
from workflows.roles import MANAGEMENT_TEAM, STEERING_GROUP

AXE = Path(__file__).resolve().parent.parent / ".venv" / "axe" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]
LONG_NAME = "Mikroregion Valašskomeziříčsko-Kelečsko, dobrovolný svazek obcí"

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: restore what migrations created (tree root, collection) after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium chybí."),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core chybí (make test jej stáhne přes npm)."),
]


@pytest.fixture
def site_pages(home, plan, chapter, organisation, working_group, make_user):
    """Every public page type in both languages, with the demo banner and the long words of
    real content (the region's name) that must wrap at 320 px."""
    settings = SiteSettings.for_site(Site.objects.get(is_default_site=True))
    settings.is_demo = True
    settings.save()
    home.title = "Komunitní plánování sociálních služeb na Valašskomeziříčsku a Kelečsku"
    publish(home)
    organisation.name = LONG_NAME
    organisation.save()
    catalogue = factories.ServiceIndexPageFactory(parent=home, show_in_menus=True)
    service = publish(factories.ServicePageFactory(parent=catalogue, title="Pečovatelská služba"))
    statement = publish(factories.AccessibilityStatementPageFactory(parent=home, slug="prohlaseni"))
    evidence = build_evidence(home, plan, chapter, publish(catalogue))
    analysis = publish(evidence["page"])
    meeting = publish(
        factories.MeetingPageFactory(
            parent=working_group, title="Jednání", date=datetime.date(2026, 2, 10)
        )
    )
    publish(working_group.get_parent().specific)
    publish(working_group)
    news_index = publish(factories.NewsIndexPageFactory(parent=home))
    news = publish(factories.NewsPageFactory(parent=news_index, title="Aktualita"))
    english = Locale.objects.get(language_code="en")
    home_en = publish(home.copy_for_translation(english))
    publish(plan.copy_for_translation(english))
    chapter_en = PlanChapterPage.objects.get(pk=chapter.copy_for_translation(english).pk)
    chapter_en.save_revision()
    # The whole plan route, so that the page has a public history of approved versions.
    mt, ns = make_user("mt", MANAGEMENT_TEAM), make_user("ns", STEERING_GROUP)
    approve_route(
        chapter_en,
        author=mt,
        management_team=mt,
        steering_group=ns,
        resolution="NS/2026/03",
        meeting_date="2026-02-10",
    )
    return [
        home.url,
        plan.url,
        chapter.url,
        catalogue.url,
        catalogue.url + "?skupina=seniori&q=pecovatelska",
        service.url,
        working_group.url,
        meeting.url,
        news_index.url,
        news.url,
        "/hledat/?q=senior",
        statement.url,
        home_en.url,
        chapter_en.url,
        chapter_en.url + "historie/",
        "/neexistujici-stranka/",
        analysis.url,
        evidence["home_care"].url,
    ]


@pytest.mark.parametrize("width", [320, 1280])
def test_public_pages_have_no_wcag_aa_violations(
    live_server,
    browser_page,
    site_pages,
    width,
):
    browser_page.set_viewport_size({"width": width, "height": 900})
    console = []
    browser_page.on("console", lambda message: console.append(message.text))
    found = {}
    for url in site_pages:
        browser_page.goto(live_server.url + url)
        # Evaluated through the DevTools protocol: the site's CSP forbids inline <script> tags.
        browser_page.evaluate(AXE.read_text())
        result = browser_page.evaluate(
            "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
        )
        assert result["passes"], "axe ran its checks"
        violations = [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]
        if violations:
            found[url] = violations
        # WCAG 1.4.10: nothing but a wide table (in its own scrolling box) scrolls sideways.
        scroll_width = browser_page.evaluate("document.documentElement.scrollWidth")
        assert scroll_width <= width, f"{url} scrolls sideways at {width} px"
    assert found == {}
    blocked = [text for text in console if "Content Security Policy" in text]
    assert blocked == [], "the pages work under their Content-Security-Policy"


def test_keyboard_users_reach_the_content_by_the_skip_link(
    live_server,
    browser_page,
    site_pages,
):
    browser_page.goto(live_server.url + site_pages[2])
    browser_page.keyboard.press("Tab")
    focused = browser_page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Přeskočit na obsah"
    outline = browser_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none", "focus is visible"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("document.activeElement.id") == "obsah"


def header_layout(browser, url, javascript):
    page = browser.new_page(viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
    page.goto(url)
    layout = page.evaluate(
        "[...document.querySelectorAll('.header-search, main')]"
        ".map(e => JSON.stringify(e.getBoundingClientRect()))"
    )
    page.close()
    return layout


def test_the_font_size_control_appears_without_moving_the_header(
    live_server, browser_page, site_pages
):
    browser = browser_page.context.browser
    url = live_server.url + site_pages[2]
    assert header_layout(browser, url, javascript=False) == header_layout(
        browser, url, javascript=True
    ), "its place is kept while it is hidden"


def test_on_a_phone_the_menu_folds_behind_a_button_that_works_without_javascript(
    live_server, site_pages
):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(viewport={"width": 360, "height": 740}, java_script_enabled=False)
        page.goto(live_server.url + site_pages[1])
        nav_link = page.get_by_role("navigation", name="Hlavní navigace").get_by_role(
            "link", name="Katalog služeb"
        )
        assert not nav_link.is_visible()
        assert page.evaluate("document.querySelector('main').getBoundingClientRect().top") < 300, (
            "the content starts on the first screen, demo banner and breadcrumbs included"
        )

        page.get_by_role("button", name="Menu").click()
        assert nav_link.is_visible()
        assert page.get_by_role("searchbox", name="Hledat na webu").is_visible()
        page.get_by_role("button", name="Zavřít menu").click()
        assert not nav_link.is_visible()

        page.get_by_role("button", name="Menu").click()
        nav_link.click()
        assert page.url == live_server.url + site_pages[3]

        page.set_viewport_size({"width": 1280, "height": 900})
        assert nav_link.is_visible(), "wide screens show the menu without the button"
        assert not page.get_by_role("button", name="Menu").is_visible()
        browser.close()


def test_font_size_control_persists_across_pages(
    live_server,
    browser_page,
    site_pages,
):
    browser_page.goto(live_server.url + site_pages[0])
    browser_page.get_by_role("button", name="Zvětšit písmo").click()
    browser_page.goto(live_server.url + site_pages[1])
    size = browser_page.evaluate("getComputedStyle(document.documentElement).fontSize")
    assert size == "18px", "112.5 % of 16 px, remembered on the next page"
    browser_page.get_by_role("button", name="Výchozí velikost písma").click()
    assert browser_page.evaluate("getComputedStyle(document.documentElement).fontSize") == "16px"


def test_pages_are_readable_without_javascript(live_server, site_pages, monkeypatch):
    from playwright.sync_api import sync_playwright

    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"]
        )
        page = browser.new_page(java_script_enabled=False)
        page.goto(live_server.url + site_pages[4])
        assert page.get_by_role("heading", name="Katalog služeb").is_visible()
        assert page.get_by_role("button", name="Filtrovat").is_visible()
        assert not page.get_by_role("button", name="Zvětšit písmo").is_visible()
        page.get_by_label("Cílová skupina").select_option("seniori")
        page.get_by_role("button", name="Filtrovat").click()
        assert "skupina=seniori" in page.url
        browser.close()
