"""The approval route in GDPR exports and erasures (privacy/): submissions, reviews and
approval records."""

from simple_history.utils import get_history_model_for_model

from privacy.base import (
    UserCollector,
    content_type_column,
    model_key,
    rewrite,
    table,
    user_pseudonym,
)


class ApprovalCollector(UserCollector):
    key = "schvalovani"
    label = "Schvalovací postup: odeslání ke schválení, posouzení a záznamy o schválení"
    user_relations = [
        ("wagtailcore.workflowstate", "requested_by"),
        ("wagtailcore.taskstate", "finished_by"),
        ("workflows.approvalrecord", "approved_by"),
        ("workflows.historicalapprovalrecord", "approved_by"),
    ]

    def export_user(self, user, person):
        from wagtail.models import TaskState, WorkflowState

        from workflows.models import ApprovalRecord

        states = WorkflowState.objects.filter(requested_by=user).select_related("workflow")
        tasks = TaskState.objects.filter(finished_by=user).select_related("task")
        approvals = ApprovalRecord.objects.filter(approved_by=user)
        object_fields = content_type_column("base_content_type_id")
        return {
            model_key(WorkflowState): table(
                states.order_by("created_at"),
                ["id", "workflow", "object_id", "status", "created_at"],
                extra=object_fields,
            ),
            model_key(TaskState): table(
                tasks.order_by("started_at"),
                ["id", "task", "status", "started_at", "finished_at", "comment"],
                extra={"obsah": ("ID obsahu", lambda row: row.workflow_state.object_id)},
            ),
            model_key(ApprovalRecord): table(
                approvals.order_by("approved_at"),
                ["page_title", *ApprovalRecord.DECISION_FIELDS],
            ),
        }

    def erase_user(self, user, person, erasure):
        from workflows.models import ApprovalRecord

        pseudonym = user_pseudonym(user.pk)
        History = get_history_model_for_model(ApprovalRecord)
        return rewrite(
            ApprovalRecord.objects.filter(approved_by=user), approver_name=pseudonym
        ) + rewrite(History.objects.filter(approved_by_id=user.pk), approver_name=pseudonym)
