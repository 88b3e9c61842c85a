"""A full disk, during an upload or a submit, loses nothing and leaves nothing (issue 11, 6–7).

The test mounts a small tmpfs (it runs as root in CI); where mounting is impossible outside CI
it skips, loudly. Each test checks that no partial file and no open descriptor is left: the
unmount at the end fails if a descriptor into the mount is still open.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from mpv_app.domain.enums import AttachmentKind
from mpv_app.domain.store_errors import StoreProblem
from mpv_app.models import Correspondence, StagedUpload
from mpv_app.services.drafts import load_draft
from mpv_app.services.submission import submit_resolving
from mpv_app.services.uploads import accept_upload
from mpv_app.storage.files import FileStore, StoreFailure
from tests.conftest import IN_CI
from tests.factories import (
    filing_form,
    pdf_bytes,
    sender_without_password,
    stage_bytes,
    upload_chunks,
)
from tests.store_invariants import assert_store_consistent


@contextmanager
def tiny_disk(path: Path, size: str, *, read_only: bool = False) -> Iterator[Path]:
    path.mkdir(parents=True, exist_ok=True)
    options = f"size={size}" + (",ro" if read_only else "")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(path)],
        capture_output=True,
        text=True,
    )
    if mounted.returncode != 0:
        reason = f"cannot mount a tmpfs ({mounted.stderr.strip()}): full-disk tests need root"
        if IN_CI:
            pytest.fail(reason)
        pytest.skip(f"SKIPPED LOUDLY: {reason}")
    try:
        yield path
    finally:
        # Fails ("target is busy") if anything still holds a descriptor into the mount.
        subprocess.run(["umount", str(path)], check=True, capture_output=True)


def _open_into(path: Path) -> list[str]:
    fds = Path("/proc/self/fd")
    found = []
    for fd in fds.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(str(path)):
            found.append(target)
    return found


def test_a_full_disk_during_an_upload_says_so_in_spanish_and_leaves_nothing(
    engine: Engine, session: Session, tmp_path: Path
) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    session.commit()
    with tiny_disk(tmp_path / "files", "256k") as root:
        store = FileStore(root)
        big = pdf_bytes(1) + os.urandom(1024 * 1024)
        outcome = asyncio.run(
            accept_upload(
                chunks=upload_chunks("anexo grande.pdf", big),
                user_id=user.id,
                kind=AttachmentKind.ANNEX,
                store=store,
                engine=engine,
            )
        )
        assert outcome.staged == 0
        (message,) = outcome.messages
        assert "«anexo grande.pdf»" in message and "espacio" in message
        assert list(store.staging.iterdir()) == []
        assert _open_into(root) == []
    with Session(engine) as check:
        assert check.exec(select(func.count()).select_from(StagedUpload)).one() == 0


def test_a_read_only_store_refuses_the_upload_in_spanish(
    engine: Engine, session: Session, tmp_path: Path
) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    session.commit()
    with tiny_disk(tmp_path / "files", "1m", read_only=True) as root:
        outcome = asyncio.run(
            accept_upload(
                chunks=upload_chunks("carta.pdf", pdf_bytes(1)),
                user_id=user.id,
                kind=AttachmentKind.MAIN,
                store=FileStore(root),
                engine=engine,
            )
        )
        assert outcome.staged == 0
        (message,) = outcome.messages
        assert "«carta.pdf»" in message and "no acepta escritura" in message
        assert _open_into(root) == []


def test_the_copy_fallback_on_a_full_disk_leaves_no_half_object(
    engine: Engine, session: Session, seeded: None, tmp_path: Path
) -> None:
    """Staging and store on different file systems (no hard link): the copy hits ENOSPC."""
    store = FileStore(tmp_path / "files")
    user = sender_without_password(session)
    assert user.id is not None
    load_draft(session=session, user_id=user.id)
    data = pdf_bytes(3, "Carta con relleno") + os.urandom(512 * 1024)
    staged = stage_bytes(session, store, user.id, data, "carta.pdf")
    form = filing_form(session)
    session.commit()
    sha = hashlib.sha256(data).hexdigest()
    assert staged.sha256 == sha

    def _submit() -> object:
        return asyncio.run(
            submit_resolving(
                user_id=user.id or 0, form=form, submission_key="k", store=store, engine=engine
            )
        )

    with tiny_disk(store.root / sha[:2], "128k") as shard:
        with pytest.raises(StoreFailure) as caught:
            _submit()
        assert caught.value.problem is StoreProblem.NO_SPACE
        assert [p for p in shard.rglob("*") if p.is_file()] == []
        assert _open_into(shard) == []
    with Session(engine) as check:
        assert check.exec(select(func.count()).select_from(Correspondence)).one() == 0
        assert check.exec(select(func.count()).select_from(StagedUpload)).one() == 1
    with tiny_disk(store.root / sha[:2], "4m"):  # room enough: the copy fallback works
        result = _submit()
        assert result.created  # type: ignore[attr-defined]
        copied = store.path_for(sha)
        assert hashlib.sha256(copied.read_bytes()).hexdigest() == sha
        assert_store_consistent(engine, store)
