"""Staff accounts: never self-registered; created by an operator or an administrator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, select

from mpv_app.domain import validators as v
from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import Role
from mpv_app.models import Department, User
from mpv_app.services import audit
from mpv_app.services.auth import revoke_all_sessions
from mpv_app.services.errors import FieldErrors, ServiceError
from mpv_app.services.password_reset import issue_reset_link
from mpv_app.services.passwords import hash_password

STAFF_ROLES = (Role.RECEPTION, Role.DEPARTMENT, Role.ADMIN)


@dataclass(frozen=True)
class StaffCreated:
    user: User
    set_password_link: str | None


def create_staff(
    *,
    session: Session,
    email: str,
    role: Role,
    department_code: str | None = None,
    password: str | None = None,
    actor_user_id: int | None = None,
) -> StaffCreated:
    """Without a password, the new account gets an emailed single-use link to choose one."""
    if role not in STAFF_ROLES:
        raise ServiceError("El rol debe ser mesa_partes, dependencia o admin.")
    try:
        normalized = v.normalize_email(email)
        if password is not None:
            v.validate_password(password, password, email=normalized)
    except v.ValidationError as error:
        raise ServiceError(error.message) from error
    if session.exec(select(User).where(User.email == normalized)).first() is not None:
        raise ServiceError("Ya existe una cuenta con este correo.")
    department_id = None
    if role is Role.DEPARTMENT:
        if not department_code:
            raise ServiceError("El rol dependencia requiere --department con el código.")
        department = session.exec(
            select(Department).where(Department.code == department_code)
        ).first()
        if department is None or not department.is_active:
            raise ServiceError(f"No existe una dependencia activa con código {department_code}.")
        department_id = department.id
    user = User(
        email=normalized,
        password_hash=hash_password(password) if password else "!",  # "!" never verifies
        role=role,
        department_id=department_id,
        email_confirmed_at=datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    link = None if password else issue_reset_link(session, user=user)
    audit.record(
        session,
        action=AuditAction.STAFF_CREATE,
        entity="user",
        entity_id=user.id,
        actor_user_id=actor_user_id,
        detail={"role": role.value, "department_code": department_code},
    )
    session.flush()
    return StaffCreated(user=user, set_password_link=link)


MSG_ROLE = "Seleccione el rol."
MSG_DEPARTMENT = "Seleccione la dependencia: el rol Dependencia la requiere."
MSG_EMAIL_TAKEN = "Ya existe una cuenta con este correo."
MSG_NOT_STAFF = "La cuenta no existe o no es del personal. Actualice la página."
MSG_SELF_DEMOTE = "No puede quitarse a sí mismo el rol de administrador."
MSG_SELF_DEACTIVATE = "No puede desactivar su propia cuenta."


def _staff_role(value: Role | str | None) -> Role:
    try:
        role = Role(value or "")
    except ValueError as error:
        raise FieldErrors({"role": MSG_ROLE}) from error
    if role not in STAFF_ROLES:
        raise FieldErrors({"role": MSG_ROLE})
    return role


def _department_for(
    session: Session, role: Role, department_id: int | str | None
) -> Department | None:
    """Only the Dependencia role belongs to a department; the others see across departments."""
    if role is not Role.DEPARTMENT:
        return None
    try:
        department = session.get(Department, int(department_id or 0))
    except (TypeError, ValueError):
        department = None
    if department is None or not department.is_active:
        raise FieldErrors({"department_id": MSG_DEPARTMENT})
    return department


def add_staff(
    *,
    session: Session,
    actor_id: int,
    email: str,
    role: Role | str | None,
    department_id: int | str | None,
    password: str = "",
) -> StaffCreated:
    """The administrator's form: every problem reported beside its field, then ``create_staff``.

    An empty password means the person chooses one through the emailed single-use link, so the
    administrator never knows it.
    """
    errors: dict[str, str] = {}
    normalized = ""
    try:
        normalized = v.normalize_email(email)
        if session.exec(select(User.id).where(User.email == normalized)).first() is not None:
            errors["email"] = MSG_EMAIL_TAKEN
    except v.ValidationError as error:
        errors["email"] = error.message
    if password:
        try:
            v.validate_password(password, password, email=normalized)
        except v.ValidationError as error:
            errors["password"] = error.message
    department = None
    try:
        parsed_role = _staff_role(role)
        department = _department_for(session, parsed_role, department_id)
    except FieldErrors as error:
        errors.update(error.errors)
    if errors:
        raise FieldErrors(errors)
    return create_staff(
        session=session,
        email=normalized,
        role=parsed_role,
        department_code=department.code if department else None,
        password=password or None,
        actor_user_id=actor_id,
    )


def _staff_user(session: Session, user_id: int) -> User:
    user = session.get(User, user_id)
    if user is None or user.role not in STAFF_ROLES:
        raise ServiceError(MSG_NOT_STAFF)
    return user


def update_staff(
    *,
    session: Session,
    actor_id: int,
    user_id: int,
    role: Role | str | None,
    department_id: int | str | None,
) -> User:
    """Role and department are read from the database on every request: effective at once."""
    user = _staff_user(session, user_id)
    parsed_role = _staff_role(role)
    if user.id == actor_id and parsed_role is not Role.ADMIN:
        raise ServiceError(MSG_SELF_DEMOTE)
    department = _department_for(session, parsed_role, department_id)
    new_department_id = department.id if department else None
    detail = {
        "role": [user.role.value, parsed_role.value],
        "department_id": [user.department_id, new_department_id],
    }
    user.role, user.department_id = parsed_role, new_department_id
    session.add(user)
    audit.record(
        session,
        action=AuditAction.STAFF_UPDATE,
        entity="user",
        entity_id=user.id,
        actor_user_id=actor_id,
        detail=detail,
    )
    session.flush()
    return user


def set_staff_active(*, session: Session, actor_id: int, user_id: int, active: bool) -> User:
    """Deactivation ends every open session at once and keeps the account and its history."""
    user = _staff_user(session, user_id)
    if user.id == actor_id and not active:
        raise ServiceError(MSG_SELF_DEACTIVATE)
    if user.is_active == active:
        return user
    user.is_active = active
    session.add(user)
    revoked = 0 if active else revoke_all_sessions(session=session, user_id=user_id)
    audit.record(
        session,
        action=AuditAction.STAFF_ACTIVATE if active else AuditAction.STAFF_DEACTIVATE,
        entity="user",
        entity_id=user.id,
        actor_user_id=actor_id,
        detail={"sessions_revoked": revoked} if not active else {},
    )
    session.flush()
    return user
