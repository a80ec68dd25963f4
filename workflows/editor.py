"""The page editor and the review actions in the route's words.

- The action menu names the actions as people say them: Wagtail labels the author's button
  "Submit to <workflow>" / "Resubmit to <task>", which Wagtail's Czech catalogue renders as
  "Potvrdit Schválení komunitního plánu", indistinguishable from an approval.
- Every workflow action ends with a confirmation of what happened and who is next
  (workflows/outcomes.py), wherever it was taken: editor, dashboard or its modal.
- A returned draft shows who returned it and why at the top of its editor until resubmitted.
"""

from django.contrib import messages as django_messages
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin import messages
from wagtail.admin.action_menu import (
    CancelWorkflowMenuItem,
    RestartWorkflowMenuItem,
    SubmitForModerationMenuItem,
)
from wagtail.admin.views.pages.create import CreateView
from wagtail.admin.views.pages.edit import EditView
from wagtail.admin.views.pages.workflow import WorkflowActionView
from wagtail.models import WorkflowState

from workflows import outcomes, responsibility, review

# --- Action menu ---------------------------------------------------------------------------


class SubmitForApprovalMenuItem(SubmitForModerationMenuItem):
    label = _("Odeslat ke schválení")

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        page = context.get("page")
        workflow_state = page.current_workflow_state if page and page.pk else None
        if workflow_state and workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES:
            context["label"] = _("Odeslat znovu k posouzení")
        else:
            context["label"] = self.label
        return context


class CancelApprovalMenuItem(CancelWorkflowMenuItem):
    label = _("Zrušit schvalování")


class RestartApprovalMenuItem(RestartWorkflowMenuItem):
    label = _("Začít schvalování znovu")


RENAMED_MENU_ITEMS = {
    SubmitForModerationMenuItem: SubmitForApprovalMenuItem,
    CancelWorkflowMenuItem: CancelApprovalMenuItem,
    RestartWorkflowMenuItem: RestartApprovalMenuItem,
}


def name_route_actions(menu_items, request, context):
    """construct_page_action_menu: Wagtail's route items, relabelled."""
    menu_items[:] = [
        RENAMED_MENU_ITEMS[type(item)](order=item.order)
        if type(item) in RENAMED_MENU_ITEMS
        else item
        for item in menu_items
    ]


# --- Confirmations -------------------------------------------------------------------------


def replace_confirmation(request, message, buttons=None):
    """Put `message` in place of the success message Wagtail queued inside the action it just
    performed (the action offers no hook between performing and confirming). Reading the message
    storage marks every queued message used; all but that one are queued again, in order."""
    queued = list(django_messages.get_messages(request))
    successes = [i for i, m in enumerate(queued) if m.level == django_messages.SUCCESS]
    if successes:
        del queued[successes[-1]]
    for m in queued:
        django_messages.add_message(request, m.level, m.message, extra_tags=m.extra_tags)
    messages.success(request, message, buttons=buttons)


class RouteEditView(EditView):
    def get(self, request, *args, **kwargs):
        if not (self.expects_json_response or self.hydrate_create_view):
            notice = outcomes.returned_notice(self.workflow_state)
            if notice:
                messages.warning(request, notice)
        return super().get(request, *args, **kwargs)

    def draft_buttons(self):
        return [self.get_view_draft_message_button(), self.get_edit_message_button()]

    def save_action(self):
        # Autosave overwrites the user's latest revision in place; never one on record
        # (workflows/review.py): a new revision is saved instead.
        overwrite_id = self.request.POST.get("overwrite_revision_id")
        if overwrite_id:
            revision = self.page.revisions.filter(pk=overwrite_id).first()
            if revision is not None and not review.may_overwrite(self.page, revision):
                post = self.request.POST.copy()
                del post["overwrite_revision_id"]
                self.request.POST = post
        return super().save_action()

    def submit_action(self):
        resumed = bool(
            self.workflow_state and self.workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
        )
        response = super().submit_action()
        replace_confirmation(
            self.request, outcomes.submitted(self.page, resumed=resumed), self.draft_buttons()
        )
        return response

    def restart_workflow_action(self):
        response = super().restart_workflow_action()
        replace_confirmation(self.request, outcomes.restarted(self.page), self.draft_buttons())
        return response

    def perform_workflow_action(self):
        # Saving edits first may restart the route (workflows/review.py), so the task state
        # acted on is known only afterwards: the one this user finished from now on.
        self.acting_since = timezone.now()
        return super().perform_workflow_action()

    def add_save_confirmation_message(self):
        if self.action_name == "perform_workflow_action":
            task_state = outcomes.finished_by(self.page, self.request.user, self.acting_since)
            confirmation = task_state and outcomes.after_task_action(self.page, task_state)
            if confirmation:
                messages.success(self.request, confirmation)
                return
        super().add_save_confirmation_message()

    def add_cancel_workflow_confirmation_message(self):
        messages.success(self.request, outcomes.cancelled(self.page), buttons=self.draft_buttons())


class RouteCreateView(CreateView):
    def get(self, request):
        return self.refusal() or super().get(request)

    def post(self, request):
        return self.refusal() or super().post(request)

    def refusal(self):
        """A new service or chapter answers to its creator's own organisation or group unless
        the creator may choose (workflows/responsibility.py)."""
        problem = responsibility.assign_own(self.page, self.request.user)
        if problem:
            messages.error(self.request, problem)
            return redirect("wagtailadmin_explore", self.parent_page.pk)
        return None

    def submit_action(self):
        response = super().submit_action()
        buttons = [self.get_edit_message_button()]
        if self.page.is_previewable():
            buttons.insert(0, self.get_view_draft_message_button())
        replace_confirmation(self.request, outcomes.submitted(self.page, created=True), buttons)
        return response


class RouteWorkflowActionView(WorkflowActionView):
    """Approve and return from the dashboard (directly or through its modal)."""

    def post(self, request, *args, **kwargs):
        response = super().post(request, *args, **kwargs)
        confirmation = outcomes.after_task_action(self.object, self.task_state)
        if confirmation:
            messages.success(request, confirmation)
        return response
