"""Filters of the audit list. Values are validated here and applied per source (audit.sources)."""

import re

from django import forms
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import AdminDateInput
from wagtail.models import PageLogEntry

import django_filters

from audit.columns import SOURCE_KINDS, Filters, action_choices
from kpss_pages.admin_guards import integer_range

OBJECT_PATTERN = re.compile(r"^(?P<type>[a-z_][a-z0-9_]*\.[a-z0-9_]+):(?P<id>[\w-]{1,64})$")
DIGITS = re.compile(r"[0-9]+")


class PersonField(forms.ModelChoiceField):
    def label_from_instance(self, user):
        name = user.get_full_name()
        return f"{name} ({user.get_username()})" if name else user.get_username()


class PersonFilter(django_filters.ModelChoiceFilter):
    field_class = PersonField


class ObjectField(forms.CharField):
    """'<app_label>.<model>:<id>', e.g. 'wagtailcore.page:12' or 'kpss_pages.organisation:5'."""

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return ""
        match = OBJECT_PATTERN.match(value)
        if not match:
            raise forms.ValidationError(
                _("Objekt zadejte ve tvaru „typ:id“, například wagtailcore.page:12."),
                code="invalid",
            )
        app_label, _dot, model_name = match["type"].partition(".")
        try:
            model = apps.get_model(app_label, model_name)
        except LookupError:
            raise forms.ValidationError(
                _("Neznámý typ objektu „%(type)s“."), params={"type": match["type"]}
            ) from None
        # An integer key: the id must fit its column, or the query overflows (SQLite raises
        # OverflowError: Django checks the range for integer fields, not for relations).
        bounds = integer_range(model._meta.pk)
        if bounds is not None and not (
            DIGITS.fullmatch(match["id"]) and 0 < int(match["id"]) <= bounds[1]
        ):
            raise forms.ValidationError(
                _("ID objektu musí být celé kladné číslo nejvýše %(limit)s."),
                params={"limit": bounds[1]},
                code="invalid_id",
            )
        return value


class ObjectFilter(django_filters.CharFilter):
    field_class = ObjectField


class AuditFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        start, end = data.get("od"), data.get("do")
        if start and end and start > end:
            raise forms.ValidationError(_("Datum „od“ musí být nejpozději datum „do“."))
        return data


def _people(request):
    return get_user_model().objects.order_by("username")


class AuditFilterSet(WagtailFilterSet):
    osoba = PersonFilter(label=_("Kdo"), queryset=_people, empty_label=_("Kdokoli"))
    od = django_filters.DateFilter(label=_("Od (včetně)"), widget=AdminDateInput)
    do = django_filters.DateFilter(label=_("Do (včetně)"), widget=AdminDateInput)
    druh = django_filters.ChoiceFilter(
        label=_("Druh akce"), choices=action_choices, empty_label=_("Jakákoli")
    )
    zdroj = django_filters.ChoiceFilter(
        label=_("Zdroj"), choices=list(SOURCE_KINDS.items()), empty_label=_("Všechny")
    )
    objekt = ObjectFilter(
        label=_("Objekt"),
        help_text=_("Stránka nebo záznam ve tvaru „typ:id“; nastaví se odkazem ze seznamu."),
    )

    class Meta:
        model = PageLogEntry  # required by django-filters; filtering is done per source
        fields = []
        form = AuditFilterForm

    def cleaned(self):
        data = self.form.cleaned_data
        object_type, _colon, object_id = (data.get("objekt") or "").partition(":")
        return Filters(
            user_id=data["osoba"].pk if data.get("osoba") else None,
            date_from=data.get("od"),
            date_to=data.get("do"),
            action=data.get("druh") or "",
            source_kind=data.get("zdroj") or "",
            object_type=object_type,
            object_id=object_id,
        )
