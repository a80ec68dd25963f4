"""The needs register: each need with its target groups, territory, evidence and priority, and
the plan's measures that answer it. It is a StreamField of the analysis page, so the register
is versioned, compared and approved with the page."""

from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from kpss_pages.action_plan_blocks import MeasureChoiceBlock, measure_choices
from kpss_pages.block_types import INLINE_RICH_TEXT, ChoiceBlock, RichTextBlock

PRIORITIES = [("vysoka", _("vysoká")), ("stredni", _("střední")), ("nizka", _("nízká"))]
EVIDENCE_KINDS = [
    ("data", _("statistická data")),
    ("setreni", _("výsledky šetření")),
    ("dokument", _("dokument")),
    ("jine", _("jiný podklad")),
]


class EvidenceBlock(blocks.StructBlock):
    kind = ChoiceBlock(label=_("Druh podkladu"), choices=EVIDENCE_KINDS)
    summary = blocks.TextBlock(
        label=_("Co podklad ukazuje"), help_text=_("Např. „65+ vzroste do roku 2030 o 18 %“.")
    )
    source = blocks.CharBlock(
        label=_("Zdroj"),
        max_length=255,
        required=False,
        help_text=_("Např. ČSÚ 2024, anketa 2025."),
    )
    document = DocumentChooserBlock(label=_("Dokument"), required=False)
    link = blocks.URLBlock(label=_("Odkaz"), required=False)

    class Meta:
        icon = "doc-full"
        label = _("Podklad")


class NeedBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Potřeba"), max_length=255)
    description = RichTextBlock(label=_("Popis"), features=INLINE_RICH_TEXT, required=False)
    priority = ChoiceBlock(label=_("Priorita"), choices=PRIORITIES)
    target_groups = blocks.ListBlock(
        SnippetChooserBlock("kpss_pages.TargetGroup"), label=_("Cílové skupiny"), default=[]
    )
    territory = SnippetChooserBlock(
        "evidence.Territory",
        label=_("Území"),
        required=False,
        help_text=_("Obec nebo jiné území, kde potřeba je; prázdné = celé území analýzy."),
    )
    evidence = blocks.ListBlock(EvidenceBlock(), label=_("Podklady"), default=[])
    measures = blocks.ListBlock(
        MeasureChoiceBlock(label=_("Opatření plánu"), choices=measure_choices),
        label=_("Opatření, která na potřebu odpovídají"),
        default=[],
    )

    class Meta:
        icon = "help"
        label = _("Potřeba")
