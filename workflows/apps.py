from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    """The approval route: tasks, roles, approval records and notifications."""

    name = "workflows"
    verbose_name = "Schvalovací proces"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import AbstractPage, Page
        from wagtail.permissions import register_permission_policy

        from workflows import notifications, signals, wagtail_patches  # noqa: F401
        from workflows.models import ApprovalRecord
        from workflows.permissions import ReadOnlyPolicy
        from workflows.read_only import KpssPagePermissionPolicy

        wagtail_patches.install()
        notifications.connect()
        # Lets holders of view_page browse the explorer (read-only roles).
        register_permission_policy(AbstractPage, KpssPagePermissionPolicy(Page))
        register_permission_policy(ApprovalRecord, ReadOnlyPolicy(ApprovalRecord))
