from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

ICO_WEIGHTS = (8, 7, 6, 5, 4, 3, 2)


def ico_check_digit(first_seven: str) -> int:
    """Check digit of a Czech IČO from its first seven digits (weights 8..2, modulo 11)."""
    remainder = sum(int(d) * w for d, w in zip(first_seven, ICO_WEIGHTS, strict=True)) % 11
    if remainder == 0:
        return 1
    if remainder == 1:
        return 0
    return 11 - remainder


def validate_ico(value: str) -> None:
    if not (len(value) == 8 and value.isdigit()):
        raise ValidationError(_("IČO musí mít přesně 8 číslic."), code="ico_format")
    if ico_check_digit(value[:7]) != int(value[7]):
        raise ValidationError(
            _("IČO %(value)s není platné: nesouhlasí kontrolní číslice."),
            code="ico_checksum",
            params={"value": value},
        )


validate_registry_id = RegexValidator(
    r"^\d{7}$", _("Identifikátor služby z registru má přesně 7 číslic."), code="registry_id"
)
validate_postcode = RegexValidator(
    r"^\d{3} ?\d{2}$", _("PSČ má 5 číslic, např. 757 01."), code="postcode"
)
