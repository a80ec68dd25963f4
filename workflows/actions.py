"""What happens when the last task approves: publish the approved revision and record who approved.

Wagtail's default finish action publishes as the approving user and fails when that user may not
publish; here nobody but administrators holds publish permission, so the route itself publishes.
"""

from django.db import transaction
from django.utils import timezone


def approver_name(user):
    if user is None:
        return ""
    return user.get_full_name() or user.get_username()


@transaction.atomic
def publish_approved_revision(workflow_state, user=None):
    # Imported here: Wagtail imports this module while wagtail.models is still loading.
    from wagtail.models import TaskState

    from workflows.models import ApprovalRecord

    page = workflow_state.content_object.specific
    revision = page.get_latest_revision()
    approved = (
        TaskState.objects.filter(
            workflow_state=workflow_state, status=TaskState.STATUS_APPROVED, revision=revision
        )
        .select_related("task", "finished_by")
        .order_by("started_at", "pk")
    )
    now = timezone.now()
    for step, task_state in enumerate(approved, start=1):
        task_state = task_state.specific
        ApprovalRecord.objects.create(
            page=page,
            page_title=page.title,
            revision=revision,
            step=step,
            task_name=task_state.task.name,
            approved_by=task_state.finished_by,
            approver_name=approver_name(task_state.finished_by),
            approved_at=task_state.finished_at or now,
            comment=task_state.comment,
            resolution_number=getattr(task_state, "resolution_number", ""),
            meeting_date=getattr(task_state, "meeting_date", None),
            published_at=now,
        )
    revision.publish(user=user, skip_permission_checks=True)
