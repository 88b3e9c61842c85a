"""Gap-free tracking numbers: the counter row is bumped inside the filing's own transaction.

A rolled-back filing rolls its number back too, and concurrent filings queue on the counter's
row lock (PostgreSQL) or on SQLite's write lock (BEGIN IMMEDIATE), so no number is skipped or
handed out twice.
"""

from __future__ import annotations

from sqlalchemy import update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlmodel import Session, col

from mpv_app.models import TrackingCounter


def next_sequence(session: Session, year: int) -> int:
    dialect = session.get_bind().dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    session.execute(
        insert(TrackingCounter)
        .values(year=year, last_value=0)
        .on_conflict_do_nothing(index_elements=["year"])
    )
    value = session.execute(
        update(TrackingCounter)
        .where(TrackingCounter.year == year)  # type: ignore[arg-type]
        .values(last_value=col(TrackingCounter.last_value) + 1)
        .returning(col(TrackingCounter.last_value))
    ).scalar_one()
    return int(value)
