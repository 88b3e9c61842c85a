"""The receipt (cargo de recepción) a sender downloads after filing.

It is the sender's legal proof of what was filed and when: both times, each file's SHA-256 (to
show later that a file is the one received) and a code with a QR to the public verification
page. Same filing, byte-identical PDF, so a regenerated cargo never contradicts a downloaded one.

Fonts: DejaVu (Debian's ``fonts-dejavu-core``) when installed, as senders type em dashes, curly
quotes and names Latin-1 cannot spell; otherwise fpdf2's Latin-1-only core Helvetica/Courier.
Either way user text is first reduced to what the font can draw, so no input (emoji included)
can make the receipt fail.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import segno
from fpdf import FPDF
from fpdf.fonts import FontFace, TTFFont

from mpv_app.domain.timefmt import format_date, format_local
from mpv_app.receipts.receipt_data import ReceiptData, ReceiptFile, format_size
from mpv_app.receipts.summary import summary_keywords

__all__ = ["DEJAVU_DIR", "ReceiptData", "ReceiptFile", "build_receipt_pdf", "format_size"]

DEJAVU_DIR = Path("/usr/share/fonts/truetype/dejavu")
# (family, style) -> file; only fonts-dejavu-core files (obliques come with fonts-dejavu-extra).
_DEJAVU_FILES = {
    ("dejavu", ""): "DejaVuSans.ttf",
    ("dejavu", "B"): "DejaVuSans-Bold.ttf",
    ("dejavumono", ""): "DejaVuSansMono.ttf",
}

_BRAND = (0, 61, 121)
_LABEL_FILL = (232, 238, 245)
_MUTED = (90, 90, 90)
_MARGIN = 15.0
_QR_SIZE = 34.0
_NO_CONFORMITY_NOTE = "El registro de la correspondencia no implica su conformidad ni aceptación."

# Plain equivalents for typographic characters a font may lack.
_FALLBACKS = {
    **dict.fromkeys("\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2022", "-"),
    **dict.fromkeys("\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb", '"'),
    **dict.fromkeys("\u2018\u2019\u201a\u201b\u2032", "'"),
    **{"\u2026": "...", "\u20ac": "EUR", "\u2122": "TM"},
}


def _make_safe(supported: Callable[[str], bool]) -> Callable[[str], str]:
    """Build a cleaner that keeps what the font can draw and approximates the rest."""

    def convert(ch: str) -> str:
        if supported(ch):
            return ch
        category = unicodedata.category(ch)
        if category == "Cc" or category.startswith("Z"):
            return " "
        if category in ("Cf", "Mn", "Me", "Sk"):  # joiners, selectors, marks, skin tones
            return ""
        fallback = _FALLBACKS.get(ch)
        if fallback is not None:
            return fallback
        # "ő" -> "o", "ﬁ" -> "fi", fullwidth letters -> ASCII; emoji have no such form.
        plain = unicodedata.normalize("NFKD", ch)
        plain = "".join(c for c in plain if not unicodedata.combining(c))
        if plain and all(supported(c) for c in plain):
            return plain
        return "?"

    def safe(text: str) -> str:
        cleaned = "".join(convert(ch) for ch in unicodedata.normalize("NFC", text))
        return " ".join(cleaned.split())  # one line per field: collapse newlines and runs

    return safe


class _CargoPDF(FPDF):
    """FPDF with the cargo's footer; fonts are chosen once in ``_setup_fonts``."""

    sans = "helvetica"
    mono = "courier"
    footer_left = ""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(self.sans, "", 8)
        self.set_text_color(*_MUTED)
        self.cell(0, 5, self.footer_left, align="L", new_x="LMARGIN")
        self.cell(0, 5, f"Página {self.page_no()} de {self.str_alias_nb_pages}", align="R")


def _setup_fonts(pdf: _CargoPDF) -> Callable[[str], str]:
    """Register DejaVu if the system has it, else stay on core fonts; return the text cleaner."""
    if all((DEJAVU_DIR / name).is_file() for name in _DEJAVU_FILES.values()):
        for (family, style), name in _DEJAVU_FILES.items():
            pdf.add_font(family, style, str(DEJAVU_DIR / name))
        pdf.sans, pdf.mono = "dejavu", "dejavumono"
        regular, bold = pdf.fonts["dejavu"], pdf.fonts["dejavuB"]
        if isinstance(regular, TTFFont) and isinstance(bold, TTFFont):
            common = frozenset(regular.cmap) & frozenset(bold.cmap)
            return _make_safe(lambda ch: ord(ch) in common and ch.isprintable())
    return _make_safe(lambda ch: ord(ch) <= 0xFF and ch.isprintable())


def _heading(pdf: _CargoPDF, data: ReceiptData, safe: Callable[[str], str]) -> None:
    pdf.set_text_color(*_BRAND)
    pdf.set_font(pdf.sans, "B", 16)
    title = "CARGO DE RECEPCIÓN Y SUBSANACIÓN" if data.observation_fields else "CARGO DE RECEPCIÓN"
    pdf.cell(0, 8, safe(title), align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font(pdf.sans, "", 10)
    pdf.cell(0, 5, safe("PETROPERÚ S.A. — Mesa de Partes Virtual"), align="C")
    pdf.ln(7)
    pdf.set_draw_color(*_BRAND)
    pdf.line(_MARGIN, pdf.get_y(), pdf.w - _MARGIN, pdf.get_y())
    pdf.ln(2)
    pdf.set_font(pdf.sans, "", 9)
    pdf.set_text_color(*_MUTED)
    pdf.cell(0, 5, "Número de trámite", align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(pdf.sans, "B", 22)
    pdf.cell(0, 13, safe(data.tracking_number), align="C", new_x="LMARGIN", new_y="NEXT")


def _fields(data: ReceiptData) -> list[tuple[str, str]]:
    return [
        ("Número de trámite", data.tracking_number),
        ("Remitente", data.sender_name),
        ("Documento de identidad", data.sender_document),
        ("Correo", data.sender_email),
        ("Asunto", data.subject),
        ("Tipo de correspondencia", data.document_type),
        ("Nº Documento", data.document_number),
        ("Fecha Documento", format_date(data.document_date)),
        ("Nº de páginas", str(data.page_count)),
        ("Destino", data.destination),
        ("Fecha y hora de envío", f"{format_local(data.submitted_at, data.tz)} (hora de Lima)"),
        ("Fecha de recepción", format_date(data.received_on)),
        *([("Comprobante electrónico", data.invoice)] if data.invoice else []),
        *data.observation_fields,
    ]


def _fields_table(pdf: _CargoPDF, data: ReceiptData, safe: Callable[[str], str]) -> None:
    label = FontFace(emphasis="BOLD", fill_color=_LABEL_FILL)
    note = FontFace(size_pt=7.5, color=_MUTED)
    pdf.set_font(pdf.sans, "", 9)
    with pdf.table(
        col_widths=(50, 130),
        first_row_as_headings=False,
        text_align="LEFT",
        padding=(1.2, 2),
        line_height=4.3,
        borders_layout="HORIZONTAL_LINES",
    ) as table:
        for name, value in _fields(data):
            row = table.row()
            row.cell(name, style=label)
            row.cell(safe(value) or "-")
        table.row().cell(safe(data.reception_note), colspan=2, style=note)


def _files_table(pdf: _CargoPDF, data: ReceiptData, safe: Callable[[str], str]) -> None:
    pdf.ln(3)
    pdf.set_text_color(*_BRAND)
    pdf.set_font(pdf.sans, "B", 10)
    pdf.cell(0, 7, "Archivos recibidos", new_x="LMARGIN", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(pdf.sans, "", 8.5)
    mono = FontFace(family=pdf.mono, size_pt=7)
    heading = FontFace(emphasis="BOLD", color=(255, 255, 255), fill_color=_BRAND)
    with pdf.table(
        col_widths=(60, 30, 20, 70),
        text_align=("LEFT", "LEFT", "RIGHT", "LEFT"),
        padding=(1.2, 2),
        line_height=3.8,
        headings_style=heading,
    ) as table:
        table.row(("Archivo", "Tipo", "Tamaño", "SHA-256"))
        for item in data.files:
            digest = safe(item.sha256.lower())
            row = table.row()
            name = safe(item.name) or "-"
            row.cell(f"{name}\n{safe(item.signature)}" if item.signature else name)
            row.cell(safe(item.kind_label))
            row.cell(format_size(item.size_bytes))
            # Split in halves so the hash always wraps at the same, readable point.
            row.cell(f"{digest[:32]}\n{digest[32:]}", style=mono)
    pdf.ln(2)
    pdf.set_font(pdf.sans, "", 8.5)
    pdf.set_text_color(*_MUTED)
    pdf.multi_cell(0, 4.5, _NO_CONFORMITY_NOTE, new_x="LMARGIN", new_y="NEXT")


def _qr_png(url: str) -> BytesIO:
    """Exactly level M (no boost): scannable from a crumpled printout without a huge symbol."""
    buf = BytesIO()
    segno.make_qr(url, error="m", boost_error=False).save(buf, kind="png", scale=8, border=4)
    return BytesIO(buf.getvalue())


def _verification(pdf: _CargoPDF, data: ReceiptData, safe: Callable[[str], str]) -> None:
    pdf.ln(4)
    if pdf.will_page_break(_QR_SIZE):
        pdf.add_page()
    top = pdf.get_y()
    pdf.image(_qr_png(data.verify_url), x=_MARGIN, y=top, w=_QR_SIZE, h=_QR_SIZE)
    text_x = _MARGIN + _QR_SIZE + 6
    width = pdf.w - _MARGIN - text_x
    pdf.set_xy(text_x, top + 3)
    pdf.set_text_color(*_MUTED)
    pdf.set_font(pdf.sans, "", 9)
    pdf.cell(width, 5, "Código de verificación", new_x="LEFT", new_y="NEXT")
    pdf.set_text_color(0, 0, 0)
    pdf.set_font(pdf.mono, "", 16)
    pdf.cell(width, 9, safe(data.verification_code), new_x="LEFT", new_y="NEXT")
    pdf.set_xy(text_x, pdf.get_y() + 2)
    pdf.set_font(pdf.sans, "", 9)
    url = safe(data.verify_url)
    text = f"Verifique la autenticidad de este cargo en: {url}"
    pdf.multi_cell(width, 4.5, text, align="L", link=url, new_x="LMARGIN", new_y="NEXT")
    pdf.set_y(max(pdf.get_y(), top + _QR_SIZE))


def _metadata(pdf: _CargoPDF, data: ReceiptData, safe: Callable[[str], str]) -> None:
    """Fixed creation date (from the filing, not the clock) keeps the bytes reproducible;
    fpdf2 derives the file /ID from the content and this date, so no randomness remains."""
    pdf.set_title(f"Cargo de recepción {safe(data.tracking_number)}")
    pdf.set_author("PETROPERÚ S.A.")
    pdf.set_creator("Mesa de Partes Virtual de PETROPERÚ")
    pdf.set_lang("es-PE")
    pdf.set_keywords(summary_keywords(data))  # receipts.summary: what /verificar compares
    pdf.set_creation_date(data.submitted_at.astimezone(data.tz))


def build_receipt_pdf(data: ReceiptData) -> bytes:
    """Render the cargo as A4 PDF bytes; same ``data`` (and fonts) → same bytes."""
    pdf = _CargoPDF(orientation="portrait", unit="mm", format="A4")
    safe = _setup_fonts(pdf)
    pdf.footer_left = safe(f"Cargo de recepción {data.tracking_number}")
    pdf.set_margins(_MARGIN, _MARGIN, _MARGIN)
    pdf.set_auto_page_break(auto=True, margin=18)
    _metadata(pdf, data, safe)
    pdf.add_page()
    _heading(pdf, data, safe)
    _fields_table(pdf, data, safe)
    _files_table(pdf, data, safe)
    _verification(pdf, data, safe)
    return bytes(pdf.output())
