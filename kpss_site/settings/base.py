"""Settings shared by every environment; values come from the environment (see .env.example)."""

import ipaddress
from datetime import timedelta
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

import environ

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env(
    DEBUG=(bool, False),
    ALLOWED_HOSTS=(list, ["localhost", "127.0.0.1"]),
    CSRF_TRUSTED_ORIGINS=(list, []),
    WAGTAILADMIN_BASE_URL=(str, "http://127.0.0.1:8000"),
    EMAIL_URL=(str, "consolemail://"),
    DEFAULT_FROM_EMAIL=(str, "KPSS <noreply@localhost>"),
    MEDIA_ROOT=(str, str(BASE_DIR / "var" / "media")),
    STATIC_ROOT=(str, str(BASE_DIR / "var" / "static")),
)
# A local .env is optional; real deployments set the environment directly.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env("DEBUG")
SECRET_KEY = env("SECRET_KEY", default=None)
ALLOWED_HOSTS = env("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # The project's own commands (kpss_setup, kpss_messages): it wires the apps below.
    "kpss_site",
    "kpss_pages",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.frontend_cache",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    # After wagtail.admin: replaces its workflow e-mail handlers with the route's own.
    "workflows",
    "consultation",
    "monitoring",
    "evidence",
    "audit",
    "accounts",
    "privacy",
    "search",
    "caching",
    "backups",
    "demo",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "modelcluster",
    "taggit",
    "simple_history",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    # Its catalogue gives Czech to Wagtail's workflow times ("před 5 minutami", "nyní").
    "django.contrib.humanize",
    "csp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Headers are added on the way out, so cached pages carry them too.
    "kpss_site.security.PolicyMiddleware",
    "kpss_site.security.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before sessions and locale: a cache hit for an anonymous visitor touches neither.
    "caching.page_cache.PageCacheMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # An id beyond the database's integers anywhere is bad input, not a server error.
    "kpss_site.errors.OutOfRangeAsBadRequest",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Sign-in security (accounts/): session limits, then the second factor.
    "accounts.sessions.SessionLimitsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "accounts.middleware.TwoFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: turns a refused sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "kpss_site.urls"

# Security headers in every environment, so that development meets them first.
# No inline script or style on the public site; the admin: kpss_site/security.py.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # No page is framed, not even by the site; the admin's preview: kpss_site/security.py.
        "frame-ancestors": ["'none'"],
    }
}
KPSS_CSP_ADMIN_PREFIXES = ["/admin/"]
KPSS_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"
# The admin contacts no third party: no Gravatar (it would send a hash of each editor's e-mail
# address) and no check for new Wagtail releases (the policy's connect-src forbids it too).
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"  # Wagtail's preview views set SAMEORIGIN themselves

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "kpss_site.wsgi.application"

# SQLite under var/ is the embedded default; production sets DATABASE_URL=postgres://…
DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'kpss.sqlite3'}"),
}
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=0))
# A persistent connection broken by a database restart is noticed and replaced at the start of
# the next request, instead of failing it (docs/faults.md).
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# A request either saves everything it changes or nothing (e.g. a refused approval leaves no draft).
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several editors at once on the embedded default (a save meeting the editor's autosave,
    # its pings, sign-ins), without "database is locked" (tests/test_sqlite_concurrency.py):
    DATABASES["default"]["OPTIONS"] = {
        # a request's transaction takes the write lock when it begins: two that read and then
        # write would otherwise deadlock on upgrading their locks, which SQLite ends at once by
        # failing one of them, whatever the busy timeout;
        "transaction_mode": "IMMEDIATE",
        # a writer waits its turn (seconds) instead of failing;
        "timeout": 20,
        # readers and the writer never block one another (write-ahead log, kept in the file).
        "init_command": "PRAGMA journal_mode=WAL",
        **DATABASES["default"].get("OPTIONS", {}),
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Length and a list of common passwords, no composition rules (NIST SP 800-63B).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    # Refuses a locked-out username and address before the password is even checked.
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]

# Lockout (django-axes): 5 failures for one username from one address lock that pair for
# 15 minutes; the attempt that would succeed is refused too. Counted in the database.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
# Fifteen minutes from the fifth failure, as the message says, not from the latest attempt.
AXES_RESET_COOL_OFF_ON_FAILURE_DURING_LOCKOUT = False
AXES_LOCKOUT_CALLABLE = "accounts.views.lockout"
WAGTAILADMIN_USER_LOGIN_FORM = "accounts.forms.LoginForm"
AXES_CLIENT_IP_CALLABLE = "kpss_site.security.client_ip"
AXES_VERBOSE = False
# Successful sign-ins are recorded once, by the audit trail (audit.SignInEvent).
AXES_DISABLE_ACCESS_LOG = True
# The address nginx saw (the right-most X-Forwarded-For entry) when KPSS_PROXY_COUNT > 0, and
# only on connections from KPSS_TRUSTED_PROXIES (addresses, networks, "unix" for a socket):
# a client reaching the app server directly cannot choose its address (kpss_site/security.py).
KPSS_PROXY_COUNT = env.int("KPSS_PROXY_COUNT", default=0)
KPSS_TRUSTED_PROXIES = env.list("KPSS_TRUSTED_PROXIES", default=["127.0.0.1", "::1", "unix"])
for _proxy in set(KPSS_TRUSTED_PROXIES) - {"unix"}:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError as error:  # a typo must stop the start, not fail every sign-in
        raise ImproperlyConfigured(f"KPSS_TRUSTED_PROXIES: {error}") from error

# Two-factor sign-in (django-otp): required for these roles and for administrators,
# optional for everyone else (accounts/middleware.py).
KPSS_2FA_REQUIRED_GROUPS = ["Manažerský tým", "Nadoborová skupina", "Auditor"]
KPSS_2FA_ENFORCED = env.bool("KPSS_2FA_ENFORCED", default=True)
OTP_TOTP_ISSUER = "KPSS"
# Sessions end 30 minutes after the last request and 8 hours after sign-in (accounts/sessions.py).
KPSS_SESSION_IDLE_TIMEOUT = 30 * 60
KPSS_SESSION_MAX_AGE = 8 * 3600
SESSION_COOKIE_AGE = KPSS_SESSION_MAX_AGE

# Czech first, English second.
LANGUAGE_CODE = "cs"
TIME_ZONE = "Europe/Prague"
USE_I18N = True
USE_TZ = True
LANGUAGES = [("cs", "Čeština"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = LANGUAGES
# Czech for what Wagtail 8.0's and wagtail-localize's own cs catalogues lack. Kept apart from
# locale/, which makemessages rewrites (it would drop these msgids as obsolete).
LOCALE_PATHS.append(BASE_DIR / "locale_overrides")
# One date format across the admin, "4. 12. 2026 14:35" (kpss_site/formats/). Date fields write
# "15.11.2026": the calendar's parser (php-date-formatter) cannot read "15. 11. 2026" back and
# resets such a field to today when it loses focus. Input formats accept both in every language.
FORMAT_MODULE_PATH = ["kpss_site.formats"]
WAGTAIL_DATE_FORMAT = "%d.%m.%Y"
WAGTAIL_DATETIME_FORMAT = "%d.%m.%Y %H:%M"
WAGTAIL_TIME_FORMAT = "%H:%M"

# A translation of a live page is created as a draft; it goes live through the approval route
# of its source (workflows/translations/), never on creation.
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
# Machine translation is off unless a translator is configured, e.g. DeepL with its key.
if env("DEEPL_API_KEY", default=""):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": "wagtail_localize.machine_translators.deepl.DeepLTranslator",
        "OPTIONS": {"AUTH_KEY": env("DEEPL_API_KEY")},
    }

STATIC_URL = "/static/"
STATIC_ROOT = env("STATIC_ROOT")
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = env("MEDIA_ROOT")
# Media through Django (development and the demo); in production nginx serves /media/.
KPSS_SERVE_MEDIA = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
# Media on S3-compatible object storage (django-storages, `pip install .[s3]`) when a bucket is
# set: several app servers then share uploads without a shared disk. Keys come from the usual
# AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY variables (or the machine's role).
if env("AWS_STORAGE_BUCKET_NAME", default=""):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("AWS_STORAGE_BUCKET_NAME"),
            "endpoint_url": env("AWS_S3_ENDPOINT_URL", default=None),
            "region_name": env("AWS_S3_REGION_NAME", default=None),
            "location": env("AWS_LOCATION", default=""),
            # Private objects: documents of restricted collections must not be public by URL.
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

EMAIL_CONFIG = env.email("EMAIL_URL")
vars().update(EMAIL_CONFIG)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

WAGTAIL_SITE_NAME = "Komunitní plánování sociálních služeb"
WAGTAILADMIN_BASE_URL = env("WAGTAILADMIN_BASE_URL")
# Czech URLs without diacritics: "Pečovatelská služba" -> "pecovatelska-sluzba".
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
# Uploads: these types only, checked by content on every admin upload path
# (kpss_pages/uploads/); no HTML or SVG anywhere. Wagtail's fields enforce the limits.
WAGTAILDOCS_EXTENSIONS = ["pdf", "docx", "xlsx", "odt", "ods", "txt", "csv", "jpg", "png"]
WAGTAILDOCS_DOCUMENT_FORM_BASE = "kpss_pages.uploads.forms.DocumentForm"
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
# Every document is downloaded, never shown inline (a PDF may carry script), and always through
# Wagtail's serve view, which adds nosniff and its own CSP, also once media is in object storage.
WAGTAILDOCS_INLINE_CONTENT_TYPES = []
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILIMAGES_EXTENSIONS = ["jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_IMAGE_FORM_BASE = "kpss_pages.uploads.forms.ImageForm"
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # decoding one takes about 120 MB of memory
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link"]
        },
    }
}

SIMPLE_HISTORY_HISTORY_CHANGE_REASON_USE_TEXT_FIELD = True

# Approval route (see workflows/): only a completed workflow publishes, and any edit of content in
# review needs every approval again.
WAGTAIL_FINISH_WORKFLOW_ACTION = "workflows.actions.publish_approved_revision"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
WAGTAIL_WORKFLOW_CANCEL_ON_PUBLISH = True
WAGTAILADMIN_NOTIFICATION_INCLUDE_SUPERUSERS = False
WAGTAILADMIN_NOTIFICATION_FROM_EMAIL = env("DEFAULT_FROM_EMAIL")

LOGIN_URL = "wagtailadmin_login"

# Cache: Redis when REDIS_URL is set (shared by all app servers, required for more than one
# process), otherwise this process's memory (`make run`, a single process).
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="kpss"),
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "OPTIONS": {"MAX_ENTRIES": 20000},
        }
    }
KPSS_PAGE_CACHE = env.bool("KPSS_PAGE_CACHE", default=True)
KPSS_PAGE_CACHE_ALIAS = "default"
KPSS_PAGE_CACHE_TIMEOUT = env.int("KPSS_PAGE_CACHE_TIMEOUT", default=24 * 3600)
# Browsers keep a page briefly; shared caches (nginx, a CDN) longer, since they are purged.
KPSS_CACHE_MAX_AGE = env.int("KPSS_CACHE_MAX_AGE", default=60)
KPSS_CACHE_S_MAXAGE = env.int("KPSS_CACHE_S_MAXAGE", default=600)

# Front cache purging (wagtail.contrib.frontend_cache), only when configured:
# FRONTEND_CACHE_PURGE_URL for nginx (ngx_cache_purge) or Varnish, or a CDN's credentials.
WAGTAILFRONTENDCACHE = {}
if env("FRONTEND_CACHE_PURGE_URL", default=""):
    WAGTAILFRONTENDCACHE["http"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": env("FRONTEND_CACHE_PURGE_URL"),
    }
if env("CLOUDFLARE_API_TOKEN", default=""):
    WAGTAILFRONTENDCACHE["cloudflare"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
        "BEARER_TOKEN": env("CLOUDFLARE_API_TOKEN"),
        "ZONEID": env("CLOUDFLARE_ZONE_ID"),
    }
if env("CLOUDFRONT_DISTRIBUTION_ID", default=""):
    # Needs boto3 and AWS credentials in the environment.
    WAGTAILFRONTENDCACHE["cloudfront"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
        "DISTRIBUTION_ID": env("CLOUDFRONT_DISTRIBUTION_ID"),
    }

KPSS_REGION_NAME = env("KPSS_REGION_NAME", default="Mikroregion Valašskomeziříčsko-Kelečsko")
KPSS_DEMO_PASSWORD = env("KPSS_DEMO_PASSWORD", default="")
# "production" makes demo-only commands refuse to run.
KPSS_ENVIRONMENT = "development"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", default="WARNING")},
}

# How the apps reach each other where a lower one needs a higher one (docs/architecture.md).
from kpss_site.settings.wiring import *  # noqa: E402, F403
