"""Filing an electronic invoice (issue 17): read from the XML annex, checked, never filed twice.

Runs on SQLite and PostgreSQL through the real upload pipeline (``accept_upload``) and the real
submit (``submit_resolving``); two submits of the same invoice at once file exactly one.
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from mpv_app.domain.enums import AttachmentKind
from mpv_app.models import DocumentType, FilingInvoice, StagedUpload
from mpv_app.services.drafts import load_draft
from mpv_app.services.errors import FieldErrors
from mpv_app.services.filing import FilingForm, Submitted
from mpv_app.services.submission import submit_resolving
from mpv_app.services.uploads import UploadOutcome, accept_upload
from mpv_app.storage.files import FileStore
from tests.factories import (
    filing_form,
    pdf_bytes,
    sender_without_password,
    stage_bytes,
    upload_chunks,
)
from tests.store_invariants import assert_store_consistent
from tests.ubl_samples import BILLION_LAUGHS, EXTERNAL_ENTITY, NOT_UBL, big_xml, ubl


@pytest.fixture
def store(tmp_path: Path) -> FileStore:
    return FileStore(tmp_path / "files")


def _ruc_of(index: int) -> str:
    return f"10{40000000 + index}5"  # a RUC 10 built on the factory sender's DNI


def _upload_xml(engine: Engine, store: FileStore, user_id: int, data: bytes) -> UploadOutcome:
    return asyncio.run(
        accept_upload(
            chunks=upload_chunks("factura.xml", data),
            user_id=user_id,
            kind=AttachmentKind.ANNEX,
            store=store,
            engine=engine,
        )
    )


def _supplier(session: Session, store: FileStore, index: int) -> int:
    user = sender_without_password(session, index)
    assert user.id is not None
    load_draft(session=session, user_id=user.id)
    stage_bytes(session, store, user.id, pdf_bytes(3, f"Factura impresa {index}"), "f.pdf")
    session.commit()
    return user.id


def _factura_form(session: Session, code: str = "FACTURA") -> FilingForm:
    doc_type = session.exec(select(DocumentType).where(DocumentType.code == code)).one()
    form = filing_form(session, document_type_id=str(doc_type.id), document_number="F001-12345")
    session.commit()  # on SQLite an open read transaction holds the write lock
    return form


def _file(engine: Engine, store: FileStore, user_id: int, form: FilingForm, key: str) -> Submitted:
    return asyncio.run(
        submit_resolving(user_id=user_id, form=form, submission_key=key, store=store, engine=engine)
    )


def test_a_factura_is_read_at_upload_and_recorded_with_the_filing(
    engine: Engine, session: Session, seeded: None, store: FileStore
) -> None:
    user_id = _supplier(session, store, 1)
    outcome = _upload_xml(engine, store, user_id, ubl(issuer_ruc=_ruc_of(1)))
    assert outcome.messages == ()
    with Session(engine) as check:
        xml = check.exec(select(StagedUpload).where(StagedUpload.invoice.is_not(None))).one()  # type: ignore[union-attr]
        assert xml.invoice is not None and xml.invoice["number"] == "F001-00012345"
    result = _file(engine, store, user_id, _factura_form(session), "k1")
    with Session(engine) as check:
        recorded = check.exec(select(FilingInvoice)).one()
    assert recorded.correspondence_id == result.correspondence_id
    assert (recorded.issuer_ruc, recorded.number, str(recorded.amount)) == (
        _ruc_of(1),
        "F001-00012345",
        "12345.60",
    )
    assert_store_consistent(engine, store)


def test_the_same_invoice_twice_is_refused_naming_the_first_only_to_its_sender(
    engine: Engine, session: Session, seeded: None, store: FileStore
) -> None:
    user_id = _supplier(session, store, 2)
    form = _factura_form(session)
    _upload_xml(engine, store, user_id, ubl(issuer_ruc=_ruc_of(2)))
    first = _file(engine, store, user_id, form, "k1")
    with Session(engine) as own:
        stage_bytes(own, store, user_id, pdf_bytes(3, "Otra impresión"), "f.pdf")
    _upload_xml(engine, store, user_id, ubl(issuer_ruc=_ruc_of(2)))
    with pytest.raises(FieldErrors) as caught:
        _file(engine, store, user_id, form, "k2")
    assert first.tracking_number in caught.value.errors["annexes"]
    # Someone else (say, a factoring company) filing the same invoice is refused too, without
    # learning the supplier's tracking number.
    other = _supplier(session, store, 3)
    _upload_xml(engine, store, other, ubl(issuer_ruc=_ruc_of(2)))
    with pytest.raises(FieldErrors) as caught:
        _file(engine, store, other, form, "k3")
    message = caught.value.errors["annexes"]
    assert "ya fue presentado" in message and first.tracking_number not in message
    assert "no es el suyo" in message


def test_two_submits_of_the_same_invoice_at_once_file_one(
    engine: Engine, session: Session, seeded: None, store: FileStore
) -> None:
    """Two people (two accounts of the same company) press Guardar at the same moment."""
    same = ubl(issuer_ruc=_ruc_of(4))
    users = [_supplier(session, store, 4), _supplier(session, store, 4 + 1000)]
    # The second account's DNI differs, so make it a legal entity of the same RUC: the check
    # that matters here is the duplicate, so both are allowed to issue it.
    from mpv_app.domain.enums import IdentityDocType, SenderKind
    from mpv_app.models import Sender

    for user_id in users:
        sender = session.exec(select(Sender).where(Sender.user_id == user_id)).one()
        sender.kind, sender.doc_type, sender.doc_number = (
            SenderKind.LEGAL_ENTITY,
            IdentityDocType.RUC,
            _ruc_of(4),
        )
        session.add(sender)
    session.commit()
    for user_id in users:
        assert _upload_xml(engine, store, user_id, same).messages == ()
    form = _factura_form(session)
    session.commit()
    gate = threading.Barrier(2, timeout=5)

    def _one(user_id: int) -> str:
        gate.wait()
        try:
            return _file(engine, store, user_id, form, f"k-{user_id}").tracking_number
        except FieldErrors as error:
            return error.errors["annexes"]

    with ThreadPoolExecutor(max_workers=2) as pool:
        outcomes = list(pool.map(_one, users))
    filed = [o for o in outcomes if o.startswith("MPV-")]
    refused = [o for o in outcomes if "ya fue presentado" in o]
    assert (len(filed), len(refused)) == (1, 1), outcomes
    with Session(engine) as check:
        assert len(check.exec(select(FilingInvoice)).all()) == 1
    assert_store_consistent(engine, store)


def test_issuer_customer_and_type_are_checked(
    engine: Engine, session: Session, seeded: None, store: FileStore
) -> None:
    user_id = _supplier(session, store, 5)
    _upload_xml(engine, store, user_id, ubl(issuer_ruc="20999999991", customer_ruc="20111111111"))
    with pytest.raises(FieldErrors) as caught:
        _file(engine, store, user_id, _factura_form(session, "NOTA_CREDITO"), "k")
    message = caught.value.errors["annexes"]
    assert "«Nota de crédito»" in message
    assert "20999999991" in message and "no es el suyo" in message
    assert "20111111111" in message and "PETROPERÚ" in message


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_dangerous_xml_is_refused_at_upload(
    engine: Engine, session: Session, store: FileStore, hostile: bytes
) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    session.commit()
    outcome = _upload_xml(engine, store, user.id, hostile)
    assert outcome.staged == 0
    (message,) = outcome.messages
    assert "«factura.xml» no se aceptó" in message
    assert list(store.staging.iterdir()) == []


@pytest.mark.parametrize(
    ("data", "note"),
    [
        (NOT_UBL, "no es un comprobante"),
        (ubl(omit="customer"), "faltan datos"),
        (big_xml(15 * 1024 * 1024), "demasiado grande"),
    ],
)
def test_well_formed_xml_that_is_no_invoice_stays_a_plain_annex(
    engine: Engine, session: Session, store: FileStore, data: bytes, note: str
) -> None:
    user = sender_without_password(session)
    assert user.id is not None
    session.commit()
    outcome = _upload_xml(engine, store, user.id, data)
    assert (outcome.staged, outcome.messages) == (1, ())
    with Session(engine) as check:
        staged = check.exec(select(StagedUpload)).one()
    assert staged.invoice is None and staged.invoice_note and note in staged.invoice_note


def test_consulta_filters_and_cargo_know_the_invoice(
    engine: Engine, session: Session, seeded: None, store: FileStore
) -> None:
    from decimal import Decimal

    from mpv_app.domain.search_filters import FilingFilters
    from mpv_app.models import Correspondence
    from mpv_app.selectors.consulta import Scope, search_filings
    from mpv_app.selectors.receipts import receipt_data

    user_id = _supplier(session, store, 6)
    _upload_xml(engine, store, user_id, ubl(issuer_ruc=_ruc_of(6), number="E001-77"))
    filed = _file(engine, store, user_id, _factura_form(session), "k")
    staff = Scope()

    def numbers(**filters: object) -> list[str]:
        with Session(engine) as own:
            page = search_filings(own, FilingFilters(**filters), staff)  # type: ignore[arg-type]
            return [row.number for row in page.rows]

    assert numbers(invoice_number="E001-77") == [filed.tracking_number]
    assert numbers(issuer_ruc=_ruc_of(6)) == [filed.tracking_number]
    assert numbers(issuer_ruc="20000000001") == []
    assert numbers(amount_min=Decimal("12000"), amount_max=Decimal("13000")) == [
        filed.tracking_number
    ]
    assert numbers(amount_min=Decimal("12345.61")) == []
    with Session(engine) as own:
        filing = own.exec(select(Correspondence)).one()
        cargo = receipt_data(own, filing)
    assert "Factura E001-77" in cargo.invoice and _ruc_of(6) in cargo.invoice
