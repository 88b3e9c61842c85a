"""Checks on the "Correspondencia" section of the filing form; Spanish messages per field."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    text = text.strip()
    return int(text) if text.isdigit() else None


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
    subject = " ".join(subject.split())
    if not subject:
        errors["subject"] = "Ingrese el asunto."
    elif len(subject) > SUBJECT_MAX:
        errors["subject"] = f"El asunto admite como máximo {SUBJECT_MAX} caracteres."
    type_id = _int_or_none(document_type_id)
    if type_id is None:
        errors["document_type_id"] = "Seleccione el tipo de correspondencia."
    number = document_number.strip()
    if not number:
        errors["document_number"] = "Ingrese el número de documento."
    elif len(number) > DOCUMENT_NUMBER_MAX:
        errors["document_number"] = (
            f"El número de documento admite como máximo {DOCUMENT_NUMBER_MAX} caracteres."
        )
    doc_date: date | None = None
    try:
        doc_date = date.fromisoformat(document_date.strip())
    except ValueError:
        errors["document_date"] = "Ingrese la fecha del documento (dd/mm/aaaa)."
    if doc_date is not None and doc_date > today:
        errors["document_date"] = "La fecha del documento no puede ser posterior a hoy."
    pages = _int_or_none(page_count)
    if pages is None or pages < 1 or pages > 100_000:
        errors["page_count"] = "Ingrese el número de páginas: un número entero mayor que cero."
    clean_notes = notes.strip() or None
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
