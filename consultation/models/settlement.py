"""The settlement (vypořádání) of a consultation's comments: each comment's outcome and its
reason, as a page under the consultation. The working groups propose the rows of their
chapters' comments (consultation/settling.py), and the page passes the plan's approval route:
the management team reviews it and the steering group approves it by a resolution. Only the
published revision is public, and every earlier one stays on record."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable

from consultation.models.comments import TEXT_LIMIT
from consultation.page_form import SettlementPageForm
from kpss_pages.models.base import BasePage

SLUG = "vyporadani"


class Outcome(models.TextChoices):
    ACCEPTED = "akceptovano", _("akceptováno")
    PARTLY = "castecne", _("částečně akceptováno")
    REJECTED = "neakceptovano", _("neakceptováno")
    NOTED = "vzato-na-vedomi", _("vzato na vědomí")
    OUT_OF_SCOPE = "mimo-ramec", _("mimo rámec plánu")

    @classmethod
    def changes_the_plan(cls, value):
        return value in (cls.ACCEPTED, cls.PARTLY)


class SettlementPage(BasePage):
    base_form_class = SettlementPageForm
    introduction = RichTextField(_("úvod"), blank=True)

    parent_page_types = ["consultation.ConsultationPage"]
    subpage_types = []
    max_count_per_parent = 1
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("introduction"),
        InlinePanel("rows", heading=_("Vypořádání jednotlivých připomínek"), min_num=0),
    ]

    class Meta:
        verbose_name = _("vypořádání připomínek")
        verbose_name_plural = _("vypořádání připomínek")

    def clean(self):
        super().clean()
        seen = set()
        for row in self.rows.all():
            if row.comment_id in seen:
                raise ValidationError(
                    _("Připomínka č. %(reference)s je ve vypořádání dvakrát.")
                    % {"reference": row.comment.reference}
                )
            seen.add(row.comment_id)

    def get_context(self, request, *args, **kwargs):
        from consultation import table

        context = super().get_context(request, *args, **kwargs)
        from consultation.models import ConsultationPage

        # One query for the parent, of its own type (get_parent().specific would take two).
        consultation = ConsultationPage.objects.get(path=self.path[: -self.steplen])
        if getattr(request, "is_preview", False):
            rows = list(self.rows.all())  # the draft being previewed, not the published rows
        else:
            rows = table.published_rows(self)
        shown, sort = table.filter_and_sort(rows, request.GET)
        table.attach_changes(consultation, shown)
        table.attach_draft_links(consultation, shown)
        chapters = {r.comment.target_chapter for r in rows if r.comment.target_chapter_id}
        context.update(
            consultation=consultation,
            rows=shown,
            total=len(rows),
            sort=sort,
            sorts=table.SORT_LABELS,
            outcomes=Outcome.choices,
            chapters=sorted(chapters, key=lambda chapter: chapter.title),
        )
        return context

    def rows_by_comment(self):
        return {row.comment_id: row for row in self.rows.all()}


class SettlementRow(Orderable):
    page = ParentalKey(SettlementPage, on_delete=models.CASCADE, related_name="rows")
    comment = models.ForeignKey(
        "consultation.Comment",
        verbose_name=_("připomínka"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    outcome = models.CharField(_("výsledek"), max_length=20, choices=Outcome.choices)
    reason = models.TextField(_("odůvodnění"), max_length=TEXT_LIMIT)
    changed_part = models.CharField(
        _("změněná část plánu"),
        max_length=20,
        blank=True,
        help_text=_("Kód opatření, cíle nebo priority v nové verzi kapitoly, např. 1.2.3."),
    )

    panels = [
        FieldPanel("comment"),
        FieldPanel("outcome"),
        FieldPanel("reason"),
        FieldPanel("changed_part"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("vypořádání připomínky")
        verbose_name_plural = _("vypořádání připomínek")

    def clean(self):
        super().clean()
        if self.changed_part and not Outcome.changes_the_plan(self.outcome):
            raise ValidationError(
                {"changed_part": _("Změněnou část uveďte jen u přijaté připomínky.")}
            )
