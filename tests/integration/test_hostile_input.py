"""Hostile values through the services, on SQLite and PostgreSQL: refused with a field message
or stored inert, never a crash, never a second recipient, never a raw control character."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlmodel import Session, func, select

from mpv_app.mail import outbox, templates
from mpv_app.models import Correspondence, OutboxEmail, Sender, User
from mpv_app.services import registration
from mpv_app.services.errors import FieldErrors
from mpv_app.services.filing import submit_filing
from mpv_app.storage.files import FileStore
from tests.factories import (
    filing_form,
    natural_person_form,
    pdf_bytes,
    sender_without_password,
    stage_bytes,
)

FRIDAY_MORNING = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


@pytest.mark.parametrize(
    "email",
    ["<script>alert(1)</script>@dominio.pe", "otro,victima@dominio.pe", "a\x00b@dominio.pe"],
)
def test_registration_refuses_what_is_not_one_address(session: Session, email: str) -> None:
    with pytest.raises(FieldErrors) as refused:
        registration.register_sender(session=session, form=natural_person_form(email=email))
    session.rollback()
    assert refused.value.errors["email"] == "Ingrese un correo electrónico válido."
    assert _count(session, User) == 0 and _count(session, OutboxEmail) == 0


def test_registration_refuses_bidi_and_stores_names_without_controls(session: Session) -> None:
    with pytest.raises(FieldErrors) as refused:
        registration.register_sender(
            session=session, form=natural_person_form(first_names="Ana \u202eairaM")
        )
    session.rollback()
    assert "control de dirección" in refused.value.errors["first_names"]
    registration.register_sender(
        session=session,
        form=natural_person_form(first_names="Ana\x00 \x1b[31mMaría\x85", last_names="Quispe\x07"),
    )
    session.commit()
    sender = session.exec(select(Sender)).one()
    assert (sender.first_names, sender.last_names) == ("Ana María", "Quispe")


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("page_count", "²"),
        ("page_count", "٢"),
        ("page_count", "tres"),
        ("document_type_id", "²"),
        ("document_date", "1800-01-01"),
        ("document_date", "0001-01-01"),
        ("subject", "Pago \u202eexe.fdp"),
        ("document_number", "F001\u2066-1"),
    ],
)
def test_a_hostile_filing_field_is_a_field_message(
    session: Session, seeded: None, tmp_path: Path, field: str, value: str
) -> None:
    store = FileStore(tmp_path / "files")
    user = sender_without_password(session)
    assert user.id is not None
    stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")
    with pytest.raises(FieldErrors) as refused:
        submit_filing(
            session=session,
            user_id=user.id,
            form=filing_form(session, **{field: value}),
            submission_key="k",
            store=store,
            now=FRIDAY_MORNING,
        )
    session.rollback()
    assert field in refused.value.errors
    assert _count(session, Correspondence) == 0


def test_controls_in_a_filing_are_stored_inert(
    session: Session, seeded: None, tmp_path: Path
) -> None:
    store = FileStore(tmp_path / "files")
    user = sender_without_password(session)
    assert user.id is not None
    stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")
    submit_filing(
        session=session,
        user_id=user.id,
        form=filing_form(
            session, subject="Pago\x00 de \x1b[31mfactura\x9b", notes="Línea 1\r\nLínea\x00 2"
        ),
        submission_key="k",
        store=store,
        now=FRIDAY_MORNING,
    )
    session.commit()
    filing = session.exec(select(Correspondence)).one()
    assert filing.subject == "Pago de factura"
    assert filing.notes == "Línea 1\nLínea 2"


@pytest.mark.parametrize(
    "to",
    ["otro@x.pe,victima@y.pe", "a@x.pe\r\nBcc: b@y.pe", "a@x.pe\x00", "script", "a@x.pe; b@y.pe"],
)
def test_the_outbox_refuses_injected_recipients(session: Session, to: str) -> None:
    with pytest.raises(ValueError):
        outbox.enqueue(session, to=to, email=templates.password_changed(name="Ana"))
    session.rollback()
    assert _count(session, OutboxEmail) == 0
