"""Housekeeping: abandoned staging uploads and stored files that no filing references.

A crash between publishing a file and committing its filing leaves a stored file without an
attachment row; a sender who never presses "Guardar" leaves staged files. Both are swept
after a grace period long enough that no in-flight submit is touched.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlmodel import Session, col, select

from mpv_app.models import Attachment, StagedUpload
from mpv_app.services import audit
from mpv_app.storage.files import STAGING, FileStore

GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class Swept:
    staged_rows: int
    staging_files: int
    orphan_files: int


def sweep(
    *, session: Session, store: FileStore, staging_ttl: timedelta, now: datetime | None = None
) -> Swept:
    now = now or datetime.now(UTC)
    old = session.exec(
        select(StagedUpload).where(StagedUpload.created_at < now - staging_ttl)
    ).all()
    for upload in old:
        session.delete(upload)
        store.discard_staged(upload.staging_name)
    if old:
        audit.record(
            session,
            action="upload.expire",
            entity="staged_upload",
            entity_id=len(old),
            detail={"names": [u.original_name for u in old][:50]},
        )
    session.flush()
    live = set(session.exec(select(StagedUpload.staging_name)).all())
    cutoff = time.time() - GRACE.total_seconds()
    staging_files = 0
    if store.staging.exists():
        for path in store.staging.iterdir():
            if path.name not in live and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                staging_files += 1
    orphan_files = 0
    for path in store.root.glob("??/??/*"):
        if path.stat().st_mtime >= cutoff or path.parent.parent.name == STAGING:
            continue
        referenced = session.exec(
            select(col(Attachment.id)).where(Attachment.sha256 == path.name).limit(1)
        ).first()
        if referenced is None:
            path.unlink(missing_ok=True)
            orphan_files += 1
    return Swept(len(old), staging_files, orphan_files)
