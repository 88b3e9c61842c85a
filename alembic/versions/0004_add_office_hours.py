"""add office hours set by an administrator

Revision ID: 0004_add_office_hours
Revises: 0003_add_subject_search
Create Date: 2026-11-23 13:30:00.000000

Without a row the ``MPV_OFFICE_OPEN`` / ``MPV_OFFICE_CLOSE`` settings apply.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0004_add_office_hours'
down_revision: str | None = '0003_add_subject_search'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('office_hours',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('opens_at', sa.Time(), nullable=False),
    sa.Column('closes_at', sa.Time(), nullable=False),
    sa.Column('updated_by_user_id', sa.Integer(), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(
        ['updated_by_user_id'], ['app_user.id'], name='fk_office_hours_updated_by_user_id_app_user'
    ),
    sa.PrimaryKeyConstraint('id', name='pk_office_hours')
    )


def downgrade() -> None:
    op.drop_table('office_hours')
