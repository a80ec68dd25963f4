"""The approval route end to end through the admin's HTTP views: draft -> MT -> NS -> public."""

import json

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Revision, TaskState, WorkflowState

import pytest

from kpss_pages.models import PlanChapterPage
from tests.admin_forms import page_form_data
from tests.route import (
    action_url,
    approve,
    approve_with_resolution,
    edit_form,
    edit_url,
    post_edit,
    return_for_changes,
    submit,
)
from workflows.models import ApprovalRecord
from workflows.roles import MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db

XHR = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}


@pytest.fixture
def people(chapter, make_user):
    return {
        "author": make_user("manazerka", "Pracovní skupina – Senioři"),
        "other_group": make_user("jiny", "Pracovní skupina – Rodina"),
        "mt": make_user("mt", MANAGEMENT_TEAM),
        "mt2": make_user("mt2", MANAGEMENT_TEAM),
        "ns": make_user("ns", STEERING_GROUP),
    }


@pytest.fixture(autouse=True)
def second_group(plan, working_group):
    from kpss_pages import factories

    return factories.WorkingGroupPageFactory(parent=working_group.get_parent(), title="Rodina")


@pytest.fixture
def client(client, django_capture_on_commit_callbacks):
    """The test client, with mails queued for after the commit actually sent."""
    original_post = client.post

    def post(*args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return original_post(*args, **kwargs)

    client.post = post
    return client


def live_title(page):
    return PlanChapterPage.objects.get(pk=page.pk).title


def test_full_route_publishes_only_after_the_steering_groups_resolution(client, chapter, people):
    client.force_login(people["author"])
    response = submit(client, chapter, title="Senioři – návrh 2027")
    assert response.status_code == 302

    assert live_title(chapter) == "Senioři", "a submitted draft is not live"
    state = chapter.current_workflow_task_state
    assert state.task.name == "Posouzení manažerským týmem"
    review_mail = [m for m in mail.outbox if "Čeká na vaše posouzení" in m.subject]
    assert sorted(review_mail[0].to) == ["mt2@example.cz", "mt@example.cz"]
    assert f"/admin/pages/{chapter.pk}/edit/" in review_mail[0].body
    mail.outbox.clear()

    client.force_login(people["mt"])
    response = approve(client, chapter, "Dobrá práce.")
    assert response.status_code == 302
    assert response.url == reverse("wagtailadmin_home")
    assert live_title(chapter) == "Senioři", "MT approval alone does not publish"
    state = chapter.current_workflow_task_state
    assert state.task.name == "Schválení nadoborovou skupinou"
    assert [m.to for m in mail.outbox if "Čeká na vaše posouzení" in m.subject] == [
        ["ns@example.cz"]
    ]
    step_mail = [m for m in mail.outbox if "Schváleno v kroku" in m.subject]
    assert step_mail[0].to == ["manazerka@example.cz"]
    assert "Dobrá práce." in step_mail[0].body, "the approval comment reaches the author (#7542)"
    mail.outbox.clear()

    client.force_login(people["ns"])
    response = approve_with_resolution(client, chapter, "NS/2027/04", "2026-03-12", modal=True)
    assert json.loads(response.content)["step"] == "success"

    chapter = PlanChapterPage.objects.get(pk=chapter.pk)
    assert chapter.title == "Senioři – návrh 2027"
    assert chapter.live_revision == chapter.latest_revision
    records = list(ApprovalRecord.objects.filter(revision=chapter.live_revision))
    assert [(r.task_name, r.approved_by) for r in records] == [
        ("Posouzení manažerským týmem", people["mt"]),
        ("Schválení nadoborovou skupinou", people["ns"]),
    ]
    assert records[0].comment == "Dobrá práce."
    assert (records[1].resolution_number, records[1].meeting_date.isoformat()) == (
        "NS/2027/04",
        "2026-03-12",
    )
    assert [m.to for m in mail.outbox if "zveřejněno" in m.subject] == [["manazerka@example.cz"]]

    client.logout()
    html = client.get(chapter.url).content.decode()
    assert "Senioři – návrh 2027" in html
    assert "Schváleno nadoborovou skupinou dne 12. 3. 2026, usnesení č. NS/2027/04" in html


def test_steering_group_cannot_approve_without_a_resolution(client, chapter, people):
    client.force_login(people["author"])
    submit(client, chapter, title="Nový název")
    client.force_login(people["mt"])
    approve(client, chapter)
    state = chapter.current_workflow_task_state

    client.force_login(people["ns"])
    cases = [
        ({"resolution_number": "", "meeting_date": "2026-03-12"}, "Uveďte číslo usnesení"),
        ({"resolution_number": "NS/1", "meeting_date": ""}, "Uveďte datum jednání"),
        ({"resolution_number": "NS/1", "meeting_date": "2999-01-01"}, "nemůže být v budoucnosti"),
        ({"resolution_number": "NS/1", "meeting_date": "12. 13. 2026"}, "Zadejte platné datum"),
    ]
    for data, message in cases:
        response = client.post(action_url(chapter, "approve", state), data, **XHR)
        payload = json.loads(response.content)
        assert payload["step"] == "action", data
        assert message in payload["html"], data

    # The same refusal when the data bypasses the modal through the editor's JSON field.
    post_edit(
        client,
        chapter,
        **{
            "action-workflow-action": "true",
            "workflow-action-name": "approve",
            "workflow-action-extra-data": json.dumps({"resolution_number": ""}),
        },
    )

    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS
    assert live_title(chapter) == "Senioři"
    assert not ApprovalRecord.objects.exists()


def test_returned_chapter_goes_back_to_its_author_and_resumes_where_it_was_returned(
    client, chapter, people
):
    client.force_login(people["author"])
    submit(client, chapter, title="První návrh")
    client.force_login(people["mt"])
    state = chapter.current_workflow_task_state

    response = return_for_changes(client, chapter, "  ", modal=True)
    assert "Napište autorovi, co má přepracovat." in json.loads(response.content)["html"]
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS

    mail.outbox.clear()
    return_for_changes(client, chapter, "Doplňte náklady.")
    workflow_state = state.workflow_state
    workflow_state.refresh_from_db()
    assert workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    returned = [m for m in mail.outbox if "Vráceno k přepracování" in m.subject]
    assert returned[0].to == ["manazerka@example.cz"]
    assert "Doplňte náklady." in returned[0].body

    client.force_login(people["author"])
    response = submit(client, chapter, title="Druhý návrh s náklady")
    assert response.status_code == 302
    state = chapter.current_workflow_task_state
    assert state.task.name == "Posouzení manažerským týmem"
    assert state.status == TaskState.STATUS_IN_PROGRESS

    client.force_login(people["mt"])
    approve(client, chapter)
    client.force_login(people["ns"])
    approve_with_resolution(client, chapter, "NS/2026/07", "2026-04-01")
    assert live_title(chapter) == "Druhý návrh s náklady"


def test_rejection_at_the_steering_group_reaches_earlier_approvers(client, chapter, people):
    """wagtail#10196: the MT member who approved is told too."""
    client.force_login(people["author"])
    submit(client, chapter, title="Návrh")
    client.force_login(people["mt"])
    approve(client, chapter)
    mail.outbox.clear()

    client.force_login(people["ns"])
    return_for_changes(client, chapter, "Chybí ukazatele.")

    returned = [m for m in mail.outbox if "Vráceno k přepracování" in m.subject]
    assert sorted(returned[0].to) == ["manazerka@example.cz", "mt@example.cz"]

    client.force_login(people["author"])
    submit(client, chapter, title="Návrh s ukazateli")
    assert chapter.current_workflow_task_state.task.name == "Schválení nadoborovou skupinou"


def test_edit_during_review_needs_every_approval_again(client, chapter, people):
    client.force_login(people["author"])
    submit(client, chapter, title="Návrh")
    client.force_login(people["mt"])
    approve(client, chapter)
    ns_state = chapter.current_workflow_task_state
    assert ns_state.task.name == "Schválení nadoborovou skupinou"

    # The author cannot touch it while it is in review (Wagtail locks it)...
    client.force_login(people["author"])
    data = edit_form(client, chapter, title="Změna autora během posuzování")
    client.post(edit_url(chapter), data)
    assert PlanChapterPage.objects.get(pk=chapter.pk).get_latest_revision().object_str == "Návrh"
    ns_state.refresh_from_db()
    assert ns_state.status == TaskState.STATUS_IN_PROGRESS

    # ...but the management team corrects the text while the steering group is deciding.
    client.force_login(people["mt"])
    data["title"] = "Návrh, upravený během posuzování"
    assert client.post(edit_url(chapter), data).status_code == 302

    ns_state.refresh_from_db()
    assert ns_state.status == TaskState.STATUS_CANCELLED
    assert chapter.current_workflow_task_state.task.name == "Posouzení manažerským týmem"


def test_stale_approval_is_refused(client, chapter, people):
    """An approval for a task state whose revision is no longer the latest changes nothing."""
    client.force_login(people["author"])
    submit(client, chapter, title="Návrh")
    state = chapter.current_workflow_task_state
    # A newer revision lands without going through the page's save_revision (so the route is
    # not restarted), as a concurrent write might between opening the review and approving it.
    page = PlanChapterPage.objects.get(pk=chapter.pk)
    newer = Revision.objects.create(
        content_object=page,
        base_content_type=page.get_base_content_type(),
        content=page.serializable_data(),
        object_str=str(page),
        created_at=timezone.now(),
    )
    PlanChapterPage.objects.filter(pk=page.pk).update(latest_revision=newer)

    client.force_login(people["mt"])
    response = client.post(action_url(chapter, "approve", state), {})

    assert response.status_code in (302, 403)
    state.refresh_from_db()
    assert state.status == TaskState.STATUS_IN_PROGRESS


def test_publishing_directly_is_refused_to_everyone_but_administrators(client, chapter, people):
    for role in ("author", "mt", "ns"):
        client.force_login(people[role])
        data = edit_form(client, chapter) if role != "ns" else {}
        data.update({"title": f"Bez schválení ({role})", "action-publish": "action-publish"})
        client.post(edit_url(chapter), data)
        assert live_title(chapter) == "Senioři", role


def test_dashboard_shows_what_awaits_review_and_what_i_submitted(client, chapter, people):
    client.force_login(people["author"])
    chapter.title = "Koncept bez odeslání"
    PlanChapterPage.objects.get(pk=chapter.pk).save_revision(user=people["author"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Moje rozpracované a odeslané" in html
    assert "Rozpracováno, dosud neodesláno ke schválení" in html

    submit(client, chapter, title="Odeslaný návrh")
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Čeká na krok „Posouzení manažerským týmem“" in html

    client.force_login(people["mt"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Čeká na mé posouzení" in html
    assert "Odeslaný návrh" in html
    return_for_changes(client, chapter, "Doplnit.")

    client.force_login(people["ns"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Nic nečeká na vaše posouzení." in html

    client.force_login(people["author"])
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Vráceno k přepracování" in html
    assert "Doplnit." in html


def test_anonymous_visitors_see_only_the_published_version(client, chapter, people):
    client.force_login(people["author"])
    submit(client, chapter, title="Tajný návrh v posuzování")
    draft = PlanChapterPage.objects.get(pk=chapter.pk).get_latest_revision()
    client.logout()

    html = client.get(chapter.url).content.decode()
    assert "Senioři" in html and "Tajný návrh" not in html
    for url in [
        reverse("wagtailadmin_pages:view_draft", args=(chapter.pk,)),
        reverse("wagtailadmin_pages:preview_on_edit", args=(chapter.pk,)),
        reverse("wagtailadmin_pages:revisions_view", args=(chapter.pk, draft.pk)),
        f"/admin/pages/{chapter.pk}/revisions/compare/live...latest/",
        f"/admin/api/main/pages/{chapter.pk}/",
    ]:
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert "Tajný návrh" not in response.content.decode()


def test_approval_record_is_listed_in_full_in_the_admin_and_cannot_be_changed(
    client, chapter, people
):
    client.force_login(people["author"])
    submit(client, chapter, title="Návrh")
    client.force_login(people["mt"])
    approve(client, chapter, "OK")
    client.force_login(people["ns"])
    approve_with_resolution(client, chapter, "NS/2026/05", "2026-02-02", "Jednomyslně.")
    record = ApprovalRecord.objects.get(resolution_number="NS/2026/05")

    for role in ("author", "mt", "ns"):
        client.force_login(people[role])
        listing = client.get("/admin/schvalovani/").content.decode()
        assert "NS/2026/05" in listing
        detail = client.get(f"/admin/schvalovani/inspect/{record.pk}/").content.decode()
        assert "Jednomyslně." in detail
        assert client.get(f"/admin/schvalovani/edit/{record.pk}/").status_code in (302, 403)
        client.post(f"/admin/schvalovani/delete/{record.pk}/")
        assert ApprovalRecord.objects.filter(pk=record.pk).exists()


def test_revert_creates_a_draft_that_must_pass_the_route_again(client, chapter, people):
    """Reverting never publishes by itself and keeps the version it replaced."""
    client.force_login(people["author"])
    submit(client, chapter, title="Schválené znění 2027")
    client.force_login(people["mt"])
    approve(client, chapter)
    client.force_login(people["ns"])
    approve_with_resolution(client, chapter, "NS/2026/08", "2026-03-01")
    assert live_title(chapter) == "Schválené znění 2027"
    first = PlanChapterPage.objects.get(pk=chapter.pk).revisions.order_by("pk").first()
    revisions_before = set(Revision.objects.values_list("pk", flat=True))

    client.force_login(people["author"])
    url = reverse("wagtailadmin_pages:revisions_revert", args=(chapter.pk, first.pk))
    data = page_form_data(client, url, first.as_object())
    response = client.post(url, {**data, "revision": str(first.pk), "action-publish": "1"})
    assert response.status_code == 302

    page = PlanChapterPage.objects.get(pk=chapter.pk)
    assert page.title == "Schválené znění 2027", "a revert never publishes by itself"
    assert page.get_latest_revision().object_str == "Senioři"
    assert revisions_before <= set(Revision.objects.values_list("pk", flat=True))

    submit(client, chapter)
    assert chapter.current_workflow_task_state.task.name == "Posouzení manažerským týmem"
    assert live_title(chapter) == "Schválené znění 2027"


AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def test_autosave_never_overwrites_a_revision_a_reviewer_is_reviewing(client, people, chapter):
    """The management team may correct a chapter in review: its save restarts the review on
    that revision, and its next autosave must leave that revision as the reviewer sees it."""
    client.force_login(people["author"])
    submit(client, chapter, title="Senioři v revizi")
    client.force_login(people["mt"])
    post_edit(client, chapter, title="Senioři opraveni týmem")
    reviewed = Revision.objects.filter(object_id=str(chapter.pk)).latest("pk")
    assert TaskState.objects.filter(revision=reviewed).exists()
    data = edit_form(client, chapter, title="Senioři po automatickém uložení")
    data["overwrite_revision_id"] = str(reviewed.pk)

    response = client.post(edit_url(chapter), data, **AUTOSAVE)

    assert response.status_code == 200, response.content
    reviewed.refresh_from_db()
    assert reviewed.content["title"] == "Senioři opraveni týmem"
    latest = Revision.objects.filter(object_id=str(chapter.pk)).latest("pk")
    assert latest.pk != reviewed.pk
    assert latest.content["title"] == "Senioři po automatickém uložení"


@pytest.mark.parametrize("bad_id", ["abc", "99999999999999999999", "-1"])
def test_autosave_with_a_revision_id_that_is_no_revision_is_refused_and_saves_nothing(
    client, people, chapter, bad_id
):
    client.force_login(people["author"])
    before = Revision.objects.filter(object_id=str(chapter.pk)).count()
    data = edit_form(client, chapter, title="Nic se neuloží")
    data["overwrite_revision_id"] = bad_id

    response = client.post(edit_url(chapter), data, **AUTOSAVE)

    assert response.status_code == 400
    assert response.json()["error_code"] == "invalid_revision"
    assert Revision.objects.filter(object_id=str(chapter.pk)).count() == before
