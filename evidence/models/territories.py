"""Territories with their official codes: municipalities (ČSÚ code list 43), ORP (65), districts
(101), regions (100), and the microregion, a union of municipalities without a ČSÚ code."""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.search import index

from simple_history.models import HistoricalRecords


class TerritoryKind(models.TextChoices):
    MUNICIPALITY = "obec", _("obec")
    ORP = "orp", _("správní obvod ORP")
    DISTRICT = "okres", _("okres")
    REGION = "kraj", _("kraj")
    MICROREGION = "mikroregion", _("mikroregion (svazek obcí)")


# The ČSÚ code list (vuzemi_cis in its open data) of each kind, and the form of its codes.
CSU_CODE_LISTS = {
    TerritoryKind.MUNICIPALITY: "43",
    TerritoryKind.ORP: "65",
    TerritoryKind.DISTRICT: "101",
    TerritoryKind.REGION: "100",
}
CODE_FORMS = {
    TerritoryKind.MUNICIPALITY: (r"\d{6}", _("Kód obce má šest číslic (číselník ČSÚ 43).")),
    TerritoryKind.ORP: (r"\d{4}", _("Kód ORP má čtyři číslice (číselník ČSÚ 65).")),
    TerritoryKind.DISTRICT: (r"\d{5}", _("Kód okresu má pět číslic (číselník ČSÚ 101).")),
    TerritoryKind.REGION: (r"\d{4}", _("Kód kraje má čtyři číslice (číselník ČSÚ 100).")),
}
# Which kind may contain which: a municipality lies in an ORP, an ORP in a district, …
PARENT_KINDS = {
    TerritoryKind.MUNICIPALITY: TerritoryKind.ORP,
    TerritoryKind.ORP: TerritoryKind.DISTRICT,
    TerritoryKind.DISTRICT: TerritoryKind.REGION,
}


class Territory(index.Indexed, models.Model):
    kind = models.CharField(_("druh území"), max_length=20, choices=TerritoryKind.choices)
    name = models.CharField(_("název"), max_length=150)
    code = models.CharField(
        _("kód ČSÚ"),
        max_length=12,
        blank=True,
        help_text=_("Kód z číselníku ČSÚ; mikroregion žádný nemá."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("leží v území"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        help_text=_("Obec leží v ORP, ORP v okrese, okres v kraji."),
    )
    municipality = models.OneToOneField(
        "kpss_pages.Municipality",
        verbose_name=_("obec v katalogu služeb"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="territory",
        help_text=_("Jen u obce: obec, kterou služby uvádějí ve své územní působnosti."),
    )
    members = models.ManyToManyField(
        "self",
        verbose_name=_("členské obce"),
        symmetrical=False,
        blank=True,
        related_name="microregions",
        limit_choices_to={"kind": TerritoryKind.MUNICIPALITY},
        help_text=_("Jen u mikroregionu: obce svazku."),
    )

    history = HistoricalRecords(m2m_fields=[members])
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("území")
        verbose_name_plural = _("území")
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"],
                condition=~models.Q(code=""),
                name="territory_unique_code",
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.get_kind_display()})"

    def clean(self):
        errors = {}
        self.code = (self.code or "").strip()
        form = CODE_FORMS.get(self.kind)
        if form and not re.fullmatch(form[0], self.code):
            errors["code"] = form[1]
        if self.kind == TerritoryKind.MICROREGION and self.code:
            errors["code"] = _("Mikroregion nemá kód ČSÚ; nechte pole prázdné.")
        wanted = PARENT_KINDS.get(self.kind)
        if self.parent_id and (wanted is None or self.parent.kind != wanted):
            errors["parent"] = (
                _("Toto území neleží v jiném území.")
                if wanted is None
                else _("Nadřazené území musí být: %(kind)s.") % {"kind": wanted.label}
            )
        if self.municipality_id and self.kind != TerritoryKind.MUNICIPALITY:
            errors["municipality"] = _("Obec z katalogu lze přiřadit jen území druhu obec.")
        if errors:
            raise ValidationError(errors)

    @property
    def csu_code_list(self):
        return CSU_CODE_LISTS.get(self.kind, "")

    def municipalities(self):
        """The municipalities of this territory: its members, its children or itself."""
        if self.kind == TerritoryKind.MUNICIPALITY:
            return Territory.objects.filter(pk=self.pk)
        if self.kind == TerritoryKind.MICROREGION:
            return self.members.all()
        if self.kind == TerritoryKind.ORP:
            return self.children.filter(kind=TerritoryKind.MUNICIPALITY)
        return Territory.objects.filter(kind=TerritoryKind.MUNICIPALITY).filter(
            models.Q(parent__parent=self) | models.Q(parent__parent__parent=self)
        )
