"""audit_log.action is a closed vocabulary on both databases: the ORM and the database refuse
a code AuditAction does not list, and migration 0009 adds that check without touching rows."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from alembic import command
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import Session, select

from mpv_app.db import make_engine
from mpv_app.domain.audit import AuditAction
from mpv_app.models import AuditLog
from mpv_app.services import audit
from tests.integration.conftest import alembic_config

_RAW_INSERT = sa.text(
    "INSERT INTO audit_log (action, entity, entity_id, detail, created_at)"
    " VALUES (:action, 'user', '1', '{}', CURRENT_TIMESTAMP)"
)


def test_every_action_is_stored_and_read_back_as_the_enum(session: Session) -> None:
    for action in AuditAction:
        audit.record(session, action=action, entity="user", entity_id=1)
    session.commit()
    stored = session.exec(select(AuditLog.action)).all()
    assert sorted(stored) == sorted(AuditAction)
    assert all(type(action) is AuditAction for action in stored)


def test_the_orm_refuses_an_unknown_action(session: Session) -> None:
    session.add(AuditLog(action="calendar.holiday_add", entity="user", entity_id="1"))  # type: ignore[arg-type]
    with pytest.raises(StatementError):
        session.flush()


def test_the_database_refuses_an_unknown_action(session: Session) -> None:
    with pytest.raises(IntegrityError):
        session.execute(_RAW_INSERT, {"action": "calendar.holiday_add"})
    session.rollback()
    session.execute(_RAW_INSERT, {"action": "auth.login"})  # a listed code goes in


def test_migration_0009_keeps_rows_and_walks_down_and_up(database_url: str) -> None:
    config = alembic_config(database_url)
    command.upgrade(config, "0008_add_filing_invoices")
    engine = make_engine(database_url)
    try:
        with engine.begin() as connection:
            connection.execute(_RAW_INSERT, {"action": "filing.take"})
        command.upgrade(config, "0009_audit_action_enum")
        with engine.begin() as connection:
            kept = connection.execute(sa.text("SELECT action FROM audit_log")).scalars().all()
        assert kept == ["filing.take"]
        with pytest.raises(IntegrityError), engine.begin() as connection:
            connection.execute(_RAW_INSERT, {"action": "bogus.code"})

        command.downgrade(config, "0008_add_filing_invoices")
        with engine.begin() as connection:
            connection.execute(_RAW_INSERT, {"action": "bogus.code"})  # free text again
            connection.execute(sa.text("DELETE FROM audit_log WHERE action = 'bogus.code'"))
            kept = connection.execute(sa.text("SELECT action FROM audit_log")).scalars().all()
        assert kept == ["filing.take"]
        command.upgrade(config, "head")
    finally:
        engine.dispose()
