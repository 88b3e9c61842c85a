"""Peruvian electronic invoices (UBL 2.1, SUNAT's format): read safely, checked against the filing.

Parsing is defusedxml with DTDs, entities and external references forbidden, on bytes whose
size the caller has already capped: a billion-laughs or XXE file is refused as dangerous
before anything expands, and nothing is fetched from the network. Everything else that is not
a readable Invoice, CreditNote or DebitNote is "unreadable": the file stays a plain annex.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum
from typing import Any
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

NS = {
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
}
_ROOTS = {
    "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2": "Invoice",
    "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2": "CreditNote",
    "urn:oasis:names:specification:ubl:schema:xsd:DebitNote-2": "DebitNote",
}
RUC_LENGTH = 11


class InvoiceKind(StrEnum):
    """SUNAT's catalog 01 codes for the comprobantes a supplier files."""

    FACTURA = "01"
    BOLETA = "03"
    LIQUIDACION = "04"
    NOTA_CREDITO = "07"
    NOTA_DEBITO = "08"

    @property
    def label(self) -> str:
        return _KIND_LABELS[self]


_KIND_LABELS = {
    InvoiceKind.FACTURA: "Factura",
    InvoiceKind.BOLETA: "Boleta de venta",
    InvoiceKind.LIQUIDACION: "Liquidación",
    InvoiceKind.NOTA_CREDITO: "Nota de crédito",
    InvoiceKind.NOTA_DEBITO: "Nota de débito",
}

# Tipo de correspondencia (catalog code) → the UBL kinds that are that comprobante.
KINDS_BY_DOCUMENT_TYPE: dict[str, frozenset[InvoiceKind]] = {
    "FACTURA": frozenset({InvoiceKind.FACTURA}),
    "BOLETA_PAGO": frozenset({InvoiceKind.BOLETA}),
    "LIQUIDACION_COBRANZA": frozenset({InvoiceKind.LIQUIDACION}),
    "NOTA_CREDITO": frozenset({InvoiceKind.NOTA_CREDITO}),
    "NOTA_DEBITO": frozenset({InvoiceKind.NOTA_DEBITO}),
    "RECIBO_HONORARIOS": frozenset(),  # SUNAT's recibo por honorarios is not UBL
}
CURRENCY_SYMBOLS = {"PEN": "S/", "USD": "US$", "EUR": "€"}


class InvoiceDangerous(ValueError):
    """DTDs, entities or external references: refused whatever else the file holds."""


class InvoiceUnreadable(ValueError):
    """Well-formed or not, it is not a UBL comprobante we can read; the reason is Spanish."""


@dataclass(frozen=True)
class Invoice:
    kind: InvoiceKind
    number: str  # serie-número, e.g. F001-00012345
    issue_date: date
    issuer_ruc: str
    issuer_name: str
    customer_ruc: str
    currency: str
    amount: Decimal

    def values(self) -> dict[str, Any]:
        """The fields by name, as they are: what a ``filing_invoice`` row stores."""
        return {f.name: getattr(self, f.name) for f in fields(self)}

    @classmethod
    def of(cls, record: Any) -> Invoice:
        """The invoice a stored row holds (anything with these attribute names)."""
        return cls(**{f.name: getattr(record, f.name) for f in fields(cls)})

    def to_json(self) -> dict[str, str]:
        data = asdict(self)
        return {k: str(v.value if isinstance(v, InvoiceKind) else v) for k, v in data.items()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Invoice:
        return cls(
            kind=InvoiceKind(data["kind"]),
            number=data["number"],
            issue_date=date.fromisoformat(data["issue_date"]),
            issuer_ruc=data["issuer_ruc"],
            issuer_name=data["issuer_name"],
            customer_ruc=data["customer_ruc"],
            currency=data["currency"],
            amount=Decimal(data["amount"]),
        )


def format_amount(currency: str, amount: Decimal) -> str:
    """«S/ 12 345,60»: Peruvian style, thin groups of three and a decimal comma."""
    whole, cents = f"{amount:.2f}".split(".")
    groups = f"{int(whole):,}".replace(",", " ")
    return f"{CURRENCY_SYMBOLS.get(currency, currency)} {groups},{cents}"


def summary(invoice: Invoice) -> str:
    return (
        f"{invoice.kind.label} {invoice.number} de {invoice.issuer_name} por "
        f"{format_amount(invoice.currency, invoice.amount)}, emitida el "
        f"{invoice.issue_date.strftime('%d/%m/%Y')}"
    )


def _text(root: Element, path: str) -> str:
    found = root.find(path, NS)
    return (found.text or "").strip() if found is not None else ""


def _party_ruc(root: Element, party: str) -> str:
    return _text(root, f"cac:{party}/cac:Party/cac:PartyIdentification/cbc:ID")


def parse_invoice(data: bytes) -> Invoice:
    try:
        root = fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise InvoiceDangerous(type(error).__name__) from error
    except (ParseError, ValueError) as error:
        raise InvoiceUnreadable("el XML no está bien formado") from error
    namespace, _, _local = root.tag.rpartition("}")
    document = _ROOTS.get(namespace.lstrip("{"))
    if document is None:
        raise InvoiceUnreadable("no es un comprobante electrónico UBL 2.1")
    if document == "Invoice":
        code = _text(root, "cbc:InvoiceTypeCode")
        if code not in {k.value for k in InvoiceKind}:
            raise InvoiceUnreadable("el tipo de comprobante del XML no es uno que se reciba aquí")
        kind = InvoiceKind(code)
    else:
        kind = InvoiceKind.NOTA_CREDITO if document == "CreditNote" else InvoiceKind.NOTA_DEBITO
    total = "cac:RequestedMonetaryTotal" if document == "DebitNote" else "cac:LegalMonetaryTotal"
    fields = {
        "number": _text(root, "cbc:ID"),
        "issue_date": _text(root, "cbc:IssueDate"),
        "issuer_ruc": _party_ruc(root, "AccountingSupplierParty"),
        "issuer_name": _text(
            root, "cac:AccountingSupplierParty/cac:Party/cac:PartyLegalEntity/cbc:RegistrationName"
        ),
        "customer_ruc": _party_ruc(root, "AccountingCustomerParty"),
        "currency": _text(root, "cbc:DocumentCurrencyCode"),
        "amount": _text(root, f"{total}/cbc:PayableAmount"),
    }
    missing = [name for name, value in fields.items() if not value]
    if missing:
        raise InvoiceUnreadable("faltan datos del comprobante en el XML")
    try:
        issued = date.fromisoformat(fields["issue_date"])
        amount = Decimal(fields["amount"])
    except (ValueError, InvalidOperation) as error:
        raise InvoiceUnreadable("la fecha o el importe del XML no son válidos") from error
    return Invoice(
        kind=kind,
        number=fields["number"].upper()[:40],
        issue_date=issued,
        issuer_ruc=fields["issuer_ruc"][:20],
        issuer_name=fields["issuer_name"][:200],
        customer_ruc=fields["customer_ruc"][:20],
        currency=fields["currency"].upper()[:3],
        amount=amount,
    )


def sender_may_issue(issuer_ruc: str, *, sender_ruc: str | None, sender_dni: str | None) -> bool:
    """A company files its own RUC's invoices; a person, a RUC 10 built on their DNI."""
    if len(issuer_ruc) != RUC_LENGTH or not issuer_ruc.isascii() or not issuer_ruc.isdigit():
        return False
    if sender_ruc is not None:
        return issuer_ruc == sender_ruc
    return sender_dni is not None and issuer_ruc.startswith("10") and issuer_ruc[2:10] == sender_dni


def problems(
    invoice: Invoice,
    *,
    document_type_code: str,
    document_type_name: str,
    sender_ruc: str | None,
    sender_dni: str | None,
    institution_ruc: str,
) -> list[str]:
    """Spanish reasons why this comprobante cannot be filed by this sender as this type."""
    found: list[str] = []
    expected = KINDS_BY_DOCUMENT_TYPE.get(document_type_code)
    if expected is not None and invoice.kind not in expected:
        found.append(
            f"El XML es una {invoice.kind.label}, pero el tipo de correspondencia elegido es "
            f"«{document_type_name}»."
        )
    if not sender_may_issue(invoice.issuer_ruc, sender_ruc=sender_ruc, sender_dni=sender_dni):
        found.append(
            f"El comprobante fue emitido por el RUC {invoice.issuer_ruc}, que no es el suyo."
        )
    if invoice.customer_ruc != institution_ruc:
        found.append(
            f"El comprobante está dirigido al RUC {invoice.customer_ruc}, no a PETROPERÚ "
            f"(RUC {institution_ruc})."
        )
    return found


def already_filed(number: str, earlier: str | None) -> str:
    """The duplicate message; ``earlier`` is the first tracking number when it is the sender's."""
    where = f" en la correspondencia {earlier}" if earlier else ""
    return f"El comprobante {number} ya fue presentado{where}. No se puede presentar dos veces."
