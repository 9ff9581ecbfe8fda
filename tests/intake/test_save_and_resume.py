"""Save and come back: a resume code, the draft kept server-side, resumed on another phone."""

import datetime
import re

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from cases.case_numbers import ALPHABET, check_character
from cases.models import Case
from intake import drafts, services
from intake.models import Draft, DraftMessage
from tests.intake.conftest import PDF
from tests.intake.walk import CONCERN, ENROLLEE, post_step, step_url, upload

pytestmark = pytest.mark.django_db(transaction=True)
CODE = re.compile(r'id="resume-code">([0-9A-Z-]+)<')


def _save(client, step, data, language="en", files=None):
    payload = {f"{step}-{name}": value for name, value in data.items()}
    payload |= {"intake-current_step": step, "intake-action": "save"}
    for field, uploads in (files or {}).items():
        payload[f"{step}-{field}"] = uploads
    response = client.post(step_url(step, language), payload)
    assert response.status_code == 302, response.content.decode()[:500]
    page = client.get(response.url)
    return CODE.search(page.content.decode()).group(1), page


def _half_way(client, language="en"):
    client.get(step_url("privacy", language))
    post_step(client, "privacy", {"language": language, "acknowledge": "on"}, language)
    post_step(client, "submitter", {"submitter_type": "enrollee"}, language)
    post_step(client, "enrollee", ENROLLEE, language)
    post_step(client, "concern", CONCERN, language)


def test_a_resume_code_reads_aloud_and_its_check_character_catches_a_typo():
    code = drafts.new_resume_code()

    assert re.fullmatch(r"[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}", code)
    characters = code.replace("-", "")
    assert set(characters) <= set(ALPHABET)
    assert check_character(characters[:11]) == characters[11]
    assert drafts.read_resume_code(code.lower().replace("-", " ")).code == code
    typo = characters[:3] + ALPHABET[(ALPHABET.index(characters[3]) + 1) % 32] + characters[4:]
    assert drafts.read_resume_code(typo).problem == "check"
    assert drafts.read_resume_code("7K4Q-M9M3").problem == "length"


def test_it_saves_the_answers_and_files_and_resumes_them_on_another_phone(settings):
    settings.DRAFT_KEEP_DAYS = 7
    first_phone = Client()
    _half_way(first_phone, "es")
    code, saved = _save(
        first_phone, "documents", {}, "es", files={"files": [upload("informe.pdf", PDF)]}
    )
    page = saved.content.decode()
    assert "maria@example.org" in page  # the code was sent where the person gave an address
    assert code not in saved.request["PATH_INFO"] and code not in saved.request["QUERY_STRING"]
    draft = Draft.objects.get()
    assert draft.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)
    assert code not in str(draft.data) and draft.code_hash != code  # only its keyed hash

    another_phone = Client()
    resumed = another_phone.post("/es/request/resume/", {"code": code.lower()})
    assert resumed.status_code == 302 and resumed.url == "/es/request/documents/"
    documents = another_phone.get(resumed.url).content.decode()
    assert "Quitar informe.pdf" in documents
    review = post_step(another_phone, "documents", {}, "es")
    assert review.url == "/es/request/review/"
    done = post_step(another_phone, "review", {"attest": "on", "website": ""}, "es")
    another_phone.get(done.url)

    case = Case.objects.get()
    assert case.enrollee.full_name == ENROLLEE["full_name"]
    assert [d.display_name for d in case.documents.all()] == ["informe.pdf"]
    assert not Draft.objects.exists()  # sent: the saved copy goes


def test_the_first_phone_sending_the_same_saved_request_opens_no_second_case():
    first_phone = Client()
    _half_way(first_phone)
    code, _page = _save(first_phone, "documents", {})
    second_phone = Client()
    second_phone.post("/request/resume/", {"code": code})
    for phone in (second_phone, first_phone):
        post_step(phone, "documents", {})
        done = post_step(phone, "review", {"attest": "on", "website": ""})
        confirmation = phone.get(phone.get(done.url).url)
        assert Case.objects.get().case_number in confirmation.content.decode()
    assert Case.objects.count() == 1


def test_saving_keeps_what_was_typed_on_the_page_even_with_mistakes():
    client = Client()
    _half_way(client)
    code, _page = _save(client, "enrollee", {**ENROLLEE, "birth_day": "32", "a_number": "xx"})

    other = Client()
    other.post("/request/resume/", {"code": code})
    page = other.get("/request/enrollee/").content.decode()
    assert 'value="32"' in page and 'value="xx"' in page
    assert 'id="error-summary"' not in page


def test_it_emails_the_code_in_the_language_chosen_for_messages(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    client = Client()
    _half_way(client, "ht")
    code, _page = _save(client, "documents", {}, "ht")

    message = DraftMessage.objects.get()
    assert message.to_address == "maria@example.org" and message.language == "ht"
    assert drafts.deliver_draft_message(message_id=message.pk) == "sent"
    [sent] = mail.outbox
    assert code in sent.body and "/ht/request/resume/" in sent.body
    assert "Kòd pou kontinye" in sent.body
    assert sent.from_email.startswith("Demann dosye MPP")
    message.refresh_from_db()
    assert message.body == "" and message.status == "sent"  # the code is not kept once sent
    assert drafts.deliver_draft_message(message_id=message.pk) == "skipped"


def test_a_phone_that_agreed_to_texts_is_told_where_to_finish_but_never_the_code(
    settings, sms_provider
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.INTAKE_PUBLIC_URL = "https://mpp.example.gov/tear-sheet/"
    client = Client()
    client.get(step_url("privacy", "es"))
    post_step(client, "privacy", {"language": "es", "acknowledge": "on"}, "es")
    post_step(client, "submitter", {"submitter_type": "enrollee"}, "es")
    # Typed, not yet accepted: what is on the page when Save is pressed is what counts.
    typed = {**ENROLLEE, "phone": "656 123 4567", "texts": "on"}
    code, page = _save(client, "enrollee", typed, "es")

    email, text = DraftMessage.objects.order_by("channel")
    assert (email.channel, email.to_address) == ("email", "maria@example.org")
    assert (text.channel, text.to_address) == ("sms", "+526561234567")
    assert drafts.deliver_draft_message(message_id=text.pk) == "sent"
    [received] = sms_provider.texts()
    kept_until = timezone.localdate() + datetime.timedelta(days=settings.DRAFT_KEEP_DAYS)
    months = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
              "septiembre", "octubre", "noviembre", "diciembre"]
    day = f"{kept_until.day} de {months[kept_until.month - 1]} de {kept_until.year}"
    assert received["phone_number"] == "+526561234567"
    assert received["message"] == (
        f"MPP: su solicitud está guardada hasta el {day} y aún no se ha enviado. Termínela en "
        "https://mpp.example.gov/es/request/resume/ con el código para continuar que vio al "
        "guardarla."
    )
    assert code not in received["message"] and code.replace("-", "") not in received["message"]
    shown = page.content.decode()
    assert "maria@example.org" in shown and "+526561234567" in shown
    assert "no contiene el código" in shown


def test_a_box_unticked_on_the_page_is_not_taken_from_the_step_accepted_before():
    client = Client()
    _half_way(client)
    with_texts = {**ENROLLEE, "email": "", "phone": "656 123 4567", "texts": "on"}
    post_step(client, "enrollee", with_texts)
    # Back on the enrollee page: the box unticked (a browser then sends nothing for it), the
    # phone kept, then Save.
    _save(client, "enrollee", {k: v for k, v in with_texts.items() if k != "texts"})

    assert not DraftMessage.objects.exists()


def test_a_second_save_keeps_the_code_and_does_not_write_again():
    client = Client()
    _half_way(client)
    code, _page = _save(client, "concern", CONCERN)
    again, _page = _save(client, "documents", {})

    assert again == code
    assert Draft.objects.count() == 1
    assert DraftMessage.objects.count() == 1


def test_a_preparer_is_never_sent_the_code():
    client = Client()
    client.get(step_url("privacy"))
    post_step(client, "privacy", {"language": "en", "acknowledge": "on"})
    post_step(client, "submitter", {"submitter_type": "preparer"})
    post_step(client, "enrollee", {**ENROLLEE, "email": ""})
    _code, page = _save(client, "preparer", {"full_name": "P", "email": "pedro@example.org"})

    assert not DraftMessage.objects.exists()
    assert "pedro@example.org" not in page.content.decode()


def test_a_wrong_code_says_why_and_guessing_is_limited(settings):
    settings.INTAKE_RESUME_TRIES_PER_DEVICE = "3/h"
    client = Client()
    typo = client.post("/request/resume/", {"code": "7K4Q-M9M3-XZ2"}).content.decode()
    assert "A resume code has 12 letters and digits" in typo
    for _ in range(3):
        payload = drafts.new_resume_code()  # well formed, but nobody's
        unknown = client.post("/request/resume/", {"code": payload}).content.decode()
        assert "We have no saved request with this code." in unknown
    real_client = Client()
    _half_way(real_client)
    code, _page = _save(real_client, "documents", {})

    refused = client.post("/request/resume/", {"code": code})

    assert "Too many codes were tried from here." in refused.content.decode()
    assert "wizard_intake" not in client.session


def test_the_hourly_cleanup_removes_expired_drafts_and_their_files_only(settings):
    client = Client()
    _half_way(client)
    _save(client, "documents", {}, files={"files": [upload("a.pdf", PDF)]})
    kept = Client()
    _half_way(kept)
    _save(kept, "documents", {}, files={"files": [upload("b.pdf", PDF)]})
    # Both sessions are long gone; the files are old; one draft has expired.
    from django.contrib.sessions.models import Session

    Session.objects.all().delete()
    old, young = Draft.objects.order_by("pk")
    Draft.objects.filter(pk=old.pk).update(expires_at=timezone.now())
    later = timezone.now() + datetime.timedelta(hours=3)

    removed = services.discard_abandoned_uploads(now=later)

    assert list(Draft.objects.values_list("pk", flat=True)) == [young.pk]
    [held_a] = old.data["extra_data"]["uploads"]["documents"]
    assert removed == [held_a["tmp_name"]]
