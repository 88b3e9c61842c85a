"""An index for the reception inbox filtered by centro and tipo de documento.

Counting such a page intersected three single-column indexes (tens of milliseconds at a
million filings); this one answers the count from the index and reads the page in order.
Plain CREATE/DROP INDEX, not a batch: a SQLite table rebuild would drop the FTS triggers of 0003.

Revision ID: 0009_reception_filter_index
Revises: 0008_add_filing_invoices
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0009_reception_filter_index"
down_revision: str | None = "0008_add_filing_invoices"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLE = "correspondence"
NAME = "ix_correspondence_status_center_type"


def upgrade() -> None:
    op.create_index(NAME, TABLE, ["status", "center_id", "document_type_id", "received_on"])


def downgrade() -> None:
    op.drop_index(NAME, table_name=TABLE)
