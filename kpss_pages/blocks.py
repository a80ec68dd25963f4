"""StreamField blocks: generic page content and the plan's priority -> goal -> measure hierarchy.

The hierarchy lives in a StreamField (not in separate tables) so that it is stored in the chapter's
revisions and therefore versioned, compared and approved together with the chapter's text.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError
from wagtail.contrib.typed_table_block.blocks import BaseTypedTableBlock, TypedTableBlock
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.images.blocks import ImageBlock
from wagtail.snippets.blocks import SnippetChooserBlock

from kpss_pages.block_types import (  # noqa: F401 - the block modules import them from here
    INLINE_RICH_TEXT,
    ChoiceBlock,
    IntegerBlock,
    MultipleChoiceBlock,
    RichTextBlock,
)
from kpss_pages.measure_services import MeasureServiceBlock


def rich_text_sources(block, raw):
    """The stored HTML of every rich text block in `raw`, the stored (JSON) form of a value of
    `block`, however deeply nested; reads no chosen objects."""
    if isinstance(block, blocks.RichTextBlock):
        yield raw or ""
    elif isinstance(block, blocks.StreamBlock):
        for child in raw or []:
            if child["type"] in block.child_blocks:
                yield from rich_text_sources(block.child_blocks[child["type"]], child["value"])
    elif isinstance(block, blocks.ListBlock):
        for item in raw or []:
            if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
                item = item["value"]
            yield from rich_text_sources(block.child_block, item)
    elif isinstance(block, blocks.StructBlock) and isinstance(raw, dict):
        for name, child_block in block.child_blocks.items():
            yield from rich_text_sources(child_block, raw.get(name))
    elif isinstance(block, BaseTypedTableBlock) and raw:
        columns = [block.child_blocks[column["type"]] for column in raw["columns"]]
        for row in raw["rows"]:
            for column_block, value in zip(columns, row["values"], strict=False):
                yield from rich_text_sources(column_block, value)


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text nadpisu"), max_length=200)
    level = ChoiceBlock(
        label=_("Úroveň"),
        choices=[("h2", _("Nadpis 2. úrovně")), ("h3", _("Nadpis 3. úrovně"))],
        default="h2",
    )

    class Meta:
        icon = "title"
        label = _("Nadpis")
        template = "blocks/heading.html"
        description = _("Nadpis oddílu stránky; tvoří osnovu pro čtečky obrazovky.")
        preview_value = {"text": "Jak probíhá komunitní plánování", "level": "h2"}


class ParagraphBlock(RichTextBlock):
    class Meta:
        icon = "pilcrow"
        label = _("Odstavec")
        template = "blocks/paragraph.html"
        description = _("Formátovaný text s odkazy a seznamy.")
        preview_value = "<p>Komunitní plánování je metoda, která podporuje dialog a spolupráci.</p>"


class TableBlock(blocks.StructBlock):
    caption = blocks.CharBlock(label=_("Popisek tabulky"), required=False, max_length=255)
    table = TypedTableBlock(
        [
            ("text", blocks.CharBlock(label=_("Text"))),
            ("number", blocks.DecimalBlock(label=_("Číslo"))),
            ("amount", blocks.IntegerBlock(label=_("Částka v Kč"))),
            ("date", blocks.DateBlock(label=_("Datum"))),
            (
                "rich_text",
                RichTextBlock(label=_("Formátovaný text"), features=["bold", "italic", "link"]),
            ),
        ],
        label=_("Tabulka"),
    )

    class Meta:
        icon = "table"
        label = _("Tabulka")
        template = "blocks/table.html"
        description = _("Tabulka se sloupci pevného typu (text, číslo, částka, datum).")


class CaptionedImageBlock(blocks.StructBlock):
    image = ImageBlock(label=_("Obrázek"))
    caption = blocks.CharBlock(label=_("Popisek"), required=False, max_length=255)

    class Meta:
        icon = "image"
        label = _("Obrázek")
        template = "blocks/image.html"
        description = _("Obrázek s alternativním textem a nepovinným popiskem.")


class DocumentBlock(blocks.StructBlock):
    document = DocumentChooserBlock(label=_("Dokument"))
    title = blocks.CharBlock(
        label=_("Název odkazu"), required=False, help_text=_("Jinak se použije název dokumentu.")
    )

    class Meta:
        icon = "doc-full"
        label = _("Dokument ke stažení")
        template = "blocks/document.html"
        description = _("Odkaz na dokument s uvedením formátu a velikosti.")


class QuoteBlock(blocks.StructBlock):
    text = blocks.TextBlock(label=_("Citace"))
    attribution = blocks.CharBlock(label=_("Autor nebo zdroj"), required=False, max_length=255)

    class Meta:
        icon = "openquote"
        label = _("Citace")
        template = "blocks/quote.html"
        description = _("Vyznačená citace s uvedením zdroje.")
        preview_value = {
            "text": "Plánování sociálních služeb – věc veřejná.",
            "attribution": "MPSV",
        }


class CalloutBlock(blocks.StructBlock):
    kind = ChoiceBlock(
        label=_("Druh"),
        choices=[
            ("info", _("Informace")),
            ("warning", _("Upozornění")),
            ("success", _("Dobrá zpráva")),
        ],
        default="info",
    )
    title = blocks.CharBlock(label=_("Titulek"), required=False, max_length=200)
    text = RichTextBlock(label=_("Text"), features=INLINE_RICH_TEXT)

    class Meta:
        icon = "warning"
        label = _("Zvýrazněný rámeček")
        template = "blocks/callout.html"
        description = _("Rámeček pro důležité sdělení, např. termín připomínkování.")
        preview_value = {
            "kind": "info",
            "title": "Připomínkování",
            "text": "<p>Připomínky k návrhu plánu lze podávat do 30. dubna.</p>",
        }


class BaseStreamBlock(blocks.StreamBlock):
    """The content blocks every generic page offers."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock()
    table = TableBlock()
    image = CaptionedImageBlock()
    document = DocumentBlock()
    quote = QuoteBlock()
    callout = CalloutBlock()


# --- The plan hierarchy: Priorita -> Cíl -> Opatření ---------------------------------------

FUNDING_SOURCES = [
    ("obce", _("Rozpočty obcí")),
    ("kraj", _("Rozpočet kraje")),
    ("stat", _("MPSV – dotace podle § 101a")),
    ("esf", _("ESF+ / OP Zaměstnanost plus")),
    ("uhrady", _("Úhrady uživatelů")),
    ("pojistovny", _("Zdravotní pojišťovny")),
    ("nadace", _("Nadace a dárci")),
    ("vlastni", _("Vlastní zdroje poskytovatele")),
    ("jine", _("Jiné zdroje")),
]


class IndicatorBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Název ukazatele"), max_length=255)
    unit = blocks.CharBlock(
        label=_("Jednotka"), max_length=50, help_text=_("Např. klientů, hodin, Kč.")
    )
    target_value = blocks.DecimalBlock(label=_("Cílová hodnota"), min_value=0, decimal_places=2)

    class Meta:
        icon = "tick"
        label = _("Ukazatel")


class MeasureBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Název opatření"), max_length=255)
    description = RichTextBlock(label=_("Popis"), features=INLINE_RICH_TEXT)
    responsible = blocks.ListBlock(
        SnippetChooserBlock("kpss_pages.Organisation"),
        label=_("Realizátor"),
        min_num=1,
        help_text=_("Organizace odpovědné za provedení opatření."),
    )
    # Optional lists start empty: Wagtail's default is one blank (and so invalid) row.
    partners = blocks.ListBlock(
        SnippetChooserBlock("kpss_pages.Organisation"), label=_("Partneři"), default=[]
    )
    year_from = IntegerBlock(label=_("Od roku"), min_value=1990, max_value=2100)
    year_to = IntegerBlock(label=_("Do roku"), min_value=1990, max_value=2100)
    estimated_cost = IntegerBlock(
        label=_("Odhad nákladů (Kč)"),
        min_value=0,
        required=False,
        help_text=_("Celkem za období opatření, v korunách; prázdné = nevyčísleno."),
    )
    funding_sources = MultipleChoiceBlock(
        label=_("Zdroje financování"), choices=FUNDING_SOURCES, required=False
    )
    indicators = blocks.ListBlock(IndicatorBlock(), label=_("Ukazatele"), default=[])
    service_kinds = blocks.ListBlock(
        SnippetChooserBlock("kpss_pages.ServiceKind"),
        label=_("Související druhy služeb"),
        default=[],
    )
    services = blocks.ListBlock(
        MeasureServiceBlock(),
        label=_("Dotčené služby a kapacity"),
        default=[],
        help_text=_("Registrované služby, které opatření zachová, rozšíří, změní nebo nově zřídí."),
    )

    class Meta:
        icon = "list-ul"
        label = _("Opatření")
        form_classname = "measure-block"

    def clean(self, value):
        value = super().clean(value)
        if value["year_from"] and value["year_to"] and value["year_to"] < value["year_from"]:
            raise StructBlockValidationError(
                block_errors={
                    "year_to": ValidationError(
                        _("Opatření nemůže skončit (%(to)s) dříve, než začne (%(from)s)."),
                        params={"to": value["year_to"], "from": value["year_from"]},
                    )
                }
            )
        return value


class GoalBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Název cíle"), max_length=255)
    description = blocks.TextBlock(label=_("Popis cíle"), required=False)
    measures = blocks.ListBlock(MeasureBlock(), label=_("Opatření"), min_num=1)

    class Meta:
        icon = "pick"
        label = _("Cíl")


class PriorityBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Název priority"), max_length=255)
    description = blocks.TextBlock(label=_("Zdůvodnění priority"), required=False)
    goals = blocks.ListBlock(GoalBlock(), label=_("Cíle"), min_num=1)

    class Meta:
        icon = "folder-open-inverse"
        label = _("Priorita")


class PlanHierarchyBlock(blocks.StreamBlock):
    priority = PriorityBlock()

    class Meta:
        block_counts = {}


class DocumentSectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(label=_("Nadpis oddílu"), max_length=200)
    description = blocks.TextBlock(label=_("Popis"), required=False)
    documents = blocks.ListBlock(DocumentBlock(), label=_("Dokumenty"))

    class Meta:
        icon = "folder-open-inverse"
        label = _("Oddíl dokumentů")
        template = "blocks/document_section.html"
        description = _("Skupina dokumentů pod společným nadpisem, např. „Zápisy z jednání“.")
