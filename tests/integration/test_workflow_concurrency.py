"""Two colleagues press "Tomar" on the same filing at the same moment: exactly one wins.

Each thread has its own engine and session, as two app workers would. Both read version 1
before either writes (a barrier), so the loser is stopped by the conditional UPDATE on
PostgreSQL, or, on SQLite, by seeing version 2 once the winner's BEGIN IMMEDIATE is released.
On PostgreSQL a second barrier holds both at their UPDATE, so both have passed the in-memory
version check and only the conditional UPDATE (and its row lock) can tell them apart.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mpv_app.db import make_engine
from mpv_app.domain.enums import EventAction, Role, Status
from mpv_app.models import Correspondence, OutboxEmail, StatusEvent
from mpv_app.services import workflow
from mpv_app.services.workflow import StaleFiling
from mpv_app.storage.files import FileStore
from tests.factories import filed, sender_without_password, staff_user

ROUNDS = 5


def _hold_update(barrier: threading.Barrier) -> Any:
    def hook(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("UPDATE CORRESPONDENCE"):
            barrier.wait(timeout=30)

    return hook


def _take_at_once(url: str, actors: list[int], number: str) -> list[str]:
    """Each actor's outcome: "ok", "stale", or the repr of anything unexpected."""
    barrier = threading.Barrier(len(actors))
    at_update = threading.Barrier(len(actors))
    outcomes: list[str] = ["" for _ in actors]

    def worker(index: int, actor_id: int) -> None:
        engine: Engine = make_engine(url)
        if engine.dialect.name == "postgresql":
            # SQLite cannot: BEGIN IMMEDIATE keeps the second thread from reading at all.
            event.listen(engine, "before_cursor_execute", _hold_update(at_update))
        try:
            with Session(engine, expire_on_commit=False) as session:
                shown = session.exec(
                    select(Correspondence.version).where(Correspondence.tracking_number == number)
                ).one()
                session.commit()  # the page was rendered; its transaction is over
                barrier.wait(timeout=30)
                try:
                    workflow.take(
                        session=session,
                        actor_id=actor_id,
                        tracking_number=number,
                        expected_version=shown,
                    )
                    session.commit()
                    outcomes[index] = "ok"
                except StaleFiling:
                    session.rollback()
                    outcomes[index] = "stale"
        except Exception as error:  # reported, not swallowed: the assertion shows it
            outcomes[index] = repr(error)
        finally:
            engine.dispose()

    threads = [threading.Thread(target=worker, args=(i, actor)) for i, actor in enumerate(actors)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a worker hung"
    return outcomes


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_two_simultaneous_takes_one_wins_one_is_stale(
    database_url: str, session: Session, seeded: None, tmp_path: Path, round_: int
) -> None:
    store = FileStore(tmp_path / "files")
    sender = sender_without_password(session, 1)
    number = filed(session, sender, store).tracking_number  # lands in OP-TD, version 1
    first = staff_user(session, Role.DEPARTMENT, "OP-TD")
    second = staff_user(session, Role.DEPARTMENT, "OP-TD")
    assert first.id is not None and second.id is not None
    filing_id = session.exec(
        select(Correspondence.id).where(Correspondence.tracking_number == number)
    ).one()
    session.commit()

    outcomes = _take_at_once(database_url, [first.id, second.id], number)

    assert sorted(outcomes) == ["ok", "stale"], outcomes
    filing = session.exec(select(Correspondence).where(Correspondence.id == filing_id)).one()
    session.refresh(filing)
    assert (filing.status, filing.version) == (Status.IN_PROGRESS, 2)
    takes = session.exec(
        select(StatusEvent).where(
            StatusEvent.correspondence_id == filing_id, StatusEvent.action == EventAction.TAKE
        )
    ).all()
    assert len(takes) == 1
    winner = [first.id, second.id][outcomes.index("ok")]
    assert takes[0].actor_user_id == winner
    emails = session.exec(
        select(func.count())
        .select_from(OutboxEmail)
        .where(OutboxEmail.correspondence_id == filing_id)
    ).one()
    assert emails == 2  # the registration email and the one for the take
    session.commit()
