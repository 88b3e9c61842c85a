"""The desk's catalogs and calendar: centers, departments, document types, hours."""

from __future__ import annotations

from datetime import date, datetime, time

import sqlalchemy as sa
from sqlmodel import Field, SQLModel

from mpv_app.models._fields import created_column


class ManagementCenter(SQLModel, table=True):
    __tablename__ = "management_center"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=120, unique=True)
    is_active: bool = True
    created_at: datetime = created_column()


class Department(SQLModel, table=True):
    __tablename__ = "department"
    __table_args__ = (sa.UniqueConstraint("center_id", "name", name="uq_department_center_name"),)

    id: int | None = Field(default=None, primary_key=True)
    center_id: int = Field(foreign_key="management_center.id", index=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=160)
    is_reception: bool = False
    is_active: bool = True
    created_at: datetime = created_column()


class DocumentType(SQLModel, table=True):
    __tablename__ = "document_type"

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=40, unique=True)
    name: str = Field(max_length=120, unique=True)
    requires_digital_signature: bool = False
    is_active: bool = True
    created_at: datetime = created_column()


class Holiday(SQLModel, table=True):
    """Admin-added non-working days, on top of the national ones from ``holidays``."""

    __tablename__ = "holiday"

    id: int | None = Field(default=None, primary_key=True)
    day: date = Field(unique=True)
    name: str = Field(max_length=120)
    created_at: datetime = created_column()


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
    updated_at: datetime = created_column()
