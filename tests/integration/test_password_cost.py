"""Passwords are hashed at the cost MPV_PASSWORD_* sets, and older hashes are redone at login.

argon2-cffi's default profile (64 MiB, 3 passes, 4 lanes) cost 95–150 ms of CPU per login on
these cores: at 300 arrivals in 20 s, logins queued past 15 s (bench/load.py). The default is
now OWASP's minimum for argon2id; accounts hashed before keep working and are upgraded the
next time they log in, on both the one-session path and the login page's.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mpv_app.models import User
from mpv_app.services import login as login_service
from mpv_app.services.passwords import hash_password, needs_rehash, verify_password
from mpv_app.settings import get_settings
from tests.factories import STRONG_PASSWORD, confirmed_user

OLD_PROFILE = PasswordHasher()  # what every hash was made with before this change
IP = "198.51.100.77"


def _cost(password_hash: str) -> str:
    return password_hash.split("$")[3]  # "$argon2id$v=19$m=…,t=…,p=…$salt$hash"


@pytest.fixture
def old_hash_user(engine: Engine) -> Iterator[str]:
    with Session(engine) as session:
        user = confirmed_user(session)
        user.password_hash = OLD_PROFILE.hash(STRONG_PASSWORD)
        session.add(user)
        email = user.email
        session.commit()
    yield email  # the session is closed: on SQLite it would hold the write lock


def _stored_hash(engine: Engine, email: str) -> str:
    with Session(engine) as session:
        return session.exec(select(User.password_hash).where(User.email == email)).one()


def test_new_hashes_use_the_configured_cost(monkeypatch: pytest.MonkeyPatch) -> None:
    assert _cost(hash_password("una clave")) == "m=19456,t=2,p=1"
    monkeypatch.setenv("MPV_PASSWORD_TIME_COST", "3")
    get_settings.cache_clear()
    try:
        made = hash_password("una clave")
        assert _cost(made) == "m=19456,t=3,p=1"
        assert verify_password(made, "una clave")
        assert not verify_password(made, "otra clave")
    finally:
        monkeypatch.delenv("MPV_PASSWORD_TIME_COST")
        get_settings.cache_clear()
    assert needs_rehash(made)  # back at t=2, the t=3 hash is due for redoing
    assert not needs_rehash("!")  # an account without a password is not an argon2 hash


def test_an_old_hash_logs_in_and_is_redone(engine: Engine, old_hash_user: str) -> None:
    assert _cost(_stored_hash(engine, old_hash_user)) == "m=65536,t=3,p=4"
    with Session(engine) as session:
        result = login_service.login(
            session=session,
            email=old_hash_user,
            password=STRONG_PASSWORD,
            ip_address=IP,
            now=datetime.now(UTC),
        )
        session.commit()
    assert result.token
    redone = _stored_hash(engine, old_hash_user)
    assert _cost(redone) == "m=19456,t=2,p=1"
    assert verify_password(redone, STRONG_PASSWORD)


def test_the_login_page_path_redoes_it_too(engine: Engine, old_hash_user: str) -> None:
    result = asyncio.run(
        login_service.sign_in(
            email=old_hash_user, password=STRONG_PASSWORD, ip_address=IP, engine=engine
        )
    )
    assert result.token
    assert _cost(_stored_hash(engine, old_hash_user)) == "m=19456,t=2,p=1"
    again = asyncio.run(
        login_service.sign_in(
            email=old_hash_user, password=STRONG_PASSWORD, ip_address=IP, engine=engine
        )
    )
    assert again.token  # the redone hash verifies


def test_a_wrong_password_redoes_nothing(engine: Engine, old_hash_user: str) -> None:
    before = _stored_hash(engine, old_hash_user)
    result = asyncio.run(
        login_service.sign_in(
            email=old_hash_user, password="NoEsLaClave#2026", ip_address=IP, engine=engine
        )
    )
    assert result.token is None
    assert _stored_hash(engine, old_hash_user) == before
