"""Admin page forms with the rules that need more than one field or the page's place in the tree.

Models are imported inside methods: the page models import these forms as base_form_class.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError


def _measure_period_errors(priorities, valid_from, valid_to):
    """Nested block errors placing each out-of-period year on the measure's own field."""
    priority_errors = {}
    for p_index, priority in enumerate(priorities):
        goal_errors = {}
        for g_index, goal in enumerate(priority.value["goals"]):
            measure_errors = {}
            for m_index, measure in enumerate(goal["measures"]):
                field_errors = {}
                for name in ("year_from", "year_to"):
                    year = measure[name]
                    if year is not None and not valid_from <= year <= valid_to:
                        field_errors[name] = ValidationError(
                            _("Rok %(year)s je mimo období plánu %(from)s–%(to)s."),
                            params={"year": year, "from": valid_from, "to": valid_to},
                        )
                if field_errors:
                    measure_errors[m_index] = StructBlockValidationError(block_errors=field_errors)
            if measure_errors:
                goal_errors[g_index] = StructBlockValidationError(
                    block_errors={"measures": ListBlockValidationError(block_errors=measure_errors)}
                )
        if goal_errors:
            priority_errors[p_index] = StructBlockValidationError(
                block_errors={"goals": ListBlockValidationError(block_errors=goal_errors)}
            )
    if priority_errors:
        return StreamBlockValidationError(
            block_errors=priority_errors,
            non_block_errors=[
                ValidationError(_("Časový rámec některých opatření je mimo období plánu."))
            ],
        )
    return None


class PlanChapterPageForm(WagtailAdminPageForm):
    def clean(self):
        from kpss_pages.models import CommunityPlanPage, PlanChapterPage

        cleaned_data = super().clean()
        plan = self.parent_page.specific if self.parent_page else None
        if not isinstance(plan, CommunityPlanPage):
            return cleaned_data

        number = cleaned_data.get("number")
        if number is not None:
            clash = (
                PlanChapterPage.objects.child_of(plan)
                .filter(number=number)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if clash:
                self.add_error(
                    "number",
                    _("Číslo %(number)s už má v tomto plánu kapitola „%(title)s“.")
                    % {"number": number, "title": clash.title},
                )

        priorities = cleaned_data.get("priorities")
        if priorities:
            error = _measure_period_errors(priorities, plan.valid_from, plan.valid_to)
            if error:
                self.add_error("priorities", error)
        return cleaned_data


class ServicePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["forms_of_provision"].error_messages["required"] = _(
            "Zvolte alespoň jednu formu poskytování (ambulantní, terénní nebo pobytová)."
        )
        self.fields["target_groups"].error_messages["required"] = _(
            "Zvolte alespoň jednu cílovou skupinu."
        )

    def clean(self):
        from kpss_pages.models import ServicePage

        cleaned_data = super().clean()
        service_type = cleaned_data.get("service_type")
        if service_type == ServicePage.ServiceType.REGISTERED:
            if not cleaned_data.get("kind"):
                self.add_error("kind", _("U registrované sociální služby vyberte druh služby."))
            if cleaned_data.get("related_category"):
                self.add_error(
                    "related_category",
                    _("Kategorii vyplňte jen u související služby; registrovaná má druh služby."),
                )
        elif service_type == ServicePage.ServiceType.RELATED:
            if not cleaned_data.get("related_category"):
                self.add_error(
                    "related_category", _("U související služby vyplňte její kategorii.")
                )
            if cleaned_data.get("kind"):
                self.add_error(
                    "kind", _("Druh podle zákona má jen registrovaná služba; pole nechte prázdné.")
                )
            if cleaned_data.get("registry_id"):
                self.add_error(
                    "registry_id", _("Identifikátor z registru má jen registrovaná služba.")
                )

        registry_id = cleaned_data.get("registry_id")
        if registry_id:
            locale_id = self.parent_page.locale_id if self.parent_page else self.instance.locale_id
            clash = (
                ServicePage.objects.filter(registry_id=registry_id, locale_id=locale_id)
                .exclude(translation_key=self.instance.translation_key)
                .first()
            )
            if clash:
                self.add_error(
                    "registry_id",
                    _("Identifikátor %(id)s už má služba „%(title)s“.")
                    % {"id": registry_id, "title": clash.title},
                )

        capacity, unit = cleaned_data.get("capacity"), cleaned_data.get("capacity_unit")
        if capacity is not None and not unit:
            self.add_error("capacity_unit", _("Uveďte, v čem se kapacita počítá."))
        return cleaned_data
