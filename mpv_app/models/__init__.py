"""The data model. Plain SQLModel tables, one module per subject; every write goes through
``services``. Import tables from here: ``from mpv_app.models import Correspondence``."""

from __future__ import annotations

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
from mpv_app.models.accounts import (
    AuthSession,
    ConsentRecord,
    LoginAttempt,
    OneTimeToken,
    Sender,
    User,
)
from mpv_app.models.catalog import (
    Department,
    DocumentType,
    Holiday,
    ManagementCenter,
    OfficeHoursSetting,
)
from mpv_app.models.filings import (
    Attachment,
    Correspondence,
    FilingInvoice,
    StatusEvent,
    TrackingCounter,
)
from mpv_app.models.records import AuditLog, OutboxEmail
from mpv_app.models.staging import FilingDraft, StagedUpload, StoredObject

__all__ = [
    "Attachment",
    "AttachmentKind",
    "AuditLog",
    "AuthSession",
    "ConsentDocument",
    "ConsentRecord",
    "Correspondence",
    "Department",
    "DocumentType",
    "EventAction",
    "FilingDraft",
    "FilingInvoice",
    "Holiday",
    "IdentityDocType",
    "LoginAttempt",
    "MailAttachment",
    "ManagementCenter",
    "OfficeHoursSetting",
    "OneTimeToken",
    "OutboxEmail",
    "OutboxStatus",
    "Role",
    "Sender",
    "SenderKind",
    "StagedUpload",
    "Status",
    "StatusEvent",
    "StoredObject",
    "TokenPurpose",
    "TrackingCounter",
    "User",
]
