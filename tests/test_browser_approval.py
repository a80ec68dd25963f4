"""The steering group approves a chapter in a real browser: dashboard button, modal, resolution."""

import os
import re

from wagtail.models import WorkflowState

import pytest

from kpss_pages.models import PlanChapterPage
from tests.conftest import CHROMIUM
from tests.route import approve_step, start_route
from workflows.roles import MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = [
    pytest.mark.browser,
    # serialized_rollback: restore what migrations created (tree root, collection) after the flush.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(
        not os.path.exists(CHROMIUM),
        reason="Chromium chybí (apt-get install chromium); prohlížečové testy přeskočeny.",
    ),
]


def test_steering_group_approves_with_a_resolution_in_the_browser(
    live_server, browser_page, chapter, make_user
):
    author = make_user("autorka", "Pracovní skupina – Senioři")
    mt = make_user("mt", MANAGEMENT_TEAM)
    make_user("predseda", STEERING_GROUP)
    page = PlanChapterPage.objects.get(pk=chapter.pk)
    page.title = "Senioři 2027"
    page.save_revision(user=author)
    state = start_route(page, author)
    approve_step(page, mt)

    browser = browser_page
    browser.goto(f"{live_server.url}/admin/login/")
    browser.fill("#id_username", "predseda")
    browser.fill("#id_password", "heslo-pro-testy-123")
    browser.click("button[type=submit]")
    browser.get_by_role("heading", name="Čeká na mé posouzení").wait_for()

    browser.get_by_role("button", name="Schválit usnesením").click()
    browser.wait_for_selector("#id_resolution_number")
    submit = browser.locator("button[type=submit]").filter(has_text=re.compile("Schválit"))
    submit.last.click()
    browser.get_by_text("Uveďte číslo usnesení nadoborové skupiny.").wait_for()
    assert PlanChapterPage.objects.get(pk=chapter.pk).title == "Senioři"

    browser.fill("#id_resolution_number", "NS/2026/11")
    browser.fill("#id_meeting_date", "2026-01-20")
    submit.last.click()
    browser.get_by_text("Nic nečeká na vaše posouzení.").wait_for()

    assert PlanChapterPage.objects.get(pk=chapter.pk).title == "Senioři 2027"
    assert WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_APPROVED
    browser.goto(f"{live_server.url}{chapter.url}")
    assert "usnesení č. NS/2026/11" in browser.content()


def test_steering_group_picks_the_meeting_date_from_the_calendar_without_a_script_error(
    live_server, browser_page, chapter, make_user
):
    """The resolution form is loaded into the dashboard's modal: its date field must get the
    same calendar as every other date field, and the page must raise no script error."""
    from workflows.models import ApprovalRecord

    author = make_user("autorka", "Pracovní skupina – Senioři")
    mt = make_user("mt", MANAGEMENT_TEAM)
    make_user("predseda", STEERING_GROUP)
    page = PlanChapterPage.objects.get(pk=chapter.pk)
    page.title = "Senioři 2027"
    page.save_revision(user=author)
    start_route(page, author)
    approve_step(page, mt)

    browser = browser_page
    errors = []
    browser.on("pageerror", lambda error: errors.append(str(error)))
    browser.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    browser.goto(f"{live_server.url}/admin/login/")
    browser.fill("#id_username", "predseda")
    browser.fill("#id_password", "heslo-pro-testy-123")
    browser.click("button[type=submit]")
    browser.get_by_role("heading", name="Čeká na mé posouzení").wait_for()

    browser.get_by_role("button", name="Schválit usnesením").click()
    # The dialog takes the focus once it has faded in (a picker opened earlier closes then).
    browser.wait_for_function("() => document.activeElement?.classList.contains('modal')")
    browser.fill("#id_resolution_number", "NS/2026/12")
    browser.click("#id_meeting_date")
    calendar = browser.locator(".xdsoft_datetimepicker")
    calendar.wait_for()
    calendar.locator(".xdsoft_datepicker .xdsoft_prev").click()  # last month: always in the past
    calendar.locator("td.xdsoft_date:not(.xdsoft_other_month)[data-date='15']").click()
    picked = browser.input_value("#id_meeting_date")
    assert re.fullmatch(r"15\.\d{2}\.\d{4}", picked), picked  # settings.WAGTAIL_DATE_FORMAT
    # Leaving the field must keep the date (the calendar resets what it cannot parse to today).
    browser.click("#id_resolution_number")
    assert browser.input_value("#id_meeting_date") == picked

    browser.locator("button[type=submit]").filter(has_text="Schválit usnesením").last.click()
    browser.get_by_text("Nic nečeká na vaše posouzení.").wait_for()

    record = ApprovalRecord.objects.get(page=chapter, resolution_number="NS/2026/12")
    assert record.meeting_date.strftime("%d.%m.%Y") == picked
    assert errors == []
