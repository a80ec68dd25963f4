"""The yearly evaluation on PostgreSQL: its page's SQL queries and time from 5 to 300 measures,
and its PDF with 300 measures (target: under 5 s).

    .venv/bin/python -m bench.evaluation [--repeat 3] [--keep]

Creates the database kpss_bench_evaluation (PGHOST, default 127.0.0.1), migrates and provisions
it, publishes a plan with evaluation pages of 5, 50 and 300 measures (the data shape the
monitoring freezes, monitoring/factories.py), requests each page in-process with Django's test
client (page cache off), renders the 300-measure PDF `--repeat` times, writes
var/bench/evaluation.json and the section in docs/benchmarks.md, and drops the database.
"""

import argparse
import json
import os
import statistics
import sys
import time
from pathlib import Path

from bench.audit import create_database, drop_database
from bench.sections import write_section

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "kpss_bench_evaluation"
PGHOST = os.environ.get("PGHOST", "127.0.0.1")
PGUSER = os.environ.get("PGUSER", "postgres")
SIZES = (5, 50, 300)


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "kpss_site.settings.test"
    os.environ["DATABASE_URL"] = f"postgres://{PGUSER}@{PGHOST}:5432/{DB_NAME}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def build():
    """A live plan with a live evaluation page per size; returns {size: page}."""
    from django.core.management import call_command

    from wagtail.models import Site

    from kpss_pages.factories import CommunityPlanPageFactory
    from monitoring.factories import sample_data
    from monitoring.models import EvaluationIndexPage, EvaluationPage, MonitoringRound

    call_command("migrate", verbosity=0)
    call_command("kpss_setup", stdout=open(os.devnull, "w"))  # noqa: SIM115
    home = Site.objects.get(is_default_site=True).root_page
    plan = CommunityPlanPageFactory(parent=home, title="Plán", valid_from=2020, valid_to=2029)
    index = EvaluationIndexPage(title="Vyhodnocení", slug="vyhodnoceni")
    plan.add_child(instance=index)
    index.save_revision().publish()
    pages = {}
    for offset, size in enumerate(SIZES):
        year = 2020 + offset
        monitoring_round = MonitoringRound.objects.create(
            plan=plan, year=year, deadline=f"{year + 1}-01-31"
        )
        page = EvaluationPage(
            title=f"Vyhodnocení {year}",
            slug=str(year),
            round=monitoring_round,
            data=sample_data(year, size),
        )
        index.add_child(instance=page)
        page.save_revision().publish()
        pages[size] = EvaluationPage.objects.get(pk=page.pk)
    return pages


def measure_page(client, url):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(url)
        elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, url
    return {"queries": len(captured.captured_queries), "ms": round(elapsed, 1)}


def measure_pdf(page, repeat):
    from django.test import RequestFactory

    from monitoring.pdf import render_evaluation

    request = RequestFactory().get(page.url)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        content = render_evaluation(page, request)
        times.append(time.perf_counter() - started)
    return {
        "median_s": round(statistics.median(times), 2),
        "max_s": round(max(times), 2),
        "bytes": len(content),
        "runs": repeat,
    }


def report(results):
    pages = results["pages"]
    pdf = results["pdf"]
    lines = [
        "| opatření | SQL dotazů | čas stránky |",
        "|---:|---:|---:|",
        *(
            f"| {size} | {pages[str(size)]['queries']} | {pages[str(size)]['ms']} ms |"
            for size in SIZES
        ),
        "",
        f"PDF vyhodnocení s {SIZES[-1]} opatřeními: medián {pdf['median_s']} s, nejvýše "
        f"{pdf['max_s']} s z {pdf['runs']} běhů ({pdf['bytes'] // 1024} kB); cíl pod 5 s.",
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    create_database(DB_NAME)
    setup_django()
    try:
        from django.test import Client
        from django.test.utils import override_settings

        pages = build()
        with override_settings(KPSS_PAGE_CACHE=False, ALLOWED_HOSTS=["*"]):
            client = Client()
            results = {
                "pages": {
                    str(size): measure_page(client, page.url) for size, page in pages.items()
                },
                "pdf": measure_pdf(pages[SIZES[-1]], args.repeat),
            }
    finally:
        if not args.keep:
            drop_database(DB_NAME)
    out = ROOT / "var" / "bench"
    out.mkdir(parents=True, exist_ok=True)
    (out / "evaluation.json").write_text(json.dumps(results, indent=1))
    text = report(results)
    write_section("evaluation", "Vyhodnocení plánu (`make bench-evaluation`)", text)
    print(text)
    constant = len({page["queries"] for page in results["pages"].values()}) == 1
    within = (
        results["pdf"]["max_s"] < 5 and max(p["queries"] for p in results["pages"].values()) <= 12
    )
    return 0 if constant and within else 1


if __name__ == "__main__":
    sys.exit(main())
