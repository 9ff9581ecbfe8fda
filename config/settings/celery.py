"""Celery: Redis in production, in-process in the embedded mode; the beat schedule, as one dict.

The schedule lives in the database and administrators edit it in the staff site; the entries
below are defaults, installed once (config/beat.py). Task names are stable identifiers stored
in those rows: they stay as they are when a task moves to another module.
"""

from zoneinfo import ZoneInfo

from django_celery_beat.tzcrontab import TzAwareCrontab

from config.settings.base import TIME_ZONE, env
from config.settings.domain import OUTBOX_STUCK_MINUTES, REPORT_TIME_ZONE

# The embedded mode's in-memory broker; named with a host, or kombu warns on every task.
EMBEDDED_BROKER_URL = "memory://localhost/"
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default=EMBEDDED_BROKER_URL)
CELERY_RESULT_BACKEND = env("CELERY_RESULT_BACKEND", default=None)
CELERY_TASK_ALWAYS_EAGER = env.bool(
    "CELERY_TASK_ALWAYS_EAGER", default=CELERY_BROKER_URL.startswith("memory://")
)
CELERY_TASK_EAGER_PROPAGATES = False

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
    # The weekly leadership report (reporting), Monday 07:00 in the report's time zone.
    "weekly-leadership-report": {
        "task": "reporting.tasks.send_weekly_report",
        "schedule": TzAwareCrontab(
            minute="0", hour="7", day_of_week="mon", tz=ZoneInfo(REPORT_TIME_ZONE)
        ),
    },
    # Documents whose scan was never queued (broker down) or failed.
    "rescan-unfinished-documents": {
        "task": "cases.tasks.rescan_unfinished_documents",
        "schedule": 10 * 60,
    },
    # Staff who opened far more cases than usual in the last hour.
    "alert-unusual-access": {
        "task": "audit.tasks.alert_unusual_access",
        "schedule": 15 * 60,
    },
    # Signed checkpoints of the audit chain's head, kept outside the database.
    "sign-audit-checkpoint": {
        "task": "audit.tasks.sign_audit_checkpoint",
        "schedule": 15 * 60,
    },
    # Further-information requests: reminders, then expiry at the due date.
    "information-request-reminders-and-expiry": {
        "task": "routing.remind_and_expire_information_requests",
        "schedule": 60 * 60,
    },
    # The outbox sweeper: messages and scans an outage left behind.
    "redispatch-stuck-work": {
        "task": "cases.tasks.redispatch_stuck_work",
        "schedule": 5 * 60,
        "kwargs": {"older_than_minutes": OUTBOX_STUCK_MINUTES},
    },
    # Files held for public forms nobody finished (intake.services).
    # Resume codes whose wake-up call was lost (intake.drafts): the same outbox rule.
    "redispatch-stuck-draft-messages": {
        "task": "intake.tasks.redispatch_stuck_draft_messages",
        "schedule": 5 * 60,
    },
    "discard-abandoned-uploads": {
        "task": "intake.tasks.discard_abandoned_uploads",
        "schedule": 60 * 60,
    },
}
