"""Back up the database and the media into one archive that `kpss_restore` restores.

The archive ``kpss-YYYYmmdd-HHMMSS.tar`` holds ``database.dump`` (PostgreSQL, pg_dump's custom
format) or ``database.sqlite3`` (SQLite's online backup API), ``media/`` and ``manifest.json``:
engine, time, applied migrations, row counts of every table and a SHA-256 checksum of every
file. Both are consistent while the site runs. See docs/backup.md.
"""

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.template.defaultfilters import filesizeformat
from django.utils import timezone

FORMAT = 1
APPLICATION = "kpss"
MANIFEST = "manifest.json"
DATABASE_FILES = {"postgresql": "database.dump", "sqlite": "database.sqlite3"}
ENGINE_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
MEDIA_DIR = "media"
# Work files and the media a restore stages beside the live files; never backed up.
WORK_PREFIX = ".kpss-"
ARCHIVE_NAME = re.compile(r"^kpss-\d{8}-\d{6}\.tar$")
# Shown in the summaries of both commands.
KEY_TABLES = [
    ("wagtailcore_page", "stránky"),
    ("wagtailcore_revision", "revize"),
    ("wagtailcore_pagelogentry", "historie stránek"),
    ("audit_rolechange", "změny rolí"),
]


def database_engine(connection):
    if connection.vendor not in DATABASE_FILES:
        raise CommandError(
            f"Zálohovat a obnovit umí jen PostgreSQL a SQLite; nastavená databáze je "
            f"{connection.vendor}."
        )
    return connection.vendor


def media_root():
    """The media directory, or None when media live elsewhere (object storage through
    django-storages), where the storage's own versioning or replication keeps them."""
    storage = storages["default"]
    return Path(storage.location) if isinstance(storage, FileSystemStorage) else None


@dataclass
class PgTool:
    path: str
    major: int
    version: str


def pg_tool(name):
    path = shutil.which(name)
    if path is None:
        raise CommandError(
            f"Program {name} nebyl nalezen: nainstalujte klienta PostgreSQL (Debian: balíček "
            f"postgresql-client) ve verzi serveru nebo novější."
        )
    # A fixed program with a fixed option.
    output = subprocess.run(  # noqa: S603
        [path, "--version"], capture_output=True, text=True, check=False
    ).stdout
    match = re.search(r"\(PostgreSQL\)\s+((\d+)\S*)", output)
    if match is None:
        raise CommandError(f"Nepodařilo se zjistit verzi programu {path}: {output.strip()!r}")
    return PgTool(path=path, major=int(match.group(2)), version=match.group(1))


def pg_connection(connection):
    """libpq options and environment for pg_dump and pg_restore.

    The password and TLS settings go through the environment as Django's own psql client sets
    them (PGPASSWORD, PGSSLMODE, …), never on the command line, where other users could see it.
    """
    settings_dict = connection.settings_dict
    _args, env = connection.client_class.settings_to_cmd_args_env(settings_dict, [])
    args = []
    for option, key in (("--username", "USER"), ("--host", "HOST"), ("--port", "PORT")):
        if settings_dict.get(key):
            args.append(f"{option}={settings_dict[key]}")
    service = settings_dict["OPTIONS"].get("service")
    args.append(f"--dbname={settings_dict['NAME'] or f'service={service}'}")
    return args, {**os.environ, **(env or {})}


def run_pg(args, env, program):
    # The arguments are the database settings and paths this command builds, without a shell.
    result = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        raise CommandError(f"{program} selhal: {result.stderr.strip()}")
    return result


def table_rows(connection, cursor, tables):
    counts = {}
    for table in sorted(tables):
        # Table names come from Django's models, quoted by the backend.
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        counts[table] = cursor.fetchone()[0]
    return counts


def applied_migrations(cursor):
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, id")
    migrations = {}
    for app, name in cursor.fetchall():
        migrations.setdefault(app, []).append(name)
    return migrations


def dump_sqlite(connection, path):
    """Copy the database with SQLite's backup API (a consistent copy while others write)."""
    if connection.in_atomic_block:
        # The backup would wait for this very transaction to end.
        raise CommandError("Zálohu SQLite nelze spustit uvnitř neukončené transakce.")
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        existing = {row[0] for row in cursor.fetchall()}
        tables = existing & set(connection.introspection.django_table_names())
        counts = table_rows(connection, cursor, tables)
        migrations = applied_migrations(cursor)
    finally:
        copy.close()
    details = {"sqlite_version": sqlite3.sqlite_version}
    return details, counts, migrations


def dump_postgresql(alias, path):
    """pg_dump in a snapshot exported by a read-only transaction, which then counts the rows:
    the counts and the migrations describe exactly what the dump holds."""
    pg_dump = pg_tool("pg_dump")
    snapshot_connection = connections.create_connection(alias)
    try:
        server_major = snapshot_connection.pg_version // 10000
        if pg_dump.major < server_major:
            raise CommandError(
                f"Server PostgreSQL má verzi {server_major}, ale pg_dump ({pg_dump.path}) jen "
                f"{pg_dump.major}: starší pg_dump novější server nezazálohuje. Nainstalujte "
                f"klienta PostgreSQL {server_major} (Debian: postgresql-client-{server_major}) "
                f"a dejte jeho bin/ do PATH."
            )
        with snapshot_connection.cursor() as cursor:
            cursor.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
            cursor.execute("SELECT pg_export_snapshot(), current_setting('server_version')")
            snapshot, server_version = cursor.fetchone()
            args, env = pg_connection(snapshot_connection)
            run_pg(
                [
                    pg_dump.path,
                    "--format=custom",
                    "--no-owner",
                    f"--snapshot={snapshot}",
                    f"--file={path}",
                    *args,
                ],
                env,
                "pg_dump",
            )
            introspection = snapshot_connection.introspection
            tables = set(introspection.table_names(cursor)) & set(
                introspection.django_table_names()
            )
            counts = table_rows(snapshot_connection, cursor, tables)
            migrations = applied_migrations(cursor)
            cursor.execute("COMMIT")
    finally:
        snapshot_connection.close()
    details = {
        "server_version": server_version,
        "server_major": server_major,
        "pg_dump_version": pg_dump.version,
        "pg_dump_major": pg_dump.major,
    }
    return details, counts, migrations


class HashingReader:
    """Hashes what tarfile reads, so the checksum is of exactly the bytes archived."""

    def __init__(self, file):
        self.file = file
        self.hash = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.hash.update(data)
        return data


def add_file(tar, path, arcname):
    with open(path, "rb") as file:
        info = tar.gettarinfo(arcname=arcname, fileobj=file)
        info.mode, info.uid, info.gid, info.uname, info.gname = 0o600, 0, 0, "", ""
        reader = HashingReader(file)
        tar.addfile(info, reader)
    return {"sha256": reader.hash.hexdigest(), "size": info.size}


def media_files(root):
    """Every file under the media root, as (path, name relative to the root), in order."""
    if not root.is_dir():
        return []
    found = []
    for directory, subdirectories, files in os.walk(root):
        if Path(directory) == root:
            subdirectories[:] = [
                name for name in subdirectories if not name.startswith(WORK_PREFIX)
            ]
        subdirectories.sort()
        for name in sorted(files):
            path = Path(directory) / name
            found.append((path, path.relative_to(root).as_posix()))
    return found


def created_display(manifest):
    try:
        moment = timezone.localtime(datetime.fromisoformat(manifest["created_at"]))
    except (KeyError, TypeError, ValueError):
        return "neznámo kdy"
    return f"{moment.day}. {moment.month}. {moment.year} {moment:%H:%M:%S}"


def key_counts(counts):
    return ", ".join(f"{label}: {counts.get(table, 0)}" for table, label in KEY_TABLES)


class Command(BaseCommand):
    help = (
        "Zazálohuje databázi (PostgreSQL: pg_dump, SQLite: zálohovací API) a média do jednoho "
        "archivu kpss-RRRRMMDD-HHMMSS.tar s manifestem (docs/backup.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dir",
            default=Path(settings.BASE_DIR) / "var" / "backups",
            help="Adresář záloh (výchozí var/backups v adresáři projektu).",
        )
        parser.add_argument(
            "--keep",
            type=int,
            default=0,
            help="Ponechat jen tolik nejnovějších záloh v adresáři (0 = ponechat všechny).",
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        if options["keep"] < 0:
            raise CommandError("--keep musí být 0 (ponechat vše) nebo kladný počet záloh.")
        alias = options["database"]
        engine = database_engine(connections[alias])
        root = media_root()
        directory = Path(options["dir"])
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        created = timezone.now()
        target = directory / f"kpss-{timezone.localtime(created):%Y%m%d-%H%M%S}.tar"
        if target.exists():
            raise CommandError(f"Záloha {target} už existuje; spusťte zálohu znovu za chvíli.")

        with tempfile.TemporaryDirectory(dir=directory, prefix=WORK_PREFIX) as work:
            database_file = Path(work) / DATABASE_FILES[engine]
            if engine == "sqlite":
                details, counts, migrations = dump_sqlite(connections[alias], database_file)
            else:
                details, counts, migrations = dump_postgresql(alias, database_file)
            manifest = {
                "format": FORMAT,
                "application": APPLICATION,
                "created_at": created.isoformat(),
                "engine": engine,
                "database": {"file": DATABASE_FILES[engine], **details},
                "migrations": migrations,
                "row_counts": counts,
                "media": "included" if root else "external",
            }
            self.write_archive(target, database_file, root, manifest)

        self.stdout.write(
            self.style.SUCCESS(
                f"Záloha uložena: {target} ({filesizeformat(target.stat().st_size)}; "
                f"{ENGINE_NAMES[engine]}, {key_counts(counts)}, "
                + (
                    f"soubory médií: {len(manifest['files']) - 1})."
                    if root
                    else "média jsou v objektovém úložišti a v záloze nejsou)."
                )
            )
        )
        if options["keep"]:
            self.remove_old(directory, options["keep"])

    def write_archive(self, target, database_file, root, manifest):
        """Written under a temporary name and renamed when complete: an archive with the final
        name is always whole. Only its owner may read it (it holds personal data)."""
        handle, partial = tempfile.mkstemp(dir=target.parent, prefix=WORK_PREFIX, suffix=".part")
        try:
            with os.fdopen(handle, "wb") as raw:
                with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as tar:
                    name = DATABASE_FILES[manifest["engine"]]
                    files = {name: add_file(tar, database_file, name)}
                    for path, relative in media_files(root) if root else []:
                        try:
                            files[f"{MEDIA_DIR}/{relative}"] = add_file(
                                tar, path, f"{MEDIA_DIR}/{relative}"
                            )
                        except FileNotFoundError:
                            continue  # deleted by the site while the backup ran
                    manifest["files"] = files
                    data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
                    info = tarfile.TarInfo(MANIFEST)
                    info.size, info.mode, info.mtime = (
                        len(data),
                        0o600,
                        int(timezone.now().timestamp()),
                    )
                    tar.addfile(info, io.BytesIO(data))
                raw.flush()
                os.fsync(raw.fileno())
            os.replace(partial, target)
        except OSError as error:
            raise CommandError(f"Zálohu se nepodařilo zapsat do {target}: {error}") from error
        finally:
            if os.path.exists(partial):
                os.unlink(partial)

    def remove_old(self, directory, keep):
        archives = sorted(path for path in directory.iterdir() if ARCHIVE_NAME.match(path.name))
        for path in archives[:-keep]:
            path.unlink()
            self.stdout.write(f"Smazána starší záloha {path.name} (ponechává se {keep}).")
