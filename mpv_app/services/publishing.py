"""Publishing staged files into the store, and the only code that ever deletes a stored object.

The rule: a stored object is deleted only by the sweep, only when no committed or staged row
references its hash, and only when no transaction published it within the grace period. The
mechanism is one ``stored_object`` row per object, keyed by hash:

* A publish (inside the submit's or the attention's transaction) first upserts the row with
  ``published_at = now`` and only then links the file. On PostgreSQL the upsert holds the row's
  lock until that transaction ends; on SQLite the whole transaction holds the write lock
  (``BEGIN IMMEDIATE``).
* The sweep picks candidates with ``SELECT … FOR UPDATE SKIP LOCKED``: a row locked by an
  in-flight publish is skipped; a row that a publish updated and committed after the sweep's
  snapshot is re-checked against its new ``published_at`` (PostgreSQL re-evaluates the WHERE
  of a locked row) and drops out. It deletes the file *while holding the lock*, then the row,
  then commits. A publish that starts meanwhile waits on the upsert and, once the sweep has
  committed, finds no file and links a fresh one from its staged copy.
* A file on disk with no row (a crash after the link, before the commit that would have made
  the row) is adopted: the sweep inserts a row dated by the file's mtime, and the usual rule
  applies to it. On PostgreSQL that insert waits for any in-flight transaction that inserted
  the same hash (and then does nothing); on SQLite none can be in flight.

Rolling back never deletes anything: an object another filing shares, or one whose commit's
outcome is unknown, stays; at worst an unreferenced object lives one grace period too long.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlmodel import Session, col, select

from mpv_app.models import Attachment, StagedUpload, StoredObject
from mpv_app.services.effects import after_commit
from mpv_app.storage.files import FileStore

BATCH = 500


def _upsert(session: Session) -> Any:
    dialect = session.get_bind().dialect.name
    return (postgresql if dialect == "postgresql" else sqlite).insert(StoredObject)


def publish(
    session: Session, store: FileStore, files: Sequence[StagedUpload], now: datetime
) -> None:
    """Record each publish in this transaction, then put the bytes in the store."""
    for upload in sorted(files, key=lambda u: u.sha256):  # one lock order: no deadlocks
        insert = _upsert(session).values(
            sha256=upload.sha256, size_bytes=upload.size_bytes, published_at=now
        )
        session.execute(
            insert.on_conflict_do_update(
                index_elements=["sha256"], set_={"published_at": insert.excluded.published_at}
            )
        )
        store.publish(upload.staging_name, upload.sha256)


def attach_staged(
    session: Session, store: FileStore, filing_id: int, files: Sequence[StagedUpload], now: datetime
) -> None:
    """Turn published staged uploads into the filing's attachments; their staging copies go
    once this transaction has committed."""
    for upload in files:
        session.add(
            Attachment(
                correspondence_id=filing_id,
                kind=upload.kind,
                original_name=upload.original_name,
                sha256=upload.sha256,
                size_bytes=upload.size_bytes,
                content_type=upload.content_type,
                page_count=upload.page_count,
                signatures=upload.signatures,
                created_at=now,
            )
        )
        session.delete(upload)
        after_commit(session, partial(store.discard_staged, upload.staging_name))


@dataclass(frozen=True)
class ObjectSweep:
    adopted: int
    deleted: int


def _adopt_untracked(session: Session, store: FileStore, now: datetime) -> int:
    on_disk = set(store.object_names())
    if not on_disk:
        return 0
    tracked = set(session.exec(select(StoredObject.sha256)).all())
    adopted = 0
    for sha in sorted(on_disk - tracked):
        try:
            stat = store.path_for(sha).stat()
        except FileNotFoundError:
            continue
        # Dated by the file: a publish in flight has already inserted its row (the upsert
        # comes before the link), so this insert waits for it and then does nothing.
        published = min(now, datetime.fromtimestamp(stat.st_mtime, UTC))
        insert = _upsert(session).values(
            sha256=sha, size_bytes=stat.st_size, published_at=published
        )
        result = session.execute(insert.on_conflict_do_nothing(index_elements=["sha256"]))
        adopted += int(getattr(result, "rowcount", 0) or 0)
    return adopted


def sweep_objects(
    *, session: Session, store: FileStore, grace: timedelta, now: datetime | None = None
) -> ObjectSweep:
    """Delete unreferenced objects not published within ``grace``; the caller commits."""
    now = now or datetime.now(UTC)
    adopted = _adopt_untracked(session, store, now)
    attached = select(col(Attachment.id)).where(Attachment.sha256 == StoredObject.sha256)
    staged = select(col(StagedUpload.id)).where(StagedUpload.sha256 == StoredObject.sha256)
    candidates = session.exec(
        select(StoredObject.sha256)
        .where(
            col(StoredObject.published_at) < now - grace,
            ~sa.exists(attached),
            ~sa.exists(staged),
        )
        .order_by(col(StoredObject.sha256))
        .limit(BATCH)
        .with_for_update(skip_locked=True)
    ).all()
    for sha in candidates:
        store.delete_object(sha)  # under the row lock: no publish can be in between
    if candidates:
        session.execute(sa.delete(StoredObject).where(col(StoredObject.sha256).in_(candidates)))
    cutoff = (now - grace).timestamp()
    for tmp in store.temporaries():
        if tmp.stat().st_mtime < cutoff:
            tmp.unlink(missing_ok=True)
    return ObjectSweep(adopted=adopted, deleted=len(candidates))
