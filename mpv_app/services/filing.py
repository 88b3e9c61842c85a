"""“Guardar correspondencia”: one atomic submit.

Files published to the store, the filing, its attachments, the first status event, the audit
row, the confirmation email and the next tracking number: all in the caller's transaction, or
none. A rollback removes no file: objects are shared by hash and only the sweep deletes them
(``services.publishing``); the staging copies go once the commit has happened.

A request calls it through ``services.submission.submit_resolving``, which settles an unknown
commit outcome before anybody is told anything.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlmodel import Session, select

from mpv_app import routes
from mpv_app.domain.audit import AuditAction
from mpv_app.domain.enums import AttachmentKind, EventAction, MailAttachment, Status
from mpv_app.domain.files import FileRuleError, page_count_mismatch
from mpv_app.domain.filing_rules import CleanFields, clean_fields
from mpv_app.domain.labels import destination_label
from mpv_app.domain.reception import reception_date, reception_note
from mpv_app.domain.signatures import SignatureCheck, document_verdict, refusal
from mpv_app.domain.text import fold
from mpv_app.domain.timefmt import format_date, format_local
from mpv_app.domain.tracking import format_tracking_number
from mpv_app.domain.verification import new_verification_code
from mpv_app.mail import outbox, templates
from mpv_app.models import (
    Correspondence,
    Department,
    DocumentType,
    ManagementCenter,
    Sender,
    StagedUpload,
    StatusEvent,
    User,
)
from mpv_app.selectors.calendar import extra_holidays, office_hours
from mpv_app.selectors.names import display_name
from mpv_app.services import audit, publishing
from mpv_app.services.drafts import discard_draft
from mpv_app.services.errors import FieldErrors, ServiceError
from mpv_app.services.invoices import checked_invoice, record_invoice
from mpv_app.services.tracking import next_sequence
from mpv_app.services.uploads import filing_staged, over_budget
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore


@dataclass(frozen=True)
class FilingForm:
    subject: str
    document_type_id: str
    document_number: str
    document_date: str
    page_count: str
    notes: str
    knows_destination: bool
    center_id: str = ""
    department_id: str = ""
    page_count_confirmed: bool = False


@dataclass(frozen=True)
class Submitted:
    correspondence_id: int
    tracking_number: str
    submitted_at: datetime
    received_on: date
    verification_code: str
    destination: str
    created: bool  # False when the submission key had already filed (double click)


class PageCountMismatch(ServiceError):
    def __init__(self, declared: int, actual: int) -> None:
        super().__init__(page_count_mismatch(declared, actual))
        self.declared, self.actual = declared, actual


def _destination(session: Session, fields: CleanFields) -> tuple[ManagementCenter, Department]:
    if not fields.knows_destination:
        department = session.exec(
            select(Department).where(Department.is_reception, Department.is_active)
        ).first()
        if department is None:
            raise ServiceError("No hay una dependencia de recepción configurada.")
    else:
        department = session.get(Department, fields.department_id)
        if department is None or not department.is_active:
            raise FieldErrors({"department_id": "Seleccione la dependencia destino."})
        if department.center_id != fields.center_id:
            raise FieldErrors(
                {"department_id": "La dependencia no pertenece al centro de gestión elegido."}
            )
    center = session.get(ManagementCenter, department.center_id)
    assert center is not None
    return center, department


def _checked_files(
    files: list[StagedUpload], doc_type: DocumentType, fields: CleanFields, confirmed: bool
) -> StagedUpload:
    mains = [f for f in files if f.kind is AttachmentKind.MAIN]
    if len(mains) != 1:
        raise FieldErrors({"main_file": "Adjunte el documento principal en PDF."})
    main = mains[0]
    if doc_type.requires_digital_signature and not main.has_signature:
        verdict = document_verdict(SignatureCheck.from_json(s) for s in main.signatures)
        raise FieldErrors({"main_file": refusal(main.original_name, doc_type.name, verdict)})
    if over_budget(files):  # re-checked: staging rows may be stale
        raise FieldErrors({"annexes": "El total de archivos supera el límite permitido."})
    if main.page_count is not None and main.page_count != fields.page_count and not confirmed:
        raise PageCountMismatch(fields.page_count, main.page_count)
    return main


def submit_filing(
    *,
    session: Session,
    user_id: int,
    form: FilingForm,
    submission_key: str,
    store: FileStore,
    now: datetime | None = None,
) -> Submitted:
    settings = get_settings()
    now = now or datetime.now(UTC)
    if not submission_key:
        raise ValueError("a submission key identifies one form instance; it cannot be empty")
    sender = session.exec(select(Sender).where(Sender.user_id == user_id)).first()
    if sender is None or sender.id is None:
        raise ServiceError("Solo un remitente registrado puede presentar correspondencia.")
    existing = session.exec(
        select(Correspondence).where(
            Correspondence.submission_key == submission_key,
            Correspondence.sender_id == sender.id,
        )
    ).first()
    if existing is not None:
        return filing_result(session, existing, created=False)
    fields, errors = clean_fields(
        subject=form.subject,
        document_type_id=form.document_type_id,
        document_number=form.document_number,
        document_date=form.document_date,
        page_count=form.page_count,
        notes=form.notes,
        knows_destination=form.knows_destination,
        center_id=form.center_id,
        department_id=form.department_id,
        today=now.astimezone(settings.tz).date(),
    )
    files = filing_staged(session, user_id)
    if not any(f.kind is AttachmentKind.MAIN for f in files):
        errors["main_file"] = "Adjunte el documento principal en PDF."
    if fields is None or errors:
        raise FieldErrors(errors)
    doc_type = session.get(DocumentType, fields.document_type_id)
    if doc_type is None or not doc_type.is_active:
        raise FieldErrors({"document_type_id": "Seleccione el tipo de correspondencia."})
    center, department = _destination(session, fields)
    try:
        _checked_files(files, doc_type, fields, form.page_count_confirmed)
    except FileRuleError as error:
        raise FieldErrors({"main_file": error.message}) from error
    invoice = checked_invoice(session, files, doc_type, sender)

    publishing.publish(session, store, files, now)
    local_year = now.astimezone(settings.tz).year
    sequence = next_sequence(session, local_year)
    holidays = extra_holidays(session)
    hours = office_hours(session)
    filing = Correspondence(
        tracking_number=format_tracking_number(local_year, sequence),
        year=local_year,
        sequence=sequence,
        sender_id=sender.id,
        document_type_id=doc_type.id or 0,
        subject=fields.subject,
        subject_folded=fold(fields.subject),
        document_number=fields.document_number,
        document_date=fields.document_date,
        page_count=fields.page_count,
        notes=fields.notes,
        knows_destination=fields.knows_destination,
        center_id=center.id or 0,
        department_id=department.id or 0,
        status=Status.REGISTERED,
        submitted_at=now,
        received_on=reception_date(now, hours, holidays),
        verification_code=new_verification_code(),
        submission_key=submission_key,
        updated_at=now,
    )
    session.add(filing)
    session.flush()
    assert filing.id is not None
    if invoice is not None:
        record_invoice(session, filing.id, invoice)
    publishing.attach_staged(session, store, filing.id, files, now)
    session.add(
        StatusEvent(
            correspondence_id=filing.id,
            action=EventAction.REGISTER,
            from_status=None,
            to_status=Status.REGISTERED,
            department_id=department.id,
            actor_user_id=user_id,
            created_at=now,
        )
    )
    audit.record_filing(
        session,
        filing,
        action=AuditAction.FILING_REGISTER,
        actor_user_id=user_id,
        detail={"files": len(files), "department": department.code},
    )
    destination = destination_label(department.name, center.name)
    outbox.enqueue(
        session,
        to=_email_of(session, user_id),
        email=templates.filing_registered(
            name=display_name(sender),
            tracking_number=filing.tracking_number,
            subject=filing.subject,
            destination=destination,
            submitted_at_text=format_local(now, settings.tz),
            received_on_text=format_date(filing.received_on),
            reception_note=reception_note(hours),
            link=settings.base_url.rstrip("/") + routes.filing_detail(filing.tracking_number),
        ),
        correspondence_id=filing.id,
        attachment=MailAttachment.RECEIPT,
    )
    discard_draft(session, user_id)
    session.flush()
    return filing_result(session, filing, created=True)


def _email_of(session: Session, user_id: int) -> str:
    user = session.get(User, user_id)
    assert user is not None
    return user.email


def filing_result(session: Session, filing: Correspondence, *, created: bool) -> Submitted:
    department = session.get(Department, filing.department_id)
    center = session.get(ManagementCenter, filing.center_id)
    assert filing.id is not None and department is not None and center is not None
    return Submitted(
        correspondence_id=filing.id,
        tracking_number=filing.tracking_number,
        submitted_at=filing.submitted_at,
        received_on=filing.received_on,
        verification_code=filing.verification_code,
        destination=destination_label(department.name, center.name),
        created=created,
    )
