"""The first text of each message template, in the four languages of the form.

Installed by a data migration; staff edit the templates afterwards on the staff site.
"""

DEFAULT_TEMPLATES = {
    ("confirmation", "en"): (
        "We received your MPP case request $case_number",
        "We received a request to review an enrollment in the Migrant Protection Protocols "
        "(MPP).\n\nCase number: $case_number\n\n"
        "Keep this number and use it whenever you contact DHS about this request.\n\n"
        "Follow the request on the status page, with this case number and the date of birth of "
        "the person enrolled in MPP: $status_link\n\n"
        "What happens next: DHS program staff read the request and send it to the office that "
        "can review it. If we need more information, we will contact you. The decision will be "
        "on the status page, and we also send it to every contact you gave us.\n\n"
        "The review of the request is at the discretion of DHS. Please do not send the same "
        "request again.\n\n"
        "This is an automatic message. Please do not reply to it.\n"
        "U.S. Department of Homeland Security\n",
    ),
    ("confirmation", "es"): (
        "Recibimos su solicitud de caso MPP $case_number",
        "Recibimos una solicitud de revisión de una inscripción en los Protocolos de Protección "
        "de Migrantes (MPP).\n\nNúmero de caso: $case_number\n\n"
        "Guarde este número y úselo siempre que se comunique con el DHS sobre esta "
        "solicitud.\n\n"
        "Siga la solicitud en la página de estado, con este número de caso y la fecha de "
        "nacimiento de la persona inscrita en MPP: $status_link\n\n"
        "Qué pasa después: el personal del programa del DHS lee la solicitud y la envía a la "
        "oficina que puede revisarla. Si necesitamos más información, nos comunicaremos con "
        "usted. La decisión estará en la página de estado, y también la enviamos a cada "
        "contacto que nos dio.\n\n"
        "La revisión de la solicitud queda a discreción del DHS. Por favor, no envíe la misma "
        "solicitud otra vez.\n\n"
        "Este es un mensaje automático. Por favor, no lo responda.\n"
        "Departamento de Seguridad Nacional de EE. UU.\n",
    ),
    ("confirmation", "ht"): (
        "Nou resevwa demann dosye MPP ou a $case_number",
        "Nou resevwa yon demann pou revize yon enskripsyon nan Pwotokòl Pwoteksyon Migran yo "
        "(MPP).\n\nNimewo dosye: $case_number\n\n"
        "Kenbe nimewo sa a e sèvi ak li chak fwa ou kontakte DHS sou demann sa a.\n\n"
        "Swiv demann nan sou paj estati a, ak nimewo dosye sa a ak dat nesans moun ki enskri "
        "nan MPP a: $status_link\n\n"
        "Sa k ap pase apre: anplwaye pwogram DHS la li demann nan epi voye l bay biwo ki ka "
        "revize l la. Si nou bezwen plis enfòmasyon, n ap kontakte w. Desizyon an ap parèt sou "
        "paj estati a, e n ap voye l tou bay chak kontak ou ban nou.\n\n"
        "Se DHS ki deside si l ap revize demann nan. Tanpri pa voye menm demann nan ankò.\n\n"
        "Sa a se yon mesaj otomatik. Tanpri pa reponn li.\n"
        "Depatman Sekirite Nasyonal Etazini\n",
    ),
    ("confirmation", "pt-br"): (
        "Recebemos seu pedido de caso MPP $case_number",
        "Recebemos um pedido de revisão de uma inscrição nos Protocolos de Proteção ao Migrante "
        "(MPP).\n\nNúmero do caso: $case_number\n\n"
        "Guarde este número e use-o sempre que entrar em contato com o DHS sobre este "
        "pedido.\n\n"
        "Acompanhe o pedido na página de situação, com este número de caso e a data de "
        "nascimento da pessoa inscrita no MPP: $status_link\n\n"
        "O que acontece agora: a equipe do programa do DHS lê o pedido e o envia ao órgão que "
        "pode revisá-lo. Se precisarmos de mais informações, entraremos em contato. A decisão "
        "estará na página de situação, e também a enviamos a cada contato que você nos deu.\n\n"
        "A revisão do pedido fica a critério do DHS. Por favor, não envie o mesmo pedido "
        "novamente.\n\n"
        "Esta é uma mensagem automática. Por favor, não responda.\n"
        "Departamento de Segurança Interna dos EUA\n",
    ),
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
        "Answer and send documents here before $due_date: $link\n",
    ),
    ("information_request", "es"): (
        "Necesitamos más información sobre su solicitud MPP $case_number",
        "Para decidir su solicitud $case_number necesitamos más información:\n\n$message\n\n"
        "Responda y envíe documentos aquí antes del $due_date: $link\n",
    ),
    ("information_request", "ht"): (
        "Nou bezwen plis enfòmasyon sou demann MPP ou $case_number",
        "Pou nou deside demann ou $case_number nou bezwen plis enfòmasyon:\n\n$message\n\n"
        "Reponn epi voye dokiman isit la anvan $due_date: $link\n",
    ),
    ("information_request", "pt-br"): (
        "Precisamos de mais informações sobre o seu pedido MPP $case_number",
        "Para decidir o seu pedido $case_number precisamos de mais informações:\n\n$message\n\n"
        "Responda e envie documentos aqui antes de $due_date: $link\n",
    ),
    ("information_reminder", "en"): (
        "Reminder: we still need information about your MPP request $case_number",
        "We are still waiting for the information we asked for on $case_number.\n\n$message\n\n"
        "Please answer before $due_date using the link in our first message, or on the status "
        "page with your case number and date of birth: $status_link\n",
    ),
    ("information_reminder", "es"): (
        "Recordatorio: aún necesitamos información sobre su solicitud MPP $case_number",
        "Seguimos esperando la información que pedimos sobre $case_number.\n\n$message\n\n"
        "Responda antes del $due_date con el enlace de nuestro primer mensaje, o en la página "
        "de estado con su número de caso y su fecha de nacimiento: $status_link\n",
    ),
    ("information_reminder", "ht"): (
        "Rapèl: nou toujou bezwen enfòmasyon sou demann MPP ou $case_number",
        "Nou toujou ap tann enfòmasyon nou te mande sou $case_number.\n\n$message\n\n"
        "Tanpri reponn anvan $due_date ak lyen ki nan premye mesaj nou an, oswa sou paj estati "
        "a ak nimewo dosye w ak dat nesans ou: $status_link\n",
    ),
    ("information_reminder", "pt-br"): (
        "Lembrete: ainda precisamos de informações sobre o seu pedido MPP $case_number",
        "Ainda aguardamos as informações que pedimos sobre $case_number.\n\n$message\n\n"
        "Responda antes de $due_date usando o link da nossa primeira mensagem, ou na página de "
        "situação com o seu número de caso e a sua data de nascimento: $status_link\n",
    ),
}


def install_default_templates(model):
    for (kind, language), (subject, body) in DEFAULT_TEMPLATES.items():
        model.objects.get_or_create(
            kind=kind, language=language, defaults={"subject": subject, "body": body}
        )
