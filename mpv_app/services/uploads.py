"""The upload pipeline: the one place that receives, budgets, checks and stages files.

``accept_upload`` is what the filing page, the staff response upload and ``bench/submit.py``
call. It streams the request into private staging (``storage.intake``), stops at the filing's
20 MB budget (``upload_budget.budget_left``: the only computation of it), inspects each file
by content, stages the good ones in their own transactions (``stage_upload``) and deletes the
partial or refused ones. The staging file a replaced main document leaves behind is deleted
after the commit that drops its row, never before.

A subsanación stages its files (kinds ``CURE_MAIN`` / ``CURE_ANNEX``) against the observed
filing (``correspondence_id``): its budget is the same 20 MB, counting what the filing already
holds (its original main document counted as free once a corrected one replaces it).

``accept_upload`` runs several short transactions (a budget read, one per staged file) in
worker threads, because an upload is long I/O that must not hold a transaction open.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from functools import partial

from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mpv_app.db import in_thread_transaction
from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import AttachmentKind
from mpv_app.domain.file_names import distinct_name
from mpv_app.domain.files import FileKind, FileRuleError, total_too_large
from mpv_app.domain.invoices import Invoice
from mpv_app.domain.signatures import SignatureCheck
from mpv_app.domain.store_errors import upload_refused
from mpv_app.models import StagedUpload, User
from mpv_app.services import audit
from mpv_app.services.effects import after_commit
from mpv_app.services.upload_budget import (
    CURE_KINDS,
    SINGLE_KINDS,
    budget_left,
    cure_over_budget,
    cure_staged,
    filing_staged,
    kept_after,
    over_budget,
    staged_for,
    used_bytes,
)
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore
from mpv_app.storage.inspect import inspect_file
from mpv_app.storage.intake import Chunk, Received, receive
from mpv_app.storage.xml_invoice import InvoiceReading, read_invoice

# Callers import the budget and the staged-file queries from here, beside the pipeline.
__all__ = [
    "CURE_KINDS",
    "UploadOutcome",
    "accept_upload",
    "budget_left",
    "cure_over_budget",
    "cure_staged",
    "filing_staged",
    "over_budget",
    "remove_staged",
    "stage_upload",
    "staged_for",
    "used_bytes",
]


def stage_upload(
    *,
    session: Session,
    user_id: int,
    kind: AttachmentKind,
    staging_name: str,
    original_name: str,
    sha256: str,
    size_bytes: int,
    content_type: str,
    page_count: int | None,
    has_signature: bool,
    store: FileStore,
    correspondence_id: int | None = None,
    signatures: tuple[SignatureCheck, ...] = (),
    invoice: dict[str, str] | None = None,
    invoice_note: str | None = None,
) -> StagedUpload:
    """Add a checked file; a new main document replaces the previous one."""
    if (kind in CURE_KINDS) != (correspondence_id is not None):
        raise ValueError("subsanación files, and only they, belong to an observed filing")
    # The page sends each dropped file in its own request: one sender's stagings take turns
    # (the user's row lock on PostgreSQL; SQLite's BEGIN IMMEDIATE already serializes), so
    # two at once cannot both fit in what only one of them fits.
    session.exec(select(User.id).where(col(User.id) == user_id).with_for_update()).first()
    current = staged_for(session, user_id)
    kept = kept_after(current, kind, correspondence_id)
    used = used_bytes(session, kept, kind, correspondence_id)
    settings = get_settings()
    if used + size_bytes > settings.max_filing_bytes:
        raise FileRuleError(total_too_large(original_name, settings.max_filing_mb, used))
    replaced = [
        u
        for u in current
        if kind in SINGLE_KINDS and u.kind is kind and u.correspondence_id == correspondence_id
    ]
    for old in replaced:
        session.delete(old)
        after_commit(session, partial(store.discard_staged, old.staging_name))
    upload = StagedUpload(
        user_id=user_id,
        correspondence_id=correspondence_id,
        kind=kind,
        original_name=distinct_name(original_name, [u.original_name for u in kept]),
        staging_name=staging_name,
        sha256=sha256,
        size_bytes=size_bytes,
        content_type=content_type,
        page_count=page_count,
        has_signature=has_signature,
        signatures=[check.to_json() for check in signatures],
        invoice=invoice,
        invoice_note=invoice_note,
    )
    session.add(upload)
    session.flush()
    audit.record(
        session,
        action=AuditAction.UPLOAD_STAGE,
        entity="staged_upload",
        entity_id=upload.id,
        actor_user_id=user_id,
        detail={"name": upload.original_name, "size": size_bytes, "sha256": sha256},
    )
    return upload


def remove_staged(*, session: Session, user_id: int, upload_id: int, store: FileStore) -> bool:
    """Drop one of the user's staged files; False when it is not theirs (or gone)."""
    upload = session.get(StagedUpload, upload_id)
    if upload is None or upload.user_id != user_id:
        return False
    session.delete(upload)
    after_commit(session, partial(store.discard_staged, upload.staging_name))
    audit.record(
        session,
        action=AuditAction.UPLOAD_REMOVE,
        entity="staged_upload",
        entity_id=upload_id,
        actor_user_id=user_id,
        detail={"name": upload.original_name},
    )
    return True


@dataclass(frozen=True)
class UploadOutcome:
    staged: int
    messages: tuple[str, ...]  # Spanish, one per refused or dropped file
    invoices: tuple[Invoice, ...] = ()  # comprobantes read from this request's XML files
    received: int = 0  # files the request carried, staged or not (0: an empty drop)


async def _stage_checked(
    received: Received,
    kind: AttachmentKind,
    user_id: int,
    store: FileStore,
    engine: Engine | None,
    correspondence_id: int | None,
) -> str | Invoice | None:
    """Stage one received file: its refusal message, the invoice it carries, or None."""
    role = AttachmentKind.MAIN if kind in SINGLE_KINDS else AttachmentKind.ANNEX
    try:
        found = await asyncio.to_thread(
            inspect_file, received.staged.path, received.original_name, role=role
        )
        reading = InvoiceReading(None, None)
        if found.kind is FileKind.XML:
            reading = await asyncio.to_thread(
                read_invoice,
                received.staged.path,
                received.original_name,
                max_bytes=get_settings().invoice_xml_max_kb * 1024,
            )
        await in_thread_transaction(
            stage_upload,
            engine=engine,
            user_id=user_id,
            kind=kind,
            staging_name=received.staged.name,
            original_name=received.original_name,
            sha256=received.sha256,
            size_bytes=received.staged.size,
            content_type=found.mime,
            page_count=found.page_count,
            has_signature=found.has_signature,
            store=store,
            correspondence_id=correspondence_id,
            signatures=found.signatures,
            invoice=reading.invoice.to_json() if reading.invoice else None,
            invoice_note=reading.note,
        )
    except FileRuleError as error:
        received.staged.abort()
        return error.message
    except BaseException:
        received.staged.abort()  # nothing of a file that was not staged stays behind
        raise
    return reading.invoice


async def accept_upload(
    *,
    chunks: AsyncIterator[Chunk],
    user_id: int,
    kind: AttachmentKind,
    store: FileStore,
    engine: Engine | None = None,
    correspondence_id: int | None = None,
) -> UploadOutcome:
    """Receive one upload request of ``kind`` for ``user_id``; the caller checked the session
    (and, for a subsanación, that ``correspondence_id`` is the user's observed filing)."""
    settings = get_settings()
    budget = await in_thread_transaction(
        budget_left, engine=engine, user_id=user_id, kind=kind, correspondence_id=correspondence_id
    )
    intake = await receive(chunks, store, budget)
    carried = len(intake.files) + (intake.over_budget_name is not None) + bool(intake.store_problem)
    messages: list[str] = []
    if intake.over_budget_name is not None:
        used = settings.max_filing_bytes - budget
        messages.append(total_too_large(intake.over_budget_name, settings.max_filing_mb, used))
    if intake.store_problem is not None:
        messages.append(upload_refused(*intake.store_problem))
    if kind in SINGLE_KINDS and len(intake.files) > 1:
        for extra in intake.files[1:]:
            extra.staged.abort()
            messages.append(
                f"Adjunte un solo documento principal: se omitió «{extra.original_name}»."
            )
        intake.files = intake.files[:1]
    staged, invoices = 0, []
    for index, received in enumerate(intake.files):
        try:
            result = await _stage_checked(received, kind, user_id, store, engine, correspondence_id)
        except BaseException:
            for later in intake.files[index + 1 :]:
                later.staged.abort()
            raise
        if isinstance(result, str):
            messages.append(result)
            continue
        staged += 1
        if result is not None:
            invoices.append(result)
    return UploadOutcome(
        staged=staged, messages=tuple(messages), invoices=tuple(invoices), received=carried
    )
