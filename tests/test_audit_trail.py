"""People, roles and sign-ins are on record, with who did it, when and from where."""

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.test import Client
from django.urls import reverse

from wagtail.models import Orderable, Page
from wagtail.test.utils.form_data import querydict_from_html

import pytest

from audit.models import RoleChange, SignInEvent
from kpss_pages.models import Organisation
from workflows.roles import AUDITOR, MANAGEMENT_TEAM

pytestmark = pytest.mark.django_db

# Models that hold the record itself, or that Wagtail keeps on its own record (workflow tasks and
# their states are in Wagtail's audit log), are exempt from simple-history.
# PageSearchText is derived from live pages and rebuilt from them, MeasureServiceLink from live
# chapters; an ImportRun is itself the record of a run, written once.
EXEMPT = {
    "audit.RoleChange",
    "audit.SignInEvent",
    "audit.ArchivedRevision",
    "search.PageSearchText",
    "kpss_pages.MeasureServiceLink",
    "evidence.ImportRun",
}


def business_models():
    for app_label in ("kpss_pages", "workflows", "audit", "evidence"):
        for model in apps.get_app_config(app_label).get_models():
            label = model._meta.label
            if (
                issubclass(model, Page)
                or issubclass(model, Orderable)  # page content, versioned in page revisions
                or model.__name__.startswith("Historical")
                or label in EXEMPT
                or any(base.__name__ in {"Task", "TaskState"} for base in model.__mro__[1:])
            ):
                continue
            yield model


@pytest.mark.parametrize("model", list(business_models()), ids=lambda m: m._meta.label)
def test_every_business_record_keeps_its_history(model):
    assert hasattr(model, "history"), f"{model._meta.label} has no django-simple-history"


def test_record_history_names_the_acting_user(admin_client, django_user_model):
    url = reverse("wagtailsnippets_kpss_pages_organisation:add")
    admin_client.post(url, {"name": "Spolek", "ico": "25596641", "triad_role": "poskytovatel"})
    organisation = Organisation.objects.get(ico="25596641")
    edit = reverse("wagtailsnippets_kpss_pages_organisation:edit", args=(organisation.pk,))
    admin_client.post(
        edit, {"name": "Spolek Nový", "ico": "25596641", "triad_role": "poskytovatel"}
    )

    rows = list(organisation.history.order_by("history_date"))
    assert [r.name for r in rows] == ["Spolek", "Spolek Nový"]
    assert {r.history_user.username for r in rows} == {"spravce"}
    delta = rows[1].diff_against(rows[0])
    assert [(c.field, c.old, c.new) for c in delta.changes] == [("name", "Spolek", "Spolek Nový")]


@pytest.fixture
def member(setup_data, django_user_model):
    return django_user_model.objects.create_user(
        "clen", "clen@example.cz", "heslo-pro-testy-123", first_name="Jana", last_name="Členová"
    )


def post_user_form(client, user, **changes):
    url = reverse("wagtailusers_users:edit", args=(user.pk,))
    data = querydict_from_html(client.get(url).content.decode(), form_id="w-editor-form")
    for key, value in changes.items():
        if value is None:
            data.pop(key, None)
        elif isinstance(value, list):
            data.setlist(key, value)
        else:
            data[key] = value
    # The test client would send only the last value of each key of a QueryDict.
    return client.post(url, {key: data.getlist(key) for key in data})


def test_group_membership_changes_are_recorded_with_the_admin_who_made_them(admin_client, member):
    management = Group.objects.get(name=MANAGEMENT_TEAM)
    auditor = Group.objects.get(name=AUDITOR)

    groups = [str(management.pk), str(auditor.pk)]
    response = post_user_form(admin_client, member, groups=groups, is_active="on")
    assert response.status_code == 302
    response = post_user_form(admin_client, member, groups=[str(auditor.pk)], is_active="on")
    assert response.status_code == 302

    rows = [
        (r.action, r.group_name, r.actor_name, r.user_name)
        for r in RoleChange.objects.filter(user=member).order_by("pk")
    ]
    assert rows == [
        ("member_added", MANAGEMENT_TEAM, "spravce", "clen"),
        ("member_added", AUDITOR, "spravce", "clen"),
        ("member_removed", MANAGEMENT_TEAM, "spravce", "clen"),
    ]
    assert RoleChange.objects.filter(user=member).first().ip_address == "127.0.0.1"


def test_deactivating_a_user_is_recorded(admin_client, member):
    post_user_form(admin_client, member, is_active=None)

    member.refresh_from_db()
    assert not member.is_active
    row = RoleChange.objects.get(action="user_deactivated")
    assert (row.user, row.actor_name) == (member, "spravce")


def test_group_permission_changes_are_recorded(member):
    group = Group.objects.get(name=AUDITOR)
    permission = Permission.objects.get(codename="change_organisation")

    group.permissions.add(permission)
    group.permissions.remove(permission)

    rows = list(
        RoleChange.objects.filter(
            detail="kpss_pages.change_organisation", group_name=AUDITOR
        ).values_list("action", "group_name")
    )
    assert rows == [("permission_removed", AUDITOR), ("permission_added", AUDITOR)]


def test_sign_ins_failures_and_sign_outs_are_recorded(client, member):
    member.groups.add(Group.objects.get(name=AUDITOR))  # may use the admin
    login = reverse("wagtailadmin_login")
    client.post(login, {"username": "clen", "password": "špatné heslo"}, REMOTE_ADDR="10.1.2.3")
    client.post(
        login, {"username": "clen", "password": "heslo-pro-testy-123"}, REMOTE_ADDR="10.1.2.4"
    )
    client.post(reverse("wagtailadmin_logout"), REMOTE_ADDR="10.1.2.4")

    events = [(e.kind, e.username, e.ip_address) for e in SignInEvent.objects.order_by("pk")]
    assert events == [
        ("failed", "clen", "10.1.2.3"),
        ("login", "clen", "10.1.2.4"),
        ("logout", "clen", "10.1.2.4"),
    ]


def test_audit_rows_cannot_be_changed_or_deleted(member):
    member.groups.add(Group.objects.get(name=AUDITOR))
    row = RoleChange.objects.get(user=member)

    with pytest.raises(PermissionError):
        row.delete()
    with pytest.raises(PermissionError):
        RoleChange.objects.all().delete()
    with pytest.raises(PermissionError):
        RoleChange.objects.update(detail="x")
    row.detail = "x"
    with pytest.raises(PermissionError):
        row.save()
    assert get_user_model().objects.filter(pk=member.pk).exists()


def record_history_url(obj):
    opts = obj._meta
    return reverse("kpss_record_history", args=(opts.app_label, opts.model_name, obj.pk))


def test_record_history_shows_field_changes_and_survives_deletion(
    setup_data, admin_client, make_user
):
    add = reverse("wagtailsnippets_kpss_pages_organisation:add")
    admin_client.post(add, {"name": "Spolek", "ico": "25596641", "triad_role": "poskytovatel"})
    organisation = Organisation.objects.get(ico="25596641")
    edit = reverse("wagtailsnippets_kpss_pages_organisation:edit", args=(organisation.pk,))
    admin_client.post(
        edit, {"name": "Spolek Nový", "ico": "25596641", "triad_role": "poskytovatel"}
    )
    url = record_history_url(organisation)

    listing = admin_client.get(reverse("wagtailsnippets_kpss_pages_organisation:list")).content
    assert url in listing.decode(), "the listing links to the record's history"

    client = Client()  # admin_client is the default client; the auditor needs their own
    client.force_login(make_user("auditorka", AUDITOR))
    html = client.get(url).content.decode()
    assert "<strong>název</strong>: Spolek → Spolek Nový" in html
    assert "spravce" in html and "vytvořeno" in html and "změněno" in html

    admin_client.post(
        reverse("wagtailsnippets_kpss_pages_organisation:delete", args=(organisation.pk,))
    )
    assert not Organisation.objects.filter(pk=organisation.pk).exists()
    html = client.get(url).content.decode()
    assert "smazáno" in html and "Spolek Nový" in html


def test_record_history_is_refused_to_those_who_may_not_read_the_record(
    client, make_user, organisation, working_group
):
    client.force_login(make_user("manazerka", "Pracovní skupina – Senioři"))
    assert client.get(record_history_url(organisation)).status_code in (302, 403)
    client.logout()
    assert client.get(record_history_url(organisation)).status_code == 302


def test_record_history_of_a_malformed_or_unknown_record_is_not_found(admin_client, organisation):
    base = "/admin/historie-zaznamu/kpss_pages/organisation"
    assert admin_client.get(f"{base}/abc/").status_code == 404
    assert admin_client.get(f"{base}/999999/").status_code == 404
    assert admin_client.get("/admin/historie-zaznamu/kpss_pages/neexistuje/1/").status_code == 404
    assert admin_client.get(f"{base}/{organisation.pk}/").status_code == 200
