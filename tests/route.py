"""Driving pages through the approval route in tests: one place, two ways.

Through the admin's views, as a person does, for tests about what people see and may do. The
helpers take a signed-in test client and return the response without judging it, so a test of
a refusal uses the same helper as a test that expects success:

    edit_url(page), add_url(model, parent), action_url(page, action, task_state=None)
    signed_in(user)                          a test client of its own, signed in as `user`
    edit_form(client, page, **changes)       the edit form's POST data, as the editor sends it
    post_edit(client, page, **changes)       save a draft (or press the button named in changes)
    submit(client, page, **changes)          "Odeslat ke schválení"
    publish_in_admin(client, page, **changes)    "Zveřejnit", which only administrators may
    approve(client, page, comment="", modal=False)
    approve_with_resolution(client, page, number, meeting_date, comment="", modal=False)
    return_for_changes(client, page, comment, modal=False)

`modal=True` posts as the dashboard's modal does (answered with JSON). One helper insists on
success, as it stands for the rest of a route a test is not about:

    approve_each_step(page, management_team=client, steering_group=client,
                      resolution=..., meeting_date=...)

Through Wagtail's models, for tests that need a page at some point of its route quickly:

    publish(page, user=None)                 published directly, outside the route
    start_route(page, user)                  the page's workflow started on its latest revision
    approve_step(page, user, **data)         the current step approved, through the task's checks
    approve_route(page, author=, management_team=, steering_group=, resolution=, meeting_date=)

The workflow is the one Wagtail assigns to the page (`page.get_workflow()`) and the current step
is `page.current_workflow_task_state`, so a stale page instance will do.
"""

import json

from django.test import Client
from django.urls import reverse

from tests.admin_forms import page_form_data

MODAL = {"HTTP_X_REQUESTED_WITH": "XMLHttpRequest"}

# --- Addresses --------------------------------------------------------------------------------


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def add_url(model, parent):
    """The admin's form creating a `model` page under `parent`."""
    meta = model._meta
    return reverse("wagtailadmin_pages:add", args=(meta.app_label, meta.model_name, parent.pk))


def action_url(page, action, task_state=None):
    """The workflow action `action` ("approve", "reject") on a task state, the current one
    unless given."""
    task_state = task_state or page.current_workflow_task_state
    return reverse("wagtailadmin_pages:workflow_action", args=(page.pk, action, task_state.pk))


# --- Through the admin's views ----------------------------------------------------------------


def signed_in(user):
    """A test client of its own, signed in as `user`."""
    client = Client()
    client.force_login(user)
    return client


def edit_form(client, page, **changes):
    """The edit form as the admin shows it to `client` (the page's latest revision), with
    `changes` on top, as the POST data the editor would send."""
    latest = page.specific_class.objects.get(pk=page.pk).get_latest_revision_as_object()
    return page_form_data(client, edit_url(page), latest, **changes)


def post_edit(client, page, **changes):
    """Post the edit form: a draft is saved, unless `changes` name another of the editor's
    buttons (e.g. "action-cancel-workflow")."""
    return client.post(edit_url(page), edit_form(client, page, **changes))


def submit(client, page, **changes):
    """Edit the page and send it to its route, as its author does in the editor."""
    return post_edit(client, page, **changes, **{"action-submit": "action-submit"})


def publish_in_admin(client, page, **changes):
    """Edit the page and publish it from the editor, bypassing the route (administrators)."""
    return post_edit(client, page, **changes, **{"action-publish": "action-publish"})


def approve(client, page, comment="", *, modal=False):
    """Approve the page's current step in the workflow action view; with `modal` as the
    dashboard's modal posts it (answered with JSON)."""
    data = {"comment": comment}
    return client.post(action_url(page, "approve"), data, **(MODAL if modal else {}))


def approve_with_resolution(client, page, number, meeting_date, comment="", *, modal=False):
    """The steering group's approval: a resolution with its number and meeting date."""
    data = {"resolution_number": number, "meeting_date": meeting_date, "comment": comment}
    return client.post(action_url(page, "approve"), data, **(MODAL if modal else {}))


def return_for_changes(client, page, comment, *, modal=False):
    """Return the page to its author from the current step, saying what to change."""
    data = {"comment": comment}
    return client.post(action_url(page, "reject"), data, **(MODAL if modal else {}))


def approve_each_step(
    page, *, management_team, steering_group=None, resolution=None, meeting_date=None
):
    """Approve every remaining step of the page's route in the dashboard's modal, each by the
    signed-in client of the group it names, until the page is published. Fails on a refusal."""
    for _step in range(3):
        task_state = page.current_workflow_task_state
        if task_state is None:
            return
        if asks_for_resolution(task_state):
            response = approve_with_resolution(
                steering_group, page, resolution, meeting_date, modal=True
            )
        else:
            response = approve(management_team, page, modal=True)
        assert json.loads(response.content)["step"] == "success", response.content.decode()[:500]
    raise AssertionError("the route did not finish")


# --- Through Wagtail's models -----------------------------------------------------------------


def publish(page, user=None):
    """Publish the page's current state directly, as a new revision, outside the route."""
    page.save_revision(user=user).publish(user=user)
    return page


def start_route(page, user):
    """`user` sends the page's latest revision to the workflow Wagtail assigns to the page."""
    return page.get_workflow().start(page, user)


def approve_step(page, user, **data):
    """`user` approves the page's current step, with the data its form asks for (a resolution's
    number and meeting date), through the task's own checks."""
    task_state = page.current_workflow_task_state
    return task_state.task.specific.on_action(task_state, user, "approve", **data)


def approve_route(
    page, *, author, management_team, steering_group=None, resolution=None, meeting_date=None
):
    """`author` starts the route on the page's latest revision and every step is approved by
    the group it names, the steering group with `resolution`: the revision is published."""
    start_route(page, author)
    for _step in range(3):
        task_state = page.current_workflow_task_state
        if task_state is None:
            return
        if asks_for_resolution(task_state):
            approve_step(
                page, steering_group, resolution_number=resolution, meeting_date=meeting_date
            )
        else:
            approve_step(page, management_team)
    raise AssertionError("the route did not finish")


def asks_for_resolution(task_state):
    """Whether the step's approval is a resolution (the steering group's)."""
    form = task_state.task.specific.get_form_for_action("approve")
    return "resolution_number" in form.base_fields
