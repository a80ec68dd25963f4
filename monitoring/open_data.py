"""Open data of the monitoring: one row per measure, year, and indicator or funding source,
from the approved (published) evaluations only; fields in docs/open-data.md and FIELDS."""

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from kpss_pages.blocks import FUNDING_SOURCES
from kpss_pages.spreadsheets import csv_response
from monitoring.evaluation import STATUS_ROWS
from monitoring.models import EvaluationPage

FIELDS = {
    "rok": _("sledovaný rok"),
    "plan": _("název komunitního plánu"),
    "opatreni_id": _("trvalý identifikátor opatření (nemění se s číslováním)"),
    "opatreni": _("číslo opatření v plánu (priorita.cíl.opatření)"),
    "nazev": _("název opatření"),
    "stav": _("stav plnění (prázdné = bez schváleného hlášení)"),
    "procento": _("míra splnění v procentech, pokud ji hlášení uvádí"),
    "radek": _("ukazatel = řádek o ukazateli, financovani = řádek o zdroji financování"),
    "ukazatel": _("název ukazatele"),
    "jednotka": _("jednotka ukazatele"),
    "vychozi_hodnota": _("výchozí hodnota ukazatele"),
    "cilova_hodnota": _("cílová hodnota ukazatele"),
    "skutecna_hodnota": _("skutečná hodnota ukazatele"),
    "zdroj_udaje": _("odkud skutečná hodnota pochází"),
    "zdroj_financovani": _("zdroj financování"),
    "planovano_kc": _("plánované náklady ze zdroje v Kč"),
    "schvaleno_kc": _("schválené prostředky ze zdroje v Kč"),
    "skutecne_kc": _("skutečně čerpané prostředky ze zdroje v Kč"),
    "url": _("adresa opatření ve zveřejněném vyhodnocení"),
}
EMPTY = dict.fromkeys(FIELDS, "")


def evaluations():
    return (
        EvaluationPage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .select_related("round__plan")
        .order_by("round__year", "path")
    )


def records(request):
    statuses = dict(STATUS_ROWS)
    sources = dict(FUNDING_SOURCES)
    for page in evaluations():
        url = request.build_absolute_uri(page.get_url(request))
        for measure in page.data.get("measures", []):
            base = {
                **EMPTY,
                "rok": page.data.get("year"),
                "plan": page.round.plan.title,
                "opatreni_id": measure["id"],
                "opatreni": measure["code"],
                "nazev": measure["title"],
                "stav": str(statuses.get(measure["status"], "")) if measure["approved"] else "",
                "procento": measure["percent"] if measure["percent"] is not None else "",
                "url": f"{url}#{measure['anchor']}",
            }
            for value in measure["indicators"]:
                yield {
                    **base,
                    "radek": "ukazatel",
                    "ukazatel": value["name"],
                    "jednotka": value["unit"],
                    "vychozi_hodnota": value["baseline"] or "",
                    "cilova_hodnota": value["target"] or "",
                    "skutecna_hodnota": value["actual"] or "",
                    "zdroj_udaje": value["source"],
                }
            for line in measure["funding"]:
                yield {
                    **base,
                    "radek": "financovani",
                    "zdroj_financovani": str(sources.get(line["source"], line["source"])),
                    "planovano_kc": _amount(line["planned"]),
                    "schvaleno_kc": _amount(line["approved"]),
                    "skutecne_kc": _amount(line["actual"]),
                }


def _amount(value):
    return "" if value is None else value


def monitoring_json(request):
    rows = list(records(request))
    payload = {
        "nazev": "Monitoring plnění komunitního plánu",
        "vygenerovano": timezone.now().isoformat(),
        "pocet": len(rows),
        "pole": {name: str(meaning) for name, meaning in FIELDS.items()},
        "radky": rows,
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})


def monitoring_csv(request):
    """`,` by default (RFC 4180); ?oddelovac=strednik for Czech Excel; both with a BOM."""
    return csv_response(request, FIELDS, records(request), "monitoring.csv")
