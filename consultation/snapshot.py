"""The draft under consultation, frozen: the plan's and its chapters' revisions taken when the
consultation was prepared, numbered as the plan numbers them, and every part a comment may be
about (the whole plan, a chapter, a priority, a goal or a measure) with its stable anchor."""

from dataclasses import dataclass, field
from functools import cached_property

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.models import Revision

from kpss_pages import fragments
from kpss_pages.models import PlanChapterPage
from kpss_pages.models.plan import number_hierarchy

WHOLE_PLAN = "plan"


def freeze(plan):
    """The latest revision of the plan and of each of its chapters, as stored in
    ConsultationPage.frozen."""
    chapters = PlanChapterPage.objects.child_of(plan).order_by("number", "path")
    return {
        "plan": plan.get_latest_revision().pk if plan.get_latest_revision() else None,
        "chapters": [
            {"chapter": chapter.pk, "revision": chapter.get_latest_revision().pk}
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
    def __init__(self, frozen):
        self.frozen = frozen or {}

    @cached_property
    def digest(self):
        """Names the frozen draft: revisions never change, so neither does its rendering."""
        chapters = ",".join(f"{row['chapter']}.{row['revision']}" for row in self.chapter_rows)
        return f"{self.frozen.get('plan')}:{chapters}"

    @cached_property
    def revisions(self):
        ids = [self.frozen.get("plan")] + [row["revision"] for row in self.chapter_rows]
        return Revision.objects.in_bulk([pk for pk in ids if pk])

    @property
    def chapter_rows(self):
        return self.frozen.get("chapters", [])

    @cached_property
    def plan(self):
        revision = self.revisions.get(self.frozen.get("plan"))
        return revision.as_object() if revision else None

    @cached_property
    def chapters(self):
        frozen = []
        for row in self.chapter_rows:
            revision = self.revisions.get(row["revision"])
            if revision is not None:
                frozen.append((revision.as_object(), revision))
        frozen.sort(key=lambda pair: pair[0].number)
        chapters, first = [], 1
        for page, revision in frozen:
            hierarchy = number_hierarchy(page.priorities, first)
            first += len(hierarchy)
            anchor = f"kapitola-{page.number}"
            target = Target(
                str(page.pk),
                _("Kapitola %(number)s: %(title)s") % {"number": page.number, "title": page.title},
                anchor,
                page.pk,
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
                f"{page.pk}:{node.code}",
                f"{_kind(node.code)} {node.code}: {node.value['title']}",
                node.anchor,
                page.pk,
                node.code,
            )
            stack.extend(reversed(node.children))

    def _all_targets(self):
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
                "consultation/draft.html",
                {"snapshot": self, "comment_base": comment_base},
                request,
            ),
        )

    def target(self, key):
        return self.targets.get(key)
