"""The public archive of approved versions: which revisions passed the route, and what changed.

Only revisions with an approval record (published through the workflow) are ever listed or shown;
drafts, returned and unapproved revisions stay private.
"""

import difflib
import re
from dataclasses import dataclass

from django import forms
from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from kpss_pages.blocks import FUNDING_SOURCES
from kpss_pages.templatetags.kpss_tags import czk


@dataclass
class ApprovedVersion:
    revision: object
    published_at: object
    approved_on: object
    resolution_number: str
    # Readers count versions 1, 2, 3… from the first approved one; URLs keep the revision id.
    number: int = 0


def approved_versions(page):
    """Every revision of `page` published after approval, newest first."""
    from workflows.models import ApprovalRecord

    records = (
        ApprovalRecord.objects.filter(page_id=page.pk, revision__isnull=False)
        .select_related("revision")
        .order_by("-published_at", "-revision_id", "step")
    )
    versions = {}
    for record in records:
        version = versions.setdefault(
            record.revision_id,
            ApprovedVersion(record.revision, record.published_at, None, ""),
        )
        # The last step decides: a resolution's meeting date, else the day of the approval.
        if record.resolution_number:
            version.resolution_number = record.resolution_number
            version.approved_on = record.meeting_date
        elif version.approved_on is None:
            version.approved_on = timezone.localdate(record.approved_at)
    return numbered(list(versions.values()))


def numbered(versions):
    """Newest first, as listed; the oldest is version 1."""
    for number, version in enumerate(reversed(versions), start=1):
        version.number = number
    return versions


def approved_version(page, revision_id):
    return next((v for v in approved_versions(page) if v.revision.pk == revision_id), None)


class CompareForm(forms.Form):
    """The comparison form's two versions: only ids of the page's approved versions are valid,
    so a negative, huge or non-numeric id never reaches the URL resolver or the database."""

    od = forms.TypedChoiceField(coerce=int)
    do = forms.TypedChoiceField(coerce=int)

    def __init__(self, data, versions):
        super().__init__(data)
        choices = [(version.revision.pk, str(version.revision.pk)) for version in versions]
        for field in self.fields.values():
            field.choices = choices


# --- Readable comparison ---------------------------------------------------------------------


def _text(html):
    return re.sub(r"\s+", " ", strip_tags(str(html or ""))).strip()


def _names(objects):
    return ", ".join(str(o) for o in objects if o is not None)


def _fact(label, value):
    """A fact as "label: value", or nothing without a value: an empty label reads as a gap."""
    return f"{label}: {value}" if value else ""


def _number(value):
    """12345.50 -> "12 345,5": grouped and with the decimal comma, as the page shows it."""
    return floatformat(value, "-2g") if value not in (None, "") else ""


def _measure_text(measure):
    sources = dict(FUNDING_SOURCES)
    years = str(measure["year_from"])
    if measure["year_to"] != measure["year_from"]:
        years += f"–{measure['year_to']}"
    cost = measure["estimated_cost"]
    lines = [
        measure["title"],
        _text(measure["description"].source if measure["description"] else ""),
        _fact(_("Realizátor"), _names(measure["responsible"])),
        _fact(_("Partneři"), _names(measure["partners"])),
        _fact(_("Časový rámec"), years),
        _fact(_("Odhad nákladů"), czk(cost) if cost is not None else _("nevyčísleno")),
        _fact(
            _("Zdroje financování"),
            ", ".join(str(sources.get(s, s)) for s in measure["funding_sources"]),
        ),
        _fact(_("Související druhy služeb"), _names(measure.get("service_kinds") or [])),
    ]
    for indicator in measure["indicators"]:
        lines.append(
            _fact(
                _("Ukazatel"),
                f"{indicator['name']} – {_number(indicator['target_value'])} {indicator['unit']}",
            )
        )
    return "\n".join(line for line in lines if line)


def comparable_items(page):
    """The version as (key, label, text) items; measures are keyed by their codes."""
    from kpss_pages.models import ActionPlanPage, CommunityPlanPage, PlanChapterPage

    items = [("title", _("Název"), page.title), ("summary", _("Perex"), page.summary)]
    if isinstance(page, ActionPlanPage):
        items += [
            ("year", _("Rok"), str(page.year)),
            ("introduction", _("Úvod"), _text(page.introduction)),
        ]
        for item in page.resolved_items():
            label = _("Opatření %s") % item.ref.code if item.ref else _("Opatření mimo plán")
            lines = [item.ref.title if item.ref else ""]
            lines.append(_text(item.value["activities"].source if item.value["activities"] else ""))
            lines += [f"{source}: {czk(amount)}" for source, amount in item.budget]
            text = "\n".join(line for line in lines if line)
            items.append((f"a-{item.block_id}", label, text))
    if isinstance(page, CommunityPlanPage):
        items += [
            ("territory", _("Území"), page.territory),
            ("period", _("Období platnosti"), f"{page.valid_from}–{page.valid_to}"),
            ("introduction", _("Úvod"), _text(page.introduction)),
        ]
    if isinstance(page, PlanChapterPage):
        items.append(("body", _("Text kapitoly"), _text(page.body.render_as_block())))
        for priority in page.numbered_priorities():
            items.append(
                (
                    f"p-{priority.code}",
                    _("Priorita %s") % priority.code,
                    f"{priority.value['title']}\n{priority.value['description']}".strip(),
                )
            )
            for goal in priority.children:
                items.append(
                    (
                        f"c-{goal.code}",
                        _("Cíl %s") % goal.code,
                        f"{goal.value['title']}\n{goal.value['description']}".strip(),
                    )
                )
                for measure in goal.children:
                    items.append(
                        (
                            f"o-{measure.code}",
                            _("Opatření %s") % measure.code,
                            _measure_text(measure.value),
                        )
                    )
    return items


WORDS = re.compile(r"([^\S\xa0]+)")


def word_diff(old, new):
    """HTML with deletions in <del> and insertions in <ins>, every word escaped."""
    # A no-break space groups a number's thousands ("4 800 000"): the number is one word.
    old_words, new_words = WORDS.split(old), WORDS.split(new)
    out = []
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            out.append(escape("".join(old_words[a1:a2])))
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{escape(''.join(old_words[a1:a2]))}</del>")
        if op in ("insert", "replace"):
            out.append(f"<ins>{escape(''.join(new_words[b1:b2]))}</ins>")
    return mark_safe("".join(out).replace("\n", "<br>"))  # noqa: S308 - every part escaped


def compare_versions(old_page, new_page):
    """Rows for each item present in either version: unchanged, changed, added or removed."""
    old_items = {key: (label, text) for key, label, text in comparable_items(old_page)}
    new_items = {key: (label, text) for key, label, text in comparable_items(new_page)}
    keys = list(new_items) + [key for key in old_items if key not in new_items]
    rows = []
    for key in keys:
        label, new_text = new_items.get(key, (old_items.get(key, ("", ""))[0], None))
        old_text = old_items.get(key, (label, None))[1]
        if old_text is None:
            rows.append({"label": label, "status": "added", "html": word_diff("", new_text)})
        elif new_text is None:
            rows.append({"label": label, "status": "removed", "html": word_diff(old_text, "")})
        elif old_text != new_text:
            rows.append(
                {"label": label, "status": "changed", "html": word_diff(old_text, new_text)}
            )
        else:
            html = mark_safe(escape(new_text).replace("\n", "<br>"))  # noqa: S308 - escaped
            rows.append({"label": label, "status": "same", "html": html})
    return rows
