"""The administrator's catalogs: centros de gestión, dependencias, tipos de correspondencia.

Rows are never deleted: filings, events and staff accounts point at them, and history must keep
reading the way it was filed. Retiring a row means deactivating it, which only hides it from the
choices offered from then on. Codes are fixed once created: the seed, the staff CLI and audit
rows identify catalog rows by code, so a renamed code would come back as a duplicate.
"""

from __future__ import annotations

import re
from typing import Any

from sqlmodel import Session, col, func, select

from mpv_app.models import Department, DocumentType, ManagementCenter
from mpv_app.services import audit
from mpv_app.services.errors import FieldErrors, ServiceError

CODE_MAX = 40
CODE_RE = re.compile(r"[A-Z0-9][A-Z0-9_-]*")
MSG_CODE_EMPTY = "Ingrese el código."
MSG_CODE_FORMAT = f"El código admite hasta {CODE_MAX} caracteres: letras sin tilde, números, - y _."
MSG_NAME_EMPTY = "Ingrese el nombre."
MSG_CENTER_CODE_TAKEN = "Ya existe un centro de gestión con ese código."
MSG_CENTER_NAME_TAKEN = "Ya existe un centro de gestión con ese nombre."
MSG_DEPARTMENT_CODE_TAKEN = "Ya existe una dependencia con ese código."
MSG_DEPARTMENT_NAME_TAKEN = "Ya existe una dependencia con ese nombre en el centro de gestión."
MSG_TYPE_CODE_TAKEN = "Ya existe un tipo de correspondencia con ese código."
MSG_TYPE_NAME_TAKEN = "Ya existe un tipo de correspondencia con ese nombre."
MSG_CENTER_REQUIRED = "Seleccione un centro de gestión activo."
MSG_RECEPTION_LOCKED = (
    "No se puede desactivar {name}: es la dependencia que recibe la correspondencia "
    "cuando el remitente no conoce el destino."
)
MSG_RECEPTION_CENTER_LOCKED = (
    "No se puede desactivar este centro de gestión: contiene {name}, la dependencia de "
    "recepción por defecto."
)
MSG_CENTER_INACTIVE = "Active primero el centro de gestión {name}."
MSG_NOT_FOUND = "El registro ya no existe. Actualice la página."


def clean_code(value: str | None) -> str:
    """Codes are upper-case identifiers: ``op-td `` and ``OP-TD`` are the same code."""
    code = (value or "").strip().upper()
    if not code:
        raise FieldErrors({"code": MSG_CODE_EMPTY})
    if len(code) > CODE_MAX or not CODE_RE.fullmatch(code):
        raise FieldErrors({"code": MSG_CODE_FORMAT})
    return code


def clean_name(value: str | None, max_length: int) -> str:
    name = " ".join((value or "").split())
    if not name:
        raise FieldErrors({"name": MSG_NAME_EMPTY})
    if len(name) > max_length:
        raise FieldErrors({"name": f"El nombre admite como máximo {max_length} caracteres."})
    return name


def _collect(*checks: Any) -> None:
    """Run every field check and report all failures together, not only the first."""
    errors: dict[str, str] = {}
    for check in checks:
        try:
            check()
        except FieldErrors as error:
            errors.update(error.errors)
    if errors:
        raise FieldErrors(errors)


def _exists(session: Session, model: Any, *where: Any, exclude_id: int | None = None) -> bool:
    query = select(model.id).where(*where)
    if exclude_id is not None:
        query = query.where(model.id != exclude_id)
    return session.exec(query).first() is not None


def _same_text(column: Any, value: str) -> Any:
    return func.lower(column) == value.lower()


def _get(session: Session, model: Any, row_id: int) -> Any:
    row = session.get(model, row_id)
    if row is None:
        raise ServiceError(MSG_NOT_FOUND)
    return row


def _write(session: Session, row: Any, action: str, actor_id: int, detail: dict[str, Any]) -> None:
    session.add(row)
    session.flush()
    audit.record(
        session,
        action=action,
        entity=row.__tablename__,
        entity_id=row.code,
        actor_user_id=actor_id,
        detail=detail,
    )
    session.flush()


# -- centros de gestión --------------------------------------------------------------------


def _check_center(session: Session, code: str, name: str, exclude_id: int | None) -> None:
    errors: dict[str, str] = {}
    if exclude_id is None and _exists(session, ManagementCenter, ManagementCenter.code == code):
        errors["code"] = MSG_CENTER_CODE_TAKEN
    if _exists(
        session, ManagementCenter, _same_text(ManagementCenter.name, name), exclude_id=exclude_id
    ):
        errors["name"] = MSG_CENTER_NAME_TAKEN
    if errors:
        raise FieldErrors(errors)


def create_center(*, session: Session, actor_id: int, code: str, name: str) -> ManagementCenter:
    cleaned: dict[str, str] = {}
    _collect(
        lambda: cleaned.update(code=clean_code(code)),
        lambda: cleaned.update(name=clean_name(name, 120)),
    )
    _check_center(session, cleaned["code"], cleaned["name"], None)
    center = ManagementCenter(code=cleaned["code"], name=cleaned["name"])
    _write(session, center, "catalog.center.create", actor_id, {"name": center.name})
    return center


def update_center(
    *, session: Session, actor_id: int, center_id: int, name: str
) -> ManagementCenter:
    center: ManagementCenter = _get(session, ManagementCenter, center_id)
    cleaned = clean_name(name, 120)
    _check_center(session, center.code, cleaned, center.id)
    before, center.name = center.name, cleaned
    _write(session, center, "catalog.center.update", actor_id, {"name": [before, cleaned]})
    return center


def _reception(session: Session) -> Department | None:
    return session.exec(
        select(Department).where(col(Department.is_reception), col(Department.is_active))
    ).first()


def set_center_active(
    *, session: Session, actor_id: int, center_id: int, active: bool
) -> ManagementCenter:
    center: ManagementCenter = _get(session, ManagementCenter, center_id)
    if not active:
        reception = _reception(session)
        if reception is not None and reception.center_id == center.id:
            raise ServiceError(MSG_RECEPTION_CENTER_LOCKED.format(name=reception.name))
    if center.is_active == active:
        return center
    center.is_active = active
    action = "catalog.center.activate" if active else "catalog.center.deactivate"
    _write(session, center, action, actor_id, {"name": center.name})
    return center


# -- dependencias ----------------------------------------------------------------------------


def _active_center(session: Session, center_id: int | str | None) -> ManagementCenter:
    try:
        center = session.get(ManagementCenter, int(center_id or 0))
    except (TypeError, ValueError):
        center = None
    if center is None or not center.is_active:
        raise FieldErrors({"center_id": MSG_CENTER_REQUIRED})
    return center


def _check_department(
    session: Session, code: str | None, name: str, center_id: int, exclude_id: int | None
) -> None:
    errors: dict[str, str] = {}
    if code is not None and _exists(session, Department, Department.code == code):
        errors["code"] = MSG_DEPARTMENT_CODE_TAKEN
    same_name = _same_text(Department.name, name)
    if _exists(
        session, Department, same_name, Department.center_id == center_id, exclude_id=exclude_id
    ):
        errors["name"] = MSG_DEPARTMENT_NAME_TAKEN
    if errors:
        raise FieldErrors(errors)


def create_department(
    *, session: Session, actor_id: int, center_id: int | str | None, code: str, name: str
) -> Department:
    cleaned: dict[str, Any] = {}
    _collect(
        lambda: cleaned.update(center=_active_center(session, center_id)),
        lambda: cleaned.update(code=clean_code(code)),
        lambda: cleaned.update(name=clean_name(name, 160)),
    )
    center: ManagementCenter = cleaned["center"]
    assert center.id is not None
    _check_department(session, cleaned["code"], cleaned["name"], center.id, None)
    department = Department(center_id=center.id, code=cleaned["code"], name=cleaned["name"])
    detail = {"name": department.name, "center": center.code}
    _write(session, department, "catalog.department.create", actor_id, detail)
    return department


def update_department(
    *, session: Session, actor_id: int, department_id: int, center_id: int | str | None, name: str
) -> Department:
    """Moving a department changes only where future filings go: past ones keep their center."""
    department: Department = _get(session, Department, department_id)
    cleaned: dict[str, Any] = {}
    _collect(
        lambda: cleaned.update(center=_active_center(session, center_id)),
        lambda: cleaned.update(name=clean_name(name, 160)),
    )
    center: ManagementCenter = cleaned["center"]
    assert center.id is not None
    _check_department(session, None, cleaned["name"], center.id, department.id)
    detail = {
        "name": [department.name, cleaned["name"]],
        "center_id": [department.center_id, center.id],
    }
    department.name, department.center_id = cleaned["name"], center.id
    _write(session, department, "catalog.department.update", actor_id, detail)
    return department


def set_department_active(
    *, session: Session, actor_id: int, department_id: int, active: bool
) -> Department:
    department: Department = _get(session, Department, department_id)
    if not active and department.is_reception:
        raise ServiceError(MSG_RECEPTION_LOCKED.format(name=department.name))
    if active:
        center = session.get(ManagementCenter, department.center_id)
        if center is not None and not center.is_active:
            raise ServiceError(MSG_CENTER_INACTIVE.format(name=center.name))
    if department.is_active == active:
        return department
    department.is_active = active
    action = "catalog.department.activate" if active else "catalog.department.deactivate"
    _write(session, department, action, actor_id, {"name": department.name})
    return department


# -- tipos de correspondencia ----------------------------------------------------------------


def _check_type(session: Session, code: str | None, name: str, exclude_id: int | None) -> None:
    errors: dict[str, str] = {}
    if code is not None and _exists(session, DocumentType, DocumentType.code == code):
        errors["code"] = MSG_TYPE_CODE_TAKEN
    if _exists(session, DocumentType, _same_text(DocumentType.name, name), exclude_id=exclude_id):
        errors["name"] = MSG_TYPE_NAME_TAKEN
    if errors:
        raise FieldErrors(errors)


def create_document_type(
    *, session: Session, actor_id: int, code: str, name: str, requires_digital_signature: bool
) -> DocumentType:
    cleaned: dict[str, str] = {}
    _collect(
        lambda: cleaned.update(code=clean_code(code)),
        lambda: cleaned.update(name=clean_name(name, 120)),
    )
    _check_type(session, cleaned["code"], cleaned["name"], None)
    doc_type = DocumentType(
        code=cleaned["code"],
        name=cleaned["name"],
        requires_digital_signature=requires_digital_signature,
    )
    detail = {"name": doc_type.name, "requires_digital_signature": requires_digital_signature}
    _write(session, doc_type, "catalog.document_type.create", actor_id, detail)
    return doc_type


def update_document_type(
    *,
    session: Session,
    actor_id: int,
    document_type_id: int,
    name: str,
    requires_digital_signature: bool,
) -> DocumentType:
    """The signature flag applies to filings submitted from now on, never to past ones."""
    doc_type: DocumentType = _get(session, DocumentType, document_type_id)
    cleaned = clean_name(name, 120)
    _check_type(session, None, cleaned, doc_type.id)
    detail = {
        "name": [doc_type.name, cleaned],
        "requires_digital_signature": [
            doc_type.requires_digital_signature,
            requires_digital_signature,
        ],
    }
    doc_type.name, doc_type.requires_digital_signature = cleaned, requires_digital_signature
    _write(session, doc_type, "catalog.document_type.update", actor_id, detail)
    return doc_type


def set_document_type_active(
    *, session: Session, actor_id: int, document_type_id: int, active: bool
) -> DocumentType:
    doc_type: DocumentType = _get(session, DocumentType, document_type_id)
    if doc_type.is_active == active:
        return doc_type
    doc_type.is_active = active
    action = "catalog.document_type.activate" if active else "catalog.document_type.deactivate"
    _write(session, doc_type, action, actor_id, {"name": doc_type.name})
    return doc_type
