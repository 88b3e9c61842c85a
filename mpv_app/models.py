"""The data model. Plain SQLModel tables; every write goes through ``services``."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mpv_app.dbtypes import UTCDateTime, enum_type, utcnow
from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import (
    AttachmentKind,
    ConsentDocument,
    EventAction,
    IdentityDocType,
    MailAttachment,
    OutboxStatus,
    Role,
    SenderKind,
    Status,
    TokenPurpose,
)
from mpv_app.domain.invoices import InvoiceKind

__all__ = [
    "AttachmentKind",
    "ConsentDocument",
    "EventAction",
    "IdentityDocType",
    "MailAttachment",
    "OutboxStatus",
    "Role",
    "SenderKind",
    "Status",
    "TokenPurpose",
]


def _created() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def _when(*, nullable: bool = True, index: bool = False) -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=nullable, index=index)


class ManagementCenter(SQLModel, table=True):
    __tablename__ = "management_center"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=120, unique=True)
    is_active: bool = True
    created_at: datetime = _created()


class Department(SQLModel, table=True):
    __tablename__ = "department"
    __table_args__ = (sa.UniqueConstraint("center_id", "name", name="uq_department_center_name"),)

    id: int | None = Field(default=None, primary_key=True)
    center_id: int = Field(foreign_key="management_center.id", index=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=160)
    is_reception: bool = False
    is_active: bool = True
    created_at: datetime = _created()


class DocumentType(SQLModel, table=True):
    __tablename__ = "document_type"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=120, unique=True)
    requires_digital_signature: bool = False
    is_active: bool = True
    created_at: datetime = _created()


class User(SQLModel, table=True):
    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)  # stored lower-cased: case-insensitive
    password_hash: str = Field(max_length=255)
    role: Role = Field(sa_type=enum_type(Role), index=True)
    department_id: int | None = Field(default=None, foreign_key="department.id", index=True)
    is_active: bool = True
    email_confirmed_at: datetime | None = _when()
    password_changed_at: datetime | None = _when()
    created_at: datetime = _created()


class Sender(SQLModel, table=True):
    """The remitente's profile: shown read-only in every filing's "Remitente" section."""

    __tablename__ = "sender"
    __table_args__ = (sa.Index("ix_sender_identity", "doc_type", "doc_number"),)

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", unique=True)
    kind: SenderKind = Field(sa_type=enum_type(SenderKind))
    doc_type: IdentityDocType = Field(sa_type=enum_type(IdentityDocType))
    doc_number: str = Field(max_length=30)
    first_names: str | None = Field(default=None, max_length=120)
    last_names: str | None = Field(default=None, max_length=120)
    business_name: str | None = Field(default=None, max_length=200)
    legal_representative: str | None = Field(default=None, max_length=200)
    country: str | None = Field(default=None, max_length=80)
    phone: str = Field(max_length=30)
    address: str = Field(max_length=300)
    created_at: datetime = _created()


class ConsentRecord(SQLModel, table=True):
    __tablename__ = "consent_record"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    document: ConsentDocument = Field(sa_type=enum_type(ConsentDocument))
    version: str = Field(max_length=20)
    accepted_at: datetime = _created()
    ip_address: str | None = Field(default=None, max_length=64)


class AuthSession(SQLModel, table=True):
    """Server-side session; the browser keeps only the token, we keep only its hash."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    created_at: datetime = _created()
    last_seen_at: datetime = _created()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    revoked_at: datetime | None = _when()
    ip_address: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=300)


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
        sa.Index("ix_correspondence_department_status", "department_id", "status"),
        sa.Index("ix_correspondence_center_submitted", "center_id", "submitted_at"),
        sa.Index("ix_correspondence_type_submitted", "document_type_id", "submitted_at"),
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
    updated_at: datetime = _created()
    # The one observation (TUO Ley 27444 art. 136): when it was made, the last day to fix it,
    # and when the sender fixed it. ``observed_at`` set means it can never be observed again.
    observed_at: datetime | None = _when()
    cure_deadline: date | None = Field(default=None, index=True)
    cured_at: datetime | None = _when()


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
    created_at: datetime = _created()


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
    created_at: datetime = _created()


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
    next_attempt_at: datetime = _created()
    sent_at: datetime | None = _when()
    last_error: str | None = Field(default=None, max_length=1000)
    correspondence_id: int | None = Field(default=None, foreign_key="correspondence.id")
    # Rendered at send time from ``correspondence_id`` (no blob in the outbox): the cargo.
    attachment: MailAttachment | None = Field(
        default=None, sa_type=enum_type(MailAttachment), nullable=True
    )
    created_at: datetime = _created()


class Holiday(SQLModel, table=True):
    """Admin-added non-working days, on top of the national ones from ``holidays``."""

    __tablename__ = "holiday"

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True)
    name: str = Field(max_length=120)
    created_at: datetime = _created()


class OfficeHoursSetting(SQLModel, table=True):
    """Office hours set by an administrator; without a row the ``MPV_OFFICE_*`` settings apply."""

    __tablename__ = "office_hours"

    id: int | None = Field(default=None, primary_key=True)
    opens_at: time
    closes_at: time
    # True: "hasta las 23:59 de cada día hábil" (Indecopi Res. 0518-2024/SEL); the closing time
    # then no longer moves a business-day filing to the next day.
    all_day: bool = Field(default=False, sa_column_kwargs={"server_default": sa.false()})
    updated_by_user_id: int | None = Field(default=None, foreign_key="app_user.id")
    updated_at: datetime = _created()


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


class LoginAttempt(SQLModel, table=True):
    """Every login try, kept for throttling per account and per IP."""

    __tablename__ = "login_attempt"
    __table_args__ = (
        sa.Index("ix_login_attempt_email_created", "email", "created_at"),
        sa.Index("ix_login_attempt_ip_created", "ip_address", "created_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254)
    ip_address: str = Field(max_length=64)
    succeeded: bool
    created_at: datetime = _created()


class OneTimeToken(SQLModel, table=True):
    """Issued confirmation/reset tokens; ``used_at`` makes each single-use."""

    __tablename__ = "one_time_token"

    id: int | None = Field(default=None, primary_key=True)
    token_id: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    purpose: TokenPurpose = Field(sa_type=enum_type(TokenPurpose))
    created_at: datetime = _created()
    used_at: datetime | None = _when()


class StagedUpload(SQLModel, table=True):
    """A checked file waiting in private staging for its owner's "Guardar correspondencia".

    Bound to the account (not the browser tab), so a reload or a re-login keeps it; the
    maintenance task deletes what is abandoned.
    """

    __tablename__ = "staged_upload"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    # Set for the files of a subsanación (kinds CURE_*): the observed filing they will fix.
    correspondence_id: int | None = Field(default=None, foreign_key="correspondence.id", index=True)
    kind: AttachmentKind = Field(sa_type=enum_type(AttachmentKind))
    original_name: str = Field(max_length=255)
    staging_name: str = Field(max_length=64, unique=True)
    sha256: str = Field(max_length=64)
    size_bytes: int
    content_type: str = Field(max_length=120)
    page_count: int | None = None
    has_signature: bool = False  # at least one valid signature by a trusted certificate
    signatures: list[dict[str, str]] = Field(default_factory=list, sa_type=sa.JSON)
    # An XML annex read as a UBL comprobante (``domain.invoices.Invoice.to_json``), or why not.
    invoice: dict[str, str] | None = Field(
        default=None, sa_type=sa.JSON(none_as_null=True), nullable=True
    )
    invoice_note: str | None = Field(default=None, max_length=200)
    created_at: datetime = Field(
        default_factory=utcnow, sa_type=UTCDateTime, nullable=False, index=True
    )


class FilingDraft(SQLModel, table=True):
    """Typed fields of an unfinished filing, kept server-side while the sender works."""

    __tablename__ = "filing_draft"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", unique=True)
    data: dict[str, Any] = Field(default_factory=dict, sa_type=sa.JSON)
    submission_key: str = Field(max_length=64)
    updated_at: datetime = _created()


class StoredObject(SQLModel, table=True):
    """One object of the content-addressed store, and when a transaction last published it.

    The row, not the file's mtime, is what the sweep trusts: a publish upserts it inside the
    filing's transaction, which on PostgreSQL holds its row lock until commit (see
    ``services.publishing``).
    """

    __tablename__ = "stored_object"

    sha256: str = Field(primary_key=True, max_length=64)
    size_bytes: int = Field(sa_type=sa.BigInteger)
    published_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)


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
