"""Widen the consulta's indexes so pages are read in order instead of sorted.

A sender's consulta counts and filters on the covering index; the inboxes read their default
order (oldest legal reception date first) straight from an index. Plain CREATE/DROP INDEX, not a
batch: a SQLite table rebuild would drop the FTS sync triggers of 0003.

Revision ID: 0005_widen_search_indexes
Revises: 0004_add_office_hours
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0005_widen_search_indexes"
down_revision: str | None = "0004_add_office_hours"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "correspondence"


def upgrade() -> None:
    op.drop_index("ix_correspondence_sender_submitted", table_name=TABLE)
    op.drop_index("ix_correspondence_status_received", table_name=TABLE)
    op.create_index(
        "ix_correspondence_sender_covering",
        TABLE,
        ["sender_id", "submitted_at", "status", "department_id", "document_type_id", "center_id"],
    )
    op.create_index(
        "ix_correspondence_status_received_submitted",
        TABLE,
        ["status", "received_on", "submitted_at", "id"],
    )
    op.create_index(
        "ix_correspondence_department_received",
        TABLE,
        ["department_id", "received_on", "submitted_at", "id"],
    )


def downgrade() -> None:
    op.drop_index("ix_correspondence_department_received", table_name=TABLE)
    op.drop_index("ix_correspondence_status_received_submitted", table_name=TABLE)
    op.drop_index("ix_correspondence_sender_covering", table_name=TABLE)
    op.create_index("ix_correspondence_status_received", TABLE, ["status", "received_on"])
    op.create_index("ix_correspondence_sender_submitted", TABLE, ["sender_id", "submitted_at"])
