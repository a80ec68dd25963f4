"""A member of the public comments on a measure of the draft in a real browser: the link beside
the measure, the form's Czech errors, the confirmation link from the e-mail, the reference
number; every step without a WCAG 2.1 AA finding (axe-core) and under the site's CSP."""

import re
from pathlib import Path
from urllib.parse import urlsplit

from django.core import mail

import pytest

from consultation.factories import ConsultationPageFactory
from consultation.models import Comment
from tests.conftest import CHROMIUM
from tests.route import publish
from tests.test_browser_accessibility import AXE, WCAG_AA

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium chybí."),
    pytest.mark.skipif(not AXE.exists(), reason="axe-core chybí (make test jej stáhne přes npm)."),
]


def axe_violations(browser):
    browser.evaluate(AXE.read_text())
    result = browser.evaluate(
        "tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_AA
    )
    assert result["passes"], "axe ran its checks"
    return [f"{v['id']}: {v['nodes'][0]['target']}" for v in result["violations"]]


def test_a_comment_on_a_measure_from_the_draft_to_its_reference_number(
    live_server, browser_page, chapter
):
    consultation = publish(ConsultationPageFactory(parent=chapter.get_parent()))
    browser = browser_page
    console = []
    browser.on("console", lambda message: console.append(message.text))
    found = {}

    browser.goto(live_server.url + consultation.url)
    found["draft"] = axe_violations(browser)
    browser.get_by_role("link", name="Připomínkovat opatření 1.1.2").click()
    assert browser.get_by_label("K části návrhu").input_value() == f"{chapter.pk}:1.1.2"

    browser.get_by_label("Jméno a příjmení").fill("Marie Svobodová")
    browser.get_by_label("E-mail", exact=False).first.fill("marie@example.cz")
    browser.get_by_role("button", name="Odeslat připomínku").click()
    summary = browser.get_by_role("alert")
    assert summary.evaluate("node => node === document.activeElement"), "focus on the summary"
    assert "Napište prosím text připomínky." in summary.inner_text()
    assert "Bez souhlasu se zpracováním" in summary.inner_text()
    found["errors"] = axe_violations(browser)
    assert not Comment.objects.exists()

    browser.get_by_label("Text připomínky").fill("Terénní služba i o víkendech.")
    browser.get_by_label("Souhlasím se zpracováním", exact=False).check()
    browser.get_by_role("button", name="Odeslat připomínku").click()
    browser.get_by_role("heading", name="Potvrďte prosím připomínku").wait_for()
    found["sent"] = axe_violations(browser)

    link = re.search(r"https?://\S+/potvrzeni/\S+/", mail.outbox[-1].body).group(0)
    browser.goto(live_server.url + urlsplit(link).path)
    browser.get_by_role("button", name="Potvrdit a odeslat připomínku").click()
    status = browser.get_by_role("status")
    comment = Comment.objects.get()
    assert f"má číslo {comment.reference}" in status.inner_text()
    found["confirmed"] = axe_violations(browser)

    browser.get_by_role("link", name="Stránka vaší připomínky").click()
    browser.get_by_role("heading", name=f"Připomínka č. {comment.reference}").wait_for()
    assert "Terénní služba i o víkendech." in browser.content()
    found["answer"] = axe_violations(browser)

    assert {step: v for step, v in found.items() if v} == {}
    assert [text for text in console if "Content Security Policy" in text] == []


def test_a_working_group_settles_in_the_browser_and_the_public_reads_the_table(
    live_server, browser_page, chapter, make_user
):
    from consultation.models import Outcome, SettlementPage
    from tests.route import approve_route
    from workflows import roles
    from workflows.roles import MANAGEMENT_TEAM, STEERING_GROUP

    consultation = publish(ConsultationPageFactory(parent=chapter.get_parent()))
    target = consultation.snapshot.target(f"{chapter.pk}:1.1.1")
    comment = Comment.objects.create(
        consultation=consultation,
        name="Marie Svobodová",
        publish_name=True,
        target_chapter_id=target.chapter_id,
        target_code=target.code,
        target_label=target.label,
        text="Víkendová služba.",
    )
    comment.count()
    roles.sync_working_group(chapter.working_group)
    make_user("manazerka", "Pracovní skupina – Senioři")

    browser = browser_page
    browser.goto(f"{live_server.url}/admin/login/")
    browser.fill("#id_username", "manazerka")
    browser.fill("#id_password", "heslo-pro-testy-123")
    browser.click("button[type=submit]")
    browser.wait_for_url(f"{live_server.url}/admin/")
    browser.goto(f"{live_server.url}/admin/pripominky/vyporadani/{consultation.pk}/")
    browser.get_by_label(f"Vybrat připomínku č. {comment.reference}").check()
    browser.get_by_label("Výsledek").select_option(Outcome.ACCEPTED)
    browser.get_by_label("Odůvodnění").fill("Doplníme víkendový provoz.")
    browser.get_by_role("button", name="Uložit návrh vypořádání").click()
    browser.get_by_text("Návrh vypořádání byl uložen").wait_for()
    assert "navrženo, neschváleno" in browser.content()

    page = SettlementPage.objects.child_of(consultation).get()
    mt, ns = make_user("mt", MANAGEMENT_TEAM), make_user("ns", STEERING_GROUP)
    approve_route(
        page,
        author=mt,
        management_team=mt,
        steering_group=ns,
        resolution="NS/2026/12",
        meeting_date="2026-12-01",
    )
    browser.context.clear_cookies()  # the public reads it, signed out
    browser.goto(live_server.url + page.url)
    browser.get_by_role("table", name="Vypořádání připomínek").wait_for()
    assert "Doplníme víkendový provoz." in browser.content()
    assert axe_violations(browser) == []
    browser.set_viewport_size({"width": 320, "height": 800})
    assert axe_violations(browser) == []
    width = browser.evaluate("document.documentElement.scrollWidth")
    assert width <= 320, "the wide table scrolls in its own box, not the page"
