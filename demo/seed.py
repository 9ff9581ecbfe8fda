"""Demo data for the embedded mode: one user per role and realistic cases in every state.

Names and places are drawn from the people MPP served: nationals of Central and South America,
Cuba and Haiti, waiting in Mexican border cities. Everything is made up.
"""

import datetime
import random

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction

from accounts.roles import CBP, PROGRAM, ROLES, USCIS
from cases.models import CONCERN_FIELDS, CONDITION_FIELDS, Case, DocumentKind, Status, SubmitterType
from cases.services import documents, lifecycle, reviews, submissions
from routing import services as routing

DEMO_PASSWORD = "demo-password-change-me"  # noqa: S105 - printed for the embedded demo only

GIVEN = {
    "es": [
        "María",
        "José",
        "Ana",
        "Luis",
        "Carmen",
        "Jorge",
        "Yesenia",
        "Wilmer",
        "Dania",
        "Óscar",
    ],
    "ht": ["Jean", "Marie", "Wilner", "Nadège", "Jocelyn", "Fabiola", "Rony", "Guerline"],
    "pt-br": ["João", "Ana", "Thiago", "Luana", "Rafael", "Juliana", "Wesley", "Gabriela"],
    "en": ["Carlos", "Rosa", "Kevin", "Heidy", "Elvin", "Glenda"],
}
FAMILY = {
    "es": ["Hernández", "López", "Martínez", "Rodríguez", "Pérez", "Mejía", "Castillo", "Núñez"],
    "ht": ["Joseph", "Pierre", "Jean-Baptiste", "Louis", "Charles", "Dorvil", "Saint-Fleur"],
    "pt-br": ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Costa", "Ferreira"],
    "en": ["Flores", "Ramírez", "Cruz", "Reyes", "Morales"],
}
CITIZENSHIP = {
    "es": ["HN", "GT", "SV", "VE", "CU", "NI", "EC", "CO"],
    "ht": ["HT"],
    "pt-br": ["BR"],
    "en": ["HN", "GT", "NI"],
}
LOCATIONS = [
    "Ciudad Juárez, Chihuahua",
    "Tijuana, Baja California",
    "Matamoros, Tamaulipas",
    "Nuevo Laredo, Tamaulipas",
    "Mexicali, Baja California",
    "Piedras Negras, Coahuila",
    "Reynosa, Tamaulipas",
]
DESCRIPTIONS = {
    "es": "Tengo diabetes y no puedo conseguir insulina en el albergue.",
    "ht": "Mwen ansent e mwen pa gen aksè a swen medikal isit la.",
    "pt-br": "Fui ameaçado por um grupo armado perto do abrigo onde estou.",
    "en": "My son has epilepsy and the shelter cannot keep his medicine cold.",
}
# Share of cases in each state, roughly as a program a few months in would look.
STATE_SHARES = [
    (Status.TRIAGE, 15),
    (Status.CBP_REVIEW, 20),
    (Status.USCIS_REVIEW, 12),
    (Status.PROGRAM_HANDLING, 5),
    (Status.AWAITING_INFORMATION, 8),
    (Status.DECIDED, 12),
    (Status.COMMUNICATED, 18),
    (Status.CLOSED, 10),
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


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


def _submission(rng, language):
    submitter_type = rng.choices(list(SubmitterType), weights=[55, 30, 15])[0]
    family = FAMILY[language]
    name = f"{rng.choice(GIVEN[language])} {rng.choice(family)} {rng.choice(family)}"
    documents = []
    contact = None
    if submitter_type == SubmitterType.REPRESENTATIVE:
        contact = submissions.ContactDetails(
            full_name=f"{rng.choice(GIVEN['en'])} {rng.choice(FAMILY['en'])}",
            relationship="Attorney",
            email="attorney@legal-aid.example.org",
            organization="Border Legal Aid (demo)",
        )
        documents.append(_pdf("G-28.pdf", DocumentKind.G28))
    elif submitter_type == SubmitterType.PREPARER:
        contact = submissions.ContactDetails(
            full_name="Shelter volunteer", relationship="Volunteer"
        )
    if rng.random() < 0.4:
        documents.append(_pdf("medical-letter.pdf", DocumentKind.SUPPORTING))
    concern = rng.choice(CONCERN_FIELDS) if rng.random() > 0.08 else None
    conditions = rng.sample(CONDITION_FIELDS, k=rng.choice([0, 1, 1, 2]))
    now = datetime.datetime.now(datetime.UTC)
    return submissions.Submission(
        submitter_type=submitter_type,
        language=language,
        enrollee=submissions.EnrolleeDetails(
            full_name=name,
            date_of_birth=datetime.date(
                rng.randint(1950, 2005), rng.randint(1, 12), rng.randint(1, 28)
            ),
            citizenship=rng.choice(CITIZENSHIP[language]),
            current_location=rng.choice(LOCATIONS),
            a_number=str(rng.randint(200_000_000, 219_999_999)) if rng.random() < 0.7 else "",
            email="enrollee@example.org" if rng.random() < 0.5 else "",
        ),
        description=DESCRIPTIONS[language],
        privacy_notice_version="2026-1",
        privacy_notice_acknowledged_at=now,
        attestation_version="2026-1",
        attested_at=now,
        concerns={concern: True} if concern else {},
        conditions={name: True for name in conditions},
        concern_something_else=concern is None,
        contact=contact,
        documents=documents,
    )


def _pdf(name, kind):
    return documents.UploadedDocument(
        file=ContentFile(PDF, name=name),
        display_name=name,
        content_type="application/pdf",
        kind=kind,
    )


def _walk_to(case, status, users, rng):
    """Place the case as intake does, then move it the way staff would."""
    program, cbp, uscis = users[PROGRAM], users[CBP], users[USCIS]
    case = routing.place_new_case(case=case)
    if status == Status.TRIAGE:
        return
    if case.status == Status.TRIAGE:
        if status == Status.PROGRAM_HANDLING or not case.is_disenrollment_request:
            routing.mark_not_disenrollment_request(case=case, actor=program)
            return
        if status == Status.CLOSED and rng.random() < 0.3:
            routing.close_as_withdrawn(case=case, actor=program, reason="requestor withdrew")
            return
        routing.route_to_cbp(case=case, actor=program)
    if case.status == Status.PROGRAM_HANDLING:
        return
    to_uscis = status == Status.USCIS_REVIEW or rng.random() < 0.3
    if to_uscis and case.status == Status.CBP_REVIEW:
        routing.refer_to_uscis(case=case, actor=cbp, reason="fear interview")
    officer = uscis if case.status == Status.USCIS_REVIEW else cbp
    if rng.random() < 0.5:
        routing.assign_to_officer(case=case, officer=officer, actor=officer)
    if status in (Status.CBP_REVIEW, Status.USCIS_REVIEW):
        return
    if status == Status.AWAITING_INFORMATION:
        lifecycle.start_waiting_for_information(case=case, actor=officer)
        return
    if case.status == Status.USCIS_REVIEW:
        outcome = rng.choice(["fear_established", "fear_not_established"])
        reviews.record_uscis_outcome(case=case, outcome=outcome, actor=uscis)
    else:
        outcome = rng.choice(["disenroll", "remain_enrolled", "nonrefoulement_interview"])
        reviews.record_cbp_outcome(case=case, outcome=outcome, actor=cbp)
    if status == Status.DECIDED:
        return
    lifecycle.record_decision_communicated(case=case, actor=program)
    if status == Status.CLOSED:
        lifecycle.close_case(case=case, actor=program)


def seed_demo(*, cases=300, seed=2019, progress=None):
    """Create demo users and cases; running it again adds nothing."""
    users = ensure_demo_users()
    existing = Case.objects.count()
    if existing >= cases:
        return users, 0
    rng = random.Random(seed + existing)  # noqa: S311 - demo data, not secrets
    languages = ["es"] * 55 + ["ht"] * 15 + ["pt-br"] * 10 + ["en"] * 20
    states = [state for state, share in STATE_SHARES for _ in range(share)]
    created = 0
    for index in range(existing, cases):
        with transaction.atomic():
            case = submissions.open_case(submission=_submission(rng, rng.choice(languages)))
            _walk_to(case, rng.choice(states), users, rng)
        created += 1
        if progress and (created % 50 == 0 or index == cases - 1):
            progress(created, cases - existing)
    # Give the demo CRCL user something to audit.
    routing.sample_decided_cases_for_audit(share=0.2, seed=seed)
    return users, created
