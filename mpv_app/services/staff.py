"""Staff accounts: never self-registered; created by an operator or an administrator."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlmodel import Session, select

from mpv_app.domain import validators as v
from mpv_app.domain.enums import Role
from mpv_app.models import Department, User
from mpv_app.services import audit
from mpv_app.services.errors import ServiceError
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
        action="staff.create",
        entity="user",
        entity_id=user.id,
        actor_user_id=actor_user_id,
        detail={"role": role.value, "department_code": department_code},
    )
    session.flush()
    return StaffCreated(user=user, set_password_link=link)
