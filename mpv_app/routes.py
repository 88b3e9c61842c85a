"""Every path of the app; pages, links and tests build URLs only from here."""

from __future__ import annotations

from urllib.parse import quote

HOME = "/"
REGISTER = "/registro"
LOGIN = "/iniciar-sesion"
ACCOUNT = "/mi-cuenta"
NEW_FILING = "/nueva-correspondencia"
MY_FILINGS = "/tramites"
FILING_DETAIL = "/tramites/[tracking_number]"
VERIFY = "/verificar/[code]"
VERIFY_CARGO = "/verificar"  # upload a cargo PDF
HELP = "/ayuda"
NOT_FOUND = "404"  # Reflex's slug for the page of any unknown address
CONFIRM_EMAIL = "/confirmar/[token]"
RESEND_CONFIRMATION = "/reenviar-confirmacion"
FORGOT_PASSWORD = "/recuperar-contrasena"
RESET_PASSWORD = "/restablecer/[token]"
RECEPTION_INBOX = "/bandeja"
DEPARTMENT_INBOX = "/dependencia"
ADMIN = "/administracion"
ADMIN_CENTERS = "/administracion/centros"
ADMIN_DEPARTMENTS = "/administracion/dependencias"
ADMIN_DOCUMENT_TYPES = "/administracion/tipos"
ADMIN_CALENDAR = "/administracion/calendario"  # holidays and office hours
ADMIN_STAFF = "/administracion/personal"
AUDIT_LOG = "/administracion/auditoria"
DASHBOARD = "/panel"

API_PREFIX = "/api"
HEALTH = "/api/salud"
RECEIPT_DOWNLOAD = "/api/cargo/{tracking_number}"
FILE_DOWNLOAD = "/api/archivo/{attachment_id}"
EXPORT = "/api/exportar/{inbox}/{fmt}"


def filing_detail(tracking_number: str) -> str:
    return f"{MY_FILINGS}/{quote(tracking_number, safe='')}"


def verify(code: str) -> str:
    return f"/verificar/{quote(code, safe='')}"


def confirm_email(token: str) -> str:
    return f"/confirmar/{quote(token, safe='')}"


def reset_password(token: str) -> str:
    return f"/restablecer/{quote(token, safe='')}"


def receipt_download(tracking_number: str, token: str) -> str:
    return f"/api/cargo/{quote(tracking_number, safe='')}?t={quote(token, safe='')}"


def file_download(attachment_id: int, token: str) -> str:
    return f"/api/archivo/{attachment_id}?t={quote(token, safe='')}"


def export_download(target: str, token: str) -> str:
    """``target`` is ``domain.exports.export_target``'s: inbox/format?filters."""
    path, _, query = target.partition("?")
    return f"{API_PREFIX}/exportar/{path}?{query}{'&' if query else ''}t={quote(token, safe='')}"
