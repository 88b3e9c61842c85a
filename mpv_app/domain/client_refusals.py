"""Files the browser refused before sending them: what arrives is a line each, never bytes.

The drop zone maps react-dropzone's rejections to ``"codes|size|name"`` in the browser (see
``components.uploads``), so a refused 25 MB file costs a few dozen bytes on the websocket. The
line comes from a browser, so it is parsed defensively: anything else is ignored.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from mpv_app.domain.files import format_mb, sanitize_filename

MAX_REFUSALS = 50
MAX_LINE = 600


class RefusalCode(StrEnum):
    """react-dropzone's error codes."""

    TOO_LARGE = "file-too-large"
    INVALID_TYPE = "file-invalid-type"
    TOO_MANY = "too-many-files"
    TOO_SMALL = "file-too-small"


class Zone(StrEnum):
    MAIN = "main"
    ANNEX = "annex"
    RESPONSE = "response"


@dataclass(frozen=True)
class ClientRefusal:
    name: str
    size_bytes: int
    codes: frozenset[RefusalCode]


def parse_refusals(raw: object) -> list[ClientRefusal]:
    if not isinstance(raw, list):
        return []
    found = []
    for line in raw[:MAX_REFUSALS]:
        if not isinstance(line, str) or len(line) > MAX_LINE:
            continue
        codes_text, _, rest = line.partition("|")
        size_text, _, name = rest.partition("|")
        codes = frozenset(RefusalCode(c) for c in codes_text.split(",") if c in _CODES)
        size = int(size_text) if size_text.isascii() and size_text.isdigit() else 0
        found.append(ClientRefusal(sanitize_filename(name), size, codes))
    return found


_CODES = {c.value for c in RefusalCode}
_ACCEPTED = {
    Zone.MAIN: "el documento principal debe ser un PDF",
    Zone.ANNEX: "los anexos pueden ser PDF, DOC/DOCX, XLS/XLSX, PPT/PPTX, XML o JPG/JPEG",
    Zone.RESPONSE: "las respuestas pueden ser PDF, DOC/DOCX, XLS/XLSX, PPT/PPTX, XML o JPG/JPEG",
}


def refusal_message(refusal: ClientRefusal, zone: Zone, limit_mb: int) -> str:
    name = f"«{refusal.name}»"
    if RefusalCode.TOO_MANY in refusal.codes:
        return f"Suelte un solo documento principal a la vez: no se agregó {name}."
    if RefusalCode.INVALID_TYPE in refusal.codes:
        return f"No se pudo agregar {name}: no es un tipo de archivo permitido ({_ACCEPTED[zone]})."
    if RefusalCode.TOO_LARGE in refusal.codes:
        size = f" ({format_mb(refusal.size_bytes)})" if refusal.size_bytes else ""
        return (
            f"No se pudo agregar {name}{size}: supera el límite de {limit_mb} MB por "
            "correspondencia."
        )
    if RefusalCode.TOO_SMALL in refusal.codes:
        return f"No se pudo agregar {name}: el archivo está vacío."
    return f"No se pudo agregar {name}."


def refusal_messages(raw: object, zone: Zone, limit_mb: int) -> list[str]:
    return [refusal_message(r, zone, limit_mb) for r in parse_refusals(raw)]
