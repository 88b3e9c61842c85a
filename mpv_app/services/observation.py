"""Observada → Subsanar → Registrada, or No presentada (TUO Ley 27444, art. 136).

* ``observe`` (mesa de partes, or the department holding a Registrada filing): once, all the
  observations in one text; the deadline is fixed then, on that day's holiday calendar.
* ``cure`` (the sender who owns it, within the deadline): a note, and optionally a corrected
  main document (``CURE_MAIN``) and added annexes (``CURE_ANNEX``), staged beforehand through
  ``services.uploads.accept_upload`` against this filing. The originals stay as presented; the
  filing goes back to Registrada with its number and reception date, and ``cured_at`` is set.
* ``expire_overdue`` (the maintenance job): observed filings whose deadline day has ended
  become No presentada; their staged subsanación files are dropped.

Each change writes one status event, one audit row and one email in the caller's transaction.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import partial
from typing import Unpack

import sqlalchemy as sa
from sqlmodel import Session, col, select

from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import AttachmentKind, EventAction, MailAttachment, Status
from mpv_app.domain.observation import cure_deadline, cure_is_open, deadline_text
from mpv_app.domain.signatures import SignatureCheck, document_verdict, refusal
from mpv_app.domain.status import OBSERVATIONS_REQUIRED, TransitionError, apply
from mpv_app.domain.timefmt import format_date
from mpv_app.models import Correspondence, DocumentType, Sender, StatusEvent
from mpv_app.selectors.calendar import extra_holidays
from mpv_app.services import audit, publishing, status_mail, transitions
from mpv_app.services.effects import after_commit
from mpv_app.services.errors import FieldErrors, ServiceError
from mpv_app.services.transitions import Changed, StaleFiling
from mpv_app.services.uploads import cure_over_budget, cure_staged
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore

NOT_OBSERVED = "Esta correspondencia no está observada: no hay nada que subsanar."
CURE_NOTE_REQUIRED = "Indique cómo subsana las observaciones."
OVER_BUDGET = "El total de archivos de la correspondencia supera el límite permitido."


def _closed(deadline_day: str) -> str:
    return (
        f"El plazo para subsanar venció el {deadline_day}. La correspondencia se tendrá por "
        "no presentada."
    )


def observe(
    *,
    session: Session,
    observations: str,
    now: datetime | None = None,
    **asked: Unpack[transitions.Asked],
) -> Changed:
    """Observe a Registrada filing once; the sender is emailed the text and the deadline."""
    now = now or datetime.now(UTC)
    settings = get_settings()
    text = transitions.clean_note(observations, required=OBSERVATIONS_REQUIRED)
    days = settings.observation_business_days
    deadline = cure_deadline(now, days, settings.tz, extra_holidays(session))
    changed, _filing_id = transitions.transition(
        session,
        **asked,
        action=EventAction.OBSERVE,
        note=text,
        now=now,
        extra_values={"observed_at": now, "cure_deadline": deadline},
        headline=(
            "Su correspondencia fue observada. Puede subsanarla "
            f"{deadline_text(deadline, days)}, desde el detalle del trámite; mientras tanto no "
            "se deriva ni se atiende. Si no la subsana en ese plazo, se tendrá por no presentada."
        ),
    )
    return changed


def _owned_observed(
    session: Session, user_id: int, tracking_number: str, now: datetime
) -> Correspondence:
    filing = session.exec(
        select(Correspondence).where(
            Correspondence.tracking_number == tracking_number.strip().upper()
        )
    ).first()
    sender = session.exec(select(Sender).where(Sender.user_id == user_id)).first()
    if filing is None or sender is None or filing.sender_id != sender.id or filing.id is None:
        raise ServiceError(transitions.NOT_FOUND)  # someone else's filing looks like no filing
    if filing.status is not Status.OBSERVED or filing.cure_deadline is None:
        raise ServiceError(NOT_OBSERVED)
    if not cure_is_open(filing.cure_deadline, now, get_settings().tz):
        raise ServiceError(_closed(format_date(filing.cure_deadline)))
    return filing


def cure_target(
    *, session: Session, user_id: int, tracking_number: str, now: datetime | None = None
) -> int:
    """The id of the user's observed filing still open to subsanación, or ServiceError."""
    filing = _owned_observed(session, user_id, tracking_number, now or datetime.now(UTC))
    assert filing.id is not None
    return filing.id


def cure(
    *,
    session: Session,
    user_id: int,
    tracking_number: str,
    expected_version: int,
    note: str,
    store: FileStore,
    now: datetime | None = None,
) -> Changed:
    """The sender's subsanación: back to Registrada, same number and reception date."""
    now = now or datetime.now(UTC)
    text = transitions.clean_note(note, required=CURE_NOTE_REQUIRED)
    filing = _owned_observed(session, user_id, tracking_number, now)
    assert filing.id is not None
    if filing.version != expected_version:
        raise StaleFiling()
    try:
        new_status = apply(filing.status, EventAction.CURE, note=text)
    except TransitionError as error:
        raise ServiceError(error.message) from error
    files = cure_staged(session, user_id, filing.id)
    corrected = [f for f in files if f.kind is AttachmentKind.CURE_MAIN]
    doc_type = session.get(DocumentType, filing.document_type_id)
    needs_signature = doc_type is not None and doc_type.requires_digital_signature
    if needs_signature and corrected and not corrected[0].has_signature:
        assert doc_type is not None
        checks = (SignatureCheck.from_json(s) for s in corrected[0].signatures)
        message = refusal(corrected[0].original_name, doc_type.name, document_verdict(checks))
        raise FieldErrors({AttachmentKind.CURE_MAIN.value: message})
    if cure_over_budget(session, filing.id, files):
        raise FieldErrors({"cure_files": OVER_BUDGET})
    updated = session.execute(
        sa.update(Correspondence)
        .where(
            col(Correspondence.id) == filing.id,
            col(Correspondence.version) == expected_version,
            col(Correspondence.status) == Status.OBSERVED,
        )
        .values(status=new_status, cured_at=now, version=expected_version + 1, updated_at=now)
        .execution_options(synchronize_session=False)
    )
    if updated.rowcount != 1:  # type: ignore[attr-defined]
        raise StaleFiling()
    session.expire(filing)
    publishing.publish(session, store, files, now)
    publishing.attach_staged(session, store, filing.id, files, now)
    _event(session, filing, EventAction.CURE, new_status, actor_id=user_id, note=text, now=now)
    audit.record_filing(
        session,
        filing,
        action=AuditAction.FILING_CURE,
        actor_user_id=user_id,
        detail={"from": Status.OBSERVED.value, "to": new_status.value, "files": len(files)},
    )
    status_mail.notify(  # with the cargo of the subsanación
        session,
        filing_id=filing.id,
        action=EventAction.CURE,
        status=new_status,
        note="",
        now=now,
        attachment=MailAttachment.RECEIPT,
    )
    session.flush()
    return Changed(filing.tracking_number, new_status, expected_version + 1)


def _event(
    session: Session,
    filing: Correspondence,
    action: EventAction,
    to_status: Status,
    *,
    actor_id: int | None,
    note: str,
    now: datetime,
) -> None:
    assert filing.id is not None
    session.add(
        StatusEvent(
            correspondence_id=filing.id,
            action=action,
            from_status=Status.OBSERVED,
            to_status=to_status,
            department_id=filing.department_id,
            actor_user_id=actor_id,
            note=note,
            created_at=now,
        )
    )


def expire_overdue(*, session: Session, store: FileStore, now: datetime | None = None) -> int:
    """No presentada for every observed filing whose deadline day has ended; the caller commits.

    The UPDATE is conditional on the status, so a subsanación committed meanwhile wins and the
    filing is left alone (the subsanación's own UPDATE is conditional on the version).
    """
    now = now or datetime.now(UTC)
    today = now.astimezone(get_settings().tz).date()
    overdue = session.exec(
        select(Correspondence)
        .where(
            Correspondence.status == Status.OBSERVED,
            col(Correspondence.cure_deadline) < today,
        )
        .order_by(col(Correspondence.id))
    ).all()
    expired = 0
    for filing in overdue:
        assert filing.id is not None and filing.cure_deadline is not None
        updated = session.execute(
            sa.update(Correspondence)
            .where(
                col(Correspondence.id) == filing.id,
                col(Correspondence.status) == Status.OBSERVED,
            )
            .values(status=Status.NOT_PRESENTED, version=filing.version + 1, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        if updated.rowcount != 1:  # type: ignore[attr-defined]
            continue
        note = (
            "No se subsanaron las observaciones dentro del plazo, que venció el "
            f"{format_date(filing.cure_deadline)}."
        )
        _event(
            session,
            filing,
            EventAction.EXPIRE,
            Status.NOT_PRESENTED,
            actor_id=None,
            note=note,
            now=now,
        )
        audit.record_filing(
            session,
            filing,
            action=AuditAction.FILING_EXPIRE,
            detail={"from": Status.OBSERVED.value, "to": Status.NOT_PRESENTED.value},
        )
        status_mail.notify(
            session,
            filing_id=filing.id,
            action=EventAction.EXPIRE,
            status=Status.NOT_PRESENTED,
            note=note,
            now=now,
        )
        sender = session.get(Sender, filing.sender_id)
        if sender is not None:
            for upload in cure_staged(session, sender.user_id, filing.id):
                session.delete(upload)
                after_commit(session, partial(store.discard_staged, upload.staging_name))
        session.expire(filing)
        expired += 1
    session.flush()
    return expired
