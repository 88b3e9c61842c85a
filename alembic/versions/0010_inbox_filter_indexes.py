"""Indexes for the staff inboxes' filtered counts.

The reception inbox filtered by centro and tipo intersected three single-column indexes, and a
dependencia's inbox filtered by estado and dates read every row of that estado: tens of
milliseconds each at a million filings. These answer both counts from the index alone.
Plain CREATE/DROP INDEX, not a batch: a SQLite table rebuild would drop the FTS triggers of 0003.

Revision ID: 0010_inbox_filter_indexes
Revises: 0009_audit_action_enum
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0010_inbox_filter_indexes"
down_revision: str | None = "0009_audit_action_enum"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "correspondence"
RECEPTION = "ix_correspondence_status_center_type"
DEPARTMENT_OLD = "ix_correspondence_department_status"
DEPARTMENT = "ix_correspondence_department_status_submitted"


def upgrade() -> None:
    op.create_index(RECEPTION, TABLE, ["status", "center_id", "document_type_id", "received_on"])
    op.drop_index(DEPARTMENT_OLD, table_name=TABLE)
    op.create_index(DEPARTMENT, TABLE, ["department_id", "status", "submitted_at"])


def downgrade() -> None:
    op.drop_index(DEPARTMENT, table_name=TABLE)
    op.create_index(DEPARTMENT_OLD, TABLE, ["department_id", "status"])
    op.drop_index(RECEPTION, table_name=TABLE)
