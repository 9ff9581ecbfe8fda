"""Accountability: staff second factor, lockout, session limits, Rules of Behavior, CSP."""

from config.settings.base import EMBEDDED_DATABASE, SECURE_PROXY_SSL_HEADER, env

LOGIN_URL = "two_factor:login"
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "two_factor:login"
OTP_TOTP_ISSUER = env("OTP_TOTP_ISSUER", default="MPP Case Requests")
TWO_FACTOR_REMEMBER_COOKIE_AGE = None  # never skip the second factor
TWO_FACTOR_LOGIN_TIMEOUT = 300
# Demo users of the embedded mode get a TOTP device with a known secret (manage.py demo_totp).
MPP_DEMO_MODE = env.bool("MPP_DEMO_MODE", default=EMBEDDED_DATABASE)

# Lockout: after AXES_FAILURE_LIMIT failed passwords for an account, counted per account and per
# account + address, so a colleague's mistakes behind a shared office address lock only them.
# An administrator unlocks (staff site: Axes > Access attempts, or manage.py
# axes_reset_username, both audited); a cool-off in hours may be configured instead. Guessing
# many accounts from one address is slowed by accounts.throttle after
# SIGN_IN_FAILURES_PER_ADDRESS an hour.
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_TIME = env.float("AXES_COOLOFF_HOURS", default=None)
AXES_LOCKOUT_PARAMETERS = ["username", ["username", "ip_address"]]
SIGN_IN_FAILURES_PER_ADDRESS = env.int("SIGN_IN_FAILURES_PER_ADDRESS", default=30)
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_IPWARE_PROXY_COUNT = 1 if SECURE_PROXY_SSL_HEADER else None
AXES_VERBOSE = False
# Its pages are ours (accounts.admin_security): an unlock there is audited.
AXES_ENABLE_ADMIN = False
# Audit events take the client address from X-Forwarded-For only behind our own proxy.
AUDIT_TRUSTED_PROXY_COUNT = env.int(
    "AUDIT_TRUSTED_PROXY_COUNT", default=1 if SECURE_PROXY_SSL_HEADER else 0
)

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

# Audit review: alert administrators when someone opens far more cases in an hour than usual.
UNUSUAL_ACCESS_CASES_PER_HOUR = env.int("UNUSUAL_ACCESS_CASES_PER_HOUR", default=60)
UNUSUAL_ACCESS_BASELINE_FACTOR = env.float("UNUSUAL_ACCESS_BASELINE_FACTOR", default=5.0)
