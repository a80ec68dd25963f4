"""The community plan and its chapters with the numbered priority -> goal -> measure hierarchy."""

import hashlib
import json
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.http import FileResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Site
from wagtail.search import index

from kpss_pages import fragments
from kpss_pages.block_types import raw_list_items
from kpss_pages.blocks import BaseStreamBlock, PlanHierarchyBlock
from kpss_pages.forms import PlanChapterPageForm
from kpss_pages.panels import ResponsibilityFieldPanel

from .archive import ApprovedVersionsMixin
from .base import BasePage

YEAR_VALIDATORS = [MinValueValidator(1990), MaxValueValidator(2100)]


class CommunityPlanPage(ApprovedVersionsMixin, BasePage):
    territory = models.CharField(
        _("území"), max_length=255, help_text=_("Např. mikroregion Valašskomeziříčsko-Kelečsko.")
    )
    valid_from = models.PositiveSmallIntegerField(_("platnost od roku"), validators=YEAR_VALIDATORS)
    valid_to = models.PositiveSmallIntegerField(_("platnost do roku"), validators=YEAR_VALIDATORS)
    introduction = RichTextField(_("úvod"), blank=True)

    parent_page_types = ["kpss_pages.HomePage"]
    subpage_types = ["kpss_pages.PlanChapterPage", "kpss_pages.ActionPlanPage"]
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("territory"),
        index.SearchField("introduction"),
    ]
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("territory"),
        FieldRowPanel([FieldPanel("valid_from"), FieldPanel("valid_to")], heading=_("Období")),
        FieldPanel("introduction"),
    ]

    class Meta:
        verbose_name = _("komunitní plán")
        verbose_name_plural = _("komunitní plány")

    def __str__(self):
        return self.title

    @property
    def period(self):
        return f"{self.valid_from}–{self.valid_to}"

    def clean(self):
        super().clean()
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError(
                {
                    "valid_to": _("Konec období (%(to)s) nesmí předcházet jeho začátku (%(from)s).")
                    % {"to": self.valid_to, "from": self.valid_from}
                }
            )

    def live_chapters(self):
        fragments.depends_on(fragments.children_tag(self.pk))
        return fragments.public(PlanChapterPage.objects.child_of(self).live()).order_by("number")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        context["contents"] = fragments.fragment(
            f"plan-contents:{site.pk if site else 0}:{self.pk}:{translation.get_language()}",
            lambda: self.contents(request),
        )
        context["action_plans"] = fragments.fragment(
            f"plan-action-plans:{site.pk if site else 0}:{self.pk}:{translation.get_language()}",
            lambda: [
                {"year": page.year, "title": page.title, "url": page.get_url(request)}
                for page in self.live_action_plans()
            ],
        )
        context["other_sections"] = fragments.fragment(
            f"plan-sections:{site.pk if site else 0}:{self.pk}:{translation.get_language()}",
            lambda: self.other_sections(request),
        )
        return context

    def other_sections(self, request):
        """Live children that are neither chapters nor action plans: the evaluations, the
        consultations (pages other apps place under the plan)."""
        from .action_plan import ActionPlanPage

        fragments.depends_on(fragments.children_tag(self.pk))
        children = fragments.public(self.get_children().live()).not_type(
            PlanChapterPage, ActionPlanPage
        )
        return [{"title": page.title, "url": page.get_url(request)} for page in children]

    def live_action_plans(self):
        from .action_plan import ActionPlanPage

        fragments.depends_on(fragments.children_tag(self.pk))
        return fragments.public(ActionPlanPage.objects.child_of(self).live()).order_by("-year")

    def contents(self, request):
        """The table of contents: live chapters with their priorities, numbered across the
        plan in chapter order. Plain values, cached with the tags of the chapters read."""
        chapters = self.live_chapters().select_related("working_group")
        contents, first = [], 1
        for chapter in chapters:
            # Titles only: the raw data spares loading every measure's organisations and kinds.
            priorities = [
                {"code": number, "anchor": f"priorita-{number}", "title": item["value"]["title"]}
                for number, item in enumerate(chapter.priorities.raw_data, start=first)
            ]
            group = chapter.working_group
            contents.append(
                {
                    "number": chapter.number,
                    "title": chapter.title,
                    "url": chapter.get_url(request),
                    "group": group.title if group is not None else "",
                    "priorities": priorities,
                }
            )
            first += len(priorities)
        return contents

    def measures(self):
        """The published measures (MeasureRef) in the plan's order."""
        return measures_of(self.live_chapters())

    def measure_index(self):
        """{stable id: MeasureRef} of the published measures."""
        return {ref.block_id: ref for ref in self.measures() if ref.block_id}

    @path("pdf/", name="pdf")
    def pdf(self, request):
        """The whole published plan as a PDF, generated once per published version."""
        from kpss_pages.plan_pdf import plan_pdf

        name, _created = plan_pdf(self, request)
        return FileResponse(
            default_storage.open(name),
            content_type="application/pdf",
            filename=f"{self.slug}.pdf",
        )


@dataclass
class Numbered:
    """One node of the hierarchy with its code ("2.1.3") and HTML anchor ("opatreni-2-1-3")."""

    code: str
    anchor: str
    value: object
    children: list = field(default_factory=list)
    block_id: str = ""  # a measure's stable id: it survives renumbering and new versions


@dataclass
class MeasureRef:
    """A measure as stored, with its code and anchor as the plan numbers it: read from the raw
    data, so listing every measure of a plan neither loads organisations nor kinds."""

    block_id: str
    code: str
    title: str
    chapter: object
    data: dict
    priority_title: str = ""
    goal_title: str = ""

    @property
    def anchor(self):
        return "opatreni-" + self.code.replace(".", "-")


def measures_of(chapters):
    """MeasureRefs of the chapters' measures, numbered across them in chapter order."""
    refs, first = [], 1
    for chapter in sorted(chapters, key=lambda chapter: chapter.number):
        priorities = list(chapter.priorities.raw_data)
        for p_index, priority in enumerate(priorities, start=first):
            goals = raw_list_items(priority["value"].get("goals"))
            for g_index, (goal, _goal_id) in enumerate(goals, start=1):
                measures = raw_list_items(goal.get("measures"))
                for m_index, (measure, block_id) in enumerate(measures, start=1):
                    refs.append(
                        MeasureRef(
                            block_id,
                            f"{p_index}.{g_index}.{m_index}",
                            measure.get("title", ""),
                            chapter,
                            measure,
                            priority["value"].get("title", ""),
                            goal.get("title", ""),
                        )
                    )
        first += len(priorities)
    return refs


def _with_ids(items):
    """(value, stable id) of a ListBlock's items; a plain list (built in code) has no ids."""
    bound = getattr(items, "bound_blocks", None)
    if bound is None:
        return [(value, "") for value in items]
    return [(child.value, child.id or "") for child in bound]


def number_hierarchy(priorities, first_number=1):
    """Number priorities from first_number, goals and measures from 1 within their parent.

    Codes follow only from order, so editing a measure's text keeps its code and moving it
    renumbers it (and everything after it).
    """
    numbered = []
    for p_index, priority in enumerate(priorities, start=first_number):
        p_code = str(p_index)
        goals = []
        for g_index, goal in enumerate(priority.value["goals"], start=1):
            g_code = f"{p_code}.{g_index}"
            measures = [
                Numbered(
                    code=f"{g_code}.{m_index}",
                    anchor="opatreni-" + f"{g_code}.{m_index}".replace(".", "-"),
                    value=value,
                    block_id=block_id,
                )
                for m_index, (value, block_id) in enumerate(_with_ids(goal["measures"]), start=1)
            ]
            goals.append(
                Numbered(g_code, "cil-" + g_code.replace(".", "-"), goal, children=measures)
            )
        numbered.append(Numbered(p_code, f"priorita-{p_code}", priority.value, children=goals))
    return numbered


def measure_notes(chapter, request):
    """Lines other apps show under a chapter's measures ({stable id: [{"text", "url"}]}): the
    app named by settings.KPSS_MEASURE_NOTES (the monitoring's "Plnění 2026: splněno")."""
    name = getattr(settings, "KPSS_MEASURE_NOTES", "")
    return import_string(name)(chapter, request) if name else {}


class PlanChapterPage(ApprovedVersionsMixin, BasePage):
    number = models.PositiveSmallIntegerField(
        _("číslo kapitoly"),
        validators=[MinValueValidator(1)],
        help_text=_("Určuje pořadí kapitol i číslování priorit v celém plánu."),
    )
    working_group = models.ForeignKey(
        "kpss_pages.WorkingGroupPage",
        verbose_name=_("odpovědná pracovní skupina"),
        null=True,
        blank=False,
        on_delete=models.SET_NULL,
        related_name="chapters",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("text kapitoly"), blank=True)
    priorities = StreamField(
        PlanHierarchyBlock(),
        verbose_name=_("priority, cíle a opatření"),
        blank=True,
        help_text=_(
            "Čísla priorit, cílů a opatření se dopočítají z pořadí; přesunutím se přečíslují."
        ),
    )

    base_form_class = PlanChapterPageForm
    parent_page_types = ["kpss_pages.CommunityPlanPage"]
    subpage_types = []
    search_fields = [
        *BasePage.search_fields,
        index.SearchField("body"),
        index.SearchField("priorities"),
    ]
    content_panels = [
        *BasePage.content_panels,
        MultiFieldPanel(
            [FieldPanel("number"), ResponsibilityFieldPanel("working_group")],
            heading=_("Zařazení kapitoly"),
        ),
        FieldPanel("body"),
        FieldPanel("priorities"),
    ]

    class Meta:
        verbose_name = _("kapitola plánu")
        verbose_name_plural = _("kapitoly plánu")

    @classmethod
    def hierarchy_from_raw(cls, raw):
        """Raw priority data as a StreamValue whose list items get stored, stable ids."""
        value = cls._meta.get_field("priorities").stream_block.to_python(raw)
        # A lazy StreamValue would be saved back as the raw data; binding every child makes
        # saving go through the blocks, which assign ids to the nested list items.
        list(value)
        return value

    def first_priority_number(self):
        """Priorities are numbered across the plan: count those of live chapters before this one."""
        parent = self.get_parent()
        if parent is None:
            return 1
        fragments.depends_on(fragments.children_tag(parent.pk))
        earlier = (
            PlanChapterPage.objects.child_of(parent)
            .live()
            .filter(number__lt=self.number)
            .exclude(pk=self.pk)
            .only("priorities")
        )
        return 1 + sum(len(chapter.priorities) for chapter in earlier)

    def numbered_priorities(self):
        return number_hierarchy(self.priorities, self.first_priority_number())

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        site = Site.find_for_request(request)
        surroundings = fragments.fragment(
            f"chapter:{site.pk if site else 0}:{self.pk}", lambda: self.surroundings(request)
        )
        context.update(surroundings)
        context["hierarchy_html"] = self.rendered_hierarchy(request, surroundings["first_priority"])
        return context

    def rendered_hierarchy(self, request, first):
        """The priorities, goals and measures as HTML, the costliest part of the page; cached
        under a digest of the data itself, so a draft, a preview or an archived revision never
        gets another version's list. Organisations and kinds of service it names are its tags."""
        notes = measure_notes(self, request)
        raw = json.dumps([list(self.priorities.raw_data), notes], sort_keys=True, default=str)
        digest = hashlib.sha256(raw.encode()).hexdigest()[:24]
        return fragments.fragment(
            f"hierarchy:{digest}:{first}:{translation.get_language()}",
            lambda: render_to_string(
                "includes/chapter_hierarchy.html",
                {"hierarchy": number_hierarchy(self.priorities, first), "measure_notes": notes},
                request,
            ),
        )

    def surroundings(self, request):
        """What the chapter shows of other pages: its plan, its group and where its priorities
        start; cached together (they change only when those pages are published)."""
        fragments.depends_on(fragments.page_tag(self.pk))
        plan = CommunityPlanPage.objects.get(path=self.path[: -self.steplen])
        group = self.localized_working_group()
        return {
            "plan": {"title": plan.title, "url": plan.get_url(request)},
            "working_group": {"title": group.title, "url": group.get_url(request)}
            if group is not None and group.live
            else None,
            "first_priority": self.first_priority_number(),
        }

    def localized_working_group(self):
        """The responsible group's page in this chapter's language where it is live; a
        translation keeps its source's group (a page link is synchronised, not translated)."""
        group = self.working_group
        if group is None or group.locale_id == self.locale_id:
            return group
        translated = group.get_translation_or_none(self.locale_id)
        return translated if translated is not None and translated.live else group
