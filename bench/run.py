"""`make bench`: the public pages under load, against a bare Django view and a static file.

    .venv/bin/python -m bench.run [--duration 20] [--keep]

1. Creates the PostgreSQL database kpss_bench (PGHOST, default 127.0.0.1) and fills it with
   `manage.py kpss_bench_data` (2,000 services, 300 providers, 12 chapters x 25 measures,
   200 revisions per chapter, 100,000 audit rows, 50 news, 500 pages in moderation).
2. In this process: the admin's dashboard and a 50-measure chapter editor (time, queries) and
   the plan's PDF (generated, then from its cache).
3. gunicorn (2 sync workers, production settings) on 127.0.0.1, first with the page cache off
   (uncached), then on (Redis when it answers on 127.0.0.1:6379, else process memory); nginx
   with deploy/nginx-kpss.conf in front (front-cached) and serving the floor page as a file.
4. wrk -t2 -c16 -d20s --latency against each page and the two baselines: the floor (a Django
   view returning a fixed page the size of a chapter) and the limit (nginx, the same file).

Writes docs/benchmarks.json and the table in docs/benchmarks.md, stops everything it started
and drops the database unless --keep is given.
"""

import argparse
import json
import os
import platform
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from bench.audit import create_database, drop_database

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv" / "bin"
WORK = ROOT / "var" / "bench"
DB_NAME = "kpss_bench"
PGHOST = os.environ.get("PGHOST", "127.0.0.1")
PGUSER = os.environ.get("PGUSER", "postgres")
APP_PORT, FRONT_PORT, STATIC_PORT, PURGE_PORT = 8801, 8802, 8803, 8804
REDIS = ("127.0.0.1", 6379)

PAGES = {
    "home": "/",
    "plan": "/komunitni-plan/",
    "chapter": "/komunitni-plan/kapitola-1/",
    "catalogue": "/katalog-sluzeb/",
    "catalogue_filtered": "/katalog-sluzeb/?skupina=seniori&druh=pecovatelska-sluzba",
    "service": "/katalog-sluzeb/sluzba-1/",
    "search": "/hledat/?q=pe%C4%8Dovatelsk%C3%A1",
}
NOT_CACHED = {"search"}  # by design: every query is different (caching/page_cache.py)
MARK_START, MARK_END = "<!-- bench:pages -->", "<!-- /bench:pages -->"


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def redis_answers():
    try:
        with socket.create_connection(REDIS, timeout=1) as conn:
            conn.sendall(b"PING\r\n")
            return conn.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def environment(settings, page_cache=True, database_url=None):
    env = os.environ.copy()
    env.update(
        DJANGO_SETTINGS_MODULE=settings,
        DATABASE_URL=database_url or f"postgres://{PGUSER}@{PGHOST}:5432/{DB_NAME}",
        SECRET_KEY=SECRET_KEY,
        ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        EMAIL_URL="dummymail://",
        STATIC_ROOT=str(WORK / "static"),
        MEDIA_ROOT=str(WORK / "media"),
        CONN_MAX_AGE="600",
        KPSS_PAGE_CACHE="true" if page_cache else "false",
        LOG_LEVEL="ERROR",
    )
    env.pop("FRONTEND_CACHE_PURGE_URL", None)
    if USE_REDIS:
        env.update(REDIS_URL=f"redis://{REDIS[0]}:{REDIS[1]}/14", CACHE_KEY_PREFIX="kpss-bench")
    else:
        env.pop("REDIS_URL", None)
    return env


def manage(*args, settings="kpss_site.settings.dev", env=None):
    subprocess.run(
        [str(VENV / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env or environment(settings),
        check=True,
    )


def flush_redis():
    if USE_REDIS:
        with socket.create_connection(REDIS, timeout=2) as conn:
            conn.sendall(b"SELECT 14\r\nFLUSHDB\r\n")
            time.sleep(0.1)
            conn.recv(64)


# In-process measurements ------------------------------------------------------------------------


def in_process():
    """Admin views and the PDF, with Django's test client against the bench database."""
    # The same media directory as gunicorn's, so the PDF made here is the one it serves.
    os.environ.update(environment("kpss_site.settings.dev"))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client, RequestFactory
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from wagtail.models import WorkflowState

    from kpss_pages.models import CommunityPlanPage, PlanChapterPage
    from kpss_pages.plan_pdf import plan_pdf

    def timed(client, url, repeat=5):
        times, queries, status = [], None, None
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url)
                times.append((time.perf_counter() - started) * 1000)
            status = response.status_code
            queries = len(captured.captured_queries)
        return {
            "ms_median": round(statistics.median(times), 1),
            "queries": queries,
            "status": status,
        }

    reviewer = get_user_model().objects.get(username="bench.mt")
    client = Client()
    client.force_login(reviewer)
    results = {
        "in_moderation": WorkflowState.objects.filter(status="in_progress").count(),
        "dashboard": timed(client, reverse("wagtailadmin_home")),
    }
    # The same chapter's editor with a draft of 25 measures, then of 50 (the live chapter
    # keeps its 25): only the number of measures differs between the two figures.
    chapter = PlanChapterPage.objects.get(slug="kapitola-1")
    raw = list(chapter.priorities.raw_data)
    editor = reverse("wagtailadmin_pages:edit", args=(chapter.pk,))
    chapter.priorities = PlanChapterPage.hierarchy_from_raw(raw)
    chapter.save_revision()
    results["chapter_editor_25_measures"] = timed(client, editor)
    goals = raw[0]["value"]["goals"]
    copies = json.loads(json.dumps(goals))
    for goal in copies:
        goal.pop("id", None)  # new list items get new ids
    goals.extend(copies)  # 10 goals x 5 measures
    chapter.priorities = PlanChapterPage.hierarchy_from_raw(raw)
    chapter.save_revision()
    results["chapter_editor_50_measures"] = timed(client, editor)
    plan = CommunityPlanPage.objects.get(slug="komunitni-plan")
    request = RequestFactory().get(plan.url)
    # A rebuilt database gives the plan the same ids, hence the same file name: start without.
    from django.core.files.storage import default_storage

    from kpss_pages.plan_pdf import DIRECTORY

    if default_storage.exists(DIRECTORY):
        for name in default_storage.listdir(DIRECTORY)[1]:
            default_storage.delete(f"{DIRECTORY}/{name}")
    started = time.perf_counter()
    _name, created = plan_pdf(plan, request)
    generated = time.perf_counter() - started
    started = time.perf_counter()
    _name, created_again = plan_pdf(plan, request)
    cached = time.perf_counter() - started
    results["plan_pdf"] = {
        "generated_s": round(generated, 2),
        "created": created,
        "from_cache_ms": round(cached * 1000, 1),
        "created_again": created_again,
        "measures": sum(
            len(goal.get("value", goal)["measures"])  # list items are {"type", "value", "id"}
            for c in plan.live_chapters()
            for p in c.priorities.raw_data
            for goal in p["value"]["goals"]
        ),
    }
    anonymous = Client()
    floor = anonymous.get(PAGES["chapter"], HTTP_HOST="127.0.0.1").content
    (WORK / "www").mkdir(parents=True, exist_ok=True)
    (WORK / "www" / "floor.html").write_bytes(floor)
    results["floor_bytes"] = len(floor)
    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        results["postgresql"] = cursor.fetchone()[0].split(" on ")[0]
    return results


# Servers ----------------------------------------------------------------------------------------


class Server:
    def __init__(self, name, command, env=None, ready_url=None):
        self.name, self.command, self.env, self.ready_url = name, command, env, ready_url
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=subprocess.DEVNULL,
            stderr=open(WORK / f"{self.name}.log", "a"),  # noqa: SIM115
            start_new_session=True,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} skončil: viz {WORK / (self.name + '.log')}")
            try:
                with urllib.request.urlopen(self.ready_url, timeout=2) as response:
                    if response.status == 200:
                        return self
            except OSError:
                time.sleep(0.3)
        raise RuntimeError(f"{self.name} neodpovídá na {self.ready_url}")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


def gunicorn(page_cache):
    return Server(
        "gunicorn",
        [
            str(VENV / "gunicorn"),
            "kpss_site.wsgi:application",
            "--workers=2",
            "--worker-class=sync",
            f"--bind=127.0.0.1:{APP_PORT}",
            "--timeout=60",
        ],
        env=environment("bench.settings", page_cache=page_cache),
        ready_url=f"http://127.0.0.1:{APP_PORT}/_bench/floor/",
    )


def purge_check(front):
    """Purge the home page the way the site does (Wagtail's HTTP backend) and look again."""
    from wagtail.contrib.frontend_cache.backends import HTTPBackend

    fetch_headers(front + "/")
    _status, before = fetch_headers(front + "/")
    HTTPBackend({"LOCATION": f"http://127.0.0.1:{PURGE_PORT}"}).purge(front + "/")
    _status, after = fetch_headers(front + "/")
    ok = before.get("X-Front-Cache") == "HIT" and after.get("X-Front-Cache") == "MISS"
    return (
        f"{'ano' if ok else 'NE'}: před čištěním {before.get('X-Front-Cache')}, "
        f"po PURGE z backendu Wagtailu {after.get('X-Front-Cache')}"
    )


def nginx():
    conf_dir = WORK / "nginx"
    shutil.rmtree(conf_dir, ignore_errors=True)
    (conf_dir / "cache").mkdir(parents=True)
    site = (ROOT / "deploy" / "nginx-kpss.conf").read_text()
    for key, value in {
        "@CACHE_DIR@": str(conf_dir / "cache"),
        "@APP@": f"127.0.0.1:{APP_PORT}",
        "@LISTEN@": f"127.0.0.1:{FRONT_PORT}",
        "@SERVER_NAME@": "127.0.0.1",
        "@STATIC_ROOT@": str(WORK / "static"),
        "@MEDIA_ROOT@": str(WORK / "media"),
        "@PROXY_PARAMS@": str(ROOT / "deploy" / "proxy_params.conf"),
        "@PURGE_FROM@": "127.0.0.1",
        "@PURGE_LISTEN@": f"127.0.0.1:{PURGE_PORT}",
    }.items():
        site = site.replace(key, value)
    (conf_dir / "kpss.conf").write_text(site)
    user = "user root;" if os.geteuid() == 0 else ""
    (conf_dir / "nginx.conf").write_text(
        f"""load_module /usr/lib/nginx/modules/ngx_http_cache_purge_module.so;
{user}
worker_processes auto;
pid {conf_dir}/nginx.pid;
error_log {conf_dir}/error.log warn;
events {{ worker_connections 4096; }}
http {{
    include /etc/nginx/mime.types;
    access_log off;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 100000;
    client_body_temp_path {conf_dir}/body;
    proxy_temp_path {conf_dir}/proxy;
    fastcgi_temp_path {conf_dir}/fastcgi;
    uwsgi_temp_path {conf_dir}/uwsgi;
    scgi_temp_path {conf_dir}/scgi;
    server {{
        listen 127.0.0.1:{STATIC_PORT};
        location / {{ root {WORK / "www"}; }}
    }}
    include {conf_dir}/kpss.conf;
}}
"""
    )
    return Server(
        "nginx",
        [
            shutil.which("nginx") or "/usr/sbin/nginx",
            "-c",
            str(conf_dir / "nginx.conf"),
            "-g",
            "daemon off;",
        ],
        ready_url=f"http://127.0.0.1:{STATIC_PORT}/floor.html",
    )


# Load -------------------------------------------------------------------------------------------

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


def wrk(url, duration):
    # Warm up (fills caches, opens database connections), then measure.
    subprocess.run(["wrk", "-t2", "-c16", "-d2s", url], capture_output=True, check=True)
    output = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{duration}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout

    def latency(percent):
        match = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        return round(float(match.group(1)) * UNITS[match.group(2)], 2) if match else None

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    requests = re.search(r"(\d+) requests in", output)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50_ms": latency(50),
        "p99_ms": latency(99),
        "requests": int(requests.group(1)) if requests else None,
        "non_2xx": int(non2xx.group(1)) if non2xx else 0,
        "socket_errors": sum(int(n) for n in errors.groups()) if errors else 0,
    }


def fetch_headers(url, method="GET"):
    request = urllib.request.Request(url, method=method)
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def host():
    """The machine and the stack under test (shared with bench/faults.py)."""
    cpu = ""
    with open("/proc/cpuinfo") as info:
        for line in info:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as info:
        memory_kb = int(info.readline().split()[1])

    import django

    import wagtail

    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "django": django.get_version(),
        "wagtail": wagtail.__version__,
        "gunicorn": version([str(VENV / "gunicorn"), "--version"]),
    }


def version(command):
    result = subprocess.run(command, capture_output=True, text=True)
    return (result.stdout or result.stderr).strip().splitlines()[0]


def machine():
    return {
        **host(),
        "nginx": version([shutil.which("nginx") or "nginx", "-v"]),
        "wrk": version(["wrk", "--version"]).split(" [")[0],
        "cache": "Redis 127.0.0.1:6379" if USE_REDIS else "paměť procesu (LocMemCache)",
    }


# Report -----------------------------------------------------------------------------------------


def percent(value, base):
    return round(100 * value / base, 1) if base else None


def report(results):
    floor = results["baselines"]["floor"]["rps"]
    limit = results["baselines"]["limit"]["rps"]
    m, a = results["machine"], results["admin"]
    lines = [
        MARK_START,
        f"Měřeno {results['date']} příkazem `make bench` ({results['duration_s']} s na stránku, "
        f"`wrk -t2 -c16 --latency`), celý běh {results['total_s'] / 60:.1f} min.",
        "",
        f"Stroj: {m['cpu']}, {m['cores']} jádra, {m['memory_gb']} GB RAM; {m['os']}; "
        f"{a['postgresql']}; Python {m['python']}, Django {m['django']}, Wagtail {m['wagtail']}; "
        f"{m['gunicorn']} (2 synchronní workery); {m['nginx']}; {m['wrk']}; "
        f"mezipaměť: {m['cache']}.",
        "",
        f"Data: {results['data']}.",
        "",
        f"Podlaha (floor): view Djanga vracející pevnou stránku {a['floor_bytes'] // 1024} KB "
        f"(HTML kapitoly), {floor:.0f} req/s. Strop (limit): nginx, týž soubor, {limit:.0f} req/s.",
        "",
        "| Stránka | Režim | req/s | p50 ms | p99 ms | % podlahy | % stropu | chyby |",
        "|---|---|---:|---:|---:|---:|---:|---:|",
    ]
    names = {"uncached": "bez mezipaměti", "cached": "mezipaměť Djanga", "front": "nginx (front)"}
    for base, figures in results["baselines"].items():
        lines.append(
            f"| {base} | {'Django view' if base == 'floor' else 'nginx soubor'} | "
            f"{figures['rps']:.0f} | {figures['p50_ms']} | {figures['p99_ms']} | "
            f"{percent(figures['rps'], floor)} | {percent(figures['rps'], limit)} | "
            f"{figures['non_2xx'] + figures['socket_errors']} |"
        )
    for page, modes in results["pages"].items():
        for mode, figures in modes.items():
            lines.append(
                f"| {page} `{PAGES[page]}` | {names[mode]} | {figures['rps']:.0f} | "
                f"{figures['p50_ms']} | {figures['p99_ms']} | {percent(figures['rps'], floor)} | "
                f"{percent(figures['rps'], limit)} | "
                f"{figures['non_2xx'] + figures['socket_errors']} |"
            )
    pdf = a["plan_pdf"]
    lines += [
        "",
        f"Administrace (v procesu, PostgreSQL, medián z 5): nástěnka s {a['in_moderation']} "
        f"stránkami ve schvalování {a['dashboard']['ms_median']} ms / "
        f"{a['dashboard']['queries']} dotazů; editor kapitoly s 50 opatřeními "
        f"{a['chapter_editor_50_measures']['ms_median']} ms / "
        f"{a['chapter_editor_50_measures']['queries']} dotazů (s 25 opatřeními "
        f"{a['chapter_editor_25_measures']['queries']} dotazů).",
        "",
        f"PDF plánu ({pdf['measures']} opatření): "
        f"{'vytvořeno' if pdf['created'] else 'POZOR: nevytvářelo se, načteno'} "
        f"za {pdf['generated_s']} s, "
        f"podruhé z mezipaměti za {pdf['from_cache_ms']} ms"
        f"{'' if not pdf['created_again'] else ' (POZOR: vytvářelo se znovu)'}; "
        f"přes gunicorn {results['pdf_http_ms']} ms.",
        "",
        f"Čištění front cache (PURGE na nginx): {results['purge']}.",
        MARK_END,
    ]
    return "\n".join(lines)


def write_section(path, block, heading, title):
    """Put `block` (which starts and ends with its markers) in place of the old one in `path`,
    or append it under `heading`."""
    start, end = block.split("\n", 1)[0], block.rsplit("\n", 1)[1]
    text = path.read_text() if path.exists() else f"# {title}\n"
    if start in text:
        before, rest = text.split(start, 1)
        text = before + block + rest.split(end, 1)[1]
    else:
        text = text.rstrip() + f"\n\n## {heading}\n\n" + block + "\n"
    path.write_text(text)


def write_report(results):
    (ROOT / "docs" / "benchmarks.json").write_text(
        json.dumps(results, ensure_ascii=False, indent=2) + "\n"
    )
    write_section(
        ROOT / "docs" / "benchmarks.md",
        report(results),
        "Veřejné stránky pod zátěží (`make bench`)",
        "Benchmarks",
    )


# Main -------------------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=int, default=20, help="sekund na jedno měření")
    parser.add_argument("--keep", action="store_true", help="databázi po měření nemazat")
    parser.add_argument("--scale", type=float, default=1.0, help="zmenšení dat pro zkoušku")
    args = parser.parse_args()
    for tool in ("wrk", "nginx"):
        if not shutil.which(tool) and not Path(f"/usr/sbin/{tool}").exists():
            sys.exit(f"Chybí {tool}: apt-get install wrk nginx-light libnginx-mod-http-cache-purge")

    started = time.monotonic()
    WORK.mkdir(parents=True, exist_ok=True)
    results = {"date": time.strftime("%Y-%m-%d"), "duration_s": args.duration, "pages": {}}
    try:
        log(f"databáze {DB_NAME} na {PGHOST}")
        create_database(DB_NAME)
        manage("migrate", "--no-input", "-v0")
        counts = {
            "services": int(2000 * args.scale),
            "providers": max(10, int(300 * args.scale)),
            "revisions": max(2, int(200 * args.scale)),
            "audit-rows": int(100_000 * args.scale),
            "in-moderation": int(500 * args.scale),
        }
        data_started = time.monotonic()
        manage("kpss_bench_data", *(f"--{key}={value}" for key, value in counts.items()))
        results["data"] = (
            f"{counts['services']} služeb od {counts['providers']} poskytovatelů, plán 12 kapitol "
            f"× 25 opatření, {counts['revisions']} revizí na kapitolu, {counts['audit-rows']} "
            f"řádků auditu, 50 aktualit, {counts['in-moderation']} stránek ve schvalování; "
            f"vytvořeno za {time.monotonic() - data_started:.0f} s"
        )
        manage("collectstatic", "--no-input", "-v0", settings="bench.settings")
        log("administrace a PDF v procesu")
        results["admin"] = in_process()
        results["machine"] = machine()
        app = f"http://127.0.0.1:{APP_PORT}"
        front = f"http://127.0.0.1:{FRONT_PORT}"

        log("bez mezipaměti stránek")
        flush_redis()
        with gunicorn(page_cache=False):
            results["baselines"] = {"floor": wrk(f"{app}/_bench/floor/", args.duration)}
            log(f"  floor: {results['baselines']['floor']['rps']:.0f} req/s")
            for page, url in PAGES.items():
                status, _headers = fetch_headers(app + url)
                assert status == 200, (url, status)
                results["pages"][page] = {"uncached": wrk(app + url, args.duration)}
                log(f"  {page}: {results['pages'][page]['uncached']['rps']:.0f} req/s")

        log("s mezipamětí Djanga a s nginx")
        flush_redis()
        with gunicorn(page_cache=True), nginx():
            results["baselines"]["limit"] = wrk(
                f"http://127.0.0.1:{STATIC_PORT}/floor.html", args.duration
            )
            log(f"  limit: {results['baselines']['limit']['rps']:.0f} req/s")
            started_pdf = time.perf_counter()
            status, _headers = fetch_headers(app + PAGES["plan"] + "pdf/")
            results["pdf_http_ms"] = round((time.perf_counter() - started_pdf) * 1000, 1)
            for page, url in PAGES.items():
                if page in NOT_CACHED:
                    continue
                _status, headers = fetch_headers(app + url)
                assert headers.get("X-Page-Cache") in ("miss", "hit"), (url, headers)
                results["pages"][page]["cached"] = wrk(app + url, args.duration)
                fetch_headers(front + url)
                _status, headers = fetch_headers(front + url)
                assert headers.get("X-Front-Cache") == "HIT", (url, headers)
                results["pages"][page]["front"] = wrk(front + url, args.duration)
                log(
                    f"  {page}: {results['pages'][page]['cached']['rps']:.0f} req/s (Django), "
                    f"{results['pages'][page]['front']['rps']:.0f} req/s (nginx)"
                )
            results["purge"] = purge_check(front)
    finally:
        if not args.keep:
            drop_database(DB_NAME)
    results["total_s"] = round(time.monotonic() - started)
    write_report(results)
    log(f"hotovo za {results['total_s'] / 60:.1f} min: docs/benchmarks.md, docs/benchmarks.json")


SECRET_KEY = secrets.token_urlsafe(50)
USE_REDIS = redis_answers()

if __name__ == "__main__":
    main()
