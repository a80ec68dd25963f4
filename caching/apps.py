from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CachingConfig(AppConfig):
    """The anonymous page cache with exact invalidation, and the shared fragments it keeps
    (the content notes what it reads through kpss_pages.fragments)."""

    name = "caching"
    verbose_name = _("Mezipaměť stránek")

    def ready(self):
        from caching import signals  # noqa: F401 -- connects the receivers
