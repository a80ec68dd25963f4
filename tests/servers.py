"""The site in a server process of its own, on a copy of the test database, for what only a real
server shows: the settings `make run` serves with, and several requests at the same time."""

import os
import signal
import socket
import sqlite3
import subprocess
import time
from contextlib import closing
from pathlib import Path

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
    """A URL another process can open holding what this test committed: for SQLite (an
    in-memory test database) a file copy, for PostgreSQL the test database itself."""
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


def start(stack, command, env, port):
    """Start `command` in a process group of its own (runserver's reloader forks a child) and
    wait until it accepts connections on `port`; the group is stopped when `stack` closes."""
    process = subprocess.Popen(  # noqa: S603
        command,
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
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
            assert process.poll() is None, process.stderr.read().decode()
            time.sleep(0.2)
    raise AssertionError(f"{command[0]} did not start on port {port}")
