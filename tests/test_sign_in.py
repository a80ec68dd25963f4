"""Admin sign-in: lockout after failures, the second factor for the roles that need it,
password rules and session limits. Everything through the real sign-in and admin views."""

import time
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

import django_otp
import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import enrolment
from accounts.models import EnrolmentCode
from accounts.sessions import LAST_SEEN, SIGNED_IN_AT
from audit.models import RoleChange

User = get_user_model()

PASSWORD = "heslo-pro-testy-123"
LOCKED = "Přihlášení je dočasně zablokováno po 5 neúspěšných pokusech"


def sign_in(client, username, password=PASSWORD, address="127.0.0.1", **extra):
    return client.post(
        "/admin/login/",
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


def code(device, steps_ahead=0):
    """What the person's authenticator app shows (now, or a later 30-second step)."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0 - steps_ahead * device.step, digits=device.digits):06d}"  # noqa: E501


SETUP = "/admin/dvoufazove-overeni/nastaveni/"
ISSUE = "/admin/dvoufazove-overeni/kod-pro-parovani/"
ENROLMENT_STEP = "zadejte jednorázový kód pro párování"


def pair_app(client, username, user):
    """Sign in and pair an authenticator app, as the set-up page leads a person to (with an
    enrolment code where the role requires the second factor)."""
    sign_in(client, username)
    if ENROLMENT_STEP in client.get(SETUP).content.decode():
        enrolment_code, _record = enrolment.issue(user)
        client.post(SETUP, {"code": enrolment_code})
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user)
    client.post("/admin/dvoufazove-overeni/nastaveni/", {"code": code(device)})
    return device


def forgive(device):
    """As if the wait after a wrong code (django-otp's throttling) had passed."""
    device.refresh_from_db()
    device.throttling_failure_timestamp = None
    device.save()


# Lockout ---------------------------------------------------------------------------------------


def test_five_failures_lock_the_username_from_that_address_even_with_the_right_password(
    client, make_user, working_group
):
    make_user("manazerka", "Pracovní skupina – Senioři")
    for attempt in range(1, 5):
        response = sign_in(client, "manazerka", "spatne-heslo-123")
        assert response.status_code == 200, attempt
        assert LOCKED not in response.content.decode()
    fifth = sign_in(client, "manazerka", "spatne-heslo-123")
    assert fifth.status_code == 429
    sixth = sign_in(client, "manazerka")
    assert sixth.status_code == 429
    html = sixth.content.decode()
    assert LOCKED in html and "Zkuste to znovu za 15 minut" in html
    assert 'role="alert"' in html and 'name="username"' in html, "the sign-in form again"
    assert "_auth_user_id" not in client.session, "not signed in"
    assert client.get("/admin/").status_code == 302

    # Another address, or another username from this address, is not locked.
    assert sign_in(client, "manazerka", address="10.0.0.7").status_code == 302
    client.logout()
    make_user("jiny")
    assert sign_in(client, "jiny").status_code == 302


def test_the_lock_ends_after_fifteen_minutes_and_a_success_resets_the_count(
    client, make_user, working_group
):
    from datetime import timedelta

    from django.utils import timezone

    make_user("manazerka", "Pracovní skupina – Senioři")
    for _attempt in range(5):
        sign_in(client, "manazerka", "spatne-heslo-123")
    assert sign_in(client, "manazerka").status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=14))
    assert sign_in(client, "manazerka").status_code == 429, "still locked after 14 minutes"
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert sign_in(client, "manazerka").status_code == 302
    assert not AccessAttempt.objects.exists(), "a success clears the failures"


def test_behind_the_proxy_a_forged_forwarded_address_does_not_escape_the_lock(
    client, make_user, working_group, settings, db
):
    """nginx appends the address it saw; anything left of it comes from the client."""
    settings.KPSS_PROXY_COUNT = 1
    make_user("manazerka", "Pracovní skupina – Senioři")
    for attempt in range(6):
        response = sign_in(
            client,
            "manazerka",
            "spatne-heslo-123",
            address="127.0.0.1",
            HTTP_X_FORWARDED_FOR=f"198.51.100.{attempt}, 203.0.113.9",
        )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.9"}
    other = sign_in(client, "manazerka", HTTP_X_FORWARDED_FOR="203.0.113.10")
    assert other.status_code == 302, "a different visitor behind the same proxy"


def test_reached_directly_a_forwarded_address_neither_escapes_the_lock_nor_fakes_the_audit(
    client, make_user, working_group, settings, db
):
    """A client that bypasses nginx and sends its own two-entry X-Forwarded-For is counted, and
    recorded, at the address it connects from: only a trusted proxy's header is believed."""
    from audit.models import SignInEvent

    settings.KPSS_PROXY_COUNT = 1
    make_user("manazerka", "Pracovní skupina – Senioři")
    for attempt in range(6):
        response = sign_in(
            client,
            "manazerka",
            "spatne-heslo-123",
            address="198.51.100.7",
            HTTP_X_FORWARDED_FOR=f"192.0.2.{attempt}, 203.0.113.{attempt}",
        )
    assert response.status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    assert set(SignInEvent.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}


@pytest.mark.parametrize(
    ("trusted", "peer", "recorded"),
    [
        ("10.0.0.5", "10.0.0.5", "203.0.113.9"),
        ("10.0.0.0/24", "10.0.0.77", "203.0.113.9"),
        ("10.0.0.5", "127.0.0.1", "127.0.0.1"),
        ("127.0.0.1,::1,unix", "", "203.0.113.9"),
        ("127.0.0.1,::1", "", None),
    ],
    ids=["listed-address", "listed-network", "unlisted-loopback", "unix-socket", "no-unix"],
)
def test_the_forwarded_address_counts_only_from_a_configured_trusted_proxy(
    client, make_user, working_group, settings, db, trusted, peer, recorded
):
    from audit.models import SignInEvent

    settings.KPSS_PROXY_COUNT = 1
    settings.KPSS_TRUSTED_PROXIES = trusted.split(",")
    make_user("manazerka", "Pracovní skupina – Senioři")
    sign_in(
        client,
        "manazerka",
        "spatne-heslo-123",
        address=peer,
        HTTP_X_FORWARDED_FOR="192.0.2.1, 203.0.113.9",
    )
    assert list(SignInEvent.objects.values_list("ip_address", flat=True)) == [recorded]


# Two-factor sign-in ----------------------------------------------------------------------------


@pytest.fixture
def two_factor(settings):
    settings.KPSS_2FA_ENFORCED = True


@pytest.mark.parametrize(
    ("groups", "superuser"),
    [
        (["Manažerský tým"], False),
        (["Nadoborová skupina"], False),
        (["Auditor"], False),
        ([], True),
    ],
)
def test_the_roles_that_approve_or_audit_must_set_up_a_second_factor(
    client, make_user, two_factor, groups, superuser
):
    make_user("osoba", *groups, superuser=superuser)
    assert sign_in(client, "osoba").status_code == 302
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/dvoufazove-overeni/nastaveni/?next=%2Fadmin%2Fpages%2F"
    for path in ("/admin/", "/admin/api/main/pages/", "/admin/users/", "/admin/documents/"):
        assert client.get(path).status_code == 302, path
    setup = client.get(SETUP).content.decode()
    assert "Vaše role vyžaduje při přihlášení druhý krok" in setup
    assert ENROLMENT_STEP in setup and "data:image/svg+xml" not in setup
    client.post(SETUP, {"code": enrolment.issue(User.objects.get(username="osoba"))[0]})
    setup = client.get(SETUP).content.decode()
    assert 'src="data:image/svg+xml' in setup, "the QR code is inline (the CSP allows data:)"


def test_setting_up_gives_recovery_codes_and_the_next_sign_in_asks_for_a_code(
    client, make_user, two_factor
):
    user = make_user("mt", "Manažerský tým")
    sign_in(client, "mt")
    client.post(SETUP, {"code": enrolment.issue(user)[0]})
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=user, confirmed=False)

    wrong = client.post("/admin/dvoufazove-overeni/nastaveni/", {"code": "000000"})
    assert "Kód nesouhlasí" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    forgive(device)

    done = client.post(
        "/admin/dvoufazove-overeni/nastaveni/", {"code": code(device), "next": "/admin/pages/"}
    )
    html = done.content.decode()
    recovery = list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))
    assert len(recovery) == 10 and all(token in html for token in recovery)
    assert client.get("/admin/").status_code == 200, "verified in this session"

    # A new sign-in: the password alone gets only as far as the code.
    client.logout()
    sign_in(client, "mt")
    assert client.get("/admin/").url.startswith("/admin/dvoufazove-overeni/overeni/")
    refused = client.post("/admin/dvoufazove-overeni/overeni/", {"code": "123456"})
    assert "Kód neplatí nebo už byl použit." in refused.content.decode()
    assert client.get("/admin/").status_code == 302
    forgive(device)
    response = client.post(
        "/admin/dvoufazove-overeni/overeni/", {"code": code(device, 1), "next": "/admin/pages/"}
    )
    assert response.status_code == 302 and response["Location"] == "/admin/pages/"
    assert client.get("/admin/").status_code == 200


def test_a_recovery_code_works_once(client, make_user, two_factor):
    user = make_user("ns", "Nadoborová skupina")
    pair_app(client, "ns", user)
    recovery = StaticToken.objects.filter(device__user=user).first().token

    client.logout()
    sign_in(client, "ns")
    used = client.post("/admin/dvoufazove-overeni/overeni/", {"code": recovery}, follow=True)
    assert "Použili jste záložní kód. Zbývající záložní kódy: 9." in used.content.decode()
    assert client.get("/admin/").status_code == 200

    client.logout()
    sign_in(client, "ns")
    again = client.post("/admin/dvoufazove-overeni/overeni/", {"code": recovery})
    assert "Kód neplatí nebo už byl použit." in again.content.decode()
    assert client.get("/admin/").status_code == 302
    forgive(StaticToken.objects.filter(device__user=user).first().device)
    other = StaticToken.objects.filter(device__user=user).first().token
    assert client.post("/admin/dvoufazove-overeni/overeni/", {"code": other}).status_code == 302


def test_guessing_codes_is_slowed_down(client, make_user, two_factor):
    user = make_user("auditor", "Auditor")
    device = pair_app(client, "auditor", user)
    client.logout()
    sign_in(client, "auditor")
    client.post("/admin/dvoufazove-overeni/overeni/", {"code": "111111"})
    throttled = client.post("/admin/dvoufazove-overeni/overeni/", {"code": code(device, 1)})
    assert "Příliš mnoho chybných kódů. Další pokus bude možný v" in throttled.content.decode()
    assert client.get("/admin/").status_code == 302, "even the right code waits"


def test_until_verified_the_public_site_treats_the_person_as_anonymous(
    client, make_user, two_factor, working_group
):
    from django.test import Client

    from wagtail.models import PageViewRestriction

    from kpss_pages import factories

    home = working_group.get_parent().get_parent()
    private = factories.StandardPageFactory(parent=home, title="Interní zápis", slug="interni")
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    make_user("mt", "Manažerský tým")
    sign_in(client, "mt")
    response = client.get("/interni/")
    assert response.status_code == 302 and "login/?next=/interni/" in response["Location"]

    make_user("ps", "Pracovní skupina – Senioři")
    manager = Client()
    sign_in(manager, "ps")
    assert manager.get("/interni/").status_code == 200, "nothing owed: signed in"


def test_others_may_turn_it_on_and_off_but_the_required_roles_may_not_turn_it_off(
    client, make_user, working_group, two_factor
):
    manager = make_user("ps", "Pracovní skupina – Senioři")
    sign_in(client, "ps")
    assert client.get("/admin/").status_code == 200, "optional for working-group managers"
    manage = client.get("/admin/dvoufazove-overeni/").content.decode()
    assert "Dvoufázové ověření je vypnuté." in manage
    client.get("/admin/dvoufazove-overeni/nastaveni/")
    device = TOTPDevice.objects.get(user=manager)
    client.post("/admin/dvoufazove-overeni/nastaveni/", {"code": code(device)})
    client.logout()
    sign_in(client, "ps")
    assert client.get("/admin/").status_code == 302, "once on, it is asked for"
    client.post("/admin/dvoufazove-overeni/overeni/", {"code": code(device, 1)})
    off = client.post("/admin/dvoufazove-overeni/vypnout/", follow=True)
    assert "Dvoufázové ověření je vypnuté." in off.content.decode()
    assert not TOTPDevice.objects.filter(user=manager).exists()

    client.logout()
    mt = make_user("mt", "Manažerský tým")
    device = pair_app(client, "mt", mt)
    refused = client.post("/admin/dvoufazove-overeni/vypnout/", follow=True)
    assert "Vaše role vyžaduje dvoufázové ověření; vypnout je nelze." in refused.content.decode()
    assert TOTPDevice.objects.filter(user=mt).exists()


def test_the_account_menu_links_to_two_factor_settings(client, make_user, working_group):
    make_user("ps", "Pracovní skupina – Senioři")
    sign_in(client, "ps")
    html = client.get("/admin/account/").content.decode()
    assert "/admin/dvoufazove-overeni/" in html and "Dvoufázové ověření" in html


# Enrolment codes: the first pairing needs one ------------------------------------------------


def issued_code(issuer_client, person):
    """A code issued through the admin view, as the page shows it to the issuer."""
    response = issuer_client.post(ISSUE, {"uzivatel": person.pk})
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser").select_one("[data-enrolment-code]").text


def verified_client(user):
    """Signed in with a paired app (the issuer's own second factor is not under test here)."""
    client = Client()
    client.force_login(user)
    device = TOTPDevice.objects.create(user=user, name="telefon", confirmed=True)
    session = client.session
    session[django_otp.DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return client


@pytest.fixture
def administrator(make_user):
    return verified_client(make_user("spravce", superuser=True))


def test_whoever_knows_only_the_password_of_a_required_account_cannot_pair_a_phone(
    client, make_user, two_factor
):
    user = make_user("mt", "Manažerský tým")
    sign_in(client, "mt")
    assert client.get("/admin/").url.startswith(SETUP)
    setup = client.get(SETUP)
    html = setup.content.decode()
    assert ENROLMENT_STEP in html and "Vydá vám ho správce portálu" in html
    assert "data:image/svg+xml" not in html and "Klíč pro ruční zadání" not in html
    assert not TOTPDevice.objects.filter(user=user).exists(), "no key exists to be shown"

    refused = client.post(SETUP, {"code": ""})
    assert "Toto pole je povinné." in refused.content.decode()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("problem", ["wrong", "expired", "used"])
def test_pairing_is_refused_with_a_wrong_expired_or_used_code(
    client, make_user, two_factor, administrator, problem
):
    user = make_user("ns", "Nadoborová skupina")
    enrolment_code = issued_code(administrator, user)
    message = {
        "wrong": "Kód pro párování nesouhlasí.",
        "expired": "Platnost kódu pro párování vypršela.",
        "used": "Tento kód pro párování už byl použit.",
    }[problem]
    if problem == "wrong":
        enrolment_code = "ABCD-EFGH-JKMN"
    elif problem == "expired":
        EnrolmentCode.objects.filter(user=user).update(
            expires_at=timezone.now() - timedelta(seconds=1)
        )
    else:
        other = Client()
        sign_in(other, "ns")
        other.post(SETUP, {"code": enrolment_code})
        assert "data:image/svg+xml" in other.get(SETUP).content.decode(), "used by the first"

    sign_in(client, "ns")
    response = client.post(SETUP, {"code": enrolment_code})
    html = response.content.decode()
    assert message in html and ENROLMENT_STEP in html
    assert "data:image/svg+xml" not in client.get(SETUP).content.decode()


def test_a_valid_code_lets_the_person_pair_once_and_the_issue_is_audited(
    client, make_user, two_factor, administrator
):
    user = make_user("auditorka", "Auditor")
    enrolment_code = issued_code(administrator, user)
    row = RoleChange.objects.get(action=RoleChange.Action.ENROLMENT_CODE_ISSUED)
    assert (row.actor.username, row.user, row.user_name) == ("spravce", user, "auditorka")
    assert row.detail.startswith("platí do ")
    stored = EnrolmentCode.objects.get(user=user)
    assert enrolment_code.replace("-", "") not in stored.code_hash, "stored hashed"
    assert abs(stored.expires_at - stored.issued_at - timedelta(hours=72)) < timedelta(seconds=5)

    sign_in(client, "auditorka")
    client.post(SETUP, {"code": enrolment_code.lower().replace("-", " ")}, follow=True)
    setup = client.get(SETUP).content.decode()
    assert 'src="data:image/svg+xml' in setup and "Klíč pro ruční zadání" in setup
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    client.post(SETUP, {"code": code(device)})
    assert client.get("/admin/").status_code == 200, "paired and verified"
    assert EnrolmentCode.objects.get(user=user).used_at is not None
    assert (
        "vydán kód pro párování ověřovací aplikace"
        in administrator.get("/admin/audit/", {"zdroj": "roles"}).content.decode()
    )


def test_a_new_code_replaces_the_unused_one(client, make_user, two_factor, administrator):
    user = make_user("mt", "Manažerský tým")
    first = issued_code(administrator, user)
    second = issued_code(administrator, user)
    sign_in(client, "mt")
    assert "Kód pro párování nesouhlasí." in client.post(SETUP, {"code": first}).content.decode()
    client.post(SETUP, {"code": second})
    assert "data:image/svg+xml" in client.get(SETUP).content.decode()


def test_people_who_may_pair_without_a_required_role_need_no_code(
    client, make_user, working_group, two_factor, settings
):
    make_user("ps", "Pracovní skupina – Senioři")
    sign_in(client, "ps")
    assert "data:image/svg+xml" in client.get(SETUP).content.decode(), "optional: no code"

    settings.KPSS_2FA_ENFORCED = False  # make run: the demo's roles have no phone
    make_user("mt", "Manažerský tým")
    demo = Client()
    sign_in(demo, "mt")
    assert demo.get("/admin/").status_code == 200
    assert "data:image/svg+xml" in demo.get(SETUP).content.decode()


def test_the_management_team_issues_codes_for_its_people_only(make_user, working_group, two_factor):
    mt = verified_client(make_user("mt", "Manažerský tým"))
    colleague = make_user("mt2", "Manažerský tým")
    manager = make_user("ps", "Pracovní skupina – Senioři")
    refused = [
        make_user("admin2", superuser=True),
        make_user("ns", "Nadoborová skupina"),
        make_user("auditorka", "Auditor"),
    ]
    assert ISSUE in mt.get("/admin/").content.decode(), "the menu item"
    form = mt.get(ISSUE).content.decode()
    assert f'value="{colleague.pk}"' in form and f'value="{manager.pk}"' in form
    assert not any(f'value="{person.pk}"' in form for person in refused)
    assert issued_code(mt, manager)
    for person in refused:
        response = mt.post(ISSUE, {"uzivatel": person.pk})
        assert response.status_code == 400, person.username
        assert not EnrolmentCode.objects.filter(user=person).exists()


@pytest.mark.parametrize(
    "groups", [[], ["Pracovní skupina – Senioři"], ["Nadoborová skupina"], ["Auditor"]]
)
def test_other_roles_may_not_issue_codes(client, make_user, working_group, groups):
    make_user("osoba", *groups)
    victim = make_user("mt", "Manažerský tým")
    sign_in(client, "osoba")
    assert ISSUE not in client.get("/admin/").content.decode()
    assert client.get(ISSUE).status_code == 403
    assert client.post(ISSUE, {"uzivatel": victim.pk}).status_code == 403
    assert not EnrolmentCode.objects.exists()
    assert not RoleChange.objects.filter(action=RoleChange.Action.ENROLMENT_CODE_ISSUED).exists()


def test_administrators_find_the_action_in_the_user_listing_and_menu(
    make_user, administrator, working_group
):
    person = make_user("ps", "Pracovní skupina – Senioři")
    listing = administrator.get("/admin/users/").content.decode()
    assert f"{ISSUE}?uzivatel={person.pk}" in listing and "Vydat kód pro párování" in listing
    assert ISSUE in administrator.get("/admin/").content.decode(), "Nastavení → Kódy pro párování"
    form = administrator.get(ISSUE, {"uzivatel": person.pk}).content.decode()
    assert f'<option value="{person.pk}" selected>' in form


def test_the_command_issues_a_code_that_pairs(client, make_user, two_factor, capsys):
    user = make_user("mt", "Manažerský tým")
    call_command("kpss_enrolment_code", "mt")
    printed = capsys.readouterr().out
    assert "Kód pro párování pro „mt“:" in printed and "Platí jednou, do" in printed
    enrolment_code = printed.split(":", 1)[1].split()[0]
    row = RoleChange.objects.get(action=RoleChange.Action.ENROLMENT_CODE_ISSUED, user=user)
    assert row.actor is None and "příkazem kpss_enrolment_code" in row.detail
    sign_in(client, "mt")
    client.post(SETUP, {"code": enrolment_code})
    assert "data:image/svg+xml" in client.get(SETUP).content.decode()

    with pytest.raises(CommandError, match="Uživatelský účet „nikdo“ neexistuje."):
        call_command("kpss_enrolment_code", "nikdo")


# Passwords -------------------------------------------------------------------------------------


def test_passwords_need_twelve_characters_and_must_not_be_common_but_no_composition(
    admin_client, db
):
    from django.contrib.auth import get_user_model

    def create(username, password):
        return admin_client.post(
            "/admin/users/new/",
            {
                "username": username,
                "email": f"{username}@example.cz",
                "first_name": "Jana",
                "last_name": "Nováková",
                "password1": password,
                "password2": password,
                "is_active": "on",
            },
        )

    short = create("kratke", "Kr4tk3!heslo"[:11])
    assert "Heslo je příliš krátké. Musí mít alespoň 12 znaků." in short.content.decode()
    common = create("bezne", "password1234")
    assert "Heslo je příliš běžné." in common.content.decode()
    User = get_user_model()
    assert not User.objects.filter(username__in=["kratke", "bezne"]).exists()
    assert create("dlouhe", "jablka hrusky svestky").status_code == 302, "no composition rules"
    assert User.objects.filter(username="dlouhe").exists()


# Sessions --------------------------------------------------------------------------------------


def age_session(client, **seconds_ago):
    session = client.session
    now = time.time()
    if "idle" in seconds_ago:
        session[LAST_SEEN] = now - seconds_ago["idle"]
    if "signed_in" in seconds_ago:
        session[SIGNED_IN_AT] = now - seconds_ago["signed_in"]
    session.save()


def test_a_session_ends_after_thirty_minutes_idle(client, make_user, working_group):
    make_user("ps", "Pracovní skupina – Senioři")
    sign_in(client, "ps")
    age_session(client, idle=29 * 60)
    assert client.get("/admin/").status_code == 200
    age_session(client, idle=31 * 60)
    response = client.get("/admin/pages/")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/pages/"
    login = client.get(response["Location"]).content.decode()
    assert "Byli jste odhlášeni po 30 minutách nečinnosti." in login
    assert client.get("/admin/").status_code == 302, "the session is gone"


def test_a_session_ends_eight_hours_after_sign_in_even_when_active(
    client, make_user, working_group
):
    make_user("ps", "Pracovní skupina – Senioři")
    sign_in(client, "ps")
    age_session(client, signed_in=7 * 3600 + 59 * 60, idle=0)
    assert client.get("/admin/").status_code == 200
    age_session(client, signed_in=8 * 3600 + 60, idle=0)
    response = client.get("/admin/", follow=True)
    assert "Přihlášení platí nejvýše 8 hodin." in response.content.decode()


def test_activity_in_an_open_editor_tab_is_not_the_persons_activity(
    client, make_user, working_group
):
    make_user("ps", "Pracovní skupina – Senioři")
    sign_in(client, "ps")
    age_session(client, idle=10 * 60)
    before = client.session[LAST_SEEN]
    client.get("/admin/")
    assert client.session[LAST_SEEN] > before, "a request of the person's own"
    age_session(client, idle=10 * 60)
    before = client.session[LAST_SEEN]
    client.post("/admin/editing-sessions/ping/wagtailcore/page/1/0/")
    assert client.session[LAST_SEEN] == before


def test_deactivating_a_user_ends_all_their_sessions(client, make_user, working_group):
    from django.test import Client

    user = make_user("ps", "Pracovní skupina – Senioři")
    make_user("kolega", "Pracovní skupina – Senioři")
    colleague = Client()
    sign_in(colleague, "kolega")
    other_browser = Client()
    sign_in(client, "ps")
    sign_in(other_browser, "ps")
    assert client.get("/admin/").status_code == 200
    keys = {client.session.session_key, other_browser.session.session_key}
    assert Session.objects.filter(session_key__in=keys).count() == 2

    user.is_active = False
    user.save()
    assert not Session.objects.filter(session_key__in=keys).exists()
    assert client.get("/admin/").status_code == 302
    assert other_browser.get("/admin/").status_code == 302
    assert colleague.get("/admin/").status_code == 200, "other people stay signed in"


def test_joining_a_role_that_requires_a_second_factor_means_signing_in_again(
    client, make_user, working_group, two_factor
):
    from django.contrib.auth.models import Group

    user = make_user("ps", "Pracovní skupina – Senioři")
    sign_in(client, "ps")
    assert client.get("/admin/").status_code == 200
    user.groups.add(Group.objects.get(name="Pracovní skupina – Senioři"))
    assert client.get("/admin/").status_code == 200, "another group changes nothing"
    user.groups.add(Group.objects.get(name="Manažerský tým"))
    assert client.get("/admin/").url.startswith("/admin/login/")
    sign_in(client, "ps")
    assert client.get("/admin/").url.startswith("/admin/dvoufazove-overeni/nastaveni/")

    other = make_user("treti", "Pracovní skupina – Senioři")
    sign_in(client, "treti")
    assert client.get("/admin/").status_code == 200
    other.first_name = "Tereza"
    other.save()
    assert client.get("/admin/").status_code == 200, "an ordinary save changes nothing"
    other.is_superuser = True
    other.save()
    assert client.get("/admin/").url.startswith("/admin/login/"), "a new superuser too"


# Personal data ---------------------------------------------------------------------------------


def test_lockout_counters_and_devices_are_exported_without_secrets_and_erased(
    client, make_user, working_group, two_factor
):
    from privacy import registry as gdpr

    user = make_user("mt", "Manažerský tým")
    sign_in(client, "mt", "spatne-heslo-123", address="10.4.4.4")
    device = pair_app(client, "mt", user)

    data = gdpr.export(gdpr.find_person(user="mt"))
    attempts = data["oddily"]["prihlasovani"]["tabulky"]["axes.accessattempt"]["zaznamy"]
    assert [(row["username"], row["ip_address"]) for row in attempts] == [("mt", "10.4.4.4")]
    devices = data["oddily"]["dvoufazove_overeni"]["tabulky"]
    assert devices["otp_totp.totpdevice"]["zaznamy"][0]["confirmed"] is True
    dumped = gdpr.dumps(data)
    assert device.key not in dumped, "the shared secret is a credential"
    assert not any(t.token in dumped for t in StaticToken.objects.filter(device__user=user))
    assert "otp_totp.totpdevice" not in dumped.split('"ostatni"')[-1], "claimed, not 'other'"

    gdpr.erase(gdpr.find_person(user="mt"))
    assert not AccessAttempt.objects.filter(username="mt").exists()
    assert not TOTPDevice.objects.filter(user=user).exists()
    assert not StaticToken.objects.filter(device__user=user).exists()


def test_enrolment_codes_are_exported_without_their_hash_and_erased(
    make_user, administrator, two_factor
):
    from privacy import registry as gdpr

    person = make_user("mt", "Manažerský tým")
    issued_code(administrator, person)
    code_hash = EnrolmentCode.objects.get(user=person).code_hash

    data = gdpr.export(gdpr.find_person(user="mt"))
    tables = data["oddily"]["dvoufazove_overeni"]["tabulky"]
    (row,) = tables["accounts.enrolmentcode"]["zaznamy"]
    assert row["issued_by"] == "spravce" and row["used_at"] is None and row["expires_at"]
    assert code_hash not in gdpr.dumps(data)
    issuer = gdpr.export(gdpr.find_person(user="spravce"))["oddily"]["dvoufazove_overeni"]
    assert issuer["tabulky"]["accounts.enrolmentcode"]["zaznamy"][0]["user"] == "mt"

    gdpr.erase(gdpr.find_person(user="spravce"))
    assert EnrolmentCode.objects.get(user=person).issued_by is None
    gdpr.erase(gdpr.find_person(user="mt"))
    assert not EnrolmentCode.objects.filter(user=person).exists()


def test_the_sign_in_page_is_czech(client, db):
    html = client.get("/admin/login/").content.decode()
    assert "Heslo<span" in html, "the password field's label"
    assert "Password" not in html
