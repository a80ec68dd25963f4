"""Settings come from the environment; an unsafe configuration refuses to start."""

import os
import secrets
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


def test_a_malformed_trusted_proxy_stops_the_start_with_the_setting_named():
    result = load_settings("kpss_site.settings.dev", KPSS_TRUSTED_PROXIES="127.0.0.1,10.0.0.300")
    assert result.returncode != 0
    assert "KPSS_TRUSTED_PROXIES" in result.stderr and "10.0.0.300" in result.stderr


# Production hardening ---------------------------------------------------------------------------

# Set by this test run (the browser tests allow Django's sync calls in Playwright's loop).
LOCAL_ONLY = {"DATABASE_URL", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"}
PRODUCTION = {"SECRET_KEY": secrets.token_urlsafe(50), "ALLOWED_HOSTS": "kpss.example.cz"}
COOKIE_SETTINGS = [
    "SECURE_SSL_REDIRECT",
    "SECURE_PROXY_SSL_HEADER",
    "SECURE_HSTS_SECONDS",
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SESSION_COOKIE_AGE",
    "KPSS_2FA_ENFORCED",
    "KPSS_PROXY_COUNT",
    "KPSS_TRUSTED_PROXIES",
    "AUTHENTICATION_BACKENDS",
]


def production_settings():
    """The hardening values of kpss_site.settings.production, read in a process of its own."""
    code = (
        "import django, json; from django.conf import settings; django.setup(); "
        f"print(json.dumps({{name: getattr(settings, name) for name in {COOKIE_SETTINGS!r}}}))"
    )
    env = {k: v for k, v in os.environ.items() if k not in LOCAL_ONLY}
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="kpss_site.settings.production")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    import json

    return json.loads(result.stdout)


def test_production_passes_the_deployment_checks_without_a_warning():
    env = {k: v for k, v in os.environ.items() if k not in LOCAL_ONLY}
    env.update(PRODUCTION, DJANGO_SETTINGS_MODULE="kpss_site.settings.production")
    result = subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_values_for_https_hsts_and_cookies():
    values = production_settings()
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert values["SECURE_HSTS_SECONDS"] >= 365 * 24 * 3600
    assert values["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert values["CSRF_COOKIE_NAME"].startswith("__Host-")
    for prefix in ("SESSION", "CSRF"):
        assert values[f"{prefix}_COOKIE_SECURE"] is True
        assert values[f"{prefix}_COOKIE_HTTPONLY"] is True
        assert values[f"{prefix}_COOKIE_SAMESITE"] == "Lax"
    assert values["SESSION_COOKIE_AGE"] == 8 * 3600
    assert values["KPSS_2FA_ENFORCED"] is True, "production requires the second factor"
    assert values["KPSS_PROXY_COUNT"] == 1, "lockouts count the address nginx saw"
    assert values["KPSS_TRUSTED_PROXIES"] == ["127.0.0.1", "::1", "unix"], "nginx on this host"
    assert values["AUTHENTICATION_BACKENDS"][0] == "axes.backends.AxesStandaloneBackend"


def test_sign_in_sets_host_prefixed_secure_cookies_and_the_admin_still_works(
    client, settings, django_user_model, db
):
    """With production's cookie settings, a real sign-in over HTTPS: the cookies a browser gets,
    and an admin form that still posts (its CSRF token comes from the page, not the cookie)."""
    values = production_settings()
    for name in COOKIE_SETTINGS:
        if name.startswith(("SESSION_", "CSRF_")):
            setattr(settings, name, values[name])
    django_user_model.objects.create_superuser("spravce", "s@example.cz", "heslo-dlouhe-12")
    client.get("/admin/login/", secure=True)
    csrf = client.cookies["__Host-csrftoken"]
    assert csrf["secure"] and csrf["httponly"] and csrf["samesite"] == "Lax"
    assert csrf["path"] == "/" and not csrf["domain"], "__Host- cookies have no Domain"
    response = client.post(
        "/admin/login/",
        {"username": "spravce", "password": "heslo-dlouhe-12"},
        secure=True,
    )
    assert response.status_code == 302
    session = client.cookies["__Host-sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    assert client.get("/admin/", secure=True).status_code == 200


def test_security_headers_on_public_pages_and_in_the_admin(client, home, admin_client):
    public = client.get(home.url)
    policy = public["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'", "no inline script on the public site"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy
    assert public["X-Content-Type-Options"] == "nosniff"
    assert public["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert "camera=()" in public["Permissions-Policy"]
    assert public["X-Frame-Options"] == "DENY"

    admin = admin_client.get("/admin/")
    admin_directives = dict(
        part.strip().split(" ", 1) for part in admin["Content-Security-Policy"].split(";")
    )
    # Wagtail's admin templates still hold inline scripts (kpss_site/security.py).
    assert admin_directives["script-src"] == "'self' 'unsafe-inline'"
    assert admin_directives["frame-ancestors"] == "'self'", "the live preview panel"
    assert admin_directives["object-src"] == "'none'"


def test_public_templates_have_no_inline_script_or_style():
    """What the public policy forbids must not be in the templates either."""
    import re

    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/(ld\+)?json)", text):
            offenders.append(f"{path}: inline <script>")
        # Print templates (*_pdf.html) go to WeasyPrint, never to a browser.
        if re.search(r"\sstyle=\"|<style[\s>]", text) and not path.name.endswith("_pdf.html"):
            offenders.append(f"{path}: inline style")
        if re.search(r"\son[a-z]+=\"", text):
            offenders.append(f"{path}: inline event handler")
    assert not offenders, offenders


def test_a_preview_may_be_framed_by_the_admin_and_the_admin_calls_no_third_party(
    admin_client, chapter
):
    """Wagtail renders a preview through the middleware at the page's own path: it still gets
    frame-ancestors 'self', or the admin's preview panel shows "blocked"."""
    from django.urls import reverse

    revision = chapter.latest_revision
    preview = admin_client.get(
        reverse("wagtailadmin_pages:revisions_view", args=[chapter.pk, revision.pk])
    )
    assert preview.status_code == 200
    directives = dict(
        part.strip().split(" ", 1) for part in preview["Content-Security-Policy"].split(";")
    )
    assert directives["frame-ancestors"] == "'self'"
    assert directives["script-src"] == "'self'", "the page itself keeps the strict policy"

    dashboard = admin_client.get("/admin/").content.decode()
    assert "gravatar.com" not in dashboard
    assert "releases.wagtail.org" not in dashboard and "data-w-upgrade" not in dashboard
