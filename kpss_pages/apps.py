from django.apps import AppConfig


class KpssPagesConfig(AppConfig):
    """The content: page types, blocks, code lists and snippets, the catalogue, public template
    tags and uploads. Imports no other app of the project (docs/architecture.md)."""

    name = "kpss_pages"
    verbose_name = "Obsah webu KPSS"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from kpss_pages import signals  # noqa: F401
