"""Field validators for the sender-facing forms (registration, filing, profile).

Every validator is a pure function that returns the normalized value or raises
:class:`ValidationError` carrying the form field and a message in plain Peruvian Spanish, so the
UI can show it next to the field as is and the services can re-check the same rules server-side.
Character classes are spelled ``[0-9]``/``[A-Z]`` on purpose: ``\\d`` and ``str.isalnum`` would
also accept non-ASCII digits and letters that no Peruvian registry issues.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import assert_never

from mpv_app.domain import hygiene
from mpv_app.domain.enums import IdentityDocType

__all__ = [
    "DOCUMENT_FIELD",
    "EMAIL_MAX_LENGTH",
    "PASSWORD_MIN_LENGTH",
    "PASSWORD_RULES",
    "RUC_PREFIXES",
    "PasswordRule",
    "ValidationError",
    "normalize_email",
    "password_rule_results",
    "ruc_check_digit",
    "validate_dni",
    "validate_foreign_tax_id",
    "validate_foreigner_card",
    "validate_identity",
    "validate_passport",
    "validate_password",
    "validate_phone",
    "validate_required",
    "validate_ruc",
]

DOCUMENT_FIELD = "document_number"
EMAIL_MAX_LENGTH = 254  # RFC 5321 limit on a forward path; longer addresses cannot be delivered.
PASSWORD_MIN_LENGTH = 10
# 10 natural persons, 15/16/17 special natural-person cases, 20 legal entities.
RUC_PREFIXES = ("10", "15", "16", "17", "20")
_RUC_WEIGHTS = (5, 4, 3, 2, 7, 6, 5, 4, 3, 2)

_DNI_RE = re.compile(r"[0-9]{8}")
_RUC_RE = re.compile(r"[0-9]{11}")
_FOREIGNER_CARD_RE = re.compile(r"[0-9A-Z]{9,12}")
_PASSPORT_RE = re.compile(r"[0-9A-Z]{6,12}")
_FOREIGN_TAX_ID_RE = re.compile(r"[0-9A-Z .\-/]{3,30}")
_PHONE_RE = re.compile(r"[0-9 +\-()]{6,20}")
_PHONE_MIN_DIGITS = 6
_WHITESPACE_RE = re.compile(r"\s+")

MSG_DNI = "El DNI debe tener 8 dígitos."
MSG_FOREIGNER_CARD = "El carné de extranjería debe tener entre 9 y 12 letras o números."
MSG_PASSPORT = "El pasaporte debe tener entre 6 y 12 letras o números."
MSG_RUC_FORMAT = "El RUC debe tener 11 dígitos."
MSG_RUC_PREFIX = "El RUC debe empezar con 10, 15, 16, 17 o 20."
MSG_RUC_CHECK_DIGIT = "El RUC no es válido: revise el dígito verificador."
MSG_FOREIGN_TAX_ID = (
    "El número de identificación tributaria debe tener entre 3 y 30 caracteres: "
    "letras, números, espacios, puntos, guiones o barras."
)
MSG_EMAIL = "Ingrese un correo electrónico válido."
MSG_PHONE = (
    "Ingrese un teléfono válido: de 6 a 20 caracteres, con al menos 6 dígitos; "
    "solo se admiten números, espacios, +, - y paréntesis."
)
MSG_PASSWORD_EMPTY = "Ingrese una contraseña."
MSG_PASSWORD_CONTAINS_EMAIL = "La contraseña no debe contener su correo."
MSG_PASSWORD_MISMATCH = "Las contraseñas no coinciden."


class ValidationError(ValueError):
    """A value the citizen must correct; ``field`` lets the form put the message in place."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _compact(value: str | None) -> str:
    """Drop every whitespace character: people paste numbers grouped as ``4567 8901``."""
    return _WHITESPACE_RE.sub("", value or "")


def _capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def _require_match(pattern: re.Pattern[str], text: str, field: str, message: str) -> str:
    if not pattern.fullmatch(text):
        raise ValidationError(field, message)
    return text


def validate_dni(value: str | None, *, field: str = DOCUMENT_FIELD) -> str:
    """RENIEC's DNI is always 8 digits; leading zeros are significant, so it stays a string."""
    return _require_match(_DNI_RE, _compact(value), field, MSG_DNI)


def validate_foreigner_card(value: str | None, *, field: str = DOCUMENT_FIELD) -> str:
    """Migraciones' carné de extranjería; upper-cased so lookups match however it was typed."""
    return _require_match(_FOREIGNER_CARD_RE, _compact(value).upper(), field, MSG_FOREIGNER_CARD)


def validate_passport(value: str | None, *, field: str = DOCUMENT_FIELD) -> str:
    """Passport formats vary by country, so only a loose alphanumeric shape is enforced."""
    return _require_match(_PASSPORT_RE, _compact(value).upper(), field, MSG_PASSPORT)


def ruc_check_digit(first_ten: str) -> int:
    """SUNAT's modulo-11 check digit; catches most single-digit typos and transpositions."""
    total = sum(int(digit) * weight for digit, weight in zip(first_ten, _RUC_WEIGHTS, strict=True))
    result = 11 - total % 11
    return {10: 0, 11: 1}.get(result, result)


def validate_ruc(value: str | None, *, field: str = DOCUMENT_FIELD) -> str:
    """Shape, prefix and check digit each get their own message so the citizen knows what to fix."""
    ruc = _compact(value)
    if not _RUC_RE.fullmatch(ruc):
        raise ValidationError(field, MSG_RUC_FORMAT)
    if not ruc.startswith(RUC_PREFIXES):
        raise ValidationError(field, MSG_RUC_PREFIX)
    if ruc_check_digit(ruc[:10]) != int(ruc[10]):
        raise ValidationError(field, MSG_RUC_CHECK_DIGIT)
    return ruc


def validate_foreign_tax_id(value: str | None, *, field: str = DOCUMENT_FIELD) -> str:
    """Foreign companies' tax ids (VAT, EIN, NIT...) have no common format: keep it permissive.

    Inner spaces are kept (some ids are printed with them) but collapsed, and at least one
    letter or digit is required so that punctuation alone is not accepted.
    """
    tax_id = _WHITESPACE_RE.sub(" ", (value or "").strip()).upper()
    if not _FOREIGN_TAX_ID_RE.fullmatch(tax_id) or not re.search(r"[0-9A-Z]", tax_id):
        raise ValidationError(field, MSG_FOREIGN_TAX_ID)
    return tax_id


def validate_identity(
    doc_type: IdentityDocType, value: str | None, *, field: str = DOCUMENT_FIELD
) -> str:
    """One entry point for the form, whose document-type selector decides the rules."""
    match doc_type:
        case IdentityDocType.DNI:
            return validate_dni(value, field=field)
        case IdentityDocType.FOREIGNER_CARD:
            return validate_foreigner_card(value, field=field)
        case IdentityDocType.PASSPORT:
            return validate_passport(value, field=field)
        case IdentityDocType.RUC:
            return validate_ruc(value, field=field)
        case IdentityDocType.FOREIGN_TAX_ID:
            return validate_foreign_tax_id(value, field=field)
        case _:
            assert_never(doc_type)


def normalize_email(value: str | None, *, field: str = "email") -> str:
    """One address, checked by ``email-validator``, lower-cased so one mailbox is one account.

    The real proof is the confirmation mail; this only refuses what is not one address.
    """
    try:
        return hygiene.email_address(value)
    except hygiene.HygieneError as error:
        raise ValidationError(field, MSG_EMAIL) from error


def validate_phone(value: str | None, *, field: str = "phone") -> str:
    """Only a sanity check: staff call back by hand, so local and international forms are fine."""
    phone = (value or "").strip()
    digits = sum(char in "0123456789" for char in phone)
    if not _PHONE_RE.fullmatch(phone) or digits < _PHONE_MIN_DIGITS:
        raise ValidationError(field, MSG_PHONE)
    return phone


def validate_required(field: str, value: str | None, label: str, max_length: int) -> str:
    """Free-text fields: ``label`` reads inside a sentence, e.g. ``"el asunto"``.

    The length cap mirrors the database column so an over-long value is refused in the form
    instead of failing on insert.
    """
    try:
        text = " ".join(hygiene.clean_text(value or "", label=_capitalize(label)).split())
    except hygiene.HygieneError as error:
        raise ValidationError(field, error.message) from error
    if not text:
        raise ValidationError(field, f"Ingrese {label}.")
    if len(text) > max_length:
        raise ValidationError(
            field, f"{_capitalize(label)} admite como máximo {max_length} caracteres."
        )
    return text


@dataclass(frozen=True)
class PasswordRule:
    """A rule the form lists live, ticking each one as the citizen types."""

    key: str
    label: str
    check: Callable[[str], bool]


PASSWORD_RULES: tuple[PasswordRule, ...] = (
    PasswordRule(
        "min_length",
        f"Al menos {PASSWORD_MIN_LENGTH} caracteres",
        lambda pw: len(pw) >= PASSWORD_MIN_LENGTH,
    ),
    PasswordRule("uppercase", "Una letra mayúscula", lambda pw: any(c.isupper() for c in pw)),
    PasswordRule("lowercase", "Una letra minúscula", lambda pw: any(c.islower() for c in pw)),
    PasswordRule("digit", "Un número", lambda pw: any(c in "0123456789" for c in pw)),
)


def password_rule_results(password: str) -> list[tuple[str, bool]]:
    """``(label, passed)`` per rule, in display order, for the live checklist."""
    return [(rule.label, rule.check(password)) for rule in PASSWORD_RULES]


def validate_password(password: str, confirmation: str, *, email: str | None = None) -> str:
    """Returns the password unchanged: spaces and case are part of it and must not be altered.

    Rules come first, then the e-mail check (a local part of 4+ characters is guessable), and
    the confirmation last so its message only appears once the password itself is acceptable.
    """
    if not password:
        raise ValidationError("password", MSG_PASSWORD_EMPTY)
    for rule in PASSWORD_RULES:
        if not rule.check(password):
            # "Al menos 10 caracteres" -> "La contraseña debe tener al menos 10 caracteres."
            label = rule.label[:1].lower() + rule.label[1:]
            raise ValidationError("password", f"La contraseña debe tener {label}.")
    local_part = (email or "").strip().partition("@")[0].casefold()
    if len(local_part) >= 4 and local_part in password.casefold():
        raise ValidationError("password", MSG_PASSWORD_CONTAINS_EMAIL)
    if password != confirmation:
        raise ValidationError("password_confirmation", MSG_PASSWORD_MISMATCH)
    return password
