"""The first text of each message template, in the four languages of the form.

Installed by a data migration; staff edit the templates afterwards on the staff site.
"""

DEFAULT_TEMPLATES = {
    ("decision", "en"): (
        "Decision on your MPP request $case_number",
        "DHS has decided your request $case_number.\n\nDecision: $outcome\n",
    ),
    ("decision", "es"): (
        "Decisión sobre su solicitud MPP $case_number",
        "El DHS tomó una decisión sobre su solicitud $case_number.\n\nDecisión: $outcome\n",
    ),
    ("decision", "ht"): (
        "Desizyon sou demann MPP ou $case_number",
        "DHS pran yon desizyon sou demann ou $case_number.\n\nDesizyon: $outcome\n",
    ),
    ("decision", "pt-br"): (
        "Decisão sobre o seu pedido MPP $case_number",
        "O DHS decidiu o seu pedido $case_number.\n\nDecisão: $outcome\n",
    ),
    ("presentation", "en"): (
        "",
        "Present yourself at the port of entry $port_of_entry on $present_at. "
        "Bring this message and an identity document.\n",
    ),
    ("presentation", "es"): (
        "",
        "Preséntese en el puerto de entrada $port_of_entry el $present_at. "
        "Traiga este mensaje y un documento de identidad.\n",
    ),
    ("presentation", "ht"): (
        "",
        "Prezante tèt ou nan pò dantre $port_of_entry le $present_at. "
        "Pote mesaj sa a ak yon dokiman idantite.\n",
    ),
    ("presentation", "pt-br"): (
        "",
        "Apresente-se no porto de entrada $port_of_entry em $present_at. "
        "Traga esta mensagem e um documento de identidade.\n",
    ),
    ("information_request", "en"): (
        "We need more information about your MPP request $case_number",
        "To decide your request $case_number we need more information:\n\n$message\n\n"
        "Answer and send documents here before $due_date (the link works once): $link\n",
    ),
    ("information_request", "es"): (
        "Necesitamos más información sobre su solicitud MPP $case_number",
        "Para decidir su solicitud $case_number necesitamos más información:\n\n$message\n\n"
        "Responda y envíe documentos aquí antes del $due_date (el enlace sirve una vez): $link\n",
    ),
    ("information_request", "ht"): (
        "Nou bezwen plis enfòmasyon sou demann MPP ou $case_number",
        "Pou nou deside demann ou $case_number nou bezwen plis enfòmasyon:\n\n$message\n\n"
        "Reponn epi voye dokiman isit la anvan $due_date (lyen an mache yon sèl fwa): $link\n",
    ),
    ("information_request", "pt-br"): (
        "Precisamos de mais informações sobre o seu pedido MPP $case_number",
        "Para decidir o seu pedido $case_number precisamos de mais informações:\n\n$message\n\n"
        "Responda e envie documentos aqui antes de $due_date (o link funciona uma vez): $link\n",
    ),
    ("information_reminder", "en"): (
        "Reminder: we still need information about your MPP request $case_number",
        "We are still waiting for the information we asked for on $case_number.\n\n$message\n\n"
        "Please answer before $due_date using the link in our first message.\n",
    ),
    ("information_reminder", "es"): (
        "Recordatorio: aún necesitamos información sobre su solicitud MPP $case_number",
        "Seguimos esperando la información que pedimos sobre $case_number.\n\n$message\n\n"
        "Responda antes del $due_date con el enlace de nuestro primer mensaje.\n",
    ),
    ("information_reminder", "ht"): (
        "Rapèl: nou toujou bezwen enfòmasyon sou demann MPP ou $case_number",
        "Nou toujou ap tann enfòmasyon nou te mande sou $case_number.\n\n$message\n\n"
        "Tanpri reponn anvan $due_date ak lyen ki nan premye mesaj nou an.\n",
    ),
    ("information_reminder", "pt-br"): (
        "Lembrete: ainda precisamos de informações sobre o seu pedido MPP $case_number",
        "Ainda aguardamos as informações que pedimos sobre $case_number.\n\n$message\n\n"
        "Responda antes de $due_date usando o link da nossa primeira mensagem.\n",
    ),
}


def install_default_templates(model):
    for (kind, language), (subject, body) in DEFAULT_TEMPLATES.items():
        model.objects.get_or_create(
            kind=kind, language=language, defaults={"subject": subject, "body": body}
        )
