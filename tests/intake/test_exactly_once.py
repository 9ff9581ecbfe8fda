"""A double click, a retried request or back-and-resubmit opens one case, not two."""

import threading
from http.cookies import SimpleCookie

import pytest
from django.db import IntegrityError, connection
from django.test import Client

from cases.models import Case
from cases.services import submissions
from tests import factories
from tests.intake.walk import CONCERN, ENROLLEE, post_step, step_url

pytestmark = pytest.mark.django_db(transaction=True)


def _fill_in_up_to_review(client, language="en"):
    client.get(step_url("privacy", language))
    post_step(client, "privacy", {"language": language, "acknowledge": "on"}, language)
    post_step(client, "submitter", {"submitter_type": "enrollee"}, language)
    post_step(client, "enrollee", ENROLLEE, language)
    post_step(client, "concern", CONCERN, language)
    post_step(client, "documents", {}, language)
    return client.get(step_url("review", language)).context["submission_token"]


def _final_post(client, token, language="en"):
    data = {"attest": "on", "website": ""}
    payload = {f"review-{name}": value for name, value in data.items()}
    payload |= {"intake-current_step": "review", "submission_token": token}
    return client.post(step_url("review", language), payload)


def test_it_opens_one_case_when_the_last_request_arrives_twice_at_once(client):
    token = _fill_in_up_to_review(client)
    done_url = _final_post(client, token).url
    # A double click: two requests carrying the same session race to open the case.
    twins = [Client(), Client()]
    for twin in twins:
        twin.cookies = SimpleCookie(client.cookies)
    barrier = threading.Barrier(2)
    responses = []

    def open_the_case(twin):
        barrier.wait()
        responses.append(twin.get(done_url))
        connection.close()

    threads = [threading.Thread(target=open_the_case, args=(twin,)) for twin in twins]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    case = Case.objects.get()
    assert [r.status_code for r in responses] == [302, 302]
    for twin, response in zip(twins, responses, strict=True):
        assert case.case_number in twin.get(response.url).content.decode()


def test_it_shows_the_same_confirmation_after_back_and_resubmit(client):
    token = _fill_in_up_to_review(client)
    client.get(_final_post(client, token).url)
    number = Case.objects.get().case_number

    again = _final_post(client, token)  # the browser's back button, then "Submit" again

    assert Case.objects.count() == 1
    assert again.status_code == 302
    assert number in client.get(again.url).content.decode()


def test_it_keeps_two_different_people_apart(client):
    token = _fill_in_up_to_review(client)
    client.get(_final_post(client, token).url)
    other = Client()
    other_token = _fill_in_up_to_review(other)
    other.get(_final_post(other, other_token).url)

    assert token != other_token
    assert Case.objects.count() == 2


def test_the_database_refuses_a_second_case_with_the_same_token():
    submissions.open_case(submission=factories.submission(token="t-1"))
    with pytest.raises(IntegrityError):
        submissions.open_case(submission=factories.submission(token="t-1"))
    assert Case.objects.count() == 1
