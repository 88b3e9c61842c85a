"""A committed filing never loses its files: races, lost COMMIT replies, shared bytes, sweeps.

Each test reproduces one way the store used to lose a committed file (issue 11, cases 1–4),
on SQLite and PostgreSQL, with real threads and real connections, and ends by checking the
store's invariants (``tests.store_invariants``).
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import suppress
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from mpv_app.models import Attachment, Correspondence, StagedUpload, StoredObject
from mpv_app.services import filing as filing_service
from mpv_app.services.drafts import load_draft
from mpv_app.services.filing import Submitted, submit_filing
from mpv_app.services.maintenance import sweep
from mpv_app.services.submission import submit_resolving
from mpv_app.storage.files import FileStore
from tests.factories import filing_form, pdf_bytes, sender_without_password, stage_bytes
from tests.store_invariants import assert_numbers_gap_free, assert_store_consistent

WAIT_S = 1.5  # how long one side waits for the other before going on alone


class HookedStore(FileStore):
    """The real store, with a pause after a publish or before a delete (to open a race)."""

    def __init__(self, root: Path) -> None:
        super().__init__(root)
        self.after_publish: Callable[[], None] = lambda: None
        self.before_delete: Callable[[], None] = lambda: None

    def publish(self, staging_name: str, sha256: str) -> None:
        super().publish(staging_name, sha256)
        self.after_publish()

    def delete_object(self, sha256: str) -> None:
        self.before_delete()
        super().delete_object(sha256)


@pytest.fixture
def store(tmp_path: Path) -> HookedStore:
    return HookedStore(tmp_path / "files")


def _sender_with_main(session: Session, store: FileStore, n: int, data: bytes) -> int:
    user = sender_without_password(session, n)
    assert user.id is not None
    load_draft(session=session, user_id=user.id)
    stage_bytes(session, store, user.id, data, f"carta-{n}.pdf")
    session.commit()
    return user.id


def _resolving(engine: Engine, store: FileStore, user_id: int, key: str, form: object) -> Submitted:
    return asyncio.run(
        submit_resolving(
            user_id=user_id,
            form=form,  # type: ignore[arg-type]
            submission_key=key,
            store=store,
            engine=engine,
        )
    )


def _count(engine: Engine, model: type) -> int:
    with Session(engine) as session:
        return int(session.exec(select(func.count()).select_from(model)).one())


def test_two_tabs_submitting_the_same_form_file_once_with_its_files(
    engine: Engine, session: Session, seeded: None, store: HookedStore
) -> None:
    """Case 1: both tabs share the draft's submission key; the loser must not cost a file."""
    rounds = 5
    users = [
        _sender_with_main(session, store, n, pdf_bytes(3, f"Carta {n}")) for n in range(rounds)
    ]
    form = filing_form(session)
    session.commit()
    for user_id in users:
        barrier = threading.Barrier(2, timeout=WAIT_S)

        def _meet(barrier: threading.Barrier = barrier) -> None:
            # Both published before either commits, where the database lets them; otherwise
            # the other tab waits on a lock and goes on after this one commits.
            with suppress(threading.BrokenBarrierError):
                barrier.wait()

        store.after_publish = _meet
        with ThreadPoolExecutor(max_workers=2) as pool:
            tabs = [
                pool.submit(_resolving, engine, store, user_id, f"draft-{user_id}", form)
                for _ in range(2)
            ]
            results = [tab.result() for tab in tabs]
        store.after_publish = lambda: None
        assert results[0].tracking_number == results[1].tracking_number
        assert sorted(r.created for r in results) in ([False, True], [False, False])
    assert _count(engine, Correspondence) == rounds
    assert _count(engine, Attachment) == rounds
    assert_numbers_gap_free(engine)
    assert_store_consistent(engine, store)


def test_a_lost_reply_to_commit_is_resolved_as_the_filing_it_made(
    engine: Engine, session: Session, seeded: None, store: HookedStore, database_url: str
) -> None:
    """Case 2: the COMMIT happened but its reply never came back."""
    from tests.integration.faults import lost_commit_reply

    user_id = _sender_with_main(session, store, 1, pdf_bytes(3, "Carta"))
    form = filing_form(session)
    session.commit()
    with lost_commit_reply(database_url) as faulty:
        result = _resolving(faulty.engine, store, user_id, "draft-key", form)
        assert faulty.fired, "the fault was not injected: the test proves nothing"
    assert result.tracking_number.endswith("000001")
    with Session(engine) as check:
        filing = check.exec(select(Correspondence)).one()
        files = check.exec(select(Attachment)).all()
    assert filing.tracking_number == result.tracking_number
    assert len(files) == 1 and store.exists(files[0].sha256)
    # A retry of the same form (the sender pressed again) reports the same filing.
    again = _resolving(engine, store, user_id, "draft-key", form)
    assert (again.tracking_number, again.created) == (result.tracking_number, False)
    assert_store_consistent(engine, store)


def test_a_rolled_back_submit_keeps_the_object_another_sender_committed(
    engine: Engine,
    session: Session,
    seeded: None,
    store: HookedStore,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Case 3: A published the shared bytes first, B committed them, then A rolled back."""
    same = pdf_bytes(3, "Mismo contenido")
    a_id = _sender_with_main(session, store, 1, same)
    b_id = _sender_with_main(session, store, 2, same)
    form = filing_form(session)
    session.commit()
    a_published, b_started = threading.Event(), threading.Event()
    real_enqueue = filing_service.outbox.enqueue

    def _a_fails_after_b(*args: object, **kwargs: object) -> object:
        if threading.current_thread().name == "sender-a":
            b_started.wait(WAIT_S)
            time.sleep(0.2)  # B is now publishing (or queued behind A's lock)
            raise RuntimeError("A's submit dies after publishing")
        return real_enqueue(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(filing_service.outbox, "enqueue", _a_fails_after_b)

    def _sender_a() -> None:
        store.after_publish = a_published.set
        with Session(engine) as own:
            with pytest.raises(RuntimeError):
                submit_filing(session=own, user_id=a_id, form=form, submission_key="a", store=store)
            own.rollback()

    thread = threading.Thread(target=_sender_a, name="sender-a")
    thread.start()
    assert a_published.wait(10)
    store.after_publish = lambda: None
    b_started.set()
    b = _resolving(engine, store, b_id, "b", form)
    thread.join(20)
    assert b.created
    with Session(engine) as check:
        (attachment,) = check.exec(select(Attachment)).all()
    assert store.exists(attachment.sha256)
    assert _count(engine, Correspondence) == 1
    assert_store_consistent(engine, store)


def test_a_sweep_during_a_submit_never_deletes_what_it_publishes(
    engine: Engine, session: Session, seeded: None, store: HookedStore
) -> None:
    """Case 4: the upload is hours old (a hard link keeps its mtime) and the sweep runs
    between the publish and the commit."""
    user_id = _sender_with_main(session, store, 1, pdf_bytes(3, "Carta antigua"))
    form = filing_form(session)
    session.commit()
    for path in store.staging.iterdir():
        old = time.time() - 3 * 3600
        os.utime(path, (old, old))
    published, swept = threading.Event(), threading.Event()

    def _pause() -> None:
        published.set()
        swept.wait(WAIT_S)  # the sweep is blocked behind this transaction, or done

    store.after_publish = _pause

    def _sweep() -> None:
        published.wait(10)
        with Session(engine) as own:
            sweep(session=own, store=store, staging_ttl=timedelta(hours=24))
            own.commit()
        swept.set()

    sweeper = threading.Thread(target=_sweep)
    sweeper.start()
    result = _resolving(engine, store, user_id, "k", form)
    sweeper.join(30)
    store.after_publish = lambda: None
    assert result.created and not sweeper.is_alive()
    with Session(engine) as check:
        (attachment,) = check.exec(select(Attachment)).all()
    assert store.exists(attachment.sha256)
    assert_store_consistent(engine, store)


def test_a_publish_while_the_sweep_deletes_the_same_object_relinks_it(
    engine: Engine, session: Session, seeded: None, store: HookedStore
) -> None:
    """The other order: an old unreferenced object is being deleted when a submit of the same
    bytes publishes it; the submit waits for the sweep and stores a fresh copy."""
    same = pdf_bytes(3, "Reutilizado")
    orphan_owner = _sender_with_main(session, store, 1, same)
    with Session(engine) as own:  # publish without filing: an unreferenced, old object
        (upload,) = own.exec(select(StagedUpload).where(StagedUpload.user_id == orphan_owner))
        store.publish(upload.staging_name, upload.sha256)
        sha = upload.sha256
        own.delete(upload)
        own.commit()
    old = time.time() - 3 * 3600
    os.utime(store.path_for(sha), (old, old))
    filer = sender_without_password(session, 2)
    assert filer.id is not None
    form = filing_form(session)
    session.commit()
    deleting, filed = threading.Event(), threading.Event()

    def _slow_delete() -> None:
        deleting.set()
        filed.wait(WAIT_S)

    store.before_delete = _slow_delete

    def _sweep() -> None:
        with Session(engine) as own:
            sweep(session=own, store=store, staging_ttl=timedelta(hours=24))
            own.commit()

    sweeper = threading.Thread(target=_sweep)
    sweeper.start()
    assert deleting.wait(10)
    # The same bytes arrive now: staged after the sweep chose its candidates.
    with Session(engine) as own:
        stage_bytes(own, store, filer.id, same, "carta.pdf")
    result = _resolving(engine, store, filer.id, "k", form)
    filed.set()
    sweeper.join(30)
    store.before_delete = lambda: None
    assert result.created
    assert store.exists(sha)
    with Session(engine) as check:
        assert check.get(StoredObject, sha) is not None
    assert_store_consistent(engine, store)
