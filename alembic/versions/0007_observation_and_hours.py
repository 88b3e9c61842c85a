"""Observation and subsanación of a filing; the "until 23:59" reception rule.

* ``correspondence``: ``observed_at``, ``cure_deadline`` (indexed: the expiry job's range),
  ``cured_at`` — all empty for existing filings, which were never observed.
* ``staged_upload.correspondence_id``: the observed filing a staged subsanación file belongs to.
* ``office_hours.all_day``: false keeps the office-hours rule every existing row meant.
* ``outbox_email.attachment``: what a message carries, rendered when it is sent (the cargo).
* ``attachment.signatures`` / ``staged_upload.signatures``: each PDF signature as pyHanko
  judged it (signer, issuer, serial, signing time, verdict); empty for existing rows, whose
  files were only checked for a signature field.

Revision ID: 0007_observation_and_hours
Revises: 0006_add_stored_objects
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007_observation_and_hours"
down_revision: str | None = "0006_add_stored_objects"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("correspondence", schema=None) as batch_op:
        batch_op.add_column(sa.Column("observed_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column("cure_deadline", sa.Date(), nullable=True))
        batch_op.add_column(sa.Column("cured_at", sa.DateTime(timezone=True), nullable=True))
        batch_op.create_index("ix_correspondence_cure_deadline", ["cure_deadline"])
    with op.batch_alter_table("staged_upload", schema=None) as batch_op:
        batch_op.add_column(sa.Column("correspondence_id", sa.Integer(), nullable=True))
        batch_op.create_index("ix_staged_upload_correspondence_id", ["correspondence_id"])
        batch_op.create_foreign_key(
            "fk_staged_upload_correspondence_id_correspondence",
            "correspondence",
            ["correspondence_id"],
            ["id"],
        )
    with op.batch_alter_table("office_hours", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("all_day", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    with op.batch_alter_table("outbox_email", schema=None) as batch_op:
        batch_op.add_column(sa.Column("attachment", sa.String(length=32), nullable=True))
    for table in ("attachment", "staged_upload"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(
                sa.Column("signatures", sa.JSON(), nullable=False, server_default=sa.text("'[]'"))
            )


def downgrade() -> None:
    for table in ("staged_upload", "attachment"):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_column("signatures")
    with op.batch_alter_table("outbox_email", schema=None) as batch_op:
        batch_op.drop_column("attachment")
    with op.batch_alter_table("office_hours", schema=None) as batch_op:
        batch_op.drop_column("all_day")
    with op.batch_alter_table("staged_upload", schema=None) as batch_op:
        batch_op.drop_constraint(
            "fk_staged_upload_correspondence_id_correspondence", type_="foreignkey"
        )
        batch_op.drop_index("ix_staged_upload_correspondence_id")
        batch_op.drop_column("correspondence_id")
    with op.batch_alter_table("correspondence", schema=None) as batch_op:
        batch_op.drop_index("ix_correspondence_cure_deadline")
        batch_op.drop_column("cured_at")
        batch_op.drop_column("cure_deadline")
        batch_op.drop_column("observed_at")
