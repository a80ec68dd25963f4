"""Wagtail's field blocks as this site uses them: rich text that refuses forbidden links with a
message, and choices and numbers that compare by their labels in the revision comparison."""

from django.utils.encoding import force_str
from django.utils.html import escape

from wagtail import blocks
from wagtail.admin.compare import BlockComparison, TextDiff, diff_text

from kpss_pages.validators import validate_rich_text

INLINE_RICH_TEXT = ["bold", "italic", "link", "document-link", "ol", "ul"]


class RichTextBlock(blocks.RichTextBlock):
    """Wagtail's rich text block that refuses forbidden links and markup with a message
    (validate_rich_text) instead of dropping them."""

    def __init__(self, *args, validators=(), **kwargs):
        super().__init__(*args, validators=[*validators, validate_rich_text], **kwargs)


class ChoicesComparison(BlockComparison):
    """Revision comparison of a (multiple) choice by its labels, added and removed ones marked.
    Wagtail's fallback compares the rendered value: the stored key, or a Python list."""

    def labels(self, value):
        if value in (None, ""):
            return []
        chosen = {force_str(key) for key in (value if isinstance(value, list | tuple) else [value])}
        labels = [
            force_str(label) for key, label in self.block.field.choices if force_str(key) in chosen
        ]
        known = {force_str(key) for key, _label in self.block.field.choices}
        return labels + sorted(chosen - known)  # a key no longer offered still shows

    def has_changed(self):
        return self.labels(self.val_a) != self.labels(self.val_b)

    def htmlvalue(self, val):
        return escape(", ".join(self.labels(val)))

    def htmldiff(self):
        before, after = self.labels(self.val_a), self.labels(self.val_b)
        changes = [("equal" if label in after else "deletion", label) for label in before]
        changes += [("addition", label) for label in after if label not in before]
        return TextDiff(changes, separator=", ").to_html()


class OptionalValueComparison(BlockComparison):
    """An empty value compares as empty text; Wagtail's fallback renders it as "None"."""

    def text(self, value):
        return "" if value is None else force_str(value)

    def htmlvalue(self, val):
        return escape(self.text(val))

    def htmldiff(self):
        return diff_text(self.text(self.val_a), self.text(self.val_b)).to_html()


class ChoiceBlock(blocks.ChoiceBlock):
    def get_comparison_class(self):
        return ChoicesComparison


class MultipleChoiceBlock(blocks.MultipleChoiceBlock):
    def get_comparison_class(self):
        return ChoicesComparison


class IntegerBlock(blocks.IntegerBlock):
    def get_comparison_class(self):
        return OptionalValueComparison


# Migrations name the blocks as Wagtail's own: validation and comparison change nothing stored.
DECONSTRUCT_ALIASES = {
    RichTextBlock: "wagtail.blocks.RichTextBlock",
    ChoiceBlock: "wagtail.blocks.ChoiceBlock",
    MultipleChoiceBlock: "wagtail.blocks.MultipleChoiceBlock",
    IntegerBlock: "wagtail.blocks.IntegerBlock",
}


def raw_list_items(items):
    """(value, id) of a ListBlock's stored items, in either of Wagtail's storage formats."""
    for item in items or []:
        if isinstance(item, dict) and item.get("type") == "item" and "value" in item:
            yield item["value"], item.get("id") or ""
        else:
            yield item, ""
