"""Blocks of the annual action plan: the plan's measures chosen for a year, with budgets."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError

from kpss_pages.blocks import (
    FUNDING_SOURCES,
    INLINE_RICH_TEXT,
    ChoiceBlock,
    IntegerBlock,
    RichTextBlock,
)


def measure_choices():
    """The measures of every published plan, grouped by plan and labelled with their codes; the
    value is the measure's stable id, so a choice survives renumbering and new versions."""
    from wagtail.models import Locale

    from kpss_pages.models.plan import CommunityPlanPage

    # Translations keep their source's block ids: the source language's plans name them all.
    plans = CommunityPlanPage.objects.live().filter(locale=Locale.get_default())
    return [
        (plan.title, [(ref.block_id, f"{ref.code} {ref.title}") for ref in plan.measures()])
        for plan in plans.order_by("path")
    ]


class MeasureChoiceBlock(ChoiceBlock):
    """Offers the measures in the editor; reading a stored value asks for no choices (Wagtail
    would list every plan's measures for each item it loads)."""

    def to_python(self, value):
        return value

    def normalize(self, value):
        return value

    def get_searchable_content(self, value):
        return []  # the measure's own text is indexed with its chapter


class BudgetLineBlock(blocks.StructBlock):
    source = ChoiceBlock(label=_("Zdroj"), choices=FUNDING_SOURCES)
    amount = IntegerBlock(label=_("Částka (Kč)"), min_value=0)

    class Meta:
        icon = "form"
        label = _("Zdroj a částka")


class ActionPlanItemBlock(blocks.StructBlock):
    measure = MeasureChoiceBlock(
        label=_("Opatření plánu"),
        choices=measure_choices,
        help_text=_("Opatření ze schváleného plánu; číslo se může posunout, volba zůstane."),
    )
    activities = RichTextBlock(
        label=_("Co se v roce udělá"), features=INLINE_RICH_TEXT, required=False
    )
    budget = blocks.ListBlock(
        BudgetLineBlock(), label=_("Rozpočet podle zdrojů financování"), default=[]
    )

    class Meta:
        icon = "list-ul"
        label = _("Opatření v akčním plánu")

    def clean(self, value):
        value = super().clean(value)
        seen, repeated = set(), {}
        for index, line in enumerate(value["budget"]):
            if line["source"] in seen:
                repeated[index] = StructBlockValidationError(
                    block_errors={
                        "source": ValidationError(
                            _("Každý zdroj uveďte jen jednou; částky sečtěte.")
                        )
                    }
                )
            seen.add(line["source"])
        if repeated:
            raise StructBlockValidationError(
                block_errors={"budget": ListBlockValidationError(block_errors=repeated)}
            )
        return value


class ActionPlanBlock(blocks.StreamBlock):
    measure = ActionPlanItemBlock()
