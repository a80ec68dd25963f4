"""The embedded SQLite default takes several editors at once: saves that meet Wagtail's autosave,
editing-session pings, sign-ins and a scanner's failed sign-ins all get an answer (never a
server error, "database is locked"), and every saved edit is kept. Reading a page writes
nothing, so it never waits for SQLite's single write lock on its own account.

A real server (gunicorn, several processes with several threads) on a real SQLite file: an
in-memory database or one process would serialise what must here run at the same time.
"""

import json
import re
import sqlite3
import sys
import threading
from contextlib import ExitStack, closing
from pathlib import Path
from urllib.parse import urlparse

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

from kpss_pages import factories
from tests.admin_forms import page_form_data
from tests.route import publish
from tests.servers import Browser, database_url, free_port, server_env, start

EDITORS = 5
ROUNDS = 2
PASSWORD = "heslo-pro-testy-123"


class Editor:
    """One person in one browser: signs in, opens the editor, autosaves and saves."""

    def __init__(self, url, username, page):
        self.url, self.username, self.page = url, username, page
        self.browser = Browser()
        self.answers = []  # (what, status)
        self.saved = []  # titles the server confirmed as saved
        self.autosaved = []  # whether each autosave succeeded

    def get(self, path):
        return self.request("open editor", path)

    def request(self, what, path, data=None, headers=None):
        response = self.browser.request(self.url + path, data, headers)
        self.answers.append((what, response.status_code))
        return response

    def sign_in(self):
        self.request("sign-in form", "/admin/login/")
        self.request(
            "sign in",
            "/admin/login/",
            {
                "username": self.username,
                "password": PASSWORD,
                "csrfmiddlewaretoken": self.browser.cookie("csrftoken"),
            },
        )

    def edit(self, number):
        edit = f"/admin/pages/{self.page.pk}/edit/"
        for round_ in range(ROUNDS):
            title = f"Stránka {number}, úprava {round_}"
            data = page_form_data(self, edit, self.page, title=f"{title} (rozepsáno)")
            html = self.browser.last_html
            # The admin's script sends the token; the cookie's value is an accepted one.
            token = self.browser.cookie("csrftoken")
            data["csrfmiddlewaretoken"] = token
            json_headers = {"Accept": "application/json", "X-CSRFToken": token}
            ping = re.search(r'data-w-swap-src-value="([^"]*/editing-sessions/[^"]*)"', html)
            assert ping, "the editor pings its editing session"
            self.request("ping", ping.group(1), {"is_editing": "1"}, {"X-CSRFToken": token})
            first = json.loads(self.request("autosave", edit, data, json_headers).content)
            data["title"] = f"{title} (rozepsáno dál)"
            data["overwrite_revision_id"] = str(first["revision_id"])
            again = json.loads(self.request("autosave", edit, data, json_headers).content)
            self.autosaved += [first["success"], again["success"]]
            del data["overwrite_revision_id"]
            data["title"] = title
            if self.request("save", edit, data).status_code == 302:
                self.saved.append(title)


def revision_titles(path, page_id):
    with closing(sqlite3.connect(path)) as db:
        rows = db.execute(
            "SELECT content FROM wagtailcore_revision WHERE object_id = ? ORDER BY id",
            (str(page_id),),
        ).fetchall()
    return [json.loads(content)["title"] for (content,) in rows]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_saves_autosaves_and_sign_ins_on_sqlite_lose_nothing_and_never_fail(
    home, django_user_model, tmp_path
):
    if connection.vendor != "sqlite":
        pytest.skip("the embedded default: SQLite")
    editors_pages = []
    for number in range(EDITORS):
        username = f"redaktor{number}"
        django_user_model.objects.create_superuser(username, f"{username}@example.cz", PASSWORD)
        page = factories.StandardPageFactory(parent=home, title=f"Stránka {number}")
        publish(page)
        editors_pages.append((username, page))
    url = database_url(tmp_path)
    port = free_port()
    env = server_env(
        DJANGO_SETTINGS_MODULE="kpss_site.settings.test",
        DATABASE_URL=url,
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    command = [
        str(Path(sys.executable).parent / "gunicorn"),
        "kpss_site.wsgi:application",
        "--worker-class=gthread",
        "--workers=3",
        "--threads=4",
        f"--bind=127.0.0.1:{port}",
        "--timeout=120",
    ]
    server = f"http://127.0.0.1:{port}"
    editors = [Editor(server, username, page) for username, page in editors_pages]
    scanner = Editor(server, "neznamy", None)
    start_together = threading.Barrier(EDITORS + 1)

    def work(editor, number):
        start_together.wait()
        editor.sign_in()
        editor.edit(number)

    def scan():
        start_together.wait()
        for attempt in range(12):
            scanner.request("scanner", "/admin/login/")
            scanner.request(
                "scanner",
                "/admin/login/",
                {
                    "username": f"admin{attempt}",
                    "password": "spatne-heslo-123",
                    "csrfmiddlewaretoken": scanner.browser.cookie("csrftoken"),
                },
            )

    with ExitStack() as stack:
        log = tmp_path / "server.log"
        start(stack, command, env, port, log)
        threads = [
            threading.Thread(target=work, args=(editor, number))
            for number, editor in enumerate(editors)
        ]
        threads.append(threading.Thread(target=scan))
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=600)
        errors = [
            (who.username, what, status)
            for who in [*editors, scanner]
            for what, status in who.answers
            if status >= 500
        ]
        assert not errors, (errors, log.read_text(errors="replace")[-3000:])

    database = urlparse(url).path
    for editor in editors:
        expected = [f"Stránka {editors.index(editor)}, úprava {r}" for r in range(ROUNDS)]
        assert editor.saved == expected, editor.answers
        assert editor.autosaved == [True] * 2 * ROUNDS
        titles = revision_titles(database, editor.page.pk)
        assert [t for t in titles if t in expected] == expected, "every save is kept, in order"
        assert titles[-1] == expected[-1], "the last save is the draft the editor sees"


WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE")


def writes_of(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code in (200, 302, 404), (url, response.status_code)
    return [q["sql"][:120] for q in queries if q["sql"].lstrip().upper().startswith(WRITES)]


@pytest.mark.django_db
def test_plain_gets_of_the_public_site_and_the_admin_write_nothing(
    client, make_user, plan, chapter
):
    """Anonymous visitors, scanners and signed-in people of each role. Known writes, kept on
    purpose: Wagtail's editor registers an editing session each time it opens (its pings need
    the row), a person's first page view creates their Wagtail profile, and a signed-in
    session notes its last activity once a minute (the idle time-out, accounts/sessions.py)."""
    public = ["/", plan.url, chapter.url, f"{chapter.url}historie/", "/hledat/?q=senior"]
    anonymous = [*public, "/admin/", "/admin/login/", "/sitemap.xml", "/neexistuje/"]
    admin = [
        "/admin/",
        "/admin/pages/",
        f"/admin/pages/{plan.pk}/",
        f"/admin/pages/{chapter.pk}/history/",
        "/admin/reports/site-history/",
    ]
    written = {url: writes_of(client, url) for url in anonymous}
    for username, group in [
        ("manazerka", "Manažerský tým"),
        ("skupina", "Pracovní skupina – Senioři"),
        ("auditorka", "Auditor"),
    ]:
        make_user(username, group)
        client.post("/admin/login/", {"username": username, "password": PASSWORD})
        client.get(chapter.url)  # the first view creates the person's Wagtail profile
        for url in [*public, *admin]:
            written[f"{username} {url}"] = writes_of(client, url)
        client.logout()
    assert {url: sql for url, sql in written.items() if sql} == {}
