"""Housekeeping: abandoned staging uploads, and stored objects that nothing references.

A sender who never presses "Guardar" leaves staged rows and files; a crash or a lost commit
reply leaves staging files whose rows are gone, or stored objects no row references. The
staging part goes by age; the stored objects by ``services.publishing``'s rule, the only
place that deletes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial

from sqlmodel import Session, select

from mpv_app.domain.audit import AuditAction
from mpv_app.models import StagedUpload
from mpv_app.services import audit
from mpv_app.services.effects import after_commit
from mpv_app.services.publishing import sweep_objects
from mpv_app.storage.files import FileStore

GRACE = timedelta(hours=1)


@dataclass(frozen=True)
class Swept:
    staged_rows: int
    staging_files: int
    orphan_files: int
    adopted_files: int = 0


def sweep(
    *,
    session: Session,
    store: FileStore,
    staging_ttl: timedelta,
    grace: timedelta = GRACE,
    now: datetime | None = None,
) -> Swept:
    now = now or datetime.now(UTC)
    old = session.exec(
        select(StagedUpload).where(StagedUpload.created_at < now - staging_ttl)
    ).all()
    for upload in old:
        session.delete(upload)
        after_commit(session, partial(store.discard_staged, upload.staging_name))
    if old:
        audit.record(
            session,
            action=AuditAction.UPLOAD_EXPIRE,
            entity="staged_upload",
            entity_id=len(old),
            detail={"names": [u.original_name for u in old][:50]},
        )
    session.flush()
    live = set(session.exec(select(StagedUpload.staging_name)).all())
    # An upload in course has no row yet: its staging file is young, so the grace keeps it.
    cutoff = (now - grace).timestamp()
    staging_files = 0
    if store.staging.exists():
        for path in store.staging.iterdir():
            if path.name not in live and path.stat().st_mtime < cutoff:
                path.unlink(missing_ok=True)
                staging_files += 1
    objects = sweep_objects(session=session, store=store, grace=grace, now=now)
    return Swept(len(old), staging_files, objects.deleted, objects.adopted)
