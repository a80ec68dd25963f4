from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    """Personal data (GDPR): the registry of collectors, export and erasure of a person.

    Each app that stores personal data contributes its collectors through the
    ``register_gdpr_collectors`` Wagtail hook; this app holds those of Django, Wagtail and the
    content app."""

    name = "privacy"
    verbose_name = _("Osobní údaje")
