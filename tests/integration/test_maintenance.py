"""The sweep removes abandoned staging and orphan stored files, and nothing in use."""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlmodel import Session, func, select

from mpv_app.domain.enums import AttachmentKind
from mpv_app.models import StagedUpload
from mpv_app.services.filing import submit_filing
from mpv_app.services.maintenance import sweep
from mpv_app.storage.files import FileStore
from tests.factories import filing_form, pdf_bytes, sender_without_password, stage_bytes


def _age(path: Path, hours: float) -> None:
    old = time.time() - hours * 3600
    os.utime(path, (old, old))


def test_sweep_keeps_what_is_in_use_and_removes_the_rest(
    session: Session, seeded: None, tmp_path: Path
) -> None:
    store = FileStore(tmp_path / "files")
    filer, idler = sender_without_password(session, 1), sender_without_password(session, 2)
    assert filer.id is not None and idler.id is not None
    stage_bytes(session, store, filer.id, pdf_bytes(3, "presentado"), "a.pdf")
    submit_filing(
        session=session,
        user_id=filer.id,
        form=filing_form(session),
        submission_key="s",
        store=store,
    )
    session.commit()
    fresh = stage_bytes(session, store, idler.id, pdf_bytes(2, "reciente"), "b.pdf")
    abandoned = stage_bytes(
        session, store, idler.id, pdf_bytes(2, "viejo"), "c.pdf", AttachmentKind.ANNEX
    )
    abandoned.created_at = datetime.now(UTC) - timedelta(hours=30)
    session.add(abandoned)
    session.commit()
    stray = store.new_staged()
    stray.write(b"half an upload from a crash")
    stray.finish()
    _age(stray.path, 2)
    orphan_sha = "ab" * 32
    orphan = store.path_for(orphan_sha)
    orphan.parent.mkdir(parents=True, exist_ok=True)
    orphan.write_bytes(b"published by a submit that crashed before commit")
    _age(orphan, 2)

    result = sweep(session=session, store=store, staging_ttl=timedelta(hours=24))
    session.commit()

    assert (result.staged_rows, result.staging_files, result.orphan_files) == (1, 1, 1)
    remaining = session.exec(select(StagedUpload.original_name)).all()
    assert remaining == ["b.pdf"]
    assert store.staged_path(fresh.staging_name).exists()
    assert not store.staged_path(abandoned.staging_name).exists()
    assert not stray.path.exists()
    assert not orphan.exists()
    filed_files = [p for p in store.root.glob("??/??/*")]
    assert len(filed_files) == 1  # the submitted PDF stays
    assert session.exec(select(func.count()).select_from(StagedUpload)).one() == 1
