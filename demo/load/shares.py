"""How the synthetic cases are spread: states, languages, submitters, outcomes, names."""

import bisect
import itertools
from datetime import UTC, datetime

from cases.models import ClosureReason, Status, SubmitterType

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


def pick(rng, shares):
    """A value drawn with the given weights (shares are tuples of (value, weight))."""
    values, cumulative = _CUMULATIVE.get(shares) or _cumulate(shares)
    return values[bisect.bisect(cumulative, rng.random() * cumulative[-1])]


_CUMULATIVE = {}


def _cumulate(shares):
    values = [value for value, _weight in shares]
    cumulative = list(itertools.accumulate(weight for _value, weight in shares))
    _CUMULATIVE[shares] = (values, cumulative)
    return values, cumulative
