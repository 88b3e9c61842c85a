"""Two uploads of one sender at the same moment cannot stage more than one filing's 20 MB.

The new-filing page sends each dropped file in its own request, so a sender's uploads do run
at once. Each thread has its own engine, as two workers would; both reach the budget check
before either writes (a barrier on the staged-upload read) unless the service serializes
them, in which case the barrier gives up after two seconds and the first one proceeds.
"""

from __future__ import annotations

import contextlib
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mpv_app.db import make_engine
from mpv_app.domain.enums import AttachmentKind
from mpv_app.domain.files import FileRuleError
from mpv_app.models import StagedUpload
from mpv_app.services.uploads import stage_upload
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore
from tests.factories import sender_without_password


def _meet_at_the_budget_read(barrier: threading.Barrier) -> Any:
    def hook(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        text = statement.lstrip().upper()
        if text.startswith("SELECT") and "FROM STAGED_UPLOAD" in text and "FOR UPDATE" not in text:
            # Broken: the other upload is held elsewhere (by the service's lock).
            with contextlib.suppress(threading.BrokenBarrierError):
                barrier.wait(timeout=2)

    return hook


def test_two_simultaneous_uploads_stay_within_one_budget(
    database_url: str, session: Session, seeded: None, tmp_path: Path
) -> None:
    store = FileStore(tmp_path / "files")
    sender = sender_without_password(session, 1)
    assert sender.id is not None
    user_id = sender.id
    session.commit()
    size = get_settings().max_filing_bytes * 6 // 10  # two of them do not fit
    barrier = threading.Barrier(2)
    outcomes = ["", ""]

    def upload(index: int) -> None:
        engine: Engine = make_engine(database_url)
        event.listen(engine, "before_cursor_execute", _meet_at_the_budget_read(barrier))
        staged = store.new_staged()
        staged.write(b"<anexo/>\n")
        sha = staged.finish()
        try:
            with Session(engine, expire_on_commit=False) as own:
                try:
                    stage_upload(
                        session=own,
                        user_id=user_id,
                        kind=AttachmentKind.ANNEX,
                        staging_name=staged.name,
                        original_name=f"anexo-{index}.xml",
                        sha256=sha,
                        size_bytes=size,
                        content_type="application/xml",
                        page_count=None,
                        has_signature=False,
                        store=store,
                    )
                    own.commit()
                    outcomes[index] = "staged"
                except FileRuleError as refused:
                    own.rollback()
                    outcomes[index] = "refused" if "20 MB" in refused.message else refused.message
        except Exception as error:  # reported, not swallowed: the assertion shows it
            outcomes[index] = repr(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=upload, args=(i,)) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "an upload hung"
    assert sorted(outcomes) == ["refused", "staged"], outcomes
    staged_rows = session.exec(select(StagedUpload).where(StagedUpload.user_id == user_id)).all()
    assert sum(row.size_bytes for row in staged_rows) <= get_settings().max_filing_bytes
