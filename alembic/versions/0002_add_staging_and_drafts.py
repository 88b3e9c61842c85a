"""add staging uploads, drafts and submission keys

Revision ID: 0002_add_staging_and_drafts
Revises: 0001_initial_schema
Create Date: 2026-11-23 11:15:15.214873
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = '0002_add_staging_and_drafts'
down_revision: str | None = '0001_initial_schema'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('filing_draft',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('submission_key', sa.String(length=64), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('user_id')
    )
    op.create_table('staged_upload',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.Enum('main', 'annex', 'response', name='attachmentkind', native_enum=False, length=32), nullable=False),
    sa.Column('original_name', sa.String(length=255), nullable=False),
    sa.Column('staging_name', sa.String(length=64), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('content_type', sa.String(length=120), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=True),
    sa.Column('has_signature', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['app_user.id'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('staging_name')
    )
    with op.batch_alter_table('staged_upload', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staged_upload_created_at'), ['created_at'], unique=False)
        batch_op.create_index(batch_op.f('ix_staged_upload_user_id'), ['user_id'], unique=False)

    # Filings made before this revision get a unique key derived from their id.
    with op.batch_alter_table('correspondence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('submission_key', sa.String(length=64), nullable=True))
    op.execute(
        "UPDATE correspondence SET submission_key = 'legacy-' || CAST(id AS VARCHAR(20)) "
        "WHERE submission_key IS NULL"
    )
    with op.batch_alter_table('correspondence', schema=None) as batch_op:
        batch_op.alter_column('submission_key', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(
            'uq_correspondence_sender_submission_key', ['sender_id', 'submission_key']
        )



def downgrade() -> None:
    with op.batch_alter_table('correspondence', schema=None) as batch_op:
        batch_op.drop_constraint('uq_correspondence_sender_submission_key', type_='unique')
        batch_op.drop_column('submission_key')

    with op.batch_alter_table('staged_upload', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staged_upload_user_id'))
        batch_op.drop_index(batch_op.f('ix_staged_upload_created_at'))

    op.drop_table('staged_upload')
    op.drop_table('filing_draft')
