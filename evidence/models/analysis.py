"""The public page "Analýza potřeb a zdrojů": population by age per municipality and its trend,
services and capacities against population, and the needs register with the measures that
answer each need. The figures come from the imported data at each rendering; the page's own
content (introduction, needs) passes the plan's route like a chapter."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField

from kpss_pages.models.base import BasePage
from kpss_pages.models.plan import YEAR_VALIDATORS

from ..blocks import NeedBlock
from .territories import TerritoryKind


class NeedsAnalysisPage(RoutablePageMixin, BasePage):
    introduction = RichTextField(_("úvod"), blank=True)
    territory = models.ForeignKey(
        "evidence.Territory",
        verbose_name=_("analyzované území"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind__in": [TerritoryKind.MICROREGION, TerritoryKind.ORP]},
        help_text=_("Mikroregion nebo ORP; stránka ukáže jeho obce."),
    )
    plan = models.ForeignKey(
        "kpss_pages.CommunityPlanPage",
        verbose_name=_("komunitní plán"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Plán, jehož opatření na potřeby odpovídají."),
    )
    trend_from = models.PositiveSmallIntegerField(
        _("vývoj od roku"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Prázdné = od nejstaršího načteného roku."),
    )
    resources = RichTextField(
        _("zdroje a jejich dostupnost"),
        blank=True,
        help_text=_("Slovní shrnutí sítě služeb; čísla stránka doplní sama."),
    )
    needs = StreamField([("need", NeedBlock())], verbose_name=_("registr potřeb"), blank=True)

    parent_page_types = ["kpss_pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        FieldRowPanel([FieldPanel("territory"), FieldPanel("plan"), FieldPanel("trend_from")]),
        FieldPanel("resources"),
        FieldPanel("needs"),
    ]

    class Meta:
        verbose_name = _("analýza potřeb a zdrojů")
        verbose_name_plural = _("analýzy potřeb a zdrojů")

    def get_context(self, request, *args, **kwargs):
        from evidence.analysis import Analysis
        from evidence.charts import charts

        context = super().get_context(request, *args, **kwargs)
        context["analysis"] = analysis = Analysis(self, request)
        context["charts"] = charts(analysis)
        return context

    @path("csv/<slug:table>/", name="csv")
    def csv(self, request, table):
        from evidence.analysis import Analysis
        from evidence.csv_tables import csv

        return csv(Analysis(self, request), table)
