"""The national registry of social services (Registr poskytovatelů sociálních služeb) from MPSV's
open data: `rpss.json`, {"polozky": [service, …]}, with the registry's code lists beside it
(docs/evidence.md). A service is matched by its identifier (identifikator, 7 digits), its provider
by IČO.

A new service comes in as a draft page submitted to the management team's review; a change to an
existing one becomes a new draft revision submitted the same way; nothing is published here.
Only the registry's own facts are compared and written (provider, kind, forms, target groups,
capacity, municipalities, date of registration): the page's text stays the editors'.
"""

import json
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from django.utils.text import slugify
from django.utils.translation import gettext as _

from wagtail.models import Locale

from evidence.importing import ImportRefused, Problems
from kpss_pages.models import (
    FormOfProvision,
    Municipality,
    Organisation,
    ServiceIndexPage,
    ServiceKind,
    ServicePage,
    ServicePlace,
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


class Writer:
    """Writes the records as draft pages and revisions, each submitted to the route."""

    def __init__(self, user, counts, progress):
        self.user, self.counts, self.progress = user, counts, progress
        locale = Locale.get_default()
        self.catalogue = ServiceIndexPage.objects.filter(locale=locale).first()
        if self.catalogue is None:
            raise ImportRefused([_("Na webu není katalog služeb, kam by služby patřily.")])
        self.organisations = {o.ico: o for o in Organisation.objects.exclude(ico=None)}
        self.pages = {
            page.registry_id: page
            for page in ServicePage.objects.filter(locale=locale).exclude(registry_id="")
        }
        self.slugs = set(self.catalogue.get_children().values_list("slug", flat=True))

    def provider(self, record):
        organisation = self.organisations.get(record.ico)
        if organisation is None:
            street, postcode = address_parts(record.provider_address)
            organisation = Organisation(
                name=record.provider_name[:255],
                ico=record.ico,
                street=street[:255],
                postcode=f"{postcode[:3]} {postcode[3:]}" if len(postcode) == 5 else "",
            )
            organisation.full_clean()
            organisation.save()
            self.organisations[record.ico] = organisation
        return organisation

    def write(self, records):
        for index, record in enumerate(records, start=1):
            page = self.pages.get(record.registry_id)
            if page is None:
                self.create(record)
            else:
                self.update(page, record)
            if index % 100 == 0 or index == len(records):
                self.progress(
                    _("Zpracováno %(done)s z %(total)s služeb.")
                    % {"done": index, "total": len(records)}
                )

    def registry_values(self, record):
        return {
            "provider": self.provider(record),
            "kind": record.kind,
            "registration_date": record.registration_date,
            "capacity": record.capacity,
            "capacity_unit": record.capacity_unit,
            "forms_of_provision": record.forms,
            "target_groups": record.target_groups,
            "municipalities": record.municipalities,
        }

    def create(self, record):
        slug = base = slugify(record.title)[:80] or record.registry_id
        while slug in self.slugs:
            slug = f"{base}-{record.registry_id}"[:100] if slug == base else slug + "-1"
        self.slugs.add(slug)
        values = self.registry_values(record)
        page = ServicePage(
            title=record.title[:255],
            slug=slug,
            live=False,
            service_type=ServicePage.ServiceType.REGISTERED,
            registry_id=record.registry_id,
            description=NEW_DESCRIPTION,
            **{name: values[name] for name in REGISTRY_FIELDS},
        )
        for name in REGISTRY_LISTS:
            setattr(page, name, values[name])
        page.places = [
            ServicePlace(name=name[:255], street=street, postcode=postcode, municipality=town)
            for name, street, postcode, town in record.places
        ]
        self.catalogue.add_child(instance=page)
        page.save_revision(user=self.user, log_action=True)
        self.submit(page)
        self.counts["created"] += 1

    def update(self, page, record):
        draft = page.get_latest_revision_as_object()
        values = self.registry_values(record)
        # rpss.json names the places of provision, not the whole area a service covers: the
        # registry's municipalities are added to the page's, never taken away.
        towns = {town.pk: town for town in draft.municipalities.all()}
        values["municipalities"] = sorted(
            {**towns, **{town.pk: town for town in values["municipalities"]}}.values(),
            key=lambda town: town.name,
        )
        changed = [name for name in REGISTRY_FIELDS if getattr(draft, name) != values[name]]
        changed += [
            name
            for name in REGISTRY_LISTS
            if {row.pk for row in getattr(draft, name).all()} != {row.pk for row in values[name]}
        ]
        if not changed:
            self.counts["unchanged"] += 1
            return
        for name in changed:
            setattr(draft, name, values[name])
        draft.save_revision(user=self.user, log_action=True)
        self.counts["changed"] += 1
        if not page.workflow_in_progress:
            self.submit(page)  # a route already under way takes the new revision

    def submit(self, page):
        workflow = page.get_workflow()
        if workflow is not None:
            workflow.start(page, self.user)


def import_registry(data, counts, progress, *, code_lists, user):
    resolver = Resolver(code_lists)
    records = read_file(data, resolver, counts)
    progress(
        _("Přečteno %(count)s služeb z území portálu, %(skipped)s mimo ně.")
        % {"count": len(records), "skipped": counts["skipped"]}
    )
    Writer(user, counts, progress).write(records)
