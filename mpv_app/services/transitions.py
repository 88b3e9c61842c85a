"""One status change of a filing, whoever asks for it: the checks, the conditional UPDATE,
the status event and the audit row. ``workflow`` (staff) and ``observation`` (observe, cure,
expire) call ``transition``; the e-mail is ``status_mail.notify``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TypedDict

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mpv_app.domain import hygiene
from mpv_app.domain.access import STAFF_ROLES, can_act
from mpv_app.domain.audit import FILING_AUDIT
from mpv_app.domain.enums import EventAction, Status
from mpv_app.domain.status import TransitionError, apply
from mpv_app.models import (
    Correspondence,
    Department,
    ManagementCenter,
    StatusEvent,
    User,
)
from mpv_app.services import audit, status_mail
from mpv_app.services.errors import FieldErrors, ServiceError

STALE = (
    "Esta correspondencia ya fue actualizada por otra persona mientras usted la revisaba. "
    "Revise su estado actual antes de continuar."
)
NOT_ALLOWED = "No tiene permiso para realizar esta acción sobre esta correspondencia."
NOT_FOUND = "No encontramos esa correspondencia."
MAX_NOTE = 2000


class StaleFiling(ServiceError):
    def __init__(self) -> None:
        super().__init__(STALE)


@dataclass(frozen=True)
class Changed:
    tracking_number: str
    status: Status
    version: int


class Asked(TypedDict):
    """Who asks for a decision and which version of the filing their page showed.

    Every decision takes these three keywords (``**asked: Unpack[Asked]``) and hands them on
    to ``transition`` as they came.
    """

    actor_id: int
    tracking_number: str
    expected_version: int


def _actor(session: Session, actor_id: int) -> User:
    actor = session.get(User, actor_id)
    if actor is None or not actor.is_active or actor.role not in STAFF_ROLES:
        raise ServiceError(NOT_ALLOWED)
    return actor


def _filing(session: Session, tracking_number: str) -> Correspondence:
    filing = session.exec(
        select(Correspondence).where(Correspondence.tracking_number == tracking_number)
    ).first()
    if filing is None or filing.id is None:
        raise ServiceError(NOT_FOUND)
    return filing


def clean_note(note: str, *, required: str | None) -> str:
    try:
        text = hygiene.clean_text(note or "", label="El texto", multiline=True).strip()
    except hygiene.HygieneError as error:
        raise FieldErrors({"note": error.message}) from error
    if required and not text:
        raise FieldErrors({"note": required})
    if len(text) > MAX_NOTE:
        raise FieldErrors({"note": f"El texto admite como máximo {MAX_NOTE} caracteres."})
    return text


def _target_department(session: Session, department_id: int, current: int) -> Department:
    department = session.get(Department, department_id)
    if department is None or not department.is_active:
        raise FieldErrors({"department_id": "Seleccione la dependencia destino."})
    center = session.get(ManagementCenter, department.center_id)
    if center is None or not center.is_active:
        raise FieldErrors({"department_id": "Seleccione la dependencia destino."})
    if department.id == current:
        raise FieldErrors(
            {"department_id": "La correspondencia ya está en esa dependencia: elija otra."}
        )
    return department


def transition(
    session: Session,
    *,
    actor_id: int,
    tracking_number: str,
    expected_version: int,
    action: EventAction,
    note: str,
    target_department_id: int | None = None,
    now: datetime | None = None,
    extra_values: dict[str, object] | None = None,
    headline: str | None = None,
) -> tuple[Changed, int]:
    """Apply one decision; returns what changed and the filing's id.

    ``extra_values`` are more columns for the same conditional UPDATE (an observation's dates);
    ``headline`` replaces the action's usual first line of the sender's email."""
    now = now or datetime.now(UTC)
    actor = _actor(session, actor_id)
    filing = _filing(session, tracking_number)
    # The actor is checked first: a stranger learns nothing from the destination's checks.
    department = (
        _target_department(session, target_department_id, filing.department_id)
        if target_department_id is not None
        else None
    )
    allowed = can_act(
        role=actor.role,
        action=action,
        status=filing.status,
        viewer_department_id=actor.department_id,
        filing_department_id=filing.department_id,
    )
    if filing.version != expected_version:
        raise StaleFiling()  # what the page showed is gone: say so before anything else
    if not allowed:
        raise ServiceError(NOT_ALLOWED)
    try:
        new_status = apply(
            filing.status, action, note=note, observed_before=filing.observed_at is not None
        )
    except TransitionError as error:
        raise ServiceError(error.message) from error
    old_status = filing.status
    department_id = department.id if department else filing.department_id
    center_id = department.center_id if department else filing.center_id
    updated = session.execute(
        sa.update(Correspondence)
        .where(col(Correspondence.id) == filing.id, col(Correspondence.version) == expected_version)
        .values(
            status=new_status,
            department_id=department_id,
            center_id=center_id,
            version=expected_version + 1,
            updated_at=now,
            **(extra_values or {}),
        )
        .execution_options(synchronize_session=False)
    )
    if updated.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleFiling()  # someone else's UPDATE won between our read and our write
    session.expire(filing)
    assert filing.id is not None
    session.add(
        StatusEvent(
            correspondence_id=filing.id,
            action=action,
            from_status=old_status,
            to_status=new_status,
            department_id=department_id,
            actor_user_id=actor_id,
            note=note or None,
            created_at=now,
        )
    )
    audit.record_filing(
        session,
        filing,
        action=FILING_AUDIT[action],
        actor_user_id=actor_id,
        detail={"from": old_status.value, "to": new_status.value, "department_id": department_id},
    )
    status_mail.notify(
        session,
        filing_id=filing.id,
        action=action,
        status=new_status,
        note=note,
        now=now,
        headline=headline,
    )
    return Changed(tracking_number, new_status, expected_version + 1), filing.id
