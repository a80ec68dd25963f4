"""One-time enrolment codes: the first pairing of an authenticator app needs one, so that
whoever learns a password cannot pair their own phone (accounts/enrolment.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class EnrolmentCode(models.Model):
    """Stored hashed (Django's password hasher); the code itself is shown once, to its issuer."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("pro koho"),
        on_delete=models.CASCADE,
        related_name="enrolment_codes",
    )
    code_hash = models.CharField(max_length=128)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("vydal(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    issued_at = models.DateTimeField(_("vydán"), auto_now_add=True)
    expires_at = models.DateTimeField(_("platí do"))
    used_at = models.DateTimeField(_("použit"), null=True, blank=True)

    class Meta:
        verbose_name = _("kód pro párování ověřovací aplikace")
        verbose_name_plural = _("kódy pro párování ověřovací aplikace")
        ordering = ["-issued_at", "-pk"]

    def __str__(self):
        return f"{self.user} ({self.issued_at:%Y-%m-%d %H:%M})"
