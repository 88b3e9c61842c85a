"""Accounts and sessions: who may sign in, their profile, consents, tokens, login tries."""

from __future__ import annotations

from datetime import datetime

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mpv_app.dbtypes import UTCDateTime, enum_type
from mpv_app.domain.enums import (
    ConsentDocument,
    IdentityDocType,
    Role,
    SenderKind,
    TokenPurpose,
)
from mpv_app.models._fields import created_column, moment_column


class User(SQLModel, table=True):
    __tablename__ = "app_user"

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(max_length=254, unique=True)  # stored lower-cased: case-insensitive
    password_hash: str = Field(max_length=255)
    role: Role = Field(sa_type=enum_type(Role), index=True)
    department_id: int | None = Field(default=None, foreign_key="department.id", index=True)
    is_active: bool = True
    email_confirmed_at: datetime | None = moment_column()
    password_changed_at: datetime | None = moment_column()
    created_at: datetime = created_column()


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
    created_at: datetime = created_column()


class ConsentRecord(SQLModel, table=True):
    __tablename__ = "consent_record"

    id: int | None = Field(default=None, primary_key=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    document: ConsentDocument = Field(sa_type=enum_type(ConsentDocument))
    version: str = Field(max_length=20)
    accepted_at: datetime = created_column()
    ip_address: str | None = Field(default=None, max_length=64)


class AuthSession(SQLModel, table=True):
    """Server-side session; the browser keeps only the token, we keep only its hash."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    token_hash: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    created_at: datetime = created_column()
    last_seen_at: datetime = created_column()
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    revoked_at: datetime | None = moment_column()
    ip_address: str | None = Field(default=None, max_length=64)
    user_agent: str | None = Field(default=None, max_length=300)


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
    created_at: datetime = created_column()


class OneTimeToken(SQLModel, table=True):
    """Issued confirmation/reset tokens; ``used_at`` makes each single-use."""

    __tablename__ = "one_time_token"

    id: int | None = Field(default=None, primary_key=True)
    token_id: str = Field(max_length=64, unique=True)
    user_id: int = Field(foreign_key="app_user.id", index=True)
    purpose: TokenPurpose = Field(sa_type=enum_type(TokenPurpose))
    created_at: datetime = created_column()
    used_at: datetime | None = moment_column()
