"""One demo case's story, played step by step: received, triaged, reviewed (perhaps asked for
more information, referred to USCIS, returned), decided, communicated, closed.

Each step is done through the services staff use, at the moment the story says, and returns
the steps that follow it with their delays. A step whose moment is still to come when the demo
is seeded is never played: that case waits in its queue, with the age it would have.
"""

import datetime
import secrets
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

from accounts.roles import CBP, PROGRAM, USCIS
from cases.components import NEEDS_PRESENTATION, deciding_review
from cases.models import InformationRequest, Status
from cases.services import communications, information, submissions
from demo.people import demo_submission
from routing import casework
from routing import services as routing
from routing.models import PortOfEntry

DAY = datetime.timedelta(days=1)
HOUR = datetime.timedelta(hours=1)
CBP_OUTCOMES = ["disenroll"] * 30 + ["nonrefoulement_interview"] * 15 + ["remain_enrolled"] * 45
CBP_OUTCOMES += ["not_identified"] * 10
USCIS_OUTCOMES = ["fear_established"] * 35 + ["fear_not_established"] * 65
PROGRAM_OUTCOMES = ["answered"] * 70 + ["no_action"] * 30
REASONS = {
    "route": "Vulnerability claim: CBP reviews the enrollment.",
    "refer": "Fear of return raised: USCIS to interview.",
    "return": "Interview held; CBP decides on the enrollment.",
    "cbp": "Medical records reviewed against the guidance.",
    "uscis": "Fear interview completed.",
    "program": "Not a disenrollment request; answered by program personnel.",
    "withdrawn": "The requestor withdrew the request by phone.",
}
ASK = {
    "es": "Envíe una carta del médico o de la clínica que lo atiende.",
    "ht": "Tanpri voye yon lèt doktè oswa klinik k ap swiv ou a.",
    "pt-br": "Envie uma carta do médico ou da clínica que o atende.",
    "en": "Please send a letter from your doctor or clinic.",
}
ANSWER = {
    "es": "Adjunto la carta de la clínica del albergue.",
    "ht": "Men lèt klinik abri a.",
    "pt-br": "Segue a carta da clínica do abrigo.",
    "en": "Here is the letter from the shelter's clinic.",
}


def _days(rng, low, high):
    return datetime.timedelta(days=rng.uniform(low, high))


@dataclass
class DemoCase:
    """The path a case will take, drawn when the demo is seeded; ``case`` once received."""

    rng: object
    users: dict
    received: datetime.datetime
    language: str
    path: str  # "program", "withdrawn", "cbp", "uscis" or "returned"
    asks_information: bool
    answers: bool
    slow: bool
    closes: bool
    case: object = None
    referred: bool = False
    returned: bool = False
    steps_done: list = field(default_factory=list)

    @classmethod
    def draw(cls, rng, users, received):
        path = rng.choices(
            ["program", "withdrawn", "cbp", "uscis", "returned"], weights=[10, 5, 55, 22, 8]
        )[0]
        return cls(
            rng=rng,
            users=users,
            received=received,
            language=rng.choice(["es"] * 55 + ["ht"] * 15 + ["pt-br"] * 10 + ["en"] * 20),
            path=path,
            asks_information=rng.random() < 0.35,
            answers=rng.random() < 0.6,
            slow=rng.random() < 0.2,
            closes=rng.random() < 0.5,
        )

    def _review_time(self):
        return _days(self.rng, 35, 70) if self.slow else _days(self.rng, 4, 25)

    # The steps: each returns [(delay, step), ...] -----------------------------------------

    def submit(self):
        submission = demo_submission(self.rng, self.language, received=self.received)
        if self.path == "program":
            submission.concerns, submission.concern_something_else = {}, True
        self.case = submissions.open_case(submission=submission)
        self.case = routing.place_new_case(case=self.case)
        communications.send_confirmation(case=self.case)
        if self.case.status == Status.TRIAGE:
            return [(_days(self.rng, 0.5, 6), self.triage)]
        return [(_days(self.rng, 0.1, 2), self.take_up)]

    def triage(self):
        program = self.users[PROGRAM]
        if self.path == "withdrawn":
            routing.close_as_withdrawn(case=self.case, actor=program, reason=REASONS["withdrawn"])
            return []
        if self.path == "program" or not self.case.is_disenrollment_request:
            routing.mark_not_disenrollment_request(
                case=self.case, actor=program, reason=REASONS["program"]
            )
            return [(_days(self.rng, 2, 20), self.program_decides)]
        if self.path in ("uscis", "returned") and self.rng.random() < 0.3:
            routing.route_to_uscis(case=self.case, actor=program, reason=REASONS["refer"])
            self.referred = True
        else:
            routing.route_to_cbp(case=self.case, actor=program, reason=REASONS["route"])
        return [(_days(self.rng, 0.1, 2), self.take_up)]

    def _holder(self):
        self.case.refresh_from_db()
        return self.users[CBP] if self.case.status == Status.CBP_REVIEW else self.users[USCIS]

    def take_up(self):
        officer = self._holder()
        if self.rng.random() < 0.6:
            routing.assign_to_officer(case=self.case, officer=officer, actor=officer)
        if self.asks_information:
            return [(_days(self.rng, 1, 6), self.ask)]
        return [(self._review_time(), self.review)]

    def ask(self):
        officer = self._holder()
        asked = casework.request_information(
            case=self.case,
            actor=officer,
            message=ASK[self.language],
            base_url=settings.PUBLIC_SITE_URL,
        )
        self.asks_information = False
        if not self.answers:
            return []
        # The demo answers as the requestor would through the e-mailed link.
        self.token = secrets.token_urlsafe(32)
        InformationRequest.objects.filter(pk=asked.pk).update(
            token_hash=information._hash(self.token)
        )
        return [(_days(self.rng, 2, 12), self.answer)]

    def answer(self):
        information.answer_information_request(
            token=self.token, answer=ANSWER[self.language], documents=[]
        )
        return [(self._review_time(), self.review)]

    def review(self):
        self.case.refresh_from_db()
        if self.case.status == Status.CBP_REVIEW:
            if self.path in ("uscis", "returned") and not self.referred:
                routing.refer_to_uscis(
                    case=self.case, actor=self.users[CBP], reason=REASONS["refer"]
                )
                self.referred = True
                return [(_days(self.rng, 0.1, 2), self.take_up)]
            outcome = self.rng.choice(CBP_OUTCOMES)
            casework.record_outcome(
                case=self.case,
                actor=self.users[CBP],
                component=CBP,
                outcome=outcome,
                reason=REASONS["cbp"],
            )
            return [(_days(self.rng, 1, 6), self.communicate)]
        if self.case.status == Status.USCIS_REVIEW:
            if self.path == "returned" and not self.returned:
                routing.return_to_cbp(
                    case=self.case, actor=self.users[USCIS], reason=REASONS["return"]
                )
                self.returned = True
                return [(_days(self.rng, 0.1, 2), self.take_up)]
            casework.record_outcome(
                case=self.case,
                actor=self.users[USCIS],
                component=USCIS,
                outcome=self.rng.choice(USCIS_OUTCOMES),
                reason=REASONS["uscis"],
            )
            return [(_days(self.rng, 1, 6), self.communicate)]
        return []  # still waiting on the requestor: it returns to its queue on its own

    def program_decides(self):
        casework.record_outcome(
            case=self.case,
            actor=self.users[PROGRAM],
            component=PROGRAM,
            outcome=self.rng.choice(PROGRAM_OUTCOMES),
            reason=REASONS["program"],
        )
        return [(_days(self.rng, 1, 5), self.communicate)]

    def communicate(self):
        self.case.refresh_from_db()
        port, present_at = None, None
        if deciding_review(self.case).outcome in NEEDS_PRESENTATION:
            port = self.rng.choice(list(PortOfEntry.objects.filter(is_active=True)))
            day = (timezone.now() + _days(self.rng, 16, 30)).astimezone(ZoneInfo(port.time_zone))
            present_at = datetime.datetime.combine(
                day.date(), datetime.time(9, 0), tzinfo=ZoneInfo(port.time_zone)
            )
        casework.communicate_decision(
            case=self.case, actor=self.users[PROGRAM], port=port, present_at=present_at
        )
        return [(_days(self.rng, 3, 14), self.close)] if self.closes else []

    def close(self):
        casework.close_completed_case(
            case=self.case, actor=self.users[PROGRAM], reason="Decision delivered."
        )
        return []
