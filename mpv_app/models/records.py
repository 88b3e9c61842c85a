"""What the desk writes about itself: the mail outbox and the audit trail."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mpv_app.dbtypes import UTCDateTime, enum_type, utcnow
from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import (
    MailAttachment,
    OutboxStatus,
)
from mpv_app.models._fields import created_column, moment_column


class OutboxEmail(SQLModel, table=True):
    __tablename__ = "outbox_email"
    __table_args__ = (sa.Index("ix_outbox_status_next", "status", "next_attempt_at"),)

    id: int | None = Field(default=None, primary_key=True)
    to_address: str = Field(max_length=254)
    subject: str = Field(max_length=300)
    body_text: str
    body_html: str
    status: OutboxStatus = Field(sa_type=enum_type(OutboxStatus), default=OutboxStatus.PENDING)
    attempts: int = 0
    next_attempt_at: datetime = created_column()
    sent_at: datetime | None = moment_column()
    last_error: str | None = Field(default=None, max_length=1000)
    correspondence_id: int | None = Field(default=None, foreign_key="correspondence.id")
    # Rendered at send time from ``correspondence_id`` (no blob in the outbox): the cargo.
    attachment: MailAttachment | None = Field(
        default=None, sa_type=enum_type(MailAttachment), nullable=True
    )
    created_at: datetime = created_column()


class AuditLog(SQLModel, table=True):
    __tablename__ = "audit_log"
    __table_args__ = (sa.Index("ix_audit_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    actor_user_id: int | None = Field(default=None, foreign_key="app_user.id", index=True)
    action: AuditAction = Field(
        sa_type=enum_type(AuditAction, length=60, constraint_name="ck_audit_log_action"), index=True
    )
    entity: str = Field(max_length=60)
    entity_id: str = Field(max_length=60)
    correspondence_id: int | None = Field(default=None, foreign_key="correspondence.id", index=True)
    detail: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    ip_address: str | None = Field(default=None, max_length=64)
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True
    )
