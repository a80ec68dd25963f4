"""The evidence on PostgreSQL: importing a whole region's registry file (2,000 services in 300
municipalities, target under 60 s) into the portal of a microregion of 18 of them, and its
re-import; a ČSÚ population file of 200 municipalities; the analysis page's SQL queries and time
at 10 and 200 municipalities (budget 12, constant).

    .venv/bin/python -m bench.evidence [--services 2000] [--portal-towns 18] [--keep]

Creates the database kpss_bench_evidence (PGHOST, default 127.0.0.1), migrates and provisions
it, writes the files into var/bench/evidence/ in the registry's and ČSÚ's formats, runs the
import commands as an operator would (their progress lines are printed), renders the analysis
pages with the page cache off, writes var/bench/evidence.json and the section in
docs/benchmarks.md, and drops the database. Every service of the portal's municipalities becomes
a new draft page submitted to the route; `--portal-towns 300` makes every service one (the
slowest case, recorded in docs/evidence.md).
"""

import argparse
import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

from bench.audit import create_database, drop_database
from bench.sections import write_section

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "kpss_bench_evidence"
PGHOST = os.environ.get("PGHOST", "127.0.0.1")
PGUSER = os.environ.get("PGUSER", "postgres")
OUT = ROOT / "var" / "bench" / "evidence"
SAMPLES = ROOT / "evidence" / "samples"
REGION_TOWNS = 300  # the region's municipalities named in the registry file
TOWNS = 200  # the municipalities of the analysis page's larger territory
# Counted as the query budget test counts (tests/test_query_budgets.py): data queries only.
TRANSACTION = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE SAVEPOINT")


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "kpss_site.settings.test"
    os.environ["DATABASE_URL"] = f"postgres://{PGUSER}@{PGHOST}:5432/{DB_NAME}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def town_code(n):
    return f"{600000 + n}"


def build_site(portal_towns):
    """Provisioned site, a catalogue and the portal's municipalities."""
    from django.core.management import call_command

    from wagtail.models import Site

    from kpss_pages.factories import ServiceIndexPageFactory

    call_command("migrate", verbosity=0)
    call_command("kpss_setup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    home = Site.objects.get(is_default_site=True).root_page
    ServiceIndexPageFactory(parent=home).save_revision().publish()
    add_towns(range(portal_towns))
    return home


def add_towns(numbers):
    from evidence.models import Territory, TerritoryKind
    from kpss_pages.models import Municipality

    for n in numbers:
        town, _ = Municipality.objects.get_or_create(
            code=town_code(n), defaults={"name": f"Obec {n:03d}", "slug": f"obec-{n:03d}"}
        )
        Territory.objects.get_or_create(
            kind=TerritoryKind.MUNICIPALITY,
            code=town.code,
            defaults={"name": town.name, "municipality": town},
        )


def analysis_territories():
    """Two microregions of the first 10 and the first 200 municipalities."""
    from evidence.models import Territory, TerritoryKind

    add_towns(range(TOWNS))
    towns = list(Territory.objects.filter(kind=TerritoryKind.MUNICIPALITY).order_by("code"))
    regions = {}
    for size in (10, TOWNS):
        region = Territory.objects.create(kind=TerritoryKind.MICROREGION, name=f"Území {size}")
        region.members.set(towns[:size])
        regions[size] = region
    return regions


def operator():
    from django.contrib.auth.models import Group, User

    from workflows.roles import MANAGEMENT_TEAM

    user = User.objects.create_user("koordinator", "koordinator@example.cz", "x" * 16)
    user.groups.add(Group.objects.get(name=MANAGEMENT_TEAM))
    return user


def write_registry(services, rng):
    """rpss.json of `services` services with the sample's code lists and 200 municipalities."""
    from kpss_pages.validators import ico_check_digit

    folder = OUT / "registr"
    shutil.rmtree(folder, ignore_errors=True)
    shutil.copytree(SAMPLES / "ciselniky", folder / "ciselniky")
    obce = [{"id": f"Obec/{town_code(n)}", "nazev": {"cs": f"Obec {n:03d}"}, "kod": town_code(n)}
            for n in range(REGION_TOWNS)]  # fmt: skip
    (folder / "ciselniky" / "obce.json").write_text(json.dumps({"polozky": obce}))

    def ids(name):
        return [
            item["id"] for item in json.loads((folder / "ciselniky" / name).read_text())["polozky"]
        ]

    kinds, groups = ids("druhy-socialni-sluzby.json"), ids("cilove-skupiny-osoby.json")
    forms = ["amb", "ter", "pob"]
    items = []
    for n in range(services):
        seven = f"{8_000_000 + n // 3:07d}"
        town = town_code(rng.randrange(REGION_TOWNS))
        form = rng.choice(forms)
        unit = "luzka" if form == "pob" else rng.choice(["klient", "kontakt"])
        address = {"cisloDomovni": n + 1, "psc": "75701", "obec": {"id": f"Obec/{town}"},
                   "ulice": {"nazev": "Hlavní"}}  # fmt: skip
        items.append({
            "identifikator": f"{1_000_000 + n:07d}",
            "datumPoskytovaniOd": "2015-01-01",
            "druhSocialniSluzby": {"id": rng.choice(kinds)},
            "poskytovatel": {"ico": seven + str(ico_check_digit(seven)),
                             "nazev": f"Poskytovatel {n // 3}", "adresa": address},
            "formy": [{"forma": {"id": f"FormaSocialniSluzby/{form}"},
                       "kapacity": [{"pocet": rng.randint(5, 120),
                                     "typ": {"id": f"TypKapacitySocialniSluzby/{unit}"}}]}],
            "ciloveSkupiny": [{"cilovaSkupina": {"id": g}} for g in rng.sample(groups, 2)],
            "zarizeni": [{"nazev": f"Služba {n}", "adresa": address}],
        })  # fmt: skip
    path = folder / "rpss.json"
    path.write_text(json.dumps({"polozky": items}, ensure_ascii=False))
    return path


def write_population(rng):
    """A ČSÚ long-format file: 200 municipalities x 5 years x (total and 20 age bands)."""
    codes = [(f"{'40' if lo < 10 else '41'}{lo:04d}6{'0' if lo < 5 else '1'}{lo + 5:04d}000")
             for lo in range(0, 95, 5)] + ["410095799999000"]  # fmt: skip
    # The header of the shipped sample, which follows ČSÚ's layout.
    lines = (SAMPLES / "obyvatelstvo-obce-vzorek.csv").read_text(encoding="utf-8").splitlines()[:1]
    idhod = 0
    for n in range(TOWNS):
        for year in range(2020, 2025):
            values = [rng.randint(10, 200) for _code in codes]
            for code, value in [("", sum(values)), *zip(codes, values, strict=True)]:
                idhod += 1
                vek_cis = "7700" if code else ""
                lines.append(f'"{idhod}","{value}","2406","","","{vek_cis}","{code}","43",'
                             f'"{town_code(n)}","{year}-12-31","","","Obec {n:03d}"')  # fmt: skip
    path = OUT / "obyvatelstvo.csv"
    path.write_text("\n".join(lines) + "\n")
    return path, len(lines) - 1


def imported_pages():
    from kpss_pages.models import ServicePage

    return ServicePage.objects.filter(live=False).count()


def timed(command, *args, **options):
    from django.core.management import call_command

    started = time.perf_counter()
    call_command(command, *[str(a) for a in args], stdout=sys.stdout, **options)
    return round(time.perf_counter() - started, 1)


def analysis_pages(home, regions):
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext, override_settings

    from evidence.models import NeedsAnalysisPage

    results = {}
    with override_settings(KPSS_PAGE_CACHE=False, ALLOWED_HOSTS=["*"]):
        client = Client()
        for size, region in regions.items():
            page = NeedsAnalysisPage(
                title=f"Analýza {size}", slug=f"analyza-{size}", territory=region
            )
            home.add_child(instance=page)
            page.save_revision().publish()
            client.get(page.url)
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(page.url)
                elapsed = (time.perf_counter() - started) * 1000
            assert response.status_code == 200
            results[str(size)] = {
                "queries": len(captured.captured_queries),
                "ms": round(elapsed, 1),
            }
            page.delete()
    return results


def report(results):
    registry, population, pages = results["registry"], results["population"], results["pages"]
    return "\n".join([
        f"Registr kraje: {registry['services']} služeb v {REGION_TOWNS} obcích, portál "
        f"mikroregionu s {registry['portal_towns']} z nich; nových konceptů ke kontrole "
        f"{registry['written']}: první načtení {registry['first_s']} s (cíl pod 60 s), opakované "
        f"načtení beze změn {registry['again_s']} s.",
        "",
        f"ČSÚ: {population['lines']} řádků ({TOWNS} obcí × 5 let × 21 údajů): "
        f"{population['first_s']} s, opakovaně {population['again_s']} s.",
        "",
        "| obcí na stránce analýzy | SQL dotazů | čas stránky |",
        "|---:|---:|---:|",
        *(f"| {size} | {row['queries']} | {row['ms']} ms |" for size, row in pages.items()),
    ])  # fmt: skip


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--services", type=int, default=2000)
    parser.add_argument("--portal-towns", type=int, default=18)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    create_database(DB_NAME)
    setup_django()
    rng = random.Random(24)  # noqa: S311 - reproducible test data, not a secret
    try:
        home = build_site(args.portal_towns)
        user = operator()
        registry_file = write_registry(args.services, rng)
        registry = {
            "services": args.services,
            "portal_towns": args.portal_towns,
            "first_s": timed("kpss_import_registry", registry_file, username=user.username),
            "written": imported_pages(),
            "again_s": timed("kpss_import_registry", registry_file, username=user.username),
        }
        regions = analysis_territories()
        population_file, lines = write_population(rng)
        results = {
            "registry": registry,
            "population": {
                "lines": lines,
                "first_s": timed("kpss_import_csu", population_file, username=user.username),
                "again_s": timed("kpss_import_csu", population_file, username=user.username),
            },
            "pages": analysis_pages(home, regions),
        }
    finally:
        if not args.keep:
            drop_database(DB_NAME)
    (ROOT / "var" / "bench" / "evidence.json").write_text(json.dumps(results, indent=1))
    text = report(results)
    write_section("evidence", "Podklady plánu (`make bench-evidence`)", text)
    print(text)
    pages = results["pages"].values()
    constant = len({row["queries"] for row in pages}) == 1
    within = results["registry"]["first_s"] < 60 and max(row["queries"] for row in pages) <= 12
    return 0 if constant and within else 1


if __name__ == "__main__":
    sys.exit(main())
