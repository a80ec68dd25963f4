"""The public settlement table: the published rows with their comments, filtered and sorted
from the address (no JavaScript needed), and where each accepted comment changed the plan."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from consultation.models import Outcome, SettlementRow
from workflows.archive import approved_versions

SORTS = {
    "cislo": ("comment.number",),
    "cast": ("comment.target_label", "comment.number"),
    "vysledek": ("outcome_order", "comment.number"),
}
SORT_LABELS = {"cislo": _("čísla"), "cast": _("části návrhu"), "vysledek": _("výsledku")}
OUTCOME_ORDER = {value: order for order, value in enumerate(Outcome.values)}


def _anchor(code):
    kind = ["priorita", "cil", "opatreni"][code.count(".")]
    return f"{kind}-{code.replace('.', '-')}"


@dataclass
class Change:
    """Where an accepted comment shows in the plan: the approved version after the
    consultation and its comparison with the version before it."""

    version_url: str
    compare_url: str = ""


def attach_changes(consultation, rows):
    """Set `row.change` (a Change, or None) on each row."""
    for row in rows:
        row.change = None
    wanted = [r for r in rows if r.changed_part and Outcome.changes_the_plan(r.outcome)]
    if consultation.frozen.get("action_plan"):
        _attach_action_plan_changes(consultation, wanted)
        return
    chapter_ids = {row.comment.target_chapter_id for row in wanted if row.comment.target_chapter_id}
    if not chapter_ids:
        return
    # Revision ids grow with time: "after the consultation" is a larger id than the frozen one.
    frozen = {row["chapter"]: row["revision"] for row in consultation.frozen.get("chapters", [])}
    chapters = {row.comment.target_chapter_id: row.comment.target_chapter for row in wanted}
    found = {}
    for chapter_id in chapter_ids:
        chapter = chapters[chapter_id]  # the base page: its URL needs nothing more
        versions = sorted(approved_versions(chapter), key=lambda v: v.revision.pk)
        since = frozen.get(chapter_id, 0)
        after = [v for v in versions if v.revision.pk > since]
        before = [v for v in versions if v.revision.pk <= since]
        if after:
            found[chapter_id] = (after[0], before[-1] if before else None, chapter)
    for row in wanted:
        entry = found.get(row.comment.target_chapter_id)
        if entry is None:
            continue
        new, old, chapter = entry
        row.change = _change(chapter, old, new, row.changed_part)


def _change(page, old, new, part):
    history = page.url + "historie/"
    compare = f"{history}porovnani/{old.revision.pk}/{new.revision.pk}/" if old else ""
    anchor = f"#{_anchor(part)}" if part.replace(".", "").isdigit() else ""
    return Change(f"{history}{new.revision.pk}/{anchor}", compare)


def _attach_action_plan_changes(consultation, wanted):
    """An action plan's comments change the action plan: its first approved version after
    the frozen one, compared with the last approved before it."""
    if not wanted:
        return
    action_plan = consultation.get_parent()
    since = consultation.frozen["action_plan"]
    versions = sorted(approved_versions(action_plan), key=lambda v: v.revision.pk)
    after = [v for v in versions if v.revision.pk > since]
    if not after:
        return
    before = [v for v in versions if v.revision.pk <= since]
    for row in wanted:
        row.change = _change(
            action_plan, before[-1] if before else None, after[0], row.changed_part
        )


def published_rows(page):
    return list(
        SettlementRow.objects.filter(page=page)
        .select_related("comment", "comment__target_chapter")
        .order_by("sort_order")
    )


def filter_and_sort(rows, params):
    chapter = params.get("kapitola", "")
    if chapter == "plan":
        rows = [r for r in rows if r.comment.target_chapter_id is None]
    elif chapter.isdigit():
        rows = [r for r in rows if r.comment.target_chapter_id == int(chapter)]
    outcome = params.get("vysledek", "")
    if outcome in Outcome.values:
        rows = [r for r in rows if r.outcome == outcome]
    sort = params.get("razeni", "cislo")
    if sort not in SORTS:
        sort = "cislo"
    for row in rows:
        row.outcome_order = OUTCOME_ORDER.get(row.outcome, 99)

    def key(row):
        values = []
        for path in SORTS[sort]:
            value = row
            for part in path.split("."):
                value = getattr(value, part)
            values.append(value)
        return values

    return sorted(rows, key=key), sort


def attach_draft_links(consultation, rows):
    """Set `row.draft_url`: the part of the frozen draft the comment is about."""
    targets = consultation.snapshot.targets
    for row in rows:
        target = targets.get(row.comment.target_key)
        row.draft_url = consultation.url + (f"#{target.anchor}" if target else "")
