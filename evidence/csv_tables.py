"""The analysis page's tables as CSV for Czech Excel (kpss_pages/spreadsheets.py): population by
year and age group, services and capacities per municipality, the needs register."""

from django.http import Http404
from django.utils.translation import gettext as _

from kpss_pages.spreadsheets import SEMICOLON, csv_response

from .analysis import UNITS


def csv(analysis, table):
    builders = {
        "obyvatelstvo": population_csv,
        "sluzby": services_csv,
        "potreby": needs_csv,
    }
    if table not in builders:
        raise Http404
    header, rows = builders[table](analysis)
    return csv_response(
        analysis.request, header, rows, f"{analysis.page.slug}-{table}.csv", default=SEMICOLON
    )


def population_csv(analysis):
    header = [
        _("Obec"),
        _("Kód obce"),
        _("Rok"),
        _("Obyvatel celkem"),
        _("0–14 let"),
        _("15–64 let"),
        _("65 a více let"),
        _("80 a více let"),
    ]
    rows = []
    for town in analysis.municipalities:
        for year in analysis.years:
            figures = analysis.population(town, year)
            if figures:
                rows.append(
                    {
                        "town": town.name,
                        "code": town.code,
                        "year": year,
                        **{
                            key: figures[key]
                            for key in ("total", "young", "working", "senior", "old")
                        },
                    }
                )
    return header, rows


def services_csv(analysis):
    header = [
        _("Obec"), _("Kód obce"), _("Rok počtu obyvatel"), _("Obyvatel celkem"),
        _("65 a více let"), _("Služeb působících v obci"), _("Služeb s místem v obci"),
        _("Lůžek v obci"), _("Klientů"), _("Klientů současně"), _("Kontaktů denně"),
        _("Lůžek v obci na 1 000 obyvatel 65+"),
    ]  # fmt: skip
    rows = [
        {
            "town": row["town"].name,
            "code": row["town"].code,
            "year": analysis.latest_year or "",
            "total": row.get("total", ""),
            "senior": row.get("senior", ""),
            "serving": row["serving"],
            "located": row["located"],
            **{unit: row[unit] for unit in UNITS},
            "ratio": row["beds_per_senior"],
        }
        for row in analysis.service_rows
    ]
    whole = analysis.service_total
    rows.append(
        {
            "town": _("Celé území (každá služba jednou)"),
            "code": "",
            "year": analysis.latest_year or "",
            "total": whole["total"],
            "senior": whole["senior"],
            "serving": whole["serving"],
            "located": whole["located"],
            **{unit: whole[unit] for unit in UNITS},
            "ratio": whole["beds_per_senior"],
        }
    )
    return header, rows


def needs_csv(analysis):
    header = [
        _("Potřeba"),
        _("Priorita"),
        _("Cílové skupiny"),
        _("Území"),
        _("Podklady"),
        _("Opatření"),
    ]
    rows = [
        {
            "title": need["title"],
            "priority": need["priority_label"],
            "groups": ", ".join(need["target_groups"]),
            "territory": need["territory"],
            "evidence": "; ".join(item["summary"] for item in need["evidence"]),
            "measures": ", ".join(f"{m['code']} {m['title']}" for m in need["measures"]),
        }
        for need in analysis.needs
    ]
    return header, rows
