"""Reading SUNAT UBL 2.1 comprobantes, and refusing what is hostile (issue 17)."""

from __future__ import annotations

import time
from datetime import date
from decimal import Decimal

import pytest

from mpv_app.domain.invoices import (
    Invoice,
    InvoiceDangerous,
    InvoiceKind,
    InvoiceUnreadable,
    format_amount,
    parse_invoice,
    problems,
    sender_may_issue,
    summary,
)
from tests.ubl_samples import BILLION_LAUGHS, EXTERNAL_ENTITY, NOT_UBL, PETROPERU_RUC, ubl


def test_a_factura_in_soles_is_read_whole() -> None:
    invoice = parse_invoice(ubl())
    assert invoice == Invoice(
        kind=InvoiceKind.FACTURA,
        number="F001-00012345",
        issue_date=date(2026, 11, 15),
        issuer_ruc="20512345678",
        issuer_name="EMPRESA DE SERVICIOS S.A.C.",
        customer_ruc=PETROPERU_RUC,
        currency="PEN",
        amount=Decimal("12345.60"),
    )
    assert summary(invoice) == (
        "Factura F001-00012345 de EMPRESA DE SERVICIOS S.A.C. por S/ 12 345,60, "
        "emitida el 15/11/2026"
    )
    assert Invoice.from_json(invoice.to_json()) == invoice


@pytest.mark.parametrize(
    ("document", "type_code", "kind"),
    [
        ("Invoice", "03", InvoiceKind.BOLETA),
        ("CreditNote", "", InvoiceKind.NOTA_CREDITO),
        ("DebitNote", "", InvoiceKind.NOTA_DEBITO),
    ],
)
def test_credit_and_debit_notes_and_boletas_in_dollars(
    document: str, type_code: str, kind: InvoiceKind
) -> None:
    invoice = parse_invoice(
        ubl(document=document, type_code=type_code, currency="USD", amount=Decimal("980.05"))
    )
    assert (invoice.kind, invoice.currency, invoice.amount) == (kind, "USD", Decimal("980.05"))
    assert format_amount(invoice.currency, invoice.amount) == "US$ 980,05"


@pytest.mark.parametrize("hostile", [BILLION_LAUGHS, EXTERNAL_ENTITY])
def test_entities_and_dtds_are_refused_without_expanding(hostile: bytes) -> None:
    start = time.perf_counter()
    with pytest.raises(InvoiceDangerous):
        parse_invoice(hostile)
    assert time.perf_counter() - start < 5  # refused at the DTD, never expanded


@pytest.mark.parametrize(
    "data",
    [NOT_UBL, b"<Invoice>sin cerrar", ubl(omit="total"), ubl(omit="supplier"), ubl(type_code="99")],
)
def test_what_is_not_a_readable_comprobante_is_unreadable(data: bytes) -> None:
    with pytest.raises(InvoiceUnreadable):
        parse_invoice(data)


def test_a_person_files_the_invoices_of_the_ruc_10_built_on_their_dni() -> None:
    assert sender_may_issue("10406123455", sender_ruc=None, sender_dni="40612345")
    assert not sender_may_issue("10406123455", sender_ruc=None, sender_dni="40612346")
    assert not sender_may_issue("20406123455", sender_ruc=None, sender_dni="40612345")
    assert sender_may_issue("20512345678", sender_ruc="20512345678", sender_dni=None)
    assert not sender_may_issue("2051234567٨", sender_ruc="2051234567٨", sender_dni=None)


def test_problems_name_type_issuer_and_customer() -> None:
    invoice = parse_invoice(ubl(customer_ruc="20999999999", issuer_ruc="20111111111"))
    found = problems(
        invoice,
        document_type_code="NOTA_CREDITO",
        document_type_name="Nota de crédito",
        sender_ruc="20512345678",
        sender_dni=None,
        institution_ruc=PETROPERU_RUC,
    )
    assert len(found) == 3
    assert "Factura" in found[0] and "«Nota de crédito»" in found[0]
    assert "20111111111" in found[1]
    assert "20999999999" in found[2] and PETROPERU_RUC in found[2]
    assert not problems(
        parse_invoice(ubl()),
        document_type_code="FACTURA",
        document_type_name="Factura",
        sender_ruc="20512345678",
        sender_dni=None,
        institution_ruc=PETROPERU_RUC,
    )
