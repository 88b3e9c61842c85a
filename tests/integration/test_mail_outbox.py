"""The outbox on both databases: rows live and die with the caller's transaction, and the
worker hands each due row to the transport exactly once, even with workers racing."""

from __future__ import annotations

import asyncio
import contextlib
import threading
import time
from datetime import timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, func, select

from mpv_app.dbtypes import utcnow
from mpv_app.mail.outbox import enqueue
from mpv_app.mail.templates import RenderedEmail, confirm_email, password_reset
from mpv_app.mail.worker import (
    MAX_ATTEMPTS,
    FileTransport,
    backoff,
    deliver_due,
    message_id_for,
    run_worker,
)
from mpv_app.models import OutboxEmail, OutboxStatus

MAIL_FROM = "Mesa de Partes Virtual PETROPERÚ <mesadepartes@petroperu.com.pe>"
LINK = "https://mpv.petroperu.com.pe/confirmar?token=t0k3n&x=1"


def _email(n: int = 0) -> RenderedEmail:
    return confirm_email(name=f"Usuaria {n}", link=f"{LINK}{n}", hours_valid=24)


def _queue(engine: Engine, count: int) -> list[int]:
    with Session(engine) as session:
        rows = [
            enqueue(session, to=f"persona{n}@example.pe", email=_email(n)) for n in range(count)
        ]
        session.commit()
        return [row.id for row in rows if row.id is not None]


def _rows(engine: Engine) -> list[OutboxEmail]:
    with Session(engine) as session:
        return list(session.exec(select(OutboxEmail).order_by(col(OutboxEmail.id))).all())


def _parse(path: Path) -> EmailMessage:
    with path.open("rb") as handle:
        message = BytesParser(policy=policy.default).parse(handle)
    assert isinstance(message, EmailMessage)
    return message


def test_rolled_back_enqueue_leaves_no_row(session: Session) -> None:
    enqueue(session, to="ana@example.pe", email=_email())
    session.flush()
    session.rollback()
    assert session.exec(select(func.count()).select_from(OutboxEmail)).one() == 0


def test_committed_enqueue_is_one_pending_row(session: Session) -> None:
    before = utcnow()
    enqueue(session, to="  ana@example.pe ", email=_email())
    session.commit()

    [row] = session.exec(select(OutboxEmail)).all()
    assert row.status is OutboxStatus.PENDING
    assert row.to_address == "ana@example.pe"
    assert row.subject == _email().subject
    assert (row.attempts, row.sent_at, row.last_error) == (0, None, None)
    assert before <= row.next_attempt_at <= utcnow()


@pytest.mark.parametrize("to", ["", "no-es-correo", "a@b.pe\r\nBcc: x@y.pe", "x" * 250 + "@b.pe"])
def test_enqueue_rejects_bad_addresses(session: Session, to: str) -> None:
    with pytest.raises(ValueError):
        enqueue(session, to=to, email=_email())


def test_file_transport_writes_each_row_exactly_once(engine: Engine, tmp_path: Path) -> None:
    ids = _queue(engine, 3)
    mail_dir = tmp_path / "mail"
    transport = FileTransport(mail_dir, MAIL_FROM)

    assert deliver_due(engine, transport) == 3
    files = sorted(mail_dir.glob("*.eml"))
    assert len(files) == 3
    assert not list(mail_dir.glob(".*"))  # no temporary file left behind
    by_id = {int(path.stem.rsplit("-", 1)[1]): _parse(path) for path in files}
    assert sorted(by_id) == ids
    for n, outbox_id in enumerate(ids):
        message = by_id[outbox_id]
        assert message["To"] == f"persona{n}@example.pe"
        assert message["Subject"] == _email(n).subject
        assert message["From"].addresses[0].addr_spec == "mesadepartes@petroperu.com.pe"
        assert message["Message-ID"] == message_id_for(outbox_id)
        assert message["Date"] is not None
        assert message.get_content_type() == "multipart/alternative"
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        assert text is not None and html is not None
        assert f"{LINK}{n}" in text.get_content()
        assert f"Usuaria {n}" in html.get_content()

    rows = _rows(engine)
    assert [r.status for r in rows] == [OutboxStatus.SENT] * 3
    assert all(r.sent_at is not None and r.attempts == 1 for r in rows)

    assert deliver_due(engine, transport) == 0
    assert deliver_due(engine, transport, now=utcnow() + timedelta(days=1)) == 0
    assert len(list(mail_dir.glob("*.eml"))) == 3


def test_row_not_yet_due_is_not_sent(engine: Engine, tmp_path: Path) -> None:
    [outbox_id] = _queue(engine, 1)
    later = utcnow() + timedelta(hours=1)
    with Session(engine) as session:
        row = session.get(OutboxEmail, outbox_id)
        assert row is not None
        row.next_attempt_at = later
        session.add(row)
        session.commit()
    transport = FileTransport(tmp_path, MAIL_FROM)

    assert deliver_due(engine, transport) == 0
    assert not list(tmp_path.glob("*.eml"))
    [row] = _rows(engine)
    assert (row.status, row.attempts) == (OutboxStatus.PENDING, 0)

    assert deliver_due(engine, transport, now=later) == 1
    assert len(list(tmp_path.glob("*.eml"))) == 1


def test_batch_limits_one_round(engine: Engine, tmp_path: Path) -> None:
    _queue(engine, 3)
    transport = FileTransport(tmp_path, MAIL_FROM)
    assert deliver_due(engine, transport, batch=2) == 2
    assert deliver_due(engine, transport, batch=2) == 1
    assert len(list(tmp_path.glob("*.eml"))) == 3


class _RecordingTransport:
    """Counts what it is asked to send; slow enough for racing workers to overlap."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.message_ids: list[str] = []

    def send(
        self, *, to: str, subject: str, text: str, html: str, message_id: str, **_: object
    ) -> None:
        time.sleep(0.01)
        with self.lock:
            self.message_ids.append(message_id)


def test_racing_workers_never_send_a_row_twice(engine: Engine) -> None:
    ids = _queue(engine, 12)
    transport = _RecordingTransport()
    totals: list[int] = []
    errors: list[BaseException] = []

    def work() -> None:
        try:
            totals.append(deliver_due(engine, transport))
        except BaseException as exc:  # surfaced below: a thread cannot fail the test itself
            errors.append(exc)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    assert errors == []
    assert sum(totals) == 12
    assert sorted(transport.message_ids) == sorted(message_id_for(i) for i in ids)
    assert {r.status for r in _rows(engine)} == {OutboxStatus.SENT}


class _BrokenTransport:
    def send(
        self, *, to: str, subject: str, text: str, html: str, message_id: str, **_: object
    ) -> None:
        raise ConnectionRefusedError("relay unreachable")


def test_failures_back_off_then_give_up(engine: Engine) -> None:
    [outbox_id] = _queue(engine, 1)
    now = utcnow()
    delays: list[timedelta] = []
    for attempt in range(1, MAX_ATTEMPTS + 1):
        assert deliver_due(engine, _BrokenTransport(), now=now) == 0
        [row] = _rows(engine)
        assert row.attempts == attempt
        assert row.last_error == "ConnectionRefusedError: relay unreachable"
        if attempt < MAX_ATTEMPTS:
            assert row.status is OutboxStatus.PENDING
            delays.append(row.next_attempt_at - now)
            assert (
                deliver_due(
                    engine, _BrokenTransport(), now=row.next_attempt_at - timedelta(seconds=1)
                )
                == 0
            )  # not due yet: untouched
            now = row.next_attempt_at
    assert row.status is OutboxStatus.FAILED
    assert [d.total_seconds() for d in delays] == [30, 60, 120, 240, 480, 960, 1920]
    assert backoff(8) == backoff(20) == timedelta(hours=1)

    transport = _RecordingTransport()
    assert deliver_due(engine, transport, now=now + timedelta(days=1)) == 0
    assert transport.message_ids == []
    assert _rows(engine)[0].id == outbox_id


def test_naive_now_is_refused(engine: Engine) -> None:
    with pytest.raises(ValueError):
        deliver_due(engine, _RecordingTransport(), now=utcnow().replace(tzinfo=None))


def test_password_reset_mail_survives_the_round_trip(engine: Engine, tmp_path: Path) -> None:
    with Session(engine) as session:
        enqueue(session, to="ana@example.pe", email=password_reset(link=LINK, minutes_valid=30))
        session.commit()
    assert deliver_due(engine, FileTransport(tmp_path, MAIL_FROM)) == 1
    [path] = tmp_path.glob("*.eml")
    message = _parse(path)
    assert message["Subject"].startswith("Restablecimiento de contraseña")
    html = message.get_body(preferencelist=("html",))
    assert html is not None and "&amp;x=1" in html.get_content()


def test_run_worker_survives_a_bad_round_and_sends(engine: Engine, tmp_path: Path) -> None:
    _queue(engine, 2)
    calls: list[int] = []

    def engine_factory() -> Engine:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("database not reachable yet")
        return engine

    async def drive() -> None:
        task = asyncio.create_task(
            run_worker(engine_factory, FileTransport(tmp_path, MAIL_FROM), 0.05)
        )
        for _ in range(200):
            if len(list(tmp_path.glob("*.eml"))) == 2 or task.done():
                break
            await asyncio.sleep(0.05)
        assert not task.done()  # the failed first round did not end the worker
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task

    asyncio.run(drive())
    assert len(calls) == 2  # the engine is built once it can be, then reused
    assert len(list(tmp_path.glob("*.eml"))) == 2
    assert {r.status for r in _rows(engine)} == {OutboxStatus.SENT}
