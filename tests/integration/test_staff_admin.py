"""Staff accounts managed by an administrator: create, change role, deactivate, history kept."""

from __future__ import annotations

import pytest
from sqlmodel import Session, col, select

from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import Role
from mpv_app.models import AuditLog, AuthSession, Department, OutboxEmail, User
from mpv_app.selectors import admin as admin_selectors
from mpv_app.services import auth, staff
from mpv_app.services import login as login_service
from mpv_app.services.errors import FieldErrors, ServiceError
from tests.factories import STRONG_PASSWORD, unique_email

IP = "198.51.100.20"


def _department(session: Session, code: str) -> Department:
    return session.exec(select(Department).where(Department.code == code)).one()


def _login(session: Session, email: str) -> auth.LoginResult:
    result = login_service.login(
        session=session, email=email, password=STRONG_PASSWORD, ip_address=IP
    )
    session.commit()
    return result


def test_admin_creates_accounts_with_password_or_emailed_link(
    session: Session, admin_id: int
) -> None:
    legal = _department(session, "OP-LEG")
    email = unique_email("legal")
    created = staff.add_staff(
        session=session,
        actor_id=admin_id,
        email=email.upper(),
        role="dependencia",
        department_id=str(legal.id),
        password=STRONG_PASSWORD,
    )
    session.commit()
    assert (created.user.email, created.user.role, created.user.department_id) == (
        email,
        Role.DEPARTMENT,
        legal.id,
    )
    assert created.set_password_link is None
    assert _login(session, email).user is not None
    row = session.exec(select(AuditLog).where(AuditLog.action == "staff.create")).all()[-1]
    assert (row.actor_user_id, row.detail) == (
        admin_id,
        {"role": "dependencia", "department_code": "OP-LEG"},
    )

    invited = unique_email("mesa")
    linked = staff.add_staff(
        session=session,
        actor_id=admin_id,
        email=invited,
        role="mesa_partes",
        department_id=str(legal.id),
    )
    session.commit()
    assert linked.user.department_id is None  # only the Dependencia role has a department
    assert linked.set_password_link and "/restablecer/" in linked.set_password_link
    assert session.exec(select(OutboxEmail).where(OutboxEmail.to_address == invited)).one()


def test_creation_problems_are_reported_per_field(session: Session, admin_id: int) -> None:
    existing = session.get(User, admin_id)
    assert existing is not None
    with pytest.raises(FieldErrors) as caught:
        staff.add_staff(
            session=session,
            actor_id=admin_id,
            email=existing.email,
            role="dependencia",
            department_id="",
            password="corta",
        )
    assert set(caught.value.errors) == {"email", "department_id", "password"}
    assert caught.value.errors["email"] == "Ya existe una cuenta con este correo."
    with pytest.raises(FieldErrors) as caught:
        staff.add_staff(
            session=session,
            actor_id=admin_id,
            email="no-es-correo",
            role="remitente",
            department_id=None,
        )
    assert set(caught.value.errors) == {"email", "role"}
    session.rollback()


def test_role_and_department_changes(session: Session, admin_id: int) -> None:
    created = staff.add_staff(
        session=session,
        actor_id=admin_id,
        email=unique_email("rol"),
        role="mesa_partes",
        department_id=None,
    )
    session.commit()
    user_id = created.user.id
    assert user_id is not None
    tesoreria = _department(session, "OP-TES")
    with pytest.raises(FieldErrors) as caught:
        staff.update_staff(
            session=session,
            actor_id=admin_id,
            user_id=user_id,
            role="dependencia",
            department_id="",
        )
    assert caught.value.errors == {
        "department_id": "Seleccione la dependencia: el rol Dependencia la requiere."
    }
    staff.update_staff(
        session=session,
        actor_id=admin_id,
        user_id=user_id,
        role="dependencia",
        department_id=tesoreria.id,
    )
    session.commit()
    user = session.get(User, user_id)
    assert user is not None and (user.role, user.department_id) == (Role.DEPARTMENT, tesoreria.id)
    staff.update_staff(
        session=session,
        actor_id=admin_id,
        user_id=user_id,
        role="admin",
        department_id=tesoreria.id,
    )
    session.commit()
    session.refresh(user)
    assert (user.role, user.department_id) == (Role.ADMIN, None)
    update_rows = session.exec(select(AuditLog).where(AuditLog.action == "staff.update")).all()
    assert [r.detail["role"] for r in update_rows] == [
        ["mesa_partes", "dependencia"],
        ["dependencia", "admin"],
    ]


def test_admin_cannot_demote_or_deactivate_themselves(session: Session, admin_id: int) -> None:
    with pytest.raises(ServiceError, match="No puede quitarse a sí mismo"):
        staff.update_staff(
            session=session,
            actor_id=admin_id,
            user_id=admin_id,
            role="mesa_partes",
            department_id=None,
        )
    with pytest.raises(ServiceError, match="No puede desactivar su propia cuenta"):
        staff.set_staff_active(session=session, actor_id=admin_id, user_id=admin_id, active=False)
    session.rollback()
    user = session.get(User, admin_id)
    assert user is not None and user.is_active and user.role is Role.ADMIN


def test_senders_are_not_staff_accounts(session: Session, admin_id: int) -> None:
    sender = User(email=unique_email("remitente"), password_hash="!", role=Role.SENDER)
    session.add(sender)
    session.commit()
    assert sender.id is not None
    with pytest.raises(ServiceError, match="no es del personal"):
        staff.set_staff_active(session=session, actor_id=admin_id, user_id=sender.id, active=False)
    session.rollback()


def test_deactivation_revokes_sessions_blocks_login_and_keeps_history(
    session: Session, admin_id: int
) -> None:
    email = unique_email("salida")
    created = staff.add_staff(
        session=session,
        actor_id=admin_id,
        email=email,
        role="mesa_partes",
        department_id=None,
        password=STRONG_PASSWORD,
    )
    session.commit()
    user_id = created.user.id
    assert user_id is not None
    first, second = _login(session, email), _login(session, email)
    assert first.token and second.token

    staff.set_staff_active(session=session, actor_id=admin_id, user_id=user_id, active=False)
    session.commit()

    assert auth.resolve_session(session=session, token=first.token) is None
    assert auth.resolve_session(session=session, token=second.token) is None
    sessions = session.exec(select(AuthSession).where(AuthSession.user_id == user_id)).all()
    assert len(sessions) == 2 and all(s.revoked_at is not None for s in sessions)
    assert _login(session, email).error == auth.INACTIVE
    # The account and everything it did stay: only its state changed.
    assert session.get(User, user_id) is not None
    own_rows = session.exec(select(AuditLog).where(AuditLog.actor_user_id == user_id)).all()
    assert [r.action for r in own_rows] == ["auth.login", "auth.login"]
    row = next(r for r in admin_selectors.staff_rows(session) if r.email == email)
    assert row.status == "Inactivo"
    deactivated = session.exec(select(AuditLog).where(AuditLog.action == "staff.deactivate")).one()
    assert (deactivated.entity_id, deactivated.detail) == (str(user_id), {"sessions_revoked": 2})

    staff.set_staff_active(session=session, actor_id=admin_id, user_id=user_id, active=True)
    session.commit()
    assert _login(session, email).user is not None
    actions = session.exec(
        select(AuditLog.action)
        .where(
            AuditLog.entity == "user",
            AuditLog.entity_id == str(user_id),
            col(AuditLog.action).in_([a for a in AuditAction if a.startswith("staff.")]),
        )
        .order_by(col(AuditLog.id))
    ).all()
    assert list(actions) == ["staff.create", "staff.deactivate", "staff.activate"]
