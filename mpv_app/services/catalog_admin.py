"""The administrator's catalogs: centros de gestión, dependencias, tipos de correspondencia.

Rows are never deleted: filings, events and staff accounts point at them, and history must keep
reading the way it was filed. Retiring a row means deactivating it, which only hides it from the
choices offered from then on. Codes are fixed once created: the seed, the staff CLI and audit
rows identify catalog rows by code, so a renamed code would come back as a duplicate.
"""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from mpv_app.domain.audit import AuditAction
from mpv_app.models import Department, DocumentType, ManagementCenter
from mpv_app.services import audit
from mpv_app.services.catalog_checks import clean_code, clean_name, collect, refuse_taken
from mpv_app.services.errors import FieldErrors, ServiceError

MSG_CENTER_CODE_TAKEN = "Ya existe un centro de gestión con ese código."
MSG_CENTER_NAME_TAKEN = "Ya existe un centro de gestión con ese nombre."
MSG_DEPARTMENT_CODE_TAKEN = "Ya existe una dependencia con ese código."
MSG_DEPARTMENT_NAME_TAKEN = "Ya existe una dependencia con ese nombre en el centro de gestión."
MSG_TYPE_CODE_TAKEN = "Ya existe un tipo de correspondencia con ese código."
MSG_TYPE_NAME_TAKEN = "Ya existe un tipo de correspondencia con ese nombre."
CENTER_TAKEN = (MSG_CENTER_CODE_TAKEN, MSG_CENTER_NAME_TAKEN)
DEPARTMENT_TAKEN = (MSG_DEPARTMENT_CODE_TAKEN, MSG_DEPARTMENT_NAME_TAKEN)
TYPE_TAKEN = (MSG_TYPE_CODE_TAKEN, MSG_TYPE_NAME_TAKEN)
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
NAME_MAX = 120  # centers and types; department names may run to 160

# (activate, deactivate) of each catalog.
_CENTER_SWITCH = (AuditAction.CENTER_ACTIVATE, AuditAction.CENTER_DEACTIVATE)
_DEPARTMENT_SWITCH = (AuditAction.DEPARTMENT_ACTIVATE, AuditAction.DEPARTMENT_DEACTIVATE)
_TYPE_SWITCH = (AuditAction.DOCUMENT_TYPE_ACTIVATE, AuditAction.DOCUMENT_TYPE_DEACTIVATE)


def _get(session: Session, model: Any, row_id: int) -> Any:
    row = session.get(model, row_id)
    if row is None:
        raise ServiceError(MSG_NOT_FOUND)
    return row


def _write(
    session: Session, row: Any, action: AuditAction, actor_id: int, detail: dict[str, Any]
) -> None:
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


def _clean_new(
    session: Session, model: Any, code: str, name: str, messages: tuple[str, str]
) -> tuple[str, str]:
    """Código and Nombre of a new center or type: both checked, every problem reported."""
    cleaned: dict[str, str] = {}
    collect(
        lambda: cleaned.update(code=clean_code(code)),
        lambda: cleaned.update(name=clean_name(name, NAME_MAX)),
    )
    new_code, new_name = cleaned["code"], cleaned["name"]
    refuse_taken(session, model, code=new_code, name=new_name, exclude_id=None, messages=messages)
    return new_code, new_name


def _clean_rename(session: Session, row: Any, name: str, messages: tuple[str, str]) -> str:
    """A center's or type's new name, unique among the others of its kind."""
    cleaned = clean_name(name, NAME_MAX)
    refuse_taken(session, type(row), code=None, name=cleaned, exclude_id=row.id, messages=messages)
    return cleaned


def _set_active(
    session: Session,
    row: Any,
    actions: tuple[AuditAction, AuditAction],
    active: bool,
    actor_id: int,
) -> None:
    """Idempotent: asking for the state a row already has writes nothing and audits nothing."""
    if row.is_active == active:
        return
    row.is_active = active
    action = actions[0] if active else actions[1]
    _write(session, row, action, actor_id, {"name": row.name})


# -- centros de gestión --------------------------------------------------------------------


def create_center(*, session: Session, actor_id: int, code: str, name: str) -> ManagementCenter:
    code, name = _clean_new(session, ManagementCenter, code, name, CENTER_TAKEN)
    center = ManagementCenter(code=code, name=name)
    _write(session, center, AuditAction.CENTER_CREATE, actor_id, {"name": center.name})
    return center


def update_center(
    *, session: Session, actor_id: int, center_id: int, name: str
) -> ManagementCenter:
    center: ManagementCenter = _get(session, ManagementCenter, center_id)
    cleaned = _clean_rename(session, center, name, CENTER_TAKEN)
    before, center.name = center.name, cleaned
    _write(session, center, AuditAction.CENTER_UPDATE, actor_id, {"name": [before, cleaned]})
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
    _set_active(session, center, _CENTER_SWITCH, active, actor_id)
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


def _clean_department(
    session: Session,
    *,
    center_id: int | str | None,
    name: str,
    code: str | None = None,
    department: Department | None = None,
) -> tuple[ManagementCenter, str, str]:
    """A department's active center, its name (unique within that center) and, when it is new
    (no ``department``), its code. Every field is checked before any is refused."""
    cleaned: dict[str, Any] = {}
    collect(
        lambda: cleaned.update(center=_active_center(session, center_id)),
        lambda: cleaned.update(code=clean_code(code) if department is None else department.code),
        lambda: cleaned.update(name=clean_name(name, 160)),
    )
    center: ManagementCenter = cleaned["center"]
    refuse_taken(
        session,
        Department,
        code=cleaned["code"] if department is None else None,
        name=cleaned["name"],
        exclude_id=None if department is None else department.id,
        messages=DEPARTMENT_TAKEN,
        scope=(Department.center_id == center.id,),
    )
    return center, cleaned["name"], cleaned["code"]


def create_department(
    *, session: Session, actor_id: int, center_id: int | str | None, code: str, name: str
) -> Department:
    center, name, code = _clean_department(session, center_id=center_id, name=name, code=code)
    assert center.id is not None
    department = Department(center_id=center.id, code=code, name=name)
    detail = {"name": department.name, "center": center.code}
    _write(session, department, AuditAction.DEPARTMENT_CREATE, actor_id, detail)
    return department


def update_department(
    *, session: Session, actor_id: int, department_id: int, center_id: int | str | None, name: str
) -> Department:
    """Moving a department changes only where future filings go: past ones keep their center."""
    department: Department = _get(session, Department, department_id)
    center, cleaned, _ = _clean_department(
        session, center_id=center_id, name=name, department=department
    )
    assert center.id is not None
    detail = {"name": [department.name, cleaned], "center_id": [department.center_id, center.id]}
    department.name, department.center_id = cleaned, center.id
    _write(session, department, AuditAction.DEPARTMENT_UPDATE, actor_id, detail)
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
    _set_active(session, department, _DEPARTMENT_SWITCH, active, actor_id)
    return department


# -- tipos de correspondencia ----------------------------------------------------------------


def create_document_type(
    *, session: Session, actor_id: int, code: str, name: str, requires_digital_signature: bool
) -> DocumentType:
    code, name = _clean_new(session, DocumentType, code, name, TYPE_TAKEN)
    doc_type = DocumentType(
        code=code, name=name, requires_digital_signature=requires_digital_signature
    )
    detail = {"name": doc_type.name, "requires_digital_signature": requires_digital_signature}
    _write(session, doc_type, AuditAction.DOCUMENT_TYPE_CREATE, actor_id, detail)
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
    cleaned = _clean_rename(session, doc_type, name, TYPE_TAKEN)
    detail = {
        "name": [doc_type.name, cleaned],
        "requires_digital_signature": [
            doc_type.requires_digital_signature,
            requires_digital_signature,
        ],
    }
    doc_type.name, doc_type.requires_digital_signature = cleaned, requires_digital_signature
    _write(session, doc_type, AuditAction.DOCUMENT_TYPE_UPDATE, actor_id, detail)
    return doc_type


def set_document_type_active(
    *, session: Session, actor_id: int, document_type_id: int, active: bool
) -> DocumentType:
    doc_type: DocumentType = _get(session, DocumentType, document_type_id)
    _set_active(session, doc_type, _TYPE_SWITCH, active, actor_id)
    return doc_type
