"""Catalog administration on SQLite and PostgreSQL: validation, audit rows, deactivation only."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, func, select

from mpv_app.models import AuditLog, Department, DocumentType, ManagementCenter
from mpv_app.selectors import admin as admin_selectors
from mpv_app.selectors.catalog import center_options, department_options, document_type_options
from mpv_app.services import catalog_admin as catalogs
from mpv_app.services.errors import FieldErrors, ServiceError


def _audit(session: Session, action: str) -> list[AuditLog]:
    return list(session.exec(select(AuditLog).where(AuditLog.action == action)).all())


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def test_center_create_update_and_deactivate(session: Session, admin_id: int) -> None:
    center = catalogs.create_center(
        session=session, actor_id=admin_id, code=" rf-pil ", name="  Refinería   Pilar "
    )
    session.commit()
    assert (center.code, center.name, center.is_active) == ("RF-PIL", "Refinería Pilar", True)
    [created] = _audit(session, "catalog.center.create")
    assert (created.entity, created.entity_id, created.actor_user_id) == (
        "management_center",
        "RF-PIL",
        admin_id,
    )
    assert center.id is not None

    catalogs.update_center(
        session=session, actor_id=admin_id, center_id=center.id, name="Refinería El Pilar"
    )
    session.commit()
    [updated] = _audit(session, "catalog.center.update")
    assert updated.detail == {"name": ["Refinería Pilar", "Refinería El Pilar"]}

    catalogs.set_center_active(
        session=session, actor_id=admin_id, center_id=center.id, active=False
    )
    session.commit()
    assert (str(center.id), "Refinería El Pilar") not in center_options(session)
    assert session.get(ManagementCenter, center.id) is not None  # kept, only hidden
    assert len(_audit(session, "catalog.center.deactivate")) == 1
    catalogs.set_center_active(session=session, actor_id=admin_id, center_id=center.id, active=True)
    session.commit()
    assert (str(center.id), "Refinería El Pilar") in center_options(session)


def test_center_duplicates_and_blanks_are_refused_beside_each_field(
    session: Session, admin_id: int
) -> None:
    with pytest.raises(FieldErrors) as caught:
        catalogs.create_center(
            session=session, actor_id=admin_id, code="op", name="oficina principal (san isidro)"
        )
    assert caught.value.errors == {
        "code": "Ya existe un centro de gestión con ese código.",
        "name": "Ya existe un centro de gestión con ese nombre.",
    }
    with pytest.raises(FieldErrors) as caught:
        catalogs.create_center(session=session, actor_id=admin_id, code="  ", name="")
    assert caught.value.errors == {"code": "Ingrese el código.", "name": "Ingrese el nombre."}
    with pytest.raises(FieldErrors) as caught:
        catalogs.create_center(session=session, actor_id=admin_id, code="Ñ código", name="X")
    assert set(caught.value.errors) == {"code"}
    session.rollback()
    assert _audit(session, "catalog.center.create") == []


def test_department_belongs_to_an_active_center(session: Session, admin_id: int) -> None:
    talara = session.exec(select(ManagementCenter).where(ManagementCenter.code == "RFTL")).one()
    assert talara.id is not None
    department = catalogs.create_department(
        session=session,
        actor_id=admin_id,
        center_id=str(talara.id),
        code="RFTL-LAB",
        name="Laboratorio Talara",
    )
    session.commit()
    assert department.id is not None
    assert (str(department.id), "Laboratorio Talara") in department_options(session, talara.id)
    [row] = _audit(session, "catalog.department.create")
    assert row.detail == {"name": "Laboratorio Talara", "center": "RFTL"}

    with pytest.raises(FieldErrors) as caught:
        catalogs.create_department(
            session=session,
            actor_id=admin_id,
            center_id=talara.id,
            code="rftl-lab",
            name="laboratorio talara",
        )
    assert caught.value.errors == {
        "code": "Ya existe una dependencia con ese código.",
        "name": "Ya existe una dependencia con ese nombre en el centro de gestión.",
    }
    with pytest.raises(FieldErrors) as caught:
        catalogs.create_department(
            session=session, actor_id=admin_id, center_id="", code="X", name="Y"
        )
    assert caught.value.errors == {"center_id": "Seleccione un centro de gestión activo."}

    catalogs.set_department_active(
        session=session, actor_id=admin_id, department_id=department.id, active=False
    )
    catalogs.set_center_active(
        session=session, actor_id=admin_id, center_id=talara.id, active=False
    )
    session.commit()
    with pytest.raises(FieldErrors, match="centro de gestión activo"):
        catalogs.create_department(
            session=session, actor_id=admin_id, center_id=talara.id, code="RFTL-Z", name="Z"
        )
    with pytest.raises(ServiceError, match="Active primero el centro de gestión Refinería Talara"):
        catalogs.set_department_active(
            session=session, actor_id=admin_id, department_id=department.id, active=True
        )
    session.rollback()


def test_department_update_and_move(session: Session, admin_id: int) -> None:
    legal = session.exec(select(Department).where(Department.code == "OP-LEG")).one()
    conchan = session.exec(select(ManagementCenter).where(ManagementCenter.code == "RFCO")).one()
    assert legal.id is not None and conchan.id is not None
    catalogs.update_department(
        session=session,
        actor_id=admin_id,
        department_id=legal.id,
        center_id=conchan.id,
        name="Asesoría Legal Conchán",
    )
    session.commit()
    assert (legal.code, legal.center_id, legal.name) == (
        "OP-LEG",
        conchan.id,
        "Asesoría Legal Conchán",
    )
    [row] = _audit(session, "catalog.department.update")
    assert row.detail["name"] == ["Gerencia Corporativa Legal", "Asesoría Legal Conchán"]


def test_reception_department_and_its_center_cannot_be_deactivated(
    session: Session, admin_id: int
) -> None:
    reception = session.exec(select(Department).where(col(Department.is_reception))).one()
    assert reception.id is not None
    with pytest.raises(ServiceError, match="No se puede desactivar Trámite Documentario"):
        catalogs.set_department_active(
            session=session, actor_id=admin_id, department_id=reception.id, active=False
        )
    with pytest.raises(ServiceError, match="contiene Trámite Documentario"):
        catalogs.set_center_active(
            session=session, actor_id=admin_id, center_id=reception.center_id, active=False
        )
    session.rollback()
    assert session.get(Department, reception.id).is_active  # type: ignore[union-attr]
    assert _audit(session, "catalog.department.deactivate") == []


def test_document_type_with_signature_flag(session: Session, admin_id: int) -> None:
    doc_type = catalogs.create_document_type(
        session=session,
        actor_id=admin_id,
        code="adenda",
        name="Adenda",
        requires_digital_signature=True,
    )
    session.commit()
    assert doc_type.id is not None
    assert (str(doc_type.id), "Adenda (solo con firma digital)") in document_type_options(session)
    with pytest.raises(FieldErrors) as caught:
        catalogs.create_document_type(
            session=session,
            actor_id=admin_id,
            code="ADENDA",
            name="carta",
            requires_digital_signature=False,
        )
    assert caught.value.errors == {
        "code": "Ya existe un tipo de correspondencia con ese código.",
        "name": "Ya existe un tipo de correspondencia con ese nombre.",
    }
    catalogs.update_document_type(
        session=session,
        actor_id=admin_id,
        document_type_id=doc_type.id,
        name="Adenda de contrato",
        requires_digital_signature=False,
    )
    catalogs.set_document_type_active(
        session=session, actor_id=admin_id, document_type_id=doc_type.id, active=False
    )
    session.commit()
    assert str(doc_type.id) not in {value for value, _ in document_type_options(session)}
    assert session.get(DocumentType, doc_type.id).code == "ADENDA"  # type: ignore[union-attr]
    actions = [
        a.action
        for a in session.exec(
            select(AuditLog)
            .where(AuditLog.entity == "document_type", AuditLog.entity_id == "ADENDA")
            .order_by(col(AuditLog.id))
        ).all()
    ]
    assert actions == [
        "catalog.document_type.create",
        "catalog.document_type.update",
        "catalog.document_type.deactivate",
    ]


def test_admin_lists_show_every_row_with_its_state(session: Session, admin_id: int) -> None:
    carta = session.exec(select(DocumentType).where(DocumentType.code == "CARTA")).one()
    assert carta.id is not None
    catalogs.set_document_type_active(
        session=session, actor_id=admin_id, document_type_id=carta.id, active=False
    )
    session.commit()
    types = admin_selectors.document_type_rows(session)
    assert len(types) == _count(session, DocumentType)
    carta_row = next(r for r in types if r.code == "CARTA")
    assert (carta_row.status, carta_row.signature) == ("Inactivo", "No")
    assert next(r for r in types if r.code == "OTT").signature == "Sí"
    departments = admin_selectors.department_rows(session)
    reception = next(r for r in departments if r.code == "OP-TD")
    assert reception.center == "Oficina Principal (San Isidro)"
    assert reception.reception == "Sí"
    assert len(admin_selectors.center_rows(session)) == _count(session, ManagementCenter)
    counts = admin_selectors.summary(session)
    total_types = _count(session, DocumentType)
    assert counts["document_types"] == f"Activos: {total_types - 1} de {total_types}"
    assert counts["staff"] == "Cuentas activas: 1 de 1"
    assert counts["calendar"].startswith("Horario: 07:00 a 16:36")
