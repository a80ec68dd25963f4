"""Reading the registry's open data: the file and its code lists, checked whole and resolved
to the portal's reference rows (kinds, forms, target groups, municipalities)."""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.translation import gettext as _

from wagtail.models import Locale

from evidence.importing import ImportRefused, Problems
from kpss_pages.models import (
    FormOfProvision,
    Municipality,
    ServiceKind,
    TargetGroup,
)
from kpss_pages.validators import ico_check_digit

# The registry's code lists, by the key that points into them (MPSV "ciselniky").
CODE_LISTS = {
    "druhSocialniSluzby": "druhy-socialni-sluzby.json",
    "forma": "formy-soc-sluzby.json",
    "typ": "typy-kapacity-socialni-sluzby.json",
    "cilovaSkupina": "cilove-skupiny-osoby.json",
    "obec": "obce.json",
}
# The registry's capacity types (TypKapacitySocialniSluzby/luzka, klient, kontakt, interv, hovor)
# as a service page's units, in the order a page shows one of them.
UNITS = {
    "luzka": "beds",
    "klient": "clients",
    "kontakt": "contacts",
    "interv": "contacts",
    "hovor": "contacts",
}
UNIT_ORDER = ["beds", "clients", "simultaneous", "contacts"]
REGISTRY_FIELDS = ["provider", "kind", "registration_date", "capacity", "capacity_unit"]
REGISTRY_LISTS = ["forms_of_provision", "target_groups", "municipalities"]
NEW_DESCRIPTION = (
    "<p>Údaje převzaté z Registru poskytovatelů sociálních služeb. Popis služby doplní "
    "poskytovatel.</p>"
)


def load_code_lists(directory):
    """{code list key: {item id: item}} from the directory of MPSV code lists."""
    lists = {}
    for key, name in CODE_LISTS.items():
        path = Path(directory) / name
        if not path.exists():
            raise ImportRefused(
                [
                    _("Chybí číselník registru %(name)s v %(dir)s.")
                    % {"name": name, "dir": directory}
                ]
            )
        try:
            items = json.loads(path.read_text(encoding="utf-8-sig"))["polozky"]
        except (ValueError, KeyError, TypeError) as error:
            raise ImportRefused(
                [_("Číselník %(name)s nelze přečíst: %(error)s") % {"name": name, "error": error}]
            ) from error
        lists[key] = {item["id"]: item for item in items if "id" in item}
    return lists


def name_of(item):
    name = item.get("nazev") or ""
    return (name.get("cs", "") if isinstance(name, dict) else str(name)).strip()


def folded(text):
    return " ".join(text.lower().replace("§", " ").split())


@dataclass
class Record:
    """One service as read from the file, resolved to the portal's rows."""

    registry_id: str
    title: str
    ico: str
    provider_name: str
    provider_address: dict
    kind: object
    registration_date: object
    forms: list
    target_groups: list
    capacity: object
    capacity_unit: str
    municipalities: list
    places: list = field(default_factory=list)


class Resolver:
    """Turns the registry's code-list ids into the portal's reference rows."""

    def __init__(self, code_lists):
        self.lists = code_lists
        locale = Locale.get_default()
        self.kinds = {folded(k.name): k for k in ServiceKind.objects.filter(locale=locale)}
        self.forms = {folded(f.name): f for f in FormOfProvision.objects.filter(locale=locale)}
        self.groups = {folded(g.name): g for g in TargetGroup.objects.filter(locale=locale)}
        self.towns = {m.code: m for m in Municipality.objects.exclude(code="")}

    def item(self, key, ref):
        ref_id = (ref or {}).get("id", "")
        item = self.lists[key].get(ref_id)
        if item is None:
            raise LookupError(
                _("%(id)s není v číselníku %(list)s")
                % {"id": ref_id or "–", "list": CODE_LISTS[key]}
            )
        return item

    def row(self, table, key, ref):
        item = self.item(key, ref)
        row = table.get(folded(name_of(item)))
        if row is None:
            raise LookupError(
                _("„%(name)s“ (%(id)s) portál nezná; doplňte ho do číselníku")
                % {"name": name_of(item), "id": item["id"]}
            )
        return row

    def town(self, ref):
        """The portal's municipality of an address's obec, None outside the portal's area."""
        if not ref:
            return None
        item = self.lists["obec"].get(ref.get("id", ""), {})
        code = str(item.get("kod") or ref.get("id", "").rpartition("/")[2])
        return self.towns.get(code)


def parse_date(text):
    return date.fromisoformat(text[:10]) if text else None


def capacity_of(item, resolver):
    by_unit = {}
    for form in item.get("formy") or []:
        for capacity in form.get("kapacity") or []:
            item = resolver.item("typ", capacity.get("typ"))
            unit = UNITS.get(item["id"].rpartition("/")[2], "clients")
            pocet = capacity.get("pocet")
            if not isinstance(pocet, int) or pocet < 0:
                raise ValueError(
                    _("kapacita „%(value)s“ není celé nezáporné číslo") % {"value": pocet}
                )
            by_unit[unit] = by_unit.get(unit, 0) + pocet
    for unit in UNIT_ORDER:
        if unit in by_unit:
            return by_unit[unit], unit
    return None, ""


def address_parts(address):
    street = ((address.get("ulice") or {}).get("nazev") or "").strip()
    numbers = "/".join(
        str(address[key]) for key in ("cisloDomovni", "cisloOrientacni") if address.get(key)
    )
    postcode = str(address.get("psc") or "").replace(" ", "")
    return " ".join(part for part in (street, numbers) if part), postcode


def read_record(item, resolver):
    """A Record of one service, or None when it lies outside the portal's municipalities."""
    registry_id = str(item.get("identifikator") or "").strip()
    if not (len(registry_id) == 7 and registry_id.isdigit()):
        raise ValueError(_("identifikátor služby „%(id)s“ nemá 7 číslic") % {"id": registry_id})
    provider = item.get("poskytovatel") or {}
    ico = str(provider.get("ico") or "").strip().zfill(8)
    if not ico.isdigit() or len(ico) != 8 or ico_check_digit(ico[:7]) != int(ico[7]):
        raise ValueError(_("IČO poskytovatele „%(ico)s“ není platné") % {"ico": ico})
    places, towns = [], []
    for facility in item.get("zarizeni") or []:
        address = facility.get("adresa") or {}
        town = resolver.town(address.get("obec"))
        if town is None:
            continue
        street, postcode = address_parts(address)
        if street and len(postcode) == 5:
            places.append(
                (facility.get("nazev") or "", street, f"{postcode[:3]} {postcode[3:]}", town)
            )
        towns.append(town)
    if not towns:
        return None
    capacity, unit = capacity_of(item, resolver)
    kind = resolver.row(resolver.kinds, "druhSocialniSluzby", item.get("druhSocialniSluzby"))
    facilities = item.get("zarizeni") or []
    title = (item.get("nazev") or (facilities[0].get("nazev") if facilities else "") or "").strip()
    return Record(
        registry_id=registry_id,
        title=title or f"{kind.name} – {provider.get('nazev', '')}",
        ico=ico,
        provider_name=(provider.get("nazev") or "").strip() or ico,
        provider_address=provider.get("adresa") or {},
        kind=kind,
        registration_date=parse_date(item.get("datumPoskytovaniOd")),
        forms=[
            resolver.row(resolver.forms, "forma", f.get("forma")) for f in item.get("formy") or []
        ],
        target_groups=[
            resolver.row(resolver.groups, "cilovaSkupina", g.get("cilovaSkupina"))
            for g in item.get("ciloveSkupiny") or []
        ],
        capacity=capacity,
        capacity_unit=unit,
        municipalities=sorted(set(towns), key=lambda town: town.name),
        places=places,
    )


def read_file(data, resolver, counts):
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        raise ImportRefused(
            [_("Soubor není platný JSON v UTF-8: %(error)s") % {"error": error}]
        ) from error
    items = document.get("polozky") if isinstance(document, dict) else document
    if not isinstance(items, list):
        raise ImportRefused([_("V souboru chybí seznam služeb „polozky“.")])
    problems, records, seen = Problems(), [], set()
    for number, item in enumerate(items, start=1):
        where = _("služba č. %(number)s") % {"number": number}
        if not isinstance(item, dict):
            problems.add(where, _("není to záznam služby"))
            continue
        where += f" ({item.get('identifikator') or '–'})"
        try:
            record = read_record(item, resolver)
        except (ValueError, LookupError, TypeError, AttributeError) as error:
            problems.add(where, str(error))
            continue
        if record is None:
            counts["skipped"] += 1
        elif record.registry_id in seen:
            problems.add(where, _("identifikátor se v souboru opakuje"))
        else:
            seen.add(record.registry_id)
            records.append(record)
    problems.raise_if_any()
    return records
