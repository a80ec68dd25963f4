"""The published evaluation (vyhodnocení): `<plan>/vyhodnoceni/` lists the approved years and
`<plan>/vyhodnoceni/<year>/` shows one. An evaluation page is a page of the plan, so it takes
the plan's route (the management team reviews it, the steering group approves it by a
resolution) and only an approved evaluation is public; a round in progress is a 404."""

from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, HelpPanel
from wagtail.contrib.routable_page.models import path
from wagtail.fields import RichTextField

from kpss_pages import fragments
from kpss_pages.models.archive import ApprovedVersionsMixin
from kpss_pages.models.base import BasePage
from monitoring.page_form import EvaluationPageForm

from .reports import MonitoringRound


class EvaluationIndexPage(BasePage):
    parent_page_types = ["kpss_pages.CommunityPlanPage"]
    subpage_types = ["monitoring.EvaluationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("vyhodnocení plánu (přehled let)")
        verbose_name_plural = _("vyhodnocení plánu (přehledy let)")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        fragments.depends_on(fragments.children_tag(self.pk))
        context["evaluations"] = fragments.public(
            EvaluationPage.objects.child_of(self).live()
        ).order_by("-round__year")
        return context


class EvaluationPage(ApprovedVersionsMixin, BasePage):
    # A foreign key, not one-to-one: the English translation evaluates the same round.
    round = models.ForeignKey(
        MonitoringRound,
        verbose_name=_("kolo monitoringu"),
        on_delete=models.PROTECT,
        related_name="evaluations",
    )
    introduction = RichTextField(_("shrnutí vyhodnocení"), blank=True)
    data = models.JSONField(
        _("vyhodnocovaná hlášení"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("Schválená hlášení kola, převzatá při každém uložení."),
    )

    base_form_class = EvaluationPageForm
    parent_page_types = ["monitoring.EvaluationIndexPage"]
    subpage_types = []
    content_panels = [
        *BasePage.content_panels,
        FieldPanel("round"),
        HelpPanel(template="monitoring/admin/evaluation_panel.html"),
        FieldPanel("introduction"),
    ]

    class Meta:
        verbose_name = _("vyhodnocení roku")
        verbose_name_plural = _("vyhodnocení let")

    @property
    def year(self):
        return self.data.get("year") or (self.round.year if self.round_id else None)

    def clean(self):
        super().clean()
        if self.round_id and self.path:
            plan = self.get_parent().get_parent()
            if self.round.plan.translation_key != plan.translation_key:
                raise ValidationError({"round": _("Kolo monitoringu patří k jinému plánu.")})

    def previous(self):
        """The evaluation of the year before, if approved."""
        fragments.depends_on(fragments.children_tag(self.get_parent().pk))
        return (
            EvaluationPage.objects.sibling_of(self)
            .live()
            .filter(round__year=self.year - 1)
            .only("data")
            .first()
        )

    def get_context(self, request, *args, **kwargs):
        from monitoring.public import evaluation_context

        context = super().get_context(request, *args, **kwargs)
        context.update(evaluation_context(self, request))
        return context

    @path("pdf/", name="pdf")
    def pdf(self, request):
        from monitoring.pdf import evaluation_pdf

        return FileResponse(
            default_storage.open(evaluation_pdf(self, request)),
            content_type="application/pdf",
            filename=f"vyhodnoceni-{self.year}.pdf",
        )
