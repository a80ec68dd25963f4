"""`make backup` and `make restore`: an archive restores into a fresh database with the same
pages, revisions, history, audit rows and media files, on PostgreSQL and SQLite alike; a damaged,
foreign or unconfirmed archive changes nothing."""

import io
import json
import os
import tarfile

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import DEFAULT_DB_ALIAS, connections

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, Page, PageLogEntry, Revision

import pytest
import wagtail_factories

from audit.models import ArchivedRevision, RoleChange, SignInEvent
from kpss_pages import factories
from kpss_pages.models import Organisation, PlanChapterPage
from tests.route import publish

# Committed data: pg_dump reads the database through its own connection, and SQLite's backup
# API waits for open transactions. serialized_rollback puts back what kpss_setup provisioned
# once a test has flushed the database.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
RESTORED = "restored"
PASSWORD = "heslo-pro-testy-123"


def postgresql():
    return connections[DEFAULT_DB_ALIAS].vendor == "postgresql"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.fixture
def fresh_database(tmp_path):
    """A second, empty database under the alias `restored`: a new SQLite file, or a new
    PostgreSQL database named after the test database (dropped afterwards)."""
    settings_dict = dict(connections[DEFAULT_DB_ALIAS].settings_dict)
    admin = None
    if postgresql():
        settings_dict["NAME"] = f"{settings_dict['NAME']}_restored"[:63]
        admin = connections.create_connection(DEFAULT_DB_ALIAS)
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{settings_dict["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{settings_dict["NAME"]}"')
    else:
        settings_dict["NAME"] = str(tmp_path / "restored.sqlite3")
    connections.settings[RESTORED] = settings_dict
    # Connected now: Django's test case refuses new connections to aliases it does not manage.
    connections[RESTORED].connect()
    yield RESTORED
    connections[RESTORED].close()
    del connections[RESTORED]
    del connections.settings[RESTORED]
    if admin is not None:
        with admin.cursor() as cursor:
            cursor.execute(f'DROP DATABASE "{settings_dict["NAME"]}" WITH (FORCE)')
        admin.close()


def backup(directory, **options):
    out = io.StringIO()
    call_command("kpss_backup", dir=str(directory), stdout=out, **options)
    (archive,) = [path for path in directory.iterdir() if path.suffix == ".tar"]
    return archive, out.getvalue()


def restore(archive, **options):
    out = io.StringIO()
    call_command("kpss_restore", str(archive), stdout=out, **options)
    return out.getvalue()


def tables(alias):
    connection = connections[alias]
    with connection.cursor() as cursor:
        return connection.introspection.table_names(cursor)


def media_bytes(root):
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def snapshot(alias):
    """What must survive a restore, read from the database under `alias`."""

    def rows(model, *fields):
        return list(model.objects.using(alias).order_by("pk").values_list("pk", *fields))

    return {
        "pages": rows(Page, "title", "live", "has_unpublished_changes", "live_revision_id"),
        "revisions": rows(Revision, "object_id", "content", "created_at", "user_id"),
        "page log": rows(PageLogEntry, "action", "page_id", "revision_id", "user_id", "timestamp"),
        "model log": rows(ModelLogEntry, "action", "object_id", "user_id", "timestamp", "data"),
        "role changes": rows(RoleChange, "action", "user_name", "group_name", "created_at"),
        "sign-ins": rows(SignInEvent, "kind", "username", "created_at"),
        "archived revisions": rows(ArchivedRevision, "revision_id", "object_id", "content"),
        "organisation history": rows(
            Organisation.history.model, "id", "name", "history_type", "history_user_id"
        ),
        "documents": rows(get_document_model(), "title", "file", "file_hash"),
        "images": rows(get_image_model(), "title", "file", "width", "height"),
        "users": rows(get_user_model(), "username", "password"),
    }


def build_content(chapter, organisation, make_user, client):
    """A chapter with drafts and a published revision, page and snippet log entries, audit rows
    (role changes, sign-ins, the kept revisions of a deleted page), simple-history rows, and a
    document and an image with their files in media."""
    author = make_user("autorka", "Pracovní skupina – Senioři")
    admin = make_user("spravce", superuser=True)
    page = PlanChapterPage.objects.get(pk=chapter.pk)
    for title in ("Senioři 2027", "Senioři 2028"):
        page.title = title
        page.save_revision(user=author, log_action=True)
    page.get_latest_revision().publish(user=admin)
    page.title = "Senioři – rozpracováno"
    page.save_revision(user=author, log_action=True)

    organisation.name = "Charita Valašské Meziříčí"
    organisation.save()
    log(organisation, "wagtail.edit", user=admin)
    # Sign-ins through the form, as a person makes them (audit rows and a lockout counter).
    signed_in = client.post("/admin/login/", {"username": "autorka", "password": PASSWORD})
    assert signed_in.status_code == 302
    client.logout()
    refused = client.post("/admin/login/", {"username": "autorka", "password": "spatne-heslo"})
    assert refused.status_code == 200

    news = factories.StandardPageFactory(parent=chapter.get_parent(), title="Zrušená stránka")
    news.save_revision(user=author)
    news.save_revision(user=author)
    news.delete()

    get_document_model().objects.create(
        title="Zápis z jednání", file=ContentFile("Zápis: účast 12 členů.\n".encode(), "zapis.txt")
    )
    wagtail_factories.ImageFactory(title="Setkání")


def test_backup_restores_into_a_fresh_database(
    chapter, organisation, make_user, client, media, fresh_database, tmp_path, settings, monkeypatch
):
    build_content(chapter, organisation, make_user, client)
    original = snapshot(DEFAULT_DB_ALIAS)
    assert all(original.values()), "every kind of row is there to compare"
    assert len([r for r in original["revisions"] if r[1] == str(chapter.pk)]) >= 4
    original_media = media_bytes(media)
    assert len(original_media) == 2

    archive, output = backup(tmp_path / "zalohy")

    assert archive.name.startswith("kpss-") and "Záloha uložena" in output
    assert oct(archive.stat().st_mode & 0o777) == oct(0o600)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        manifest = json.load(tar.extractfile("manifest.json"))
    engine = "postgresql" if postgresql() else "sqlite"
    assert manifest["engine"] == engine
    assert ("database.dump" if postgresql() else "database.sqlite3") in names
    assert {f"media/{name}" for name in original_media} <= set(names)
    assert manifest["row_counts"]["wagtailcore_revision"] == len(original["revisions"])
    assert "0001_initial" in manifest["migrations"]["audit"]

    # The restore goes to another database and another media directory.
    restored_media = tmp_path / "obnovena-media"
    settings.MEDIA_ROOT = str(restored_media)
    monkeypatch.setattr("sys.stdin", io.StringIO("ano\n"))
    output = restore(archive, database=fresh_database)

    assert "PŘEPÍŠE" in output and "souhlasí se zálohou" in output
    assert snapshot(fresh_database) == original
    assert media_bytes(restored_media) == original_media
    restored = PlanChapterPage.objects.using(fresh_database).get(pk=chapter.pk)
    assert restored.title == "Senioři 2028" and restored.live
    assert restored.get_latest_revision().as_object().title == "Senioři – rozpracováno"


def test_restore_replaces_changed_data_and_media_and_the_cached_pages(
    chapter, organisation, make_user, client, media, tmp_path
):
    build_content(chapter, organisation, make_user, client)
    archive, _output = backup(tmp_path / "zalohy")
    original = snapshot(DEFAULT_DB_ALIAS)
    original_media = media_bytes(media)

    # After the backup: a new title is published and cached, a file is lost, another is added.
    page = PlanChapterPage.objects.get(pk=chapter.pk)
    page.title = "Senioři po záloze"
    publish(page)
    assert "Senioři po záloze" in client.get(page.url).text
    get_document_model().objects.get().file.delete(save=False)
    (media / "documents" / "navic.txt").write_text("po záloze")
    factories.OrganisationFactory(name="Po záloze")

    restore(archive, yes=True)

    assert snapshot(DEFAULT_DB_ALIAS) == original
    assert media_bytes(media) == original_media
    assert not Organisation.objects.filter(name="Po záloze").exists()
    response = client.get(page.url)
    assert "Senioři 2028" in response.text and "Senioři po záloze" not in response.text


def rewrite(archive, change):
    """Write the archive again with `change(name, data)` applied to every member."""
    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]
    with tarfile.open(archive, "w") as tar:
        for member, data in members:
            data = change(member.name, data)
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))


def change_manifest(archive, edit):
    def change(name, data):
        if name != "manifest.json":
            return data
        manifest = json.loads(data)
        edit(manifest)
        return json.dumps(manifest).encode()

    rewrite(archive, change)


@pytest.fixture
def archive(setup_data, media, tmp_path):
    """A backup of the provisioned database with one document."""
    get_document_model().objects.create(
        title="Zápis", file=ContentFile(b"Zapis z jednani.\n", "zapis.txt")
    )
    return backup(tmp_path / "zalohy")[0]


def assert_refused(archive, database, message, **options):
    with pytest.raises(CommandError, match=message):
        restore(archive, database=database, **options)
    assert tables(database) == [], "nothing was restored"


def test_restore_refuses_a_truncated_or_foreign_file(archive, fresh_database, tmp_path):
    data = archive.read_bytes()
    truncated = tmp_path / "zkracena.tar"
    truncated.write_bytes(data[: len(data) // 2])
    assert_refused(truncated, fresh_database, "je poškozený nebo to není záloha KPSS", yes=True)

    other = tmp_path / "jiny.tar"
    with tarfile.open(other, "w") as tar:
        tar.add(__file__, arcname="test_backup.py")
    assert_refused(other, fresh_database, "chybí manifest.json", yes=True)

    not_tar = tmp_path / "nahodny.tar"
    not_tar.write_bytes(os.urandom(4096))
    assert_refused(not_tar, fresh_database, "je poškozený", yes=True)

    with pytest.raises(CommandError, match="neexistuje"):
        restore(tmp_path / "neni.tar", database=fresh_database, yes=True)


def test_restore_refuses_an_archive_whose_checksums_do_not_match(archive, fresh_database, media):
    before = media_bytes(media)
    rewrite(archive, lambda name, data: data.replace(b"jednani", b"JEDNANI"))

    assert_refused(archive, fresh_database, "Kontrolní součet souboru media/documents/", yes=True)
    assert media_bytes(media) == before


def test_restore_refuses_a_path_outside_the_media_directory(archive, fresh_database, tmp_path):
    def escape(manifest):
        manifest["files"]["media/../../venku.txt"] = manifest["files"].pop(
            "media/documents/zapis.txt"
        )

    with tarfile.open(archive) as tar:
        members = [(m, tar.extractfile(m).read()) for m in tar.getmembers()]
    with tarfile.open(archive, "w") as tar:
        for member, data in members:
            if member.name == "media/documents/zapis.txt":
                member.name = "media/../../venku.txt"
            tar.addfile(member, io.BytesIO(data))
    change_manifest(archive, escape)

    assert_refused(archive, fresh_database, "nesouhlasí seznam souborů", yes=True)
    assert not (tmp_path / "venku.txt").exists()


def test_restore_refuses_an_archive_of_another_engine(archive, fresh_database):
    other = "sqlite" if postgresql() else "postgresql"
    change_manifest(archive, lambda manifest: manifest.update(engine=other))

    assert_refused(archive, fresh_database, "obnovit ji sem nelze", yes=True)


def test_restore_reports_a_database_that_differs_from_the_manifest(archive, fresh_database):
    def one_page_more(manifest):
        manifest["row_counts"]["wagtailcore_page"] += 1

    change_manifest(archive, one_page_more)

    with pytest.raises(CommandError, match=r"neodpovídá manifestu.*wagtailcore_page: \d+ místo"):
        restore(archive, database=fresh_database, yes=True)


def test_restore_asks_for_confirmation(archive, fresh_database, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("ne\n"))
    assert_refused(archive, fresh_database, "Obnova nebyla potvrzena")

    # No answer at all (a script without a terminal): refused too.
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert_refused(archive, fresh_database, "--yes")


def test_backup_keeps_only_the_newest_archives(setup_data, media, tmp_path):
    directory = tmp_path / "zalohy"
    directory.mkdir()
    for name in ("kpss-20250101-020000.tar", "kpss-20250102-020000.tar", "poznamky.txt"):
        (directory / name).write_text("stará")

    out = io.StringIO()
    call_command("kpss_backup", dir=str(directory), keep=2, stdout=out)

    remaining = sorted(path.name for path in directory.iterdir())
    assert remaining[0] == "kpss-20250102-020000.tar" and remaining[-1] == "poznamky.txt"
    assert len(remaining) == 3 and remaining[1].startswith("kpss-2")
    assert "Smazána starší záloha kpss-20250101-020000.tar" in out.getvalue()


def test_media_in_object_storage_are_left_to_the_storage(
    archive, setup_data, settings, fresh_database, tmp_path
):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }
    assert_refused(archive, fresh_database, "objektového úložiště", yes=True)

    external, output = backup(tmp_path / "bez-medii")
    assert "média jsou v objektovém úložišti" in output
    with tarfile.open(external) as tar:
        assert not any(name.startswith("media/") for name in tar.getnames())
        assert json.load(tar.extractfile("manifest.json"))["media"] == "external"


@pytest.mark.skipif(not postgresql(), reason="pg_dump and pg_restore only run on PostgreSQL")
def test_postgresql_tools_of_the_wrong_version_are_refused_clearly(
    archive, fresh_database, tmp_path, monkeypatch
):
    change_manifest(archive, lambda manifest: manifest["database"].update(pg_dump_major=99))
    assert_refused(archive, fresh_database, "Zálohu vytvořil pg_dump verze 99", yes=True)

    # An older pg_dump than the server first on PATH.
    old = tmp_path / "stary-klient"
    old.mkdir()
    (old / "pg_dump").write_text("#!/bin/sh\necho 'pg_dump (PostgreSQL) 11.22'\n")
    (old / "pg_dump").chmod(0o755)
    monkeypatch.setenv("PATH", f"{old}:{os.environ['PATH']}")
    with pytest.raises(CommandError, match="ale pg_dump .* jen 11"):
        backup(tmp_path / "zalohy-stary")


@pytest.mark.skipif(not postgresql(), reason="only pg_restore leaves tables it does not know")
def test_restore_refuses_a_database_with_tables_of_a_newer_release(archive, fresh_database):
    with connections[fresh_database].cursor() as cursor:
        cursor.execute("CREATE TABLE kpss_pages_novinka (id integer)")

    with pytest.raises(CommandError, match="tabulky, které záloha nemá \\(kpss_pages_novinka\\)"):
        restore(archive, database=fresh_database, yes=True)
    assert tables(fresh_database) == ["kpss_pages_novinka"]
