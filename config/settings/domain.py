"""The rules of the case work: numbers, queues, information requests, audits, reports, intake."""

from config.settings.base import env

# Case numbers: a prefix people can say, then Crockford base-32 digits and a check character.
CASE_NUMBER_PREFIX = "MPP"

# Staff back office: when a case counts as overdue in each queue, in working days of age (time
# waiting on the requestor excluded), and how many cases one bulk assignment may take.
QUEUE_OVERDUE_DAYS = {
    "triage": env.int("QUEUE_OVERDUE_DAYS_TRIAGE", default=3),
    "program_handling": env.int("QUEUE_OVERDUE_DAYS_PROGRAM", default=14),
    "cbp_review": env.int("QUEUE_OVERDUE_DAYS_CBP", default=30),
    "uscis_review": env.int("QUEUE_OVERDUE_DAYS_USCIS", default=30),
}
BULK_ASSIGN_MAX = env.int("BULK_ASSIGN_MAX", default=50)

# Further-information requests: days the link stays valid, and after how many days a reminder
# goes out (the hourly beat entry sends reminders and returns expired requests to their queue).
INFORMATION_REQUEST_DUE_DAYS = env.int("INFORMATION_REQUEST_DUE_DAYS", default=30)
INFORMATION_REQUEST_REMINDER_DAYS = env.int("INFORMATION_REQUEST_REMINDER_DAYS", default=14)

# A decision that asks the person to present themselves at a port of entry: the least time
# between sending it and the appointment, so the message reaches them and they can travel
# (longer when only a printed letter can reach them).
PRESENTATION_MIN_NOTICE_HOURS = env.int("PRESENTATION_MIN_NOTICE_HOURS", default=72)
PRESENTATION_MIN_NOTICE_DAYS_BY_LETTER = env.int(
    "PRESENTATION_MIN_NOTICE_DAYS_BY_LETTER", default=14
)

# CRCL audit sampling: the share of last week's decisions CRCL audits.
CRCL_AUDIT_SAMPLE_SHARE = env.float("CRCL_AUDIT_SAMPLE_SHARE", default=0.10)

# Reliability: messages and scans still queued after this long are dispatched again.
OUTBOX_STUCK_MINUTES = env.int("OUTBOX_STUCK_MINUTES", default=10)

# The weekly leadership report (aggregate figures only).
REPORT_TIME_ZONE = env("REPORT_TIME_ZONE", default="America/New_York")
# Counts from 1 to REPORT_MIN_CELL_SIZE - 1 are published as "fewer than k".
REPORT_MIN_CELL_SIZE = env.int("REPORT_MIN_CELL_SIZE", default=5)
# Addresses besides the users in group "leadership" (comma-separated).
REPORT_RECIPIENTS = env.list("REPORT_RECIPIENTS", default=[])
REPORT_SEND_MAX_RETRIES = env.int("REPORT_SEND_MAX_RETRIES", default=5)
REPORT_SEND_RETRY_SECONDS = env.int("REPORT_SEND_RETRY_SECONDS", default=300)

# Public intake: the address printed on the tear sheet and in its QR code (empty: the address
# the page was served from).
INTAKE_PUBLIC_URL = env("INTAKE_PUBLIC_URL", default="")
# How to reach the program without e-mail, printed on the confirmation and the receipt.
INTAKE_PROGRAM_PHONE = env("INTAKE_PROGRAM_PHONE", default="")
INTAKE_PROGRAM_POSTAL_ADDRESS = env("INTAKE_PROGRAM_POSTAL_ADDRESS", default="")
# Save and come back: days a saved request is kept after it was last saved (the hourly
# cleanup removes it and its files after that).
DRAFT_KEEP_DAYS = env.int("DRAFT_KEEP_DAYS", default=7)
# Rate limits (intake.limits), "count/period" (s, m, h, d), counted in the shared cache: sized
# for a shelter or legal-aid office sending many people's requests through one connection.
INTAKE_SUBMISSIONS_PER_ADDRESS = env("INTAKE_SUBMISSIONS_PER_ADDRESS", default="60/h")
INTAKE_SUBMISSIONS_PER_DEVICE = env("INTAKE_SUBMISSIONS_PER_DEVICE", default="12/h")
INTAKE_RESUME_TRIES_PER_ADDRESS = env("INTAKE_RESUME_TRIES_PER_ADDRESS", default="60/h")
INTAKE_RESUME_TRIES_PER_DEVICE = env("INTAKE_RESUME_TRIES_PER_DEVICE", default="10/h")
# An unreachable cache lets requests through rather than refusing them (a lost request is
# worse than a flood); intake.limits logs it.
RATELIMIT_FAIL_OPEN = True

# Benchmarks (bench/public_submission.py, docs/performance.md). Both off in production: the
# submission rate limit stays on, and the floor view (a bare view inserting one row, the
# yardstick a submission is measured against) is not routed.
RATELIMIT_ENABLE = env.bool("RATELIMIT_ENABLE", default=True)
MPP_BENCH_FLOOR_VIEW = env.bool("MPP_BENCH_FLOOR_VIEW", default=False)
