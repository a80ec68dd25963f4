"""Keeping review honest when content changes: what reviewers approve is what gets published."""

from wagtail.models import TaskState, WorkflowState


def may_overwrite(page, revision):
    """Wagtail 8's autosave overwrites the user's latest revision in place; never one on record.

    A revision that a task reviewed (or is reviewing) or that was published must stay as it was,
    or an approval would cover content the reviewer never saw.
    """
    if revision is None:
        return False
    if revision.pk == page.live_revision_id:
        return False
    return not TaskState.objects.filter(revision=revision).exists()


def restart_review_after_edit(page, revision):
    """A new revision of content in review sends the route back to its first task.

    Approvals given to an earlier revision no longer count (REQUIRE_REAPPROVAL_ON_EDIT), so the
    task in progress is cancelled; updating the workflow then starts the first task that is not
    approved for this revision, with this revision.
    """
    workflow_state = (
        WorkflowState.objects.filter(
            base_content_type_id=page.get_base_content_type().pk,
            object_id=str(page.pk),
            status=WorkflowState.STATUS_IN_PROGRESS,
        )
        .select_related("current_task_state")
        .first()
    )
    current = workflow_state.current_task_state if workflow_state else None
    if (
        current is None
        or current.status != TaskState.STATUS_IN_PROGRESS
        or current.revision_id == revision.pk
    ):
        return
    current.specific.cancel(user=revision.user, comment="Obsah byl upraven během posuzování.")
