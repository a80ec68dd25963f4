from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """The public search: an index of the live pages' text that ignores diacritics, and its view."""

    name = "search"
    verbose_name = _("Vyhledávání")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search import signals  # noqa: F401 -- connects the receivers
