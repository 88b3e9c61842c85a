"""Single-use, expiring links (email confirmation, password reset).

The signed payload (itsdangerous) proves who issued it and when; the ``one_time_token`` row makes
it usable once: consuming it is a conditional UPDATE, so two clicks race and only one wins.
"""

from __future__ import annotations

import secrets

from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import update
from sqlmodel import Session

from mpv_app.dbtypes import utcnow
from mpv_app.models import OneTimeToken, TokenPurpose
from mpv_app.settings import get_settings

INVALID_LINK = "El enlace no es válido o ya fue usado. Solicite uno nuevo."
EXPIRED_LINK = "El enlace ha vencido. Solicite uno nuevo."


class TokenError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _serializer(purpose: TokenPurpose) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().resolved_secret_key(), salt=f"mpv.{purpose}")


def issue(session: Session, *, user_id: int, purpose: TokenPurpose) -> str:
    token_id = secrets.token_urlsafe(24)
    session.add(OneTimeToken(token_id=token_id, user_id=user_id, purpose=purpose))
    return str(_serializer(purpose).dumps({"u": user_id, "t": token_id}))


def consume(session: Session, *, token: str, purpose: TokenPurpose, max_age_seconds: int) -> int:
    """Mark the token used and return its user id; raise ``TokenError`` with a Spanish message."""
    try:
        payload = _serializer(purpose).loads(token, max_age=max_age_seconds)
    except SignatureExpired as exc:
        raise TokenError(EXPIRED_LINK) from exc
    except BadSignature as exc:
        raise TokenError(INVALID_LINK) from exc
    if not isinstance(payload, dict) or not {"u", "t"} <= payload.keys():
        raise TokenError(INVALID_LINK)
    result = session.execute(
        update(OneTimeToken)
        .where(
            OneTimeToken.token_id == payload["t"],
            OneTimeToken.user_id == payload["u"],
            OneTimeToken.purpose == purpose,  # type: ignore[arg-type]
            OneTimeToken.used_at.is_(None),  # type: ignore[union-attr]
        )
        .values(used_at=utcnow())
    )
    if result.rowcount != 1:  # type: ignore[attr-defined]
        raise TokenError(INVALID_LINK)
    return int(payload["u"])
