"""Public search over the live pages of one language: every word must match (anywhere in a word,
ignoring diacritics and case), pages whose title matches come first, snippets are highlighted."""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from kpss_pages import fragments
from search.models import PageSearchText
from search.text import fold

MAX_TERMS = 8
MAX_CANDIDATES = 1000
SNIPPET = 90  # characters either side of the first match


def terms_of(query):
    words = re.findall(r"\w+", fold(query))
    unique = list(dict.fromkeys(word for word in words if len(word) >= 2))
    return unique[:MAX_TERMS]


def matching(terms, locale):
    """PageSearchText rows of live, public pages in `locale` containing every term."""
    rows = PageSearchText.objects.filter(locale=locale)
    for term in terms:
        rows = rows.filter(Q(title_folded__contains=term) | Q(text_folded__contains=term))
    public = fragments.public(Page.objects.live()).values("pk")
    return rows.filter(page_id__in=public)


def pages_containing(text, locale):
    """Ids of the live, public pages in `locale` containing every word of `text`; None when
    `text` has no word to look for (the catalogue's text filter, settings.KPSS_TEXT_SEARCH)."""
    terms = terms_of(text)
    if not terms:
        return None
    return matching(terms, locale).values("page_id")


def score(row, terms):
    total = 0
    for term in terms:
        if term in row.title_folded:
            total += 10
        total += min(row.text_folded.count(term), 5)
    return total


def _spans(folded, terms):
    spans = []
    for term in terms:
        spans.extend((m.start(), m.end()) for m in re.finditer(re.escape(term), folded))
    return sorted(spans)


def _marked(text, spans, start, end):
    parts, position = [], start
    for span_start, span_end in spans:
        if span_end <= position or span_start >= end:
            continue
        span_start = max(span_start, position)
        parts.append(escape(text[position:span_start]))
        parts.append(f"<mark>{escape(text[span_start : min(span_end, end)])}</mark>")
        position = min(span_end, end)
    parts.append(escape(text[position:end]))
    return "".join(parts)


def mark_all(text, folded, terms):
    """`text` escaped, with every match wrapped in <mark>."""
    return mark_safe(_marked(text, _spans(folded, terms), 0, len(text)))  # noqa: S308 -- escaped


def highlight(text, folded, terms):
    """An escaped excerpt around the first match in `text`, matches wrapped in <mark>."""
    spans = _spans(folded, terms)
    if not spans:
        excerpt = text[: 2 * SNIPPET]
        return mark_safe(escape(excerpt) + ("…" if len(text) > len(excerpt) else ""))  # noqa: S308
    first = spans[0][0]
    start = max(0, first - SNIPPET)
    end = min(len(text), first + SNIPPET)
    # Cut on word boundaries.
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first else start
    if end < len(text):
        space = text.rfind(" ", first, end)
        end = space if space > first else end
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(text) else ""
    return mark_safe(prefix + _marked(text, spans, start, end) + suffix)  # noqa: S308 -- escaped


# What a reader calls each page type (the models' verbose names are the editors' words).
KINDS = {
    "homepage": _("Úvodní strana"),
    "standardpage": _("Stránka"),
    "accessibilitystatementpage": _("Prohlášení o přístupnosti"),
    "documentindexpage": _("Dokumenty"),
    "communityplanpage": _("Komunitní plán"),
    "planchapterpage": _("Kapitola plánu"),
    "serviceindexpage": _("Katalog služeb"),
    "servicepage": _("Služba"),
    "workinggroupindexpage": _("Pracovní skupiny"),
    "workinggrouppage": _("Pracovní skupina"),
    "meetingpage": _("Zápis z jednání"),
    "newsindexpage": _("Aktuality"),
    "newspage": _("Aktualita"),
}


def kind_of(page):
    """The page's type as the results name it; ContentType's own cache answers without a
    query once warm."""
    model = page.specific_class
    if model is None:
        return ""
    return KINDS.get(model._meta.model_name) or model._meta.verbose_name.capitalize()


@dataclass
class Hit:
    page: Page
    title: str
    snippet: str
    score: int
    kind: str


def search(query, locale):
    """(ranked list of (page_id, score), terms): cheap fields only; pages are fetched per page."""
    terms = terms_of(query)
    if not terms:
        return [], terms
    rows = matching(terms, locale).only("page_id", "title_folded", "text_folded")
    ranked = sorted(
        ((row.page_id, score(row, terms), row.title_folded) for row in rows[:MAX_CANDIDATES]),
        key=lambda item: (-item[1], item[2]),
    )
    return [(page_id, points) for page_id, points, _title in ranked], terms


def hits(ranked_page, terms):
    """Hits for one page of results: two queries however many results there are."""
    ids = [page_id for page_id, _points in ranked_page]
    points = dict(ranked_page)
    rows = {row.page_id: row for row in PageSearchText.objects.filter(page_id__in=ids)}
    pages = Page.objects.filter(pk__in=ids).select_related("locale").in_bulk()
    return [
        Hit(
            page=pages[page_id],
            title=mark_all(rows[page_id].title, rows[page_id].title_folded, terms),
            snippet=highlight(rows[page_id].text, rows[page_id].text_folded, terms),
            score=points[page_id],
            kind=kind_of(pages[page_id]),
        )
        for page_id in ids
        if page_id in pages and page_id in rows
    ]
