"""Settings for every environment, read from the environment (django-environ).

With no environment at all this is the embedded mode: SQLite, files under var/, e-mail written
to var/mail, Celery tasks run in-process. Production differs only by environment variables
(see .env.example); `manage.py check --deploy` is clean there.
"""

from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DJANGO_DEBUG", default=False)
SECRET_KEY = env("DJANGO_SECRET_KEY", default="embedded-mode-only-not-a-secret-8f2c1e")
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
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
    # Ours, ground floor first.
    "audit",
    "cases",
    "routing",
    "intake",
    "reporting",
]

MIDDLEWARE = [
    "config.logging.RequestLogMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
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
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the embedded mode take concurrent submissions.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "guardian.backends.ObjectPermissionBackend",
]
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
TIME_ZONE = env("DJANGO_TIME_ZONE", default="America/New_York")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = env.path("DJANGO_STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []

# Case documents are private: never under STATIC or a public MEDIA_URL; only the audited
# download view streams them.
DOCUMENTS_BACKEND = env("DOCUMENTS_BACKEND", default="filesystem")
DOCUMENTS_ROOT = env.path("DOCUMENTS_ROOT", default=VAR_DIR / "documents")
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(DOCUMENTS_ROOT), "base_url": None},
    },
    "staticfiles": {
        "BACKEND": env(
            "DJANGO_STATICFILES_STORAGE",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage",
        ),
    },
}
if DOCUMENTS_BACKEND == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("DOCUMENTS_S3_BUCKET"),
            "endpoint_url": env("DOCUMENTS_S3_ENDPOINT_URL", default=None),
            "region_name": env("DOCUMENTS_S3_REGION", default="us-east-1"),
            "default_acl": "private",
            "querystring_expire": 60,
            "signature_version": "s3v4",
            "object_parameters": {"ServerSideEncryption": "AES256"},
            "file_overwrite": False,
        },
    }
FILE_UPLOAD_PERMISSIONS = 0o600
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o700

# E-mail: to files under var/mail unless an SMTP server is configured.
EMAIL_BACKEND = env(
    "DJANGO_EMAIL_BACKEND", default="django.core.mail.backends.filebased.EmailBackend"
)
EMAIL_FILE_PATH = env.path("DJANGO_EMAIL_FILE_PATH", default=VAR_DIR / "mail")
EMAIL_HOST = env("EMAIL_HOST", default="localhost")
EMAIL_PORT = env.int("EMAIL_PORT", default=25)
EMAIL_HOST_USER = env("EMAIL_HOST_USER", default="")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", default="")
EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env(
    "DEFAULT_FROM_EMAIL", default="MPP Case Requests <no-reply@mpp.example.gov>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Celery: Redis in production; in the embedded mode tasks run in-process.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="memory://")
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL == "memory://"
)
CELERY_TASK_EAGER_PROPAGATES = False
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
# session by audit's StaffAccountabilityMiddleware.
SESSION_COOKIE_AGE = env.int("SESSION_PUBLIC_SECONDS", default=2 * 60 * 60)
SESSION_IDLE_SECONDS = env.int("SESSION_IDLE_SECONDS", default=15 * 60)
SESSION_SAVE_EVERY_REQUEST = True
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
X_FRAME_OPTIONS = "DENY"

LOGIN_URL = "admin:login"

# Case numbers: a prefix people can say, then Crockford base-32 digits and a check character.
CASE_NUMBER_PREFIX = "MPP"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "config.logging.RequestIdFilter"}},
    "formatters": {"json": {"()": "config.logging.JsonFormatter"}},
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": env("DJANGO_LOG_FORMAT", default="json"),
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    # Django's own request logger repeats the path with its query string on every 4xx/5xx.
    "loggers": {"django.request": {"level": "ERROR"}},
}

# Public intake: USWDS from npm (package.json), served by whitenoise; the address printed on
# the tear sheet and in its QR code (empty: the address the page was served from).
USWDS_DIST = BASE_DIR / "node_modules" / "@uswds" / "uswds" / "dist"
if USWDS_DIST.is_dir():
    STATICFILES_DIRS = [*STATICFILES_DIRS, ("uswds", USWDS_DIST)]
INTAKE_PUBLIC_URL = env("INTAKE_PUBLIC_URL", default="")

# --- Celery beat: the schedule lives in the database; administrators edit it in the staff site.
# Entries below are defaults: installed once, then edited there (config/beat.py).
from zoneinfo import ZoneInfo  # noqa: E402

from django_celery_beat.tzcrontab import TzAwareCrontab  # noqa: E402

CELERY_BEAT_SCHEDULER = "config.beat:DefaultsDatabaseScheduler"
_LOCAL = ZoneInfo(TIME_ZONE)
CELERY_BEAT_SCHEDULE = {
    # CRCL audit sampling (routing): a share of last week's decisions, every Monday.
    "crcl-audit-weekly-sample": {
        "task": "routing.sample_decided_cases_for_audit",
        "schedule": TzAwareCrontab(minute="0", hour="6", day_of_week="mon", tz=_LOCAL),
    },
    # Records retention (cases): nightly, a no-op until an approved schedule is active.
    "records-retention-nightly": {
        "task": "cases.tasks.dispose_of_records_past_retention",
        "schedule": TzAwareCrontab(minute="30", hour="2", tz=_LOCAL),
    },
}
CRCL_AUDIT_SAMPLE_SHARE = env.float("CRCL_AUDIT_SAMPLE_SHARE", default=0.10)
# --- end Celery beat

# --- Reporting: the weekly leadership report (aggregate figures only).
REPORT_TIME_ZONE = env("REPORT_TIME_ZONE", default="America/New_York")
# Counts from 1 to REPORT_MIN_CELL_SIZE - 1 are published as "fewer than k".
REPORT_MIN_CELL_SIZE = env.int("REPORT_MIN_CELL_SIZE", default=5)
# Addresses besides the users in group "leadership" (comma-separated).
REPORT_RECIPIENTS = env.list("REPORT_RECIPIENTS", default=[])
REPORT_SEND_MAX_RETRIES = env.int("REPORT_SEND_MAX_RETRIES", default=5)
REPORT_SEND_RETRY_SECONDS = env.int("REPORT_SEND_RETRY_SECONDS", default=300)
CELERY_BEAT_SCHEDULE["weekly-leadership-report"] = {
    "task": "reporting.tasks.send_weekly_report",
    "schedule": TzAwareCrontab(
        minute="0", hour="7", day_of_week="mon", tz=ZoneInfo(REPORT_TIME_ZONE)
    ),
}
# --- end Reporting

# ---------------------------------------------------------------------------------------------
# Accountability (audit app): staff MFA, lockout, session limits, Rules of Behavior, CSP, scans.
# ---------------------------------------------------------------------------------------------
INSTALLED_APPS += [
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "axes",
    "csp",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "csp.middleware.CSPMiddleware",
)
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.contrib.auth.middleware.AuthenticationMiddleware") + 1,
    "django_otp.middleware.OTPMiddleware",
)
MIDDLEWARE += [
    # After OTP: an authenticated user reaches nothing but sign-in pages until verified.
    "audit.middleware.StaffAccountabilityMiddleware",
    "axes.middleware.AxesMiddleware",
]
AUTHENTICATION_BACKENDS.insert(0, "axes.backends.AxesStandaloneBackend")
# Password changes reach the audit trail through the validator hook Django calls on every save.
AUTH_PASSWORD_VALIDATORS += [{"NAME": "audit.passwords.RecordPasswordChange"}]

LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "two_factor:login"
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="MPP Case Requests")
TWO_FACTOR_REMEMBER_COOKIE_AGE = None  # never skip the second factor
TWO_FACTOR_LOGIN_TIMEOUT = 300
# Demo users of the embedded mode get a TOTP device with a known secret (manage.py demo_totp).
MPP_DEMO_MODE = env.bool(
    "MPP_DEMO_MODE", default=DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
)

# Lockout: after AXES_FAILURE_LIMIT failed passwords for a username, or from one address. An
# administrator unlocks (staff site: Axes > Access attempts, or manage.py axes_reset_username);
# a cool-off in hours may be configured instead.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=None)
AXES_LOCKOUT_PARAMETERS = env.list("AXES_LOCKOUT_PARAMETERS", default=["username", "ip_address"])
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "audit/locked_out.html"
AXES_IPWARE_PROXY_COUNT = 1 if SECURE_PROXY_SSL_HEADER else None
# Audit events take the client address from X-Forwarded-For only behind our own proxy.
AUDIT_TRUSTED_PROXY_COUNT = env.int(
    "AUDIT_TRUSTED_PROXY_COUNT", default=1 if SECURE_PROXY_SSL_HEADER else 0
)
AXES_VERBOSE = False

# The system-use warning and the Rules of Behavior staff acknowledge.
SYSTEM_USE_WARNING_VERSION = "2026-1"
RULES_OF_BEHAVIOR_VERSION = "2026-1"
RULES_OF_BEHAVIOR_VALID_DAYS = env.int("RULES_OF_BEHAVIOR_VALID_DAYS", default=365)

# Content Security Policy (django-csp 4): nothing inline, anywhere (see docs/decisions.md).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'none'"],
        "object-src": ["'none'"],
    }
}
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Audit review: alert administrators when someone opens far more cases in an hour than usual.
UNUSUAL_ACCESS_CASES_PER_HOUR = env.int("UNUSUAL_ACCESS_CASES_PER_HOUR", default=60)
UNUSUAL_ACCESS_BASELINE_FACTOR = env.float("UNUSUAL_ACCESS_BASELINE_FACTOR", default=5.0)

# Virus scanning of uploads by clamd (INSTREAM over TCP or a unix socket).
# CLAMD_TCP_ADDRESS (host:port, as compose and /healthz use it) or a full CLAMD_ADDRESS.
CLAMD_TCP_ADDRESS = env("CLAMD_TCP_ADDRESS", default="")
CLAMD_ADDRESS = env(
    "CLAMD_ADDRESS",
    default=f"tcp://{CLAMD_TCP_ADDRESS}" if CLAMD_TCP_ADDRESS else "unix:///run/clamav/clamd.ctl",
)
CLAMD_TIMEOUT = env.int("CLAMD_TIMEOUT", default=30)
# "clamd", or "demo" (the embedded mode's EICAR-only stand-in, refused outside demo mode).
_CLAMD_CONFIGURED = bool(CLAMD_TCP_ADDRESS) or "CLAMD_ADDRESS" in env.ENVIRON
DOCUMENT_SCANNER = env(
    "DOCUMENT_SCANNER", default="demo" if MPP_DEMO_MODE and not _CLAMD_CONFIGURED else "clamd"
)
QUARANTINE_ROOT = env.path("QUARANTINE_ROOT", default=VAR_DIR / "quarantine")

# Periodic work of the accountability features (merged with other apps' entries, if any).
CELERY_BEAT_SCHEDULE = globals().get("CELERY_BEAT_SCHEDULE", {})
CELERY_BEAT_SCHEDULE.update(
    {
        "rescan-unfinished-documents": {
            "task": "cases.tasks.rescan_unfinished_documents",
            "schedule": 10 * 60,
        },
        "alert-unusual-access": {
            "task": "audit.tasks.alert_unusual_access",
            "schedule": 15 * 60,
        },
    }
)

# Staff back office (routing): when a case counts as overdue in each queue, in working days of
# age (time waiting on the requestor excluded), and how many cases one bulk assignment may take.
QUEUE_OVERDUE_DAYS = {
    "triage": env.int("QUEUE_OVERDUE_DAYS_TRIAGE", default=3),
    "program_handling": env.int("QUEUE_OVERDUE_DAYS_PROGRAM", default=14),
    "cbp_review": env.int("QUEUE_OVERDUE_DAYS_CBP", default=30),
    "uscis_review": env.int("QUEUE_OVERDUE_DAYS_USCIS", default=30),
}
BULK_ASSIGN_MAX = env.int("BULK_ASSIGN_MAX", default=50)
# Further-information requests: days the link stays valid, and after how many days a reminder
# goes out; the beat entry below sends reminders and returns expired requests to their queue.
INFORMATION_REQUEST_DUE_DAYS = env.int("INFORMATION_REQUEST_DUE_DAYS", default=30)
INFORMATION_REQUEST_REMINDER_DAYS = env.int("INFORMATION_REQUEST_REMINDER_DAYS", default=14)
CELERY_BEAT_SCHEDULE["information-request-reminders-and-expiry"] = {
    "task": "routing.remind_and_expire_information_requests",
    "schedule": 60 * 60,
}

# --- Single sign-on (audit.sso): the agency's OpenID Connect identity provider. Off by default.
OIDC_ENABLED = env.bool("OIDC_ENABLED", default=False)
OIDC_RP_CLIENT_ID = env("OIDC_RP_CLIENT_ID", default="")
OIDC_RP_CLIENT_SECRET = env("OIDC_RP_CLIENT_SECRET", default="")
OIDC_RP_SIGN_ALGO = env("OIDC_RP_SIGN_ALGO", default="RS256")
OIDC_RP_SCOPES = env("OIDC_RP_SCOPES", default="openid email profile")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("OIDC_OP_AUTHORIZATION_ENDPOINT", default="")
OIDC_OP_TOKEN_ENDPOINT = env("OIDC_OP_TOKEN_ENDPOINT", default="")
OIDC_OP_USER_ENDPOINT = env("OIDC_OP_USER_ENDPOINT", default="")
OIDC_OP_JWKS_ENDPOINT = env("OIDC_OP_JWKS_ENDPOINT", default="")
OIDC_TIMEOUT = 10
OIDC_USERNAME_CLAIM = env("OIDC_USERNAME_CLAIM", default="preferred_username")
OIDC_GROUP_CLAIM = env("OIDC_GROUP_CLAIM", default="groups")
# The provider's group names mapped to ours, e.g. "MPP-CBP=cbp,MPP-USCIS=uscis".
OIDC_GROUP_MAP = env.dict("OIDC_GROUP_MAP", default={})
# amr values that mean the person used more than one factor (RFC 8176): PIV is "sc"/"hwk".
OIDC_MFA_AMR_VALUES = env.list("OIDC_MFA_AMR_VALUES", default=["mfa", "hwk", "sc"])
OIDC_CALLBACK_CLASS = "audit.sso.StaffOIDCCallbackView"
LOGIN_REDIRECT_URL_FAILURE = "two_factor:login"
if OIDC_ENABLED:
    AUTHENTICATION_BACKENDS += ["audit.sso.StaffOIDCBackend"]
# --- end Single sign-on

# Benchmarks (bench/public_submission.py, docs/performance.md). Both off in production: the
# submission rate limit stays on, and the floor view (a bare view inserting one row, the
# yardstick a submission is measured against) is not routed.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
MPP_BENCH_FLOOR_VIEW = env.bool("MPP_BENCH_FLOOR_VIEW", default=False)


# --- Reliability: the outbox sweeper re-dispatches e-mail and scans an outage left behind.
OUTBOX_STUCK_MINUTES = env.int("OUTBOX_STUCK_MINUTES", default=10)
CELERY_BEAT_SCHEDULE["redispatch-stuck-work"] = {
    "task": "cases.tasks.redispatch_stuck_work",
    "schedule": 5 * 60,
    "kwargs": {"older_than_minutes": OUTBOX_STUCK_MINUTES},
}
# --- end Reliability

# --- Public form: files held for forms nobody finished are removed once no session can want
# them (older than SESSION_COOKIE_AGE and listed in no live session; intake.services).
CELERY_BEAT_SCHEDULE["discard-abandoned-uploads"] = {
    "task": "intake.tasks.discard_abandoned_uploads",
    "schedule": 60 * 60,
}
# --- end Public form

# --- Reliability: graceful failure (config/errors.py; templates 400/403/404/500.html).
MIDDLEWARE.insert(0, "config.errors.DatabaseUnavailableMiddleware")
CSRF_FAILURE_VIEW = "config.errors.csrf_failure"
# --- end Reliability
