"""The made-up people of the demo: names and places drawn from those MPP served (nationals of
Central and South America, Cuba and Haiti, waiting in Mexican border cities), and the
submissions they send. Everything is made up.
"""

import datetime

from django.core.files.base import ContentFile

from cases.models import CONCERN_FIELDS, CONDITION_FIELDS, DocumentKind, SubmitterType
from cases.services import documents, submissions

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
LANGUAGES = ["es"] * 55 + ["ht"] * 15 + ["pt-br"] * 10 + ["en"] * 20

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


def _mexican_mobile(rng) -> str:
    """A made-up number in a border city's area code (Juárez, Tijuana, Matamoros, ...)."""
    area = rng.choice(["656", "664", "868", "867", "686", "878", "899"])
    return f"+52{area}{rng.randint(1_000_000, 9_999_999)}"


def _contact_details(rng) -> dict:
    """How the enrollee can be reached: about a third by a phone only (texts), a tenth not at
    all (letters and the status page), the others by e-mail, many with a phone as well."""
    draw = rng.random()
    if draw < 0.35:
        return {"phone": _mexican_mobile(rng), "texts_consent": True}
    if draw < 0.45:
        return {}
    email = {"email": "enrollee@example.org"}
    if draw < 0.8:
        return {**email, "phone": _mexican_mobile(rng), "texts_consent": True}
    return email


def demo_submission(rng, language, *, received):
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
            phone="+19155550134",
            organization="Border Legal Aid (demo)",
        )
        documents.append(demo_pdf("G-28.pdf", DocumentKind.G28))
    elif submitter_type == SubmitterType.PREPARER:
        contact = submissions.ContactDetails(
            full_name="Shelter volunteer", relationship="Volunteer"
        )
    if rng.random() < 0.4:
        documents.append(demo_pdf("medical-letter.pdf", DocumentKind.SUPPORTING))
    concern = rng.choice(CONCERN_FIELDS) if rng.random() > 0.08 else None
    conditions = rng.sample(CONDITION_FIELDS, k=rng.choice([0, 1, 1, 2]))
    # The form was filled in over a quarter of an hour before it was sent.
    now = received - datetime.timedelta(minutes=rng.randint(5, 15))
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
            **_contact_details(rng),
        ),
        description=DESCRIPTIONS[language],
        privacy_notice_version="2026-1",
        privacy_notice_acknowledged_at=now,
        attestation_version="2026-1",
        attested_at=received - datetime.timedelta(minutes=1),
        concerns={concern: True} if concern else {},
        conditions={name: True for name in conditions},
        concern_something_else=concern is None,
        contact=contact,
        documents=documents,
    )


def demo_pdf(name, kind):
    return documents.UploadedDocument(
        file=ContentFile(PDF, name=name),
        display_name=name,
        content_type="application/pdf",
        kind=kind,
    )
