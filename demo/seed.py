"""Demo data for the embedded mode: one user per role, and twelve weeks of cases.

The cases are played out through the services staff use, in time order, on the demo clock
(``demo.clock``): received over the past twelve weeks, triaged, reviewed (some asked for more
information, some referred to USCIS), decided, communicated and closed as their stories say, a
CRCL sample drawn every Monday, findings recorded. Whatever a story has not reached by now is
where a real case would be: some recent in triage, some slow reviews overdue. The last complete
weeks get their leadership reports. Names and places are made up (``demo.people``).
"""

import datetime
import heapq
import itertools
import random
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.roles import CRCL, ROLES
from cases.models import Case, CRCLAudit
from demo.clock import demo_clock
from demo.stories import DAY, DemoCase
from reporting import services as reports
from reporting.periods import last_complete_week, week_containing
from routing import casework, crcl_audits

DEMO_PASSWORD = "demo-password-change-me"  # noqa: S105 - printed for the embedded demo only
WEEKS = 12
REPORT_WEEKS = 4
FINDINGS = [
    ("consistent", "The decision follows the guidance on vulnerabilities."),
    ("consistent", "Interview offered and held; the record supports the outcome."),
    ("follow_up", "The medical letter was not considered: CRCL asks CBP to explain."),
    ("inconsistent", "Pregnancy was reported but the review does not mention it."),
]


def ensure_demo_users(stdout=None):
    User = get_user_model()
    users = {}
    for role in ROLES:
        group, _ = Group.objects.get_or_create(name=role)
        user, created = User.objects.get_or_create(
            username=f"demo-{role}",
            defaults={"is_staff": True, "email": f"{role}@demo.example.gov"},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        elif user.is_superuser:
            # The demo administrator is a plain member of "admin", as real ones are; older
            # demo databases made it a superuser.
            user.is_superuser = False
            user.save(update_fields=["is_superuser"])
        user.groups.add(group)
        users[role] = user
    return users


def _mondays(start, end):
    """Each Monday 06:00 (local) between start and end: when beat draws CRCL's sample."""
    zone = ZoneInfo(settings.TIME_ZONE)
    day = start.astimezone(zone).date()
    while day.weekday() != 0:
        day += datetime.timedelta(days=1)
    while True:
        moment = datetime.datetime.combine(day, datetime.time(6, 0), tzinfo=zone)
        if moment >= end:
            return
        yield moment
        day += datetime.timedelta(days=7)


def _sample(rng, users):
    def step():
        sample = crcl_audits.sample_decided_cases_for_audit(share=0.15, seed=rng.randrange(2**31))
        audits = [entry.case_id for entry in sample.entries.all()]
        return [
            (datetime.timedelta(days=rng.uniform(2, 9)), _finding(rng, users, c))
            for c in audits
            if rng.random() < 0.7
        ]

    return step


def _finding(rng, users, case_id):
    def step():
        outcome, reason = rng.choice(FINDINGS)
        case = Case.objects.get(pk=case_id)
        casework.record_outcome(
            case=case, actor=users[CRCL], component=CRCL, outcome=outcome, reason=reason
        )
        return []

    return step


def _play(steps, *, now):
    """Play the steps in time order, each at its moment; later steps they lead to join in."""
    order = itertools.count()
    queue = [(at, next(order), step) for at, step in steps]
    heapq.heapify(queue)
    played = 0
    with demo_clock(queue[0][0] if queue else now) as clock:
        while queue:
            at, _n, step = heapq.heappop(queue)
            if at >= now:
                continue  # not yet: the case waits where its story has reached
            clock.at = at
            with transaction.atomic():
                following = step()
            played += 1
            for delay, later in following:
                heapq.heappush(queue, (at + delay, next(order), later))
    return played


def _reports(now):
    """The leadership reports of the last complete weeks; the newest is e-mailed."""
    week = last_complete_week(now=now)
    for back in range(REPORT_WEEKS):
        day = week.first_day - datetime.timedelta(days=7 * back)
        report = reports.build_weekly_report(week=week_containing(day))
        if back == 0:
            reports.send_weekly_report(report=report)


def seed_demo(*, cases=300, seed=2019, progress=None):
    """Create demo users and twelve weeks of cases; running it again adds nothing."""
    users = ensure_demo_users()
    existing = Case.objects.count()
    if existing >= cases:
        return users, 0
    rng = random.Random(seed + existing)  # noqa: S311 - demo data, not secrets
    now = timezone.now()
    start = now - datetime.timedelta(weeks=WEEKS)
    span = (now - start).total_seconds()
    # Each story its own generator: the weekday the demo is seeded on (which moves the
    # Monday samples among the stories' steps) must not change what the stories do.
    stories = [
        DemoCase.draw(
            random.Random(f"{seed}-{existing + n}"),  # noqa: S311 - demo data
            users,
            start + datetime.timedelta(seconds=rng.uniform(0, span)),
        )
        for n in range(cases - existing)
    ]
    # The newest arrivals, received this morning, still wait in program triage.
    for story in stories[-max(2, len(stories) // 60) :]:
        story.received = now - datetime.timedelta(hours=rng.uniform(1, 12))
        story.path = "program"
    steps = [(story.received, story.submit) for story in stories]
    steps += [(monday, _sample(rng, users)) for monday in _mondays(start + 7 * DAY, now)]
    _play(steps, now=now)
    created = Case.objects.count() - existing
    if progress:
        progress(created, cases - existing)
    _ask_crcl_for_more(users, now)
    _reports(now)
    return users, created


def _ask_crcl_for_more(users, now):
    """A request from CRCL waiting for program personnel, to show the approval."""
    if not CRCLAudit.objects.exists():
        return
    zone = ZoneInfo(settings.TIME_ZONE)
    crcl_audits.request_audit(
        actor=users[CRCL],
        reason="Disenrollment decisions of last month, by CRCL's own procedure.",
        component="cbp",
        outcome="disenroll",
        decided_from=(now - datetime.timedelta(days=60)).astimezone(zone).date(),
        decided_until=(now - datetime.timedelta(days=30)).astimezone(zone).date(),
    )
