"""Column types that behave the same on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware in Python, UTC in the database; SQLite would otherwise drop the zone."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware values only")
        return value.astimezone(UTC)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)  # type: ignore[no-any-return]
        return value.astimezone(UTC)  # type: ignore[no-any-return]


def enum_type(
    enum_cls: type[StrEnum], *, length: int = 32, constraint_name: str | None = None
) -> sa.Enum:
    """Store an enum by value as VARCHAR: no native PostgreSQL type to migrate later.

    ``validate_strings`` refuses an unknown value before it is sent; with ``constraint_name``
    the database refuses it too (a CHECK constraint, which a migration must widen when the
    enum grows).
    """
    return sa.Enum(
        enum_cls,
        native_enum=False,
        create_constraint=constraint_name is not None,
        name=constraint_name,
        length=length,
        values_callable=lambda members: [member.value for member in members],
        validate_strings=True,
    )


def utcnow() -> datetime:
    return datetime.now(UTC)
