"""The evaluation page's editor form: the round is one of the plan's, its slug is the year, and
saving takes over the round's approved reports (what the steering group will approve)."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm


class EvaluationPageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from monitoring.models import MonitoringRound

        index = self.parent_page if not self.instance.pk else self.instance.get_parent()
        if index is not None and "round" in self.fields:
            # The plan's rounds, for a translation of the plan too (rounds are the source's).
            plan = index.get_parent()
            self.fields["round"].queryset = MonitoringRound.objects.filter(
                plan__translation_key=plan.translation_key
            )
            self.fields["round"].error_messages["invalid_choice"] = _(
                "Vyberte kolo monitoringu tohoto plánu."
            )

    def clean(self):
        from monitoring.evaluation import freeze
        from monitoring.models import EvaluationPage

        cleaned = super().clean()
        monitoring_round = cleaned.get("round")
        if monitoring_round is None:
            return cleaned
        index = self.parent_page if not self.instance.pk else self.instance.get_parent()
        taken = EvaluationPage.objects.filter(
            round=monitoring_round, locale_id=self.instance.locale_id or index.locale_id
        ).exclude(pk=self.instance.pk)
        if taken.exists():
            self.add_error("round", _("Vyhodnocení tohoto kola už existuje."))
            return cleaned
        cleaned["slug"] = str(monitoring_round.year)
        clash = index.get_children().filter(slug=cleaned["slug"]).exclude(pk=self.instance.pk)
        if clash.exists():
            self.add_error("round", _("Vyhodnocení tohoto roku už existuje."))
            return cleaned
        self.instance.data = freeze(monitoring_round)
        return cleaned
