"""The annual action plan (akční plán): the plan's measures chosen for one year, what will be
done in it and the budget by funding source. It takes the plan's approval route, and the yearly
evaluation compares it with what happened."""

from dataclasses import dataclass, field

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site
from wagtail.search import index

from kpss_pages import fragments
from kpss_pages.action_plan_blocks import ActionPlanBlock
from kpss_pages.blocks import FUNDING_SOURCES
from kpss_pages.forms import ActionPlanPageForm

from .archive import ApprovedVersionsMixin
from .base import BasePage
from .plan import YEAR_VALIDATORS, CommunityPlanPage


@dataclass
class ActionItem:
    """One measure of the action plan, resolved against the plan's published measures."""

    block_id: str
    value: object  # the item's StructValue: activities and budget
    ref: object = None  # MeasureRef, or None when the plan no longer has the measure
    budget: list = field(default_factory=list)  # (source label, amount)

    @property
    def total(self):
        return sum(amount for _label, amount in self.budget)

    @property
    def sort_key(self):
        if self.ref is None:
            return (1, ())
        return (0, tuple(int(part) for part in self.ref.code.split(".")))


class ActionPlanPage(ApprovedVersionsMixin, BasePage):
    year = models.PositiveSmallIntegerField(_("rok"), validators=YEAR_VALIDATORS)
    introduction = RichTextField(_("úvod"), blank=True)
    items = StreamField(
        ActionPlanBlock(),
        verbose_name=_("opatření na rok"),
        blank=True,
        help_text=_("Opatření schváleného plánu, která se v roce provedou, a jejich rozpočet."),
    )

    base_form_class = ActionPlanPageForm
    parent_page_types = ["kpss_pages.CommunityPlanPage"]
    subpage_types = []
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("introduction"),
        index.SearchField("items"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("year"),
        FieldPanel("introduction"),
        FieldPanel("items"),
    ]

    class Meta:
        verbose_name = _("akční plán")
        verbose_name_plural = _("akční plány")

    def plan(self):
        return CommunityPlanPage.objects.get(path=self.path[: -self.steplen])

    def resolved_items(self, index=None):
        """The items in the plan's order of measures, each with its measure; `index` is the
        plan's {stable id: MeasureRef} (by default, the published plan's)."""
        if index is None:
            index = self.plan().measure_index()
        sources = dict(FUNDING_SOURCES)
        items = []
        for child in self.items:
            value = child.value
            items.append(
                ActionItem(
                    value["measure"],
                    value,
                    index.get(value["measure"]),
                    [
                        # int(): a value written as stored data (not by the admin) may be text.
                        (str(sources.get(line["source"], line["source"])), int(line["amount"] or 0))
                        for line in value["budget"]
                    ],
                )
            )
        return sorted(items, key=lambda item: item.sort_key)

    @staticmethod
    def totals(items):
        """The budget summed by funding source, in the order of the sources, and in all."""
        sums = {}
        for item in items:
            for label, amount in item.budget:
                sums[label] = sums.get(label, 0) + amount
        order = [str(label) for _code, label in FUNDING_SOURCES]
        rows = sorted(sums.items(), key=lambda pair: order.index(pair[0]))
        return rows, sum(sums.values())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        context["plan_link"] = fragments.fragment(
            f"action-plan-parent:{site.pk if site else 0}:{self.pk}",
            lambda: self._plan_link(request),
        )
        items = self.resolved_items()
        context["action_items"] = items
        context["budget_totals"], context["budget_total"] = self.totals(items)
        context["language"] = translation.get_language()
        return context

    def _plan_link(self, request):
        fragments.depends_on(fragments.page_tag(self.pk))
        plan = self.plan()
        return {"title": plan.title, "url": plan.get_url(request)}
