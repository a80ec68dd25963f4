"""Admin page forms with the rules that need more than one field or the page's place in the tree.

Models are imported inside methods: the page models import these forms as base_form_class.
"""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language_info
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.blocks.list_block import ListBlockValidationError
from wagtail.blocks.stream_block import StreamBlockValidationError
from wagtail.blocks.struct_block import StructBlockValidationError


def language_name(locale):
    """The locale's language as the admin user reads it after "je" ("česky", "anglicky")."""
    return get_language_info(locale.language_code)["name_translated"]


def other_language_error(locale):
    return _("Stránka je %(language)s: vyberte hodnotu z číselníku v jejím jazyce.") % {
        "language": language_name(locale)
    }


def _measure_errors(priorities, measure_errors_of):
    """Nested block errors placing what `measure_errors_of(measure)` finds ({field: error})
    on the measure's own fields, or None."""
    priority_errors = {}
    for p_index, priority in enumerate(priorities):
        goal_errors = {}
        for g_index, goal in enumerate(priority.value["goals"]):
            measure_errors = {}
            for m_index, measure in enumerate(goal["measures"]):
                field_errors = measure_errors_of(measure)
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
    return priority_errors or None


class CodeListsInPageLanguage:
    """Code-list fields (kinds of service, target groups, age categories, forms of provision)
    offer only the rows of the page's language and refuse any other in a POST. A translation
    may store its source's rows (see models/services.py): they are shown as their translations,
    so saving the form stores the page's own; a row with no translation is reported, not lost."""

    def __init__(self, *args, **kwargs):
        from kpss_pages.models.reference import ReferenceItem, localized

        super().__init__(*args, **kwargs)
        self.untranslated = {}
        locale = self.page_locale
        if locale is None:
            return
        for name, field in self.fields.items():
            if not isinstance(field, forms.ModelChoiceField):
                continue
            if not issubclass(field.queryset.model, ReferenceItem):
                continue
            field.queryset = field.queryset.filter(locale=locale)
            message = other_language_error(locale)
            field.error_messages.update(invalid_choice=message, invalid_pk_value=message)
            # The stored rows: instances (many-to-many) or a primary key (foreign key).
            stored = self.initial.get(name)
            multiple = isinstance(field, forms.ModelMultipleChoiceField)
            rows = list(stored or []) if multiple else [stored] if stored else []
            if rows and not isinstance(rows[0], ReferenceItem):
                rows = list(field.queryset.model.objects.filter(pk__in=rows))
            if not rows:
                continue
            shown = localized(rows, locale.pk)
            self.untranslated[name] = [row for row in shown if row.locale_id != locale.pk]
            own = [row.pk for row in shown if row.locale_id == locale.pk]
            self.initial[name] = own if multiple else (own[0] if own else None)

    @property
    def page_locale(self):
        if self.instance.locale_id:
            return self.instance.locale
        return self.parent_page.locale if self.parent_page else None

    def clean(self):
        cleaned_data = super().clean()
        for name, rows in self.untranslated.items():
            if rows and name not in self.errors:
                self.add_error(
                    name,
                    _(
                        "Stránka je %(language)s a „%(rows)s“ zatím nemá překlad: přeložte "
                        "nejdřív číselník, jinak by se hodnota ze stránky ztratila."
                    )
                    % {
                        "rows": "“, „".join(str(row) for row in rows),
                        "language": language_name(self.page_locale),
                    },
                )
        return cleaned_data


def _kinds_of_other_language(locale):
    """Measure errors for related kinds of service not in the page's language."""

    def errors_of(measure):
        wrong = {
            index: ValidationError(other_language_error(locale))
            for index, kind in enumerate(measure["service_kinds"])
            if kind is not None and kind.locale_id != locale.pk
        }
        if wrong:
            return {"service_kinds": ListBlockValidationError(block_errors=wrong)}
        return {}

    return errors_of


def _years_outside(valid_from, valid_to):
    """Measure errors for years outside the plan's period."""

    def errors_of(measure):
        field_errors = {}
        for name in ("year_from", "year_to"):
            year = measure[name]
            if year is not None and not valid_from <= year <= valid_to:
                field_errors[name] = ValidationError(
                    _("Rok %(year)s je mimo období plánu %(from)s–%(to)s."),
                    params={"year": year, "from": valid_from, "to": valid_to},
                )
        return field_errors

    return errors_of


class PlanChapterPageForm(CodeListsInPageLanguage, WagtailAdminPageForm):
    def clean(self):
        from kpss_pages.models import CommunityPlanPage, PlanChapterPage

        cleaned_data = super().clean()
        plan = self.parent_page.specific if self.parent_page else None
        if not isinstance(plan, CommunityPlanPage):
            plan = None

        number = cleaned_data.get("number")
        if plan is not None and number is not None:
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

        # (check of one measure, summary shown above the hierarchy when it finds something)
        checks = []
        if self.page_locale is not None:
            checks.append(
                (
                    _kinds_of_other_language(self.page_locale),
                    _("Některá opatření mají druh služby z číselníku v jiném jazyce."),
                )
            )
        if plan is not None:
            checks.append(
                (
                    _years_outside(plan.valid_from, plan.valid_to),
                    _("Časový rámec některých opatření je mimo období plánu."),
                )
            )
        found = set()

        def errors_of(measure):
            merged = {}
            for index, (check, _summary) in enumerate(checks):
                errors = check(measure)
                if errors:
                    found.add(index)
                    merged.update(errors)
            return merged

        priorities = cleaned_data.get("priorities")
        errors = _measure_errors(priorities, errors_of) if priorities else None
        if errors:
            summaries = [ValidationError(checks[index][1]) for index in sorted(found)]
            self.add_error(
                "priorities",
                StreamBlockValidationError(block_errors=errors, non_block_errors=summaries),
            )
        return cleaned_data


class WorkingGroupPageForm(CodeListsInPageLanguage, WagtailAdminPageForm):
    pass


class ServicePageForm(CodeListsInPageLanguage, WagtailAdminPageForm):
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
            if not cleaned_data.get("kind") and "kind" not in self.errors:
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


class ActionPlanPageForm(WagtailAdminPageForm):
    """One action plan per year of the plan's period, over the plan's own measures, each once."""

    def clean(self):
        from kpss_pages.models import ActionPlanPage, CommunityPlanPage

        cleaned_data = super().clean()
        plan = self.parent_page.specific if self.parent_page else None
        if not isinstance(plan, CommunityPlanPage):
            return cleaned_data
        # A translation's parent is the translated plan: its measures keep the source's ids.
        year = cleaned_data.get("year")
        if year is not None:
            if not plan.valid_from <= year <= plan.valid_to:
                self.add_error(
                    "year",
                    _("Rok %(year)s je mimo období plánu %(from)s–%(to)s.")
                    % {"year": year, "from": plan.valid_from, "to": plan.valid_to},
                )
            clash = (
                ActionPlanPage.objects.child_of(plan)
                .filter(year=year)
                .exclude(pk=self.instance.pk)
                .first()
            )
            if clash:
                self.add_error(
                    "year",
                    _("Akční plán na rok %(year)s už v tomto plánu je: „%(title)s“.")
                    % {"year": year, "title": clash.title},
                )
        items = cleaned_data.get("items")
        if items:
            known, seen, errors = plan.measure_index(), set(), {}
            for index, child in enumerate(items):
                measure = child.value["measure"]
                if measure not in known:
                    message = _("Toto opatření v plánu „%(plan)s“ není.") % {"plan": plan.title}
                elif measure in seen:
                    message = _("Opatření %(code)s je v akčním plánu už jednou.") % {
                        "code": known[measure].code
                    }
                else:
                    message = None
                seen.add(measure)
                if message:
                    errors[index] = StructBlockValidationError(
                        block_errors={"measure": ValidationError(message)}
                    )
            if errors:
                self.add_error("items", StreamBlockValidationError(block_errors=errors))
        return cleaned_data
