"""Who is asking: the signed-in user as the session knows them, and as a viewer of filings.

Beside ``domain.access`` because both decide from these alone; built only by the server from
its own session rows, never from anything a browser sends.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from mpv_app.domain.enums import Role


@dataclass(frozen=True)
class SessionUser:
    user_id: int
    email: str
    role: Role
    department_id: int | None
    name: str
    expires_at: datetime
    session_id: int  # the AuthSession row: download links die with it
    sender_id: int | None = None  # a remitente's Sender row, read by the same session check


@dataclass(frozen=True)
class Viewer:
    user_id: int
    role: Role
    department_id: int | None

    @classmethod
    def of(cls, user: SessionUser) -> Viewer:
        return cls(user.user_id, user.role, user.department_id)
