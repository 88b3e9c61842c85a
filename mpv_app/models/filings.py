"""A filing and everything it carries: number counter, files, events, invoice."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mpv_app.dbtypes import UTCDateTime, enum_type
from mpv_app.domain.enums import (
    AttachmentKind,
    EventAction,
    Status,
)
from mpv_app.domain.invoices import InvoiceKind
from mpv_app.models._fields import created_column, moment_column


class TrackingCounter(SQLModel, table=True):
    """Last number handed out per year; incremented under a row lock, so numbers are gap-free."""

    __tablename__ = "tracking_counter"

    year: int = Field(primary_key=True, sa_column_kwargs={"autoincrement": False})
    last_value: int = 0


class Correspondence(SQLModel, table=True):
    __tablename__ = "correspondence"
    __table_args__ = (
        sa.UniqueConstraint("year", "sequence", name="uq_correspondence_year_sequence"),
        sa.UniqueConstraint(
            "sender_id", "submission_key", name="uq_correspondence_sender_submission_key"
        ),
        # Covering for a sender's consulta: count and filter without reading the table.
        sa.Index(
            "ix_correspondence_sender_covering",
            "sender_id",
            "submitted_at",
            "status",
            "department_id",
            "document_type_id",
            "center_id",
        ),
        # The inboxes' order (oldest legal reception first), so a page is read, not sorted.
        sa.Index(
            "ix_correspondence_status_received_submitted",
            "status",
            "received_on",
            "submitted_at",
            "id",
        ),
        sa.Index(
            "ix_correspondence_department_received",
            "department_id",
            "received_on",
            "submitted_at",
            "id",
        ),
        sa.Index(
            "ix_correspondence_department_status_submitted",
            "department_id",
            "status",
            "submitted_at",
        ),
        sa.Index("ix_correspondence_center_submitted", "center_id", "submitted_at"),
        sa.Index("ix_correspondence_type_submitted", "document_type_id", "submitted_at"),
        # The reception inbox filtered by centro and tipo: counted from the index alone.
        sa.Index(
            "ix_correspondence_status_center_type",
            "status",
            "center_id",
            "document_type_id",
            "received_on",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    tracking_number: str = Field(max_length=20, unique=True)
    year: int
    sequence: int
    sender_id: int = Field(foreign_key="sender.id")
    document_type_id: int = Field(foreign_key="document_type.id")
    subject: str = Field(max_length=500)
    # Lower-cased, accents stripped (domain.text.fold): what "Asunto" searches, through a
    # trigram index on PostgreSQL and an FTS5 trigram table on SQLite (migration 0003).
    subject_folded: str = Field(default="", max_length=500)
    document_number: str = Field(max_length=60)
    document_date: date
    page_count: int
    notes: str | None = Field(default=None, max_length=2000)
    knows_destination: bool
    center_id: int = Field(foreign_key="management_center.id")
    department_id: int = Field(foreign_key="department.id")
    status: Status = Field(sa_type=enum_type(Status), default=Status.REGISTERED)
    submitted_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)
    received_on: date
    verification_code: str = Field(max_length=32, unique=True)
    # One per form instance: a double click or a retried request finds the first filing.
    submission_key: str = Field(max_length=64)
    version: int = 1  # optimistic locking: every change bumps it
    updated_at: datetime = created_column()
    # The one observation (TUO Ley 27444 art. 136): when it was made, the last day to fix it,
    # and when the sender fixed it. ``observed_at`` set means it can never be observed again.
    observed_at: datetime | None = moment_column()
    cure_deadline: date | None = Field(default=None, index=True)
    cured_at: datetime | None = moment_column()


class Attachment(SQLModel, table=True):
    __tablename__ = "attachment"

    id: int | None = Field(default=None, primary_key=True)
    correspondence_id: int = Field(foreign_key="correspondence.id", index=True)
    kind: AttachmentKind = Field(sa_type=enum_type(AttachmentKind))
    original_name: str = Field(max_length=255)
    sha256: str = Field(max_length=64, index=True)
    size_bytes: int
    content_type: str = Field(max_length=120)
    page_count: int | None = None
    # Every digital signature of a PDF as pyHanko judged it on receipt (domain.signatures):
    # signer, issuer, serial, signed_at, verdict.
    signatures: list[dict[str, str]] = Field(default_factory=list, sa_type=sa.JSON)
    created_at: datetime = created_column()


class StatusEvent(SQLModel, table=True):
    __tablename__ = "status_event"
    __table_args__ = (
        sa.Index("ix_status_event_filing_created", "correspondence_id", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    correspondence_id: int = Field(foreign_key="correspondence.id")
    action: EventAction = Field(sa_type=enum_type(EventAction))
    from_status: Status | None = Field(default=None, sa_type=enum_type(Status), nullable=True)
    to_status: Status = Field(sa_type=enum_type(Status))
    department_id: int | None = Field(default=None, foreign_key="department.id")
    actor_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    note: str | None = Field(default=None, max_length=2000)
    created_at: datetime = created_column()


class FilingInvoice(SQLModel, table=True):
    """The comprobante a filing carries, read from its XML; one issuer + serie-número once."""

    __tablename__ = "filing_invoice"
    __table_args__ = (
        sa.UniqueConstraint("issuer_ruc", "number", name="uq_filing_invoice_issuer_number"),
        sa.Index("ix_filing_invoice_number", "number"),
    )

    id: int | None = Field(default=None, primary_key=True)
    correspondence_id: int = Field(foreign_key="correspondence.id", unique=True)
    kind: InvoiceKind = Field(sa_type=enum_type(InvoiceKind))
    number: str = Field(max_length=40)
    issue_date: date
    issuer_ruc: str = Field(max_length=20)
    issuer_name: str = Field(max_length=200)
    customer_ruc: str = Field(max_length=20)
    currency: str = Field(max_length=3)
    amount: Decimal = Field(sa_type=sa.Numeric(14, 2))
