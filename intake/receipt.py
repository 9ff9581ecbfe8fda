"""The receipt a requestor keeps: one A4/Letter-friendly PDF page in the page's language.

It carries the case number, the date received, what happens next and how to follow the request,
with a QR code to the status page; nothing else of what was typed. Drawn with fpdf2 and its
built-in Helvetica (Latin-1 covers English, Spanish, Haitian Creole and Portuguese), so no font
file ships with the application.
"""

import io

import qrcode
from django.template.defaultfilters import date as date_filter
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MARGIN = 18


def _latin1(text: str) -> str:
    # Typographic punctuation the built-in font lacks, in its plain form.
    plain = str(text).translate({0x2019: "'", 0x2018: "'", 0x201C: '"', 0x201D: '"', 0x2013: "-"})
    return plain.encode("latin-1", "replace").decode("latin-1")


def next_steps(*, preparer: bool, weeks: int) -> list[str]:
    """What happens next, as the confirmation page says it."""
    who = (
        _("We write only to the person enrolled in MPP, never to the preparer.")
        if preparer
        else _("If we need more information, we contact the person enrolled in MPP or their "
               "representative.")
    )
    return [
        _("DHS program staff read the request and send it to the office that can review it."),
        who,
        ngettext(
            "A decision usually takes about %(weeks)s week.",
            "A decision usually takes about %(weeks)s weeks.",
            weeks,
        )
        % {"weeks": weeks},
        _("If the person must go to a port of entry, we say where and when."),
    ]


def _qr_png(address: str) -> io.BytesIO:
    image = qrcode.make(address, box_size=6, border=2)
    out = io.BytesIO()
    image.save(out, format="PNG")
    out.seek(0)
    return out


def receipt_pdf(
    *, confirmed, received_on, preparer, weeks, status_address, program_phone,
    program_postal_address, **_unused
) -> bytes:
    from fpdf import FPDF  # 0.6 s to import: loaded by the first receipt, not by every worker

    pdf = FPDF(format="Letter")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(True, margin=MARGIN)
    pdf.set_title(_latin1(_("MPP Case Request receipt")))
    pdf.set_creator("MPP Case Request System")
    pdf.add_page()
    width = pdf.w - 2 * MARGIN

    def line(text, size=11, style="", gap=2):
        pdf.set_font("Helvetica", style, size)
        pdf.multi_cell(width, size * 0.5, _latin1(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(gap)

    line(_("U.S. Department of Homeland Security"), 10)
    line(_("MPP Case Request receipt"), 18, "B", 4)
    line(_("Your case number is:"), 11)
    line(confirmed["case_number"], 20, "B", 2)
    line(_("Received on %(date)s") % {"date": date_filter(received_on, "DATE_FORMAT")}, 11, gap=4)
    line(_("Keep this receipt. Use the case number whenever you contact DHS about this request."))
    line(_("What happens next"), 13, "B")
    for step in next_steps(preparer=preparer, weeks=weeks):
        line(f"- {step}", gap=1)
    pdf.ln(3)
    line(_("Follow the request"), 13, "B")
    line(
        _("On the status page, with the case number and the date of birth of the person "
          "enrolled in MPP: %(address)s") % {"address": status_address}
    )
    if program_phone:
        line(_("Without e-mail, call the MPP program at %(phone)s.") % {"phone": program_phone})
    if program_postal_address:
        line(_("Or write to: %(address)s") % {"address": program_postal_address})
    pdf.image(_qr_png(status_address), x=MARGIN, w=40, h=40)
    line(_("Scan this code with a phone camera to open the status page."), 9)
    return bytes(pdf.output())
