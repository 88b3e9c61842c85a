"""What must hold of the file store after anything: checked by every integrity test.

After a sweep with no grace (nothing is in flight when this runs): every committed attachment
has its file with the right SHA-256; every stored object on disk is referenced by a committed
or staged row; every staging file belongs to a staged row; no temporary copy is left.
"""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mpv_app.models import Attachment, Correspondence, StagedUpload, StoredObject
from mpv_app.services.maintenance import sweep
from mpv_app.storage.files import FileStore


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def assert_store_consistent(engine: Engine, store: FileStore) -> None:
    with Session(engine, expire_on_commit=False) as session:
        later = datetime.now(UTC) + timedelta(seconds=1)
        sweep(
            session=session,
            store=store,
            staging_ttl=timedelta(days=1),
            grace=timedelta(0),
            now=later,
        )
        session.commit()
    with Session(engine) as session:
        attachments = session.exec(select(Attachment)).all()
        staged = session.exec(select(StagedUpload)).all()
        rows = set(session.exec(select(StoredObject.sha256)).all())
    for attachment in attachments:
        path = store.path_for(attachment.sha256)
        assert path.is_file(), f"attachment {attachment.original_name!r} lost its file"
        assert _sha256(path) == attachment.sha256, f"{attachment.original_name!r} altered"
        assert attachment.sha256 in rows, "a committed object has no stored_object row"
    referenced = {a.sha256 for a in attachments} | {u.sha256 for u in staged}
    on_disk = set(store.object_names())
    assert on_disk <= referenced, f"unreferenced objects survived the sweep: {on_disk - referenced}"
    staging = {p.name for p in store.staging.iterdir()} if store.staging.exists() else set()
    rows_staged = {u.staging_name for u in staged}
    assert staging == rows_staged, (
        f"staging leftovers {sorted(staging - rows_staged)}, "
        f"staged rows without a file {sorted(rows_staged - staging)}"
    )
    assert not store.temporaries(), "a temporary copy was left in the store"


def assert_numbers_gap_free(engine: Engine) -> list[int]:
    with Session(engine) as session:
        sequences = sorted(session.exec(select(Correspondence.sequence)).all())
    assert sequences == list(range(1, len(sequences) + 1)), f"gap or duplicate: {sequences}"
    return sequences
