"""No English on a Spanish, Haitian Creole or Portuguese public page or message, in any state.

Every public page is rendered as a person reaches it (empty, with each kind of error, after a
limit, a lost session, a save; the contact step's errors, the review page's warning that nobody
could be reached, the status page in every state), with the messages we send (confirmation,
resume code, information request and reminder, decision and corrected notice, on e-mail, text
and the printed letter) and the PDF receipt; each text node and shown attribute (alt,
aria-label, data-* texts of the script, ...) is compared against the English catalogue.
"""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client, RequestFactory, override_settings
from django.utils import timezone, translation
from pypdf import PdfReader

from cases.case_numbers import new_case_number
from cases.models import Communication, InformationRequest, Status
from cases.services import information
from intake import drafts
from routing import casework
from routing.models import PortOfEntry
from tests import factories
from tests.intake.conftest import PDF
from tests.intake.english import Needles, english_in_html, english_in_text
from tests.intake.walk import CONCERN, ENROLLEE, fill_to_review, post_step, step_url, upload

pytestmark = pytest.mark.django_db(transaction=True)

LANGUAGES = ["es", "ht", "pt-br"]
# What people type, in their words: never mistaken for our English.
REPRESENTATIVE = {
    "full_name": "Ana Abogada",
    "organization": "Clínica Jurídica Fronteriza",
    "phone": "+1 915 555 0134",
    "email": "ana@abogada.example",
    "relationship": "Abogada",
}
PREPARER = {"full_name": "Pedro Pérez", "phone": "", "email": "", "relationship": "Vecino"}
BAD_ENROLLEE = {
    "full_name": "",
    "birth_month": "13",
    "birth_day": "32",
    "birth_year": "86",
    "citizenship": "XX",
    "current_location": "",
    "a_number": "xx",
    "phone": "abc",
    "email": "no es correo",
}


class Pages:
    """Collects what a person sees, page by page, in one language."""

    def __init__(self, language):
        self.language = language
        self.prefix = "" if language == "en" else f"/{language}"
        self.seen = []

    def add(self, label, response_or_html):
        html = getattr(response_or_html, "content", response_or_html)
        if isinstance(html, bytes):
            html = html.decode()
        self.seen.append((label, html))
        return response_or_html

    def get(self, client, label, path, **headers):
        response = client.get(f"{self.prefix}{path}", **headers)
        if response.status_code == 302:
            response = client.get(response.url)
        return self.add(label, response)


def _start(client, language, submitter):
    client.get(step_url("privacy", language))
    post_step(client, "privacy", {"language": language, "acknowledge": "on"}, language)
    post_step(client, "submitter", {"submitter_type": submitter}, language)


def _walk_every_step(pages, language, submitter):
    client = Client()
    pages.get(client, "privacy", "/request/privacy/")
    pages.add("privacy with errors", post_step(client, "privacy", {"language": language}, language))
    post_step(client, "privacy", {"language": language, "acknowledge": "on"}, language)
    pages.get(client, "submitter", "/request/submitter/")
    pages.add("submitter with errors", post_step(client, "submitter", {}, language))
    post_step(client, "submitter", {"submitter_type": submitter}, language)
    pages.get(client, "enrollee", "/request/enrollee/")
    pages.add("enrollee with errors", post_step(client, "enrollee", BAD_ENROLLEE, language))
    no_phone = {**ENROLLEE, "phone": "", "texts": "on"}
    pages.add("enrollee, texts without a phone", post_step(client, "enrollee", no_phone, language))
    landline = {**ENROLLEE, "phone": "+509 2222 3333", "texts": "on"}
    pages.add("enrollee, texts to a landline", post_step(client, "enrollee", landline, language))
    real_date = {**ENROLLEE, "birth_day": "31", "birth_month": "4"}
    pages.add("enrollee, no such date", post_step(client, "enrollee", real_date, language))
    post_step(client, "enrollee", ENROLLEE, language)
    if submitter == "representative":
        pages.get(client, "representative", "/request/representative/")
        refused = {"g28": upload("programa.pdf", b"MZ\x90\x00 not a PDF")}
        pages.add(
            "representative, file refused",
            post_step(client, "representative", {}, language, files=refused),
        )
        pages.add("representative, no G-28", post_step(client, "representative", {}, language))
        held = {"g28": upload("G-28.pdf", PDF)}
        post_step(client, "representative", REPRESENTATIVE, language, files=held)
        pages.get(client, "representative, file held", "/request/representative/")
    if submitter == "preparer":
        pages.get(client, "preparer", "/request/preparer/")
        pages.add("preparer with errors", post_step(client, "preparer", {}, language))
        post_step(client, "preparer", PREPARER, language)
    pages.get(client, "concern", "/request/concern/")
    pages.add("concern with errors", post_step(client, "concern", {}, language))
    post_step(client, "concern", CONCERN, language)
    pages.get(client, "documents", "/request/documents/")
    bad_files = [upload("vacio.pdf", b""), upload("foto.png", b"\x89PNG\r\n\x1a\nbroken")]
    pages.add(
        "documents, files refused",
        post_step(client, "documents", {}, language, files={"files": bad_files}),
    )
    post_step(client, "documents", {}, language, files={"files": [upload("carta.pdf", PDF)]})
    pages.get(client, "review", "/request/review/")
    pages.add("review with errors", post_step(client, "review", {}, language))
    return client


def _pages_in(language, settings):
    pages = Pages(language)
    anyone = Client()
    pages.get(anyone, "landing", "/")
    pages.get(anyone, "tear sheet", "/tear-sheet/")
    pages.get(anyone, "a later step opened directly", "/request/concern/")
    pages.add("a page sent without a session", post_step(Client(), "enrollee", ENROLLEE, language))
    strict = Client(enforce_csrf_checks=True)
    pages.add(
        "cookies lost",
        strict.post(f"{pages.prefix}/request/enrollee/", {"intake-current_step": "enrollee"}),
    )
    pages.get(anyone, "not found", "/no-such-page/")
    too_large = anyone.generic(
        "POST",
        step_url("documents", language),
        CONTENT_TYPE="multipart/form-data; boundary=----mpp",
        CONTENT_LENGTH=str(60 * 1024 * 1024),
        **{"wsgi.input": io.BytesIO(b"")},
    )
    assert too_large.status_code == 400
    pages.add("a page with files too large to send", too_large)
    request = RequestFactory().get(f"{pages.prefix}/")
    request.user = AnonymousUser()
    with translation.override(language):
        for template in ("500.html", "unavailable.html", "403.html"):
            pages.add(template, render_to_string(template, request=request))

    for submitter in ("enrollee", "representative", "preparer"):
        client = _walk_every_step(pages, language, submitter)
        done = post_step(client, "review", {"attest": "on", "website": ""}, language)
        pages.add(f"confirmation ({submitter})", client.get(client.get(done.url).url))
        receipt = client.get(f"{pages.prefix}/request/confirmation/receipt.pdf")
        text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(receipt.content)).pages)
        pages.seen.append((f"receipt ({submitter})", None, text))
        pages.get(client, f"back after submitting ({submitter})", "/request/review/")

    nobody = Client()  # no e-mail, no phone for texts: the review page warns, the status page
    fill_to_review(nobody, language=language, enrollee={**ENROLLEE, "phone": "", "email": ""})
    pages.get(nobody, "review, nobody to write to", "/request/review/")
    texted = Client()
    fill_to_review(texted, language=language, enrollee={**ENROLLEE, "texts": "on"})
    done = post_step(texted, "review", {"attest": "on", "website": ""}, language)
    pages.add("confirmation (texts)", texted.get(texted.get(done.url).url))

    saver = Client()
    _start(saver, language, "enrollee")
    post_step(saver, "enrollee", ENROLLEE, language)
    saved = saver.post(
        step_url("concern", language),
        {"intake-current_step": "concern", "intake-action": "save", "concern-description": "x"},
    )
    page = pages.add("saved", saver.get(saved.url))
    code = re.search(r'id="resume-code">([0-9A-Z-]+)<', page.content.decode()).group(1)
    resumer = Client()
    pages.get(resumer, "resume", "/request/resume/")
    for label, typed in (
        ("resume, empty", ""),
        ("resume, too short", "7K4Q"),
        ("resume, typo", code[:-1] + ("0" if code[-1] != "0" else "1")),
        ("resume, unknown", drafts.new_resume_code()),
    ):
        pages.add(label, resumer.post(f"{pages.prefix}/request/resume/", {"code": typed}))
    settings.INTAKE_RESUME_TRIES_PER_DEVICE = "1/h"
    pages.add(
        "resume, too many tries",
        resumer.post(f"{pages.prefix}/request/resume/", {"code": drafts.new_resume_code()}),
    )

    settings.INTAKE_SUBMISSIONS_PER_DEVICE = "0/h"
    limited = _walk_every_step(Pages(language), language, "enrollee")
    done = post_step(limited, "review", {"attest": "on", "website": ""}, language)
    pages.add("limit reached", limited.get(done.url))
    settings.INTAKE_SUBMISSIONS_PER_DEVICE = "12/h"
    cache.clear()
    return pages


def _reachable(language):
    """Answers that reach the enrollee by e-mail and by texts, in this language."""
    return {"language": language, "email": "maria@example.org", "phone": "+526561234567",
            "texts_consent": True}


def _decide(case, staff, *, amend=False):
    port = PortOfEntry.objects.get(name="El Paso")
    present_at = timezone.now() + datetime.timedelta(days=30)
    casework.record_outcome(case=case, actor=staff.cbp, component="cbp", outcome="disenroll")
    casework.communicate_decision(case=case, actor=staff.program, port=port, present_at=present_at)
    if amend:
        casework.amend_decision(
            case=case, actor=staff.program, reason="hora", port=port,
            present_at=present_at + datetime.timedelta(hours=2),
        )


def _messages_in(language, staff, verified_client):
    """Every message a requestor receives in this language, on every channel, as recorded:
    confirmation, information request and reminder, decision and its corrected notice, by
    e-mail, text and printed letter (the letter as staff print it)."""
    reachable = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, **_reachable(language))
    asked = casework.request_information(
        case=reachable, actor=staff.cbp, message="¿?", base_url="https://x.example"
    )
    information.send_reminder(request=asked)
    decided = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, **_reachable(language))
    _decide(decided, staff, amend=True)
    unreachable = factories.routed_case_in(
        Status.CBP_REVIEW, staff=staff, language=language, email="", phone=""
    )
    _decide(unreachable, staff)
    # With the confirmations of the requests sent through the form in this language.
    sent = Communication.objects.filter(case__language=language)
    assert {m.channel for m in sent} == {"email", "sms", "letter"}
    assert {m.kind for m in sent} == {"confirmation", "information_request", "reminder", "decision"}
    texts = []
    for m in sent:
        texts += [(f"{m.kind} {m.channel} subject", m.subject), (f"{m.kind} {m.channel}", m.body)]
    letter = Communication.objects.get(case=unreachable, channel="letter")
    page = verified_client(staff.program).get(
        f"/staff/queues/casefile/{unreachable.pk}/letters/{letter.pk}/"
    )
    printed = re.search(r'<article class="letter".*?</article>', page.content.decode(), re.S)
    texts.append(("letter as printed", re.sub(r"<[^>]+>", "\n", printed.group(0))))
    with translation.override(language):
        values = {"code": "7K4Q-M9M3-XZ2H", "resume_url": "https://x.example/", "kept_until": "x"}
        for name in ("email/resume_code_subject", "email/resume_code_body", "texts/request_saved"):
            texts.append((name, render_to_string(f"intake/{name}.txt", values)))
    return texts


def _status_pages(language, staff, pages):
    """The status page in every state a person meets: looking up (with each error, too many
    tries, the limit unavailable), each stage of a case, answering, leaving, closed when idle."""
    born = {"birth_month": "4", "birth_day": "12", "birth_year": "1990"}  # the factories'
    status = f"{pages.prefix}/status/"

    def opened(case, label):
        client = Client()
        found = client.post(status, {"case_number": case.case_number, **born})
        assert found.status_code == 302, label
        pages.add(label, client.get(found.url))
        return client

    anyone = Client()
    pages.get(anyone, "status, look-up", "/status/")
    bad = {"case_number": "", "birth_month": "13", "birth_day": "", "birth_year": "86"}
    pages.add("status, look-up with errors", anyone.post(status, bad))
    received = factories.placed_case(**{**factories.TRIAGE_ANSWERS, **_reachable(language)})
    typo = received.case_number[:-1] + ("0" if received.case_number[-1] != "0" else "1")
    pages.add("status, mistyped number", anyone.post(status, {"case_number": typo, **born}))
    unknown = {"case_number": new_case_number(), **born}
    pages.add("status, no match", anyone.post(status, unknown))
    client = opened(received, "status, received")
    pages.add("status, left", client.post(f"{status}leave/"))
    client = opened(received, "status, received again")
    session = client.session
    session["status_page"] = {**session["status_page"], "seen": "2000-01-01T00:00:00+00:00"}
    session.save()
    pages.get(client, "status, closed when idle", "/status/")

    in_review = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, **_reachable(language))
    opened(in_review, "status, under review")
    asked_case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, **_reachable(language))
    asked = casework.request_information(
        case=asked_case, actor=staff.cbp, message="¿?", base_url="https://x.example"
    )
    client = opened(asked_case, "status, information needed")
    refused = {"request": asked.pk, "answer": "", "files": upload("programa.pdf", b"MZ\x90")}
    pages.add("status, answer with errors", client.post(f"{status}answer/", refused))
    answered = client.post(f"{status}answer/", {"request": asked.pk, "answer": "Aquí está."})
    pages.add("status, answer received", answered)
    late_case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, **_reachable(language))
    late = casework.request_information(
        case=late_case, actor=staff.cbp, message="¿?", base_url="https://x.example"
    )
    InformationRequest.objects.filter(pk=late.pk).update(due_at=timezone.now())
    opened(late_case, "status, too late to answer")
    decided = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, **_reachable(language))
    _decide(decided, staff)
    opened(decided, "status, decided")
    closed = factories.case_in(Status.CLOSED, **_reachable(language))
    opened(closed, "status, closed")

    settings_limit = {"STATUS_LOOKUP_RATE_PER_CASE": "0/h"}
    with override_settings(**settings_limit):
        pages.add("status, too many tries", Client().post(status, unknown))
    unreachable_cache = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "OPTIONS": {"socket_connect_timeout": 0.5},
        }
    }
    with override_settings(CACHES=unreachable_cache):
        pages.add("status, limit unavailable", Client().post(status, unknown))


def _information_pages(language, staff, pages):
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, language=language)
    information.request_information(
        case=case, component="cbp", actor=staff.cbp, message="¿?", base_url="https://x.example"
    )
    body = Communication.objects.filter(case=case, kind="information_request").first().body
    token = re.search(r"/information/([\w-]+)/", body).group(1)
    client = Client()
    pages.get(client, "information", f"/information/{token}/")
    pages.add(
        "information with errors",
        client.post(f"{pages.prefix}/information/{token}/", {"answer": ""}),
    )
    answered = client.post(f"{pages.prefix}/information/{token}/", {"answer": "Aquí está."})
    pages.add("information answered", answered)
    pages.get(client, "information link used", f"/information/{token}/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_english_on_any_public_page_or_message(language, settings, staff, verified_client):
    settings.INTAKE_PROGRAM_PHONE = "+1 202 555 0100"
    settings.INTAKE_PROGRAM_POSTAL_ADDRESS = "Washington, DC 20528"
    needles = Needles(language)
    pages = _pages_in(language, settings)
    _information_pages(language, staff, pages)
    _status_pages(language, staff, pages)

    leaks = {}
    for label, *content in pages.seen:
        if len(content) == 2:  # a PDF's text
            found = english_in_text(content[1], needles)
        else:
            found = english_in_html(content[0], language, needles)
        if found:
            leaks[label] = sorted(set(found))
    for label, text in _messages_in(language, staff, verified_client):
        found = english_in_text(text, needles)
        if found:
            leaks[label] = sorted(set(found))

    assert len(pages.seen) > 70
    assert not leaks, leaks


# The detector itself: it must catch what a forgotten {% translate %} leaves behind.


def test_it_catches_a_forgotten_translate_tag():
    template = Template(
        '{% load i18n %}<html lang="es"><body><h1>{% translate "Privacy notice" %}</h1>'
        "<p>Please correct these answers</p></body></html>"
    )
    with translation.override("es"):
        html = template.render(Context())

    found = english_in_html(html, "es", Needles("es"))

    assert set(found) == {"Please correct these answers"}


def test_it_catches_english_in_a_script_text_a_placeholder_and_an_attribute():
    needles = Needles("pt-br")
    html = (
        '<html lang="pt-br"><body>'
        '<div data-one="%(count)s character left"></div>'
        "<p>informe.pdf is too large: each file must be 10 MB or smaller.</p>"
        '<img alt="Scan this code with a phone camera to open the form." src="x">'
        "<p>Choose a file</p>"
        "</body></html>"
    )
    found = " | ".join(english_in_html(html, "pt-br", needles))
    for english in ("character left", "is too large", "Scan this code", "Choose a file"):
        assert english in found, english


def test_it_lets_words_that_are_the_same_in_both_languages_and_other_languages_marks_be():
    needles = Needles("es")
    html = (
        '<html lang="es"><body><p>Honduras</p><p>MPP</p>'
        '<span lang="en">English</span><p>Solicitud de caso MPP</p></body></html>'
    )
    assert english_in_html(html, "es", needles) == []
