"""Admin requests of a signed-in user who still owes a second factor go to that step first."""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode

from accounts.policy import NOTHING_OWED, second_factor_step


def _exempt_paths():
    return (
        reverse("accounts:verify"),
        reverse("accounts:setup"),
        reverse("wagtailadmin_logout"),
        reverse("wagtailadmin_login"),
    )


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware. Users with a device must use it; the roles in
    KPSS_2FA_REQUIRED_GROUPS and superusers must first set one up. Until then the admin shows
    them only the verification step, and the public site treats them as anonymous (private
    pages and documents included)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or user.is_verified():
            return self.get_response(request)
        step = self._step(request, user)
        if step is None:
            return self.get_response(request)
        if not request.path.startswith(tuple(settings.KPSS_CSP_ADMIN_PREFIXES)):
            request.user = AnonymousUser()
            return self.get_response(request)
        if request.path in _exempt_paths():
            return self.get_response(request)
        return redirect(f"{reverse(step)}?{urlencode({'next': request.get_full_path()})}")

    @staticmethod
    def _step(request, user):
        # Decided at sign-in for most editors (accounts/signals.py), so no query per request.
        if request.session.get(NOTHING_OWED):
            return None
        step = second_factor_step(user)
        if step is None:
            request.session[NOTHING_OWED] = True
        return step
