from django.apps import AppConfig


class WorkflowsConfig(AppConfig):
    """The approval route (tasks, roles, approval records); its models arrive with issue 3."""

    name = "workflows"
    verbose_name = "Schvalovací proces"
    default_auto_field = "django.db.models.BigAutoField"
