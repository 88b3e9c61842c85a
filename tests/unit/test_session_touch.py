"""A handler's session check writes only when a touch is due: once a minute, not per event."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mpv_app.domain.enums import Role
from mpv_app.domain.identity import SessionUser
from mpv_app.services.auth import touch_due
from mpv_app.settings import get_settings


def _seen(at: datetime) -> SessionUser:
    idle = timedelta(minutes=get_settings().session_idle_minutes)
    return SessionUser(
        user_id=1,
        email="ana@correo.pe",
        role=Role.SENDER,
        department_id=None,
        name="Ana",
        expires_at=at + idle,  # a touch at ``at`` set this expiry
        session_id=1,
    )


def test_a_touch_is_due_a_minute_after_the_last_one_and_not_before() -> None:
    seen = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
    user = _seen(seen)
    assert not touch_due(user, now=seen + timedelta(seconds=1))
    assert not touch_due(user, now=seen + timedelta(seconds=59))
    assert touch_due(user, now=seen + timedelta(seconds=61))
