"""Server-side sessions (the login itself is ``services/login.py``).

The browser keeps only a random token; the database keeps its SHA-256, so a leaked table does
not hand out live sessions. Failed logins are rows too: throttling survives restarts and is the
same for every worker.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import bindparam, update
from sqlalchemy import select as columns_select
from sqlmodel import Session, col, select

from mpv_app.domain.audit import AuditAction
from mpv_app.domain.identity import SessionUser
from mpv_app.models import AuthSession, Sender, User
from mpv_app.selectors.columns import run_columns
from mpv_app.selectors.names import name_of
from mpv_app.services import audit
from mpv_app.settings import get_settings

BAD_CREDENTIALS = "Correo o contraseña incorrectos."
NOT_CONFIRMED = (
    "Debe confirmar su correo antes de ingresar. Revise su bandeja de entrada o solicite un "
    "nuevo correo de confirmación."
)
INACTIVE = "Su cuenta está desactivada. Comuníquese con Trámite Documentario (6145000 anexo 14344)."
# Touch a session at most once a minute: every handler re-checks it, few need to write
# (issue 16: no database write on every event).
_TOUCH_EVERY = timedelta(seconds=60)


def _touch_every() -> timedelta:
    return min(_TOUCH_EVERY, timedelta(minutes=get_settings().session_idle_minutes) / 10)


@dataclass(frozen=True)
class LoginResult:
    token: str | None
    error: str | None
    user: SessionUser | None = None


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def throttle_message(minutes: int) -> str:
    unit = "minuto" if minutes == 1 else "minutos"
    return (
        "Demasiados intentos fallidos. Por seguridad, espere "
        f"{minutes} {unit} antes de volver a intentarlo."
    )


def touch_due(user: SessionUser, *, now: datetime | None = None) -> bool:
    """Whether a handler seeing this session should write its last-seen time now (at most
    once a minute): the other checks are reads, which never wait for the write lock."""
    now = now or datetime.now(UTC)
    last_seen = user.expires_at - timedelta(minutes=get_settings().session_idle_minutes)
    return now - last_seen >= _touch_every()


# Every navigation and every handler checks the session: one statement, built once (building
# a select costs more CPU than SQLite spends running it), columns only, no ORM rows.
_SESSION_COLUMNS: list[Any] = [
    col(AuthSession.id).label("session_id"),
    AuthSession.revoked_at,
    AuthSession.expires_at,
    AuthSession.last_seen_at,
    col(User.id).label("user_id"),
    User.email,
    User.role,
    User.department_id,
    User.is_active,
    col(Sender.id).label("sender_id"),
    Sender.kind,
    Sender.first_names,
    Sender.last_names,
    Sender.business_name,
]
_SESSION_BY_TOKEN = (
    columns_select(*_SESSION_COLUMNS)
    .join(User, col(User.id) == AuthSession.user_id)
    .outerjoin(Sender, col(Sender.user_id) == User.id)
    .where(col(AuthSession.token_hash) == bindparam("token_hash"))
)


def resolve_session(
    *,
    session: Session,
    token: str,
    touch: bool = True,
    force_touch: bool = False,
    now: datetime | None = None,
) -> SessionUser | None:
    """The user behind a browser token, or None if missing, revoked, expired or deactivated."""
    if not token:
        return None
    now = now or datetime.now(UTC)
    found = run_columns(session, _SESSION_BY_TOKEN, {"token_hash": hash_token(token)}).first()
    if found is None or found.revoked_at is not None or found.expires_at <= now:
        return None
    if not found.is_active:
        return None
    expires_at = found.expires_at
    if force_touch or (touch and now - found.last_seen_at >= _touch_every()):
        row = session.get(AuthSession, found.session_id)
        assert row is not None
        row.last_seen_at = now
        row.expires_at = expires_at = now + timedelta(minutes=get_settings().session_idle_minutes)
        session.add(row)
        session.flush()
    name = name_of(found.kind, found.first_names, found.last_names, found.business_name)
    return SessionUser(
        user_id=found.user_id,
        email=found.email,
        role=found.role,
        department_id=found.department_id,
        name=name if found.kind is not None else found.email,
        expires_at=expires_at,
        session_id=found.session_id,
        sender_id=found.sender_id,
    )


def logout(*, session: Session, token: str) -> None:
    row = session.exec(
        select(AuthSession).where(AuthSession.token_hash == hash_token(token))
    ).first()
    if row is None or row.revoked_at is not None:
        return
    row.revoked_at = datetime.now(UTC)
    session.add(row)
    audit.record(
        session,
        action=AuditAction.AUTH_LOGOUT,
        entity="user",
        entity_id=row.user_id,
        actor_user_id=row.user_id,
    )


def revoke_all_sessions(*, session: Session, user_id: int) -> int:
    result = session.execute(
        update(AuthSession)
        .where(
            AuthSession.user_id == user_id,  # type: ignore[arg-type]
            AuthSession.revoked_at.is_(None),  # type: ignore[union-attr]
        )
        .values(revoked_at=datetime.now(UTC))
    )
    return int(result.rowcount)  # type: ignore[attr-defined]
