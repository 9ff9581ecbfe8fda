"""Case documents: private storage, e-mail, virus scanning and quarantine."""

from config.settings.accountability import MPP_DEMO_MODE
from config.settings.base import VAR_DIR, env

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
# Uploads are refused while they stream in (config/upload_limits.py): a file once it passes
# UPLOAD_MAX_FILE_BYTES, a request whose length passes UPLOAD_MAX_REQUEST_BYTES before it is read
# (the public form takes 50 MB of files in all; the rest is room for the form's fields).
UPLOAD_MAX_FILE_BYTES = env.int("UPLOAD_MAX_FILE_BYTES", default=10 * 1024 * 1024)
UPLOAD_MAX_REQUEST_BYTES = env.int("UPLOAD_MAX_REQUEST_BYTES", default=52 * 1024 * 1024)
FILE_UPLOAD_HANDLERS = [
    "config.upload_limits.LimitedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

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
# What each scanner name means: the function that reads a stream and returns a verdict.
DOCUMENT_SCANNERS = {
    "clamd": "cases.clamd.scan_stream",
    "demo": "demo.scanner.scan_stream",
}
QUARANTINE_ROOT = env.path("QUARANTINE_ROOT", default=VAR_DIR / "quarantine")
