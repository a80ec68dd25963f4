"""The site in a server process of its own, on a copy of the test database, for what only a real
server shows: the settings `make run` serves with, and several requests at the same time."""

import os
import signal
import socket
import sqlite3
import subprocess
import time
from contextlib import closing
from http.cookiejar import CookieJar
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import HTTPCookieProcessor, HTTPRedirectHandler, Request, build_opener

from django.db import connection

ROOT = Path(__file__).resolve().parent.parent
# Variables of this test run that a server process must not inherit.
LOCAL_ONLY = {
    "DJANGO_SETTINGS_MODULE",
    "DJANGO_ALLOW_ASYNC_UNSAFE",
    "DATABASE_URL",
    "DEBUG",
    "SECRET_KEY",
    "REDIS_URL",
    "CACHE_KEY_PREFIX",
}


def free_port():
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url(directory):
    """A URL another process can open holding what this test committed: for SQLite a copy
    of the test database's file (through SQLite's backup API, so it is consistent), for
    PostgreSQL the test database itself."""
    if connection.vendor == "sqlite":
        path = Path(directory) / "kpss.sqlite3"
        connection.ensure_connection()
        with closing(sqlite3.connect(path)) as target:
            connection.connection.backup(target)
        return f"sqlite:///{path}"
    db = connection.settings_dict
    return f"postgres://{db['USER']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def server_env(**values):
    env = {k: v for k, v in os.environ.items() if k not in LOCAL_ONLY}
    env.update(values)
    return env


def start(stack, command, env, port, log):
    """Start `command` in a process group of its own (runserver's reloader forks a child) and
    wait until it accepts connections on `port`; the group is stopped when `stack` closes.
    Its output goes to the file `log` (a pipe nobody reads would fill and stop the server)."""
    output = stack.enter_context(open(log, "wb"))  # noqa: SIM115
    process = subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=env,
        stdout=output,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )

    def stop():
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=20)

    stack.callback(stop)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            with closing(socket.create_connection(("127.0.0.1", port), timeout=1)):
                return process
        except OSError:
            assert process.poll() is None, Path(log).read_text(errors="replace")
            time.sleep(0.2)
    raise AssertionError(f"{command[0]} did not start on port {port}")


class NoRedirect(HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Response:
    def __init__(self, status, headers, body):
        self.status_code, self.headers, self.content = status, headers, body


class Browser:
    """A browser's cookie jar; redirects are answers, not followed. Keeps the HTML of the last
    page it got (for URLs the admin's scripts would read from it)."""

    def __init__(self):
        self.jar = CookieJar()
        self.opener = build_opener(HTTPCookieProcessor(self.jar), NoRedirect())
        self.last_html = ""

    def request(self, url, data=None, headers=None):
        body = urlencode(data, doseq=True).encode() if data is not None else None
        request = Request(url, data=body, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=120) as answer:  # noqa: S310
                response = Response(answer.status, answer.headers, answer.read())
        except HTTPError as error:
            response = Response(error.code, error.headers, error.read())
        if data is None:
            self.last_html = response.content.decode(errors="replace")
        return response

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)
