"""Settings come from the environment; an unsafe configuration refuses to start."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_settings(module, **env):
    clean = {
        k: v for k, v in os.environ.items() if k not in {"SECRET_KEY", "DEBUG", "DATABASE_URL"}
    }
    clean.update(env, DJANGO_SETTINGS_MODULE=module)
    code = (
        "import django; from django.conf import settings; django.setup(); "
        "print(settings.DATABASES['default']['ENGINE'], settings.DEBUG)"
    )
    return subprocess.run(  # noqa: S603
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_secret_key_is_required_when_debug_is_off():
    result = load_settings("kpss_site.settings.dev", DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_production_requires_secret_key_and_allowed_hosts():
    assert load_settings("kpss_site.settings.production").returncode != 0
    result = load_settings("kpss_site.settings.production", SECRET_KEY="x" * 50)
    assert result.returncode != 0
    assert "ALLOWED_HOSTS" in result.stderr


def test_database_url_selects_the_database():
    result = load_settings(
        "kpss_site.settings.dev", DATABASE_URL="postgres://kpss@127.0.0.1:5432/kpss"
    )
    assert result.stdout.split()[0] == "django.db.backends.postgresql"
    result = load_settings("kpss_site.settings.dev")
    assert result.stdout.split() == ["django.db.backends.sqlite3", "True"]
