from django.apps import AppConfig


class AuditConfig(AppConfig):
    """What Wagtail's audit log and simple-history don't cover: role changes and sign-ins."""

    name = "audit"
    verbose_name = "Audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from audit import signals  # noqa: F401
