"""Column helpers every table module uses."""

from __future__ import annotations

from typing import Any

from sqlmodel import Field

from mpv_app.dbtypes import UTCDateTime, utcnow


def created_column() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def moment_column(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)
