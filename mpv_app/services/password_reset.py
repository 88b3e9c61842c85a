"""“¿Olvidó su contraseña?”: a single-use emailed link that also ends every open session."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlmodel import Session, select

from mpv_app import routes
from mpv_app.domain import validators as v
from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import TokenPurpose
from mpv_app.mail import outbox, templates
from mpv_app.models import Sender, User
from mpv_app.selectors.names import display_name
from mpv_app.services import audit, throttle, tokens
from mpv_app.services.auth import revoke_all_sessions
from mpv_app.services.errors import FieldErrors
from mpv_app.services.passwords import hash_password
from mpv_app.settings import get_settings

# Shown whether or not the address has an account: the form must not reveal which exist.
RESET_REQUESTED = (
    "Si el correo corresponde a una cuenta, le enviamos un enlace para restablecer su "
    "contraseña. Revise su bandeja de entrada."
)


def issue_reset_link(session: Session, *, user: User) -> str:
    assert user.id is not None
    settings = get_settings()
    token = tokens.issue(session, user_id=user.id, purpose=TokenPurpose.RESET_PASSWORD)
    link = settings.base_url.rstrip("/") + routes.reset_password(token)
    outbox.enqueue(
        session,
        to=user.email,
        email=templates.password_reset(link=link, minutes_valid=settings.reset_token_minutes),
    )
    return link


def request_password_reset(*, session: Session, email: str, ip_address: str | None = None) -> None:
    """Send a link if the address has an account; refused (ServiceError) when throttled."""
    user = throttle.mail_request_account(session, what="reset", email=email, ip_address=ip_address)
    if user is None:
        return
    issue_reset_link(session, user=user)
    audit.record(
        session,
        action=AuditAction.ACCOUNT_REQUEST_RESET,
        entity="user",
        entity_id=user.id,
        ip_address=ip_address,
    )


def reset_password(*, session: Session, token: str, password: str, confirmation: str) -> User:
    """Validate first, consume the link last: a weak password does not burn the link."""
    settings = get_settings()
    try:
        v.validate_password(password, confirmation)
    except v.ValidationError as error:
        raise FieldErrors({error.field: error.message}) from error
    user_id = tokens.consume(
        session,
        token=token,
        purpose=TokenPurpose.RESET_PASSWORD,
        max_age_seconds=settings.reset_token_minutes * 60,
    )
    user = session.get(User, user_id)
    if user is None:
        raise tokens.TokenError(tokens.INVALID_LINK)
    try:
        v.validate_password(password, confirmation, email=user.email)
    except v.ValidationError as error:
        raise FieldErrors({error.field: error.message}) from error
    now = datetime.now(UTC)
    user.password_hash = hash_password(password)
    user.password_changed_at = now
    if user.email_confirmed_at is None:  # the link reached their inbox: the address is theirs
        user.email_confirmed_at = now
    session.add(user)
    revoked = revoke_all_sessions(session=session, user_id=user_id)
    sender = session.exec(select(Sender).where(Sender.user_id == user_id)).first()
    outbox.enqueue(
        session,
        to=user.email,
        email=templates.password_changed(name=display_name(sender) if sender else user.email),
    )
    audit.record(
        session,
        action=AuditAction.ACCOUNT_RESET_PASSWORD,
        entity="user",
        entity_id=user_id,
        actor_user_id=user_id,
        detail={"sessions_revoked": revoked},
    )
    session.flush()
    return user
