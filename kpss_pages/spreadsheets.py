"""CSV that Czech Excel opens correctly and cells that no spreadsheet program runs as a formula.

Excel takes a CSV file for UTF-8 only when it starts with a byte-order mark, and splits columns
on the list separator of the regional settings, which is `;` in Czech. Programs reading open data
expect RFC 4180's `,`. So every CSV here starts with a BOM, each export chooses the default
separator for its audience, and `?oddelovac=strednik` or `?oddelovac=carka` picks either.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

BOM = "\ufeff"
PARAMETER = "oddelovac"
SEMICOLON, COMMA = "strednik", "carka"
DELIMITERS = {SEMICOLON: ";", COMMA: ","}

LIST_SEPARATOR = "; "
# A spreadsheet program runs a cell starting with one of these as a formula (CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
NUMBER_OR_PHONE = re.compile(r"[+-]?[\d ]+")  # "+420 571 000 000" computes nothing harmful


def csv_delimiter(request, default):
    """The delimiter asked for by ``?oddelovac=``, else the export's ``default`` (a key of
    DELIMITERS); ValidationError with a message for the reader when the value is unknown."""
    name = request.GET.get(PARAMETER) or default
    if name not in DELIMITERS:
        raise ValidationError(
            _(
                "Neznámý oddělovač „%(value)s“. Použijte oddelovac=strednik (středník, pro Excel)"
                " nebo oddelovac=carka (čárka)."
            ),
            code="invalid",
            params={"value": name[:40]},
        )
    return DELIMITERS[name]


def spreadsheet_text(value):
    """The value as a cell no spreadsheet program evaluates: text that would start a formula gets
    a leading apostrophe, which spreadsheets take as "this is text" (OWASP's advice)."""
    if isinstance(value, list):
        value = LIST_SEPARATOR.join(value)
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_STARTS)
        and not NUMBER_OR_PHONE.fullmatch(value)
    ):
        return "'" + value
    return value


def csv_response(request, header, rows, filename, default=COMMA):
    """An open-data CSV: the delimiter asked for (400 with the Czech reason for an unknown one),
    a BOM, the header and the rows (dicts in the header's order), no cell a formula."""
    import csv
    import io

    from django.http import HttpResponse, HttpResponseBadRequest

    try:
        delimiter = csv_delimiter(request, default=default)
    except ValidationError as error:
        return HttpResponseBadRequest(error.messages[0], content_type="text/plain; charset=utf-8")
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    writer.writerow(header)
    for row in rows:
        writer.writerow(spreadsheet_text(value) for value in row.values())
    response = HttpResponse(
        BOM + buffer.getvalue(),  # spreadsheet programs then read UTF-8 correctly
        content_type="text/csv; charset=utf-8",
    )
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
