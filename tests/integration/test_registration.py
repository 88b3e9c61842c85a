"""Registration and email confirmation, on SQLite and PostgreSQL."""

from __future__ import annotations

import time

import pytest
from sqlmodel import Session, col, func, select

from mpv_app import legal
from mpv_app.domain.enums import ConsentDocument, OutboxStatus, Role
from mpv_app.models import AuditLog, ConsentRecord, OutboxEmail, Sender, User
from mpv_app.services import registration
from mpv_app.services.errors import FieldErrors
from mpv_app.services.tokens import TokenError
from tests.factories import (
    foreign_company_form,
    legal_entity_form,
    natural_person_form,
    registered_user,
    token_from_outbox,
)


@pytest.mark.parametrize("factory", [natural_person_form, legal_entity_form, foreign_company_form])
def test_registration_stores_account_profile_consents_and_queues_mail(
    session: Session, factory: object
) -> None:
    form = factory()  # type: ignore[operator]
    user = registered_user(session, form)

    assert user.role is Role.SENDER
    assert user.email_confirmed_at is None
    assert user.password_hash.startswith("$argon2id$")
    sender = session.exec(select(Sender).where(Sender.user_id == user.id)).one()
    assert sender.kind.value == form.kind
    assert sender.doc_number == form.document_number.replace(" ", "")
    consents = session.exec(select(ConsentRecord).where(ConsentRecord.user_id == user.id)).all()
    assert {(c.document, c.version) for c in consents} == {
        (ConsentDocument.TERMS, legal.TERMS_VERSION),
        (ConsentDocument.PRIVACY, legal.PRIVACY_VERSION),
    }
    mail = session.exec(select(OutboxEmail).where(OutboxEmail.to_address == user.email)).one()
    assert mail.status is OutboxStatus.PENDING
    assert "/confirmar/" in mail.body_text
    audit = session.exec(select(AuditLog).where(AuditLog.action == "account.register")).all()
    assert [a.entity_id for a in audit] == [str(user.id)]


def test_email_is_unique_case_insensitively(session: Session) -> None:
    first = registered_user(session)
    with pytest.raises(FieldErrors) as caught:
        registration.register_sender(
            session=session, form=natural_person_form(email=first.email.upper())
        )
    assert caught.value.errors == {"email": registration.EMAIL_TAKEN}


def test_all_problems_are_reported_at_once_and_nothing_is_written(session: Session) -> None:
    form = legal_entity_form(
        document_number="20100128219",
        business_name="",
        email="no-es-correo",
        password="corta",
        accept_terms=False,
        accept_privacy=False,
    )
    with pytest.raises(FieldErrors) as caught:
        registration.register_sender(session=session, form=form)
    session.rollback()
    assert caught.value.errors == {
        "email": "Ingrese un correo electrónico válido.",
        "document_number": "El RUC no es válido: revise el dígito verificador.",
        "business_name": "Ingrese la razón social.",
        "password": "La contraseña debe tener al menos 10 caracteres.",
        "accept_terms": "Debe aceptar los términos y condiciones.",
        "accept_privacy": "Debe aceptar la política de protección de datos personales.",
    }
    assert session.exec(select(func.count()).select_from(User)).one() == 0
    assert session.exec(select(func.count()).select_from(OutboxEmail)).one() == 0


def test_natural_person_needs_a_document_type(session: Session) -> None:
    with pytest.raises(FieldErrors) as caught:
        registration.register_sender(session=session, form=natural_person_form(doc_type="ruc"))
    assert caught.value.errors == {"doc_type": "Seleccione el tipo de documento."}


def test_confirmation_link_works_once(session: Session) -> None:
    user = registered_user(session)
    token = token_from_outbox(session, user.email, "/confirmar/")

    confirmed = registration.confirm_email(session=session, token=token)
    session.commit()
    assert confirmed.email_confirmed_at is not None

    with pytest.raises(TokenError, match="ya fue usado"):
        registration.confirm_email(session=session, token=token)


def test_tampered_confirmation_link_is_refused(session: Session) -> None:
    user = registered_user(session)
    token = token_from_outbox(session, user.email, "/confirmar/")
    with pytest.raises(TokenError, match="no es válido"):
        registration.confirm_email(session=session, token=token[:-2] + "xx")


def test_resend_queues_a_new_link_only_for_unconfirmed_accounts(session: Session) -> None:
    user = registered_user(session)
    registration.resend_confirmation(session=session, email=user.email.upper())
    registration.resend_confirmation(session=session, email="nadie@example.pe")
    session.commit()
    mails = session.exec(select(OutboxEmail.to_address).order_by(col(OutboxEmail.id))).all()
    assert mails == [user.email, user.email]

    registration.confirm_email(
        session=session, token=token_from_outbox(session, user.email, "/confirmar/")
    )
    session.commit()
    registration.resend_confirmation(session=session, email=user.email)
    session.commit()
    assert session.exec(select(func.count()).select_from(OutboxEmail)).one() == 2


def test_expired_confirmation_link(session: Session, monkeypatch: pytest.MonkeyPatch) -> None:
    user = registered_user(session)
    token = token_from_outbox(session, user.email, "/confirmar/")
    settings = registration.get_settings()
    monkeypatch.setattr(settings, "confirm_token_hours", 0)
    time.sleep(1.1)  # itsdangerous counts whole seconds: age must exceed max_age (0)
    with pytest.raises(TokenError, match="vencido"):
        registration.confirm_email(session=session, token=token)
