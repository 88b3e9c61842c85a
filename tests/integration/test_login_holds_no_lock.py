"""A login never holds the database while it pauses or checks a password.

The per-IP pause (up to 8 s) and argon2 ran inside the login's writing transaction: on SQLite
that is the one write lock, so while failed logins from one address waited out their pause,
nobody could file, register or even log in. ``services.login.sign_in`` now reads, pauses and
hashes outside any transaction, then writes. The writer here has a 1 s lock timeout and the
login is made to pause 2 s; before the change the writer failed with "database is locked".
"""

from __future__ import annotations

import asyncio
import time
from datetime import UTC, datetime

from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from mpv_app.db import DbTimeouts, make_engine, session_scope
from mpv_app.models import AuthSession, LoginAttempt
from mpv_app.services import login as login_service
from mpv_app.settings import get_settings
from tests.factories import STRONG_PASSWORD, confirmed_user

IP = "198.51.100.40"


def test_a_pausing_login_lets_a_writer_through(engine: Engine, database_url: str) -> None:
    with Session(engine) as session:
        user = confirmed_user(session)
        email = user.email
        now = datetime.now(UTC)
        # Failures from this address on other accounts: one past the threshold pauses 0.5 s,
        # the next doubles it; three past it pause 2 s.
        for i in range(get_settings().login_max_failures_per_ip + 3):
            session.add(
                LoginAttempt(
                    email=f"otra{i}@correo.pe", ip_address=IP, succeeded=False, created_at=now
                )
            )
        session.commit()
    short = make_engine(database_url, DbTimeouts(connect_s=2, statement_s=3, lock_s=1))

    async def scenario() -> tuple[float, float]:
        started = time.monotonic()
        login = asyncio.create_task(
            login_service.sign_in(
                email=email, password=STRONG_PASSWORD, ip_address=IP, engine=short
            )
        )
        await asyncio.sleep(0.5)  # the login is pausing now

        def write() -> float:
            with session_scope(short) as session:
                session.add(
                    LoginAttempt(
                        email="tercero@correo.pe",
                        ip_address="192.0.2.9",
                        succeeded=False,
                        created_at=datetime.now(UTC),
                    )
                )
            return time.monotonic() - started

        wrote_at = await asyncio.to_thread(write)  # before: "database is locked" after 1 s
        result = await login
        assert result.token is not None, result.error  # the right password still gets in
        return wrote_at, time.monotonic() - started

    wrote_at, logged_in_at = asyncio.run(scenario())
    assert wrote_at < logged_in_at, "the writer waited for the login to end"
    with Session(short) as session:
        assert session.exec(select(func.count()).select_from(AuthSession)).one() == 1
    short.dispose()
