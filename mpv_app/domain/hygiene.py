"""Input hygiene for every text a person types or a browser sends: one place, one set of rules.

- NFC normalisation, so "é" typed two ways is one value.
- NUL, C0/C1 control characters and ANSI escape sequences are removed (line breaks kept only
  where a field is multi-line); they have no meaning in a name, a subject or a number.
- Bidi overrides and isolates (U+202A–U+202E, U+2066–U+2069) are refused: they make
  "Pago \u202eexe.fdp" read as "Pago pdf.exe" on the staff inbox.
- Digits are ASCII digits only: "٢" or "²" are a field message, never 2 nor a crash.
- E-mail addresses are checked by ``email-validator`` (no hand-written pattern) and header
  values by ``safe_header``: no CR, LF, NUL, nor a second address after a comma.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

from email_validator import EmailNotValidError, validate_email

__all__ = [
    "BIDI_CONTROLS",
    "DOCUMENT_DATE_MIN",
    "HygieneError",
    "ascii_int",
    "clean_text",
    "email_address",
    "has_bidi_control",
    "safe_header",
    "safe_recipient",
    "strip_controls",
]

BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))
DOCUMENT_DATE_MIN = date(1900, 1, 1)
EMAIL_MAX_LENGTH = 254
_ANSI = re.compile(r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])")
_ASCII_DIGITS = re.compile(r"[0-9]+")
MSG_BIDI = "{label} contiene caracteres invisibles de control de dirección del texto: quítelos."
MSG_EMAIL = "Ingrese un correo electrónico válido."


class HygieneError(ValueError):
    """A value refused for its characters; ``message`` is the Spanish text for the field."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc"  # C0, DEL and C1


def strip_controls(value: str, *, multiline: bool = False) -> str:
    """NFC, ANSI escapes and control characters removed (tabs become spaces)."""
    text = unicodedata.normalize("NFC", _ANSI.sub("", value))
    if multiline:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    kept = []
    for char in text:
        if char == "\t":
            kept.append(" ")
        elif (char == "\n" and multiline) or not _is_control(char):
            kept.append(char)
    return "".join(kept)


def has_bidi_control(value: str) -> bool:
    return any(char in BIDI_CONTROLS for char in value)


def clean_text(value: object, *, label: str, multiline: bool = False) -> str:
    """A form value made safe to store and show; ``label`` starts the message ("El asunto")."""
    text = strip_controls(value if isinstance(value, str) else "", multiline=multiline)
    if has_bidi_control(text):
        raise HygieneError(MSG_BIDI.format(label=label))
    return text


def ascii_int(value: object) -> int | None:
    """The integer written with ASCII digits only, else None ("٢", "²", "1e3", " " → None)."""
    if isinstance(value, bool) or not isinstance(value, str | int):
        return None
    text = str(value).strip()
    if not _ASCII_DIGITS.fullmatch(text) or len(text) > 18:
        return None
    return int(text)


def email_address(value: object) -> str:
    """A deliverable-looking address, lower-cased so one mailbox is one account.

    ``email-validator`` refuses what is not one address: ``<script>@…``, ``a,b@…``, NUL,
    display names, spaces. No DNS query: the confirmation mail is the real proof.
    """
    text = value.strip() if isinstance(value, str) else ""
    # A control character is refused, not removed: "a\x00b@x.pe" must not become "ab@x.pe".
    if not text or len(text) > EMAIL_MAX_LENGTH or strip_controls(text) != text:
        raise HygieneError(MSG_EMAIL)
    try:
        checked = validate_email(text, check_deliverability=False, allow_smtputf8=False)
    except EmailNotValidError as error:
        raise HygieneError(MSG_EMAIL) from error
    return str(checked.normalized).lower()


def safe_header(value: str) -> str:
    """A mail header value as given, or ValueError: no CR, LF or NUL, no second address."""
    if any(char in value for char in "\r\n\x00") or any(_is_control(c) for c in value):
        raise ValueError("header value with a control character")
    return value


def safe_recipient(value: str) -> str:
    """One recipient address for a ``To:`` header: exactly one valid address, nothing else."""
    safe_header(value)
    if "," in value or ";" in value:
        raise ValueError("more than one recipient")
    return email_address(value)
