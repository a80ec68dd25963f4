"""WCAG 2.1 AA checks of the public pages in a real browser (axe-core), on a 360 px phone and a
desktop; keyboard and no-JavaScript use."""

from pathlib import Path

import pytest

from kpss_pages import factories
from tests.conftest import CHROMIUM

AXE = Path(__file__).resolve().parent.parent / ".venv" / "axe" / "axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: restore what migrations created (tree root, collection) after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium chybí."),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core chybí (make test jej stáhne přes npm)."),
]


def publish(page):
    page.save_revision().publish()
    return page


@pytest.fixture
def site_pages(home, plan, chapter):
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    service = publish(factories.ServicePageFactory(parent=catalogue, title="Pečovatelská služba"))
    statement = publish(factories.AccessibilityStatementPageFactory(parent=home, slug="prohlaseni"))
    return [
        home.url,
        plan.url,
        chapter.url,
        catalogue.url,
        catalogue.url + "?skupina=seniori&q=pecovatelska",
        service.url,
        "/hledat/?q=senior",
        statement.url,
        "/neexistujici-stranka/",
    ]


@pytest.mark.parametrize("width", [360, 1280])
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
        overflow = browser_page.evaluate(
            "document.documentElement.scrollWidth > document.documentElement.clientWidth"
        )
        assert not overflow, f"{url} scrolls sideways at {width} px"
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
