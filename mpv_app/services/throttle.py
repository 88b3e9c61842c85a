"""Throttling that slows an attacker without letting anyone shut others out.

Login: failures are counted per (account, IP): five wrong passwords from one connection lock
that account from that connection only. An account is locked for everyone only after many
failures from several connections (a distributed guess). Failures from one IP on *other*
accounts never refuse a correct password: they only add a progressive delay, so a proxy or a
carrier NAT shared by thousands cannot be used to close the desk.

Reset and resend e-mails: at most a few per address and per IP in a window, counted from audit
rows of every request (known address or not, so the limit reveals nothing).
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func
from sqlmodel import Session, col, select

from mpv_app.domain import validators as v
from mpv_app.domain.audit import AuditAction
from mpv_app.models import AuditLog, LoginAttempt, User
from mpv_app.services import audit
from mpv_app.services.errors import ServiceError
from mpv_app.settings import get_settings

MAIL_REQUEST_ACTIONS = {
    "reset": AuditAction.THROTTLE_RESET_REQUEST,
    "resend": AuditAction.THROTTLE_RESEND_REQUEST,
}


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _minutes_left(oldest: datetime, window: timedelta, now: datetime) -> int:
    return max(1, math.ceil((_aware(oldest) + window - now).total_seconds() / 60))


def login_lock_minutes(session: Session, *, email: str, ip_address: str, now: datetime) -> int:
    """Minutes before this account may try again from this IP; 0 when it may now."""
    settings = get_settings()
    window = timedelta(minutes=settings.login_window_minutes)
    last_success = session.exec(
        select(func.max(LoginAttempt.created_at)).where(
            LoginAttempt.email == email, col(LoginAttempt.succeeded)
        )
    ).one()
    since = max(now - window, _aware(last_success)) if last_success else now - window
    checks = (
        (LoginAttempt.ip_address == ip_address, settings.login_max_failures),
        (True, settings.login_max_failures_per_account),
    )
    for where, limit in checks:
        failures = session.exec(
            select(LoginAttempt.created_at)
            .where(
                LoginAttempt.email == email,
                where,
                ~col(LoginAttempt.succeeded),
                LoginAttempt.created_at > since,
            )
            .order_by(col(LoginAttempt.created_at).desc())
            .limit(limit)
        ).all()
        if len(failures) >= limit:
            return _minutes_left(failures[-1], window, now)
    return 0


def ip_delay_seconds(session: Session, *, ip_address: str, now: datetime) -> float:
    """The pause before answering a login from this IP: 0, then doubling past the threshold."""
    settings = get_settings()
    since = now - timedelta(minutes=settings.login_window_minutes)
    failures = session.exec(
        select(func.count())
        .select_from(LoginAttempt)
        .where(
            LoginAttempt.ip_address == ip_address,
            ~col(LoginAttempt.succeeded),
            LoginAttempt.created_at > since,
        )
    ).one()
    excess = int(failures) - settings.login_max_failures_per_ip
    if excess < 0:
        return 0.0
    return float(min(settings.login_ip_delay_max_seconds, 0.25 * 2 ** min(excess, 16)))


@dataclass(frozen=True)
class MailRequestLimit:
    what: str  # "reset" or "resend"


def _address_key(email: str) -> str:
    """Audit rows name the address by a hash: the log need not hold every typed address."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()[:40]


def mail_request_message(minutes: int) -> str:
    unit = "minuto" if minutes == 1 else "minutos"
    return (
        "Ya se enviaron varias solicitudes de correo desde su conexión o para esta dirección. "
        f"Por seguridad, espere {minutes} {unit} antes de volver a intentarlo."
    )


def check_mail_request(
    session: Session, *, what: str, email: str, ip_address: str | None, now: datetime | None = None
) -> None:
    """Record one reset/resend request, or refuse it (ServiceError) past the limits."""
    settings = get_settings()
    now = now or datetime.now(UTC)
    window = timedelta(minutes=settings.mail_request_window_minutes)
    action, key, ip = MAIL_REQUEST_ACTIONS[what], _address_key(email), ip_address or "desconocida"
    for where, limit in (
        (AuditLog.entity_id == key, settings.mail_request_max_per_address),
        (AuditLog.ip_address == ip, settings.mail_request_max_per_ip),
    ):
        recent = session.exec(
            select(AuditLog.created_at)
            .where(AuditLog.action == action, where, AuditLog.created_at > now - window)
            .order_by(col(AuditLog.created_at).desc())
            .limit(limit)
        ).all()
        if len(recent) >= limit:
            raise ServiceError(mail_request_message(_minutes_left(recent[-1], window, now)))
    entry = audit.record(session, action=action, entity="email", entity_id=key, ip_address=ip)
    entry.created_at = now
    session.flush()


def mail_request_account(
    session: Session, *, what: str, email: str, ip_address: str | None
) -> User | None:
    """A reset/resend request recorded (refused past the limits, as ``check_mail_request``),
    then the active account the typed address names; None when there is none, and the caller
    says nothing either way, so the form reveals no address."""
    check_mail_request(session, what=what, email=email, ip_address=ip_address)
    try:
        normalized = v.normalize_email(email)
    except v.ValidationError:
        return None
    user = session.exec(select(User).where(User.email == normalized)).first()
    return user if user is not None and user.is_active else None
