"""Signed, short-lived download links; the route re-checks the owner when they are used."""

from __future__ import annotations

from dataclasses import dataclass

from itsdangerous import BadSignature, URLSafeTimedSerializer

from mpv_app.settings import get_settings

LINK_SECONDS = 300


@dataclass(frozen=True)
class Grant:
    user_id: int
    what: str  # "receipt" or "file"
    target: str  # tracking number or attachment id


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(get_settings().resolved_secret_key(), salt="mpv.download")


def sign(grant: Grant) -> str:
    return str(_serializer().dumps([grant.user_id, grant.what, grant.target]))


def verify(token: str, *, max_age: int = LINK_SECONDS) -> Grant | None:
    try:
        user_id, what, target = _serializer().loads(token, max_age=max_age)
    except (BadSignature, ValueError, TypeError):
        return None
    return Grant(int(user_id), str(what), str(target))
