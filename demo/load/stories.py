"""One synthetic case: its path through the lifecycle and every row that path leaves.

Rows are built in Python as dicts, with ids assigned here so related rows can point at each
other without a round trip; ``demo.load.writing`` writes them.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Max

from accounts import roles
from audit.models import Action
from cases.case_numbers import new_case_number
from cases.components import module_permission
from cases.models import (
    Case,
    CBPReview,
    ClosureReason,
    CRCLAudit,
    Document,
    DocumentKind,
    Enrollee,
    Preparer,
    ProgramReview,
    Representative,
    ScanStatus,
    Status,
    SubmitterType,
    USCISReview,
)
from cases.models import CaseTransition as Transition
from cases.normalise import name_key
from demo.load.shares import (
    CBP_OUTCOMES,
    CITIZENSHIP,
    CLOSURE_SHARES,
    CRCL_SAMPLE_PERCENT,
    FAMILY,
    GIVEN,
    LANGUAGE_SHARES,
    LOCATIONS,
    PROGRAM_OUTCOMES,
    SHARED_FILE,
    SPAN_SECONDS,
    START,
    STATUS_SHARES,
    SUBMITTER_SHARES,
    USCIS_OUTCOMES,
    pick,
)
from routing.models import Placement, Target

# Reading Case.history builds a manager each time: read it once.
HistoricalCase = Case.history.model


@dataclass
class Ids:
    """The next free id of each model: rows get their ids here, before they are written."""

    next: dict = field(default_factory=dict)
    first: dict = field(default_factory=dict)

    def take(self, model) -> int:
        if model not in self.next:
            top = model.objects.aggregate(top=Max("pk"))["top"] or 0
            self.next[model] = self.first[model] = top + 1
        value = self.next[model]
        self.next[model] += 1
        return value


@dataclass
class Staff:
    """A few officers per component who act on the synthetic cases."""

    users: dict  # role -> [(id, username)]
    groups: dict  # role -> group id

    @classmethod
    def ensure(cls, per_role=5):
        users, groups = {}, {}
        User = get_user_model()
        for role in (roles.PROGRAM, roles.CBP, roles.USCIS, roles.CRCL):
            group, _created = Group.objects.get_or_create(name=role)
            groups[role] = group.pk
            users[role] = []
            for number in range(1, per_role + 1):
                user, created = User.objects.get_or_create(
                    username=f"load.{role}.{number}", defaults={"is_staff": True}
                )
                if created:
                    user.set_unusable_password()
                    user.save(update_fields=["password"])
                    user.groups.add(group)
                users[role].append((user.pk, user.get_username()))
        return cls(users, groups)


class Batch:
    """Rows of one batch, by model, as dicts keyed by attribute name."""

    def __init__(self):
        self.rows = {}

    def add(self, model, **values) -> dict:
        """Keep a row; returns it, so a later step of the story can still fill it in."""
        self.rows.setdefault(model, []).append(values)
        return values


class CaseStory:
    """One synthetic case: its path through the lifecycle and every row that path leaves."""

    def __init__(self, *, rng, ids, staff, batch, case_numbers):
        self.rng, self.ids, self.staff, self.batch = rng, ids, staff, batch
        self.case_numbers = case_numbers
        self.permissions = set()  # (group, codename) held at the end of the story
        self.events = []  # audit events, in order: (occurred_at, action, actor, detail)

    def _officer(self, role):
        return self.rng.choice(self.staff.users[role])

    def _later(self, moment, low_hours, high_hours):
        return moment + timedelta(seconds=self.rng.uniform(low_hours, high_hours) * 3600)

    def _case_number(self):
        while True:
            number = new_case_number()
            if number not in self.case_numbers:
                self.case_numbers.add(number)
                return number

    def write(self):
        rng = self.rng
        self.case_id = self.ids.take(Case)
        self.status = pick(rng, STATUS_SHARES)
        self.language = pick(rng, LANGUAGE_SHARES)
        self.submitter = pick(rng, SUBMITTER_SHARES)
        self.received = START + timedelta(seconds=rng.uniform(0, SPAN_SECONDS))
        concerns = [rng.random() < share for share in (0.35, 0.25, 0.2, 0.15)]
        something_else = rng.random() < 0.12
        in_component = self.status in (Status.CBP_REVIEW, Status.USCIS_REVIEW)
        if not any(concerns) and (not something_else or in_component):
            concerns[rng.randrange(4)] = True
        # Not a disenrollment request: program personnel handle it.
        self.by_program = not any(concerns) or self.status == Status.PROGRAM_HANDLING
        if self.by_program:
            concerns = [False] * 4
            something_else = True
        self.fear = concerns[2] or concerns[3]
        self.case = {
            "id": self.case_id,
            "case_number": self._case_number(),
            "submitter_type": self.submitter,
            "language": self.language,
            "status": self.status,
            "resume_status": "",
            "closure_reason": "",
            "duplicate_of_id": None,
            "assigned_to_id": None,
            "concern_vulnerability_at_enrollment": concerns[0],
            "concern_vulnerability_changed": concerns[1],
            "concern_new_fear_no_interview": concerns[2],
            "concern_fear_changed_since_interview": concerns[3],
            "concern_something_else": something_else,
            "condition_physical_health": rng.random() < 0.3,
            "condition_mental_health": rng.random() < 0.2,
            "condition_disability": rng.random() < 0.08,
            "condition_pregnancy": rng.random() < 0.07,
            "condition_safety_need": rng.random() < 0.25,
            "description": "Synthetic description for load testing.",
            "privacy_notice_version": "2026-1",
            "privacy_notice_acknowledged_at": self.received - timedelta(minutes=12),
            "attestation_version": "2026-1",
            "attested_at": self.received - timedelta(minutes=1),
            "received_at": self.received,
            "first_referred_at": None,
            "decided_at": None,
            "communicated_at": None,
            "closed_at": None,
            "paused_seconds": 0,
            "waiting_since": None,
            "g28_document_id": None,
        }
        self.events.append((self.received, Action.CREATE_CASE, None, {}))
        self._people()
        self._documents()
        self._lifecycle()
        self.batch.add(Case, **self.case)
        self.batch.add(
            HistoricalCase,
            **{k: v for k, v in self.case.items() if k != "description"},
            history_id=self.ids.take(HistoricalCase),
            history_date=self.moment,
            history_change_reason="load data",
            history_type="+",
            history_user_id=None,
        )

    def _name(self):
        given, family = GIVEN[self.language].split(), FAMILY[self.language].split()
        return " ".join(
            [*self.rng.sample(given, self.rng.choice((1, 2))), *self.rng.sample(family, 2)]
        )

    def _people(self):
        rng = self.rng
        full_name = self._name()
        citizenship = rng.choice(CITIZENSHIP[self.language])
        self.batch.add(
            Enrollee,
            id=self.ids.take(Enrollee),
            case_id=self.case_id,
            full_name=full_name,
            name_key=name_key(full_name),
            a_number=f"{rng.randrange(10**8, 10**9):09d}" if rng.random() < 0.85 else "",
            date_of_birth=date(1960, 1, 1) + timedelta(days=rng.randrange(0, 60 * 365)),
            citizenship=citizenship,
            country_of_birth=citizenship,
            phone="",
            email=f"enrollee{self.case_id}@example.org" if rng.random() < 0.6 else "",
            texts_consent=False,
            whatsapp_consent=False,
            current_location=rng.choice(LOCATIONS),
        )
        contact = {SubmitterType.REPRESENTATIVE: Representative, SubmitterType.PREPARER: Preparer}
        model = contact.get(self.submitter)
        if model:
            values = {
                "id": self.ids.take(model),
                "case_id": self.case_id,
                "full_name": self._name(),
                "phone": "",
                "email": f"contact{self.case_id}@example.org",
                "relationship": "attorney" if model is Representative else "friend",
            }
            if model is Representative:
                values["organization"] = "Legal aid"
                values["texts_consent"] = False
            self.batch.add(model, **values)

    def _document(self, kind, moment, *, component="", uploaded_by=None):
        document_id = self.ids.take(Document)
        self.batch.add(
            Document,
            id=document_id,
            case_id=self.case_id,
            kind=kind,
            component=component,
            shared_with_other_components=False,
            file=SHARED_FILE,
            display_name=f"{kind}-{document_id}.pdf",
            content_type="application/pdf",
            size=self.rng.randrange(20_000, 2_000_000),
            sha256="0" * 64,
            scan_status=ScanStatus.CLEAN,
            uploaded_at=moment,
            pdf_has_javascript=False,
            uploaded_by_id=uploaded_by,
        )
        return document_id

    def _documents(self):
        for _number in range(self.rng.choice((0, 1, 1, 2, 2, 3))):
            self._document(DocumentKind.SUPPORTING, self.received)
        if self.submitter == SubmitterType.REPRESENTATIVE:
            self.case["g28_document_id"] = self._document(DocumentKind.G28, self.received)

    # The lifecycle ---------------------------------------------------------------------------

    def _move(self, to_status, *, role=None, transition, reason=""):
        from_status = self.current
        self.moment = self._later(self.moment, 2, 96)
        actor = self._officer(role) if role else None
        self.batch.add(
            Transition,
            id=self.ids.take(Transition),
            case_id=self.case_id,
            from_status=from_status,
            to_status=to_status,
            actor_id=actor[0] if actor else None,
            occurred_at=self.moment,
            reason=reason,
        )
        detail = {"transition": transition, "from": str(from_status), "to": str(to_status)}
        self.events.append((self.moment, Action.CHANGE_STATUS, actor, detail))
        self.current = to_status

    # Which groups may use the case at the end of its story; the writer grants them through
    # routing.services, as the real movements do (each grant audited there).
    def _grant(self, role, codenames):
        self.permissions.update((role, codename) for codename in codenames)

    def _take_module_from(self, role):
        """The component keeps read access to what it handled, not its module."""
        self.permissions.discard((role, module_permission(role)))

    def _hand_to(self, role, reason):
        self._grant(role, ["view_case", module_permission(role)])
        self.holder = role

    def _placement(self, placed_in, rule_reason):
        self.batch.add(
            Placement,
            id=self.ids.take(Placement),
            case_id=self.case_id,
            placed_at=self.moment,
            rule_id=None,
            rule_name="",
            rule_order=None,
            reason=rule_reason,
            placed_in=placed_in,
            suggested_target="",
        )

    def _lifecycle(self):
        self.moment, self.current, self.holder = self.received, Status.SUBMITTED, None
        if self.status == Status.SUBMITTED:
            return
        closing = pick(self.rng, CLOSURE_SHARES) if self.status == Status.CLOSED else None
        early_close = closing in (ClosureReason.WITHDRAWN, ClosureReason.DUPLICATE)
        if self.by_program or self.status == Status.TRIAGE or early_close:
            self._move(Status.TRIAGE, transition="place_in_triage", reason="no rule matched")
            self._placement(Target.TRIAGE, "triage")
            if self.status == Status.TRIAGE:
                return
            if early_close:
                return self._close(closing)
            self._move(Status.PROGRAM_HANDLING, role=roles.PROGRAM, transition="mark_not_dr")
            self.holder = roles.PROGRAM
            if self.status == Status.PROGRAM_HANDLING:
                return self._assign(roles.PROGRAM)
            if self.status == Status.AWAITING_INFORMATION:
                return self._await_information()
            return self._decide(ProgramReview, roles.PROGRAM, PROGRAM_OUTCOMES)
        self._move(Status.CBP_REVIEW, transition="route_to_cbp", reason="routing rule")
        self._placement(Target.CBP, "disenrollment request")
        self.case["first_referred_at"] = self.moment
        self._hand_to(roles.CBP, "routing rule")
        to_uscis = self.status == Status.USCIS_REVIEW or (
            self.fear and self.status != Status.CBP_REVIEW
        )
        if to_uscis:
            self._move(Status.USCIS_REVIEW, role=roles.CBP, transition="refer_to_uscis")
            self._take_module_from(roles.CBP)
            self._hand_to(roles.USCIS, "referred to USCIS")
            self._review(CBPReview, outcome="")["referred_to_uscis_at"] = self.moment
        if self.status in (Status.CBP_REVIEW, Status.USCIS_REVIEW):
            return self._assign(self.holder)
        if self.status == Status.AWAITING_INFORMATION:
            return self._await_information()
        if to_uscis:
            return self._decide(USCISReview, roles.USCIS, USCIS_OUTCOMES)
        return self._decide(CBPReview, roles.CBP, CBP_OUTCOMES)

    def _await_information(self):
        self.case["resume_status"] = self.current
        self._move(Status.AWAITING_INFORMATION, role=self.holder, transition="request_info")
        self.case["waiting_since"] = self.moment

    def _assign(self, role):
        if self.rng.random() < 0.6:
            self.case["assigned_to_id"] = self._officer(role)[0]

    def _review(self, model, *, outcome, officer=None):
        values = {
            "id": self.ids.take(model),
            "case_id": self.case_id,
            "decided_at": self.moment if outcome else None,
            "decided_by_id": officer[0] if officer else None,
            "decision_communicated_on": None,
            "outcome": outcome,
        }
        if model is USCISReview:
            values["fig_requested"] = False
        if model is CBPReview:
            values["referred_to_uscis_at"] = None
        return self.batch.add(model, **values)

    def _decide(self, model, role, outcomes):
        officer = self._officer(role)
        self._move(Status.DECIDED, role=role, transition="decide")
        self.case["decided_at"] = self.moment
        review = self._review(model, outcome=pick(self.rng, outcomes), officer=officer)
        if role != roles.PROGRAM:
            self._take_module_from(role)
        if self.rng.randrange(100) < CRCL_SAMPLE_PERCENT:
            self._sample_for_audit()
        if self.status == Status.DECIDED:
            return
        self._move(Status.COMMUNICATED, role=role, transition="communicate")
        self.case["communicated_at"] = self.moment
        review["decision_communicated_on"] = self.moment.date()
        if self.status == Status.CLOSED:
            self._close(ClosureReason.COMPLETED)

    def _sample_for_audit(self):
        self.batch.add(
            CRCLAudit,
            id=self.ids.take(CRCLAudit),
            case_id=self.case_id,
            sampled_at=self.moment,
            outcome="",
            completed_at=None,
            completed_by_id=None,
            finding_reason="",
        )
        self._grant(roles.CRCL, ["view_case", module_permission(roles.CRCL)])

    def _close(self, reason):
        self._move(Status.CLOSED, role=roles.PROGRAM, transition=f"close_{reason}")
        self.case["closure_reason"] = reason
        self.case["closed_at"] = self.moment
        if reason == ClosureReason.DUPLICATE:
            # The original: an earlier case of this run (or, for the very first, itself).
            first = self.ids.first[Case]
            self.case["duplicate_of_id"] = self.rng.randrange(first, self.case_id + 1)
