"""Small builders for test data; services are called the way the app calls them."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from fpdf import FPDF
from sqlmodel import Session, col, select

from mpv_app.domain.enums import AttachmentKind, IdentityDocType, Role, SenderKind, Status
from mpv_app.domain.text import fold
from mpv_app.domain.tracking import format_tracking_number
from mpv_app.domain.verification import new_verification_code
from mpv_app.models import (
    AuthSession,
    Correspondence,
    Department,
    DocumentType,
    OutboxEmail,
    Sender,
    StagedUpload,
    User,
)
from mpv_app.selectors.download_grants import session_grant
from mpv_app.services.filing import FilingForm, Submitted, submit_filing
from mpv_app.services.registration import RegistrationForm, confirm_email, register_sender
from mpv_app.services.staff import create_staff
from mpv_app.services.tracking import next_sequence
from mpv_app.services.uploads import stage_upload
from mpv_app.storage.files import FileStore
from mpv_app.storage.inspect import inspect_file
from mpv_app.storage.links import Grant

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


# -- filings -------------------------------------------------------------------------------


def sender_without_password(session: Session, index: int = 0) -> User:
    """A confirmed sender inserted directly: for tests about filings, not about accounts."""
    user = User(
        email=unique_email(f"remitente{index}"),
        password_hash="!",
        role=Role.SENDER,
        email_confirmed_at=datetime.now(UTC),
    )
    session.add(user)
    session.flush()
    assert user.id is not None
    session.add(
        Sender(
            user_id=user.id,
            kind=SenderKind.NATURAL_PERSON,
            doc_type=IdentityDocType.DNI,
            doc_number=f"{40000000 + index}",
            first_names="Rosa",
            last_names=f"Prueba {index}",
            phone="987654321",
            address="Av. Canaval y Moreyra 150",
        )
    )
    session.commit()
    return user


def pdf_bytes(pages: int = 3, text: str = "Documento de prueba") -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(datetime(2026, 11, 20, 9, 0, tzinfo=UTC))  # same text, same bytes
    pdf.set_font("helvetica", size=12)
    for number in range(1, pages + 1):
        pdf.add_page()
        pdf.cell(text=f"{text} - página {number}".encode("latin-1", "replace").decode("latin-1"))
    return bytes(pdf.output())


def stage_bytes(
    session: Session,
    store: FileStore,
    user_id: int,
    data: bytes,
    name: str,
    kind: AttachmentKind = AttachmentKind.MAIN,
    correspondence_id: int | None = None,
) -> StagedUpload:
    """Stage a file the way the upload handler does: write, inspect, then the service."""
    staged = store.new_staged()
    staged.write(data)
    sha256 = staged.finish()
    is_main = kind in (AttachmentKind.MAIN, AttachmentKind.CURE_MAIN)
    found = inspect_file(
        staged.path, name, role=AttachmentKind.MAIN if is_main else AttachmentKind.ANNEX
    )
    upload = stage_upload(
        session=session,
        user_id=user_id,
        kind=kind,
        staging_name=staged.name,
        original_name=name,
        sha256=sha256,
        size_bytes=staged.size,
        content_type=found.mime,
        page_count=found.page_count,
        has_signature=found.has_signature,
        signatures=found.signatures,
        store=store,
        correspondence_id=correspondence_id,
    )
    session.commit()
    return upload


def filing_form(session: Session, **overrides: Any) -> FilingForm:
    carta = session.exec(select(DocumentType).where(DocumentType.code == "CARTA")).one()
    form = FilingForm(
        subject="Solicitud de información sobre el proceso de contratación",
        document_type_id=str(carta.id),
        document_number="CARTA-001-2026",
        document_date="2026-11-20",
        page_count="3",
        notes="",
        knows_destination=False,
    )
    return replace(form, **overrides)


# -- staff, filings and catalogs for consulta and workflow tests ---------------------------


def department(session: Session, code: str) -> Department:
    return session.exec(select(Department).where(Department.code == code)).one()


def staff_user(session: Session, role: Role, department_code: str | None = None) -> User:
    """A staff account made the way an operator makes one (``create_staff``), committed."""
    created = create_staff(
        session=session, email=unique_email(role.value), role=role, department_code=department_code
    )
    session.commit()
    return created.user


def filed(session: Session, user: User, store: FileStore, **overrides: Any) -> Submitted:
    """A real filing through ``submit_filing`` (main PDF staged first), committed.

    ``now`` and ``submission_key`` go to the service; everything else overrides the form.
    """
    assert user.id is not None
    now: datetime | None = overrides.pop("now", None)
    key: str = overrides.pop("submission_key", uuid.uuid4().hex)
    stage_bytes(session, store, user.id, pdf_bytes(3), "carta.pdf")
    result = submit_filing(
        session=session,
        user_id=user.id,
        form=filing_form(session, **overrides),
        submission_key=key,
        store=store,
        now=now,
    )
    session.commit()
    return result


def insert_filing(
    session: Session,
    sender: User,
    *,
    subject: str = "Carta de prueba",
    status: Status = Status.REGISTERED,
    submitted_at: datetime | None = None,
    received_on: date | None = None,
    department_code: str = "OP-TD",
    document_type_code: str = "CARTA",
) -> Correspondence:
    """A Correspondence row written directly (no files, no events) for selector tests.

    The number comes from the real counter, so it never collides with ``filed``; the caller
    commits.
    """
    when = submitted_at or datetime(2026, 11, 20, 15, 0, tzinfo=UTC)
    local = when.astimezone(ZoneInfo("America/Lima"))
    sender_id = session.exec(select(Sender.id).where(Sender.user_id == sender.id)).one()
    assert sender_id is not None
    target = department(session, department_code)
    doc_type = session.exec(
        select(DocumentType).where(DocumentType.code == document_type_code)
    ).one()
    sequence = next_sequence(session, local.year)
    filing = Correspondence(
        tracking_number=format_tracking_number(local.year, sequence),
        year=local.year,
        sequence=sequence,
        sender_id=sender_id,
        document_type_id=doc_type.id or 0,
        subject=subject,
        subject_folded=fold(subject),
        document_number="DOC-001",
        document_date=date(2026, 11, 1),
        page_count=1,
        knows_destination=True,
        center_id=target.center_id,
        department_id=target.id or 0,
        status=status,
        submitted_at=when,
        received_on=received_on or local.date(),
        verification_code=new_verification_code(),
        submission_key=uuid.uuid4().hex,
        updated_at=when,
    )
    session.add(filing)
    session.flush()
    return filing


def link_grant(user_id: int, what: str, target: str) -> Grant:
    """What a download link of a live session grants, as the app issues it after a login.

    Uses the app's own engine (the API tests point it at the test database).
    """
    from mpv_app import db

    now = datetime.now(UTC)
    with db.session_scope() as session:
        row = AuthSession(
            token_hash=uuid.uuid4().hex,
            user_id=user_id,
            created_at=now,
            last_seen_at=now,
            expires_at=now + timedelta(hours=1),
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return session_grant(user_id, row.id, what, target)


@dataclass
class UploadChunk:
    """What Reflex's multipart parser hands an upload handler (``storage.intake.Chunk``)."""

    filename: str
    offset: int
    data: bytes


async def upload_chunks(
    name: str, data: bytes, size: int = 64 * 1024
) -> AsyncIterator[UploadChunk]:
    """One file as an upload request streams it: consecutive chunks, offsets from 0."""
    for offset in range(0, len(data), size):
        yield UploadChunk(name, offset, data[offset : offset + size])
