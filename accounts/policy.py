"""Who must sign in with a second factor, and who has one."""

from django.conf import settings

from django_otp import devices_for_user

# Session key: this sign-in owes no second factor. Cleared by signing in again, which a new
# required role or superuser status forces (accounts/signals.py).
NOTHING_OWED = "kpss_2fa_nothing_owed"


def requires_two_factor(user):
    """Administrators and the roles that approve or audit the plan must use a second factor."""
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    return user.groups.filter(name__in=settings.KPSS_2FA_REQUIRED_GROUPS).exists()


def has_device(user):
    return any(True for _ in devices_for_user(user, confirmed=True))


def totp_device(user, confirmed=True):
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.devices_for_user(user, confirmed=confirmed).first()


def second_factor_step(user):
    """The admin view a signed-in, unverified user must pass first, or None."""
    if has_device(user):
        return "accounts:verify"
    if settings.KPSS_2FA_ENFORCED and requires_two_factor(user):
        return "accounts:setup"
    return None
