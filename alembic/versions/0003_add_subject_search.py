"""add subject search: folded subject column, trigram index (PostgreSQL) / FTS5 (SQLite)

Revision ID: 0003_add_subject_search
Revises: 0002_add_staging_and_drafts
Create Date: 2026-11-23 13:10:51.223822

"Asunto" searches are accent- and case-insensitive "contains" matches. The subject is stored
folded beside the original, and each backend gets a trigram structure over the folded text:

* PostgreSQL: ``pg_trgm`` GIN index, which serves ``subject_folded LIKE '%term%'``;
* SQLite: an FTS5 external-content table with the trigram tokenizer (a quoted phrase of 3+
  characters is a substring match), kept in sync with ``correspondence`` by triggers.

The names below are repeated in ``mpv_app/search_index.py`` (tests check they agree); they are
spelled out here so that this revision never changes when app code does. ``fold`` is copied
from ``mpv_app.domain.text`` for the same reason.
"""

import unicodedata
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0003_add_subject_search'
down_revision: str | None = '0002_add_staging_and_drafts'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FTS_TABLE = 'correspondence_subject_fts'
TRIGRAM_INDEX = 'ix_correspondence_subject_trgm'
BATCH = 2000

SQLITE_FTS = (
    f"CREATE VIRTUAL TABLE {FTS_TABLE} USING fts5("
    "subject_folded, content='correspondence', content_rowid='id', tokenize='trigram')"
)
# The standard external-content pattern: the index is told the old value to remove.
SQLITE_TRIGGERS = (
    f"""CREATE TRIGGER {FTS_TABLE}_ai AFTER INSERT ON correspondence BEGIN
        INSERT INTO {FTS_TABLE}(rowid, subject_folded) VALUES (new.id, new.subject_folded);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_ad AFTER DELETE ON correspondence BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, subject_folded)
        VALUES ('delete', old.id, old.subject_folded);
    END""",
    f"""CREATE TRIGGER {FTS_TABLE}_au AFTER UPDATE OF subject_folded ON correspondence BEGIN
        INSERT INTO {FTS_TABLE}({FTS_TABLE}, rowid, subject_folded)
        VALUES ('delete', old.id, old.subject_folded);
        INSERT INTO {FTS_TABLE}(rowid, subject_folded) VALUES (new.id, new.subject_folded);
    END""",
)


def fold(text: str) -> str:
    """Frozen copy of mpv_app.domain.text.fold as of this revision."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.split())


def _backfill() -> None:
    """Fold the subjects of filings made before this revision, a batch of ids at a time."""
    bind = op.get_bind()
    table = sa.table(
        'correspondence',
        sa.column('id', sa.Integer()),
        sa.column('subject', sa.String()),
        sa.column('subject_folded', sa.String()),
    )
    select = (
        sa.select(table.c.id, table.c.subject)
        .where(table.c.id > sa.bindparam('after'))
        .order_by(table.c.id)
        .limit(BATCH)
    )
    update = (
        table.update()
        .where(table.c.id == sa.bindparam('row_id'))
        .values(subject_folded=sa.bindparam('folded'))
    )
    after = 0
    while rows := bind.execute(select, {'after': after}).all():
        bind.execute(update, [{'row_id': r.id, 'folded': fold(r.subject)} for r in rows])
        after = rows[-1].id


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    # NOT NULL needs a default for the rows already there; the app always writes the column.
    # Plain ALTER TABLE on both dialects: a batch rebuild of correspondence on SQLite would
    # trip over the foreign keys of its child rows.
    op.add_column(
        'correspondence',
        sa.Column('subject_folded', sa.String(length=500), nullable=False, server_default=''),
    )
    _backfill()

    if dialect == 'postgresql':
        # The model has no server default; PostgreSQL drops it in place. (SQLite could only
        # by rebuilding the table, which child foreign keys make unsafe; there it stays.)
        op.alter_column('correspondence', 'subject_folded', server_default=None)
        op.execute('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        op.execute(
            f'CREATE INDEX {TRIGRAM_INDEX} ON correspondence '
            'USING gin (subject_folded gin_trgm_ops)'
        )
    elif dialect == 'sqlite':
        op.execute(SQLITE_FTS)
        for trigger in SQLITE_TRIGGERS:
            op.execute(trigger)
        op.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('rebuild')")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'postgresql':
        op.execute(f'DROP INDEX IF EXISTS {TRIGRAM_INDEX}')
        # The extension is database-wide: drop it unless something else uses it (RESTRICT
        # then refuses, and it stays).
        op.execute(
            """
            DO $$
            BEGIN
                DROP EXTENSION IF EXISTS pg_trgm RESTRICT;
            EXCEPTION WHEN dependent_objects_still_exist THEN
                RAISE NOTICE 'pg_trgm kept: other objects depend on it';
            END
            $$
            """
        )
    elif dialect == 'sqlite':
        for suffix in ('au', 'ad', 'ai'):
            op.execute(f'DROP TRIGGER IF EXISTS {FTS_TABLE}_{suffix}')
        op.execute(f'DROP TABLE IF EXISTS {FTS_TABLE}')

    op.drop_column('correspondence', 'subject_folded')  # SQLite >= 3.35 drops it in place
