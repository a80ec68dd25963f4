"""Sessions end after KPSS_SESSION_IDLE_TIMEOUT without activity and KPSS_SESSION_MAX_AGE after
sign-in, whatever the cookie says; deactivating a user ends every session of theirs."""

import time
from importlib import import_module

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils import timezone
from django.utils.translation import gettext as _

SIGNED_IN_AT = "kpss_signed_in_at"
LAST_SEEN = "kpss_last_seen"
# Writing the session on every request would cost a query each; a minute is precise enough.
TOUCH_EVERY = 60
# Wagtail's editor pings these while a tab is open; that is not activity of the person.
BACKGROUND_PATHS = ("/editing-sessions/",)


def touch(session, now):
    session[LAST_SEEN] = now


def session_store():
    return import_module(settings.SESSION_ENGINE).SessionStore


def sessions_of(user):
    """The user's unexpired sessions where the engine keeps them in the database (no user
    index there, so each is decoded); a cache-only engine cannot list them."""
    store = session_store()
    if not hasattr(store, "get_model_class"):
        return []
    decoder = store()
    user_id = str(user.pk)
    return [
        session
        for session in store.get_model_class()
        .objects.filter(expire_date__gt=timezone.now())
        .order_by("expire_date")
        if str(decoder.decode(session.session_data).get("_auth_user_id")) == user_id
    ]


def end_sessions_of(user):
    """Delete every stored session of the user (through the store, so a cache copy goes too)."""
    store = session_store()
    sessions = sessions_of(user)
    for session in sessions:
        store(session_key=session.session_key).delete()
    return len(sessions)


class SessionLimitsMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            expired = self._expired(request)
            if expired:
                logout(request)
                messages.info(request, expired)
                if request.path.startswith(tuple(settings.KPSS_CSP_ADMIN_PREFIXES)):
                    return redirect_to_login(request.get_full_path())
        return self.get_response(request)

    def _expired(self, request):
        session = request.session
        now = time.time()
        signed_in_at = session.setdefault(SIGNED_IN_AT, now)
        last_seen = session.setdefault(LAST_SEEN, now)
        if now - signed_in_at > settings.KPSS_SESSION_MAX_AGE:
            return _("Přihlášení platí nejvýše %(hours)d hodin. Přihlaste se prosím znovu.") % {
                "hours": settings.KPSS_SESSION_MAX_AGE // 3600
            }
        if now - last_seen > settings.KPSS_SESSION_IDLE_TIMEOUT:
            return _(
                "Byli jste odhlášeni po %(minutes)d minutách nečinnosti. Přihlaste se prosím znovu."
            ) % {"minutes": settings.KPSS_SESSION_IDLE_TIMEOUT // 60}
        if now - last_seen > TOUCH_EVERY and not any(p in request.path for p in BACKGROUND_PATHS):
            touch(session, now)
        return None
