"""Login: throttled, and never holding the database while it waits or checks a password.

A login is three steps. ``check_login`` reads what throttling needs and the account's password
hash (a read: on SQLite a snapshot, not the write lock); then, outside any transaction, the
per-IP pause and the argon2 check (~25 ms of CPU at the default cost, at most one per core at
a time); then ``finish_login`` writes the attempt and, when it succeeded, the session.
Before, the pause (up to ``MPV_LOGIN_IP_DELAY_MAX_SECONDS``) and the hash ran inside the
writing transaction: on SQLite every other tab's page waited behind each login, and failed
logins from one IP could hold the whole site's write lock for seconds at a time.

``sign_in`` is what the login page runs; ``login`` runs the same steps in one session, for the
CLI and for tests of the rules. Failed logins are rows: throttling survives restarts and is
the same for every worker.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mpv_app.cpu_affinity import unpinned
from mpv_app.db import in_thread_read, in_thread_transaction
from mpv_app.domain.audit import AuditAction
from mpv_app.models import AuthSession, LoginAttempt, User
from mpv_app.services import audit, throttle
from mpv_app.services.auth import (
    BAD_CREDENTIALS,
    INACTIVE,
    NOT_CONFIRMED,
    LoginResult,
    hash_token,
    resolve_session,
    throttle_message,
)
from mpv_app.services.passwords import (
    burn_verification_time,
    hash_password,
    needs_rehash,
    verify_password,
)
from mpv_app.settings import get_settings

# argon2 takes a core (and MPV_PASSWORD_MEMORY_KIB) while it runs: more at once than cores
# only adds memory.
_PASSWORD_CHECKS = ThreadPoolExecutor(
    max_workers=os.cpu_count() or 1, thread_name_prefix="mpv-pw", initializer=unpinned
)


@dataclass(frozen=True)
class LoginCheck:
    email: str  # normalized
    delay_s: float  # the pause this IP has earned
    locked_minutes: int  # 0: the account may try from this IP
    password_hash: str | None  # None: no such account (a dummy check is spent instead)


def check_login(*, session: Session, email: str, ip_address: str, now: datetime) -> LoginCheck:
    normalized = email.strip().lower()[:254]
    user = session.exec(select(User).where(User.email == normalized)).first()
    return LoginCheck(
        email=normalized,
        delay_s=throttle.ip_delay_seconds(session, ip_address=ip_address, now=now),
        locked_minutes=throttle.login_lock_minutes(
            session, email=normalized, ip_address=ip_address, now=now
        ),
        password_hash=user.password_hash if user else None,
    )


@dataclass(frozen=True)
class PasswordVerdict:
    ok: bool
    new_hash: str | None = None  # the password hashed again at today's cost, when it was older


def check_password(check: LoginCheck, password: str) -> PasswordVerdict:
    if check.password_hash is None:
        burn_verification_time(password)  # timing does not reveal which accounts exist
        return PasswordVerdict(ok=False)
    if not verify_password(check.password_hash, password):
        return PasswordVerdict(ok=False)
    redo = needs_rehash(check.password_hash)
    return PasswordVerdict(ok=True, new_hash=hash_password(password) if redo else None)


def finish_login(
    *,
    session: Session,
    check: LoginCheck,
    verdict: PasswordVerdict,
    ip_address: str,
    user_agent: str | None,
    now: datetime,
) -> LoginResult:
    """Record the attempt; on success open the session (and store the password's newer hash,
    when the cost has changed since it was made; the login's audit row covers it). The account
    is read again: one deactivated, or whose password changed, since the check does not get in."""
    user = session.exec(select(User).where(User.email == check.email)).first()
    ok = verdict.ok and user is not None and user.password_hash == check.password_hash
    session.add(
        LoginAttempt(email=check.email, ip_address=ip_address, succeeded=ok, created_at=now)
    )
    if not ok or user is None:
        return LoginResult(token=None, error=BAD_CREDENTIALS)
    if not user.is_active:
        return LoginResult(token=None, error=INACTIVE)
    if user.email_confirmed_at is None:
        return LoginResult(token=None, error=NOT_CONFIRMED)
    assert user.id is not None
    if verdict.new_hash:
        user.password_hash = verdict.new_hash
        session.add(user)
    token = secrets.token_urlsafe(32)
    row = AuthSession(
        token_hash=hash_token(token),
        user_id=user.id,
        created_at=now,
        last_seen_at=now,
        expires_at=now + timedelta(minutes=get_settings().session_idle_minutes),
        ip_address=ip_address,
        user_agent=(user_agent or "")[:300] or None,
    )
    session.add(row)
    audit.record(
        session,
        action=AuditAction.AUTH_LOGIN,
        entity="user",
        entity_id=user.id,
        actor_user_id=user.id,
        ip_address=ip_address,
    )
    session.flush()
    # The new session read back the way every later check reads it (one statement).
    return LoginResult(
        token=token,
        error=None,
        user=resolve_session(session=session, token=token, touch=False, now=now),
    )


async def sign_in(
    *,
    email: str,
    password: str,
    ip_address: str,
    user_agent: str | None = None,
    engine: Engine | None = None,
) -> LoginResult:
    """The login page's login: no transaction is open while it pauses or hashes."""
    now = datetime.now(UTC)
    check = await in_thread_read(
        check_login, engine=engine, email=email, ip_address=ip_address, now=now
    )
    if check.delay_s:
        await asyncio.sleep(check.delay_s)  # slows guessing from one IP; refuses no one
    if check.locked_minutes:
        return LoginResult(token=None, error=throttle_message(check.locked_minutes))
    loop = asyncio.get_running_loop()
    verdict = await loop.run_in_executor(_PASSWORD_CHECKS, check_password, check, password)
    return await in_thread_transaction(
        finish_login,
        engine=engine,
        check=check,
        verdict=verdict,
        ip_address=ip_address,
        user_agent=user_agent,
        now=datetime.now(UTC),
    )


def login(
    *,
    session: Session,
    email: str,
    password: str,
    ip_address: str,
    user_agent: str | None = None,
    now: datetime | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> LoginResult:
    """The same steps in one session; never raises for bad input (the caller commits, so
    failed attempts are kept). Throttling: see ``services/throttle.py``."""
    now = now or datetime.now(UTC)
    check = check_login(session=session, email=email, ip_address=ip_address, now=now)
    if check.delay_s:
        sleep(check.delay_s)
    if check.locked_minutes:
        return LoginResult(token=None, error=throttle_message(check.locked_minutes))
    return finish_login(
        session=session,
        check=check,
        verdict=check_password(check, password),
        ip_address=ip_address,
        user_agent=user_agent,
        now=now,
    )
