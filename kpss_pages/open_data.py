"""Open data: the catalogue of services as CSV and JSON (published, public pages of the current
language only). Field names and meanings are documented in docs/open-data.md and in FIELDS."""

from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from kpss_pages.models import ServicePage
from kpss_pages.spreadsheets import csv_response

FIELDS = {
    "id": _("identifikátor stránky služby na tomto webu"),
    "nazev": _("název služby"),
    "url": _("adresa stránky služby"),
    "poskytovatel": _("název poskytovatele"),
    "ico": _("IČO poskytovatele"),
    "typ": _("registered = registrovaná sociální služba, related = související služba"),
    "druh": _(
        "druh sociální služby podle zákona č. 108/2006 Sb., nebo kategorie související služby"
    ),
    "paragraf": _("paragraf zákona č. 108/2006 Sb. (jen registrované služby)"),
    "identifikator_registru": _("identifikátor služby v registru poskytovatelů sociálních služeb"),
    "formy_poskytovani": _("formy poskytování (terénní, ambulantní, pobytová)"),
    "cilove_skupiny": _("cílové skupiny podle registru"),
    "vekove_kategorie": _("věkové kategorie klientů"),
    "kapacita": _("kapacita (číslo)"),
    "jednotka_kapacity": _("jednotka kapacity"),
    "obce": _("obce, ve kterých služba působí"),
    "mista_poskytovani": _("veřejné adresy míst poskytování (utajené adresy se nezveřejňují)"),
    "telefon": _("telefon"),
    "email": _("e-mail"),
    "web": _("web služby nebo poskytovatele"),
    "zverejneno": _("kdy byla stránka naposledy zveřejněna (ISO 8601)"),
}


def services_for(request):
    return (
        ServicePage.objects.live()
        .public()
        .filter(locale=Locale.get_active())
        .select_related("provider", "kind")
        .prefetch_related(
            "forms_of_provision",
            "target_groups",
            "age_categories",
            "municipalities",
            "places__municipality",
        )
        .order_by("title", "pk")
    )


def record(service, request):
    return {
        "id": service.pk,
        "nazev": service.title,
        "url": request.build_absolute_uri(service.get_url(request)),
        "poskytovatel": service.provider.name,
        "ico": service.provider.ico or "",
        "typ": service.service_type,
        "druh": str(service.kind_label or ""),
        "paragraf": service.kind.paragraph if service.kind_id else "",
        "identifikator_registru": service.registry_id,
        "formy_poskytovani": [item.name for item in service.forms_of_provision.all()],
        "cilove_skupiny": [item.name for item in service.target_groups.all()],
        "vekove_kategorie": [item.name for item in service.age_categories.all()],
        "kapacita": service.capacity,
        "jednotka_kapacity": service.get_capacity_unit_display() if service.capacity else "",
        "obce": [item.name for item in service.municipalities.all()],
        "mista_poskytovani": [place.address for place in service.public_places()],
        "telefon": service.phone,
        "email": service.email,
        "web": service.web,
        "zverejneno": service.last_published_at.isoformat() if service.last_published_at else "",
    }


def services_json(request):
    records = [record(service, request) for service in services_for(request)]
    payload = {
        "nazev": "Katalog sociálních a souvisejících služeb",
        "vygenerovano": timezone.now().isoformat(),
        "pocet": len(records),
        "pole": {name: str(meaning) for name, meaning in FIELDS.items()},
        "sluzby": records,
    }
    return JsonResponse(payload, json_dumps_params={"ensure_ascii": False, "indent": 1})


def services_csv(request):
    """`,` by default: programs reading open data expect RFC 4180; ?oddelovac=strednik gives
    Czech Excel its `;` (docs/open-data.md). Both start with a BOM."""
    rows = (record(service, request) for service in services_for(request))
    return csv_response(request, FIELDS, rows, "sluzby.csv")
