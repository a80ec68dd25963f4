"""The monitoring forms: opening a round, and a measure's report with its indicator values and
its money by funding source. Every message is Czech; a form with an error saves nothing."""

from django import forms
from django.forms import inlineformset_factory
from django.utils.translation import gettext_lazy as _

from wagtail.documents import get_document_model
from wagtail.permissions import policy_registry

from kpss_pages.models import CommunityPlanPage
from monitoring.models import (
    Fulfilment,
    FundingLine,
    IndicatorValue,
    MeasureReport,
    MonitoringRound,
)


class RoundForm(forms.ModelForm):
    class Meta:
        model = MonitoringRound
        fields = ["plan", "year", "deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["plan"].queryset = CommunityPlanPage.objects.live().order_by("path")
        self.fields["plan"].empty_label = None

    def clean(self):
        cleaned = super().clean()
        plan, year = cleaned.get("plan"), cleaned.get("year")
        if plan and year:
            if not plan.valid_from <= year <= plan.valid_to:
                self.add_error(
                    "year",
                    _("Rok %(year)s je mimo období plánu %(from)s–%(to)s.")
                    % {"year": year, "from": plan.valid_from, "to": plan.valid_to},
                )
            elif MonitoringRound.objects.filter(plan=plan, year=year).exists():
                self.add_error(
                    "year", _("Monitoring roku %(year)s je už otevřen.") % {"year": year}
                )
        return cleaned

    def validate_unique(self):
        pass  # clean() says it in Czech, naming the year


class ReportForm(forms.ModelForm):
    class Meta:
        model = MeasureReport
        fields = ["status", "percent", "narrative", "reasons", "next_steps", "evidence"]
        widgets = {
            "evidence": forms.CheckboxSelectMultiple,
            "narrative": forms.Textarea(attrs={"rows": 4}),
            "reasons": forms.Textarea(attrs={"rows": 3}),
            "next_steps": forms.Textarea(attrs={"rows": 3}),
        }
        help_texts = {
            "reasons": _("Povinné u stavů částečně splněno, nesplněno, odloženo a zrušeno."),
            "percent": _("Nepovinné; slouží k souhrnu priority vážené plánovanými náklady."),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        policy = policy_registry.get_by_type(get_document_model())
        documents = policy.instances_user_has_any_permission_for(user, ["choose"])
        chosen = (
            self.instance.evidence.all()
            if self.instance.pk
            else get_document_model().objects.none()
        )
        self.fields["evidence"].queryset = (documents | chosen).distinct().order_by("title")
        self.fields["evidence"].help_text = _("Dokumenty nahrané v administraci (zápisy, zprávy).")

    def clean(self):
        cleaned = super().clean()
        status = cleaned.get("status")
        if not status:
            self.add_error("status", _("Vyberte stav plnění opatření."))
        elif Fulfilment.needs_reasons(status) and not (cleaned.get("reasons") or "").strip():
            self.add_error(
                "reasons",
                _("U stavu „%(status)s“ uveďte důvody.") % {"status": Fulfilment(status).label},
            )
        return cleaned


class IndicatorForm(forms.ModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["name", "unit", "baseline", "target", "actual", "source"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("actual") is not None and not (cleaned.get("unit") or "").strip():
            self.add_error("unit", _("Uveďte jednotku, ve které je skutečná hodnota."))
        return cleaned


class FundingForm(forms.ModelForm):
    class Meta:
        model = FundingLine
        fields = ["source", "planned", "approved", "actual"]


class FundingFormSet(forms.BaseInlineFormSet):
    def clean(self):
        super().clean()
        seen = set()
        for form in self.forms:
            if not form.has_changed() and not form.instance.pk:
                continue
            if self.can_delete and self._should_delete_form(form):
                continue
            source = form.cleaned_data.get("source")
            if source in seen:
                form.add_error("source", _("Každý zdroj uveďte jen jednou."))
            seen.add(source)


IndicatorFormSet = inlineformset_factory(
    MeasureReport, IndicatorValue, form=IndicatorForm, extra=0, can_delete=False
)
FundingLines = inlineformset_factory(
    MeasureReport,
    FundingLine,
    form=FundingForm,
    formset=FundingFormSet,
    extra=1,
    can_delete=True,
)
