"""The audit area: every log merged into one list, filtered, paginated and exported."""

import csv
import io
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Page, PageLogEntry

import openpyxl
import pytest
from bs4 import BeautifulSoup

from audit.models import ArchivedRevision
from kpss_pages import factories
from kpss_pages.models import Organisation, StandardPage
from tests.admin_forms import page_form_data
from tests.route import add_url, approve, edit_form, edit_url, return_for_changes, signed_in, submit
from workflows.roles import AUDITOR, MANAGEMENT_TEAM, STEERING_GROUP

pytestmark = pytest.mark.django_db

AUDIT = "/admin/audit/"


@pytest.fixture
def auditor(setup_data, make_user):
    client = Client()
    client.force_login(make_user("auditorka", AUDITOR))
    return client


def export_rows(client, **params):
    response = client.get(AUDIT, {**params, "export": "csv"})
    assert response.status_code == 200, response.content[:500]
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(content), delimiter=";"))


def codes(rows):
    return [row["Kód akce"] for row in rows]


def test_every_kind_of_page_action_appears_with_its_actor_and_object(
    admin_client, home, auditor, chapter, make_user
):
    """Create, edit, publish, lock, unlock, copy, move, revert, unpublish, delete by an admin;
    submit, approve and reject with a comment on the approval route."""
    url = add_url(StandardPage, home)
    data = page_form_data(admin_client, url, StandardPage(), title="O nás", slug="o-nas")
    assert admin_client.post(url, data).status_code == 302
    page = StandardPage.objects.get(slug="o-nas")
    first_revision = page.latest_revision

    data = edit_form(admin_client, page, title="O nás a o plánu")
    admin_client.post(edit_url(page), data)
    admin_client.post(edit_url(page), {**data, "action-publish": "action-publish"})
    admin_client.post(reverse("wagtailadmin_pages:lock", args=(page.pk,)))
    admin_client.post(reverse("wagtailadmin_pages:unlock", args=(page.pk,)))
    admin_client.post(
        reverse("wagtailadmin_pages:copy", args=(page.pk,)),
        {"new_title": "Kopie", "new_slug": "kopie", "new_parent_page": str(home.pk)},
    )
    copy = StandardPage.objects.get(slug="kopie")
    admin_client.post(reverse("wagtailadmin_pages:move_confirm", args=(copy.pk, page.pk)))
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=(page.pk, first_revision.pk))
    data = page_form_data(admin_client, revert_url, first_revision.as_object())
    admin_client.post(revert_url, {**data, "revision": str(first_revision.pk)})
    admin_client.post(reverse("wagtailadmin_pages:unpublish", args=(page.pk,)))
    admin_client.post(reverse("wagtailadmin_pages:delete", args=(copy.pk,)))
    assert not Page.objects.filter(pk=copy.pk).exists()

    author = make_user("manazerka", "Pracovní skupina – Senioři")
    mt = make_user("mt", MANAGEMENT_TEAM)
    ns = make_user("ns", STEERING_GROUP)
    submit(signed_in(author), chapter, title="Senioři 2027")
    approve(signed_in(mt), chapter, "V pořádku.")
    return_for_changes(signed_in(ns), chapter, "Doplňte financování.")

    rows = export_rows(auditor, objekt=f"wagtailcore.page:{page.pk}")
    assert set(codes(rows)) >= {
        "wagtail.create",
        "wagtail.edit",
        "wagtail.publish",
        "wagtail.lock",
        "wagtail.unlock",
        "wagtail.revert",
        "wagtail.unpublish",
    }
    assert {row["Kdo"] for row in rows} == {"spravce"}
    assert {row["ID objektu"] for row in rows} == {str(page.pk)}
    assert rows[0]["Akce"] and rows[0]["Typ objektu"] == "stránka"

    rows = export_rows(auditor, objekt=f"wagtailcore.page:{copy.pk}")
    assert set(codes(rows)) >= {"wagtail.copy", "wagtail.move", "wagtail.delete"}
    assert "Kopie" in {row["Objekt"] for row in rows}

    rows = export_rows(auditor, objekt=f"wagtailcore.page:{chapter.pk}", zdroj="pages")
    by_code = {row["Kód akce"]: row for row in rows}
    assert by_code["wagtail.workflow.start"]["Kdo"] == "Manazerka"
    assert by_code["wagtail.workflow.approve"]["Kdo"] == "Mt"
    assert by_code["wagtail.workflow.approve"]["Podrobnosti"] == "V pořádku."
    assert by_code["wagtail.workflow.reject"]["Kdo"] == "Ns"
    assert by_code["wagtail.workflow.reject"]["Podrobnosti"] == "Doplňte financování."

    html = auditor.get(AUDIT, {"objekt": f"wagtailcore.page:{chapter.pk}"}).content.decode()
    assert "Doplňte financování." in html and "Senioři" in html


def test_records_roles_and_sign_ins_are_merged_into_the_same_list(
    setup_data, admin_client, auditor, make_user
):
    add = reverse("wagtailsnippets_kpss_pages_organisation:add")
    admin_client.post(add, {"name": "Spolek", "ico": "25596641", "triad_role": "poskytovatel"})
    organisation = Organisation.objects.get(ico="25596641")
    member = make_user("clen")
    member.groups.add(Group.objects.get(name=AUDITOR))
    Client().post(
        reverse("wagtailadmin_login"),
        {"username": "clen", "password": "špatně"},
        REMOTE_ADDR="10.9.8.7",
    )

    rows = export_rows(auditor)
    kinds = codes(rows)
    assert "record.+" in kinds, "the simple-history row"
    assert "wagtail.create" in kinds, "Wagtail's model log entry of the snippet"
    assert "role.member_added" in kinds
    assert "signin.failed" in kinds
    record = next(
        r for r in rows if (r["Kód akce"], r["Kód typu"]) == ("record.+", "kpss_pages.organisation")
    )
    assert (record["Kdo"], record["Objekt"], record["ID objektu"]) == (
        "spravce",
        "Spolek",
        str(organisation.pk),
    )
    failed = next(r for r in rows if r["Kód akce"] == "signin.failed")
    assert (failed["Objekt"], failed["IP adresa"], failed["Akce"]) == (
        "clen",
        "10.9.8.7",
        "neúspěšné přihlášení",
    )
    role = next(r for r in rows if r["Kód akce"] == "role.member_added" and r["Objekt"] == "clen")
    assert role["Podrobnosti"].startswith(AUDITOR)

    times = [r["Čas"] for r in rows]
    assert times == sorted(times, reverse=True), "one chronological list, newest first"


def make_entries(page, user, count, when):
    PageLogEntry.objects.bulk_create(
        PageLogEntry(
            page=page,
            content_type_id=page.content_type_id,
            label=page.title,
            action="wagtail.edit",
            user=user,
            timestamp=when - timedelta(seconds=i),
        )
        for i in range(count)
    )


def test_filters_combine_and_the_export_holds_exactly_the_filtered_rows(home, auditor, make_user):
    jana, petr = make_user("jana"), make_user("petr")
    now = timezone.now()
    make_entries(home, jana, 7, now - timedelta(days=10))
    make_entries(home, petr, 5, now - timedelta(days=10))
    make_entries(home, jana, 3, now)
    day = timezone.localdate(now - timedelta(days=10)).isoformat()

    rows = export_rows(auditor, osoba=jana.pk, od=day, do=day, druh="wagtail.edit")
    assert len(rows) == 7 and {r["Kdo"] for r in rows} == {"Jana"}
    rows = export_rows(auditor, osoba=petr.pk, druh="wagtail.edit")
    assert len(rows) == 5
    assert export_rows(auditor, osoba=jana.pk, druh="wagtail.publish") == []
    assert export_rows(auditor, osoba=jana.pk, zdroj="signins") == []

    html = auditor.get(AUDIT, {"osoba": jana.pk, "od": day, "do": day}).content.decode()
    assert "7 záznamů" in html

    response = auditor.get(AUDIT, {"osoba": jana.pk, "export": "xlsx"})
    assert response["Content-Disposition"].startswith('attachment; filename="audit-')
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    table = list(sheet.values)
    assert table[0][:4] == ("Čas", "Kdo", "Uživatelské jméno", "Akce")
    assert len(table) == 1 + 10
    assert {row[1] for row in table[1:]} == {"Jana"}


def test_two_people_with_the_same_name_are_told_apart_by_username_in_list_and_exports(
    home, auditor, django_user_model
):
    people = [
        django_user_model.objects.create_user(
            username, password="heslo-pro-testy-123", first_name="Jana", last_name="Nováková"
        )
        for username in ("jana.novakova", "j.novakova")
    ]
    for user in people:
        make_entries(home, user, 1, timezone.now())
        Client().post(
            reverse("wagtailadmin_login"),
            {"username": user.username, "password": "heslo-pro-testy-123"},
        )
    expected = {
        ("Jana Nováková", "jana.novakova", "wagtail.edit"),
        ("Jana Nováková", "j.novakova", "wagtail.edit"),
        ("Jana Nováková", "jana.novakova", "signin.login"),
        ("Jana Nováková", "j.novakova", "signin.login"),
    }

    html = auditor.get(AUDIT).content.decode()
    cells = {
        " ".join(cell.get_text().split())
        for cell in BeautifulSoup(html, "html.parser").select("tbody tr td:nth-of-type(2)")
    }
    assert {"Jana Nováková (jana.novakova)", "Jana Nováková (j.novakova)"} <= cells

    rows = export_rows(auditor)
    assert {(r["Kdo"], r["Uživatelské jméno"], r["Kód akce"]) for r in rows} >= expected

    response = auditor.get(AUDIT, {"export": "xlsx"})
    sheet = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    table = list(sheet.values)
    assert table[0][:4] == ("Čas", "Kdo", "Uživatelské jméno", "Akce")
    columns = table[0].index("Kód akce")
    assert {(row[1], row[2], row[columns]) for row in table[1:]} >= expected


def test_the_list_is_paginated_with_a_query_count_independent_of_its_length(
    home, auditor, make_user
):
    jana = make_user("jana")
    make_entries(home, jana, 30, timezone.now())
    with CaptureQueriesContext(connection) as short:
        assert auditor.get(AUDIT, {"druh": "wagtail.edit"}).status_code == 200
    make_entries(home, jana, 300, timezone.now() - timedelta(days=1))
    with CaptureQueriesContext(connection) as long:
        response = auditor.get(AUDIT, {"druh": "wagtail.edit", "p": "2"})
    assert response.status_code == 200
    assert len(long.captured_queries) == len(short.captured_queries)
    html = response.content.decode()
    assert html.count("<time datetime=") == 50, "50 rows per page"
    assert "330 záznamů" in html


@pytest.mark.parametrize(
    "params, message",
    [
        ({"od": "2026-13-45"}, "Zadejte platné datum"),
        ({"od": "2026-05-02", "do": "2026-05-01"}, "Datum „od“ musí být nejpozději datum „do“."),
        ({"objekt": "stránka 12"}, "Objekt zadejte ve tvaru „typ:id“"),
        ({"objekt": "nic.neznameho:1"}, "Neznámý typ objektu „nic.neznameho“."),
        ({"osoba": "abc"}, "Vyberte platnou možnost"),
        ({"druh": "wagtail.neexistuje"}, "Vyberte platnou možnost"),
    ],
)
def test_a_malformed_filter_gives_a_clear_error_and_no_export(auditor, home, params, message):
    response = auditor.get(AUDIT, params)
    assert response.status_code == 400
    assert message in response.content.decode()

    response = auditor.get(AUDIT, {**params, "export": "csv"})
    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    html = response.content.decode()
    assert message in html and "Export nelze vytvořit" in html


@pytest.mark.parametrize(
    "groups, allowed",
    [
        ((), False),
        (("Pracovní skupina – Senioři",), False),
        (("Poskytovatel – Charita Test",), False),
        ((STEERING_GROUP,), False),
        ((MANAGEMENT_TEAM,), True),
        ((AUDITOR,), True),
        (("superuser",), True),
    ],
)
def test_only_auditors_the_management_team_and_admins_may_open_or_export_the_audit(
    client, chapter, organisation, make_user, groups, allowed
):
    from workflows import roles

    roles.sync_organisation(organisation)
    user = make_user("nekdo", superuser=groups == ("superuser",))
    for name in set(groups) - {"superuser"}:
        user.groups.add(Group.objects.get(name=name))
    client.force_login(user)
    urls = [AUDIT, AUDIT + "?export=csv", AUDIT + "?export=xlsx", "/admin/audit/vysledky/"]
    for url in urls:
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        else:
            assert response.status_code in (302, 403), url
            assert "attachment" not in response.get("Content-Disposition", "")
    dashboard = client.get(reverse("wagtailadmin_home"))
    if dashboard.status_code == 200:  # users without admin access are sent to sign in
        assert (f'"{AUDIT}"' in dashboard.content.decode()) is allowed, "the menu item"


def test_anonymous_visitors_are_sent_to_sign_in(client, home):
    for url in (AUDIT, AUDIT + "?export=csv"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(reverse("wagtailadmin_login"))


def test_a_deleted_page_keeps_its_versions_and_log_for_auditors(
    admin_client, home, auditor, make_user, working_group
):
    page = factories.StandardPageFactory(parent=home, title="Zrušená stránka")
    page.title = "Zrušená stránka, verze 2"
    page.save_revision(user=make_user("autor")).publish()
    revision_ids = set(page.revisions.values_list("pk", flat=True))

    admin_client.post(reverse("wagtailadmin_pages:delete", args=(page.pk,)))
    assert not Page.objects.filter(pk=page.pk).exists()

    kept = ArchivedRevision.objects.filter(object_id=str(page.pk))
    assert set(kept.values_list("revision_id", flat=True)) == revision_ids
    rows = export_rows(auditor, objekt=f"wagtailcore.page:{page.pk}")
    assert "wagtail.delete" in codes(rows)

    archive = reverse("kpss_archived_revisions", args=("wagtailcore", "page", page.pk))
    html = auditor.get(AUDIT, {"objekt": f"wagtailcore.page:{page.pk}"}).content.decode()
    assert archive in html, "the list links a deleted page to its kept versions"
    html = auditor.get(archive).content.decode()
    assert "Zrušená stránka, verze 2" in html and "autor" in html

    manager = Client()
    manager.force_login(make_user("manazerka", "Pracovní skupina – Senioři"))
    assert manager.get(archive).status_code in (302, 403)
    assert auditor.get(archive.replace(str(page.pk), "999999")).status_code == 404
