# Data for the channels of 0011:
# - messages kept before it share a message group when they were written together (same case,
#   kind and request, within the same second), as record_message now groups them;
# - a message kept "printed" for want of an e-mail address becomes a letter waiting to print;
# - the confirmation becomes a template staff edit like the others, and the information
#   request and reminder templates still holding their first text point to the status page.

import uuid

from django.db import migrations

from cases.default_message_templates import DEFAULT_TEMPLATES

# (kind, language): (the end of the first text, what replaces it).
STATUS_PAGE_TAILS = {
    ("information_request", "en"): (
        "here before $due_date (the link works once): $link\n",
        "here before $due_date: $link\n",
    ),
    ("information_request", "es"): (
        "aquí antes del $due_date (el enlace sirve una vez): $link\n",
        "aquí antes del $due_date: $link\n",
    ),
    ("information_request", "ht"): (
        "isit la anvan $due_date (lyen an mache yon sèl fwa): $link\n",
        "isit la anvan $due_date: $link\n",
    ),
    ("information_request", "pt-br"): (
        "aqui antes de $due_date (o link funciona uma vez): $link\n",
        "aqui antes de $due_date: $link\n",
    ),
    ("information_reminder", "en"): (
        "using the link in our first message.\n",
        "using the link in our first message, or on the status page with your case number and "
        "date of birth: $status_link\n",
    ),
    ("information_reminder", "es"): (
        "con el enlace de nuestro primer mensaje.\n",
        "con el enlace de nuestro primer mensaje, o en la página de estado con su número de "
        "caso y su fecha de nacimiento: $status_link\n",
    ),
    ("information_reminder", "ht"): (
        "ak lyen ki nan premye mesaj nou an.\n",
        "ak lyen ki nan premye mesaj nou an, oswa sou paj estati a ak nimewo dosye w ak dat "
        "nesans ou: $status_link\n",
    ),
    ("information_reminder", "pt-br"): (
        "usando o link da nossa primeira mensagem.\n",
        "usando o link da nossa primeira mensagem, ou na página de situação com o seu número de "
        "caso e a sua data de nascimento: $status_link\n",
    ),
}


def forwards(apps, schema_editor):
    Communication = apps.get_model("cases", "Communication")
    MessageTemplate = apps.get_model("cases", "MessageTemplate")
    groups = {}
    for row in Communication.objects.order_by("id").iterator():
        key = (row.case_id, row.kind, row.information_request_id, row.created_at.replace(microsecond=0))
        row.message_group = groups.setdefault(key, uuid.uuid4())
        if row.status == "printed" and not row.to_address:
            row.channel = "letter"
            row.status = "to_print"
        row.save(update_fields=["message_group", "channel", "status"])
    for (kind, language), (subject, body) in DEFAULT_TEMPLATES.items():
        if kind == "confirmation":
            MessageTemplate.objects.get_or_create(
                kind=kind, language=language, defaults={"subject": subject, "body": body}
            )
    for (kind, language), (old, new) in STATUS_PAGE_TAILS.items():
        for template in MessageTemplate.objects.filter(kind=kind, language=language):
            if template.body.endswith(old):
                template.body = template.body[: -len(old)] + new
                template.save(update_fields=["body"])


def backwards(apps, schema_editor):
    Communication = apps.get_model("cases", "Communication")
    MessageTemplate = apps.get_model("cases", "MessageTemplate")
    Communication.objects.filter(channel="letter", status__in=["to_print", "printed"]).update(
        channel="email", status="printed"
    )
    MessageTemplate.objects.filter(kind="confirmation").delete()
    for (kind, language), (old, new) in STATUS_PAGE_TAILS.items():
        for template in MessageTemplate.objects.filter(kind=kind, language=language):
            if template.body.endswith(new):
                template.body = template.body[: -len(new)] + old
                template.save(update_fields=["body"])


class Migration(migrations.Migration):

    dependencies = [
        ("cases", "0011_channels_and_letters"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
