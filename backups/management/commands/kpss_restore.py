"""Restore an archive made by `kpss_backup` into the configured database and media directory.

Nothing is changed until the archive has proved whole: its manifest is read, its engine must be
the configured one, and every file is unpacked to a staging area and checked against its
SHA-256 checksum. The database is then replaced in one step (pg_restore in a single
transaction, or SQLite's backup API into the database file), the media are swapped in, and
the row counts are compared with the manifest. See docs/backup.md.
"""

import hashlib
import json
import shutil
import sqlite3
import sys
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.core.management.base import BaseCommand, CommandError
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor

from backups.management.commands.kpss_backup import (
    APPLICATION,
    DATABASE_FILES,
    ENGINE_NAMES,
    FORMAT,
    MANIFEST,
    MEDIA_DIR,
    WORK_PREFIX,
    created_display,
    database_engine,
    key_counts,
    media_root,
    pg_connection,
    pg_tool,
    run_pg,
    table_rows,
)
from caching import page_cache

CHUNK = 1024 * 1024
# pg_restore waits at most this long for a table another session holds, then fails whole.
LOCK_TIMEOUT = "60s"


def corrupt(archive, reason):
    return CommandError(
        f"Archiv {archive} je poškozený nebo to není záloha KPSS ({reason}); nic nebylo obnoveno."
    )


def read_archive(archive):
    """The opened archive, its manifest and its members by name."""
    if not archive.is_file():
        raise CommandError(f"Soubor {archive} neexistuje.")
    try:
        tar = tarfile.open(archive, mode="r:")  # noqa: SIM115 (closed by the caller)
    except (tarfile.TarError, OSError) as error:
        raise corrupt(archive, str(error) or type(error).__name__) from error
    try:
        members = {member.name: member for member in tar.getmembers()}
        if MANIFEST not in members:
            raise corrupt(archive, "chybí manifest.json")
        manifest = json.load(tar.extractfile(members[MANIFEST]))
        if (
            not isinstance(manifest, dict)
            or manifest.get("application") != APPLICATION
            or manifest.get("format") != FORMAT
            or manifest.get("engine") not in DATABASE_FILES
            or not isinstance(manifest.get("database"), dict)
            or not isinstance(manifest.get("files"), dict)
            or not isinstance(manifest.get("row_counts"), dict)
        ):
            raise corrupt(archive, "manifest neodpovídá formátu zálohy")
    except (tarfile.TarError, EOFError, OSError, ValueError) as error:
        tar.close()
        raise corrupt(archive, str(error) or type(error).__name__) from error
    except CommandError:
        tar.close()
        raise
    return tar, manifest, members


def check_members(archive, manifest, members):
    """The archive holds exactly the files its manifest lists, as regular files at safe paths."""
    problems = sorted((set(manifest["files"]) | {MANIFEST}) ^ set(members))
    for name, member in members.items():
        entry = manifest["files"].get(name, {}) if name != MANIFEST else {"sha256": ""}
        if (
            not member.isfile()
            or not safe_name(name, manifest["engine"])
            or not isinstance(entry, dict)
            or not isinstance(entry.get("sha256"), str)
        ):
            problems.append(name)
    if problems:
        raise corrupt(archive, "nesouhlasí seznam souborů: " + ", ".join(problems[:5]))


def safe_name(name, engine):
    if name in (MANIFEST, DATABASE_FILES[engine]):
        return True
    path = PurePosixPath(name)
    return (
        not path.is_absolute()
        and len(path.parts) > 1
        and path.parts[0] == MEDIA_DIR
        and not any(part in ("", ".", "..") for part in path.parts)
        and not path.parts[1].startswith(WORK_PREFIX)
    )


def unpack(archive, tar, member, destination, checksum):
    """Write one member to its place, refusing it if its bytes differ from the manifest."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    try:
        with tar.extractfile(member) as source, open(destination, "wb") as target:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                target.write(chunk)
    except (tarfile.TarError, EOFError) as error:
        raise corrupt(archive, f"{member.name}: {error}") from error
    except OSError as error:
        raise CommandError(f"Nelze zapsat {destination}: {error}. Nic nebylo obnoveno.") from error
    if digest.hexdigest() != checksum["sha256"]:
        raise CommandError(
            f"Kontrolní součet souboru {member.name} v archivu {archive} nesouhlasí s manifestem: "
            f"archiv je poškozený nebo byl změněn. Nic nebylo obnoveno."
        )


class Command(BaseCommand):
    help = (
        "Obnoví zálohu z kpss_backup do nastavené databáze a adresáře médií (přepíše je) a "
        "ověří ji podle manifestu."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="Archiv zálohy (kpss-RRRRMMDD-HHMMSS.tar).")
        parser.add_argument(
            "--yes", action="store_true", help="Neptat se na potvrzení (obnova přepisuje data)."
        )
        parser.add_argument("--database", default=DEFAULT_DB_ALIAS)

    def handle(self, *args, **options):
        archive = Path(options["archive"])
        alias = options["database"]
        connection = connections[alias]
        engine = database_engine(connection)
        tar, manifest, members = read_archive(archive)
        with tar:
            if manifest["engine"] != engine:
                raise CommandError(
                    f"Záloha {archive} je z databáze {ENGINE_NAMES[manifest['engine']]}, ale "
                    f"nastavená databáze je {ENGINE_NAMES[engine]}: obnovit ji sem nelze. Nic "
                    f"nebylo obnoveno."
                )
            check_members(archive, manifest, members)
            pg_restore = self.check_postgresql_tools(manifest) if engine == "postgresql" else None
            root = media_root()
            with_media = manifest.get("media") == "included"
            if with_media and root is None:
                raise CommandError(
                    "Záloha obsahuje média, ale web je ukládá do objektového úložiště: obnovte je "
                    "tam nástroji úložiště (docs/backup.md). Nic nebylo obnoveno."
                )
            if not options["yes"]:
                self.confirm(archive, manifest, connection, root if with_media else None)

            media = root if with_media else None
            self.restore(archive, tar, manifest, members, connection, media, pg_restore)

        # Cached pages and fragments show the data from before the restore.
        page_cache.invalidate({page_cache.ALL})
        self.verify(connection, manifest)
        self.report_migrations(connection)
        media = (
            f"soubory médií: {len(manifest['files']) - 1}"
            if with_media
            else "média se neobnovovala (objektové úložiště)"
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Obnoveno ze zálohy {archive.name} (vytvořena {created_display(manifest)}): "
                f"{key_counts(manifest['row_counts'])}, {media}. Počty řádků všech "
                f"{len(manifest['row_counts'])} tabulek souhlasí se zálohou."
            )
        )

    def restore(self, archive, tar, manifest, members, connection, media_dir, pg_restore):
        """The database, then the media (when `media_dir`), from the opened archive."""
        engine = database_engine(connection)
        with tempfile.TemporaryDirectory(prefix=WORK_PREFIX) as work:
            database_file = Path(work) / DATABASE_FILES[engine]
            name = DATABASE_FILES[engine]
            unpack(archive, tar, members[name], database_file, manifest["files"][name])
            if engine == "postgresql":
                self.check_newer_tables(connection, database_file, pg_restore)
            staging = (
                self.stage_media(archive, tar, manifest, members, media_dir) if media_dir else None
            )
            try:
                if engine == "sqlite":
                    self.restore_sqlite(connection, database_file)
                else:
                    self.restore_postgresql(connection, database_file, manifest, pg_restore)
                if staging:
                    self.swap_media(media_dir, staging)
            finally:
                if staging and staging.exists():
                    shutil.rmtree(staging)

    def check_newer_tables(self, connection, database_file, pg_restore):
        """pg_restore --clean drops only what the dump holds: tables of a newer release would
        stay beside the restored ones and break a later `migrate`."""
        listing = run_pg([pg_restore.path, "--list", str(database_file)], None, "pg_restore")
        dumped = {
            fields[5]
            for fields in (line.split() for line in listing.stdout.splitlines())
            if len(fields) > 5 and fields[3] == "TABLE" and fields[4] != "DATA"
        }
        with connection.cursor() as cursor:
            extra = sorted(set(connection.introspection.table_names(cursor)) - dumped)
        if extra:
            raise CommandError(
                f"V databázi „{connection.settings_dict['NAME']}“ jsou tabulky, které záloha "
                f"nemá ({', '.join(extra[:5])}): databáze je z novější verze aplikace. Obnovte "
                f"zálohu do nově vytvořené prázdné databáze (docs/backup.md). Nic nebylo "
                f"obnoveno."
            )

    def check_postgresql_tools(self, manifest):
        pg_restore = pg_tool("pg_restore")
        made_by = manifest["database"].get("pg_dump_major", 0)
        if pg_restore.major < made_by:
            raise CommandError(
                f"Zálohu vytvořil pg_dump verze {made_by}, ale pg_restore ({pg_restore.path}) má "
                f"verzi {pg_restore.major} a novější formát nepřečte: nainstalujte klienta "
                f"PostgreSQL {made_by} nebo novějšího. Nic nebylo obnoveno."
            )
        return pg_restore

    def confirm(self, archive, manifest, connection, root):
        where = f"databázi „{connection.settings_dict['NAME']}“"
        if root:
            where += f" a média v {root}"
        self.stdout.write(
            f"Obnova ze zálohy {archive.name} (vytvořena {created_display(manifest)}; "
            f"{key_counts(manifest['row_counts'])}) PŘEPÍŠE {where}.\n"
            f"Pokračovat? Napište „ano“: ",
            ending="",
        )
        self.stdout.flush()
        try:
            answer = sys.stdin.readline()
            if not sys.stdin.isatty():  # a piped answer is not echoed
                self.stdout.write(answer.strip())
        except OSError:  # no terminal to ask
            answer = ""
        if answer.strip().lower() != "ano":
            raise CommandError(
                "Obnova nebyla potvrzena, nic nebylo změněno. Bez dotazu ji spustíte volbou "
                "--yes (make restore FILE=… YES=1)."
            )

    def stage_media(self, archive, tar, manifest, members, root):
        """Unpack the media inside the media root (same file system, so the swap is renames)."""
        root.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=root, prefix=WORK_PREFIX))
        try:
            for name, checksum in manifest["files"].items():
                if name.startswith(f"{MEDIA_DIR}/"):
                    relative = PurePosixPath(name).relative_to(MEDIA_DIR)
                    unpack(archive, tar, members[name], staging.joinpath(*relative.parts), checksum)
        except BaseException:
            shutil.rmtree(staging)
            raise
        return staging

    def swap_media(self, root, staging):
        retired = Path(tempfile.mkdtemp(dir=root, prefix=WORK_PREFIX))
        for entry in root.iterdir():
            if entry not in (staging, retired) and not entry.name.startswith(WORK_PREFIX):
                entry.rename(retired / entry.name)
        for entry in staging.iterdir():
            entry.rename(root / entry.name)
        shutil.rmtree(retired)

    def restore_sqlite(self, connection, database_file):
        """SQLite's backup API writes the whole database in one locked step, so connections of
        a running site see the old or the new database, never a mixture."""
        source = sqlite3.connect(database_file)
        try:
            if source.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                raise CommandError(
                    "Databáze v záloze neprošla kontrolou SQLite; nic nebylo obnoveno."
                )
            connection.ensure_connection()
            source.backup(connection.connection)
        except sqlite3.Error as error:
            raise CommandError(f"Obnova databáze SQLite selhala: {error}") from error
        finally:
            source.close()

    def restore_postgresql(self, connection, database_file, manifest, pg_restore):
        args, env = pg_connection(connection)
        env["PGOPTIONS"] = f"{env.get('PGOPTIONS', '')} -c lock_timeout={LOCK_TIMEOUT}".strip()
        connection.ensure_connection()
        if connection.in_atomic_block:
            raise CommandError("Obnovu nelze spustit uvnitř transakce; nic nebylo obnoveno.")
        server_major = connection.pg_version // 10000
        command = [
            pg_restore.path,
            "--clean",
            "--if-exists",
            "--no-owner",
            # Grants name roles that need not exist on this server; the owner needs none.
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(database_file),
        ]
        try:
            run_pg(command, env, "pg_restore")
        except CommandError as error:
            hint = ""
            source_major = manifest["database"].get("server_major", 0)
            if server_major < source_major:
                hint = (
                    f" Záloha pochází ze serveru PostgreSQL {source_major}, tento server má verzi "
                    f"{server_major}: obnovte ji na server stejné nebo novější verze."
                )
            raise CommandError(
                f"{error} Obnova běží v jedné transakci, databáze zůstala beze změny.{hint}"
            ) from error

    def verify(self, connection, manifest):
        expected = manifest["row_counts"]
        with connection.cursor() as cursor:
            existing = set(connection.introspection.table_names(cursor))
            missing = sorted(set(expected) - existing)
            counts = table_rows(connection, cursor, set(expected) & existing)
        differences = [
            f"{table}: {counts[table]} místo {rows}"
            for table, rows in sorted(expected.items())
            if table in counts and counts[table] != rows
        ]
        if missing or differences:
            raise CommandError(
                "Databáze byla obnovena, ale neodpovídá manifestu zálohy, takže záloha není "
                "spolehlivá (obnovte jinou): "
                + "; ".join([f"chybí tabulka {table}" for table in missing] + differences)
            )

    def report_migrations(self, connection):
        executor = MigrationExecutor(connection)
        unknown = set(executor.loader.applied_migrations) - set(executor.loader.disk_migrations)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if unknown:
            self.stdout.write(
                self.style.WARNING(
                    f"Záloha pochází z novější verze aplikace ({len(unknown)} migrací tento kód "
                    f"nezná): nasaďte odpovídající verzi kódu."
                )
            )
        elif pending:
            self.stdout.write(
                self.style.WARNING(
                    f"Záloha pochází ze starší verze aplikace: spusťte „python manage.py migrate“ "
                    f"({len(pending)} migrací čeká)."
                )
            )
