"""The consulta's filters as they travel in the URL: parsed, checked, and written back.

Filters live in the query string so that a search can be bookmarked, shared with a colleague and
survives a reload; parsing is forgiving about spaces and case but never guesses a bad date.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from mpv_app.domain.enums import Status
from mpv_app.domain.hygiene import ascii_int

__all__ = ["FilingFilters", "ParsedQuery", "parse_query", "positive_int", "to_query"]

MAX_SUBJECT_QUERY = 100
MAX_NUMBER_QUERY = 20


@dataclass(frozen=True)
class FilingFilters:
    number: str = ""  # exact or prefix, upper-cased
    date_from: date | None = None  # local submission date, inclusive
    date_to: date | None = None
    status: Status | None = None
    document_type_id: int | None = None
    subject: str = ""  # contains; folded by the selector
    center_id: int | None = None
    department_id: int | None = None
    # None: the viewer's default order (newest first; staff inboxes: oldest reception date).
    newest_first: bool | None = None
    invoice_number: str = ""  # an electronic comprobante's serie-número, exact
    issuer_ruc: str = ""
    amount_min: Decimal | None = None
    amount_max: Decimal | None = None

    @property
    def about_invoices(self) -> bool:
        return bool(self.invoice_number or self.issuer_ruc) or (
            self.amount_min is not None or self.amount_max is not None
        )

    def is_empty(self) -> bool:
        return replace(self, newest_first=None) == FilingFilters()


@dataclass(frozen=True)
class ParsedQuery:
    filters: FilingFilters
    page: int
    errors: dict[str, str]


_STATUS_BY_CODE = {s.value: s for s in Status}
_ORDERS = {"recientes": True, "antiguos": False}
_ORDER_CODES = {True: "recientes", False: "antiguos", None: ""}


def _date(raw: str, key: str, errors: dict[str, str]) -> date | None:
    if not raw:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors[key] = "Ingrese una fecha válida (día/mes/año)."
        return None


def _amount(raw: str, key: str, errors: dict[str, str]) -> Decimal | None:
    """«1250,50» or «1250.50»; only ASCII digits, never a guess."""
    if not raw:
        return None
    text = raw.replace(" ", "").replace(",", ".")
    whole, _, cents = text.partition(".")
    if (
        not (whole.isascii() and whole.isdigit())
        or (cents and not (cents.isascii() and cents.isdigit()))
        or len(cents) > 2
    ):
        errors[key] = "Ingrese un importe válido, por ejemplo 1250,50."
        return None
    return Decimal(text)


def _ruc(raw: str, errors: dict[str, str]) -> str:
    if raw and not (len(raw) == 11 and raw.isascii() and raw.isdigit()):
        errors["issuer_ruc"] = "Ingrese un RUC de 11 dígitos."
        return ""
    return raw


def positive_int(raw: object) -> int | None:
    """An id from a URL, a form or a browser's event: ASCII digits only, any other type None."""
    value = ascii_int(raw)
    return value if value is not None and 0 < value < 2**31 else None


def parse_query(params: Mapping[str, str]) -> ParsedQuery:
    """Read ``?numero=&desde=&hasta=&estado=&tipo=&asunto=&centro=&dependencia=&orden=&pagina=``
    and the comprobante's ``&comprobante=&ruc=&monto_desde=&monto_hasta=``."""
    errors: dict[str, str] = {}

    def get(key: str) -> str:
        return str(params.get(key, "") or "").strip()

    date_from = _date(get("desde"), "date_from", errors)
    date_to = _date(get("hasta"), "date_to", errors)
    if date_from and date_to and date_from > date_to:
        errors["date_to"] = "La fecha «hasta» debe ser igual o posterior a la fecha «desde»."
    status_code = get("estado")
    if status_code and status_code not in _STATUS_BY_CODE:
        errors["status"] = "Seleccione un estado de la lista."
    amount_min = _amount(get("monto_desde"), "amount_min", errors)
    amount_max = _amount(get("monto_hasta"), "amount_max", errors)
    if amount_min is not None and amount_max is not None and amount_min > amount_max:
        errors["amount_max"] = "El importe «hasta» debe ser igual o mayor que el importe «desde»."
    filters = FilingFilters(
        number=get("numero").upper()[:MAX_NUMBER_QUERY],
        date_from=date_from,
        date_to=date_to,
        status=_STATUS_BY_CODE.get(status_code),
        document_type_id=positive_int(get("tipo")),
        subject=" ".join(get("asunto").split())[:MAX_SUBJECT_QUERY],
        center_id=positive_int(get("centro")),
        department_id=positive_int(get("dependencia")),
        newest_first=_ORDERS.get(get("orden")),
        invoice_number=get("comprobante").upper()[: MAX_NUMBER_QUERY * 2],
        issuer_ruc=_ruc(get("ruc"), errors),
        amount_min=amount_min,
        amount_max=amount_max,
    )
    return ParsedQuery(filters=filters, page=positive_int(get("pagina")) or 1, errors=errors)


def to_query(filters: FilingFilters, page: int = 1) -> dict[str, str]:
    """The inverse of ``parse_query``, leaving out what is empty so URLs stay short."""
    pairs = {
        "numero": filters.number,
        "desde": filters.date_from.isoformat() if filters.date_from else "",
        "hasta": filters.date_to.isoformat() if filters.date_to else "",
        "estado": filters.status.value if filters.status else "",
        "tipo": str(filters.document_type_id or ""),
        "asunto": filters.subject,
        "centro": str(filters.center_id or ""),
        "dependencia": str(filters.department_id or ""),
        "orden": _ORDER_CODES[filters.newest_first],
        "comprobante": filters.invoice_number,
        "ruc": filters.issuer_ruc,
        "monto_desde": str(filters.amount_min) if filters.amount_min is not None else "",
        "monto_hasta": str(filters.amount_max) if filters.amount_max is not None else "",
        "pagina": str(page) if page > 1 else "",
    }
    return {key: value for key, value in pairs.items() if value}
