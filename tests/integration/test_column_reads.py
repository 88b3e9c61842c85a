"""``selectors.columns.run_columns``: past the ORM when nothing is pending, through it when a
change must be flushed first; on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import event, func
from sqlalchemy import select as columns_select
from sqlmodel import Session, col

from mpv_app.domain.enums import Role
from mpv_app.models import User
from mpv_app.selectors.columns import run_columns
from tests.factories import confirmed_user


def _orm_executions(session: Session) -> list[object]:
    seen: list[object] = []
    event.listen(session, "do_orm_execute", seen.append)
    return seen


def test_a_clean_unit_of_work_reads_past_the_orm(session: Session) -> None:
    user = confirmed_user(session)
    session.commit()
    seen = _orm_executions(session)
    email = run_columns(
        session, columns_select(col(User.email)).where(col(User.id) == user.id)
    ).scalar_one()
    assert email == user.email
    assert seen == [], "a column read with nothing pending went through the ORM"


def test_a_pending_change_is_flushed_before_the_read_sees_the_table(session: Session) -> None:
    before = run_columns(session, columns_select(func.count()).select_from(User)).scalar_one()
    session.add(User(email="pendiente@example.pe", password_hash="!", role=Role.SENDER))
    seen = _orm_executions(session)
    after = run_columns(session, columns_select(func.count()).select_from(User)).scalar_one()
    assert after == before + 1, "the read missed a row still pending in the session"
    assert len(seen) == 1
