from django.apps import AppConfig


class KpssPagesConfig(AppConfig):
    name = "kpss_pages"
    verbose_name = "Obsah webu KPSS"
    default_auto_field = "django.db.models.BigAutoField"
