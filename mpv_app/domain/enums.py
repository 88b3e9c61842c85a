"""The glossary's closed vocabularies. Values are stored in the database: never rename one."""

from __future__ import annotations

from enum import StrEnum


class Status(StrEnum):
    REGISTERED = "registered"
    IN_PROGRESS = "in_progress"
    ATTENDED = "attended"
    REJECTED = "rejected"
    OBSERVED = "observed"
    NOT_PRESENTED = "not_presented"

    @property
    def label(self) -> str:
        return STATUS_LABELS[self]


STATUS_LABELS: dict[Status, str] = {
    Status.REGISTERED: "Registrada",
    Status.IN_PROGRESS: "En proceso",
    Status.ATTENDED: "Atendida",
    Status.REJECTED: "Rechazada",
    Status.OBSERVED: "Observada",
    Status.NOT_PRESENTED: "No presentada",
}


class Role(StrEnum):
    SENDER = "remitente"
    RECEPTION = "mesa_partes"
    DEPARTMENT = "dependencia"
    ADMIN = "admin"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.SENDER: "Remitente",
    Role.RECEPTION: "Mesa de partes (Trámite Documentario)",
    Role.DEPARTMENT: "Dependencia",
    Role.ADMIN: "Administrador",
}


class SenderKind(StrEnum):
    NATURAL_PERSON = "persona_natural"
    LEGAL_ENTITY = "persona_juridica"
    FOREIGN_COMPANY = "empresa_extranjera"

    @property
    def label(self) -> str:
        return SENDER_KIND_LABELS[self]


SENDER_KIND_LABELS: dict[SenderKind, str] = {
    SenderKind.NATURAL_PERSON: "Persona natural",
    SenderKind.LEGAL_ENTITY: "Persona jurídica",
    SenderKind.FOREIGN_COMPANY: "Empresa extranjera",
}


class IdentityDocType(StrEnum):
    DNI = "dni"
    FOREIGNER_CARD = "carne_extranjeria"
    PASSPORT = "pasaporte"
    RUC = "ruc"
    FOREIGN_TAX_ID = "tax_id"


class AttachmentKind(StrEnum):
    MAIN = "main"
    ANNEX = "annex"
    RESPONSE = "response"
    # Files of a subsanación: the corrected main document and added annexes. The originals
    # stay as they were presented; these are added beside them.
    CURE_MAIN = "cure_main"
    CURE_ANNEX = "cure_annex"

    @property
    def label(self) -> str:
        """How the detail page, the cargo and the upload lists name a file's role."""
        return ATTACHMENT_KIND_LABELS[self]


ATTACHMENT_KIND_LABELS: dict[AttachmentKind, str] = {
    AttachmentKind.MAIN: "Documento principal",
    AttachmentKind.ANNEX: "Anexo",
    AttachmentKind.RESPONSE: "Respuesta",
    AttachmentKind.CURE_MAIN: "Documento principal corregido (subsanación)",
    AttachmentKind.CURE_ANNEX: "Anexo de la subsanación",
}


class EventAction(StrEnum):
    """What happened to a filing; ROUTE changes the department, never the status.

    OBSERVE (staff, once) opens the subsanación window; CURE is the sender's fix; EXPIRE is the
    maintenance job closing an observation left unfixed past its deadline.
    """

    REGISTER = "register"
    TAKE = "take"
    ATTEND = "attend"
    REJECT = "reject"
    ROUTE = "route"
    OBSERVE = "observe"
    CURE = "cure"
    EXPIRE = "expire"

    @property
    def label(self) -> str:
        """The verb on the action's button (and the dialog kind: one dialog per action)."""
        return EVENT_ACTION_LABELS[self]


EVENT_ACTION_LABELS: dict[EventAction, str] = {
    EventAction.REGISTER: "Presentar",
    EventAction.TAKE: "Tomar",
    EventAction.ATTEND: "Atender",
    EventAction.REJECT: "Rechazar",
    EventAction.ROUTE: "Derivar",
    EventAction.OBSERVE: "Observar",
    EventAction.CURE: "Subsanar",
    EventAction.EXPIRE: "Dar por no presentada",
}


class SignatureVerdict(StrEnum):
    """What pyHanko found about one digital signature of a PDF (or that it has none)."""

    VALID = "valid"
    ALTERED = "altered"
    UNTRUSTED = "untrusted"
    EXPIRED = "expired"
    UNSIGNED = "unsigned"

    @property
    def label(self) -> str:
        return SIGNATURE_LABELS[self]


SIGNATURE_LABELS: dict[SignatureVerdict, str] = {
    SignatureVerdict.VALID: "válida",
    SignatureVerdict.ALTERED: "alterada",
    SignatureVerdict.UNTRUSTED: "no confiable",
    SignatureVerdict.EXPIRED: "vencida",
    SignatureVerdict.UNSIGNED: "sin firma",
}


class MailAttachment(StrEnum):
    """What an outgoing email carries, rendered from the database when it is sent."""

    RECEIPT = "receipt"  # the filing's cargo PDF


class OutboxStatus(StrEnum):
    PENDING = "pending"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"


class ConsentDocument(StrEnum):
    TERMS = "terminos_condiciones"
    PRIVACY = "proteccion_datos"


class TokenPurpose(StrEnum):
    CONFIRM_EMAIL = "confirm_email"
    RESET_PASSWORD = "reset_password"
