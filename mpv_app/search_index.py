"""Names of the "Asunto" search structures that live outside ``SQLModel.metadata``.

Migration 0003 builds them per dialect: a pg_trgm GIN index on PostgreSQL, an FTS5 trigram
table (external content, kept in sync by triggers) on SQLite. The model cannot declare them,
so autogenerate would propose dropping them: ``alembic/env.py`` and the migration tests filter
them out with the hooks below. The migration spells the same names out itself (a revision
must not change when this module does); tests check that they agree.

SQLite caveat: a future ``batch_alter_table`` that rebuilds ``correspondence`` drops its
triggers with the old table; such a revision must recreate them and ``'rebuild'`` the index.
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "FTS_TABLE",
    "FTS_TRIGGERS",
    "TRIGRAM_INDEX",
    "include_name",
    "include_object",
    "is_search_object",
]

FTS_TABLE = "correspondence_subject_fts"
FTS_TRIGGERS = (f"{FTS_TABLE}_ai", f"{FTS_TABLE}_ad", f"{FTS_TABLE}_au")
TRIGRAM_INDEX = "ix_correspondence_subject_trgm"


def is_search_object(name: str | None) -> bool:
    """True for the FTS table, its shadow tables (``_data``, ``_idx``…) and the trigram index."""
    if not name:
        return False
    return name in (FTS_TABLE, TRIGRAM_INDEX) or name.startswith(f"{FTS_TABLE}_")


def include_name(name: str | None, type_: str, parent_names: Any) -> bool:
    """Alembic hook: never reflect the search structures, so never propose dropping them."""
    return not is_search_object(name)


def include_object(
    obj: Any, name: str | None, type_: str, reflected: bool, compare_to: Any
) -> bool:
    """Alembic hook, for objects that reach the comparison anyway (e.g. reflected indexes)."""
    return not is_search_object(name)
