"""Walking the request form with Django's test client, step by step."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

ENROLLEE = {
    "full_name": "María José Hernández López",
    "birth_month": "4",
    "birth_day": "12",
    "birth_year": "1990",
    "citizenship": "HN",
    "current_location": "Ciudad Juárez, Chihuahua",
    "a_number": "A-212 345 678",
    "country_of_birth": "",
    "phone": "656 123 4567",
    "email": "maria@example.org",
}
CONCERN = {
    "condition_physical_health": "on",
    "concern_vulnerability_at_enrollment": "on",
    "description": "Tengo una condición médica crónica y no hay medicinas en el albergue.",
}
REPRESENTATIVE = {
    "full_name": "Ana Attorney",
    "organization": "Border Law Clinic",
    "phone": "+1 915 555 0134",
    "email": "ana@lawfirm.example",
    "relationship": "Attorney",
}
PREPARER = {
    "full_name": "Pedro Preparer",
    "phone": "",
    "email": "pedro@example.org",
    "relationship": "Shelter volunteer",
}


def step_url(step, language="en"):
    with translation.override(language):
        return reverse("intake:request_step", kwargs={"step": step})


def post_step(client, step, data, language="en", files=None, follow=False):
    payload = {f"{step}-{name}": value for name, value in data.items()}
    payload["intake-current_step"] = step
    for field, uploads in (files or {}).items():
        payload[f"{step}-{field}"] = uploads
    return client.post(step_url(step, language), payload, follow=follow)


def upload(name, content, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, content, content_type=content_type)


def fill_to_review(
    client, *, language="en", submitter="enrollee", contact=None, enrollee=None, files=(), g28=None
):
    """Fill in every step up to the review page."""
    client.get(step_url("privacy", language))
    post_step(client, "privacy", {"language": language, "acknowledge": "on"}, language)
    post_step(client, "submitter", {"submitter_type": submitter}, language)
    post_step(client, "enrollee", enrollee or ENROLLEE, language)
    if submitter == "representative":
        post_step(client, "representative", contact or REPRESENTATIVE, language, files={"g28": g28})
    elif submitter == "preparer":
        post_step(client, "preparer", contact or PREPARER, language)
    post_step(client, "concern", CONCERN, language)
    post_step(client, "documents", {}, language, files={"files": list(files)} if files else None)


def submit(client, *, language="en", **answers):
    """Fill in every step; returns the final response (a redirect to the confirmation)."""
    fill_to_review(client, language=language, **answers)
    response = post_step(client, "review", {"attest": "on", "website": ""}, language)
    assert response.status_code == 302, response.content.decode()[:2000]
    # The wizard's last redirect is to its "done" address, which opens the case.
    return client.get(response.url)
