"""Personal data (GDPR): the export finds a person in every place the site keeps them, the
erasure pseudonymises all of it while the audit trail keeps its rows and links, refusals change
nothing, and a withdrawn consent leaves the public site (and its caches) at once."""

import io
import json
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, HTTPServer

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from wagtail import hooks
from wagtail.admin.models import EditingSession, FormState
from wagtail.models import (
    APIToken,
    Comment,
    CommentReply,
    Locale,
    ModelLogEntry,
    PageLogEntry,
    PageSubscription,
    Revision,
    TaskState,
    WorkflowState,
)
from wagtail.users.models import UserProfile

import pytest
import wagtail_factories
from PIL import Image as PILImage

from audit.models import ArchivedRevision, RoleChange, SignInEvent
from kpss_pages import factories
from kpss_pages.models import MeetingPage, WorkingGroupMember, WorkingGroupPage
from privacy import registry as gdpr
from search.text import fold
from tests.admin_forms import edit_snippet
from tests.route import approve, publish, signed_in, start_route
from workflows.models import ApprovalRecord
from workflows.roles import MANAGEMENT_TEAM, WORKING_GROUP_PREFIX

pytestmark = pytest.mark.django_db

PASSWORD = "heslo-pro-testy-123"
HistoricalMember = WorkingGroupMember.history.model


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def jana(make_user):
    user = make_user("jana.novakova", MANAGEMENT_TEAM)
    user.first_name, user.last_name, user.email = "Jana", "Nováková", "jana.novakova@mesto.cz"
    user.save()
    return user


@pytest.fixture
def operator(django_user_model):
    return django_user_model.objects.create_superuser("spravce", "spravce@example.cz", "x" * 12)


@pytest.fixture
def traces(jana, home, working_group, organisation, make_user, django_capture_on_commit_callbacks):
    """Jana as a user and a member leaves a trace in every place the site keeps people."""
    publish(working_group.get_parent())
    publish(working_group)
    mt = signed_in(make_user("kolegyne", MANAGEMENT_TEAM))

    # Member record, created and edited in the admin (history rows copy her name and e-mail).
    member = WorkingGroupMember.objects.create(
        working_group=working_group,
        name="Jana Nováková",
        organisation=organisation,
        position="vedoucí odboru",
        triad_role="zadavatel",
        email="jana.novakova@mesto.cz",
        public_display=WorkingGroupMember.Display.NAME,
    )
    response = edit_snippet(mt, member, position="vedoucí sociálního odboru")
    assert response.status_code == 302

    # Signing in: a failed attempt with her name typed, then a real sign-in (a session).
    browser = Client()
    login = reverse("wagtailadmin_login")
    browser.post(login, {"username": "jana.novakova", "password": "spatne-heslo-1"})
    assert (
        browser.post(login, {"username": "jana.novakova", "password": PASSWORD}).status_code == 302
    )

    # Her edits in the admin: a record (field history and a log entry) and a page revision.
    assert edit_snippet(browser, organisation, phone="+420 571 000 111").status_code == 302
    working_group.save_revision(user=jana, log_action=True)

    # Approval route: she submits one page and approves another author's.
    start_route(working_group, jana)
    news_index = publish(factories.NewsIndexPageFactory(parent=home))
    news = factories.NewsPageFactory(parent=news_index, title="Setkání", date="2026-02-01")
    author = make_user("autor", MANAGEMENT_TEAM)
    news.save_revision(user=author)
    start_route(news, author)
    with django_capture_on_commit_callbacks(execute=True):
        response = approve(browser, news, "Souhlasím.", modal=True)
    assert json.loads(response.content)["step"] == "success"

    # Comments, a subscription, content she owns, uploaded or locked.
    comment = Comment.objects.create(
        page=working_group, user=jana, text="Doplnit termín.", contentpath="title"
    )
    CommentReply.objects.create(comment=comment, user=jana, text="Doplněno.")
    PageSubscription.objects.create(page=working_group, user=jana, comment_notifications=True)
    owned = factories.StandardPageFactory(parent=home, title="Její stránka", owner=jana)
    WorkingGroupPage.objects.filter(pk=working_group.pk).update(
        locked=True, locked_by=jana, locked_at=timezone.now()
    )
    wagtail_factories.DocumentFactory(title="Podklady", uploaded_by_user=jana)
    wagtail_factories.ImageFactory(title="Fotografie", uploaded_by_user=jana)

    # A page she drafted and that was deleted: its revisions are archived.
    draft = factories.StandardPageFactory(parent=home, title="Smazaný koncept")
    draft.save_revision(user=jana)
    draft.delete()

    # Admin profile with an avatar, open editors, a stored form, an API token.
    profile = UserProfile.get_for_user(jana)
    profile.current_time_zone = "Europe/Prague"
    png = io.BytesIO()
    PILImage.new("RGB", (8, 8), "navy").save(png, "PNG")
    profile.avatar.save("avatar.png", ContentFile(png.getvalue()))
    page_type = ContentType.objects.get_for_model(WorkingGroupPage)
    EditingSession.objects.create(
        user=jana,
        content_type=page_type,
        object_id=str(working_group.pk),
        last_seen_at=timezone.now(),
    )
    FormState.objects.create(
        user=jana,
        content_type=page_type,
        object_id=str(working_group.pk),
        data="title=Senio%C5%99i",
        last_updated_at=timezone.now(),
    )
    APIToken.create_token(user=jana, name="Import kontaktů")

    # Django's own admin log (no collector of its own: the catch-all exports it).
    LogEntry.objects.log_actions(
        user_id=jana.pk, queryset=[organisation], action_flag=CHANGE, change_message="Telefon"
    )
    return {
        "user": jana,
        "member": member,
        "browser": browser,
        "owned": owned,
        "news": news,
        "avatar": profile.avatar.name,
    }


def export(tmp_path, **options):
    path = tmp_path / "export.json"
    call_command("kpss_gdpr_export", output=str(path), stdout=io.StringIO(), **options)
    return json.loads(path.read_text(encoding="utf-8"))


def records(data, section, table):
    return data["oddily"][section]["tabulky"][table]["zaznamy"]


def erase(**options):
    out = io.StringIO()
    call_command("kpss_gdpr_erase", stdout=out, **options)
    return out.getvalue()


def sessions_of(user):
    return [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    ]


def database_text():
    """The whole database as text, folded: what a search for the person would find."""
    out = io.StringIO()
    call_command("dumpdata", stdout=out)
    return fold(json.dumps(json.loads(out.getvalue()), ensure_ascii=False))


# Export -----------------------------------------------------------------------------------------


def test_the_export_finds_the_person_in_every_source(tmp_path, traces):
    member = traces["member"]
    data = export(tmp_path, user="jana.novakova", member=[str(member.pk)])

    assert data["export_osobnich_udaju"]["ucet_id"] == traces["user"].pk
    assert data["export_osobnich_udaju"]["clenove_id"] == [member.pk]
    account = records(data, "ucet", "auth.user")[0]
    assert account["email"] == "jana.novakova@mesto.cz" and account["last_name"] == "Nováková"
    assert account["skupiny"] == [MANAGEMENT_TEAM]
    assert data["oddily"]["ucet"]["tabulky"]["auth.user"]["pole"]["email"] == "E-mailová adresa"
    assert records(data, "profil", "wagtailusers.userprofile")[0]["avatar"] == traces["avatar"]
    assert len(records(data, "relace", "sessions.session")) == 1

    assert records(data, "clenstvi", "kpss_pages.workinggroupmember")[0]["position"] == (
        "vedoucí sociálního odboru"
    )
    history = records(data, "clenstvi", "kpss_pages.historicalworkinggroupmember")
    assert [row["position"] for row in history] == ["vedoucí odboru", "vedoucí sociálního odboru"]
    assert records(data, "zmeny_zaznamu", "kpss_pages.historicalorganisation")[0]["zaznam"] == (
        traces["member"].organisation_id
    )

    revisions = records(data, "revize", "wagtailcore.revision")
    assert {row["object_str"] for row in revisions} >= {"Senioři"}
    archived = records(data, "revize-smazanych-stranek", "audit.archivedrevision")
    assert archived[0]["object_str"] == "Smazaný koncept"
    page_actions = {row["action"] for row in records(data, "udalosti", "wagtailcore.pagelogentry")}
    assert {"wagtail.edit", "wagtail.workflow.start", "wagtail.workflow.approve"} <= page_actions
    model_log = records(data, "udalosti", "wagtailcore.modellogentry")
    assert any(row["label"] == "Charita Test" for row in model_log)
    about = records(data, "udalosti", "o_osobe")
    assert any(row["typ"] == "Člen pracovní skupiny" for row in about)

    assert records(data, "schvalovani", "wagtailcore.workflowstate")[0]["workflow"]
    assert records(data, "schvalovani", "wagtailcore.taskstate")[0]["comment"] == "Souhlasím."
    approval = records(data, "schvalovani", "workflows.approvalrecord")[0]
    assert approval["approver_name"] == "Jana Nováková" and approval["page_title"] == "Setkání"

    assert records(data, "komentare", "wagtailcore.comment")[0]["text"] == "Doplnit termín."
    assert records(data, "komentare", "wagtailcore.commentreply")[0]["text"] == "Doplněno."
    assert records(data, "komentare", "wagtailcore.pagesubscription")

    roles = records(data, "audit", "audit.rolechange")
    assert any(row["group_name"] == MANAGEMENT_TEAM for row in roles)
    kinds = [row["kind"] for row in records(data, "audit", "audit.signinevent")]
    assert "neúspěšné přihlášení" in kinds and "přihlášení" in kinds

    pages = {row["title"]: row for row in records(data, "obsah", "wagtailcore.page")}
    assert pages["Její stránka"]["zalozil_a"] and pages["Senioři"]["zamkl_a"]
    assert records(data, "obsah", "wagtaildocs.document")[0]["title"] == "Podklady"
    assert records(data, "obsah", "wagtailimages.image")[0]["title"] == "Fotografie"

    assert records(data, "rozpracovano", "wagtailadmin.editingsession")
    assert records(data, "rozpracovano", "wagtailadmin.formstate")[0]["data"]
    token = records(data, "rozpracovano", "wagtailcore.apitoken")[0]
    assert token["name"] == "Import kontaktů" and "key_hash" not in token

    other = records(data, "ostatni", "admin.logentry.user")[0]
    assert other["change_message"] == "Telefon"


def test_the_export_never_contains_credentials(tmp_path, traces):
    text = json.dumps(export(tmp_path, user="jana.novakova"))
    user = get_user_model().objects.get(username="jana.novakova")
    assert user.password not in text
    assert APIToken.objects.get().key_hash not in text
    for session in Session.objects.all():
        assert session.session_key not in text


def test_the_export_writes_readable_czech_json_to_stdout(traces):
    out = io.StringIO()
    call_command("kpss_gdpr_export", member=["jana.novakova@mesto.cz"], stdout=out)
    assert '"name": "Jana Nováková"' in out.getvalue(), "UTF-8, not \\u escapes"
    data = json.loads(out.getvalue())
    assert data["oddily"]["clenstvi"]["nazev"] == "Členství v pracovních skupinách a jeho historie"
    assert "ucet" in data["oddily"] and not data["oddily"]["ucet"]["tabulky"], "no account given"


def test_the_export_lists_mentions_of_the_name_and_e_mail_in_content(
    tmp_path, working_group, organisation
):
    member = WorkingGroupMember.objects.create(
        working_group=working_group,
        name="Jana Nováková",
        triad_role="uzivatel",
        email="jana@example.cz",
    )
    meeting = factories.MeetingPageFactory(
        parent=working_group, title="Jednání v lednu", attendance="Jana Novakova, MÚ Kelč"
    )
    organisation.email = "JANA@example.cz"
    organisation.save()

    found = records(export(tmp_path, member=[str(member.pk)]), "zminky", "vyskyty")

    assert {(row["nazev"], tuple(row["pole"])) for row in found} == {
        ("Jednání v lednu", ("Přítomní",)),
        ("Charita Test", ("E-mail",)),
    }, "folded: without diacritics and in any case"
    assert next(row for row in found if row["id"] == meeting.pk)["adresa"] == meeting.url


def test_a_collector_registered_by_another_app_is_exported_and_erased(tmp_path, jana, operator):
    erased = []

    class Tokens(gdpr.Collector):
        key = "tokeny"
        label = "Tokeny jiné aplikace"

        def export(self, person):
            users = get_user_model().objects.filter(pk=person.user.pk)
            return {"auth.user": gdpr.table(users, ["username"])}

        def erase(self, person, erasure):
            erased.append(person.user.pk)
            return 1

    with hooks.register_temporarily(gdpr.HOOK, lambda: [Tokens()]):
        data = export(tmp_path, user="jana.novakova")
        erase(user="jana.novakova", yes=True, operator="spravce")

    assert data["oddily"]["tokeny"]["nazev"] == "Tokeny jiné aplikace"
    assert records(data, "tokeny", "auth.user") == [{"username": "jana.novakova"}]
    assert erased == [jana.pk]
    entry = ModelLogEntry.objects.get(action=gdpr.ERASED_ACTION)
    assert entry.data["zmenene_zaznamy"]["tokeny"] == 1


# Erasure ----------------------------------------------------------------------------------------


def test_erasure_pseudonymises_every_source_and_keeps_the_audit_trail(
    client, traces, operator, django_capture_on_commit_callbacks
):
    user, member = traces["user"], traces["member"]
    group_page = member.working_group
    warm = client.get(group_page.url)
    assert "Jana Nováková" in warm.content.decode()
    assert client.get(group_page.url)["X-Page-Cache"] == "hit"
    history = lambda model: model.objects.filter(history_user=user).count()  # noqa: E731
    assert len(sessions_of(user)) == 1
    kept = {
        "revisions": Revision.objects.filter(user=user).count(),
        "page log": PageLogEntry.objects.filter(user=user).count(),
        "model log": ModelLogEntry.objects.filter(user=user).count(),
        "organisation history": history(traces["member"].organisation.history.model),
        "workflows": WorkflowState.objects.filter(requested_by=user).count(),
        "tasks": TaskState.objects.filter(finished_by=user).count(),
        "approvals": ApprovalRecord.objects.filter(approved_by=user).count(),
        "archived": ArchivedRevision.objects.filter(user=user).count(),
        "comments": Comment.objects.filter(user=user).count(),
    }
    role_rows = set(RoleChange.objects.filter(user=user).values_list("pk", flat=True))
    sign_ins = set(SignInEvent.objects.filter(actor=user).values_list("pk", flat=True))
    member_rows = HistoricalMember.objects.filter(id=member.pk).count()
    assert all(kept.values()), kept
    assert "novakov" in database_text()

    with django_capture_on_commit_callbacks(execute=True):
        out = erase(user="jana.novakova", member=[str(member.pk)], yes=True, operator="spravce")

    assert "Osobní údaje vymazány nebo pseudonymizovány" in out
    user.refresh_from_db()
    assert user.username == f"vymazany-uzivatel-{user.pk}"
    assert (user.email, user.first_name, user.last_name) == ("", "", "")
    assert not user.is_active and not user.has_usable_password() and not user.groups.exists()
    member.refresh_from_db()
    assert member.name == f"Vymazaná osoba #{member.pk}"
    assert (member.email, member.position) == ("", "")
    assert member.public_display == WorkingGroupMember.Display.HIDDEN
    assert member.consent_withdrawn_date == timezone.localdate()

    # The audit trail: the same rows, linked to the same account, now pseudonymous.
    history = lambda model: model.objects.filter(history_user=user).count()  # noqa: E731
    assert kept == {
        "revisions": Revision.objects.filter(user=user).count(),
        "page log": PageLogEntry.objects.filter(user=user).count(),
        "model log": ModelLogEntry.objects.filter(user=user).count(),
        "organisation history": history(traces["member"].organisation.history.model),
        "workflows": WorkflowState.objects.filter(requested_by=user).count(),
        "tasks": TaskState.objects.filter(finished_by=user).count(),
        "approvals": ApprovalRecord.objects.filter(approved_by=user).count(),
        "archived": ArchivedRevision.objects.filter(user=user).count(),
        "comments": Comment.objects.filter(user=user).count(),
    }
    assert role_rows <= set(RoleChange.objects.filter(user=user).values_list("pk", flat=True))
    assert sign_ins == set(SignInEvent.objects.filter(actor=user).values_list("pk", flat=True))
    assert HistoricalMember.objects.filter(id=member.pk).count() == member_rows + 1
    assert ApprovalRecord.objects.get(approved_by=user).approver_name == user.username
    assert set(HistoricalMember.objects.filter(id=member.pk).values_list("name", flat=True)) == {
        member.name
    }

    # Nothing anywhere in the database names her any more.
    assert "novakov" not in database_text()

    # What is gone: sessions (she is signed out), profile and avatar, subscriptions, open
    # editors, stored forms, locks; her API token is revoked.
    assert not sessions_of(user) and Session.objects.exists(), "only hers"
    assert traces["browser"].get(reverse("wagtailadmin_home")).status_code == 302
    assert not UserProfile.objects.filter(user=user).exists()
    from django.core.files.storage import default_storage

    assert not default_storage.exists(traces["avatar"])
    for model in (PageSubscription, EditingSession, FormState):
        assert not model.objects.filter(user=user).exists(), model
    assert not WorkingGroupPage.objects.get(pk=group_page.pk).locked
    assert APIToken.objects.get().revoked_at is not None

    # The erasure itself is on record: by whom and when, without the erased data.
    entries = ModelLogEntry.objects.filter(action=gdpr.ERASED_ACTION)
    assert {entry.label for entry in entries} == {user.username, str(member)}
    assert {entry.user_id for entry in entries} == {operator.pk}
    assert "novakov" not in fold(json.dumps([entry.data for entry in entries], ensure_ascii=False))
    assert HistoricalMember.objects.filter(id=member.pk).latest().history_change_reason == (
        gdpr.ERASED_REASON
    )
    audit = signed_in(operator).get(reverse("kpss_audit")).content.decode()
    assert "Osobní údaje vymazány" in audit

    # The public page stops naming her at once.
    response = client.get(group_page.url)
    assert response["X-Page-Cache"] == "miss"
    assert "Nováková" not in response.content.decode()


def test_erasing_twice_is_harmless(traces, operator):
    user, member = traces["user"], traces["member"]
    erase(user="jana.novakova", member=[str(member.pk)], yes=True, operator="spravce")
    before = database_text()

    out = erase(user=f"vymazany-uzivatel-{user.pk}", member=[str(member.pk)], yes=True)

    assert "už byly vymazány; nic se nezměnilo" in out
    assert database_text() == before
    with pytest.raises(CommandError, match="Uživatelský účet „jana.novakova“ neexistuje"):
        erase(user="jana.novakova", yes=True)
    assert database_text() == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"user": "nikdo"}, "Uživatelský účet „nikdo“ neexistuje."),
        ({"member": ["999999"]}, "Člen pracovní skupiny s ID 999999 neexistuje."),
        ({"member": ["nikdo@example.cz"]}, "Žádný člen pracovní skupiny nemá e-mail"),
        ({"member": ["Jana Nováková"]}, "Člena zadejte číslem ID nebo e-mailem."),
        ({"user": "spolecny@mesto.cz"}, "odpovídá více účtům"),
        ({"member": ["spolecny@mesto.cz"]}, "mají členové s různými jmény"),
        ({}, "Zadejte osobu"),
        ({"sender": ["Marie Svobodová"]}, "Odesílatele zadejte e-mailem"),
        ({"user": "jana.novakova", "operator": "nikdo"}, "zadaný jako --operator neexistuje"),
    ],
)
def test_an_unknown_or_ambiguous_person_is_refused_and_nothing_changes(
    jana, working_group, make_user, options, message
):
    for username in ("sekretariat", "podatelna"):
        make_user(username)
    get_user_model().objects.filter(username__in=["sekretariat", "podatelna"]).update(
        email="spolecny@mesto.cz"
    )
    for name in ("Petr Malý", "Eva Malá"):
        WorkingGroupMember.objects.create(
            working_group=working_group,
            name=name,
            triad_role="poskytovatel",
            email="spolecny@mesto.cz",
        )
    before = database_text()

    with pytest.raises(CommandError, match=message):
        erase(yes=True, **options)
    if "operator" not in options:
        with pytest.raises(CommandError, match=message):
            call_command("kpss_gdpr_export", stdout=io.StringIO(), **options)

    assert database_text() == before


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_erasure_needs_a_confirmation_and_nothing_changes_without_it(traces):
    before = database_text()
    with pytest.raises(CommandError, match="potvrďte ho volbou --yes"):
        erase(user="jana.novakova")
    with pytest.raises(CommandError, match="Výmaz zrušen"):
        erase(user="jana.novakova", stdin=Terminal("ne\n"))
    assert database_text() == before

    out = erase(user="jana.novakova", stdin=Terminal("ano\n"))
    assert "Napište „ano“" in out and "vymazány nebo pseudonymizovány" in out
    assert not get_user_model().objects.filter(username="jana.novakova").exists()


def test_erasure_lists_mentions_left_for_editors(working_group):
    member = WorkingGroupMember.objects.create(
        working_group=working_group, name="Jana Nováková", triad_role="uzivatel"
    )
    meeting = publish(
        factories.MeetingPageFactory(
            parent=working_group, title="Jednání v lednu", minutes="<p>Jana Nováková navrhla…</p>"
        )
    )

    out = erase(member=[str(member.pk)], yes=True)

    assert "upravte ho ručně" in out
    assert f"Zápis z jednání „Jednání v lednu“ (ID {meeting.pk}, zveřejněná verze): Zápis" in out
    assert "Jana Nováková" in MeetingPage.objects.get(pk=meeting.pk).minutes, "left to editors"


def test_a_failure_midway_leaves_nothing_half_erased(traces):
    before = database_text()

    class Failing(gdpr.Collector):
        key = "selhani"

        def erase(self, person, erasure):
            raise RuntimeError("disk full")

    with hooks.register_temporarily(gdpr.HOOK, lambda: [Failing()]), pytest.raises(RuntimeError):
        erase(user="jana.novakova", member=[str(traces["member"].pk)], yes=True)

    assert database_text() == before


# Consent ---------------------------------------------------------------------------------------


class PurgeRecorder(BaseHTTPRequestHandler):
    """A front cache's purge endpoint (as nginx's cache_purge module answers)."""

    purged = []

    def do_PURGE(self):  # noqa: N802 -- the HTTP method's name
        self.purged.append(f"http://{self.headers['Host']}{self.path}")
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


@pytest.fixture
def front_cache(settings):
    server = HTTPServer(("127.0.0.1", 0), PurgeRecorder)
    PurgeRecorder.purged = []
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    settings.WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": f"http://127.0.0.1:{server.server_port}",
        }
    }
    yield PurgeRecorder.purged
    server.shutdown()
    server.server_close()


def test_withdrawing_consent_in_the_admin_hides_the_member_at_once_in_every_cache(
    client,
    home,
    working_group,
    organisation,
    make_user,
    front_cache,
    django_capture_on_commit_callbacks,
):
    english = Locale.objects.get(language_code="en")
    publish(working_group.get_parent())
    publish(working_group)
    for page in (home, working_group.get_parent().specific):
        publish(page.copy_for_translation(english))
    english_group = publish(working_group.copy_for_translation(english))
    member = WorkingGroupMember.objects.create(
        working_group=working_group,
        name="Marie Svobodová",
        organisation=organisation,
        triad_role="uzivatel",
        public_display=WorkingGroupMember.Display.NAME,
        consent_date=timezone.localdate() - timedelta(days=30),
    )
    urls = [working_group.url, english_group.url]
    for url in urls:
        assert "Marie Svobodová" in client.get(url).content.decode()
        assert client.get(url)["X-Page-Cache"] == "hit", url

    # Member records are the management team's (workflows/roles.py); a group's own manager
    # keeps its page and minutes but may not change them.
    group_manager = signed_in(make_user("ps.seniori", WORKING_GROUP_PREFIX + working_group.title))
    edit_url = reverse("wagtailsnippets_kpss_pages_workinggroupmember:edit", args=(member.pk,))
    refused = group_manager.post(edit_url, {"consent_withdrawn_date": "2026-01-01"})
    assert refused.status_code in (302, 403) and refused.get("Location") != edit_url
    assert WorkingGroupMember.objects.get(pk=member.pk).consent_withdrawn_date is None

    manager = signed_in(make_user("mt.kovarova", MANAGEMENT_TEAM))
    with django_capture_on_commit_callbacks(execute=True):
        response = edit_snippet(
            manager, member, consent_withdrawn_date=timezone.localdate().isoformat()
        )
    assert response.status_code == 302

    for url in urls:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
        assert "Marie Svobodová" not in response.content.decode(), url
    assert {f"http://testserver{url}" for url in urls} <= set(front_cache)
    member.refresh_from_db()
    assert member.public_display == WorkingGroupMember.Display.HIDDEN, "shown as withdrawn"
    withdrawn = member.history.latest()
    assert withdrawn.consent_withdrawn_date == timezone.localdate()
    assert withdrawn.history_user.username == "mt.kovarova"


@pytest.mark.parametrize(
    ("days", "message"),
    [(1, "Datum odvolání nesmí být v budoucnosti."), (-40, "dříve, než byl udělen")],
)
def test_a_withdrawal_date_must_be_plausible(admin_client, working_group, days, message):
    member = WorkingGroupMember.objects.create(
        working_group=working_group,
        name="Marie Svobodová",
        triad_role="uzivatel",
        public_display=WorkingGroupMember.Display.NAME,
        consent_date=timezone.localdate() - timedelta(days=30),
    )
    date = (timezone.localdate() + timedelta(days=days)).isoformat()

    response = edit_snippet(admin_client, member, consent_withdrawn_date=date)

    assert message in response.context["form"].errors["consent_withdrawn_date"][0]
    member.refresh_from_db()
    assert member.consent_withdrawn_date is None
    assert member.public_display == WorkingGroupMember.Display.NAME
