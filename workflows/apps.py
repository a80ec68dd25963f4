from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    """The approval route: tasks, roles, approval records and notifications."""

    name = "workflows"
    verbose_name = "Schvalovací proces"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from wagtail.models import WorkflowState

        from workflows import notifications, signals  # noqa: F401
        from workflows.permissions import user_can_cancel_workflow

        # Wagtail's rule lets the owner and current approvers cancel (wagtail#11795).
        WorkflowState.user_can_cancel = user_can_cancel_workflow
        notifications.connect()
