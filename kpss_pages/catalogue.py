"""Filters of the catalogue of services. The whole state is in the URL (GET), so a filtered list
can be shared and the form works without JavaScript."""

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from kpss_pages import fragments
from kpss_pages.models import (
    AgeCategory,
    FormOfProvision,
    Municipality,
    ServiceKind,
    ServicePage,
    TargetGroup,
)

# URL parameter -> (label, model, relation from ServicePage). Code lists are matched by their
# translation key: a translated service keeps its source's rows (see models/services.py).
DIMENSIONS = {
    "skupina": (_("Cílová skupina"), TargetGroup, "target_groups"),
    "druh": (_("Druh služby"), ServiceKind, "kind"),
    "forma": (_("Forma poskytování"), FormOfProvision, "forms_of_provision"),
    "vek": (_("Věk klientů"), AgeCategory, "age_categories"),
    "obec": (_("Obec"), Municipality, None),
}


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Hledaný text"),
        required=False,
        max_length=100,
        error_messages={"max_length": _("Hledaný text může mít nejvýše %(limit_value)d znaků.")},
    )

    def __init__(self, data, locale_id):
        super().__init__(data)
        choices = fragments.fragment(f"catalogue-choices:{locale_id}", lambda: options(locale_id))
        for name, (label, _model, _lookup) in DIMENSIONS.items():
            self.fields[name] = forms.ChoiceField(
                label=label,
                required=False,
                choices=[("", _("Všechny"))] + choices[name],
                error_messages={
                    "invalid_choice": _("Hodnota „%(value)s“ v tomto filtru neexistuje.")
                },
            )
        self.order_fields(["q", "skupina", "druh", "forma", "obec", "vek"])

    def active(self):
        """The valid, non-empty filter values (invalid ones are reported, not applied)."""
        self.is_valid()
        return {key: value for key, value in self.cleaned_data.items() if value}


def options(locale_id):
    """(slug, name) of every row of each code list in the language; the page depends on the
    whole lists (ServiceIndexPage.get_context)."""
    result = {}
    for name, (_label, model, _lookup) in DIMENSIONS.items():
        items = model.objects.all()
        if hasattr(model, "locale"):
            items = items.filter(locale_id=locale_id)
        result[name] = [(item.slug, item.name) for item in items]
    return result


def filter_services(services, values, locale):
    for name, (_label, model, relation) in DIMENSIONS.items():
        value = values.get(name)
        if not value:
            continue
        if name == "obec":
            # Where the service works, or where one of its (public) places is.
            condition = Q(municipalities__slug=value) | Q(
                places__municipality__slug=value, places__secret_address=False
            )
        else:
            keys = model.objects.filter(locale=locale, slug=value).values("translation_key")
            condition = Q(**{f"{relation}__translation_key__in": keys})
        services = services.filter(pk__in=ServicePage.objects.filter(condition).values("pk"))
    found = text_search(values.get("q", ""), locale)
    if found is not None:
        services = services.filter(pk__in=found)
    return services


def text_search(text, locale):
    """Ids of the public pages containing `text` as the site search finds them, or None when the
    text has no word to look for. The search lives above the content: settings.KPSS_TEXT_SEARCH
    (search.query.pages_containing) names it."""
    return import_string(settings.KPSS_TEXT_SEARCH)(text, locale)
