"""Plain text of every published page, folded for search that ignores diacritics and case.

Wagtail's database search backend behaves differently on SQLite (FTS5, which folds diacritics)
and PostgreSQL (no Czech configuration; folding needs the unaccent extension), matches whole
words only ("senior" does not find "senioři") and gives no highlighted snippets. This table keeps
the text of the live version of each page twice, as written and folded character by character,
so a match in the folded text maps to the same positions in the original for highlighting. The
text is taken from each page type's Wagtail `search_fields`, so there is one place to declare
what is searchable.
"""

import unicodedata

from django.core.exceptions import FieldDoesNotExist
from django.utils.text import normalize_newlines

from wagtail.blocks import StreamValue
from wagtail.fields import RichTextField
from wagtail.rich_text import RichText, get_text_for_indexing
from wagtail.search import index


def fold_char(char):
    base = unicodedata.normalize("NFD", char)[0].lower()
    return base if len(base) == 1 else char


def fold(text):
    """Lower case without diacritics, one character for one: len(fold(t)) == len(t)."""
    return "".join(fold_char(char) for char in text)


def _is_rich_text(obj, field_name):
    try:
        return isinstance(obj._meta.get_field(field_name), RichTextField)
    except FieldDoesNotExist:
        return False


def _plain(value, rich_text=False):
    """The text a reader sees: markup and entities of rich text resolved, plain text as written."""
    if value is None:
        return []
    if isinstance(value, StreamValue):
        # Blocks give plain text already (rich text blocks through get_text_for_indexing).
        return [str(part) for part in value.stream_block.get_searchable_content(value)]
    if isinstance(value, RichText):
        return [get_text_for_indexing(value.source)]
    if hasattr(value, "all"):  # a related manager
        return [str(item) for item in value.all()]
    return [get_text_for_indexing(str(value)) if rich_text else str(value)]


def _field_text(obj, search_fields):
    parts = []
    for field in search_fields:
        if isinstance(field, index.RelatedFields):
            related = getattr(obj, field.field_name, None)
            if related is None:
                continue
            items = related.all() if hasattr(related, "all") else [related]
            for item in items:
                parts.extend(_field_text(item, field.fields))
        elif isinstance(field, index.SearchField) and field.field_name != "title":
            value = getattr(obj, field.field_name, None)
            parts.extend(_plain(value, _is_rich_text(obj, field.field_name)))
    return parts


def page_text(page):
    parts = [" ".join(part.split()) for part in _field_text(page, page.search_fields)]
    return normalize_newlines("\n".join(part for part in parts if part))
