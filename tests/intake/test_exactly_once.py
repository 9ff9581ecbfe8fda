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


def test_a_retried_request_after_the_case_opened_shows_the_same_case_number(client):
    # The losing order of the race above, made certain: the twin arrives once the first
    # request has opened the case and emptied the form's answers.
    token = _fill_in_up_to_review(client)
    done_url = _final_post(client, token).url
    first = client.get(done_url)
    number = Case.objects.get().case_number

    retried = client.get(done_url)

    assert first.url == retried.url == "/request/confirmation/"
    assert number in client.get(retried.url).content.decode()
    assert number in client.get("/request/confirmation/").content.decode()  # a reload
    assert Case.objects.count() == 1


@pytest.mark.parametrize("step", ["review", "documents", "concern", "enrollee", "submitter"])
def test_back_after_submitting_shows_the_confirmation_again(client, step):
    token = _fill_in_up_to_review(client, "es")
    client.get(_final_post(client, token, "es").url)
    number = Case.objects.get().case_number

    back = client.get(step_url(step, "es"))

    assert back.status_code == 302 and back.url == "/es/request/confirmation/"
    assert number in client.get(back.url).content.decode()


def test_a_representative_whose_g28_went_missing_gets_that_steps_error_not_a_500(client):
    from django.core.files.storage import storages

    from tests.intake.conftest import PDF
    from tests.intake.walk import REPRESENTATIVE, upload

    client.get(step_url("privacy"))
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": "representative"})
    post_step(client, "enrollee", ENROLLEE)
    post_step(client, "representative", REPRESENTATIVE, files={"g28": upload("G-28.pdf", PDF)})
    post_step(client, "concern", CONCERN)
    post_step(client, "documents", {})
    [held] = client.session["wizard_intake"]["extra_data"]["uploads"]["representative"]
    storages["default"].delete(held["tmp_name"])  # gone, as the cleanup or a shared draft can

    token = client.get(step_url("review")).context["submission_token"]
    done = client.get(_final_post(client, token).url)

    assert done.status_code == 302 and done.url == "/request/representative/"
    page = client.get(done.url).content.decode()
    assert "We could not keep G-28.pdf. Please attach it again." in page
    assert not Case.objects.exists()
    again = post_step(
        client, "representative", REPRESENTATIVE, files={"g28": upload("G-28.pdf", PDF)}
    )
    assert again.url == "/request/concern/"
