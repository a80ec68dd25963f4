"""Production: DEBUG off; SECRET_KEY and ALLOWED_HOSTS must come from the environment.

`manage.py check --deploy` passes without a warning (tests/test_settings.py). TLS ends at
the proxy (deploy/nginx-kpss.conf), which sets X-Forwarded-Proto.
"""

import environ

from .base import *  # noqa: F403

# A schema-less reader: base.py's development defaults must not fill in for production.
_required = environ.Env()

DEBUG = False
SECRET_KEY = _required("SECRET_KEY")
ALLOWED_HOSTS = _required.list("ALLOWED_HOSTS")
KPSS_ENVIRONMENT = "production"

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = True
# Two years, the preload list's expectation; every subdomain of the site is HTTPS too.
SECURE_HSTS_SECONDS = 2 * 365 * 24 * 3600
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True

# __Host- cookies: Secure, path /, no Domain, so no subdomain can set or read them.
SESSION_COOKIE_NAME = "__Host-sessionid"
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_NAME = "__Host-csrftoken"
CSRF_COOKIE_SECURE = True
# Wagtail's admin reads the token from the page (wagtailConfig), not from the cookie.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_SECURE = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# nginx in front (deploy/nginx-kpss.conf) appends the visitor's address to X-Forwarded-For.
KPSS_PROXY_COUNT = _required.int("KPSS_PROXY_COUNT", default=1)
KPSS_2FA_ENFORCED = True
