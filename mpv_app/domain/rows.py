"""The rows pages show, as the selectors return them: frozen, typed, already in Spanish.

They live in ``domain`` because components type their arguments with them and components
import nothing above ``domain``. Reflex holds them as state vars (dataclasses are vars).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FilingRow:
    """One result line of a consulta or an inbox (``selectors/filing_rows.filing_row``)."""

    number: str
    href: str
    submitted: str  # local date and time of sending
    received: str  # legal reception date
    subject: str
    type: str
    destination: str  # "Dependencia — Centro de gestión"
    status: str  # label
    status_code: str
    sender: str  # the remitente's name
    waiting_days: int  # business days the office has had it (see domain.attention)
    waiting: str  # domain.attention.Waiting value: how a page colours the age
    waiting_text: str  # what the age cell says, words included


@dataclass(frozen=True)
class AuditRow:
    """One row of the audit log: who did what, as a sentence, and its details in plain words."""

    id: str
    when: str
    user: str  # the account's e-mail, "Sistema" when no one was signed in
    action: str  # the action's label, the filter's wording
    entity: str
    tracking: str
    sentence: str
    detail: str
    ip: str


@dataclass(frozen=True)
class FileRow:
    """A filed attachment on the detail page."""

    id: str
    name: str
    kind: str  # AttachmentKind.label
    size: str
    sha256: str
    signature: str  # "Firmado digitalmente por … (válida)", "Sin firma digital" or ""


@dataclass(frozen=True)
class TimelineRow:
    """One status event in a filing's history."""

    when: str
    event: str
    status: str  # Status.label
    status_code: str  # Status value, for the badge's colour
    department: str
    note: str
    actor: str  # the staff member's e-mail, shown to staff only; "" otherwise


@dataclass(frozen=True)
class CenterRow:
    """A management center in Administración › Centros de gestión."""

    id: str
    code: str
    name: str
    departments: str  # how many active departments it has
    status: str  # "Activo" / "Inactivo"


@dataclass(frozen=True)
class DepartmentRow:
    """A department in Administración › Dependencias."""

    id: str
    code: str
    name: str
    center_id: str  # what the center filter and the edit dialog send back
    center: str  # its center's name, "(centro inactivo)" after it when that is so
    reception: str  # "Sí" for Trámite Documentario, "" otherwise
    status: str


@dataclass(frozen=True)
class DocumentTypeRow:
    """A document type in Administración › Tipos de correspondencia."""

    id: str
    code: str
    name: str
    signature: str  # "Sí" when it requires a digital signature
    status: str


@dataclass(frozen=True)
class StaffRow:
    """A staff account in Administración › Personal."""

    id: str
    email: str
    role: str  # Role value, what the edit dialog's select starts at
    role_label: str
    department_id: str  # "" when none
    department: str  # "—" when none
    status: str


@dataclass(frozen=True)
class HolidayRow:
    """A day off: an institutional holiday (with its id and ISO day) or a national one."""

    day: str  # "jueves 24/12/2026"
    name: str
    id: str = ""  # "" for a national holiday: nobody removes those
    iso: str = ""


@dataclass(frozen=True)
class StagedRow:
    """A file uploaded and not yet filed, with its «Quitar»."""

    id: str
    name: str
    kind: str  # AttachmentKind value
    kind_label: str
    size: str
    pages: str  # "3 págs.", "" when unknown


@dataclass(frozen=True)
class TransferRow:
    """A file in the air: one bar, with its «Cancelar»."""

    slot: str
    name: str
    percent: str  # 0 to 100, as text: the bar's label shows it
    kind_label: str


@dataclass(frozen=True)
class StatusCard:
    """A card of the panel: how many filings are in one status."""

    label: str  # Status.label
    code: str  # Status value, for the card's colour
    count: str


@dataclass(frozen=True)
class OverdueRow:
    """A filing of the panel's overdue table."""

    number: str
    href: str
    subject: str
    department: str
    received: str
    days: str  # business days waiting
    status: str  # Status.label
    status_code: str
