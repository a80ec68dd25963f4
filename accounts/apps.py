from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Sign-in security: lockout (django-axes), two-factor sign-in (django-otp), session limits."""

    name = "accounts"
    verbose_name = _("Přihlašování")

    def ready(self):
        from accounts import signals  # noqa: F401
