"""No English on a Spanish, Haitian Creole or Portuguese public page or message, in any state.

Every public page is rendered as a person reaches it (empty, with each kind of error, after a
limit, a lost session, a save), with the messages we send (confirmation, resume code,
information request, decision) and the PDF receipt; each text node and shown attribute
(alt, aria-label, data-* texts of the script, ...) is compared against the English catalogue.
"""

import datetime
import io
import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.template import Context, Template
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.utils import timezone, translation
from pypdf import PdfReader

from cases.models import Communication, Status
from cases.services import communications, information
from intake import drafts
from tests import factories
from tests.intake.conftest import PDF
from tests.intake.english import Needles, english_in_html, english_in_text
from tests.intake.walk import CONCERN, ENROLLEE, post_step, step_url, upload

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


def _messages_in(language, staff):
    """The messages a requestor receives in this language, as queued."""
    case = factories.routed_case_in(Status.CBP_REVIEW, staff=staff, language=language)
    information.request_information(
        case=case, component="cbp", actor=staff.cbp, message="¿?", base_url="https://x.example"
    )
    texts = [
        (f"{m.kind} subject", m.subject)
        for m in Communication.objects.filter(case=case)
    ] + [(f"{m.kind} body", m.body) for m in Communication.objects.filter(case=case)]
    decided = factories.case_in(Status.DECIDED, language=language)
    review = communications.deciding_review(decided)
    moment = timezone.make_aware(datetime.datetime(2026, 3, 5, 14, 30))
    subject, body = communications.decision_text(
        case=decided, review=review, port_of_entry="El Paso", present_at=moment
    )
    texts += [("decision subject", subject), ("decision body", body)]
    with translation.override(language):
        for name in ("confirmation_subject", "confirmation_body"):
            texts.append((name, render_to_string(f"intake/email/{name}.txt", {"case": case})))
        values = {"code": "7K4Q-M9M3-XZ2H", "resume_url": "https://x.example/", "kept_until": "x"}
        for name in ("resume_code_subject", "resume_code_body"):
            texts.append((name, render_to_string(f"intake/email/{name}.txt", values)))
    return texts


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
def test_no_english_on_any_public_page_or_message(language, settings, staff):
    settings.INTAKE_PROGRAM_PHONE = "+1 202 555 0100"
    settings.INTAKE_PROGRAM_POSTAL_ADDRESS = "Washington, DC 20528"
    needles = Needles(language)
    pages = _pages_in(language, settings)
    _information_pages(language, staff, pages)

    leaks = {}
    for label, *content in pages.seen:
        if len(content) == 2:  # a PDF's text
            found = english_in_text(content[1], needles)
        else:
            found = english_in_html(content[0], language, needles)
        if found:
            leaks[label] = sorted(set(found))
    for label, text in _messages_in(language, staff):
        found = english_in_text(text, needles)
        if found:
            leaks[label] = sorted(set(found))

    assert len(pages.seen) > 45
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
