"""Download links bound to the session that asked for them.

The signed token (storage/links.py) names the user, the thing and, after ``@``, the id of the
AuthSession that issued it. The API route honours it only while that session is alive: logout,
expiry, a password reset or deactivation end every link it handed out, even inside the
link's own five minutes and without any cookie.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session

from mpv_app.domain.hygiene import ascii_int
from mpv_app.models import AuthSession
from mpv_app.storage.links import Grant, sign, verify

_SEP = "@"


def session_grant(user_id: int, session_id: int, what: str, target: str) -> Grant:
    """What a link grants: ``what`` ("receipt" or "file") and ``target``, tied to a session."""
    return Grant(user_id, f"{what}{_SEP}{session_id}", target)


def issue(*, user_id: int, session_id: int, what: str, target: str) -> str:
    return sign(session_grant(user_id, session_id, what, target))


def granted_user(
    session: Session, token: str, *, what: str, target: str, now: datetime | None = None
) -> int | None:
    """The user the token was issued to, if it names this thing and its session is alive."""
    grant = verify(token)
    if grant is None or grant.target != target:
        return None
    kind, _, session_ref = grant.what.partition(_SEP)
    session_id = ascii_int(session_ref)
    if kind != what or session_id is None:
        return None
    row = session.get(AuthSession, session_id)
    now = now or datetime.now(UTC)
    if row is None or row.user_id != grant.user_id or row.revoked_at is not None:
        return None
    expires = row.expires_at if row.expires_at.tzinfo else row.expires_at.replace(tzinfo=UTC)
    return grant.user_id if expires > now else None
