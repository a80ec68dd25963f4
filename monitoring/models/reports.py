"""Monitoring rounds (monitoring plnění): each year the management team opens a round for the
plan; every measure of the year gets a report from the working group that answers for it, and
each partner organisation named by the measure reports its own part. A report passes the
management team's review (submitted -> approved, or returned with a reason).

Measures live in the chapters' StreamField, so a report names its measure by the measure's
stable id and keeps the code and title it had when the round was opened."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from simple_history.models import HistoricalRecords

from kpss_pages.blocks import FUNDING_SOURCES
from kpss_pages.models.plan import YEAR_VALIDATORS


class Fulfilment(models.TextChoices):
    DONE = "splneno", _("splněno")
    ONGOING = "prubezne", _("plněno průběžně")
    PARTIAL = "castecne", _("částečně splněno")
    NOT_DONE = "nesplneno", _("nesplněno")
    POSTPONED = "odlozeno", _("odloženo")
    CANCELLED = "zruseno", _("zrušeno")

    @classmethod
    def needs_reasons(cls, value):
        """Whoever did not do what the plan said says why."""
        return value in {cls.PARTIAL, cls.NOT_DONE, cls.POSTPONED, cls.CANCELLED}


class ReviewState(models.TextChoices):
    DRAFT = "rozpracovano", _("rozpracováno")
    SUBMITTED = "odeslano", _("odesláno ke kontrole")
    RETURNED = "vraceno", _("vráceno k doplnění")
    APPROVED = "schvaleno", _("schváleno manažerským týmem")

    @classmethod
    def editable(cls, value):
        """States in which the reporting group may still change the report."""
        return value in {cls.DRAFT, cls.RETURNED}


class MonitoringRound(models.Model):
    plan = models.ForeignKey(
        "kpss_pages.CommunityPlanPage",
        verbose_name=_("komunitní plán"),
        on_delete=models.PROTECT,
        related_name="monitoring_rounds",
    )
    year = models.PositiveSmallIntegerField(_("sledovaný rok"), validators=YEAR_VALIDATORS)
    deadline = models.DateField(_("termín pro hlášení"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("otevřel(a)"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opened_at = models.DateTimeField(_("otevřeno"), default=timezone.now)
    reminded_on = models.DateField(_("připomenuto"), null=True, blank=True, editable=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kolo monitoringu")
        verbose_name_plural = _("kola monitoringu")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "year"], name="monitoring_round_unique_year")
        ]

    def __str__(self):
        return _("Monitoring %(year)s – %(plan)s") % {"year": self.year, "plan": self.plan.title}

    def is_past_deadline(self, today=None):
        return (today or timezone.localdate()) > self.deadline


class MeasureReport(models.Model):
    round = models.ForeignKey(
        MonitoringRound, verbose_name=_("kolo"), on_delete=models.PROTECT, related_name="reports"
    )
    measure_id = models.CharField(_("opatření (trvalý identifikátor)"), max_length=36)
    code = models.CharField(_("číslo opatření"), max_length=20)
    title = models.CharField(_("název opatření"), max_length=255)
    chapter = models.ForeignKey(
        "kpss_pages.PlanChapterPage",
        verbose_name=_("kapitola"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "kpss_pages.Organisation",
        verbose_name=_("partner (za svou část)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Prázdné u hlášení pracovní skupiny za celé opatření."),
    )
    status = models.CharField(
        _("stav plnění"), max_length=20, choices=Fulfilment.choices, blank=True
    )
    percent = models.PositiveSmallIntegerField(
        _("míra splnění (%)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    narrative = models.TextField(_("co se udělalo"), max_length=5000, blank=True)
    reasons = models.TextField(_("důvody nesplnění"), max_length=5000, blank=True)
    next_steps = models.TextField(_("další kroky"), max_length=5000, blank=True)
    evidence = models.ManyToManyField(
        "wagtaildocs.Document", verbose_name=_("doklady"), blank=True, related_name="+"
    )
    review_state = models.CharField(
        _("stav kontroly"), max_length=20, choices=ReviewState.choices, default=ReviewState.DRAFT
    )
    review_comment = models.TextField(_("vyjádření manažerského týmu"), blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("odeslal(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("odesláno"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("zkontroloval(a)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("zkontrolováno"), null=True, blank=True)

    history = HistoricalRecords(m2m_fields=[evidence])

    class Meta:
        verbose_name = _("hlášení o plnění opatření")
        verbose_name_plural = _("hlášení o plnění opatření")
        # The group's own report before its partners' parts, on every database.
        ordering = [
            "round",
            "chapter__number",
            "code",
            models.F("organisation__name").asc(nulls_first=True),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "measure_id"],
                condition=Q(organisation__isnull=True),
                name="monitoring_report_one_per_measure",
            ),
            models.UniqueConstraint(
                fields=["round", "measure_id", "organisation"],
                condition=Q(organisation__isnull=False),
                name="monitoring_report_one_per_partner",
            ),
        ]

    def __str__(self):
        text = _("Hlášení %(year)s, opatření %(code)s") % {
            "year": self.round.year,
            "code": self.code,
        }
        if self.organisation_id:
            text += f" ({self.organisation})"
        return text

    @property
    def is_partner_part(self):
        return self.organisation_id is not None


class IndicatorValue(models.Model):
    report = models.ForeignKey(MeasureReport, on_delete=models.CASCADE, related_name="indicators")
    sort_order = models.PositiveSmallIntegerField(default=0, editable=False)
    name = models.CharField(_("ukazatel"), max_length=255)
    unit = models.CharField(_("jednotka"), max_length=50, blank=True)
    baseline = models.DecimalField(
        _("výchozí hodnota"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("cílová hodnota"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    actual = models.DecimalField(
        _("skutečná hodnota"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    source = models.CharField(_("zdroj údaje"), max_length=255, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("hodnota ukazatele")
        verbose_name_plural = _("hodnoty ukazatelů")
        ordering = ["report", "sort_order", "pk"]

    def __str__(self):
        return self.name


class FundingLine(models.Model):
    report = models.ForeignKey(MeasureReport, on_delete=models.CASCADE, related_name="funding")
    source = models.CharField(_("zdroj financování"), max_length=20, choices=FUNDING_SOURCES)
    planned = models.PositiveBigIntegerField(_("plánováno (Kč)"), null=True, blank=True)
    approved = models.PositiveBigIntegerField(_("schváleno (Kč)"), null=True, blank=True)
    actual = models.PositiveBigIntegerField(_("skutečně čerpáno (Kč)"), null=True, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("financování ze zdroje")
        verbose_name_plural = _("financování podle zdrojů")
        ordering = ["report", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "source"], name="monitoring_funding_one_line_per_source"
            )
        ]

    def __str__(self):
        return self.get_source_display()
