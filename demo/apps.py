from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemoConfig(AppConfig):
    """Demo content and people for `make run`, and the data `make bench` measures."""

    name = "demo"
    verbose_name = _("Ukázková data")
