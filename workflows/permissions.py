"""Page permission rules stricter than Wagtail's defaults.

- Only administrators delete or move pages: nothing on the public record disappears by an
  editor's hand (Wagtail lets "change" delete unpublished pages).
- `can_view()` opens the read-only views to the steering group and auditors.
- Copying needs real edit rights on the source, not just the reviewer's temporary access to the
  editor during a task (wagtail#9270).
- Cancelling a workflow is allowed only to its submitter, the management team and administrators;
  Wagtail also lets the page owner and anyone who may approve the current task cancel
  (wagtail#11795).
"""

from wagtail.models import PagePermissionTester
from wagtail.permission_policies import ModelPermissionPolicy

from workflows.roles import MANAGEMENT_TEAM


def is_in_management_team(user):
    cache_name = "_kpss_in_management_team"
    if not hasattr(user, cache_name):
        setattr(user, cache_name, user.groups.filter(name=MANAGEMENT_TEAM).exists())
    return getattr(user, cache_name)


class KpssPagePermissionTester(PagePermissionTester):
    def can_view(self):
        """Read drafts, revisions, comparisons and history; see workflows/read_only.py."""
        if not self.user.is_active or self.page_is_root:
            return False
        if self.user.is_superuser or self.permissions & {"view", "change", "add", "publish"}:
            return True
        task = self.page.current_workflow_task
        return bool(task and task.user_can_access_editor(self.page, self.user))

    def can_delete(self, ignore_bulk=False):
        return self.user.is_active and self.user.is_superuser and super().can_delete(ignore_bulk)

    def can_move(self):
        return self.user.is_active and self.user.is_superuser and super().can_move()

    def can_copy(self):
        if not self.user.is_active or self.page_is_root:
            return False
        if self.user.is_superuser or "change" in self.permissions:
            return True
        return "add" in self.permissions and self.page.owner_id == self.user.pk


def user_can_cancel_workflow(workflow_state, user):
    """Replacement for WorkflowState.user_can_cancel (see module docstring)."""
    content = workflow_state.content_object
    if getattr(content, "locked", False) and content.locked_by_id not in (None, user.pk):
        return False
    return bool(
        user.is_active
        and (
            user.is_superuser
            or user.pk == workflow_state.requested_by_id
            or is_in_management_team(user)
        )
    )


class ReadOnlyPolicy(ModelPermissionPolicy):
    """A record of a decision is never edited or deleted, not even by an administrator."""

    def user_has_permission(self, user, action):
        return action not in {"add", "change", "delete"} and super().user_has_permission(
            user, action
        )

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, set(actions) - {"add", "change", "delete"})

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission(set(actions) - {"add", "change", "delete"})
