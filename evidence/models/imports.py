"""Each run of an importer on record: who ran it, when, on which file (its SHA-256 digest),
with what result and counts; a failed run keeps its report of bad lines."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    class Kind(models.TextChoices):
        CSU = "csu", _("obyvatelstvo (ČSÚ)")
        REGISTRY = "registr", _("registr poskytovatelů sociálních služeb (MPSV)")

    class Status(models.TextChoices):
        RUNNING = "bezi", _("probíhá")
        DONE = "hotovo", _("dokončeno")
        FAILED = "chyba", _("odmítnuto")

    kind = models.CharField(_("co se načítalo"), max_length=20, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("spustil(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    started_at = models.DateTimeField(_("zahájeno"), auto_now_add=True)
    finished_at = models.DateTimeField(_("dokončeno"), null=True, blank=True)
    file_name = models.CharField(_("soubor"), max_length=255)
    digest = models.CharField(_("otisk souboru (SHA-256)"), max_length=64, blank=True)
    status = models.CharField(
        _("výsledek"), max_length=10, choices=Status.choices, default=Status.RUNNING
    )
    counts = models.JSONField(_("počty"), default=dict, blank=True)
    report = models.TextField(_("zpráva"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("načtení dat")
        verbose_name_plural = _("načtení dat")

    def __str__(self):
        started = timezone.localtime(self.started_at)
        return f"{self.get_kind_display()} – {self.file_name} ({started:%d. %m. %Y %H:%M})"

    @property
    def started(self):
        return date_format(timezone.localtime(self.started_at), "DATETIME_FORMAT")

    started.fget.short_description = _("zahájeno")

    @property
    def finished(self):
        if self.finished_at is None:
            return ""
        return date_format(timezone.localtime(self.finished_at), "DATETIME_FORMAT")

    finished.fget.short_description = _("dokončeno")

    @property
    def summary(self):
        labels = {
            "created": _("nové"),
            "changed": _("změněné"),
            "unchanged": _("beze změny"),
            "skipped": _("mimo území"),
        }
        return ", ".join(
            f"{labels[key]}: {value}" for key, value in self.counts.items() if key in labels
        )

    summary.fget.short_description = _("souhrn")
