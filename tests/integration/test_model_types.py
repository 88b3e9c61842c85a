"""Column types behave the same on both databases: aware UTC datetimes, enums by value."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest
from sqlalchemy import text
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from mpv_app.models import AuthSession, Role, User


def _user(email: str, role: Role = Role.SENDER) -> User:
    return User(email=email, password_hash="x", role=role)


def test_datetimes_come_back_aware_in_utc(session: Session) -> None:
    lima = timezone(timedelta(hours=-5))
    user = _user("a@example.pe")
    session.add(user)
    session.flush()
    assert user.id is not None
    expires = datetime(2026, 11, 23, 16, 36, tzinfo=lima)
    session.add(AuthSession(token_hash="h" * 64, user_id=user.id, expires_at=expires))
    session.commit()
    session.expunge_all()

    stored = session.exec(select(AuthSession)).one()
    assert stored.expires_at.tzinfo is not None
    assert stored.expires_at.utcoffset() == timedelta(0)
    assert stored.expires_at == datetime(2026, 11, 23, 21, 36, tzinfo=UTC)


def test_naive_datetimes_are_refused(session: Session) -> None:
    user = _user("b@example.pe")
    session.add(user)
    session.flush()
    assert user.id is not None
    session.add(AuthSession(token_hash="n" * 64, user_id=user.id, expires_at=datetime(2026, 1, 1)))
    with pytest.raises(Exception, match="naive datetime"):
        session.flush()


def test_enums_are_stored_by_value(session: Session) -> None:
    session.add(_user("c@example.pe", Role.RECEPTION))
    session.commit()
    raw = session.exec(text("SELECT role FROM app_user")).one()  # type: ignore[call-overload]
    assert raw[0] == "mesa_partes"
    assert session.exec(select(User)).one().role is Role.RECEPTION


def test_email_is_unique(session: Session) -> None:
    session.add(_user("d@example.pe"))
    session.commit()
    session.add(_user("d@example.pe"))
    with pytest.raises(IntegrityError):
        session.commit()
