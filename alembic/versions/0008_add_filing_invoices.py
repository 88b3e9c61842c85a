"""Electronic invoices: what an XML annex says, staged and filed; one issuer + number once.

Revision ID: 0008_add_filing_invoices
Revises: 0007_observation_and_hours
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008_add_filing_invoices"
down_revision: str | None = "0007_observation_and_hours"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("staged_upload") as batch_op:
        batch_op.add_column(sa.Column("invoice", sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column("invoice_note", sa.String(length=200), nullable=True))
    op.create_table(
        "filing_invoice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("correspondence_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("issue_date", sa.Date(), nullable=False),
        sa.Column("issuer_ruc", sa.String(length=20), nullable=False),
        sa.Column("issuer_name", sa.String(length=200), nullable=False),
        sa.Column("customer_ruc", sa.String(length=20), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount", sa.Numeric(14, 2), nullable=False),
        sa.ForeignKeyConstraint(["correspondence_id"], ["correspondence.id"]),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("correspondence_id"),
        sa.UniqueConstraint("issuer_ruc", "number", name="uq_filing_invoice_issuer_number"),
    )
    op.create_index("ix_filing_invoice_number", "filing_invoice", ["number"])


def downgrade() -> None:
    op.drop_index("ix_filing_invoice_number", table_name="filing_invoice")
    op.drop_table("filing_invoice")
    with op.batch_alter_table("staged_upload") as batch_op:
        batch_op.drop_column("invoice_note")
        batch_op.drop_column("invoice")
