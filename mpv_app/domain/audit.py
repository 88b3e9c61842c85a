"""What the audit trail records: every action code once, with its Spanish label and sentence.

The values are stored in ``audit_log.action`` behind a CHECK constraint: adding a member needs
an Alembic revision that widens the constraint (see ``0009_audit_action_enum``); renaming one
would orphan the rows already written, so never rename a value.
"""

from __future__ import annotations

from enum import StrEnum

from mpv_app.domain.enums import EventAction


class AuditAction(StrEnum):
    ACCOUNT_REGISTER = "account.register"
    ACCOUNT_CONFIRM_EMAIL = "account.confirm_email"
    ACCOUNT_RESEND_CONFIRMATION = "account.resend_confirmation"
    ACCOUNT_REQUEST_RESET = "account.request_reset"
    ACCOUNT_RESET_PASSWORD = "account.reset_password"
    THROTTLE_RESET_REQUEST = "throttle.reset_request"
    THROTTLE_RESEND_REQUEST = "throttle.resend_request"
    AUTH_LOGIN = "auth.login"
    AUTH_LOGOUT = "auth.logout"
    STAFF_CREATE = "staff.create"
    STAFF_UPDATE = "staff.update"
    STAFF_ACTIVATE = "staff.activate"
    STAFF_DEACTIVATE = "staff.deactivate"
    FILING_REGISTER = "filing.register"
    FILING_TAKE = "filing.take"
    FILING_ATTEND = "filing.attend"
    FILING_REJECT = "filing.reject"
    FILING_ROUTE = "filing.route"
    FILING_EXPORT = "filing.export"
    FILING_OBSERVE = "filing.observe"
    FILING_CURE = "filing.cure"
    FILING_EXPIRE = "filing.expire"
    UPLOAD_STAGE = "upload.stage"
    UPLOAD_REMOVE = "upload.remove"
    UPLOAD_EXPIRE = "upload.expire"
    CATALOG_SEED = "catalog.seed"
    CENTER_CREATE = "catalog.center.create"
    CENTER_UPDATE = "catalog.center.update"
    CENTER_ACTIVATE = "catalog.center.activate"
    CENTER_DEACTIVATE = "catalog.center.deactivate"
    DEPARTMENT_CREATE = "catalog.department.create"
    DEPARTMENT_UPDATE = "catalog.department.update"
    DEPARTMENT_ACTIVATE = "catalog.department.activate"
    DEPARTMENT_DEACTIVATE = "catalog.department.deactivate"
    DOCUMENT_TYPE_CREATE = "catalog.document_type.create"
    DOCUMENT_TYPE_UPDATE = "catalog.document_type.update"
    DOCUMENT_TYPE_ACTIVATE = "catalog.document_type.activate"
    DOCUMENT_TYPE_DEACTIVATE = "catalog.document_type.deactivate"
    HOLIDAY_ADD = "calendar.holiday.add"
    HOLIDAY_REMOVE = "calendar.holiday.remove"
    OFFICE_HOURS_SET = "calendar.office_hours.set"

    @property
    def label(self) -> str:
        """The noun phrase of the "Acción" filter."""
        return AUDIT_LABELS[self][0]

    @property
    def verb(self) -> str:
        """What the actor did, in the past tense: the middle of the log's sentence."""
        return AUDIT_LABELS[self][1]


def _catalog_words(prefix: str, named: str) -> dict[AuditAction, tuple[str, str]]:
    """The words of a catalog's create, update, activate and deactivate (``named``: its noun
    with the article): one wording for the three catalogs, so they read alike."""
    article, _, thing = named.partition(" ")
    return {
        AuditAction[f"{prefix}_CREATE"]: (f"Alta de {thing}", f"dio de alta {article} {thing}"),
        AuditAction[f"{prefix}_UPDATE"]: (
            f"Modificación de {thing}",
            f"modificó {article} {thing}",
        ),
        AuditAction[f"{prefix}_ACTIVATE"]: (
            f"Reactivación de {thing}",
            f"reactivó {article} {thing}",
        ),
        AuditAction[f"{prefix}_DEACTIVATE"]: (
            f"Desactivación de {thing}",
            f"desactivó {article} {thing}",
        ),
    }


# (label, verb): one entry per action, so a new member without its words fails at import.
AUDIT_LABELS: dict[AuditAction, tuple[str, str]] = {
    AuditAction.ACCOUNT_REGISTER: ("Registro de cuenta", "registró su cuenta"),
    AuditAction.ACCOUNT_CONFIRM_EMAIL: ("Confirmación de correo", "confirmó su correo"),
    AuditAction.ACCOUNT_RESEND_CONFIRMATION: (
        "Reenvío de confirmación",
        "pidió reenviar la confirmación de su correo",
    ),
    AuditAction.ACCOUNT_REQUEST_RESET: (
        "Solicitud de restablecimiento de contraseña",
        "pidió restablecer su contraseña",
    ),
    AuditAction.ACCOUNT_RESET_PASSWORD: (
        "Restablecimiento de contraseña",
        "restableció su contraseña",
    ),
    AuditAction.THROTTLE_RESET_REQUEST: (
        "Pedido de enlace de contraseña (control de frecuencia)",
        "pidió un enlace para restablecer su contraseña",
    ),
    AuditAction.THROTTLE_RESEND_REQUEST: (
        "Pedido de reenvío de confirmación (control de frecuencia)",
        "pidió otro correo de confirmación",
    ),
    AuditAction.AUTH_LOGIN: ("Inicio de sesión", "inició sesión"),
    AuditAction.AUTH_LOGOUT: ("Cierre de sesión", "cerró sesión"),
    AuditAction.STAFF_CREATE: ("Alta de cuenta del personal", "dio de alta la cuenta"),
    AuditAction.STAFF_UPDATE: ("Modificación de cuenta del personal", "modificó la cuenta"),
    AuditAction.STAFF_ACTIVATE: ("Reactivación de cuenta del personal", "reactivó la cuenta"),
    AuditAction.STAFF_DEACTIVATE: (
        "Desactivación de cuenta del personal",
        "desactivó la cuenta",
    ),
    AuditAction.FILING_REGISTER: ("Registro de correspondencia", "registró"),
    AuditAction.FILING_TAKE: ("Correspondencia tomada (En proceso)", "tomó"),
    AuditAction.FILING_ATTEND: ("Correspondencia atendida", "atendió"),
    AuditAction.FILING_REJECT: ("Correspondencia rechazada", "rechazó"),
    AuditAction.FILING_ROUTE: ("Correspondencia derivada", "derivó"),
    AuditAction.FILING_EXPORT: ("Exportación de una búsqueda", "exportó una búsqueda"),
    AuditAction.FILING_OBSERVE: ("Correspondencia observada", "observó"),
    AuditAction.FILING_CURE: ("Observación subsanada por el remitente", "subsanó"),
    AuditAction.FILING_EXPIRE: (
        "Correspondencia no presentada (plazo de subsanación vencido)",
        "dio por no presentada",
    ),
    AuditAction.UPLOAD_STAGE: ("Carga de archivo", "cargó un archivo"),
    AuditAction.UPLOAD_REMOVE: ("Retiro de archivo", "retiró un archivo"),
    AuditAction.UPLOAD_EXPIRE: ("Archivo temporal vencido", "eliminó archivos temporales vencidos"),
    AuditAction.CATALOG_SEED: ("Carga inicial de catálogos", "cargó el catálogo inicial"),
    **_catalog_words("CENTER", "el centro de gestión"),
    **_catalog_words("DEPARTMENT", "la dependencia"),
    **_catalog_words("DOCUMENT_TYPE", "el tipo de correspondencia"),
    AuditAction.HOLIDAY_ADD: ("Alta de feriado", "agregó el feriado"),
    AuditAction.HOLIDAY_REMOVE: ("Retiro de feriado", "retiró el feriado"),
    AuditAction.OFFICE_HOURS_SET: (
        "Cambio del horario de atención",
        "cambió el horario de atención",
    ),
}

# The audit row each status event writes beside itself.
FILING_AUDIT: dict[EventAction, AuditAction] = {
    EventAction.REGISTER: AuditAction.FILING_REGISTER,
    EventAction.TAKE: AuditAction.FILING_TAKE,
    EventAction.ATTEND: AuditAction.FILING_ATTEND,
    EventAction.REJECT: AuditAction.FILING_REJECT,
    EventAction.ROUTE: AuditAction.FILING_ROUTE,
    EventAction.OBSERVE: AuditAction.FILING_OBSERVE,
    EventAction.CURE: AuditAction.FILING_CURE,
    EventAction.EXPIRE: AuditAction.FILING_EXPIRE,
}
