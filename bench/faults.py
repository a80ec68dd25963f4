"""`make bench-faults`: PostgreSQL restarted under load; the site must recover and lose nothing.

    .venv/bin/python -m bench.faults [--modes fast,immediate,idle] [--before 10] [--after 20]
        [--pause 0] [--health-checks on|off|both] [--keep] [--reuse DIR]

1. Starts a PostgreSQL 15 cluster of its own (initdb in a temporary directory, a free port,
   run as the postgres user when started by root), never the machine's shared server; migrates
   it and loads `kpss_setup` and `kpss_demo`.
2. gunicorn (4 gthread workers x 8 threads) with production settings (bench.settings),
   CONN_MAX_AGE=600 and CONN_HEALTH_CHECKS on (off or both to compare); the page cache is off,
   so every read queries the database.
3. 16 anonymous readers cycle through the live pages; 4 working-group managers, each signed in
   through the admin's login form, save drafts of their own group's page through the admin's
   edit view: the form as the admin renders it, with a marker (run, editor, sequence number) in
   the title and in the meeting schedule.
4. After --before seconds `pg_ctl restart -m fast` or `-m immediate` (a crash: recovery from
   the WAL), or in mode "idle" a fast restart while everybody is away (idle persistent
   connections, as at night); --pause stops the server that long before starting it. The load
   goes on for --after seconds. A poller connects every 20 ms to time the outage.
5. Checks in the database that every acknowledged save (the edit view's redirect back to the
   editor) is a revision of its page (none lost), and that none is half-saved: both markers
   agree, the revision has every field a revision has, its log entry exists, each page points
   at its last revision and shows its title, no revision or log entry is orphaned.

Prints a table, writes docs/faults.json and the figures in docs/faults.md, stops and deletes
the cluster (also on Ctrl-C; --keep leaves it for --reuse, which skips the set-up) and exits
with 1 when a target is missed: a lost or half-saved save, no successful read or save within
5 s of the database being back, or any failed request started later than that.
"""

import argparse
import faulthandler
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

import psycopg
import requests

from bench import run
from bench.run import ROOT, VENV, WORK, log

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DB_NAME = "kpss_faults"
READERS, EDITORS = 16, 4
WORKERS, THREADS = 4, 8
TARGET_S = 5.0
TIMEOUT_S = 30
POLL_S = 0.02
PAUSE_AFTER_FAILURE_S = 0.05  # a visitor does not retry in a tight loop
MARKER = re.compile(r"faults-\w+-\d+-\d+")
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
KINDS = ("read", "form", "save")  # a public page, the edit form, a draft saved from it
MARK_START, MARK_END = "<!-- bench:faults -->", "<!-- /bench:faults -->"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The throwaway cluster -------------------------------------------------------------------------


class Cluster:
    """A PostgreSQL cluster of the bench's own, in a temporary directory, on a free port."""

    def __init__(self, root):
        self.dir = root / "pg"
        self.data = self.dir / "data"
        self.log = self.dir / "postgresql.log"
        self.port = free_port()
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/{DB_NAME}"

    def _run(self, program, *args):
        command = [str(PG_BIN / program), *args]
        if os.geteuid() == 0:  # initdb and postgres refuse to run as root
            command = ["runuser", "-u", "postgres", "--", *command]
        # Into a file, not a pipe: a server that pg_ctl starts keeps its output open.
        path = self.dir.parent / "pg_ctl.log"
        with open(path, "w") as output:
            code = subprocess.run(command, stdout=output, stderr=output).returncode
        if code:
            raise RuntimeError(f"{program} {' '.join(args)}: {path.read_text().strip()}")

    def pg_ctl(self, action, *args):
        self._run("pg_ctl", action, "-D", str(self.data), "-w", "-t", "120", *args)

    def start(self):
        if not self.data.exists():
            self.dir.mkdir(mode=0o700)
            if os.geteuid() == 0:
                shutil.chown(self.dir, "postgres", "postgres")
            self._run(
                "initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8",
                "--locale=C.UTF-8",
            )  # fmt: skip
        options = f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1"
        self.pg_ctl("start", "-o", options, "-l", str(self.log))

    def restart(self, mode, pause):
        if pause:
            self.pg_ctl("stop", "-m", mode)
            time.sleep(pause)
            self.start()
        else:  # with the options it was started with (postmaster.opts)
            self.pg_ctl("restart", "-m", mode, "-l", str(self.log))

    def stop(self):
        if (self.data / "postmaster.pid").exists():
            self.pg_ctl("stop", "-m", "immediate")

    def connect(self, dbname=DB_NAME, **options):
        return psycopg.connect(
            host="127.0.0.1", port=self.port, user="postgres", dbname=dbname, **options
        )

    def accepts(self):
        try:
            with self.connect(connect_timeout=2) as conn:
                conn.execute("SELECT 1")
            return True
        except psycopg.Error:
            return False


# The site ---------------------------------------------------------------------------------------


def site_environment(settings, cluster, root, health_checks=None):
    env = run.environment(settings, page_cache=False, database_url=cluster.url)
    env.update(
        MEDIA_ROOT=str(root / "media"),
        STATIC_ROOT=str(root / "static"),
        KPSS_DEMO_PASSWORD=PASSWORD,
        KPSS_BENCH_FLOOR="false",
    )
    if health_checks is not None:
        env["CONN_HEALTH_CHECKS"] = "true" if health_checks else "false"
    # Each process keeps its own cache: the page cache is off and Redis is not under test.
    env.pop("REDIS_URL", None)
    return env


def gunicorn(cluster, root, port, health_checks):
    return run.Server(
        "faults-gunicorn",
        [
            str(VENV / "gunicorn"),
            "kpss_site.wsgi:application",
            f"--workers={WORKERS}",
            "--worker-class=gthread",
            f"--threads={THREADS}",
            f"--bind=127.0.0.1:{port}",
            "--timeout=60",
            # Longer than any pause of the clients: a keep-alive connection that the server
            # closes as the client reuses it would fail a request for reasons of HTTP, not of
            # the database.
            "--keep-alive=60",
        ],
        env=site_environment("bench.settings", cluster, root, health_checks),
        ready_url=f"http://127.0.0.1:{port}/",
    )


class BehindTls(http.cookiejar.DefaultCookiePolicy):
    """Send Secure (__Host-) cookies to gunicorn over plain HTTP: the bench stands where
    production's TLS proxy does, and says so with X-Forwarded-Proto."""

    def return_ok_secure(self, cookie, request):
        return True


class Browser(requests.Session):
    """One visitor: its own cookies and connection, as if behind production's TLS proxy."""

    def __init__(self):
        super().__init__()
        self.cookies.set_policy(BehindTls())
        self.headers["X-Forwarded-Proto"] = "https"

    def prepare_request(self, request):
        # requests copies the cookies into a jar of the default policy; use this one's.
        prepared = super().prepare_request(request)
        prepared.headers.pop("Cookie", None)
        prepared.prepare_cookies(self.cookies)
        return prepared


class Fetched:
    """Hands tests/admin_forms.page_form_data an edit page already fetched over HTTP."""

    def __init__(self, response):
        self.response = response

    def get(self, url):
        return self.response


@dataclass
class Editor:
    number: int
    username: str
    page: object  # the page as its latest revision, for the StreamField values
    edit_path: str
    base_title: str
    session: requests.Session = None
    sequence: int = 0
    acknowledged: list = field(default_factory=list)
    unacknowledged: set = field(default_factory=set)

    def marker(self, sequence=None):
        return f"faults-{RUN}-{self.number}-{sequence or self.sequence}"


def in_process(cluster, root):
    """Django in this process, on the throwaway database: pages to read, editors and checks."""
    os.environ.update(site_environment("kpss_site.settings.dev", cluster, root))
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def reader_urls():
    from wagtail.models import Page

    urls = [page.url for page in Page.objects.live().public().filter(depth__gt=1).specific()]
    # Search and a filtered catalogue query the database whatever the page cache does.
    return [*sorted(u for u in urls if u), "/hledat/?q=senior", "/katalog-sluzeb/?skupina=seniori"]


def editors():
    """The first four working groups' pages, each edited by its group's manager."""
    from django.urls import reverse

    from wagtail.models import Locale

    from kpss_pages.models import WorkingGroupPage

    result = []
    pages = WorkingGroupPage.objects.filter(
        locale=Locale.get_default(), role_group__isnull=False
    ).order_by("path")
    for number, page in enumerate(pages[:EDITORS], start=1):
        user = page.role_group.group.user_set.order_by("pk").first()
        if user is None:
            raise RuntimeError(f"Skupina stránky {page.title} nemá uživatele.")
        user.set_password(PASSWORD)  # this run's, also in a reused database
        user.save(update_fields=["password"])
        latest = page.get_latest_revision_as_object()
        result.append(
            Editor(
                number=number,
                username=user.username,
                page=latest,
                edit_path=reverse("wagtailadmin_pages:edit", args=(page.pk,)),
                base_title=MARKER.sub("", latest.title).removesuffix(" ()").strip(),
            )
        )
    if len(result) < EDITORS:
        raise RuntimeError(f"Ukázková data mají jen {len(result)} pracovní skupiny.")
    return result


def sign_in(base, username):
    """Sign in through the admin's login form, as a browser does."""
    from wagtail.test.utils.form_data import querydict_from_html

    session = Browser()
    form = session.get(f"{base}/admin/login/", timeout=TIMEOUT_S)
    data = querydict_from_html(form.text, form_index=0, exclude_csrf=False).dict()
    data.update(username=username, password=PASSWORD)
    response = session.post(
        f"{base}/admin/login/",
        data=data,
        headers=browser_headers(base, "/admin/login/"),
        allow_redirects=False,
        timeout=TIMEOUT_S,
    )
    if response.status_code != 302 or "login" in response.headers.get("Location", ""):
        raise RuntimeError(f"Přihlášení {username} selhalo ({response.status_code}).")
    return session


def browser_headers(base, path):
    origin = base.replace("http://", "https://")
    return {"Origin": origin, "Referer": origin + path}


# The load ---------------------------------------------------------------------------------------


class Request(NamedTuple):
    kind: str  # one of KINDS
    start: float
    end: float
    outcome: object  # the status, "ack" for an acknowledged save or the connection error's name
    who: str  # r<n> a reader, e<n> an editor


class Load:
    """16 readers, 4 editors and a poller of the database, with every request and poll."""

    def __init__(self, base, urls, editors, cluster, think=0.0):
        self.base, self.urls, self.editors, self.cluster = base, urls, editors, cluster
        self.think = think
        self.records, self.polls = [], []
        self.stopping = threading.Event()
        self.away = threading.Event()  # visitors and editors away: no new requests
        self.lock, self.active = threading.Lock(), 0
        self.threads = []

    def __enter__(self):
        targets = [(self.reader, n) for n in range(READERS)]
        targets += [(self.editor, e) for e in self.editors] + [(self.poller, None)]
        for target, arg in targets:
            thread = threading.Thread(target=target, args=(arg,), daemon=True)
            thread.start()
            self.threads.append(thread)
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        deadline = time.monotonic() + TIMEOUT_S + 5
        for thread in self.threads:
            thread.join(timeout=max(0, deadline - time.monotonic()))

    def begin(self):
        """Wait while everybody is away; the start of a request."""
        while not self.stopping.is_set():
            with self.lock:
                if not self.away.is_set():
                    self.active += 1
                    break
            time.sleep(POLL_S)
        return time.monotonic()

    def record(self, kind, who, start, outcome):
        self.records.append(Request(kind, start, time.monotonic(), outcome, who))
        with self.lock:
            self.active = max(0, self.active - 1)  # begin() returns without a turn when stopping
        if failed(outcome):
            time.sleep(PAUSE_AFTER_FAILURE_S)

    def reader(self, number):
        session = Browser()
        position = number
        while not self.stopping.is_set():
            url = self.base + self.urls[position % len(self.urls)]
            position += 1
            start = self.begin()
            try:
                outcome = session.get(url, timeout=TIMEOUT_S, allow_redirects=False).status_code
            except requests.RequestException as error:
                outcome = type(error).__name__
            self.record("read", f"r{number}", start, outcome)
            self.stopping.wait(self.think)  # the visitor reads the page

    def editor(self, editor):
        """Open the form and save drafts from it. After a failed save the editor presses Save
        again (the browser still holds the form); after any other answer the admin shows the
        form anew (the redirect after a save, a refused form)."""
        form = None
        while not self.stopping.is_set():
            if form is None:
                form = open_form(self, editor)
                continue
            outcome = save(self, editor, form)
            if outcome == "ack" or kind_of_failure(outcome) == "other":
                form = None

    def leave(self):
        """Everybody goes away; returns when no request is in flight."""
        with self.lock:
            self.away.set()
        deadline = time.monotonic() + TIMEOUT_S
        while self.active and time.monotonic() < deadline:
            time.sleep(POLL_S)

    def poller(self, _arg):
        while not self.stopping.is_set():
            start = time.monotonic()
            self.polls.append((start, self.cluster.accepts()))
            time.sleep(max(0.0, POLL_S - (time.monotonic() - start)))


def open_form(load, editor):
    """The edit form as the admin shows it: its fields, or None when it did not load."""
    from tests.admin_forms import page_form_data

    url = load.base + editor.edit_path
    start = load.begin()
    try:
        response = editor.session.get(url, timeout=TIMEOUT_S, allow_redirects=False)
    except requests.RequestException as error:
        load.record("form", f"e{editor.number}", start, type(error).__name__)
        return None
    load.record("form", f"e{editor.number}", start, response.status_code)
    if response.status_code != 200:
        return None
    data = page_form_data(Fetched(response), url, editor.page)
    data["csrfmiddlewaretoken"] = CSRF_INPUT.search(response.text).group(1)
    return data


def save(load, editor, form):
    """Save a draft from the form with the next marker in the title and the meeting schedule;
    the outcome: "ack" when the admin redirects back to the editor, else the status or error."""
    editor.sequence += 1
    marker = editor.marker()
    data = {
        **form,
        "title": f"{editor.base_title} ({marker})",
        "meeting_schedule": f"zkouška výpadku databáze {marker}",
    }
    start = load.begin()
    try:
        response = editor.session.post(
            load.base + editor.edit_path,
            data=data,
            headers=browser_headers(load.base, editor.edit_path),
            allow_redirects=False,
            timeout=TIMEOUT_S,
        )
        acknowledged = response.status_code == 302 and response.headers.get(
            "Location", ""
        ).endswith(editor.edit_path)
        outcome = "ack" if acknowledged else response.status_code
    except requests.RequestException as error:
        outcome = type(error).__name__
    load.record("save", f"e{editor.number}", start, outcome)
    if outcome == "ack":
        editor.acknowledged.append(
            {"page": editor.page.pk, "sequence": editor.sequence, "at": time.time()}
        )
    else:
        editor.unacknowledged.add(marker)
    return outcome


# Figures ----------------------------------------------------------------------------------------


def failed(outcome):
    return outcome not in (200, "ack")


def kind_of_failure(outcome):
    if isinstance(outcome, str):
        return "connection"
    return "5xx" if outcome >= 500 else "other"


def figures(load, restart_at, restarted_at, returned_at=None):
    """Outage and recovery from the poller's and the clients' records. The first successes
    count from the database's return (from the visitors' when they were away), among requests
    started once the database was seen down; the delay is what that took beyond the usual
    duration of the same action (for a save whose editor had to open the form again, of both)."""
    down = next((t for t, ok in load.polls if t >= restart_at and not ok), None)
    back = next((t for t, ok in load.polls if down is not None and t > down and ok), None)
    if back is None:  # too short for the poller to see, or never back
        back = restarted_at if down is None and load.cluster.accepts() else None
    result = {"db_down_s": round(back - restart_at, 3) if back else None}
    result["visitors_back_after_s"] = round(returned_at - back, 3) if returned_at else None
    seen_down = down if down is not None else restart_at
    since = returned_at or back
    done = [r for r in load.records if not failed(r.outcome)]
    usual = {}
    for kind in KINDS:  # before the restart, or once the target had passed
        durations = [
            r.end - r.start
            for r in done
            if r.kind == kind and (r.end < restart_at or (back and r.start >= back + TARGET_S))
        ]
        usual[kind] = statistics.median(durations) if durations else 0.0
    result["usual_ms"] = {kind: round(value * 1000) for kind, value in usual.items()}
    for kind in ("read", "save"):
        first = min(
            (r for r in done if r.kind == kind and r.start >= seen_down),
            key=lambda r: r.end,
            default=None,
        )
        if first is None or back is None:
            result[f"first_{kind}_after_back_s"] = result[f"{kind}_delay_s"] = None
            continue
        allowance = usual[kind]
        if kind == "save" and any(
            r.kind == "form" and r.who == first.who and seen_down <= r.start < first.start
            for r in done
        ):
            allowance += usual["form"]
        result[f"first_{kind}_after_back_s"] = round(first.end - since, 3)
        result[f"{kind}_delay_s"] = round(max(0.0, first.end - since - allowance), 3)
    phases = {"before": (0, restart_at), "outage": (restart_at, back or 1e18)}
    phases["after"] = (back or 1e18, 1e18)
    result["requests"], result["failures"] = {}, {}
    for phase, (low, high) in phases.items():
        inside = [r for r in load.records if low <= r.start < high]
        result["requests"][phase] = {
            kind: sum(1 for r in inside if r.kind == kind) for kind in KINDS
        }
        counts = {"5xx": 0, "connection": 0, "other": 0}
        for r in inside:
            if failed(r.outcome):
                counts[kind_of_failure(r.outcome)] += 1
        result["failures"][phase] = counts
    late = [r for r in load.records if back and r.start >= back and failed(r.outcome)]
    result["last_failure_after_back_s"] = (
        round(max(r.end for r in late) - back, 3) if late else None
    )
    result["failures_started_after_target"] = (
        sum(1 for r in late if r.start >= back + TARGET_S) if back else None
    )
    outage = [r.end - r.start for r in load.records if restart_at <= r.start < (back or 0)]
    result["slowest_request_in_outage_ms"] = round(max(outage) * 1000) if outage else None
    return result


def verify(editors, acknowledged, unacknowledged):
    """No acknowledged save lost, none half-saved, nothing orphaned (in the database)."""
    from django.contrib.contenttypes.models import ContentType
    from django.db import connections

    from wagtail.models import Page, PageLogEntry, Revision

    connections.close_all()  # this process's connection did not survive the restart
    lost, half = [], []
    stored_unacknowledged = 0
    for editor in editors:
        page = Page.objects.get(pk=editor.page.pk)
        revisions = list(page.revisions.order_by("pk"))
        keys = set(revisions[0].content)
        logged = set(
            PageLogEntry.objects.filter(page_id=page.pk, action="wagtail.edit").values_list(
                "revision_id", flat=True
            )
        )
        markers = {}
        for revision in revisions:
            content = revision.content
            in_title = MARKER.search(str(content.get("title", "")))
            in_schedule = MARKER.search(str(content.get("meeting_schedule", "")))
            if not in_title and not in_schedule:
                continue
            problems = []
            if not in_title or not in_schedule or in_title.group() != in_schedule.group():
                problems.append("značky v názvu a v pravidelných setkáních nesouhlasí")
            if set(content) != keys:
                problems.append(f"jiná pole: {sorted(set(content) ^ keys)}")
            if str(content.get("pk")) != str(page.pk):
                problems.append("obsah jiné stránky")
            if revision.pk not in logged:
                problems.append("chybí záznam v historii")
            if problems:
                half.append({"page": page.pk, "revision": revision.pk, "problems": problems})
            if in_title:
                markers[in_title.group()] = revision.pk
        last = revisions[-1]
        if page.latest_revision_id != last.pk or page.draft_title != last.content.get("title"):
            half.append(
                {
                    "page": page.pk,
                    "revision": page.latest_revision_id,
                    "problems": ["stránka neukazuje na svou poslední revizi"],
                }
            )
        for save_ in acknowledged:
            marker = editor.marker(save_["sequence"])
            if save_["page"] == page.pk and marker not in markers:
                lost.append(save_)
        stored_unacknowledged += sum(1 for m in unacknowledged if m in markers)
    page_type = ContentType.objects.get_for_model(Page)
    page_ids = [str(pk) for pk in Page.objects.values_list("pk", flat=True)]
    orphans = Revision.objects.filter(base_content_type=page_type).exclude(object_id__in=page_ids)
    orphan_logs = PageLogEntry.objects.filter(revision_id__isnull=False).exclude(
        revision_id__in=Revision.objects.values("pk")
    )
    return {
        "acknowledged": len(acknowledged),
        "lost": lost,
        "half_saved": half,
        "orphan_revisions": orphans.count(),
        "orphan_log_entries": orphan_logs.count(),
        "stored_without_acknowledgement": stored_unacknowledged,
        "not_acknowledged": len(unacknowledged),
    }


def misses(result):
    """The targets a scenario missed, in words."""
    missed = []
    for kind, what in (("read", "čtení"), ("save", "uložení")):
        delay = result[f"{kind}_delay_s"]
        if delay is None:
            missed.append(f"žádné úspěšné {what} po návratu databáze")
        elif delay > TARGET_S:
            missed.append(
                f"první úspěšné {what} {result[f'first_{kind}_after_back_s']} s po návratu "
                f"databáze, o {delay} s později než obvykle"
            )
    if result["failures_started_after_target"]:
        missed.append(
            f"{result['failures_started_after_target']} × selhání požadavku začatého déle než "
            f"{TARGET_S:g} s po návratu databáze"
        )
    checks = result["checks"]
    if checks["lost"]:
        missed.append(f"ztraceno {len(checks['lost'])} potvrzených uložení")
    if checks["half_saved"]:
        missed.append(f"napůl uloženo: {checks['half_saved']}")
    if checks["orphan_revisions"] or checks["orphan_log_entries"]:
        missed.append("osiřelé revize nebo záznamy historie")
    if result["db_down_s"] is None:
        missed.append("databáze se nevrátila")
    return missed


# Scenarios --------------------------------------------------------------------------------------


def scenario(base, urls, editors_, cluster, mode, health_checks, args):
    """One restart under load. In mode "idle" (a fast restart) everybody is away from just before
    the restart until the database has been back for longer than the target: the persistent
    connections sit idle through it, as at night, and the first requests after it show whether
    the site notices they are broken."""
    idle = mode == "idle"
    name = f"-m {'fast' if idle else mode}"
    name += f", {args.pause:g} s mimo provoz" if args.pause else ""
    name += f", v klidu (provoz až {TARGET_S + 1:g} s po návratu DB)" if idle else ""
    name += f", CONN_HEALTH_CHECKS={health_checks}"
    log(f"scénář {name}: {args.before} s zátěž, restart, {args.after} s zátěž")
    done_before = {e.number: len(e.acknowledged) for e in editors_}
    pending_before = {e.number: set(e.unacknowledged) for e in editors_}
    with Load(base, urls, editors_, cluster, args.think) as load:
        time.sleep(args.before)
        if idle:
            load.leave()
        load_average = round(os.getloadavg()[0], 1)
        restart_at = time.monotonic()
        cluster.restart("fast" if idle else mode, args.pause)
        restarted_at = time.monotonic()
        returned_at = None
        if idle:
            while not cluster.accepts():
                time.sleep(POLL_S)
            time.sleep(TARGET_S + 1)
            returned_at = time.monotonic()
            load.away.clear()
        time.sleep(args.after)
    result = {"scenario": name, "mode": mode, "pause_s": args.pause}
    result["health_checks"] = health_checks
    result["pg_ctl_s"] = round(restarted_at - restart_at, 3)
    result["load_average"] = load_average  # the machine's, over the minute before the restart
    result.update(figures(load, restart_at, restarted_at, returned_at))
    acknowledged = [s for e in editors_ for s in e.acknowledged[done_before[e.number] :]]
    result["checks"] = verify(
        editors_,
        acknowledged,
        {m for e in editors_ for m in e.unacknowledged - pending_before[e.number]},
    )
    result["missed"] = misses(result)
    log(f"  {'splněno' if not result['missed'] else 'NESPLNĚNO: ' + '; '.join(result['missed'])}")
    timeline = {  # seconds from the restart command
        "requests": [
            (r.kind, round(r.start - restart_at, 3), round(r.end - restart_at, 3), r.outcome, r.who)
            for r in load.records
        ],
        "polls": [(round(t - restart_at, 3), ok) for t, ok in load.polls],
    }
    return result, acknowledged, timeline


def table(results):
    lines = [
        "| Scénář | DB mimo provoz s | 1. čtení s (navíc) | 1. uložení s (navíc) | "
        "obvyklá doba: čtení / formulář / uložení ms | selhání ve výpadku (5xx / spojení) | "
        "selhání po návratu DB (5xx / spojení) | poslední selhání po návratu s | "
        "čtení / potvrzená uložení | ztraceno | napůl | load avg | cíle |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]

    def first(r, kind):
        value = r[f"first_{kind}_after_back_s"]
        return "–" if value is None else f"{value} (+{r[f'{kind}_delay_s']})"

    for r in results:
        out, after, checks = r["failures"]["outage"], r["failures"]["after"], r["checks"]
        last = r["last_failure_after_back_s"]
        usual = " / ".join(str(r["usual_ms"][kind]) for kind in KINDS)
        reads = sum(p["read"] for p in r["requests"].values())
        lines.append(
            f"| {r['scenario']} | {r['db_down_s']} | {first(r, 'read')} | {first(r, 'save')} | "
            f"{usual} | {out['5xx']} / {out['connection']} | "
            f"{after['5xx']} / {after['connection']} | {'–' if last is None else last} | "
            f"{reads} / {checks['acknowledged']} | {len(checks['lost'])} | "
            f"{len(checks['half_saved'])} | {r['load_average']} | "
            f"{'splněny' if not r['missed'] else 'NESPLNĚNY'} |"
        )
    return "\n".join(lines)


def report(results, setup):
    m = setup["machine"]
    lines = [
        MARK_START,
        f"Měřeno {setup['date']} příkazem `make bench-faults` ({setup['before_s']} s zátěže před "
        f"restartem, {setup['after_s']} s po něm; celý běh {setup['total_s'] / 60:.1f} min).",
        "",
        f"Stroj: {m['cpu']}, {m['cores']} jádra, {m['memory_gb']} GB RAM; {m['os']}; "
        f"{setup['postgresql']} (vlastní dočasný cluster); Python {m['python']}, "
        f"Django {m['django']}, Wagtail {m['wagtail']}; {m['gunicorn']} ({WORKERS} workery "
        f"gthread × {THREADS} vláken), CONN_MAX_AGE=600, ATOMIC_REQUESTS.",
        "",
        f"Zátěž: {READERS} anonymních čtenářů po {len(setup['urls'])} veřejných adresách "
        f"(mezipaměť stránek vypnutá), {EDITORS} manažeři pracovních skupin ukládají koncepty "
        "své stránky editorem administrace.",
        "",
        table(results),
        MARK_END,
    ]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--modes", default="fast,immediate,idle", help="fast, immediate, idle (fast bez provozu)"
    )
    parser.add_argument("--before", type=float, default=10, help="sekund zátěže před restartem")
    parser.add_argument("--after", type=float, default=20, help="sekund zátěže po restartu")
    parser.add_argument("--think", type=float, default=1.0, help="sekund čtenáře nad stránkou")
    parser.add_argument("--pause", type=float, default=0, help="sekund mezi zastavením a startem")
    parser.add_argument("--health-checks", choices=("on", "off", "both"), default="on")
    parser.add_argument("--keep", action="store_true", help="adresář clusteru nemazat")
    parser.add_argument(
        "--reuse", type=Path, help="adresář clusteru z běhu s --keep (bez přípravy)"
    )
    args = parser.parse_args()
    modes = args.modes.split(",")
    if set(modes) - {"fast", "immediate", "idle"}:
        parser.error(f"neznámý režim: {args.modes}")
    variants = {"on": [True], "off": [False], "both": [False, True]}[args.health_checks]
    # SIGTERM ends the run through the same clean-up as Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    faulthandler.register(signal.SIGUSR1, all_threads=True)  # where a stuck run waits

    started = time.monotonic()
    WORK.mkdir(parents=True, exist_ok=True)
    if not (PG_BIN / "initdb").exists():
        sys.exit(
            f"Chybí PostgreSQL 15 ({PG_BIN}/initdb): apt-get install postgresql-15, nebo PG_BIN."
        )
    root = args.reuse or Path(tempfile.mkdtemp(prefix="kpss-faults-"))
    root.chmod(0o755)  # the postgres user reaches its cluster inside
    cluster = Cluster(root)
    results, saves, records = [], [], []
    try:
        log(f"vlastní PostgreSQL v {cluster.dir}, port {cluster.port}")
        cluster.start()
        env = site_environment("kpss_site.settings.dev", cluster, root)
        if not args.reuse:
            with cluster.connect(dbname="postgres", autocommit=True) as conn:
                conn.execute(f'CREATE DATABASE "{DB_NAME}"')
            run.manage("migrate", "--no-input", "-v0", env=env)
            run.manage("kpss_demo", "-v0", env=env)  # runs kpss_setup first
            run.manage("collectstatic", "--no-input", "-v0", env=env)
        in_process(cluster, root)
        urls, editors_ = reader_urls(), editors()
        from django.db import connection, connections

        with connection.cursor() as cursor:
            cursor.execute("SELECT version()")
            postgresql = cursor.fetchone()[0].split(" on ")[0]
        connections.close_all()
        port = free_port()
        base = f"http://127.0.0.1:{port}"
        for health_checks in variants:
            with gunicorn(cluster, root, port, health_checks):
                for editor in editors_:
                    editor.session = sign_in(base, editor.username)
                    probe = Load(base, urls, editors_, cluster)
                    form = open_form(probe, editor)
                    if form is None or save(probe, editor, form) != "ack":
                        raise RuntimeError(
                            f"{editor.username}: koncept se neuložil: {probe.records}"
                        )
                for mode in modes:
                    result, acknowledged, timeline = scenario(
                        base, urls, editors_, cluster, mode, health_checks, args
                    )
                    results.append(result)
                    saves += acknowledged
                    records.append({"scenario": result["scenario"], **timeline})
    finally:
        from django.conf import settings

        if settings.configured:
            from django.db import connections

            connections.close_all()
        try:
            cluster.stop()
        except RuntimeError as error:  # the original error, if any, matters more
            log(f"cluster se nezastavil: {error}")
        if cluster.log.exists():
            shutil.copyfile(cluster.log, WORK / "faults-postgresql.log")
        if args.keep or args.reuse:
            log(f"cluster zůstal v {root} (--reuse {root})")
        else:
            shutil.rmtree(root, ignore_errors=True)
    setup = {
        "date": time.strftime("%Y-%m-%d"),
        "before_s": args.before,
        "after_s": args.after,
        "total_s": round(time.monotonic() - started),
        "machine": run.host(),
        "postgresql": postgresql,
        "urls": urls,
        "readers": READERS,
        "editors": [e.username for e in editors_],
        "gunicorn": f"{WORKERS} gthread workers x {THREADS} threads",
        "target_s": TARGET_S,
    }
    print(table(results))
    ok = not any(r["missed"] for r in results)
    (ROOT / "docs" / "faults.json").write_text(
        json.dumps({"setup": setup, "scenarios": results, "ok": ok}, ensure_ascii=False, indent=2)
        + "\n"
    )
    (WORK / "faults-saves.json").write_text(json.dumps(saves, indent=1) + "\n")
    (WORK / "faults-records.json").write_text(json.dumps(records) + "\n")
    run.write_section(
        ROOT / "docs" / "faults.md",
        report(results, setup),
        "Naměřeno (`make bench-faults`)",
        "Database faults",
    )
    log(f"hotovo: docs/faults.md, docs/faults.json, uložení v {WORK / 'faults-saves.json'}")
    sys.exit(0 if ok else 1)


RUN = time.strftime("%Y%m%d%H%M%S")  # in the markers, so that a reused database tells runs apart
PASSWORD = secrets.token_urlsafe(16)  # the demo users', for this run only

if __name__ == "__main__":
    main()
