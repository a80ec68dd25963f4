"""The page editor's scripts speak Czech in a real browser: StreamField, minimap and sidebar."""

import os

import pytest

from tests.conftest import CHROMIUM

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: restore what migrations created (tree root, collection) after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="Chromium chybí (apt-get install chromium); prohlížečové testy přeskočeny.",
    ),
]

# What the editor showed in English before its script strings had Czech.
ENGLISH = [
    "Collapse all",
    "Insert a block",
    "new items in this menu",
    "Toggle sidebar",
    "Main menu",
]

ACCESSIBLE_TEXT = """() => {
    const texts = [document.body.innerText];
    for (const element of document.querySelectorAll('[aria-label], [title]')) {
        texts.push(element.getAttribute('aria-label') || '', element.getAttribute('title') || '');
    }
    return texts.join('\\n');
}"""


def test_the_chapter_editor_speaks_czech_in_the_browser(
    live_server, browser_page, chapter, make_user
):
    make_user("manazerka", "Pracovní skupina – Senioři")
    browser = browser_page
    browser.goto(f"{live_server.url}/admin/login/")
    browser.fill("#id_username", "manazerka")
    browser.fill("#id_password", "heslo-pro-testy-123")
    browser.click("button[type=submit]")
    browser.goto(f"{live_server.url}/admin/pages/{chapter.pk}/edit/")
    browser.get_by_role("button", name="Sbalit vše").wait_for()

    text = browser.evaluate(ACCESSIBLE_TEXT)
    assert [english for english in ENGLISH if english in text] == []
    assert browser.locator('[title="Odstranit"]').count() > 0, "the blocks' delete control"
    assert browser.locator('[aria-label="Vložit blok"]').count() > 0
