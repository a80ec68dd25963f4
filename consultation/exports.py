"""The published settlement table as CSV (Czech Excel: BOM and `;`) and XLSX, at
`<consultation>/vyporadani.csv` and `.xlsx`. Names only with the commenter's consent; no
e-mail ever; no cell a spreadsheet would run as a formula."""

import csv
import io

from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.models import Site

from consultation.models import ConsultationPage
from consultation.table import published_rows
from kpss_pages.spreadsheets import BOM, SEMICOLON, csv_delimiter, spreadsheet_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def header():
    return [
        _("Číslo"),
        _("K části návrhu"),
        _("Připomínkující"),
        _("Organizace"),
        _("Připomínkující jako"),
        _("Způsob podání"),
        _("Přijato"),
        _("Text připomínky"),
        _("Navrhované znění"),
        _("Výsledek"),
        _("Odůvodnění"),
        _("Změněná část plánu"),
    ]


def table(consultation):
    settlement = consultation.live_settlement()
    if settlement is None:
        raise Http404
    for row in published_rows(settlement):
        comment = row.comment
        yield [
            comment.reference,
            comment.target_label,
            comment.shown_name,
            comment.organisation if comment.publish_name else "",
            comment.get_role_display(),
            comment.get_channel_display(),
            date_format(timezone.localtime(comment.received_at), "SHORT_DATE_FORMAT"),
            comment.text,
            comment.proposed_wording,
            row.get_outcome_display(),
            row.reason,
            row.changed_part,
        ]


def find_consultation(request, path):
    """The live, public consultation page at `path` of the request's site."""
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    url_path = site.root_page.url_path + path.strip("/") + "/"
    page = ConsultationPage.objects.live().public().filter(url_path=url_path).first()
    if page is None:
        raise Http404
    return page


def export(request, path, extension):
    consultation = find_consultation(request, path)
    rows = [header(), *table(consultation)]
    name = f"vyporadani-{consultation.slug}.{extension}"
    if extension == "csv":
        try:
            delimiter = csv_delimiter(request, default=SEMICOLON)
        except ValidationError as error:
            return HttpResponseBadRequest(
                error.messages[0], content_type="text/plain; charset=utf-8"
            )
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=delimiter)
        for row in rows:
            writer.writerow(spreadsheet_text(value) for value in row)
        response = HttpResponse(BOM + buffer.getvalue(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(workbook(consultation, rows), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def workbook(consultation, rows):
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    book = Workbook()
    sheet = book.active
    sheet.title = _("Vypořádání")
    for values in rows:
        sheet.append([str(value) for value in values])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in sheet.iter_rows():
        for cell in row:
            cell.data_type = "s"  # text, never a formula
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [9, 30, 22, 22, 14, 16, 11, 60, 40, 18, 60, 12]
    for column, width in zip("ABCDEFGHIJKL", widths, strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    book.properties.title = str(consultation.title)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
