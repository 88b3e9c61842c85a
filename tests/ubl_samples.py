"""Real-shaped SUNAT UBL 2.1 documents for tests (Invoice, CreditNote, DebitNote), hostile XML."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

PETROPERU_RUC = "20100128218"
ROOT_NS = {
    "Invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "CreditNote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
    "DebitNote": "urn:oasis:names:specification:ubl:schema:xsd:DebitNote-2",
}


def _party(tag: str, ruc: str, name: str) -> str:
    return f"""
  <cac:{tag}>
    <cac:Party>
      <cac:PartyIdentification><cbc:ID schemeID="6">{ruc}</cbc:ID></cac:PartyIdentification>
      <cac:PartyLegalEntity><cbc:RegistrationName>{name}</cbc:RegistrationName></cac:PartyLegalEntity>
    </cac:Party>
  </cac:{tag}>"""


def ubl(
    *,
    document: str = "Invoice",
    type_code: str = "01",
    number: str = "F001-00012345",
    issued: date = date(2026, 11, 15),
    issuer_ruc: str = "20512345678",
    issuer_name: str = "EMPRESA DE SERVICIOS S.A.C.",
    customer_ruc: str = PETROPERU_RUC,
    currency: str = "PEN",
    amount: Decimal = Decimal("12345.60"),
    omit: str = "",
) -> bytes:
    """A UBL document as SUNAT's validators accept it (the signature block left out)."""
    total = "RequestedMonetaryTotal" if document == "DebitNote" else "LegalMonetaryTotal"
    type_line = (
        f'<cbc:InvoiceTypeCode listID="0101">{type_code}</cbc:InvoiceTypeCode>'
        if document == "Invoice"
        else ""
    )
    parts = {
        "number": f"<cbc:ID>{number}</cbc:ID>",
        "issued": f"<cbc:IssueDate>{issued.isoformat()}</cbc:IssueDate>",
        "type": type_line,
        "currency": (
            f'<cbc:DocumentCurrencyCode listID="ISO 4217 Alpha">{currency}'
            "</cbc:DocumentCurrencyCode>"
        ),
        "supplier": _party("AccountingSupplierParty", issuer_ruc, issuer_name),
        "customer": _party(
            "AccountingCustomerParty", customer_ruc, "PETROLEOS DEL PERU PETROPERU SA"
        ),
        "total": f"""
  <cac:{total}>
    <cbc:PayableAmount currencyID="{currency}">{amount}</cbc:PayableAmount>
  </cac:{total}>""",
    }
    body = "\n  ".join(v for k, v in parts.items() if k != omit)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<{document} xmlns="{ROOT_NS[document]}"
  xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
  xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
  xmlns:ext="urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2">
  <cbc:UBLVersionID>2.1</cbc:UBLVersionID>
  <cbc:CustomizationID>2.0</cbc:CustomizationID>
  {body}
</{document}>
""".encode()


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol9 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
]>
<Invoice>&lol9;</Invoice>
"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&xxe;</Invoice>
"""

NOT_UBL = b"""<?xml version="1.0" encoding="UTF-8"?>
<inventario><item codigo="A1">Valvula</item></inventario>
"""


def big_xml(size: int) -> bytes:
    """Well-formed XML of about ``size`` bytes (a UBL invoice padded with notes)."""
    note = "<cbc:Note>" + "relleno " * 100 + "</cbc:Note>\n"
    head = ubl().decode()
    closing = "</Invoice>"
    padding = note * (size // len(note) + 1)
    return (head.replace(closing, padding + closing)).encode()
