"""No request waits on a blocked database longer than the configured timeouts (issue 11, 5).

Another connection holds the lock a submit needs; the submit must give up within the lock
timeout with an error the UI shows as "El servicio está ocupado", write nothing, keep the
sender's staged files and draft, and succeed, gap-free, once the lock is gone.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlalchemy.engine import Engine, make_url
from sqlmodel import Session, func, select

from mpv_app.db import DbTimeouts, make_engine
from mpv_app.models import Correspondence, FilingDraft, StagedUpload
from mpv_app.services.drafts import load_draft
from mpv_app.services.errors import BUSY
from mpv_app.services.submission import submit_resolving
from mpv_app.state.common import UNAVAILABLE
from mpv_app.storage.files import FileStore
from tests.factories import filing_form, pdf_bytes, sender_without_password, stage_bytes
from tests.store_invariants import assert_numbers_gap_free, assert_store_consistent

SHORT = DbTimeouts(connect_s=2, statement_s=3, lock_s=1)


@contextmanager
def _lock_held(database_url: str) -> Iterator[threading.Event]:
    """Another client holds the write lock a submit needs until the event is set."""
    holder = make_engine(database_url, DbTimeouts(connect_s=2, statement_s=0, lock_s=0))
    release, locked = threading.Event(), threading.Event()

    def _hold() -> None:
        with holder.connect() as connection:
            if make_url(database_url).get_backend_name() == "postgresql":
                connection.execute(text("LOCK TABLE correspondence IN EXCLUSIVE MODE"))
            else:
                connection.execute(text("SELECT 1"))  # BEGIN IMMEDIATE: the write lock
            locked.set()
            release.wait(60)
            connection.rollback()

    thread = threading.Thread(target=_hold)
    thread.start()
    assert locked.wait(10)
    try:
        yield release
    finally:
        release.set()
        thread.join(10)
        holder.dispose()


def test_a_blocked_database_gives_up_in_time_and_writes_nothing(
    engine: Engine, session: Session, seeded: None, database_url: str, tmp_path: Path
) -> None:
    store = FileStore(tmp_path / "files")
    user = sender_without_password(session)
    assert user.id is not None
    load_draft(session=session, user_id=user.id)
    stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")
    form = filing_form(session)
    session.commit()
    impatient = make_engine(database_url, SHORT)

    def _submit(on: Engine) -> object:
        return asyncio.run(
            submit_resolving(
                user_id=user.id or 0, form=form, submission_key="k", store=store, engine=on
            )
        )

    with _lock_held(database_url) as release:
        with pytest.raises(UNAVAILABLE) as caught:
            _submit(impatient)
        assert not release.is_set(), "the submit waited for the lock holder instead of timing out"
    assert "ocupado" in BUSY
    message = str(caught.value).lower()
    assert "lock" in message or "locked" in message or "timeout" in message, message
    with Session(engine) as check:
        assert check.exec(select(func.count()).select_from(Correspondence)).one() == 0
        assert check.exec(select(func.count()).select_from(StagedUpload)).one() == 1
        assert check.exec(select(func.count()).select_from(FilingDraft)).one() == 1
    result = _submit(impatient)  # the lock is gone: the same form files, number 1
    assert result.created  # type: ignore[attr-defined]
    impatient.dispose()
    assert assert_numbers_gap_free(engine) == [1]
    assert_store_consistent(engine, store)


def test_postgres_connections_carry_statement_and_lock_timeouts(database_url: str) -> None:
    if make_url(database_url).get_backend_name() != "postgresql":
        engine = make_engine(database_url, SHORT)
        with engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar() == 1000
        engine.dispose()
        return
    engine = make_engine(database_url, SHORT)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "3s"
        assert connection.exec_driver_sql("SHOW lock_timeout").scalar() == "1s"
        with pytest.raises(UNAVAILABLE):
            connection.exec_driver_sql("SELECT pg_sleep(10)")
    engine.dispose()
