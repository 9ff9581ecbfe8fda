"""Synthetic cases in bulk, for benchmarks: every state, component, language and outcome.

Rows are built in Python in batches and written with PostgreSQL's COPY (``bulk_create`` on
SQLite), with ids assigned here so related rows can point at each other without a round trip.
Audit events are hash-chained in order with ``audit.chain`` exactly as ``record_event`` would.
Not for production databases: the command that calls this refuses unless asked explicitly.
"""

import bisect
import itertools
import json
import random
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.color import no_style
from django.db import connection, transaction
from django.db.models import Max

from audit import chain
from audit.models import Action, AuditEvent
from audit.services import CHAIN_LOCK_KEY
from cases.case_numbers import new_case_number
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
from cases.services import name_key
from routing import roles
from routing.models import CaseGroupObjectPermission, Placement, Target

# Reading Case.history builds a manager each time: read it once.
HistoricalCase = Case.history.model

# Plausible shares, in percent of all cases (they add up to 100).
STATUS_SHARES = (
    (Status.SUBMITTED, 0.5),
    (Status.TRIAGE, 7.5),
    (Status.CBP_REVIEW, 12),
    (Status.USCIS_REVIEW, 8),
    (Status.PROGRAM_HANDLING, 3),
    (Status.AWAITING_INFORMATION, 5),
    (Status.DECIDED, 10),
    (Status.COMMUNICATED, 34),
    (Status.CLOSED, 20),
)
LANGUAGE_SHARES = (("es", 70), ("ht", 12), ("pt-br", 8), ("en", 10))
SUBMITTER_SHARES = (
    (SubmitterType.ENROLLEE, 55),
    (SubmitterType.REPRESENTATIVE, 30),
    (SubmitterType.PREPARER, 15),
)
CITIZENSHIP = {
    "es": ("HN", "GT", "SV", "CU", "VE", "NI", "EC", "CO", "MX"),
    "ht": ("HT",),
    "pt-br": ("BR",),
    "en": ("HN", "GT", "SV", "CU", "VE", "NI", "HT", "BR"),
}
GIVEN = {
    "es": "José María Ana Luis Carmen Juan Rosa Carlos Lucía Miguel Sofía Jorge Elena Pedro",
    "ht": "Jean Marie Pierre Rose Jacques Nadège Fritz Guerline Wilner Mirlande Ti Jocelyne",
    "pt-br": "João Maria Ana Francisco Antônio Luiz Paulo Márcia Gabriel Letícia Thiago",
    "en": "John Mary James Patricia Robert Linda Michael Barbara David Susan Daniel",
}
FAMILY = {
    "es": "García Hernández López Martínez González Pérez Rodríguez Sánchez Ramírez Cruz "
    "Flores Gómez Morales Vásquez Reyes Jiménez Torres Díaz Castillo Mejía Núñez Peña",
    "ht": "Joseph Jean-Baptiste Pierre Louis Charles Saint-Fleur Desir Alexis Paul Dorvil",
    "pt-br": "Silva Santos Oliveira Souza Rodrigues Ferreira Alves Pereira Lima Gomes Ribeiro",
    "en": "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Thomas Taylor",
}
LOCATIONS = ("Tijuana, BC", "Ciudad Juárez, CHIH", "Matamoros, TAMPS", "Nuevo Laredo, TAMPS")
CBP_OUTCOMES = (
    ("disenroll", 30),
    ("nonrefoulement_interview", 20),
    ("remain_enrolled", 45),
    ("not_identified", 5),
)
USCIS_OUTCOMES = (("fear_established", 35), ("fear_not_established", 65))
PROGRAM_OUTCOMES = (("answered", 70), ("no_action", 30))
CLOSURE_SHARES = (
    (ClosureReason.COMPLETED, 80),
    (ClosureReason.WITHDRAWN, 10),
    (ClosureReason.DUPLICATE, 10),
)
CRCL_SAMPLE_PERCENT = 5
SHARED_FILE = "bench/load-data.pdf"
BATCH = 5_000
START = datetime(2024, 1, 1, tzinfo=UTC)
SPAN_SECONDS = 700 * 86_400


def _pick(rng, shares):
    values, cumulative = _CUMULATIVE.get(shares) or _cumulate(shares)
    return values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


_CUMULATIVE = {}


def _cumulate(shares):
    values = [value for value, _weight in shares]
    cumulative = list(itertools.accumulate(weight for _value, weight in shares))
    _CUMULATIVE[shares] = (values, cumulative)
    return values, cumulative


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
    permissions: dict  # codename -> permission id

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
        codenames = ["view_case"] + [name for name, _label in roles.MODULE_PERMISSIONS.values()]
        permissions = roles.case_permission_ids(codenames)
        return cls(users, groups, permissions)


class Batch:
    """Rows of one batch, by model, as dicts keyed by attribute name."""

    def __init__(self):
        self.rows = {}

    def add(self, model, **values):
        self.rows.setdefault(model, []).append(values)


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
        self.status = _pick(rng, STATUS_SHARES)
        self.language = _pick(rng, LANGUAGE_SHARES)
        self.submitter = _pick(rng, SUBMITTER_SHARES)
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
        self._write_permissions()
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

    def _grant(self, role, codenames, reason):
        self.permissions.update((role, codename) for codename in codenames)
        detail = {"group": role, "permissions": list(codenames), "reason": reason}
        self.events.append((self.moment, Action.GRANT_ACCESS, None, detail))

    def _take_module_from(self, role, reason):
        """The component keeps read access to what it handled, not its module."""
        codename = roles.MODULE_PERMISSIONS[role][0]
        if (role, codename) in self.permissions:
            self.permissions.discard((role, codename))
            detail = {"group": role, "permissions": [codename], "reason": reason}
            self.events.append((self.moment, Action.REVOKE_ACCESS, None, detail))

    def _write_permissions(self):
        for role, codename in sorted(self.permissions):
            self.batch.add(
                CaseGroupObjectPermission,
                id=self.ids.take(CaseGroupObjectPermission),
                content_object_id=self.case_id,
                group_id=self.staff.groups[role],
                permission_id=self.staff.permissions[codename],
            )

    def _hand_to(self, role, reason):
        self._grant(role, ["view_case", roles.MODULE_PERMISSIONS[role][0]], reason)
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
        closing = _pick(self.rng, CLOSURE_SHARES) if self.status == Status.CLOSED else None
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
            self._take_module_from(roles.CBP, "referred to USCIS")
            self._hand_to(roles.USCIS, "referred to USCIS")
            self._review(CBPReview, outcome="")
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
        self.batch.add(model, **values)
        return values

    def _decide(self, model, role, outcomes):
        officer = self._officer(role)
        self._move(Status.DECIDED, role=role, transition="decide")
        self.case["decided_at"] = self.moment
        review = self._review(model, outcome=_pick(self.rng, outcomes), officer=officer)
        if role != roles.PROGRAM:
            self._take_module_from(role, "decided")
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
        )
        self._grant(roles.CRCL, ["view_case", "edit_crcl_module"], "sampled for audit")

    def _close(self, reason):
        self._move(Status.CLOSED, role=roles.PROGRAM, transition=f"close_{reason}")
        self.case["closure_reason"] = reason
        self.case["closed_at"] = self.moment
        if reason == ClosureReason.DUPLICATE:
            # The original: an earlier case of this run (or, for the very first, itself).
            first = self.ids.first[Case]
            self.case["duplicate_of_id"] = self.rng.randrange(first, self.case_id + 1)


# Writing -------------------------------------------------------------------------------------


def _columns(model):
    return [(f.attname, f.column) for f in model._meta.concrete_fields]


def _write_postgresql(model, rows):
    columns = _columns(model)
    names = ", ".join(connection.ops.quote_name(column) for _attname, column in columns)
    json_fields = {
        f.attname for f in model._meta.concrete_fields if f.get_internal_type() == "JSONField"
    }
    with connection.cursor() as cursor:
        raw = cursor.cursor
        with raw.copy(f"COPY {model._meta.db_table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(
                    [
                        json.dumps(row[attname]) if attname in json_fields else row[attname]
                        for attname, _column in columns
                    ]
                )


def _write_rows(model, rows):
    if connection.vendor == "postgresql":
        _write_postgresql(model, rows)
    else:
        model.objects.bulk_create([model(**row) for row in rows], batch_size=500)


# Parents before children, so SQLite's immediate checks and PostgreSQL's COPY both hold.
WRITE_ORDER = (
    Case,
    HistoricalCase,
    Enrollee,
    Representative,
    Preparer,
    Document,
    Transition,
    CBPReview,
    USCISReview,
    ProgramReview,
    CRCLAudit,
    Placement,
    CaseGroupObjectPermission,
    AuditEvent,
)


def _chain_head():
    head = AuditEvent.objects.order_by("-id").values("sequence", "row_hash").first()
    return (head["sequence"], head["row_hash"]) if head else (0, chain.GENESIS)


def _chain_events(batch, stories, ids, head):
    """Audit rows for the batch, appended to the chain in order. Returns the new head."""
    sequence, previous = head
    for story in stories:
        for occurred_at, action, actor, detail in story.events:
            sequence += 1
            values = {
                "id": ids.take(AuditEvent),
                "sequence": sequence,
                "prev_hash": previous,
                "occurred_at": occurred_at,
                "action": str(action),
                "actor_id": actor[0] if actor else None,
                "actor_username": actor[1] if actor else "",
                "case_id": story.case_id,
                "document_id": None,
                "address": None,
                "user_agent": "",
                "detail": detail,
            }
            values["row_hash"] = previous = chain.row_hash(values)
            batch.add(AuditEvent, **values)
    return sequence, previous


def _write_batch(batch, written):
    with transaction.atomic():
        # Nobody else appends to the chain while this batch does.
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
        for model in WRITE_ORDER:
            rows = batch.rows.get(model, [])
            if rows:
                _write_rows(model, rows)
                written[model._meta.label] = written.get(model._meta.label, 0) + len(rows)


def _close_connection():
    connection.close()


def generate_cases(*, count: int, seed: int = 1, progress=None, overlap=None) -> dict:
    """Create `count` synthetic cases with every row a real one would have. Returns row counts.

    With ``overlap`` (the default on PostgreSQL) a second thread, on its own connection, writes
    one batch while the next is built, so Python and the database work at the same time.
    Without it every batch is written in the caller's connection and transaction.
    """
    rng = random.Random(seed)  # noqa: S311 - synthetic data, reproducibility not secrecy
    staff = Staff.ensure()
    ids = Ids()
    written = {}
    case_numbers = set()
    head = _chain_head()
    if overlap is None:
        overlap = connection.vendor == "postgresql"
    writer = ThreadPoolExecutor(max_workers=1) if overlap else None
    pending = None
    made = 0
    try:
        while made < count:
            size = min(BATCH, count - made)
            batch = Batch()
            stories = []
            for _number in range(size):
                story = CaseStory(
                    rng=rng, ids=ids, staff=staff, batch=batch, case_numbers=case_numbers
                )
                story.write()
                stories.append(story)
            head = _chain_events(batch, stories, ids, head)
            if pending:
                pending.result()
            if writer:
                pending = writer.submit(_write_batch, batch, written)
            else:
                _write_batch(batch, written)
            made += size
            if progress:
                progress(made, count)
        if pending:
            pending.result()
    finally:
        if writer:
            writer.submit(_close_connection).result()
            writer.shutdown()
    _reset_sequences()
    return written


def _reset_sequences():
    statements = connection.ops.sequence_reset_sql(no_style(), list(WRITE_ORDER))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
