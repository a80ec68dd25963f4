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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # A test database in a file, not in memory: the browser tests' live server answers the
    # browser's parallel requests on connections of its own, as a real server does. An
    # in-memory database would be one connection shared by every thread, whose transactions
    # collide ("cannot start a transaction within a transaction"). Durability does not matter
    # here, so SQLite skips syncing the file.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": env("KPSS_TEST_SQLITE", default=str(BASE_DIR / "var" / "test-kpss.sqlite3")),
    }
    DATABASES["default"]["OPTIONS"]["init_command"] = (  # noqa: F405
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF"
    )
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":  # noqa: F405
    # Nothing is lost in tests if the server crashes: commits (the transactional tests' data
    # and flushes) need not wait for the disk.
    options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    options["options"] = "-c synchronous_commit=off"
