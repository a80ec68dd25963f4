"""Population figures from ČSÚ open data, one row per territory, year, sex and age band."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords


class Sex(models.TextChoices):
    ALL = "", _("celkem")
    MEN = "m", _("muži")
    WOMEN = "z", _("ženy")


class PopulationFigure(models.Model):
    """Population on 31 December of `year`. The age band is ČSÚ's code from its code list 7700
    ("" = all ages), with its bounds kept for sums: from `age_from` (inclusive) to `age_to`
    (exclusive; empty = and older)."""

    territory = models.ForeignKey(
        "evidence.Territory",
        verbose_name=_("území"),
        on_delete=models.CASCADE,
        related_name="population",
    )
    year = models.PositiveSmallIntegerField(_("rok"))
    sex = models.CharField(_("pohlaví"), max_length=1, choices=Sex.choices, blank=True)
    age_code = models.CharField(_("kód věkové skupiny (číselník 7700)"), max_length=15, blank=True)
    age_from = models.PositiveSmallIntegerField(_("věk od"), default=0)
    age_to = models.PositiveSmallIntegerField(_("věk do (bez)"), null=True, blank=True)
    value = models.PositiveIntegerField(_("počet obyvatel"))
    dataset = models.CharField(_("datová sada ČSÚ"), max_length=20, blank=True)
    source_id = models.CharField(_("identifikátor údaje ČSÚ (idhod)"), max_length=40, blank=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["territory", "year", "sex", "age_from"]
        verbose_name = _("počet obyvatel")
        verbose_name_plural = _("počty obyvatel")
        constraints = [
            models.UniqueConstraint(
                fields=["territory", "year", "sex", "age_code"], name="population_unique_figure"
            )
        ]

    def __str__(self):
        return f"{self.territory.name} {self.year}: {self.value}"

    @property
    def is_total(self):
        return self.age_code == ""
