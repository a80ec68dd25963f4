"""ČSÚ population tables in their open-data long format: one figure per line, with the columns
idhod, hodnota, stapro_kod, pohlavi_cis, pohlavi_kod, vek_cis, vek_kod, vuzemi_cis, vuzemi_kod,
rok or casref_do, and their *_txt labels (datasets 130149 and 130142; docs/evidence.md).

Only statistical variable 2406 (residents with permanent or long-term stay) is read. Lines of
territories the portal does not know are skipped and counted: ČSÚ publishes whole-country files.
Re-importing a file updates changed figures and creates no duplicates.
"""

import csv
import io
import math
import re

from django.utils.translation import gettext as _

from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from evidence.importing import ImportRefused, Problems
from evidence.models import PopulationFigure, Sex, Territory
from evidence.models.territories import CSU_CODE_LISTS

POPULATION = "2406"
REQUIRED = ["idhod", "hodnota", "stapro_kod", "vuzemi_cis", "vuzemi_kod"]
SEXES = {"": Sex.ALL, "1": Sex.MEN, "2": Sex.WOMEN}
# Code list 7700: "4" + closed/open + 4-digit lower bound, "6"/"7" + flag + 4-digit upper bound
# (9999 = no upper bound), "000"; e.g. 410065610070000 is 65 to under 70, 410085799999000 is 85+.
AGE_CODE = re.compile(r"4[01](\d{4})[67]\d(\d{4})000")
KIND_BY_CODE_LIST = {code_list: kind for kind, code_list in CSU_CODE_LISTS.items()}


def decode(data):
    """ČSÚ writes UTF-8; older files and Excel re-saves are in windows-1250."""
    for encoding in ("utf-8-sig", "cp1250"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ImportRefused([_("Soubor není v kódování UTF-8 ani windows-1250.")])


def age_band(code):
    """(age_from, age_to) of a 7700 code; None when it is not one."""
    match = AGE_CODE.fullmatch(code)
    if not match:
        return None
    upper = int(match.group(2))
    return int(match.group(1)), (None if upper == 9999 else upper)


def read_rows(text):
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;") if text.strip() else csv.excel
    except csv.Error:
        dialect = csv.excel  # one column or none: the missing columns are reported below
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [name.strip().lower() for name in reader.fieldnames or []]
    missing = [name for name in REQUIRED if name not in header]
    if not ({"rok", "casref_do"} & set(header)):
        missing.append("rok / casref_do")
    if missing:
        raise ImportRefused(
            [
                _("Chybí sloupce: %(columns)s. Je to soubor ČSÚ v dlouhém formátu?")
                % {"columns": ", ".join(missing)}
            ]
        )
    reader.fieldnames = header
    return reader


def parse_line(row, territories, problems, where):
    """The figure's key and value, None for a line to skip; reports what is wrong."""

    def get(name):
        return (row.get(name) or "").strip()

    if get("stapro_kod") != POPULATION:
        problems.add(
            where,
            _("statistická proměnná %(code)s není počet obyvatel (2406)")
            % {"code": get("stapro_kod") or "–"},
        )
        return None
    kind = KIND_BY_CODE_LIST.get(get("vuzemi_cis"))
    if kind is None:
        return "skip"  # the country or a kind of territory the portal does not keep
    territory_id = territories.get((kind, get("vuzemi_kod")))
    if territory_id is None:
        return "skip"
    year_text = get("rok") or get("casref_do")[:4]
    if not re.fullmatch(r"(19|20)\d\d", year_text):
        problems.add(where, _("rok „%(year)s“ není platný") % {"year": year_text})
        return None
    if get("pohlavi_kod") not in SEXES:
        problems.add(where, _("neznámý kód pohlaví „%(code)s“") % {"code": get("pohlavi_kod")})
        return None
    age_code = get("vek_kod")
    band = age_band(age_code) if age_code else (0, None)
    if band is None:
        problems.add(where, _("neznámý kód věku „%(code)s“ (číselník 7700)") % {"code": age_code})
        return None
    try:
        value = float(get("hodnota").replace(",", "."))
    except ValueError:
        value = -1
    if not math.isfinite(value) or value < 0 or value != int(value) or value > 2_000_000_000:
        problems.add(where, _("hodnota „%(value)s“ není počet osob") % {"value": get("hodnota")})
        return None
    key = (territory_id, int(year_text), SEXES[get("pohlavi_kod")], age_code)
    return key, band, int(value), get("idhod")


def import_population(data, counts, progress, dataset="", user=None):
    territories = {
        (kind, code): pk for kind, code, pk in Territory.objects.values_list("kind", "code", "pk")
    }
    problems, figures = Problems(), {}
    rows = read_rows(decode(data))
    try:
        numbered = list(enumerate(rows, start=2))
    except csv.Error as error:
        raise ImportRefused(
            [_("Soubor nelze číst jako CSV: %(error)s") % {"error": error}]
        ) from error
    for number, row in numbered:
        where = _("řádek %(line)s") % {"line": number}
        parsed = parse_line(row, territories, problems, where)
        if parsed == "skip":
            counts["skipped"] += 1
        elif parsed is not None:
            key, band, value, source_id = parsed
            if key in figures:
                problems.add(
                    where, _("údaj se v souboru opakuje (stejné území, rok, pohlaví a věk)")
                )
            figures[key] = (band, value, source_id)
    problems.raise_if_any()
    progress(_("Přečteno údajů o známých územích: %(count)s.") % {"count": len(figures)})
    save_figures(figures, counts, dataset, user)


def save_figures(figures, counts, dataset, user):
    territory_ids = {key[0] for key in figures}
    years = {key[1] for key in figures}
    existing = {
        (f.territory_id, f.year, f.sex, f.age_code): f
        for f in PopulationFigure.objects.filter(territory_id__in=territory_ids, year__in=years)
    }
    new, changed = [], []
    for key, ((age_from, age_to), value, source_id) in figures.items():
        figure = existing.get(key)
        if figure is None:
            territory_id, year, sex, age_code = key
            new.append(
                PopulationFigure(
                    territory_id=territory_id,
                    year=year,
                    sex=sex,
                    age_code=age_code,
                    age_from=age_from,
                    age_to=age_to,
                    value=value,
                    dataset=dataset,
                    source_id=source_id,
                )
            )
        elif figure.value != value:
            figure.value, figure.source_id = value, source_id
            figure.dataset = dataset or figure.dataset
            changed.append(figure)
        else:
            counts["unchanged"] += 1
    if new:
        bulk_create_with_history(new, PopulationFigure, batch_size=500, default_user=user)
    if changed:
        bulk_update_with_history(
            changed,
            PopulationFigure,
            ["value", "source_id", "dataset"],
            batch_size=500,
            default_user=user,
        )
    counts["created"] += len(new)
    counts["changed"] += len(changed)
