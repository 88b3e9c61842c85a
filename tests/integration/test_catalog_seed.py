"""The catalog seed loads the user guide's catalogs once, whatever the number of runs."""

from __future__ import annotations

from sqlmodel import Session, func, select

from mpv_app.models import AuditLog, Department, DocumentType, ManagementCenter
from mpv_app.services.catalog_seed import seed_catalogs

GUIDE_CENTERS = {
    "Oficina Principal (San Isidro)",
    "Operaciones Oleoducto",
    "Refinería Talara",
    "Refinería Conchán",
    "Refinería Iquitos",
    "Plantas de Ventas y Terminales",
}


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(func.count()).select_from(model)).one())


def test_seed_is_idempotent_and_audited(session: Session) -> None:
    first = seed_catalogs(session=session)
    session.commit()
    second = seed_catalogs(session=session)
    session.commit()

    assert first.centers_added == 6
    assert first.document_types_added == 15
    assert second.total == 0
    assert _count(session, ManagementCenter) == 6
    assert _count(session, Department) == first.departments_added
    assert _count(session, AuditLog) == first.total


def test_catalog_content_follows_the_user_guide(session: Session) -> None:
    seed_catalogs(session=session)
    session.commit()

    centers = {c.id: c.name for c in session.exec(select(ManagementCenter)).all()}
    assert set(centers.values()) == GUIDE_CENTERS
    for center_id in centers:
        departments = session.exec(
            select(Department).where(Department.center_id == center_id)
        ).all()
        assert len(departments) >= 3, centers[center_id]

    reception = session.exec(select(Department).where(Department.is_reception)).all()
    assert [(d.name, centers[d.center_id]) for d in reception] == [
        ("Trámite Documentario", "Oficina Principal (San Isidro)")
    ]

    signed_only = session.exec(
        select(DocumentType.name).where(DocumentType.requires_digital_signature)
    ).all()
    assert sorted(signed_only) == ["Contrato", "OTT", "Orden de servicio"]
    assert "Recibo por honorarios" in session.exec(select(DocumentType.name)).all()


def test_seed_keeps_an_admin_rename(session: Session) -> None:
    seed_catalogs(session=session)
    carta = session.exec(select(DocumentType).where(DocumentType.code == "CARTA")).one()
    carta.name = "Carta simple"
    session.commit()

    seed_catalogs(session=session)
    session.commit()
    names = session.exec(select(DocumentType.name)).all()
    assert "Carta simple" in names
    assert "Carta" not in names
