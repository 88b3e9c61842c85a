"""The 20 MB per filing: the one place that computes it, and the staged-file queries it needs.

``budget_left`` is what ``uploads.accept_upload`` stops at while a file streams in;
``over_budget`` and ``cure_over_budget`` check the same rule again at submit and subsanación
time. A filing's main document and annexes share the budget; a subsanación counts what the
filing already holds (its original main document free once a corrected one replaces it); a
staff response has its own.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, col, select

from mpv_app.domain.enums import AttachmentKind
from mpv_app.models import Attachment, StagedUpload
from mpv_app.settings import get_settings

_FILING_KINDS = frozenset({AttachmentKind.MAIN, AttachmentKind.ANNEX})
CURE_KINDS = frozenset({AttachmentKind.CURE_MAIN, AttachmentKind.CURE_ANNEX})
# One of each per filing (or subsanación): a new one replaces the one staged before.
SINGLE_KINDS = frozenset({AttachmentKind.MAIN, AttachmentKind.CURE_MAIN})


def _same_budget(kind: AttachmentKind) -> frozenset[AttachmentKind]:
    """A filing's main and annexes share one budget, as do a subsanación's files (with what
    the filing already holds); a staff response has its own."""
    if kind in _FILING_KINDS:
        return _FILING_KINDS
    return CURE_KINDS if kind in CURE_KINDS else frozenset({kind})


def staged_for(session: Session, user_id: int) -> list[StagedUpload]:
    return list(
        session.exec(
            select(StagedUpload)
            .where(StagedUpload.user_id == user_id)
            .order_by(col(StagedUpload.kind).desc(), col(StagedUpload.id))
        ).all()
    )


def filing_staged(session: Session, user_id: int) -> list[StagedUpload]:
    """The files staged for the user's next filing (not a subsanación's, not a response)."""
    return [
        u
        for u in staged_for(session, user_id)
        if u.kind in _FILING_KINDS and u.correspondence_id is None
    ]


def cure_staged(session: Session, user_id: int, correspondence_id: int) -> list[StagedUpload]:
    return [
        u
        for u in staged_for(session, user_id)
        if u.kind in CURE_KINDS and u.correspondence_id == correspondence_id
    ]


def kept_after(
    current: list[StagedUpload], kind: AttachmentKind, correspondence_id: int | None = None
) -> list[StagedUpload]:
    """What stays when a file of ``kind`` arrives: a new main document replaces the old one."""
    budget = _same_budget(kind)
    return [
        u
        for u in current
        if u.kind in budget
        and u.correspondence_id == correspondence_id
        and not (kind in SINGLE_KINDS and u.kind is kind)
    ]


def _filed_bytes(session: Session, correspondence_id: int, *, without_main: bool) -> int:
    kinds = [AttachmentKind.ANNEX] if without_main else [AttachmentKind.MAIN, AttachmentKind.ANNEX]
    total = session.exec(
        select(func.coalesce(func.sum(Attachment.size_bytes), 0)).where(
            Attachment.correspondence_id == correspondence_id, col(Attachment.kind).in_(kinds)
        )
    ).one()
    return int(total)


def used_bytes(
    session: Session,
    kept: list[StagedUpload],
    kind: AttachmentKind,
    correspondence_id: int | None,
) -> int:
    """The one computation of what counts against the 20 MB when ``kept`` stays staged and a
    file of ``kind`` joins it: for a subsanación, the filing's own files count too."""
    used = sum(u.size_bytes for u in kept)
    if kind in CURE_KINDS and correspondence_id is not None:
        replaces_main = kind is AttachmentKind.CURE_MAIN or any(
            u.kind is AttachmentKind.CURE_MAIN for u in kept
        )
        used += _filed_bytes(session, correspondence_id, without_main=replaces_main)
    return used


def budget_left(
    session: Session,
    *,
    user_id: int,
    kind: AttachmentKind,
    correspondence_id: int | None = None,
) -> int:
    """Bytes a new file of ``kind`` may still take, counting what it would replace as free."""
    kept = kept_after(staged_for(session, user_id), kind, correspondence_id)
    return get_settings().max_filing_bytes - used_bytes(session, kept, kind, correspondence_id)


def over_budget(files: list[StagedUpload]) -> bool:
    return sum(f.size_bytes for f in files) > get_settings().max_filing_bytes


def cure_over_budget(session: Session, correspondence_id: int, files: list[StagedUpload]) -> bool:
    """The same rule at subsanación time (staging rows may be stale, as at submit)."""
    used = used_bytes(session, files, AttachmentKind.CURE_ANNEX, correspondence_id)
    return used > get_settings().max_filing_bytes
