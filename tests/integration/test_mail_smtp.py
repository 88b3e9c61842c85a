"""The SMTP transport against a real SMTP server (aiosmtpd) on 127.0.0.1, on both databases:
delivery once, retry with backoff while the server is down, recovery after a crash mid-send,
and TLS that checks the server's certificate."""

from __future__ import annotations

import shutil
import smtplib
import socket
import ssl
import subprocess
from collections.abc import Iterator
from datetime import timedelta
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session
from sqlalchemy.engine import Engine
from sqlmodel import Session as DbSession
from sqlmodel import select

from mpv_app.dbtypes import utcnow
from mpv_app.mail.outbox import enqueue
from mpv_app.mail.templates import confirm_email
from mpv_app.mail.worker import (
    STALE_SENDING,
    SmtpTransport,
    deliver_due,
    message_id_for,
    parse_smtp_url,
)
from mpv_app.models import OutboxEmail, OutboxStatus
from tests.conftest import IN_CI

MAIL_FROM = "Mesa de Partes Virtual PETROPERÚ <mesadepartes@petroperu.com.pe>"
REFUSED = "noexiste@example.pe"


class Collector:
    """Keeps every accepted envelope; refuses one mailbox to exercise SMTP-level rejection."""

    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, options: list[str]
    ) -> str:
        if address == REFUSED:
            return "550 5.1.1 Buzón inexistente"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        self.envelopes.append(envelope)
        return "250 Message accepted for delivery"

    def subjects(self) -> list[str]:
        return [str(self.parse(e)["Subject"]) for e in self.envelopes]

    @staticmethod
    def parse(envelope: Envelope) -> Any:
        assert isinstance(envelope.content, bytes)
        return message_from_bytes(envelope.content, policy=policy.default)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def collector() -> Collector:
    return Collector()


@pytest.fixture
def smtp_server(collector: Collector) -> Iterator[Controller]:
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


def _queue(engine: Engine, *recipients: str) -> list[int]:
    with DbSession(engine) as session:
        rows = [
            enqueue(
                session, to=to, email=confirm_email(name=to, link="https://x.pe/c", hours_valid=24)
            )
            for to in recipients
        ]
        session.commit()
        return [row.id for row in rows if row.id is not None]


def _row(engine: Engine, outbox_id: int) -> OutboxEmail:
    with DbSession(engine) as session:
        row = session.get(OutboxEmail, outbox_id)
        assert row is not None
        return row


def test_messages_arrive_once(
    engine: Engine, smtp_server: Controller, collector: Collector
) -> None:
    ids = _queue(engine, "ana@example.pe", "luis@example.pe")
    transport = SmtpTransport(f"smtp://127.0.0.1:{smtp_server.port}", MAIL_FROM)

    assert deliver_due(engine, transport) == 2
    assert deliver_due(engine, transport) == 0
    assert deliver_due(engine, transport, now=utcnow() + timedelta(days=1)) == 0

    assert [e.rcpt_tos for e in collector.envelopes] == [["ana@example.pe"], ["luis@example.pe"]]
    assert [e.mail_from for e in collector.envelopes] == ["mesadepartes@petroperu.com.pe"] * 2
    assert collector.subjects() == [confirm_email(name="x", link="y", hours_valid=1).subject] * 2
    message = Collector.parse(collector.envelopes[0])
    assert message["Message-ID"] == message_id_for(ids[0])
    assert message["To"] == "ana@example.pe"
    assert "https://x.pe/c" in message.get_body(preferencelist=("plain",)).get_content()
    assert all(_row(engine, i).status is OutboxStatus.SENT for i in ids)


def test_server_down_then_up_delivers_once(engine: Engine, collector: Collector) -> None:
    port = free_port()  # nothing listens here yet
    transport = SmtpTransport(f"smtp://127.0.0.1:{port}?timeout=5", MAIL_FROM)
    [outbox_id] = _queue(engine, "ana@example.pe")

    before = utcnow()
    assert deliver_due(engine, transport) == 0
    row = _row(engine, outbox_id)
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert row.last_error and "refused" in row.last_error.lower()
    assert row.next_attempt_at >= before + timedelta(seconds=30)

    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        assert deliver_due(engine, transport) == 0  # server is back, but the row is not due
        assert collector.envelopes == []
        retry_at = row.next_attempt_at + timedelta(seconds=1)
        assert deliver_due(engine, transport, now=retry_at) == 1
        assert deliver_due(engine, transport, now=retry_at + timedelta(hours=2)) == 0
    finally:
        controller.stop()

    assert [e.rcpt_tos for e in collector.envelopes] == [["ana@example.pe"]]
    row = _row(engine, outbox_id)
    assert (row.status, row.attempts, row.sent_at) == (OutboxStatus.SENT, 2, retry_at)


def test_refused_recipient_is_a_failure(
    engine: Engine, smtp_server: Controller, collector: Collector
) -> None:
    [outbox_id] = _queue(engine, REFUSED)
    transport = SmtpTransport(f"smtp://127.0.0.1:{smtp_server.port}", MAIL_FROM)
    assert deliver_due(engine, transport) == 0
    row = _row(engine, outbox_id)
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 1)
    assert row.last_error and "550" in row.last_error
    assert collector.envelopes == []


def test_stale_sending_row_is_recovered_and_sent_once(
    engine: Engine, smtp_server: Controller, collector: Collector
) -> None:
    stale_id, fresh_id = _queue(engine, "caida@example.pe", "en-curso@example.pe")
    now = utcnow()
    with DbSession(engine) as session:
        for outbox_id, claimed_at in [
            (stale_id, now - STALE_SENDING - timedelta(seconds=1)),
            (fresh_id, now - timedelta(minutes=5)),
        ]:
            row = session.get(OutboxEmail, outbox_id)
            assert row is not None
            row.status, row.attempts, row.next_attempt_at = OutboxStatus.SENDING, 1, claimed_at
            session.add(row)
        session.commit()
    transport = SmtpTransport(f"smtp://127.0.0.1:{smtp_server.port}", MAIL_FROM)

    assert deliver_due(engine, transport, now=now) == 1
    assert deliver_due(engine, transport, now=now) == 0

    assert [e.rcpt_tos for e in collector.envelopes] == [["caida@example.pe"]]
    assert Collector.parse(collector.envelopes[0])["Message-ID"] == message_id_for(stale_id)
    stale, fresh = _row(engine, stale_id), _row(engine, fresh_id)
    assert (stale.status, stale.attempts) == (OutboxStatus.SENT, 2)
    assert fresh.status is OutboxStatus.SENDING  # may still be in a live worker's hands
    with DbSession(engine) as session:
        statuses = session.exec(select(OutboxEmail.status)).all()
    assert sorted(statuses) == [OutboxStatus.SENDING, OutboxStatus.SENT]


# --- URL parsing and TLS: transport only, no database -----------------------------------------


def test_parse_smtp_url() -> None:
    plain = parse_smtp_url("smtp://relay.petroperu.com.pe")
    assert (plain.host, plain.port, plain.ssl, plain.starttls) == (
        "relay.petroperu.com.pe",
        25,
        False,
        False,
    )
    assert plain.user is None
    tls = parse_smtp_url("smtp://mpv%40petroperu.com.pe:p%40ss:w@relay:2525?starttls=1&timeout=9")
    assert (tls.port, tls.starttls, tls.timeout) == (2525, True, 9.0)
    assert (tls.user, tls.password) == ("mpv@petroperu.com.pe", "p@ss:w")
    assert "p@ss" not in repr(tls)
    assert "p@ss" not in repr(SmtpTransport("smtp://u:p@ss@h", "a@b.pe"))
    assert parse_smtp_url("smtp://h?starttls=true").port == 587
    assert parse_smtp_url("SMTPS://h?cafile=/etc/ca.pem").port == 465
    assert parse_smtp_url("smtps://h?cafile=/etc/ca.pem").cafile == "/etc/ca.pem"
    for bad in ["http://h", "smtp://", "smtps://h?starttls=1", "relay:25"]:
        with pytest.raises(ValueError):
            parse_smtp_url(bad)


@pytest.fixture(scope="module")
def tls(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, ssl.SSLContext]:
    """A self-signed certificate for 127.0.0.1 (made by openssl) and a server context using it."""
    if shutil.which("openssl") is None:
        if IN_CI:
            pytest.fail("openssl is needed to test TLS")
        pytest.skip("openssl not installed")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    command = f"openssl req -x509 -newkey rsa:2048 -nodes -days 1 -keyout {key} -out {cert}"
    command += " -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1"
    subprocess.run(command.split(), check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    return cert, context


def _authenticate(
    server: SMTP, session: Session, envelope: Envelope, mechanism: str, data: Any
) -> AuthResult:
    ok = isinstance(data, LoginPassword) and (data.login, data.password) == (b"mpv", b"s3creta")
    return AuthResult(success=ok, handled=False)  # handled=True would leave the client waiting


def _server(collector: Collector, context: ssl.SSLContext, *, implicit_tls: bool) -> Controller:
    if implicit_tls:
        return Controller(collector, hostname="127.0.0.1", port=free_port(), ssl_context=context)
    return Controller(
        collector,
        hostname="127.0.0.1",
        port=free_port(),
        tls_context=context,
        require_starttls=True,
        authenticator=_authenticate,
    )


MESSAGE = {"to": "ana@example.pe", "subject": "Prueba TLS", "text": "t", "html": "<p>h</p>"}


@pytest.mark.parametrize("mode", ["smtps", "starttls"])
def test_tls_checks_the_certificate(
    mode: str, tls: tuple[Path, ssl.SSLContext], collector: Collector
) -> None:
    cert, context = tls
    controller = _server(collector, context, implicit_tls=mode == "smtps")
    if mode == "smtps":
        base = f"smtps://127.0.0.1:{controller.port}?timeout=5"
    else:
        base = f"smtp://mpv:s3creta@127.0.0.1:{controller.port}?starttls=1&timeout=5"
    controller.start()
    try:
        with pytest.raises(ssl.SSLCertVerificationError):
            SmtpTransport(base, MAIL_FROM).send(**MESSAGE, message_id="<a@x>")
        assert collector.envelopes == []
        SmtpTransport(f"{base}&cafile={cert}", MAIL_FROM).send(**MESSAGE, message_id="<b@x>")
    finally:
        controller.stop()
    assert [e.rcpt_tos for e in collector.envelopes] == [["ana@example.pe"]]
    assert collector.subjects() == ["Prueba TLS"]


def test_wrong_password_is_a_failure(
    tls: tuple[Path, ssl.SSLContext], collector: Collector
) -> None:
    cert, context = tls
    controller = _server(collector, context, implicit_tls=False)
    controller.start()
    try:
        url = f"smtp://mpv:otra@127.0.0.1:{controller.port}?starttls=1&cafile={cert}"
        with pytest.raises(smtplib.SMTPAuthenticationError, match="535"):
            SmtpTransport(url, MAIL_FROM).send(**MESSAGE, message_id="<c@x>")
    finally:
        controller.stop()
    assert collector.envelopes == []
