from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    """The approval route: tasks, roles, approval records and notifications."""

    name = "workflows"
    verbose_name = "Schvalovací proces"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import AbstractPage, Page, WorkflowState
        from wagtail.permissions import register_permission_policy

        from workflows import drafts, notifications, reports, signals  # noqa: F401
        from workflows.models import ApprovalRecord
        from workflows.permissions import ReadOnlyPolicy, user_can_cancel_workflow
        from workflows.read_only import KpssPagePermissionPolicy

        # Wagtail's rule lets the owner and current approvers cancel (wagtail#11795).
        WorkflowState.user_can_cancel = user_can_cancel_workflow
        notifications.connect()
        # Site history shows only what a restricted user may edit (wagtail#9181).
        reports.install()
        # Choosers, reports and bulk actions name pages by their draft title (drafts.py).
        drafts.install()
        # Lets holders of view_page browse the explorer (read-only roles).
        register_permission_policy(AbstractPage, KpssPagePermissionPolicy(Page))
        register_permission_policy(ApprovalRecord, ReadOnlyPolicy(ApprovalRecord))
