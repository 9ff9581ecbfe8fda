"""Whatever is typed into any field of any step: a validation error or a clean value, never a 500.

Hypothesis draws random Unicode, very long strings, control and bidirectional-override
characters, emoji, markup and SQL-like text for one field at a time.
"""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cases.models import Case
from tests.intake.walk import CONCERN, ENROLLEE, PREPARER, REPRESENTATIVE, post_step, submit

PAYLOADS = [
    "\u202eevil\u202c",  # right-to-left override
    "\u2066\u2067\u2068isolates\u2069",
    "\x00nul",
    "\x07\x1b[31mred\x1b[0m",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'; DROP TABLE cases_case; --",
    "1 OR 1=1",
    "%(name)s {{ request }} {% debug %}",
    "👩🏽‍⚖️🏳️‍🌈" * 20,
    "\ufeff\u200b\u200d",
    "\ud7ff\ue000\U0010fffd",
    "a" * 100_000,
    " ",
]
HOSTILE = st.one_of(
    st.sampled_from(PAYLOADS),
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=60).map(lambda s: s * 90),
)
STEPS = {
    "privacy": {"language": "en", "acknowledge": "on"},
    "submitter": {"submitter_type": "representative"},
    "enrollee": ENROLLEE,
    "representative": REPRESENTATIVE,
    "preparer": PREPARER,
    "concern": CONCERN,
    "review": {"attest": "on", "website": ""},
}
FIELDS = [(step, name) for step, data in STEPS.items() for name in data]


def _started_client():
    client = Client(raise_request_exception=True)
    post_step(client, "privacy", STEPS["privacy"])
    post_step(client, "submitter", STEPS["submitter"])
    return client


@pytest.mark.django_db
@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(field=st.sampled_from(FIELDS), value=HOSTILE)
def test_no_field_of_any_step_answers_500(field, value):
    step, name = field
    client = _started_client()
    response = post_step(client, step, {**STEPS[step], name: value})
    assert response.status_code in (200, 302), (step, name, response.status_code)
    if response.status_code == 200:
        assert "Traceback" not in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_hostile_free_text_is_stored_exactly_as_typed(client):
    name = "\u202eZoë <b>O'Brien</b>; DROP TABLE--"
    description = "<script>alert(1)</script> 👩🏽‍⚖️ \u2067שלום\u2069 {{ x }} ' OR 1=1 --"
    enrollee = {**ENROLLEE, "full_name": name, "current_location": "%(x)s \u200b"}
    client.get("/request/privacy/")
    post_step(client, "privacy", STEPS["privacy"])
    post_step(client, "submitter", {"submitter_type": "enrollee"})
    post_step(client, "enrollee", enrollee)
    post_step(client, "concern", {**CONCERN, "description": description})
    post_step(client, "documents", {})
    response = post_step(client, "review", STEPS["review"])
    client.get(response.url)

    case = Case.objects.get()
    assert case.description == description
    assert case.enrollee.full_name == name


def test_the_walk_still_works_after_hostile_input(client, db):
    # A rejected value leaves the session usable: the same person can still submit.
    post_step(client, "privacy", STEPS["privacy"])
    post_step(client, "enrollee", {**ENROLLEE, "full_name": "\x00"})
    assert submit(client).status_code == 302


def test_a_page_for_a_step_the_answers_skip_is_not_an_error(db):
    client = _started_client()  # a representative: the preparer step does not apply
    response = post_step(client, "preparer", PREPARER)
    assert response.status_code == 302
    assert response.url.endswith("/request/enrollee/")
