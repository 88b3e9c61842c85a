"""Catalog options for the filing form's dropdowns."""

from __future__ import annotations

from sqlmodel import Session, col, select

from mpv_app.models import Department, DocumentType, ManagementCenter


def document_type_options(session: Session) -> list[tuple[str, str]]:
    rows = session.exec(
        select(DocumentType).where(DocumentType.is_active).order_by(col(DocumentType.name))
    ).all()
    return [
        (
            str(t.id),
            f"{t.name} (solo con firma digital)" if t.requires_digital_signature else t.name,
        )
        for t in rows
    ]


def center_options(session: Session) -> list[tuple[str, str]]:
    rows = session.exec(
        select(ManagementCenter)
        .where(ManagementCenter.is_active)
        .order_by(col(ManagementCenter.id))
    ).all()
    return [(str(c.id), c.name) for c in rows]


def department_options(session: Session, center_id: int) -> list[tuple[str, str]]:
    rows = session.exec(
        select(Department)
        .where(Department.center_id == center_id, Department.is_active)
        .order_by(col(Department.name))
    ).all()
    return [(str(d.id), d.name) for d in rows]


def reception_destination(session: Session) -> str:
    row = session.exec(
        select(Department.name, ManagementCenter.name)
        .join(ManagementCenter, col(ManagementCenter.id) == Department.center_id)
        .where(Department.is_reception, Department.is_active)
    ).first()
    return f"{row[0]} — {row[1]}" if row else "Trámite Documentario"


def department_label(session: Session, department_id: int | None) -> str:
    """ "Dependencia — Centro de Gestión", as every page and email names a destination."""
    if department_id is None:
        return ""
    row = session.exec(
        select(Department.name, ManagementCenter.name)
        .join(ManagementCenter, col(ManagementCenter.id) == Department.center_id)
        .where(Department.id == department_id)
    ).first()
    return f"{row[0]} — {row[1]}" if row else ""
