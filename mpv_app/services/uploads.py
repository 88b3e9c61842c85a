"""Staged uploads: checked files waiting for the sender's "Guardar correspondencia"."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, col, select

from mpv_app.domain.enums import AttachmentKind
from mpv_app.domain.files import FileRuleError, total_too_large
from mpv_app.models import StagedUpload
from mpv_app.services import audit


@dataclass(frozen=True)
class StagedResult:
    upload: StagedUpload
    discard: tuple[str, ...]  # staging names whose files the caller deletes after commit


def staged_for(session: Session, user_id: int) -> list[StagedUpload]:
    return list(
        session.exec(
            select(StagedUpload)
            .where(StagedUpload.user_id == user_id)
            .order_by(col(StagedUpload.kind).desc(), col(StagedUpload.id))
        ).all()
    )


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
    limit_bytes: int,
    limit_mb: int,
) -> StagedResult:
    """Add a checked file; a new main document replaces the previous one."""
    current = staged_for(session, user_id)
    replaced = [u for u in current if kind is AttachmentKind.MAIN and u.kind is kind]
    kept_total = sum(u.size_bytes for u in current if u not in replaced)
    if kept_total + size_bytes > limit_bytes:
        raise FileRuleError(total_too_large(original_name, limit_mb, kept_total))
    for old in replaced:
        session.delete(old)
    upload = StagedUpload(
        user_id=user_id,
        kind=kind,
        original_name=original_name,
        staging_name=staging_name,
        sha256=sha256,
        size_bytes=size_bytes,
        content_type=content_type,
        page_count=page_count,
        has_signature=has_signature,
    )
    session.add(upload)
    session.flush()
    audit.record(
        session,
        action="upload.stage",
        entity="staged_upload",
        entity_id=upload.id,
        actor_user_id=user_id,
        detail={"name": original_name, "size": size_bytes, "sha256": sha256, "kind": kind.value},
    )
    return StagedResult(upload=upload, discard=tuple(u.staging_name for u in replaced))


def remove_staged(*, session: Session, user_id: int, upload_id: int) -> str | None:
    """Drop one of the user's staged files; returns its staging name, None if not theirs."""
    upload = session.get(StagedUpload, upload_id)
    if upload is None or upload.user_id != user_id:
        return None
    session.delete(upload)
    audit.record(
        session,
        action="upload.remove",
        entity="staged_upload",
        entity_id=upload_id,
        actor_user_id=user_id,
        detail={"name": upload.original_name},
    )
    return upload.staging_name
