"""Sender self-registration and email confirmation.

Registration validates every field at once (the form shows all problems together), stores the
account unconfirmed with both consents and their text versions, and queues the confirmation
email in the same transaction: no account without its email, no email without its account.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import func
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, select

from mpv_app import legal, routes
from mpv_app.domain import validators as v
from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import (
    ConsentDocument,
    IdentityDocType,
    Role,
    SenderKind,
    TokenPurpose,
)
from mpv_app.mail import outbox, templates
from mpv_app.models import ConsentRecord, Sender, User
from mpv_app.selectors.names import display_name
from mpv_app.services import audit, throttle, tokens
from mpv_app.services.errors import FieldErrors
from mpv_app.services.passwords import hash_password
from mpv_app.settings import get_settings

EMAIL_TAKEN = "Ya existe una cuenta con este correo. Inicie sesión o recupere su contraseña."
NATURAL_DOC_TYPES = (
    IdentityDocType.DNI,
    IdentityDocType.FOREIGNER_CARD,
    IdentityDocType.PASSPORT,
)


@dataclass(frozen=True)
class RegistrationForm:
    kind: str
    email: str
    phone: str
    address: str
    password: str
    password_confirmation: str
    accept_terms: bool
    accept_privacy: bool
    doc_type: str = ""
    document_number: str = ""
    first_names: str = ""
    last_names: str = ""
    business_name: str = ""
    legal_representative: str = ""
    country: str = ""


class _Collector:
    """Runs each validator, keeping the first message per field instead of stopping."""

    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def check(self, func: Callable[[], str]) -> str:
        try:
            return func()
        except v.ValidationError as error:
            self.errors.setdefault(error.field, error.message)
            return ""


def _validated_sender(form: RegistrationForm, c: _Collector) -> Sender | None:
    try:
        kind = SenderKind(form.kind)
    except ValueError:
        c.errors["kind"] = "Seleccione el tipo de remitente."
        return None
    sender = Sender(
        user_id=0,
        kind=kind,
        doc_type=IdentityDocType.RUC,
        doc_number="",
        phone=c.check(lambda: v.validate_phone(form.phone)),
        address=c.check(lambda: v.validate_required("address", form.address, "la dirección", 300)),
    )
    if kind is SenderKind.NATURAL_PERSON:
        if form.doc_type not in {t.value for t in NATURAL_DOC_TYPES}:
            c.errors["doc_type"] = "Seleccione el tipo de documento."
        else:
            sender.doc_type = IdentityDocType(form.doc_type)
            sender.doc_number = c.check(
                lambda: v.validate_identity(sender.doc_type, form.document_number)
            )
        sender.first_names = c.check(
            lambda: v.validate_required("first_names", form.first_names, "sus nombres", 120)
        )
        sender.last_names = c.check(
            lambda: v.validate_required("last_names", form.last_names, "sus apellidos", 120)
        )
        return sender
    if kind is SenderKind.LEGAL_ENTITY:
        sender.doc_type = IdentityDocType.RUC
        sender.doc_number = c.check(lambda: v.validate_ruc(form.document_number))
    else:
        sender.doc_type = IdentityDocType.FOREIGN_TAX_ID
        sender.doc_number = c.check(lambda: v.validate_foreign_tax_id(form.document_number))
        sender.country = c.check(
            lambda: v.validate_required("country", form.country, "el país", 80)
        )
    sender.business_name = c.check(
        lambda: v.validate_required("business_name", form.business_name, "la razón social", 200)
    )
    sender.legal_representative = c.check(
        lambda: v.validate_required(
            "legal_representative", form.legal_representative, "el representante legal", 200
        )
    )
    return sender


def register_sender(
    *, session: Session, form: RegistrationForm, ip_address: str | None = None
) -> User:
    c = _Collector()
    email = c.check(lambda: v.normalize_email(form.email))
    sender = _validated_sender(form, c)
    c.check(
        lambda: v.validate_password(form.password, form.password_confirmation, email=email or None)
    )
    if not form.accept_terms:
        c.errors["accept_terms"] = "Debe aceptar los términos y condiciones."
    if not form.accept_privacy:
        c.errors["accept_privacy"] = "Debe aceptar la política de protección de datos personales."
    if email and _email_taken(session, email):
        c.errors["email"] = EMAIL_TAKEN
    if c.errors or sender is None:
        raise FieldErrors(c.errors)

    user = User(email=email, password_hash=hash_password(form.password), role=Role.SENDER)
    session.add(user)
    try:
        session.flush()
    except IntegrityError as exc:  # a concurrent registration took the address first
        raise FieldErrors({"email": EMAIL_TAKEN}) from exc
    assert user.id is not None
    sender.user_id = user.id
    session.add(sender)
    now = datetime.now(UTC)
    for document, version in (
        (ConsentDocument.TERMS, legal.TERMS_VERSION),
        (ConsentDocument.PRIVACY, legal.PRIVACY_VERSION),
    ):
        session.add(
            ConsentRecord(
                user_id=user.id,
                document=document,
                version=version,
                accepted_at=now,
                ip_address=ip_address,
            )
        )
    _queue_confirmation(session, user=user, name=display_name(sender))
    audit.record(
        session,
        action=AuditAction.ACCOUNT_REGISTER,
        entity="user",
        entity_id=user.id,
        actor_user_id=user.id,
        detail={"kind": sender.kind.value},
        ip_address=ip_address,
    )
    session.flush()
    return user


def _email_taken(session: Session, email: str) -> bool:
    found = session.exec(select(func.count()).where(func.lower(User.email) == email)).one()
    return int(found) > 0


def _queue_confirmation(session: Session, *, user: User, name: str) -> None:
    assert user.id is not None
    settings = get_settings()
    token = tokens.issue(session, user_id=user.id, purpose=TokenPurpose.CONFIRM_EMAIL)
    link = settings.base_url.rstrip("/") + routes.confirm_email(token)
    rendered = templates.confirm_email(
        name=name, link=link, hours_valid=settings.confirm_token_hours
    )
    outbox.enqueue(session, to=user.email, email=rendered)


def confirm_email(*, session: Session, token: str) -> User:
    hours = get_settings().confirm_token_hours
    user_id = tokens.consume(
        session, token=token, purpose=TokenPurpose.CONFIRM_EMAIL, max_age_seconds=hours * 3600
    )
    user = session.get(User, user_id)
    if user is None:
        raise tokens.TokenError(tokens.INVALID_LINK)
    if user.email_confirmed_at is None:
        user.email_confirmed_at = datetime.now(UTC)
        session.add(user)
        audit.record(
            session,
            action=AuditAction.ACCOUNT_CONFIRM_EMAIL,
            entity="user",
            entity_id=user.id,
            actor_user_id=user.id,
        )
    session.flush()
    return user


def resend_confirmation(*, session: Session, email: str, ip_address: str | None = None) -> None:
    """Queue a new link for an unconfirmed account; silent otherwise, so nothing is revealed.

    Throttled per address and per IP like the reset request (ServiceError past the limit).
    """
    user = throttle.mail_request_account(session, what="resend", email=email, ip_address=ip_address)
    if user is None or user.email_confirmed_at is not None:
        return
    sender = session.exec(select(Sender).where(Sender.user_id == user.id)).first()
    _queue_confirmation(session, user=user, name=display_name(sender) if sender else "")
    audit.record(
        session,
        action=AuditAction.ACCOUNT_RESEND_CONFIRMATION,
        entity="user",
        entity_id=user.id,
        actor_user_id=user.id,
    )
