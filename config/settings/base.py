"""Paths, apps, middleware, templates, database, cache, sessions, languages and logging."""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="embedded-mode-only-not-a-secret-8f2c1e")
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    # The staff site's templates override the admin's, so it comes first.
    "staff.apps.StaffConfig",
    "staff.apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "guardian",
    "simple_history",
    "phonenumber_field",
    "django_countries",
    "django_celery_beat",
    # Ours, ground floor first. Before two_factor, so our sign-in templates win.
    "audit",
    "accounts",
    "cases",
    "routing",
    "intake",
    "reporting",
    # The embedded demo and the benchmarks' data; its commands refuse to run elsewhere.
    "demo",
    # Accountability: second factor, lockout, content security policy.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "axes",
    "csp",
]

MIDDLEWARE = [
    # Outermost: any failure caused by an unreachable database becomes the 503 page.
    "config.errors.DatabaseUnavailableMiddleware",
    "config.logging.RequestLogMiddleware",
    # Pages compressed by the application, so the embedded mode and any deployment without a
    # compressing proxy send them small; Django 4.2+ pads each response against BREACH.
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Its response step runs before the session middleware's, which then saves what it renewed.
    "accounts.middleware.SessionKeepAliveMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # After OTP: an authenticated user reaches nothing but sign-in pages until verified.
    "accounts.middleware.StaffAccountabilityMiddleware",
    "axes.middleware.AxesMiddleware",
]

# Axes first (it refuses a locked-out account before any password check); the single sign-on
# backend declines unless OIDC_ENABLED (config/settings/sso.py).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
    "accounts.sso.StaffOIDCBackend",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
            ],
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{VAR_DIR / 'mpp.sqlite3'}"),
}
DATABASES["default"]["ATOMIC_REQUESTS"] = False
DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("DATABASE_CONN_MAX_AGE", default=0))
EMBEDDED_DATABASE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if EMBEDDED_DATABASE:
    # "My cases"' index includes the status for PostgreSQL's index-only walk; SQLite keeps the
    # key columns, which serve its small table as well: nothing to warn the demo about.
    SILENCED_SYSTEM_CHECKS = ["models.W040"]
    # WAL and a busy timeout let the embedded mode take concurrent submissions.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    # No parallel workers for one query by default: a web node's reads are short (a page of
    # 50, a count up to 1,001) and many at once; on the two-core benchmark machine a parallel
    # plan took "my cases"' bounded count from 7 to 14-18 ms of the cores everyone shares
    # (docs/decisions.md). A database with cores to spare may allow them.
    DATABASES["default"].setdefault("OPTIONS", {})["options"] = (
        "-c max_parallel_workers_per_gather="
        f"{env.int('DATABASE_PARALLEL_WORKERS_PER_GATHER', default=0)}"
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

GUARDIAN_RENDER_403 = False
GUARDIAN_RAISE_403 = False
ANONYMOUS_USER_NAME = None

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # Password changes reach the audit trail through the hook Django calls on every save.
    {"NAME": "accounts.passwords.RecordPasswordChange"},
]

# Internationalisation: the four languages of the public form.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("es", _("Spanish")),
    ("ht", _("Haitian Creole")),
    ("pt-br", _("Brazilian Portuguese")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates as each language writes them; Django has no Haitian Creole formats (config/formats/ht).
FORMAT_MODULE_PATH = ["config.formats"]
TIME_ZONE = env("DJANGO_TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
# USWDS from npm (package.json) for the public pages, served by whitenoise.
USWDS_DIST = BASE_DIR / "node_modules" / "@uswds" / "uswds" / "dist"
STATICFILES_DIRS = [
    *([BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []),
    *([("uswds", USWDS_DIST)] if USWDS_DIST.is_dir() else []),
]

REDIS_URL = env("REDIS_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
        if REDIS_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    )
}

# Sessions. A person filling in the public form on a slow phone keeps their answers for two
# hours of quiet; signed-in staff get a short idle timeout and an absolute limit, set per
# session by accounts' StaffAccountabilityMiddleware.
SESSION_COOKIE_AGE = env.int("SESSION_PUBLIC_SECONDS", default=2 * 60 * 60)
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=15 * 60)
# Written when changed, and renewed at most once a minute (accounts.middleware): a read-only
# page writes nothing but its audit event.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_REFRESH_SECONDS = env.int("SESSION_REFRESH_SECONDS", default=60)
SESSION_ABSOLUTE_SECONDS = env.int("SESSION_ABSOLUTE_SECONDS", default=12 * 60 * 60)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Transport security: on unless the embedded mode switches it off.
SECURE_TRANSPORT = env.bool("DJANGO_SECURE_TRANSPORT", default=False)
SESSION_COOKIE_SECURE = SECURE_TRANSPORT
CSRF_COOKIE_SECURE = SECURE_TRANSPORT
SECURE_SSL_REDIRECT = SECURE_TRANSPORT
SECURE_HSTS_SECONDS = 63072000 if SECURE_TRANSPORT else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_TRANSPORT
SECURE_HSTS_PRELOAD = SECURE_TRANSPORT
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.bool("DJANGO_BEHIND_PROXY", default=False) else None
)
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Graceful failure: the branded 403 page for a failed CSRF check (config/errors.py).
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "config.logging.RequestIdFilter"},
        # Every line, whoever writes it, leaves without a link's token (config/logging.py).
        "redact_secrets": {"()": "config.logging.RedactSecrets"},
    },
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("DJANGO_LOG_FORMAT", default="json"),
            "filters": ["request_id", "redact_secrets"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Django's own request logger repeats the path with its query string on every 4xx/5xx.
    "loggers": {"django.request": {"level": "ERROR"}},
}
