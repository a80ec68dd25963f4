"""The monitoring area of the admin: the rounds, a round's dashboard of what is missing, a
measure's report form and the management team's review."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.log_actions import log

from monitoring import access
from monitoring.forms import FundingLines, IndicatorFormSet, ReportForm, RoundForm
from monitoring.models import MeasureReport, MonitoringRound, ReviewState
from monitoring.opening import open_round

DONE = (ReviewState.SUBMITTED, ReviewState.APPROVED)


class MonitoringScreen(WagtailAdminTemplateMixin, TemplateView):
    header_icon = "tasks"

    def dispatch(self, request, *args, **kwargs):
        if not access.may_report(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        items = [
            *self.breadcrumbs_items,
            {"url": reverse("monitoring:index"), "label": _("Monitoring")},
        ]
        return [*items, *self.trail(), {"url": "", "label": self.get_page_title()}]

    def trail(self):
        return []


class RoundsView(MonitoringScreen):
    template_name = "monitoring/admin/rounds.html"
    page_title = gettext_lazy("Monitoring plnění")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        visible = access.visible_reports(self.request.user, MeasureReport.objects.all())
        rounds = (
            MonitoringRound.objects.filter(reports__in=visible)
            .select_related("plan")
            .annotate(
                total=Count("reports", filter=Q(reports__in=visible), distinct=True),
                done=Count(
                    "reports",
                    filter=Q(reports__in=visible, reports__review_state__in=DONE),
                    distinct=True,
                ),
            )
            .distinct()
        )
        return super().get_context_data(
            rounds=rounds, may_manage=access.may_manage(self.request.user), **kwargs
        )


class OpenRoundView(MonitoringScreen):
    template_name = "monitoring/admin/open_round.html"
    page_title = gettext_lazy("Otevřít kolo monitoringu")

    def dispatch(self, request, *args, **kwargs):
        if not access.may_manage(request.user):
            raise PermissionDenied
        self.form = RoundForm(request.POST or None)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(form=self.form, **kwargs)

    def post(self, request):
        if not self.form.is_valid():
            return self.render_to_response(self.get_context_data(), status=400)
        with transaction.atomic():
            monitoring_round = self.form.save(commit=False)
            monitoring_round.opened_by = request.user
            monitoring_round.save()
            created = open_round(monitoring_round)
            log(monitoring_round, "wagtail.create", user=request.user)
        messages.success(
            request,
            _("Kolo monitoringu %(year)s je otevřeno: %(count)s hlášení čeká na vyplnění.")
            % {"year": monitoring_round.year, "count": created},
        )
        return redirect("monitoring:round", monitoring_round.pk)


class RoundView(MonitoringScreen):
    """The dashboard: every report the user may see, what is missing first."""

    template_name = "monitoring/admin/round.html"

    def dispatch(self, request, round_id):
        self.round = get_object_or_404(MonitoringRound.objects.select_related("plan"), pk=round_id)
        return super().dispatch(request, round_id)

    def get_page_title(self):
        return _("Monitoring %(year)s") % {"year": self.round.year}

    def get_page_subtitle(self):
        return self.round.plan.title

    def get_context_data(self, **kwargs):
        reports = access.visible_reports(
            self.request.user, self.round.reports.select_related("organisation", "chapter")
        )
        missing = [r for r in reports if r.review_state not in DONE]
        return super().get_context_data(
            round=self.round,
            reports=reports,
            missing=missing,
            states=ReviewState,
            past_deadline=self.round.is_past_deadline(),
            **kwargs,
        )


class ReportView(MonitoringScreen):
    template_name = "monitoring/admin/report.html"

    def dispatch(self, request, report_id):
        visible = access.visible_reports(request.user, MeasureReport.objects.all())
        self.report = get_object_or_404(
            visible.select_related("round__plan", "organisation", "chapter"), pk=report_id
        )
        return super().dispatch(request, report_id)

    def trail(self):
        url = reverse("monitoring:round", args=[self.report.round_id])
        return [{"url": url, "label": _("Monitoring %(year)s") % {"year": self.report.round.year}}]

    def get_page_title(self):
        return _("Opatření %(code)s") % {"code": self.report.code}

    def get_page_subtitle(self):
        return str(self.report.organisation or self.report.title)

    def refusal(self):
        """Why the user may not change the report now, or None."""
        user, report = self.request.user, self.report
        if not access.may_edit(user, report):
            return _("Toto hlášení můžete jen číst.")
        if not ReviewState.editable(report.review_state):
            return _("Hlášení je odeslané ke kontrole nebo schválené; měnit ho nelze.")
        if report.round.is_past_deadline() and not access.may_manage(user):
            return _(
                "Termín pro hlášení uplynul %(date)s. O pozdní doplnění požádejte manažerský tým."
            ) % {"date": report.round.deadline.strftime("%-d. %-m. %Y")}
        return None

    def forms(self, data=None, files=None):
        user = self.request.user
        return (
            ReportForm(data, files, instance=self.report, user=user),
            IndicatorFormSet(data, instance=self.report, prefix="ukazatele"),
            FundingLines(data, instance=self.report, prefix="financovani"),
        )

    def get_context_data(self, **kwargs):
        kwargs.setdefault("forms", self.forms())
        return super().get_context_data(
            report=self.report,
            refusal=self.refusal(),
            may_review=access.may_manage(self.request.user)
            and self.report.review_state == ReviewState.SUBMITTED,
            history=self.report.history.select_related("history_user")[:20],
            **kwargs,
        )

    def post(self, request, report_id):
        if "kontrola" in request.POST:
            return self.review(request)
        refusal = self.refusal()
        if refusal:
            messages.error(request, refusal)
            return redirect("monitoring:report", self.report.pk)
        forms = self.forms(request.POST, request.FILES)
        if not all(form.is_valid() for form in forms):
            messages.error(request, _("Hlášení nebylo uloženo: opravte označené údaje."))
            return self.render_to_response(self.get_context_data(forms=forms), status=400)
        submit = "odeslat" in request.POST
        with transaction.atomic():
            report = forms[0].save(commit=False)
            if submit:
                report.review_state = ReviewState.SUBMITTED
                report.submitted_by, report.submitted_at = request.user, timezone.now()
            report.save()
            forms[0].save_m2m()
            for formset in forms[1:]:
                formset.save()
            log(report, "kpss.monitoring.submit" if submit else "wagtail.edit", user=request.user)
        messages.success(
            request,
            _("Hlášení je odesláno ke kontrole manažerskému týmu.")
            if submit
            else _("Hlášení je uloženo jako rozpracované."),
        )
        return redirect("monitoring:report", self.report.pk)

    def review(self, request):
        report = self.report
        if not access.may_manage(request.user) or report.review_state != ReviewState.SUBMITTED:
            raise PermissionDenied
        decision = request.POST.get("kontrola")
        comment = request.POST.get("vyjadreni", "").strip()
        if decision not in ("schvalit", "vratit"):
            raise PermissionDenied
        if decision == "vratit" and not comment:
            messages.error(request, _("Napište, co má skupina v hlášení doplnit nebo opravit."))
            return self.render_to_response(self.get_context_data(), status=400)
        approve = decision == "schvalit"
        with transaction.atomic():
            report.review_state = ReviewState.APPROVED if approve else ReviewState.RETURNED
            report.review_comment = comment
            report.reviewed_by, report.reviewed_at = request.user, timezone.now()
            report.save()
            action = "kpss.monitoring.approve" if approve else "kpss.monitoring.return"
            log(report, action, user=request.user)
        messages.success(
            request,
            _("Hlášení je schváleno.") if approve else _("Hlášení je vráceno k doplnění."),
        )
        return redirect("monitoring:round", report.round_id)
