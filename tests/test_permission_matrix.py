"""Every role x every action on plan and service content, through the admin URLs that expose it.

A cell is judged by what happened, not by what the UI offered: a GET is allowed when it answers
200; a change is allowed only when the database shows it. The target is always the chapter of the
working group "Senioři" (or a service), so for most roles it is another group's content.
"""

from django.test import Client
from django.urls import reverse

from wagtail.models import Page, TaskState, WorkflowState

import pytest

from kpss_pages import factories
from kpss_pages.models import PlanChapterPage, ServicePage
from tests.admin_forms import page_form_data
from tests.route import (
    add_url,
    approve,
    approve_step,
    approve_with_resolution,
    edit_form,
    edit_url,
    publish,
    start_route,
)
from workflows.roles import AUDITOR, MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db

ROLES = ["anonym", "ps_vlastni", "ps_cizi", "mt", "ns", "poskytovatel", "auditor", "admin"]


@pytest.fixture
def world(home, plan, working_group, organisation, make_user):
    other_group = factories.WorkingGroupPageFactory(
        parent=working_group.get_parent(), title="Rodina"
    )
    measure = factories.measure_value("Opatření", organisation)
    chapter = factories.PlanChapterPageFactory(
        parent=plan,
        title="Senioři",
        number=1,
        working_group=working_group,
        priorities=[factories.priority_value("Priorita", [("Cíl", [measure])])],
    )
    publish(chapter)
    chapter.title = "Senioři – rozpracovaný koncept"
    draft_revision = chapter.save_revision()
    other_chapter = factories.PlanChapterPageFactory(
        parent=plan, title="Rodina", number=2, working_group=other_group
    )
    second_plan = factories.CommunityPlanPageFactory(parent=home, title="Plán 2030–2033")
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    own_service = factories.ServicePageFactory(parent=catalogue, provider=organisation)
    other_service = factories.ServicePageFactory(parent=catalogue)
    users = {
        "ps_vlastni": make_user("ps_vlastni", "Pracovní skupina – Senioři"),
        "ps_cizi": make_user("ps_cizi", "Pracovní skupina – Rodina"),
        "mt": make_user("mt", MANAGEMENT_TEAM),
        "ns": make_user("ns", STEERING_GROUP),
        "poskytovatel": make_user("poskytovatel", "Poskytovatel – Charita Test"),
        "auditor": make_user("auditor", AUDITOR),
        "admin": make_user("admin", superuser=True),
    }
    admin = Client()
    admin.force_login(users["admin"])
    return {
        "plan": plan,
        "second_plan": second_plan,
        "chapter": PlanChapterPage.objects.get(pk=chapter.pk),
        "draft_revision": draft_revision,
        "other_chapter": other_chapter,
        "own_service": own_service,
        "other_service": other_service,
        "users": users,
        "admin": admin,
    }


def get_ok(client, url):
    return client.get(url).status_code == 200


def fresh(page):
    return Page.objects.get(pk=page.pk).specific


def saved_edit(client, world, page, **extra):
    """POST the edit form (as the admin would render it) with a new title; True if it was saved."""
    data = edit_form(world["admin"], page, title="Změněno v testu oprávnění")
    client.post(edit_url(page), {**data, **extra})
    latest = fresh(page).get_latest_revision()
    return latest is not None and latest.object_str == "Změněno v testu oprávnění"


def submitted(world, page, up_to_task=1):
    """`page` submitted by the group's manager; with up_to_task=2 the MT approves it too."""
    state = start_route(fresh(page), world["users"]["ps_vlastni"])
    if up_to_task == 2:
        approve_step(page, world["users"]["mt"])
    return WorkflowState.objects.get(pk=state.pk)


def view_draft(client, w):
    return get_ok(client, reverse("wagtailadmin_pages:view_draft", args=(w["chapter"].pk,)))


def preview(client, w):
    return get_ok(client, reverse("wagtailadmin_pages:preview_on_edit", args=(w["chapter"].pk,)))


def revision_view(client, w):
    url = reverse(
        "wagtailadmin_pages:revisions_view", args=(w["chapter"].pk, w["draft_revision"].pk)
    )
    return get_ok(client, url)


def compare(client, w):
    url = f"/admin/pages/{w['chapter'].pk}/revisions/compare/live...latest/"
    return get_ok(client, url)


def history(client, w):
    return get_ok(client, reverse("wagtailadmin_pages:history", args=(w["chapter"].pk,)))


def workflow_history(client, w):
    return get_ok(client, reverse("wagtailadmin_pages:workflow_history", args=(w["chapter"].pk,)))


def edit_own(client, w):
    return saved_edit(client, w, w["chapter"])


def edit_other_group(client, w):
    return saved_edit(client, w, w["other_chapter"])


def create_chapter(client, w):
    url = add_url(PlanChapterPage, w["plan"])
    data = page_form_data(w["admin"], url, PlanChapterPage())
    data.update(
        {
            "title": "Nová kapitola",
            "slug": "nova-kapitola",
            "number": "9",
            "working_group": str(w["chapter"].working_group_id),
        }  # fmt: skip
    )
    client.post(url, data)
    return PlanChapterPage.objects.filter(slug="nova-kapitola").exists()


def submit(client, w):
    saved_edit(client, w, w["chapter"], **{"action-submit": "action-submit"})
    return WorkflowState.objects.filter(
        object_id=str(w["chapter"].pk), status="in_progress"
    ).exists()


def approve_mt(client, w):
    task_state = submitted(w, w["chapter"]).current_task_state
    approve(client, w["chapter"])
    return TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED


def approve_ns(client, w):
    task_state = submitted(w, w["chapter"], up_to_task=2).current_task_state
    approve_with_resolution(client, w["chapter"], "NS/2026/1", "2026-01-05")
    return TaskState.objects.get(pk=task_state.pk).status == TaskState.STATUS_APPROVED


def publish_directly(client, w):
    saved_edit(client, w, w["chapter"], **{"action-publish": "action-publish"})
    return fresh(w["chapter"]).title == "Změněno v testu oprávnění"


def unpublish(client, w):
    client.post(reverse("wagtailadmin_pages:unpublish", args=(w["chapter"].pk,)))
    return not fresh(w["chapter"]).live


def move(client, w):
    url = reverse("wagtailadmin_pages:move_confirm", args=(w["chapter"].pk, w["second_plan"].pk))
    client.post(url)
    return fresh(w["chapter"]).get_parent().pk == w["second_plan"].pk


def copy(client, w):
    client.post(
        reverse("wagtailadmin_pages:copy", args=(w["chapter"].pk,)),
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": str(w["plan"].pk)},
    )
    return Page.objects.filter(slug="kopie").exists()


def delete(client, w):
    client.post(reverse("wagtailadmin_pages:delete", args=(w["chapter"].pk,)))
    return not Page.objects.filter(pk=w["chapter"].pk).exists()


def cancel_workflow(client, w):
    """At the steering group's step, where Wagtail would also let NS members cancel (#11795)."""
    state = submitted(w, w["chapter"], up_to_task=2)
    saved_edit(client, w, w["chapter"], **{"action-cancel-workflow": "true"})
    return WorkflowState.objects.get(pk=state.pk).status == WorkflowState.STATUS_CANCELLED


def revert(client, w):
    first = w["chapter"].revisions.order_by("pk").first()
    url = reverse("wagtailadmin_pages:revisions_revert", args=(w["chapter"].pk, first.pk))
    data = page_form_data(w["admin"], url, first.as_object())
    count = w["chapter"].revisions.count()
    client.post(url, {**data, "revision": str(first.pk)})
    return w["chapter"].revisions.count() > count


def edit_own_service(client, w):
    return saved_edit(client, w, w["own_service"])


def edit_other_service(client, w):
    return saved_edit(client, w, w["other_service"])


def page_chooser(client, w):
    return get_ok(client, reverse("wagtailadmin_choose_page_child", args=(w["plan"].pk,)))


def admin_api(client, w):
    return get_ok(client, f"/admin/api/main/pages/{w['chapter'].pk}/")


READERS = {"ps_vlastni", "mt", "ns", "auditor", "admin"}
EDITORS = {"ps_vlastni", "mt", "admin"}
ADMIN = {"admin"}

EXPECTED = {
    view_draft: READERS,
    preview: EDITORS,
    revision_view: READERS,
    compare: READERS,
    history: READERS,
    workflow_history: READERS,
    edit_own: EDITORS,
    edit_other_group: {"ps_cizi", "mt", "admin"},
    create_chapter: {"mt", "admin"},
    submit: EDITORS,
    approve_mt: {"mt", "admin"},
    approve_ns: {"ns", "admin"},
    publish_directly: ADMIN,
    unpublish: ADMIN,
    move: ADMIN,
    copy: {"mt", "admin"},
    delete: ADMIN,
    cancel_workflow: EDITORS,
    revert: EDITORS,
    edit_own_service: {"poskytovatel", "mt", "admin"},
    edit_other_service: {"mt", "admin"},
    # Choosers list titles for linking; every admin user may use them.
    page_chooser: set(ROLES) - {"anonym"},
    admin_api: READERS,
}

CELLS = [(action, role) for action in EXPECTED for role in ROLES]


@pytest.mark.parametrize(("action", "role"), CELLS, ids=[f"{a.__name__}-{r}" for a, r in CELLS])
def test_permission_matrix(world, action, role):
    client = Client()
    if role != "anonym":
        client.force_login(world["users"][role])

    allowed = action(client, world)

    expected = role in EXPECTED[action]
    assert allowed == expected, f"{role} {'should' if expected else 'must not'} {action.__name__}"


def test_service_pages_follow_their_provider(world):
    """Reassigning a service to another provider moves the edit right with it."""
    service = ServicePage.objects.get(pk=world["own_service"].pk)
    service.provider = world["other_service"].provider
    publish(service)

    client = Client()
    client.force_login(world["users"]["poskytovatel"])
    assert not saved_edit(client, world, service)
