"""The atomic submit on SQLite and PostgreSQL: all rows and files, or none; gap-free numbers."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, func, select

from mpv_app.domain.enums import AttachmentKind, EventAction, Status
from mpv_app.models import (
    Attachment,
    AuditLog,
    Correspondence,
    Department,
    DocumentType,
    FilingDraft,
    Holiday,
    ManagementCenter,
    OutboxEmail,
    StagedUpload,
    StatusEvent,
    StoredObject,
    TrackingCounter,
)
from mpv_app.services import filing as filing_service
from mpv_app.services.drafts import load_draft
from mpv_app.services.errors import FieldErrors
from mpv_app.services.filing import PageCountMismatch, submit_filing
from mpv_app.storage.files import FileStore
from tests.factories import filing_form, pdf_bytes, sender_without_password, stage_bytes

# Friday 27 Nov 2026, 10:00 in Lima: inside office hours.
FRIDAY_MORNING = datetime(2026, 11, 27, 15, 0, tzinfo=UTC)


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "files")


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def _submit(session: Session, store: FileStore, user_id: int, key: str = "k1", **form: object):  # type: ignore[no-untyped-def]
    result = submit_filing(
        session=session,
        user_id=user_id,
        form=filing_form(session, **form),
        submission_key=key,
        store=store,
        now=FRIDAY_MORNING,
    )
    session.commit()
    return result


def test_submit_writes_every_row_and_stores_the_files(
    session: Session, seeded: None, store: FileStore
) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    load_draft(session=session, user_id=user.id)
    main = stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")
    annex = stage_bytes(
        session, store, user.id, b"<?xml version='1.0'?><a>1</a>", "datos.xml", AttachmentKind.ANNEX
    )

    result = _submit(session, store, user.id)

    assert result.tracking_number == "MPV-2026-000001"
    assert result.received_on == date(2026, 11, 27)
    filing = session.exec(select(Correspondence)).one()
    assert filing.status is Status.REGISTERED
    reception = session.exec(select(Department).where(Department.is_reception)).one()
    assert filing.department_id == reception.id
    files = session.exec(select(Attachment)).all()
    assert {(f.original_name, f.sha256) for f in files} == {
        ("carta.pdf", main.sha256),
        ("datos.xml", annex.sha256),
    }
    assert all(store.exists(f.sha256) for f in files)
    event = session.exec(select(StatusEvent)).one()
    assert (event.action, event.from_status, event.to_status) == (
        EventAction.REGISTER,
        None,
        Status.REGISTERED,
    )
    assert (
        session.exec(select(AuditLog).where(AuditLog.action == "filing.register"))
        .one()
        .correspondence_id
        == filing.id
    )
    mail = session.exec(select(OutboxEmail).where(OutboxEmail.correspondence_id == filing.id)).one()
    assert "MPV-2026-000001" in mail.subject and "MPV-2026-000001" in mail.body_text
    assert _count(session, StagedUpload) == 0
    assert _count(session, FilingDraft) == 0
    # The staging copies go once the commit has happened; the stored objects stay.
    for upload in (main, annex):
        assert not store.staged_path(upload.staging_name).exists()


def test_same_submission_key_never_files_twice(
    session: Session, seeded: None, store: FileStore
) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")
    first = _submit(session, store, user.id, key="same")
    again = _submit(session, store, user.id, key="same")
    assert again.tracking_number == first.tracking_number
    assert (first.created, again.created) == (True, False)
    assert _count(session, Correspondence) == 1


def test_failure_after_files_are_stored_leaves_nothing(
    session: Session, seeded: None, store: FileStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    main = stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")

    def _mail_server_on_fire(*_args: object, **_kwargs: object) -> None:
        assert store.exists(main.sha256), "the failure must come after the file was stored"
        raise RuntimeError("injected failure")

    monkeypatch.setattr(filing_service.outbox, "enqueue", _mail_server_on_fire)
    with pytest.raises(RuntimeError, match="injected"):
        _submit(session, store, user.id)
    session.rollback()

    # A rollback deletes no stored object (it may be shared); the sweep decides, later.
    assert store.exists(main.sha256)
    for model in (Correspondence, Attachment, StatusEvent, TrackingCounter, StoredObject):
        assert _count(session, model) == 0, model
    assert _count(session, StagedUpload) == 1  # the sender can simply try again
    monkeypatch.undo()
    assert _submit(session, store, user.id).tracking_number == "MPV-2026-000001"


def test_fifty_concurrent_submits_get_fifty_consecutive_numbers(
    engine: Engine, session: Session, seeded: None, store: FileStore
) -> None:
    users = [sender_without_password(session, i) for i in range(50)]
    for i, user in enumerate(users):
        assert user.id is not None
        stage_bytes(session, store, user.id, pdf_bytes(3, f"Carta {i}"), f"carta-{i}.pdf")
    form = filing_form(session)
    session.commit()  # release the read transaction (on SQLite it holds the write lock)

    def _one(user_id: int) -> str:
        with Session(engine, expire_on_commit=False) as own:
            result = submit_filing(
                session=own,
                user_id=user_id,
                form=form,
                submission_key=f"key-{user_id}",
                store=store,
            )
            own.commit()
            return result.tracking_number

    with ThreadPoolExecutor(max_workers=16) as pool:
        numbers = list(pool.map(_one, [u.id for u in users]))

    year = datetime.now(UTC).astimezone(filing_service.get_settings().tz).year
    assert sorted(numbers) == [f"MPV-{year}-{n:06d}" for n in range(1, 51)]
    assert _count(session, Correspondence) == 50


def test_page_count_mismatch_asks_then_accepts_confirmation(
    session: Session, seeded: None, store: FileStore
) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")
    with pytest.raises(PageCountMismatch) as caught:
        _submit(session, store, user.id, page_count="5")
    session.rollback()
    assert (caught.value.declared, caught.value.actual) == (5, 3)
    result = _submit(session, store, user.id, page_count="5", page_count_confirmed=True)
    assert result.created


def test_signed_only_type_needs_a_signature(
    session: Session, seeded: None, store: FileStore
) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    stage_bytes(session, store, user.id, pdf_bytes(3), "contrato.pdf")
    contrato = session.exec(select(DocumentType).where(DocumentType.code == "CONTRATO")).one()
    with pytest.raises(FieldErrors) as caught:
        _submit(session, store, user.id, document_type_id=str(contrato.id))
    assert "contrato.pdf" in caught.value.errors["main_file"]
    assert "firma digital" in caught.value.errors["main_file"]


def test_destination_must_belong_to_the_chosen_center(
    session: Session, seeded: None, store: FileStore
) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")
    talara = session.exec(select(ManagementCenter).where(ManagementCenter.code == "RFTL")).one()
    iquitos_dept = session.exec(select(Department).where(Department.code == "RFIQ-OPE")).one()
    with pytest.raises(FieldErrors) as caught:
        _submit(
            session,
            store,
            user.id,
            knows_destination=True,
            center_id=str(talara.id),
            department_id=str(iquitos_dept.id),
        )
    assert "no pertenece" in caught.value.errors["department_id"]
    session.rollback()
    talara_dept = session.exec(select(Department).where(Department.code == "RFTL-OPE")).one()
    result = _submit(
        session,
        store,
        user.id,
        knows_destination=True,
        center_id=str(talara.id),
        department_id=str(talara_dept.id),
    )
    assert result.destination == "Jefatura Operaciones Talara — Refinería Talara"


def test_all_form_problems_at_once(session: Session, seeded: None, store: FileStore) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    with pytest.raises(FieldErrors) as caught:
        _submit(
            session,
            store,
            user.id,
            subject=" ",
            document_date="2099-01-01",
            page_count="0",
            document_number="",
        )
    assert caught.value.errors == {
        "subject": "Ingrese el asunto.",
        "document_number": "Ingrese el número de documento.",
        "document_date": "La fecha del documento no puede ser posterior a hoy.",
        "page_count": "Ingrese el número de páginas: un número entero mayor que cero.",
        "main_file": "Adjunte el documento principal en PDF.",
    }


def test_after_hours_on_a_holiday_eve_is_received_after_the_holiday(
    session: Session, seeded: None, store: FileStore
) -> None:
    session.add(Holiday(day=date(2026, 11, 30), name="Día no laborable de prueba"))
    user = sender_without_password(session)
    assert user.id is not None
    stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")
    friday_evening = datetime(2026, 11, 27, 22, 0, tzinfo=UTC)  # 17:00 in Lima
    result = submit_filing(
        session=session,
        user_id=user.id,
        form=filing_form(session),
        submission_key="late",
        store=store,
        now=friday_evening,
    )
    session.commit()
    assert result.submitted_at == friday_evening
    assert result.received_on == date(2026, 12, 1)


def test_a_submission_key_only_finds_its_own_senders_filing(
    session: Session, seeded: None, store: FileStore
) -> None:
    first, second = sender_without_password(session, 1), sender_without_password(session, 2)
    assert first.id is not None and second.id is not None
    stage_bytes(session, store, first.id, pdf_bytes(3, "uno"), "uno.pdf")
    stage_bytes(session, store, second.id, pdf_bytes(3, "dos"), "dos.pdf")
    mine = _submit(session, store, first.id, key="shared-key-123")
    theirs = _submit(session, store, second.id, key="shared-key-123")
    assert theirs.created and theirs.tracking_number != mine.tracking_number
    with pytest.raises(ValueError, match="submission key"):
        _submit(session, store, first.id, key="")
