"""Login, throttling, sessions, password reset and staff accounts, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import Session, select

from mpv_app.domain.enums import Role
from mpv_app.models import AuthSession, LoginAttempt, OutboxEmail
from mpv_app.services import auth, password_reset, registration, staff
from mpv_app.services import login as login_service
from mpv_app.services.errors import FieldErrors, ServiceError
from mpv_app.services.tokens import TokenError
from tests.factories import STRONG_PASSWORD, confirmed_user, registered_user, token_from_outbox

IP = "203.0.113.7"


def _login(
    session: Session,
    email: str,
    password: str,
    *,
    ip: str = IP,
    now: datetime | None = None,
    delays: list[float] | None = None,
):  # type: ignore[no-untyped-def]
    """One login; the per-IP pause is recorded in ``delays`` instead of slept."""
    waited = delays if delays is not None else []
    result = login_service.login(
        session=session, email=email, password=password, ip_address=ip, now=now, sleep=waited.append
    )
    session.commit()
    return result


def test_login_returns_a_session_that_resolves(session: Session) -> None:
    user = confirmed_user(session)
    result = _login(session, f"  {user.email.upper()} ", STRONG_PASSWORD)
    assert result.error is None and result.token
    resolved = auth.resolve_session(session=session, token=result.token)
    assert resolved is not None
    assert (resolved.email, resolved.role, resolved.name) == (
        user.email,
        Role.SENDER,
        "Ana María Quispe Huamán",
    )
    stored = session.exec(select(AuthSession)).one()
    assert stored.token_hash != result.token  # only the hash is kept


def test_unknown_email_and_wrong_password_look_the_same(session: Session) -> None:
    user = confirmed_user(session)
    unknown = _login(session, "nadie@example.pe", STRONG_PASSWORD)
    wrong = _login(session, user.email, "Otra-clave-2026")
    assert unknown.error == wrong.error == auth.BAD_CREDENTIALS
    assert unknown.token is None and wrong.token is None


def test_unconfirmed_account_is_told_only_with_the_right_password(session: Session) -> None:
    user = registered_user(session)
    assert _login(session, user.email, "Otra-clave-2026").error == auth.BAD_CREDENTIALS
    assert _login(session, user.email, STRONG_PASSWORD).error == auth.NOT_CONFIRMED


def test_five_failures_from_one_ip_lock_that_account_from_that_ip_only(session: Session) -> None:
    user = confirmed_user(session)
    now = datetime.now(UTC)
    for _ in range(5):
        assert _login(session, user.email, "mala", now=now).error == auth.BAD_CREDENTIALS
    blocked = _login(session, user.email, STRONG_PASSWORD, now=now)
    assert blocked.token is None
    assert blocked.error == auth.throttle_message(15)
    # The owner, from their own connection, is not locked out by someone else's guesses.
    assert _login(session, user.email, STRONG_PASSWORD, ip="192.0.2.1", now=now).token
    later = _login(session, user.email, STRONG_PASSWORD, now=now + timedelta(minutes=15, seconds=1))
    assert later.token is not None


def test_many_failures_from_several_ips_lock_the_account_everywhere(session: Session) -> None:
    user = confirmed_user(session)
    now = datetime.now(UTC)
    limit = auth.get_settings().login_max_failures_per_account
    for i in range(limit):
        _login(session, user.email, "mala", ip=f"198.51.100.{i % 4}", now=now)
    blocked = _login(session, user.email, STRONG_PASSWORD, ip="192.0.2.99", now=now)
    assert blocked.token is None and blocked.error == auth.throttle_message(15)


def test_failures_on_other_accounts_never_refuse_a_correct_password(session: Session) -> None:
    """Behind a proxy or a carrier NAT everyone shares one IP: one person must not close it."""
    victim = confirmed_user(session)
    now = datetime.now(UTC)
    for i in range(30):
        result = _login(session, f"intruso{i}@example.pe", "mala", now=now)
        assert result.error == auth.BAD_CREDENTIALS
    delays: list[float] = []
    ok = _login(session, victim.email, STRONG_PASSWORD, now=now, delays=delays)
    assert ok.token is not None and ok.error is None
    assert delays == [auth.get_settings().login_ip_delay_max_seconds]  # slowed, not refused


def test_the_delay_per_ip_grows_with_failures_and_starts_after_the_threshold(
    session: Session,
) -> None:
    now = datetime.now(UTC)
    threshold = auth.get_settings().login_max_failures_per_ip
    delays: list[float] = []
    for i in range(threshold + 4):
        _login(session, f"otro{i}@example.pe", "mala", now=now, delays=delays)
    assert delays == [0.25, 0.5, 1.0, 2.0]
    other: list[float] = []
    _login(session, "otro@example.pe", "mala", ip="192.0.2.50", now=now, delays=other)
    assert other == []  # another IP is not slowed


def test_failed_attempts_are_kept_even_though_login_failed(session: Session) -> None:
    _login(session, "nadie@example.pe", "x")
    session.rollback()
    assert len(session.exec(select(LoginAttempt)).all()) == 1


def test_sessions_expire_after_inactivity_and_slide_when_used(session: Session) -> None:
    user = confirmed_user(session)
    start = datetime.now(UTC)
    token = _login(session, user.email, STRONG_PASSWORD, now=start).token
    assert token
    idle = timedelta(minutes=auth.get_settings().session_idle_minutes)
    used = auth.resolve_session(
        session=session, token=token, now=start + idle - timedelta(minutes=1)
    )
    session.commit()
    assert used is not None and used.expires_at > start + idle
    assert (
        auth.resolve_session(
            session=session, token=token, now=start + idle * 2 + timedelta(minutes=1)
        )
        is None
    )


def test_a_session_is_written_at_most_once_a_minute(session: Session) -> None:
    """Every event re-checks the session; only the first in each minute may write its row."""
    user = confirmed_user(session)
    start = datetime.now(UTC)
    token = _login(session, user.email, STRONG_PASSWORD, now=start).token
    assert token
    row = session.exec(select(AuthSession).where(AuthSession.user_id == user.id)).one()
    seen = row.last_seen_at
    for seconds in (1, 31, 59):
        auth.resolve_session(session=session, token=token, now=start + timedelta(seconds=seconds))
        session.commit()
        session.refresh(row)
        assert row.last_seen_at == seen, f"written again after {seconds} s"
    auth.resolve_session(session=session, token=token, now=start + timedelta(seconds=61))
    session.commit()
    session.refresh(row)
    assert row.last_seen_at != seen


def test_logout_revokes_the_session(session: Session) -> None:
    user = confirmed_user(session)
    token = _login(session, user.email, STRONG_PASSWORD).token
    assert token
    auth.logout(session=session, token=token)
    session.commit()
    assert auth.resolve_session(session=session, token=token) is None


def test_a_revocation_not_yet_flushed_is_seen_by_the_check_in_the_same_unit_of_work(
    session: Session,
) -> None:
    """The check reads past the ORM when nothing is pending; a change still in the session
    (a revocation, a deactivation) must reach the database before the check reads it."""
    user = confirmed_user(session)
    token = _login(session, user.email, STRONG_PASSWORD).token
    assert token
    row = session.exec(select(AuthSession).where(AuthSession.user_id == user.id)).one()
    row.revoked_at = datetime.now(UTC)
    session.add(row)
    assert auth.resolve_session(session=session, token=token, touch=False) is None
    session.rollback()
    user.is_active = False
    session.add(user)
    assert auth.resolve_session(session=session, token=token, touch=False) is None


def test_password_reset_changes_password_revokes_sessions_and_is_single_use(
    session: Session,
) -> None:
    user = confirmed_user(session)
    old_token = _login(session, user.email, STRONG_PASSWORD).token
    assert old_token
    password_reset.request_password_reset(session=session, email=user.email)
    session.commit()
    link_token = token_from_outbox(session, user.email, "/restablecer/")

    with pytest.raises(FieldErrors) as weak:
        password_reset.reset_password(
            session=session, token=link_token, password="debil", confirmation="debil"
        )
    session.rollback()
    assert weak.value.errors == {"password": "La contraseña debe tener al menos 10 caracteres."}

    password_reset.reset_password(
        session=session, token=link_token, password="NuevaClave2027", confirmation="NuevaClave2027"
    )
    session.commit()
    assert auth.resolve_session(session=session, token=old_token) is None
    assert _login(session, user.email, STRONG_PASSWORD).error == auth.BAD_CREDENTIALS
    assert _login(session, user.email, "NuevaClave2027").token is not None
    subjects = session.exec(
        select(OutboxEmail.subject).where(OutboxEmail.to_address == user.email)
    ).all()
    assert any("contraseña fue cambiada" in s for s in subjects)
    with pytest.raises(TokenError, match="ya fue usado"):
        password_reset.reset_password(
            session=session,
            token=link_token,
            password="OtraClave2028",
            confirmation="OtraClave2028",
        )


def test_reset_request_for_unknown_email_queues_nothing(session: Session) -> None:
    password_reset.request_password_reset(session=session, email="nadie@example.pe")
    session.commit()
    assert session.exec(select(OutboxEmail)).all() == []


def test_staff_creation(session: Session, seeded: None) -> None:
    created = staff.create_staff(
        session=session,
        email="Jefa@Petroperu.com.pe",
        role=Role.DEPARTMENT,
        department_code="OP-LEG",
    )
    session.commit()
    assert created.user.email == "jefa@petroperu.com.pe"
    assert created.user.department_id is not None
    assert created.set_password_link and "/restablecer/" in created.set_password_link
    assert _login(session, created.user.email, "!").error == auth.BAD_CREDENTIALS

    with pytest.raises(ServiceError, match="requiere"):
        staff.create_staff(session=session, email="x@petroperu.com.pe", role=Role.DEPARTMENT)
    with pytest.raises(ServiceError, match="rol"):
        staff.create_staff(session=session, email="y@petroperu.com.pe", role=Role.SENDER)
    with pytest.raises(ServiceError, match="Ya existe"):
        staff.create_staff(session=session, email="jefa@petroperu.com.pe", role=Role.ADMIN)
    admin = staff.create_staff(
        session=session, email="admin@petroperu.com.pe", role=Role.ADMIN, password="ClaveSegura2026"
    )
    session.commit()
    assert admin.set_password_link is None
    assert _login(session, "admin@petroperu.com.pe", "ClaveSegura2026").user.role is Role.ADMIN  # type: ignore[union-attr]


@pytest.mark.parametrize(
    ("request_mail", "what"),
    [
        (password_reset.request_password_reset, "reset"),
        (registration.resend_confirmation, "resend"),
    ],
)
def test_mail_requests_are_throttled_per_address_and_per_ip(
    session: Session,
    request_mail,
    what: str,  # type: ignore[no-untyped-def]
) -> None:
    settings = auth.get_settings()
    user = registered_user(session) if what == "resend" else confirmed_user(session)
    sent_before = len(session.exec(select(OutboxEmail)).all())
    for i in range(settings.mail_request_max_per_address):
        request_mail(session=session, email=user.email, ip_address=f"198.51.100.{i}")
        session.commit()
    with pytest.raises(ServiceError) as refused:
        request_mail(session=session, email=user.email.upper(), ip_address="198.51.100.200")
    session.rollback()
    assert "espere 60 minutos" in refused.value.message
    sent = len(session.exec(select(OutboxEmail)).all()) - sent_before
    assert sent == settings.mail_request_max_per_address  # no more mail to the victim
    # Per IP: many addresses, known or not, from one connection.
    for i in range(settings.mail_request_max_per_ip):
        request_mail(session=session, email=f"alguien{i}@example.pe", ip_address="203.0.113.50")
        session.commit()
    with pytest.raises(ServiceError):
        request_mail(session=session, email="otra@example.pe", ip_address="203.0.113.50")
    session.rollback()
    request_mail(session=session, email="otra@example.pe", ip_address="203.0.113.51")
