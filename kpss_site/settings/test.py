"""Test overrides: only what makes the suite faster or isolated."""

from .base import *  # noqa: F403
from .base import BASE_DIR, env

SECRET_KEY = "test-only-key"  # noqa: S105
# Hashing cost is irrelevant to what the tests check.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Collected, hashed static files are not needed to render pages in tests.
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Keep uploads of the test run away from the developer's media.
# .ci/run runs the PostgreSQL and SQLite suites at once, each with a directory of its own.
MEDIA_ROOT = env("KPSS_TEST_MEDIA_ROOT", default=str(BASE_DIR / "var" / "test-media"))
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
WAGTAILADMIN_BASE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
# Most tests sign in with force_login; tests/test_sign_in.py turns the requirement on.
KPSS_2FA_ENFORCED = False
