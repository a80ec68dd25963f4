"""`make run`: the demo as visitors get it. Development's defaults, but DEBUG is off, so a
missing page or an error shows the site's Czech 404 and 500 pages, never Django's debug page
with its list of every URL and setting.

Static files come from WhiteNoise (already in MIDDLEWARE), which production uses too, straight
from the apps' and the project's static directories: no collectstatic step, and unlike
`runserver --insecure` the same code path as production. Media are served by Django's static
view (KPSS_SERVE_MEDIA): fine for a demo, never for production (nginx does it there).
"""

import secrets

from .base import *  # noqa: F403
from .base import BASE_DIR, STORAGES, env

DEBUG = env.bool("DEBUG", default=False)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
# Demo users sign in without a phone, as in development.
KPSS_2FA_ENFORCED = env.bool("KPSS_2FA_ENFORCED", default=False)


def _local_secret_key():
    """SECRET_KEY if set, else a random key kept in var/ so sessions survive a restart."""
    path = BASE_DIR / "var" / "secret-key.txt"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50) + "\n")
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = env("SECRET_KEY", default="") or _local_secret_key()

# Unhashed names: the manifest storage needs collectstatic before DEBUG can be off.
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Edited CSS and JS are served at once, as runserver does with DEBUG on.
WHITENOISE_AUTOREFRESH = True
KPSS_SERVE_MEDIA = True
