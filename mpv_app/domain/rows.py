"""The rows pages show, as the selectors return them: frozen, typed, already in Spanish.

They live in ``domain`` because components type their arguments with them and components
import nothing above ``domain``. Reflex holds them as state vars (dataclasses are vars).
"""

from __future__ import annotations

from dataclasses import dataclass


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
