"""The draft under consultation, frozen: the plan's and its chapters' revisions taken when the
consultation was prepared, numbered as the plan numbers them, and every part a comment may be
about (the whole plan, a chapter, a priority, a goal or a measure) with its stable anchor.

An action plan's consultation freezes the action plan's latest revision and the published
revisions of the plan's chapters, which name and number its measures; a comment is about the
whole action plan or one of its measures."""

from dataclasses import dataclass, field
from functools import cached_property

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Locale, Revision

from kpss_pages import fragments
from kpss_pages.models import ActionPlanPage, PlanChapterPage
from kpss_pages.models.plan import measures_of, number_hierarchy

WHOLE_PLAN = "plan"


def freeze(plan):
    """The latest revision of the plan and of each of its chapters, as stored in
    ConsultationPage.frozen; for an action plan, its latest revision and the plan's chapters
    as published. The translations existing at that moment are frozen with them."""
    frozen = _freeze_one(plan)
    translations = {}
    for translation_page in plan.get_translations().specific():
        revisions = _freeze_one(translation_page)
        chapters = {str(row["source"]): row["revision"] for row in revisions.pop("chapters")}
        translations[translation_page.locale.language_code] = {**revisions, "chapters": chapters}
    for row in frozen["chapters"]:
        row.pop("source")
    if translations:
        frozen["translations"] = translations
    return frozen


def _source_pk(page):
    """The page in the default locale that `page` translates (itself if it is one)."""
    source = page.get_translation_or_none(Locale.get_default())
    return source.pk if source is not None else page.pk


def _latest(page):
    revision = page.get_latest_revision()
    return revision.pk if revision else None


def _freeze_one(plan):
    if isinstance(plan, ActionPlanPage):
        chapters = PlanChapterPage.objects.child_of(plan.get_parent()).live().order_by("number")
        return {
            "action_plan": _latest(plan),
            "chapters": [
                {
                    "chapter": chapter.pk,
                    "revision": chapter.live_revision_id,
                    "source": _source_pk(chapter),
                }
                for chapter in chapters
                if chapter.live_revision_id is not None
            ],
        }
    chapters = PlanChapterPage.objects.child_of(plan).order_by("number", "path")
    return {
        "plan": _latest(plan),
        "chapters": [
            {
                "chapter": chapter.pk,
                "revision": chapter.get_latest_revision().pk,
                "source": _source_pk(chapter),
            }
            for chapter in chapters
            if chapter.get_latest_revision() is not None
        ],
    }


@dataclass
class Target:
    """A part of the draft a comment may be about."""

    key: str  # "plan" (the whole plan), "12" (chapter page 12) or "12:2.1.3" (its measure 2.1.3)
    label: str
    anchor: str
    chapter_id: int | None = None
    code: str = ""


@dataclass
class FrozenChapter:
    page: PlanChapterPage
    revision: Revision
    hierarchy: list
    anchor: str
    target: Target
    parts: list = field(default_factory=list)


def _kind(code):
    depth = code.count(".")
    return [_("Priorita"), _("Cíl"), _("Opatření")][depth]


class Snapshot:
    """The frozen draft as shown in `language`: the translations frozen with it stand in for
    the source pages, while every target keeps the source page's id (comments in any
    language are about the same parts and go to the same working groups)."""

    def __init__(self, frozen, language=None):
        self.frozen = frozen or {}
        self.shown = self.frozen.get("translations", {}).get(language) or {}

    @cached_property
    def digest(self):
        """Names the frozen draft: revisions never change, so neither does its rendering."""
        chapters = ",".join(
            f"{row['chapter']}.{self._shown_revision(row)}" for row in self.chapter_rows
        )
        head = self._head("action_plan") or self._head("plan")
        return f"{'ap' if self.is_action_plan else ''}{head}:{chapters}"

    @property
    def is_action_plan(self):
        return bool(self.frozen.get("action_plan"))

    @property
    def in_source_language_only(self):
        """Asked for in another language, with no part of the draft translated then."""
        return not self.shown

    def _head(self, key):
        return self.shown.get(key) or self.frozen.get(key)

    def _shown_revision(self, row):
        return self.shown.get("chapters", {}).get(str(row["chapter"])) or row["revision"]

    @cached_property
    def revisions(self):
        ids = [self._head("plan"), self._head("action_plan")]
        ids += [self._shown_revision(row) for row in self.chapter_rows]
        return Revision.objects.in_bulk([pk for pk in ids if pk])

    @property
    def chapter_rows(self):
        return self.frozen.get("chapters", [])

    @cached_property
    def plan(self):
        revision = self.revisions.get(self._head("plan"))
        return revision.as_object() if revision else None

    @cached_property
    def action_plan(self):
        revision = self.revisions.get(self._head("action_plan"))
        return revision.as_object() if revision else None

    @cached_property
    def action_items(self):
        """The action plan's items, their measures named by the frozen chapters."""
        if self.action_plan is None:
            return []
        pages = [chapter.page for chapter in self.chapters]
        index = {ref.block_id: ref for ref in measures_of(pages) if ref.block_id}
        return self.action_plan.resolved_items(index)

    @cached_property
    def action_totals(self):
        return ActionPlanPage.totals(self.action_items)

    @cached_property
    def chapters(self):
        frozen = []
        for row in self.chapter_rows:
            revision = self.revisions.get(self._shown_revision(row))
            if revision is not None:
                page = revision.as_object()
                # Comments are recorded against the source chapter, whatever language is shown.
                page.target_pk = row["chapter"]
                frozen.append((page, revision))
        frozen.sort(key=lambda pair: pair[0].number)
        chapters, first = [], 1
        for page, revision in frozen:
            hierarchy = number_hierarchy(page.priorities, first)
            first += len(hierarchy)
            anchor = f"kapitola-{page.number}"
            target = Target(
                str(page.target_pk),
                _("Kapitola %(number)s: %(title)s") % {"number": page.number, "title": page.title},
                anchor,
                page.target_pk,
            )
            chapter = FrozenChapter(page, revision, hierarchy, anchor, target)
            chapter.parts = list(self._parts(page, hierarchy))
            chapters.append(chapter)
        return chapters

    def _parts(self, page, hierarchy):
        stack = list(reversed(hierarchy))
        while stack:
            node = stack.pop()
            yield Target(
                f"{page.target_pk}:{node.code}",
                f"{_kind(node.code)} {node.code}: {node.value['title']}",
                node.anchor,
                page.target_pk,
                node.code,
            )
            stack.extend(reversed(node.children))

    def _all_targets(self):
        if self.is_action_plan:
            result = [Target(WHOLE_PLAN, _("Celý akční plán"), "navrh")]
            for item in self.action_items:
                if item.ref is not None:
                    ref = item.ref
                    result.append(
                        Target(
                            f"{ref.chapter.target_pk}:{ref.code}",
                            f"{_('Opatření')} {ref.code}: {ref.title}",
                            ref.anchor,
                            ref.chapter.target_pk,
                            ref.code,
                        )
                    )
            return result
        result = [Target(WHOLE_PLAN, _("Celý plán"), "navrh")]
        for chapter in self.chapters:
            result.append(chapter.target)
            result.extend(chapter.parts)
        return result

    @cached_property
    def targets(self):
        """Every target in reading order, keyed by Target.key; shared by every request."""
        key = f"consultation-targets:{self.digest}:{translation.get_language()}"
        return {target.key: target for target in fragments.fragment(key, self._all_targets)}

    def render(self, request, comment_base):
        """The frozen draft as HTML, with "Připomínkovat" links while comments are taken."""
        key = f"consultation-draft:{self.digest}:{translation.get_language()}:{comment_base}"
        return fragments.fragment(
            key,
            lambda: render_to_string(
                "consultation/draft_action_plan.html"
                if self.is_action_plan
                else "consultation/draft.html",
                {"snapshot": self, "comment_base": comment_base},
                request,
            ),
        )

    def target(self, key):
        return self.targets.get(key)
