"""The catalogs of the public user guide, loaded idempotently (safe to run on every start).

Seeding only adds what is missing, matched by ``code``: an admin's later edits to names or flags
are never overwritten, and nothing is ever deleted.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session, select

from mpv_app.domain.audit import AuditAction
from mpv_app.models import Department, DocumentType, ManagementCenter
from mpv_app.services import audit

RECEPTION_DEPARTMENT_CODE = "OP-TD"


@dataclass(frozen=True)
class SeedResult:
    centers_added: int
    departments_added: int
    document_types_added: int

    @property
    def total(self) -> int:
        return self.centers_added + self.departments_added + self.document_types_added


# (code, name, [(department code, department name), ...])
CENTERS: tuple[tuple[str, str, tuple[tuple[str, str], ...]], ...] = (
    (
        "OP",
        "Oficina Principal (San Isidro)",
        (
            (RECEPTION_DEPARTMENT_CODE, "Trámite Documentario"),
            ("OP-GG", "Gerencia General"),
            ("OP-LEG", "Gerencia Corporativa Legal"),
            ("OP-FIN", "Gerencia Corporativa Finanzas"),
            ("OP-LOG", "Gerencia Corporativa Logística"),
            ("OP-RRHH", "Gerencia Corporativa Recursos Humanos"),
            ("OP-COM", "Gerencia Corporativa Comercial"),
            ("OP-SSA", "Gerencia Corporativa Seguridad, Salud y Ambiente"),
            ("OP-CONT", "Jefatura Contabilidad"),
            ("OP-TES", "Jefatura Tesorería"),
        ),
    ),
    (
        "ONP",
        "Operaciones Oleoducto",
        (
            ("ONP-GER", "Gerencia Oleoducto"),
            ("ONP-OPE", "Jefatura Operaciones Oleoducto"),
            ("ONP-MAN", "Jefatura Mantenimiento Oleoducto"),
            ("ONP-ADM", "Jefatura Administración Oleoducto"),
            ("ONP-RC", "Jefatura Relaciones Comunitarias"),
        ),
    ),
    (
        "RFTL",
        "Refinería Talara",
        (
            ("RFTL-GER", "Gerencia Refinería Talara"),
            ("RFTL-OPE", "Jefatura Operaciones Talara"),
            ("RFTL-MAN", "Jefatura Mantenimiento Talara"),
            ("RFTL-ADM", "Jefatura Administración Talara"),
            ("RFTL-SSA", "Jefatura Seguridad, Salud y Ambiente Talara"),
        ),
    ),
    (
        "RFCO",
        "Refinería Conchán",
        (
            ("RFCO-GER", "Gerencia Refinería Conchán"),
            ("RFCO-OPE", "Jefatura Operaciones Conchán"),
            ("RFCO-ADM", "Jefatura Administración Conchán"),
        ),
    ),
    (
        "RFIQ",
        "Refinería Iquitos",
        (
            ("RFIQ-GER", "Gerencia Refinería Iquitos"),
            ("RFIQ-OPE", "Jefatura Operaciones Iquitos"),
            ("RFIQ-ADM", "Jefatura Administración Iquitos"),
        ),
    ),
    (
        "PVT",
        "Plantas de Ventas y Terminales",
        (
            ("PVT-GER", "Gerencia Plantas de Ventas y Terminales"),
            ("PVT-CAL", "Jefatura Planta de Ventas Callao"),
            ("PVT-PIU", "Jefatura Planta de Ventas Piura"),
            ("PVT-TER", "Jefatura Terminales Norte y Sur"),
        ),
    ),
)

# (code, name, only accepted digitally signed)
DOCUMENT_TYPES: tuple[tuple[str, str, bool], ...] = (
    ("CARTA", "Carta", False),
    ("OFICIO", "Oficio", False),
    ("NOTIFICACION", "Notificación", False),
    ("INFORME", "Informe", False),
    ("REPORTE", "Reporte", False),
    ("FACTURA", "Factura", False),
    ("NOTA_CREDITO", "Nota de crédito", False),
    ("NOTA_DEBITO", "Nota de débito", False),
    ("RECIBO_HONORARIOS", "Recibo por honorarios", False),
    ("BOLETA_PAGO", "Boleta de pago", False),
    ("LIQUIDACION_COBRANZA", "Liquidación de cobranza", False),
    ("RECIBO_SERVICIO", "Recibo de servicio público", False),
    ("CONTRATO", "Contrato", True),
    ("ORDEN_SERVICIO", "Orden de servicio", True),
    ("OTT", "OTT", True),
)


def seed_catalogs(*, session: Session, actor_user_id: int | None = None) -> SeedResult:
    centers_added = departments_added = types_added = 0
    existing_centers = {c.code: c for c in session.exec(select(ManagementCenter)).all()}
    existing_departments = set(session.exec(select(Department.code)).all())
    for center_code, center_name, departments in CENTERS:
        center = existing_centers.get(center_code)
        if center is None:
            center = ManagementCenter(code=center_code, name=center_name)
            session.add(center)
            session.flush()
            centers_added += 1
            _audit(session, "management_center", center.code, center_name, actor_user_id)
        assert center.id is not None
        for dept_code, dept_name in departments:
            if dept_code in existing_departments:
                continue
            session.add(
                Department(
                    center_id=center.id,
                    code=dept_code,
                    name=dept_name,
                    is_reception=dept_code == RECEPTION_DEPARTMENT_CODE,
                )
            )
            departments_added += 1
            _audit(session, "department", dept_code, dept_name, actor_user_id)
    existing_types = set(session.exec(select(DocumentType.code)).all())
    for type_code, type_name, signed_only in DOCUMENT_TYPES:
        if type_code in existing_types:
            continue
        session.add(
            DocumentType(code=type_code, name=type_name, requires_digital_signature=signed_only)
        )
        types_added += 1
        _audit(session, "document_type", type_code, type_name, actor_user_id)
    session.flush()
    return SeedResult(centers_added, departments_added, types_added)


def _audit(session: Session, entity: str, code: str, name: str, actor_user_id: int | None) -> None:
    audit.record(
        session,
        action=AuditAction.CATALOG_SEED,
        entity=entity,
        entity_id=code,
        actor_user_id=actor_user_id,
        detail={"name": name},
    )
