"""Selects of plain columns, run on the session's connection past the ORM's execution path.

A column select gains nothing from that path (no entities to load, no identity map), and on
every navigation it cost about a third of each statement's CPU: 130 against 90 µs for the
session check here. The ORM path is kept while a change is pending, because only its
autoflush writes that change before the read: a revocation made in the same unit of work
must not be read past.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import Executable, Result
from sqlmodel import Session


def run_columns(
    session: Session, statement: Executable, params: Mapping[str, Any] | None = None
) -> Result[Any]:
    if session.new or session.dirty or session.deleted:
        return session.execute(statement, params)
    return session.connection().execute(statement, params)
