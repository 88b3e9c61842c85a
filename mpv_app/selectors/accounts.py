"""Read-side queries about accounts, shaped for display (label, value) in Spanish."""

from __future__ import annotations

from sqlmodel import Session, select

from mpv_app.domain.enums import IdentityDocType, SenderKind
from mpv_app.models import Sender, User
from mpv_app.selectors.catalog import department_label

DOC_LABELS = {
    IdentityDocType.DNI: "DNI",
    IdentityDocType.FOREIGNER_CARD: "Carné de extranjería",
    IdentityDocType.PASSPORT: "Pasaporte",
    IdentityDocType.RUC: "RUC",
    IdentityDocType.FOREIGN_TAX_ID: "Número de identificación tributaria",
}


def sender_profile_rows(session: Session, user_id: int) -> list[tuple[str, str]]:
    """The "Remitente" data, in the order the filing form shows it."""
    user = session.get(User, user_id)
    if user is None:
        return []
    sender = session.exec(select(Sender).where(Sender.user_id == user_id)).first()
    rows: list[tuple[str, str]] = []
    if sender is None:
        rows.append(("Rol", user.role.label))
        if user.department_id is not None:
            rows.append(("Dependencia", department_label(session, user.department_id)))
        rows.append(("Correo electrónico", user.email))
        return rows
    rows.append(("Tipo de remitente", sender.kind.label))
    if sender.kind is SenderKind.NATURAL_PERSON:
        rows += [
            ("Tipo de documento", DOC_LABELS[sender.doc_type]),
            ("Número de documento", sender.doc_number),
            ("Nombres", sender.first_names or ""),
            ("Apellidos", sender.last_names or ""),
        ]
    else:
        if sender.kind is SenderKind.FOREIGN_COMPANY:
            rows.append(("País", sender.country or ""))
        rows += [
            (DOC_LABELS[sender.doc_type], sender.doc_number),
            ("Razón social", sender.business_name or ""),
            ("Representante legal", sender.legal_representative or ""),
        ]
    rows += [
        ("Correo electrónico", user.email),
        ("Teléfono", sender.phone),
        ("Dirección", sender.address),
    ]
    return rows
