"""The audit list and its export over 100,000 log rows on PostgreSQL: time and SQL queries.

    .venv/bin/python -m bench.audit [--rows 100000] [--keep] [--repeat 5]

Creates a separate database (kpss_bench_audit on PGHOST, default 127.0.0.1), migrates it,
provisions roles, fills it with log rows spread over three years and across every source the
audit merges (Wagtail page and model log entries, simple-history rows, role changes, sign-ins),
then requests the audit area in-process with Django's test client as an auditor. Prints a table,
writes var/bench/audit.json and drops the database unless --keep is given.
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DB_NAME = "kpss_bench_audit"
PGHOST = os.environ.get("PGHOST", "127.0.0.1")
PGUSER = os.environ.get("PGUSER", "postgres")

PAGE_ACTIONS = [
    "wagtail.edit",
    "wagtail.edit",
    "wagtail.edit",
    "wagtail.workflow.start",
    "wagtail.workflow.approve",
    "wagtail.workflow.reject",
    "wagtail.publish",
    "wagtail.lock",
    "wagtail.unlock",
    "wagtail.create",
]


def admin_connection():
    import psycopg

    return psycopg.connect(host=PGHOST, user=PGUSER, dbname="postgres", autocommit=True)


def create_database(name=DB_NAME):
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name=DB_NAME):
    from django.conf import settings
    from django.db import connections

    if settings.configured:
        connections.close_all()
    with admin_connection() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def setup_django():
    os.environ["DJANGO_SETTINGS_MODULE"] = "kpss_site.settings.test"
    os.environ["DATABASE_URL"] = f"postgres://{PGUSER}@{PGHOST}:5432/{DB_NAME}"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def fill(rows, rng):
    """Insert `rows` log rows: 70 % page log, 10 % model log, 10 % history, 5 % roles and
    5 % sign-ins."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection
    from django.utils import timezone

    from wagtail.models import ModelLogEntry, PageLogEntry, Site

    from audit.models import RoleChange, SignInEvent
    from kpss_pages import factories
    from kpss_pages.models import Organisation, StandardPage

    User = get_user_model()
    password = make_password(None)
    users = User.objects.bulk_create(
        User(
            username=f"uzivatel{i}", first_name=f"Jméno{i}", last_name="Testová", password=password
        )
        for i in range(30)
    )
    home = Site.objects.get(is_default_site=True).root_page
    pages = [factories.StandardPageFactory(parent=home, title=f"Stránka {i}") for i in range(50)]
    organisations = [factories.OrganisationFactory(name=f"Organizace {i}") for i in range(200)]
    now = timezone.now()
    span = 3 * 365 * 24 * 3600

    def when():
        return now - timedelta(seconds=rng.randrange(span))

    page_type = ContentType.objects.get_for_model(StandardPage)
    counts = {
        "page": rows * 70 // 100,
        "model": rows * 10 // 100,
        "history": rows * 10 // 100,
        "roles": rows * 5 // 100,
    }
    counts["signins"] = rows - sum(counts.values())

    batch = 5000
    entries = []
    for i in range(counts["page"]):
        page = rng.choice(pages)
        action = rng.choice(PAGE_ACTIONS)
        data = {"comment": "Doplňte financování."} if action == "wagtail.workflow.reject" else {}
        entries.append(
            PageLogEntry(
                page_id=page.pk,
                content_type=page_type,
                label=page.title,
                action=action,
                data=data,
                user=rng.choice(users),
                timestamp=when(),
            )
        )
        if len(entries) == batch or i == counts["page"] - 1:
            PageLogEntry.objects.bulk_create(entries)
            entries = []

    org_type = ContentType.objects.get_for_model(Organisation)
    ModelLogEntry.objects.bulk_create(
        (
            ModelLogEntry(
                content_type=org_type,
                object_id=str((org := rng.choice(organisations)).pk),
                label=org.name,
                action="wagtail.edit",
                user=rng.choice(users),
                timestamp=when(),
            )
            for _ in range(counts["model"])
        ),
        batch_size=batch,
    )

    history = Organisation.history.model
    fields = [f.attname for f in Organisation._meta.concrete_fields]
    history.objects.bulk_create(
        (
            history(
                **{name: getattr(org := rng.choice(organisations), name) for name in fields},
                history_date=when(),
                history_type="~",
                history_user=rng.choice(users),
                history_change_reason="",
            )
            for _ in range(counts["history"])
        ),
        batch_size=batch,
    )

    RoleChange.objects.bulk_create(
        (
            RoleChange(
                action=RoleChange.Action.MEMBER_ADDED,
                actor=rng.choice(users),
                actor_name="spravce",
                user=(user := rng.choice(users)),
                user_name=user.username,
                group_name="Auditor",
                ip_address="10.0.0.1",
            )
            for _ in range(counts["roles"])
        ),
        batch_size=batch,
    )
    SignInEvent.objects.bulk_create(
        (
            SignInEvent(
                kind=rng.choice(["login", "logout", "failed"]),
                actor=(user := rng.choice(users)),
                actor_name=user.username,
                username=user.username,
                ip_address=f"10.0.{rng.randrange(256)}.{rng.randrange(256)}",
            )
            for _ in range(counts["signins"])
        ),
        batch_size=batch,
    )
    # auto_now_add stamped these rows with "now"; spread them over the same three years.
    with connection.cursor() as cursor:
        for table in ("audit_rolechange", "audit_signinevent"):
            cursor.execute(
                f"UPDATE {table} SET created_at = %s - (random() * %s) * interval '1 second'",  # noqa: S608
                [now, span],
            )
        cursor.execute("ANALYZE")


def measure(client, url, params, repeat):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url, params)  # warm up caches and connections
    times, size, queries = [], 0, 0
    for _ in range(repeat):
        start = time.perf_counter()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url, params)
            body = b"".join(response.streaming_content) if response.streaming else response.content
        times.append(time.perf_counter() - start)
        assert response.status_code == 200, (url, params, response.status_code)
        size, queries = len(body), len(captured.captured_queries)
    return {
        "median_s": round(statistics.median(times), 3),
        "max_s": round(max(times), 3),
        "queries": queries,
        "bytes": size,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument(
        "--reuse", action="store_true", help="measure a database kept by an earlier --keep run"
    )
    args = parser.parse_args()

    if not args.reuse:
        create_database()
    setup_django()
    try:
        results = run(args)
    finally:
        if not args.keep:
            drop_database()
    out = ROOT / "var" / "bench" / "audit.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=2))
    print_table(results)
    print(f"\nVýsledky: {out.relative_to(ROOT)}")


def run(args):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from wagtail.models import PageLogEntry

    from kpss_pages.models import StandardPage
    from workflows.roles import AUDITOR

    fill_seconds = None
    if not args.reuse:
        call_command("migrate", verbosity=0)
        call_command("kpss_setup", stdout=open(os.devnull, "w"))  # noqa: SIM115
        rng = random.Random(2026)  # noqa: S311 -- reproducible test data, not security
        started = time.perf_counter()
        fill(args.rows, rng)
        fill_seconds = round(time.perf_counter() - started, 1)
        auditor = get_user_model().objects.create_user("auditor-bench")
        auditor.groups.add(Group.objects.get(name=AUDITOR))
    auditor = get_user_model().objects.get(username="auditor-bench")
    users = list(get_user_model().objects.filter(username__startswith="uzivatel").order_by("pk"))
    pages = list(StandardPage.objects.filter(title__startswith="Stránka ").order_by("pk"))
    client = Client()
    client.force_login(auditor)

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM wagtailcore_pagelogentry)"
            " + (SELECT count(*) FROM wagtailcore_modellogentry)"
            " + (SELECT count(*) FROM kpss_pages_historicalorganisation)"
            " + (SELECT count(*) FROM audit_rolechange)"
            " + (SELECT count(*) FROM audit_signinevent)"
        )
        total_rows = cursor.fetchone()[0]

    person = users[3].pk
    month_end = timezone.localdate()
    month_start = month_end - timedelta(days=30)
    month = {"od": month_start.isoformat(), "do": month_end.isoformat()}
    last_page = str(-(-total_rows // 50))
    url = "/admin/audit/"
    cases = [
        ("Seznam, 1. stránka (50 řádků)", {}),
        ("Seznam, 1. stránka (200 řádků)", {"na_strance": "200"}),
        ("Seznam, poslední stránka", {"p": last_page}),
        ("Seznam, osoba + měsíc", {"osoba": person, **month}),
        ("Seznam, jedna stránka webu", {"objekt": f"wagtailcore.page:{pages[7].pk}"}),
        ("Seznam, druh akce (vrácení)", {"druh": "wagtail.workflow.reject"}),
        ("Export CSV, osoba + měsíc", {"osoba": person, **month, "export": "csv"}),
        ("Export XLSX, osoba + měsíc", {"osoba": person, **month, "export": "xlsx"}),
        (
            "Export CSV, jedna stránka webu",
            {"objekt": f"wagtailcore.page:{pages[7].pk}", "export": "csv"},
        ),
        (
            "Export XLSX, jedna stránka webu",
            {"objekt": f"wagtailcore.page:{pages[7].pk}", "export": "xlsx"},
        ),
        ("Export CSV, vše", {"export": "csv"}),
        ("Export XLSX, vše", {"export": "xlsx"}),
    ]
    measured = []
    for name, params in cases:
        result = measure(client, url, params, args.repeat)
        measured.append({"case": name, "params": {k: str(v) for k, v in params.items()}, **result})

    page_sizes = {
        size: measure(client, url, {"na_strance": size}, 1)["queries"]
        for size in ("25", "50", "100", "200")
    }
    return {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
            "database": "PostgreSQL {}.{}".format(*divmod(connection.pg_version, 10000)),
        },
        "rows": total_rows,
        "page_log_rows": PageLogEntry.objects.count(),
        "fill_seconds": fill_seconds,
        "repeat": args.repeat,
        "cases": measured,
        "queries_by_page_size": page_sizes,
    }


def print_table(results):
    rows = f"{results['rows']:,}".replace(",", " ")
    database, repeat = results["machine"]["database"], results["repeat"]
    print(f"\nAudit nad {rows} řádky ({database}), medián z {repeat} běhů\n")
    print("| Případ | medián (s) | max (s) | SQL dotazů | velikost |")
    print("|---|---:|---:|---:|---:|")
    for case in results["cases"]:
        print(
            f"| {case['case']} | {case['median_s']:.3f} | {case['max_s']:.3f} | {case['queries']} "
            f"| {case['bytes'] / 1024:.0f} KiB |"
        )
    sizes = ", ".join(f"{k}: {v}" for k, v in results["queries_by_page_size"].items())
    print(f"\nSQL dotazů podle velikosti stránky ({sizes})")


if __name__ == "__main__":
    main()
