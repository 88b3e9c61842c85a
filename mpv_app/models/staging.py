"""What exists before or beside a filing: staged uploads, drafts, stored objects."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mpv_app.dbtypes import UTCDateTime, enum_type, utcnow
from mpv_app.domain.enums import (
    AttachmentKind,
)
from mpv_app.models._fields import created_column


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
    updated_at: datetime = created_column()


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
