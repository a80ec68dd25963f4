"""Enrolment codes: who must present one before pairing an authenticator app, who may issue
one, and issuing and redeeming them.

A person whose role requires a second factor and who has no device yet is, after the password,
sent to pair an app. Without a code, whoever learned the password first would pair their own
phone and own the account. The code is issued by an administrator (or the management team, for
its people) and handed over outside the site; it is random, single use, stored hashed, expires
after ENROLMENT_CODE_HOURS and its issuing is recorded in the audit (audit.RoleChange).
"""

import secrets
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import EnrolmentCode
from accounts.policy import has_device, requires_two_factor
from audit.models import RoleChange
from audit.signals import record_role_change
from workflows.roles import AUDITOR, MANAGEMENT_TEAM, STEERING_GROUP

ENROLMENT_CODE_HOURS = 72
# Without look-alike characters (0/O, 1/I/L): 31 symbols, 12 of them, about 59 bits.
ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
LENGTH = 12
# Session key: this sign-in presented a valid code (the user's id).
REDEEMED = "kpss_enrolment_code_redeemed"
# The steering group and auditors oversee the management team: it does not unlock their accounts.
OVERSEERS = (STEERING_GROUP, AUDITOR)


def needs_code(request):
    """Whether this sign-in must present a code before pairing: the role requires a second
    factor, the account has no device, and the session is only as good as the password."""
    user = request.user
    return (
        settings.KPSS_2FA_ENFORCED
        and requires_two_factor(user)
        and not has_device(user)
        and request.session.get(REDEEMED) != user.pk
    )


def may_issue(issuer):
    """Who may open the issuing view at all."""
    return issuer.is_active and (
        issuer.is_superuser or issuer.groups.filter(name=MANAGEMENT_TEAM).exists()
    )


def issuable_users(issuer):
    users = get_user_model().objects.filter(is_active=True).order_by("username")
    if issuer.is_active and issuer.is_superuser:
        return users
    if may_issue(issuer):
        return users.filter(is_superuser=False).exclude(groups__name__in=OVERSEERS)
    return users.none()


def may_issue_for(issuer, user):
    if not user.is_active:
        return False
    if issuer.is_active and issuer.is_superuser:
        return True
    return issuable_users(issuer).filter(pk=user.pk).exists()


def normalised(text):
    return "".join(ch for ch in text.upper() if ch.isalnum())


def shown(code):
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


@transaction.atomic
def issue(user, issued_by=None, via=""):
    """A new code for `user` (earlier unused ones stop working); returns (code, record). The code
    is returned once, for its issuer to hand over; only its hash is stored."""
    code = "".join(secrets.choice(ALPHABET) for _i in range(LENGTH))
    now = timezone.now()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True).delete()
    record = EnrolmentCode.objects.create(
        user=user,
        code_hash=make_password(code),
        issued_by=issued_by,
        expires_at=now + timedelta(hours=ENROLMENT_CODE_HOURS),
    )
    expires = timezone.localtime(record.expires_at).strftime("%d.%m.%Y %H:%M")
    record_role_change(
        RoleChange.Action.ENROLMENT_CODE_ISSUED,
        user=user,
        detail=f"platí do {expires}{via}",
    )
    return shown(code), record


class CodeRefused(Exception):
    """The reason, in Czech, is the message."""


def redeem(request, text):
    """Use the code for this sign-in, or raise CodeRefused saying why."""
    code = normalised(text)
    now = timezone.now()
    for record in EnrolmentCode.objects.filter(user=request.user):
        if not check_password(code, record.code_hash):
            continue
        if record.used_at is not None:
            raise CodeRefused(_("Tento kód pro párování už byl použit. Požádejte o nový."))
        if record.expires_at <= now:
            raise CodeRefused(_("Platnost kódu pro párování vypršela. Požádejte o nový."))
        # Single use even when two requests race: only one update finds it unused.
        if EnrolmentCode.objects.filter(pk=record.pk, used_at__isnull=True).update(used_at=now):
            # A key generated before the code may have been seen: pairing starts afresh.
            TOTPDevice.objects.filter(user=request.user, confirmed=False).delete()
            request.session[REDEEMED] = request.user.pk
            return
        raise CodeRefused(_("Tento kód pro párování už byl použit. Požádejte o nový."))
    raise CodeRefused(_("Kód pro párování nesouhlasí. Zkontrolujte jej, nebo požádejte o nový."))
