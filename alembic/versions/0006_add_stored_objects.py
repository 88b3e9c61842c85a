"""Track every stored object and its last publish, so only the sweep deletes and never early.

Backfills one row per distinct attachment hash, published "now": existing files are all
referenced, and an unreferenced one is only removed a grace period after this migration.

Revision ID: 0006_add_stored_objects
Revises: 0005_widen_search_indexes
"""

from collections.abc import Sequence
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op

revision: str = "0006_add_stored_objects"
down_revision: str | None = "0005_widen_search_indexes"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "stored_object",
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size_bytes", sa.BigInteger(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("sha256"),
    )
    op.create_index("ix_stored_object_published_at", "stored_object", ["published_at"])
    backfill = sa.text(
        "INSERT INTO stored_object (sha256, size_bytes, published_at) "
        "SELECT sha256, MAX(size_bytes), :now FROM attachment GROUP BY sha256"
    ).bindparams(sa.bindparam("now", type_=sa.DateTime(timezone=True)))
    op.get_bind().execute(backfill, {"now": datetime.now(UTC)})


def downgrade() -> None:
    op.drop_index("ix_stored_object_published_at", table_name="stored_object")
    op.drop_table("stored_object")
