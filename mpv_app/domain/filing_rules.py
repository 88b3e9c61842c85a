"""Checks on the "Correspondencia" section of the filing form; Spanish messages per field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from mpv_app.domain.hygiene import DOCUMENT_DATE_MIN, HygieneError, ascii_int, clean_text

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
SUBJECT_MAX = 500
DOCUMENT_NUMBER_MAX = 60
NOTES_MAX = 2000


@dataclass(frozen=True)
class CleanFields:
    subject: str
    document_type_id: int
    document_number: str
    document_date: date
    page_count: int
    notes: str | None
    knows_destination: bool
    center_id: int | None
    department_id: int | None


def _int_or_none(text: str) -> int | None:
    """ASCII digits only: "٢" is not 2 and "²" is not a crash, both are a field message."""
    return ascii_int(text)


def _clean(
    errors: dict[str, str], field: str, value: str, label: str, *, multiline: bool = False
) -> str:
    try:
        return clean_text(value, label=label, multiline=multiline)
    except HygieneError as error:
        errors[field] = error.message
        return ""


def clean_fields(
    *,
    subject: str,
    document_type_id: str,
    document_number: str,
    document_date: str,
    page_count: str,
    notes: str,
    knows_destination: bool,
    center_id: str,
    department_id: str,
    today: date,
) -> tuple[CleanFields | None, dict[str, str]]:
    """All problems at once, so the sender fixes the form in one pass."""
    errors: dict[str, str] = {}
    subject = " ".join(_clean(errors, "subject", subject, "El asunto").split())
    if not subject and "subject" not in errors:
        errors["subject"] = "Ingrese el asunto."
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = f"El asunto admite como máximo {SUBJECT_MAX} caracteres."
    type_id = _int_or_none(document_type_id)
    if type_id is None:
        errors["document_type_id"] = "Seleccione el tipo de correspondencia."
    number = _clean(errors, "document_number", document_number, "El Nº de documento").strip()
    if not number and "document_number" not in errors:
        errors["document_number"] = "Ingrese el número de documento."
    elif len(number) > DOCUMENT_NUMBER_MAX:
        errors["document_number"] = (
            f"El número de documento admite como máximo {DOCUMENT_NUMBER_MAX} caracteres."
        )
    doc_date: date | None = None
    try:
        text = document_date.strip()
        if not _ISO_DATE.fullmatch(text):  # fromisoformat also takes "20261120", "2026-W47"
            raise ValueError(text)
        doc_date = date.fromisoformat(text)
    except ValueError:
        errors["document_date"] = "Ingrese la fecha del documento (dd/mm/aaaa)."
    if doc_date is not None and doc_date > today:
        errors["document_date"] = "La fecha del documento no puede ser posterior a hoy."
    elif doc_date is not None and doc_date < DOCUMENT_DATE_MIN:
        errors["document_date"] = "La fecha del documento no puede ser anterior al 01/01/1900."
    pages = _int_or_none(page_count)
    if pages is None or pages < 1 or pages > 100_000:
        errors["page_count"] = "Ingrese el número de páginas: un número entero mayor que cero."
    clean_notes = _clean(errors, "notes", notes, "La observación", multiline=True).strip() or None
    if clean_notes and len(clean_notes) > NOTES_MAX:
        errors["notes"] = f"La observación admite como máximo {NOTES_MAX} caracteres."
    center = _int_or_none(center_id) if knows_destination else None
    department = _int_or_none(department_id) if knows_destination else None
    if knows_destination and center is None:
        errors["center_id"] = "Seleccione el centro de gestión."
    if knows_destination and department is None:
        errors["department_id"] = "Seleccione la dependencia destino."
    if errors or type_id is None or doc_date is None or pages is None:
        return None, errors
    return (
        CleanFields(
            subject=subject,
            document_type_id=type_id,
            document_number=number,
            document_date=doc_date,
            page_count=pages,
            notes=clean_notes,
            knows_destination=knows_destination,
            center_id=center,
            department_id=department,
        ),
        {},
    )
