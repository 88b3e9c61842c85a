"""Small builders for test data; services are called the way the app calls them."""

from __future__ import annotations

import uuid
from dataclasses import replace
from typing import Any

from sqlmodel import Session, col, select

from mpv_app.models import OutboxEmail, User
from mpv_app.services.registration import RegistrationForm, confirm_email, register_sender

STRONG_PASSWORD = "Petroperu2026"


def unique_email(prefix: str = "user") -> str:
    return f"{prefix}-{uuid.uuid4().hex[:10]}@example.pe"


def natural_person_form(**overrides: Any) -> RegistrationForm:
    form = RegistrationForm(
        kind="persona_natural",
        doc_type="dni",
        document_number="45678901",
        first_names="Ana María",
        last_names="Quispe Huamán",
        email=unique_email("ana"),
        phone="987 654 321",
        address="Av. Canaval y Moreyra 150, San Isidro",
        password=STRONG_PASSWORD,
        password_confirmation=STRONG_PASSWORD,
        accept_terms=True,
        accept_privacy=True,
    )
    return replace(form, **overrides)


def legal_entity_form(**overrides: Any) -> RegistrationForm:
    base = natural_person_form(
        kind="persona_juridica",
        doc_type="",
        document_number="20100128218",
        first_names="",
        last_names="",
        business_name="Servicios Andinos S.A.C.",
        legal_representative="Jorge Salas",
        email=unique_email("empresa"),
    )
    return replace(base, **overrides)


def foreign_company_form(**overrides: Any) -> RegistrationForm:
    base = natural_person_form(
        kind="empresa_extranjera",
        doc_type="",
        document_number="B-12345678",
        first_names="",
        last_names="",
        country="España",
        business_name="Ibérica de Energía S.L.",
        legal_representative="Lucía Pérez",
        email=unique_email("iberica"),
    )
    return replace(base, **overrides)


def registered_user(session: Session, form: RegistrationForm | None = None) -> User:
    user = register_sender(session=session, form=form or natural_person_form())
    session.commit()
    return user


def token_from_outbox(session: Session, email: str, path_part: str) -> str:
    """The token of the newest queued link to ``email`` whose path contains ``path_part``."""
    rows = session.exec(
        select(OutboxEmail)
        .where(OutboxEmail.to_address == email)
        .order_by(col(OutboxEmail.id).desc())
    ).all()
    for row in rows:
        for word in row.body_text.split():
            if path_part in word:
                return word.rsplit("/", 1)[-1].strip(".,)")
    raise AssertionError(f"no {path_part} link queued for {email}")


def confirmed_user(session: Session, form: RegistrationForm | None = None) -> User:
    """Registered and confirmed the way a user does it: with the emailed link's token."""
    user = registered_user(session, form)
    confirm_email(session=session, token=token_from_outbox(session, user.email, "/confirmar/"))
    session.commit()
    return user
