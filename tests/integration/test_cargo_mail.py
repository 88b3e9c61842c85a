"""The confirmation email carries the cargo PDF (rendered at send time) and links to the
filing's detail page; through the .eml transport and through a real SMTP server."""

from __future__ import annotations

import io
import socket
from collections.abc import Iterator
from email import message_from_bytes, policy
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope
from aiosmtpd.smtp import Session as SmtpSession
from pypdf import PdfReader
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from mpv_app.domain.enums import MailAttachment
from mpv_app.mail.transports import FileTransport, SmtpTransport
from mpv_app.mail.worker import deliver_due
from mpv_app.models import Correspondence, OutboxEmail
from mpv_app.selectors.cargo_check import check_cargo
from mpv_app.selectors.receipts import cargo_pdf
from mpv_app.storage.files import FileStore
from tests.factories import filed, sender_without_password

MAIL_FROM = "Mesa de Partes Virtual PETROPERÚ <mesadepartes@petroperu.com.pe>"


def _filing(session: Session, tmp_path: Path) -> tuple[str, str]:
    sender = sender_without_password(session, 7)
    number = filed(session, sender, FileStore(tmp_path / "files")).tracking_number
    return number, sender.email


def _expected_cargo(session: Session, number: str) -> bytes:
    filing = session.exec(
        select(Correspondence).where(Correspondence.tracking_number == number)
    ).one()
    return cargo_pdf(session, filing)


def _text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _check(session: Session, message: EmailMessage, number: str, expected_pdf: bytes) -> None:
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert f"http://localhost:3000/tramites/{number}" in text, text
    assert "Adjuntamos el cargo de recepción" in text
    [part] = list(message.iter_attachments())
    assert part.get_content_type() == "application/pdf"
    assert part.get_filename() == f"cargo-{number}.pdf"
    content = part.get_content()
    # Each rendering is signed anew (its signing time differs): same text, and genuine.
    assert _text(content) == _text(expected_pdf)
    assert number in _text(content)
    assert check_cargo(session, content).genuine


def test_the_confirmation_row_asks_for_the_cargo(
    session: Session, seeded: None, tmp_path: Path
) -> None:
    number, email = _filing(session, tmp_path)
    row = session.exec(
        select(OutboxEmail).where(OutboxEmail.to_address == email).order_by(col(OutboxEmail.id))
    ).one()
    assert row.attachment is MailAttachment.RECEIPT and row.correspondence_id is not None
    assert number in row.subject


def test_eml_transport_attaches_the_cargo(
    engine: Engine, session: Session, seeded: None, tmp_path: Path
) -> None:
    number, _ = _filing(session, tmp_path)
    mail_dir = tmp_path / "mail"
    assert deliver_due(engine, FileTransport(mail_dir, MAIL_FROM)) == 1
    [path] = list(mail_dir.glob("*.eml"))
    message = message_from_bytes(path.read_bytes(), policy=policy.default)
    assert isinstance(message, EmailMessage)
    _check(session, message, number, _expected_cargo(session, number))


class _Collector:
    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: SMTP, session: SmtpSession, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp() -> Iterator[tuple[Controller, _Collector]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    collector = _Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    yield controller, collector
    controller.stop()


def test_smtp_transport_attaches_the_cargo(
    engine: Engine,
    session: Session,
    seeded: None,
    tmp_path: Path,
    smtp: tuple[Controller, _Collector],
) -> None:
    controller, collector = smtp
    number, email = _filing(session, tmp_path)
    transport = SmtpTransport(f"smtp://127.0.0.1:{controller.port}", MAIL_FROM)
    assert deliver_due(engine, transport) == 1
    [envelope] = collector.envelopes
    assert envelope.rcpt_tos == [email]
    content: Any = envelope.content
    message = message_from_bytes(content, policy=policy.default)
    assert isinstance(message, EmailMessage)
    _check(session, message, number, _expected_cargo(session, number))
