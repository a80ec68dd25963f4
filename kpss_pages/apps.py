from django.apps import AppConfig


class KpssPagesConfig(AppConfig):
    name = "kpss_pages"
    verbose_name = "Obsah webu KPSS"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from kpss_pages import signals  # noqa: F401 -- connects the receivers
