"""Dashboard panels: what awaits my review, and the state of what I drafted or submitted."""

from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse

from wagtail.admin.ui.components import Component
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, Task, TaskState, WorkflowState
from wagtail.permission_policies.pages import PagePermissionPolicy

from workflows.models import route_action_media

PANEL_LIMIT = 50


class AwaitingMyReviewPanel(WorkflowObjectsToModeratePanel):
    """Wagtail's review panel (its modal approve/reject buttons) in the route's words.

    The steering group's editor is locked (it never edits), so the dashboard is where it acts.
    """

    name = "kpss_awaiting_my_review"
    template_name = "workflows/panels/awaiting_my_review.html"
    order = 100

    @property
    def media(self):
        return super().media + route_action_media()

    def get_context_data(self, parent_context):
        """Wagtail's panel lists every waiting item with two queries each (the workflow's
        progress, which this panel does not show, and the task) and no limit. Here: the newest
        PANEL_LIMIT, a fixed number of queries, and a link to the full workflow report."""
        request = parent_context["request"]
        context = Component.get_context_data(self, parent_context)
        context.update(states=[], request=request, csrf_token=parent_context["csrf_token"])
        states = (
            TaskState.objects.reviewable_by(request.user)
            .select_related(
                "task",
                "revision",
                "revision__user",
                "workflow_state",
                "workflow_state__workflow",
                "workflow_state__requested_by",
            )
            .prefetch_related("revision__content_object__latest_revision")
            .order_by("-started_at")
        )
        context["total"] = states.count()
        tasks = {
            task.pk: task
            for task in Task.objects.filter(pk__in=states.values("task_id")).specific()
        }
        actions = {}  # a task's actions depend on the user only (workflows/models.py)
        for state in states[:PANEL_LIMIT]:
            obj = state.revision.content_object
            if not obj:  # the object was deleted
                continue
            task = tasks[state.task_id]
            if task.pk not in actions:
                actions[task.pk] = task.get_actions(obj, request.user)
            state.task = task
            context["states"].append(
                {
                    "obj": obj,
                    "revision": state.revision,
                    "live_revision_id": obj.live_revision_id,
                    "task_state": state,
                    "actions": actions[task.pk],
                    "workflow_action_url_name": "wagtailadmin_pages:workflow_action",
                    "workflow_preview_url_name": "wagtailadmin_pages:workflow_preview"
                    if getattr(obj, "is_previewable", False)
                    else None,
                    "revisions_compare_url_name": "wagtailadmin_pages:revisions_compare",
                }
            )
        context["more"] = context["total"] - len(context["states"])
        # Wagtail's workflow report lists them all, for those who may open it (it asks for
        # add, change or publish permission; the steering group only approves).
        context["report_url"] = (
            reverse("wagtailadmin_reports:workflow")
            if PagePermissionPolicy().user_has_any_permission(
                request.user, ["add", "change", "publish"]
            )
            else None
        )
        return context


class MyDraftsAndSubmissionsPanel(Component):
    name = "kpss_my_drafts_and_submissions"
    template_name = "workflows/panels/my_drafts_and_submissions.html"
    order = 110

    def get_context_data(self, parent_context):
        request = parent_context["request"]
        user = request.user
        submitted = (
            WorkflowState.objects.active()
            .filter(requested_by=user, base_content_type__model="page")
            .select_related("current_task_state__task", "workflow")
            .order_by("-created_at")[:PANEL_LIMIT]
        )
        submitted_pages = Page.objects.in_bulk([int(s.object_id) for s in submitted])
        in_workflow = WorkflowState.objects.active().filter(
            base_content_type__model="page",
            # object_id is text (generic relation); PostgreSQL won't compare it with an integer.
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        drafts = (
            Page.objects.filter(latest_revision__user=user, has_unpublished_changes=True)
            .annotate(in_workflow=Exists(in_workflow.values("pk")))
            .filter(in_workflow=False)
            .order_by("-latest_revision_created_at")[:PANEL_LIMIT]
        )
        return {
            "drafts": drafts,
            "submitted": [
                {"state": s, "page": submitted_pages[int(s.object_id)]}
                for s in submitted
                if int(s.object_id) in submitted_pages
            ],
            "request": request,
        }


REPLACED_WAGTAIL_PANELS = {"workflow_objects_to_moderate", "user_objects_in_workflow_moderation"}


def replace_workflow_panels(request, panels):
    panels[:] = [p for p in panels if getattr(p, "name", "") not in REPLACED_WAGTAIL_PANELS]
    panels[:0] = [AwaitingMyReviewPanel(), MyDraftsAndSubmissionsPanel()]
