"""One settings module for every environment; deploy-time values come from the environment."""

from __future__ import annotations

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured

from caio import sso as sso_config
from caio.env import env_bool, env_int, env_list, env_str, load_env_file

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"
# CAIO_ENV_FILE names another file; set it empty to read none.
_env_file = os.environ.get("CAIO_ENV_FILE", str(BASE_DIR / ".env"))
if _env_file:
    load_env_file(Path(_env_file))

DEBUG = env_bool("DEBUG", default=False)

SECRET_KEY = env_str("SECRET_KEY")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off (see .env.example)")
    # Development only: a fixed key is fine because DEBUG is on and nothing here is deployed.
    SECRET_KEY = "dev-only-insecure-key-" + "x" * 40

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"] if DEBUG else [])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "bootstrap",
    "csp",
    "axes",
    "django_ratelimit",
    "django_tasks",
    "django_tasks_db",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "simple_history",
    "assessments",
    "caio",
    "assessments.audit",
    # Single sign-on: allauth's OpenID Connect and SAML 2.0 clients; the sign-in pages stay the app's own.
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "assessments.sso",
]

MIDDLEWARE = [
    # First, so every response has the policy: an error raised by a middleware further in (a bare 400 for a
    # bad Host header) is turned into a response there and never passes the middleware listed after it.
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The language: the cookie set by the header's switcher, else the browser's Accept-Language.
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Its process_view runs before CSRF's, which reads the form first: the charter editor alone may post more
    # fields than the rest (caio.middleware.allows_form_fields).
    "caio.middleware.FormFieldsLimitMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Who made a change, for the audit trail (django-simple-history reads request.user when it records).
    "simple_history.middleware.HistoryRequestMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    # A signed-in person's own choice (their profile, copied into the session at log-in) wins over both.
    "caio.middleware.UserLanguageMiddleware",
    "caio.middleware.IdleSessionTimeoutMiddleware",
    "caio.middleware.PrivatePagesMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # After CSP's (first): it widens the sign-in page's form-action before CSP writes the header.
    "assessments.sso.middleware.LocalPasswordsMiddleware",
    # Last, as django-axes asks: it turns a lockout raised during authentication into a response.
    "axes.middleware.AxesMiddleware",
]

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    # Signs in people who came through single sign-on (allauth logs them in with it); by password it
    # accepts only what ModelBackend, before it, already accepted.
    "allauth.account.auth_backends.AuthenticationBackend",
]

# Single sign-on (README, "Single sign-on"): OpenID Connect providers by issuer URL and one SAML 2.0
# identity provider, from the environment. LOCAL_PASSWORDS=0 leaves single sign-on as the only way in.
LOCAL_PASSWORDS = env_bool("LOCAL_PASSWORDS", default=True)
SOCIALACCOUNT_PROVIDERS = sso_config.providers(os.environ)
# More origins a sign-in may be redirected to, when a provider signs in on another host than its issuer's.
SSO_FORM_ACTION = env_list("SSO_FORM_ACTION", [])
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False  # a sign-in starts with a POST (CSRF-protected), never a link
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*"]
ACCOUNT_LOGOUT_REDIRECT_URL = "home"

ROOT_URLCONF = "caio.urls"
WSGI_APPLICATION = "caio.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
            ],
        },
    },
]

DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    try:
        DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
    except ValueError as exc:
        raise ImproperlyConfigured(f"DATABASE_URL is not a database URL we understand: {exc}") from None
else:
    VAR_DIR.mkdir(exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "caio.sqlite3"),
            # A file, not Django's shared in-memory default, so concurrency tests see real locking.
            "TEST": {"NAME": str(VAR_DIR / "test.sqlite3")},
        }
    }
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + IMMEDIATE transactions: concurrent writers queue instead of failing with "database is locked".
    # Applied to every SQLite database, including one named by DATABASE_URL=sqlite:///...
    DATABASES["default"]["CONN_MAX_AGE"] = 60  # reconnecting re-runs the PRAGMAs on every request
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Brute-force protection: 5 failures for one username from one address lock that pair out.
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=env_int("LOGIN_COOLOFF_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_HTTP_RESPONSE_CODE = 429
AXES_RESET_ON_SUCCESS = True
# Usernames are at most 150 characters; a longer one typed into the form must not overflow axes' log.
AXES_USERNAME_CALLABLE = "caio.auth.axes_username"
AXES_VERBOSE = False
# Behind a TLS proxy, the client address is the last hop the proxy appends to X-Forwarded-For. One function
# reads it, for axes' lockouts, the rate limits and the logs (django-ipware is not used).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
AXES_CLIENT_IP_CALLABLE = "assessments.security.client_address.client_address"

# Sessions end after SESSION_IDLE_HOURS without a request, and in any case SESSION_MAX_DAYS after log-in.
SESSION_IDLE_SECONDS = env_int("SESSION_IDLE_HOURS", 8) * 3600
SESSION_COOKIE_AGE = env_int("SESSION_MAX_DAYS", 14) * 86_400

# Rate limits count in a cache every worker and server shares: a table in the database, made by
# `manage.py createcachetable` wherever migrations run. The default cache holds only work that any process
# can redo (rendered result pages), so it stays in each process's memory, where reading it costs no query.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "shared": {
        "BACKEND": "caio.cache.DatabaseCache",
        "LOCATION": env_str("CACHE_TABLE", "caio_cache"),
        # The test run sets CACHE_CULL_ONE_ADD_IN=0, so pinned query counts do not vary by chance.
        "OPTIONS": {"CULL_ONE_ADD_IN": env_int("CACHE_CULL_ONE_ADD_IN", 50)},
    },
}
RATELIMIT_USE_CACHE = "shared"
# The database cache is not on django-ratelimit's list, which it flags (W001) and calls non-atomic (E003 is
# for Django's own DatabaseCache only); caio.cache.DatabaseCache locks the row it increments.
SILENCED_SYSTEM_CHECKS = ["django_ratelimit.W001"]
# "count/period" (s, m, h, d); each one can be set from the environment, e.g. RATE_LIMIT_PDF=5/m.
RATE_LIMITS = {
    name: env_str(f"RATE_LIMIT_{name.upper()}", default)
    for name, default in {
        "pdf": "10/m",  # report renders per user
        "invite": "20/h",  # invitations sent per inviter
        "invite_recipient": "3/h",  # invitations to one address, whoever sends them
        "invite_organisation": "30/h",  # invitations from one organisation, whoever in it sends them
        "invite_ip": "40/h",  # invitations from one client address, whichever account sends them
        "invite_new_account": "3/d",  # invitations sent by an account younger than NEW_ACCOUNT_HOURS
        "reset": "3/h",  # password-reset e-mails per address
        "reset_ip": "10/h",  # password-reset requests per client address
        "autosave": "30/m",  # autosaves per draft or rating
        "profile": "10/m",  # organisation profile saves per person (each one renders the reports again)
        # Everything else that queues a render: re-scores, scenario saves, imports, report retries.
        "work": "6/m",  # per person
        "work_organisation": "12/m",  # per organisation, whoever in its team asks
    }.items()
}

# An account younger than this sends invitations under RATE_LIMITS["invite_new_account"]: sign-up is free.
NEW_ACCOUNT_HOURS = env_int("NEW_ACCOUNT_HOURS", 24)

# A report is about four pages; one far longer is refused rather than rendered (and cached).
REPORT_MAX_PAGES = env_int("REPORT_MAX_PAGES", 30)
# Renders run at this lower CPU priority (a nice value, 0 to 19; 0 turns it off) so that, on a machine the
# worker shares with the web server, the OS schedules page requests first (assessments.report.pdf explains how).
REPORT_RENDER_NICE = env_int("REPORT_RENDER_NICE", 10)

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "assessments:organisation-list"
LOGOUT_REDIRECT_URL = "home"

# English, French and German throughout: pages, e-mails, the PDF and `assess --lang` (docs/languages.md).
LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("de", "Deutsch")]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Where a signed-in person's language is kept for the session: copied from their profile at log-in and
# whenever they choose one in the header, so reading it costs no query (assessments.languages writes it,
# caio.middleware.UserLanguageMiddleware reads it).
SESSION_LANGUAGE_KEY = "_language"
# Dates per language (caio/formats/<lang>/formats.py); English keeps the British forms it always had.
FORMAT_MODULE_PATH = ["caio.formats"]
LANGUAGE_COOKIE_AGE = 365 * 86_400
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        # Pre-compressing (gzip + brotli) takes seconds; the test run switches it off, not the hashing.
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if env_bool("STATIC_COMPRESS", default=True)
        else "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"
    },
}

# Development prints mail to the console. With DEBUG off an explicit EMAIL_BACKEND is required, or no process
# starts: the console would print working reset and invitation links into the web's and the worker's logs.
EMAIL_BACKEND_CONFIGURED = bool(env_str("EMAIL_BACKEND"))
if not DEBUG and not EMAIL_BACKEND_CONFIGURED:
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must be set when DEBUG is off: the console would print working links to the log "
        "(see .env.example)"
    )
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
if not DEBUG and EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":
    raise ImproperlyConfigured(
        "EMAIL_BACKEND must send mail when DEBUG is off, not print it: the console would put working links "
        "in the log"
    )
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)  # seconds; a stuck relay must not hold a worker
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "CAIO Advisor <noreply@localhost>")
# The name of this installation, as mail signs it ("CAIO Advisor at Northwind"); never the request's host.
SITE_NAME = env_str("SITE_NAME", "CAIO Advisor")

# Background work (report renders, mail) runs in `manage.py db_worker` processes that share the database;
# no broker. The test run uses the immediate backend (runs a task at once, in-process).
TASKS = {"default": {"BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")}}
# A task RUNNING for longer than this is taken to belong to a worker that died (killed, out of memory):
# `manage.py maintain_tasks` puts it back in the queue. Must be well above the render time limit.
TASK_LEASE_SECONDS = env_int("TASK_LEASE_SECONDS", 300)
# Finished task rows older than this are deleted by `manage.py maintain_tasks`.
TASK_KEEP_DAYS = env_int("TASK_KEEP_DAYS", 7)
# Audit entries (and their history rows) older than this are deleted by `maintain_tasks` / `prune_audit`.
AUDIT_KEEP_DAYS = env_int("AUDIT_KEEP_DAYS", 730)
if AUDIT_KEEP_DAYS < 1:
    raise ImproperlyConfigured(f"AUDIT_KEEP_DAYS must be at least 1 (days), got {AUDIT_KEEP_DAYS}")
AUDIT_PAGE_SIZE = 50
# "fake" swaps WeasyPrint for a stub that sleeps REPORT_FAKE_RENDER_MS and returns a tiny PDF: for the
# queue's own tests and benchmarks, never for real use.
REPORT_RENDERER = env_str("REPORT_RENDERER", "weasyprint")
REPORT_FAKE_RENDER_MS = env_int("REPORT_FAKE_RENDER_MS", 50)

# The HTTP API (docs/api.md): personal tokens only (no session, so no CSRF to think about), JSON only.
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["assessments.api.authentication.BearerTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "assessments.api.errors.handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
}
SPECTACULAR_SETTINGS = {
    "TITLE": "CAIO Advisor API",
    "DESCRIPTION": "Organisations, assessments, reports, charters and the method. Guide: docs/api.md.",
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.AllowAny"],
    "SERVE_AUTHENTICATION": [],
    "SCHEMA_PATH_PREFIX": "/api/v1/",
    # The reference page's scripts and styles come from our own static files (the CSP allows no CDN).
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "AssessmentStatusEnum": "assessments.models.Assessment.Status",
        "CharterStatusEnum": "assessments.models.Charter.Status",
        "ReportStatusEnum": "assessments.models.ReportStatus",
    },
}

# Webhooks call addresses people type: public https hosts only (assessments/webhooks/outbound.py). On for
# development (a receiver on 127.0.0.1) and in the tests that run one; never in production.
OUTBOUND_ALLOW_PRIVATE = env_bool("OUTBOUND_ALLOW_PRIVATE", default=DEBUG)
WEBHOOK_TIMEOUT_SECONDS = env_int("WEBHOOK_TIMEOUT_SECONDS", 10)

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Request size limits: the largest legitimate form (an organisation with notes) is far below these.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("DATA_UPLOAD_MAX_MEMORY_SIZE", 1_048_576)
DATA_UPLOAD_MAX_NUMBER_FIELDS = 200
FILE_UPLOAD_MAX_MEMORY_SIZE = 1_048_576

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [NONE],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True

if not DEBUG:
    # Production sits behind a TLS-terminating proxy that sets X-Forwarded-Proto.
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", default=True)
    SESSION_COOKIE_SECURE = env_bool("SESSION_COOKIE_SECURE", default=True)
    CSRF_COOKIE_SECURE = env_bool("CSRF_COOKIE_SECURE", default=True)
    LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},  # asctime: when
    # Share, invitation and reset links carry their token in the URL; a logged URL (a 500's request line)
    # must not hand it to whoever reads the log. gunicorn's own logs: caio.gunicorn_logging.
    "filters": {"redact_tokens": {"()": "caio.logs.RedactTokens"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["redact_tokens"]}
    },
    "root": {"handlers": ["console"], "level": "INFO"},
    "loggers": {
        "django.request": {"handlers": ["console"], "level": "ERROR", "propagate": False},
        "django.security.DisallowedHost": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "caio.auth": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "caio.audit": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "axes": {"handlers": ["console"], "level": "WARNING", "propagate": False},
        "django_tasks": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "django_tasks_db": {"handlers": ["console"], "level": "INFO", "propagate": False},
        # WeasyPrint logs ~40 INFO lines of progress per report.
        "weasyprint.progress": {"handlers": ["console"], "level": "WARNING", "propagate": False},
    },
}
