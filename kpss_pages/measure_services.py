"""Which registered services a measure concerns, and how: kept in the measure's block, so the
link is versioned and approved with its chapter; the service page reads it back from the
published chapters."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError

from kpss_pages.block_types import ChoiceBlock, raw_list_items

SERVICE_RELATIONS = [
    ("zachovat", _("zachovat")),
    ("rozsirit", _("rozšířit")),
    ("nova", _("nová služba")),
    ("transformace", _("transformace")),
]
CAPACITY_UNITS = [
    ("luzka", _("lůžka")),
    ("uvazky", _("úvazky")),
    ("klienti", _("klienti")),
]


class MeasureServiceBlock(blocks.StructBlock):
    service = blocks.PageChooserBlock(
        label=_("Registrovaná služba"),
        page_type="kpss_pages.ServicePage",
        required=False,
        help_text=_("Služba z katalogu; u nové, dosud nezaregistrované služby ji nechte prázdnou."),
    )
    planned_service = blocks.CharBlock(
        label=_("Nová služba (název)"),
        max_length=255,
        required=False,
        help_text=_("Jen u nové služby, která v katalogu ještě není."),
    )
    relation = ChoiceBlock(label=_("Co se se službou stane"), choices=SERVICE_RELATIONS)
    capacity_change = blocks.DecimalBlock(
        label=_("Změna kapacity"),
        required=False,
        max_digits=7,
        decimal_places=1,
        help_text=_("Např. 2 nebo 0,5; snížení se zapíše záporně."),
    )
    unit = ChoiceBlock(label=_("Jednotka"), choices=CAPACITY_UNITS, required=False)

    class Meta:
        icon = "site"
        label = _("Dotčená služba")

    def clean(self, value):
        value = super().clean(value)
        errors = {}
        if value["relation"] == "nova":
            if not value["service"] and not value["planned_service"]:
                errors["planned_service"] = _(
                    "Uveďte novou službu: vyberte ji z katalogu, nebo napište její název."
                )
        elif not value["service"]:
            errors["service"] = _("Vyberte službu z katalogu, které se opatření týká.")
        change = value["capacity_change"]
        if change is not None and not value["unit"]:
            errors["unit"] = _("Ke změně kapacity uveďte jednotku (lůžka, úvazky, klienti).")
        if change is None and value["unit"]:
            errors["capacity_change"] = _("Uveďte změnu kapacity, nebo smažte jednotku.")
        if change == Decimal(0):
            errors["capacity_change"] = _("Změna kapacity 0 nic nemění; nechte pole prázdné.")
        if errors:
            raise StructBlockValidationError(
                block_errors={name: ValidationError(message) for name, message in errors.items()}
            )
        return value


def relation_label(key):
    return dict(SERVICE_RELATIONS).get(key, key)


# Czech forms of each unit after a number: 1, 2–4, 5 and more, and a fraction ("1,5 úvazku").
UNIT_FORMS = {
    "luzka": (_("lůžko"), _("lůžka"), _("lůžek"), _("lůžka")),
    "uvazky": (_("úvazek"), _("úvazky"), _("úvazků"), _("úvazku")),
    "klienti": (_("klient"), _("klienti"), _("klientů"), _("klienta")),
}


def unit_label(key, number=None):
    forms = UNIT_FORMS.get(key)
    if forms is None:
        return dict(CAPACITY_UNITS).get(key, key)
    if number is None:
        return dict(CAPACITY_UNITS)[key]
    if number != number.to_integral_value():
        return forms[3]
    return forms[0] if number == 1 else forms[1] if 2 <= number <= 4 else forms[2]


def change_text(raw):
    """ "+2 úvazky", "−1 lůžka" from a stored link ({"capacity_change", "unit"})."""
    change = raw.get("capacity_change")
    if change in (None, ""):
        return ""
    number = Decimal(str(change)).normalize()
    sign = "+" if number > 0 else "−"
    shown = f"{abs(number):f}".replace(".", ",")
    return f"{sign}{shown} {unit_label(raw.get('unit') or '', abs(number))}".strip()


def service_links(measure_data):
    """The stored links of a measure (raw block data), in either ListBlock storage format."""
    for item, _id in raw_list_items(measure_data.get("services")):
        yield item
