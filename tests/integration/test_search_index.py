"""Migration 0003's "Asunto" search structures: built, kept in sync, used by the planner,
filled for filings made before it, and removed by its downgrade — on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine
from sqlmodel import Session, select

from mpv_app.db import make_engine
from mpv_app.domain.text import fold
from mpv_app.models import Correspondence, Department, DocumentType, Sender, Status
from mpv_app.search_index import (
    FTS_TABLE,
    FTS_TRIGGERS,
    TRIGRAM_INDEX,
    include_name,
    include_object,
    is_search_object,
)
from mpv_app.services.catalog_seed import seed_catalogs
from tests.factories import sender_without_password
from tests.integration.conftest import alembic_config

SEARCH_REVISION = "0003_add_subject_search"
BEFORE_SEARCH = "0002_add_staging_and_drafts"


def _migration_module() -> object:
    script = ScriptDirectory.from_config(alembic_config("sqlite://"))
    revision = script.get_revision(SEARCH_REVISION)
    assert revision is not None
    return revision.module


def _search_structures(connection: Connection) -> set[str]:
    """Every schema object of the search, by name, whatever its kind."""
    if connection.dialect.name == "sqlite":
        rows = connection.exec_driver_sql(
            "SELECT name FROM sqlite_master WHERE name LIKE 'correspondence_subject%'"
        )
    else:
        rows = connection.exec_driver_sql(
            "SELECT indexname FROM pg_indexes WHERE tablename = 'correspondence'"
        )
    return {name for (name,) in rows if is_search_object(name) or name.startswith(FTS_TABLE)}


def _has_column(engine: Engine, column: str) -> bool:
    return column in {c["name"] for c in sa.inspect(engine).get_columns("correspondence")}


def _has_pg_trgm(connection: Connection) -> bool:
    found = connection.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm'")
    return found.first() is not None


def _matching_ids(engine: Engine, term: str) -> list[int]:
    """Ids whose folded subject contains ``term``, answered by the search structure itself."""
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            # A quoted trigram phrase is a substring match: no LIKE on the base table at all.
            rows = connection.execute(
                sa.text(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH :q ORDER BY rowid"),
                {"q": f'"{term}"'},
            )
        else:
            connection.exec_driver_sql("SET enable_seqscan = off")  # only the index may answer
            rows = connection.execute(
                sa.text(
                    "SELECT id FROM correspondence WHERE subject_folded LIKE :p ESCAPE '\\' "
                    "ORDER BY id"
                ),
                {"p": f"%{term}%"},
            )
        ids = [row[0] for row in rows]
        connection.rollback()
    return ids


def _fts_consistent(engine: Engine) -> None:
    """SQLite: FTS5 compares its index with the content table and raises on any drift."""
    if engine.dialect.name != "sqlite":
        return
    with engine.begin() as connection:
        connection.exec_driver_sql(
            f"INSERT INTO {FTS_TABLE}({FTS_TABLE}, rank) VALUES ('integrity-check', 1)"
        )


def _filing(session: Session, sender_id: int, subject: str, sequence: int) -> Correspondence:
    doc_type = session.exec(select(DocumentType).where(DocumentType.code == "CARTA")).one()
    department = session.exec(select(Department).where(Department.is_reception)).one()
    submitted = datetime(2026, 11, 20, 14, 0, tzinfo=UTC) + timedelta(minutes=sequence)
    filing = Correspondence(
        tracking_number=f"MPV-2026-{sequence:06d}",
        year=2026,
        sequence=sequence,
        sender_id=sender_id,
        document_type_id=doc_type.id,
        subject=subject,
        subject_folded=fold(subject),
        document_number=f"CARTA-{sequence:03d}-2026",
        document_date=date(2026, 11, 20),
        page_count=1,
        knows_destination=False,
        center_id=department.center_id,
        department_id=department.id,
        status=Status.REGISTERED,
        submitted_at=submitted,
        received_on=submitted.date(),
        verification_code=uuid.uuid4().hex[:32],
        submission_key=uuid.uuid4().hex,
    )
    session.add(filing)
    session.commit()
    return filing


def test_names_in_the_migration_match_the_app_module() -> None:
    module = _migration_module()
    assert module.FTS_TABLE == FTS_TABLE  # type: ignore[attr-defined]
    assert module.TRIGRAM_INDEX == TRIGRAM_INDEX  # type: ignore[attr-defined]
    triggers = " ".join(module.SQLITE_TRIGGERS)  # type: ignore[attr-defined]
    assert all(f"TRIGGER {name} " in triggers for name in FTS_TRIGGERS)
    assert module.fold(" Carta  NOTARIAL Ñandú ") == fold(" Carta  NOTARIAL Ñandú ")  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (FTS_TABLE, True),
        (f"{FTS_TABLE}_data", True),
        (f"{FTS_TABLE}_idx", True),
        (f"{FTS_TABLE}_docsize", True),
        (f"{FTS_TABLE}_config", True),
        (TRIGRAM_INDEX, True),
        ("correspondence", False),
        ("ix_correspondence_sender_covering", False),
        ("correspondence_subject", False),
        (None, False),
    ],
)
def test_search_objects_are_recognised_by_name(name: str | None, expected: bool) -> None:
    assert is_search_object(name) is expected
    assert include_name(name, "table", {}) is not expected
    assert include_object(None, name, "index", True, None) is not expected


def test_upgrade_builds_and_downgrade_removes_the_search_structures(database_url: str) -> None:
    config = alembic_config(database_url)
    command.upgrade(config, "head")
    engine = make_engine(database_url)
    try:
        with engine.connect() as connection:
            built = _search_structures(connection)
            if connection.dialect.name == "sqlite":
                assert built >= {FTS_TABLE, *FTS_TRIGGERS, f"{FTS_TABLE}_data", f"{FTS_TABLE}_idx"}
                ddl = connection.exec_driver_sql(
                    "SELECT sql FROM sqlite_master WHERE name = ?", (FTS_TABLE,)
                ).scalar_one()
                assert "content='correspondence'" in ddl
                assert "content_rowid='id'" in ddl
                assert "tokenize='trigram'" in ddl
            else:
                assert built == {TRIGRAM_INDEX}
                indexdef = connection.exec_driver_sql(
                    "SELECT indexdef FROM pg_indexes WHERE indexname = %s", (TRIGRAM_INDEX,)
                ).scalar_one()
                assert "USING gin (subject_folded gin_trgm_ops)" in indexdef
                assert _has_pg_trgm(connection)
        assert _has_column(engine, "subject_folded")

        command.downgrade(config, BEFORE_SEARCH)
        with engine.connect() as connection:
            assert _search_structures(connection) == set()
            if connection.dialect.name == "postgresql":
                assert not _has_pg_trgm(connection)
        engine.dispose()  # column lists are cached per inspector; start afresh
        assert not _has_column(engine, "subject_folded")

        command.upgrade(config, "head")
        with engine.connect() as connection:
            assert _search_structures(connection) == built
    finally:
        engine.dispose()


def test_search_follows_inserts_updates_and_deletes(
    engine: Engine, session: Session, seeded: None
) -> None:
    sender = sender_without_password(session)
    sender_id = session.exec(select(Sender.id).where(Sender.user_id == sender.id)).one()
    assert sender_id is not None
    notarial = _filing(session, sender_id, "Carta NOTARIAL sobre facturación", 1)
    other = _filing(session, sender_id, "Solicitud de información notarial", 2)
    assert _matching_ids(engine, "notarial") == [notarial.id, other.id]
    assert _matching_ids(engine, "facturacion") == [notarial.id]
    _fts_consistent(engine)

    notarial.subject = "Remisión de contrato de servicio"
    notarial.subject_folded = fold(notarial.subject)
    session.add(notarial)
    session.commit()
    assert _matching_ids(engine, "facturacion") == []
    assert _matching_ids(engine, "notarial") == [other.id]
    assert _matching_ids(engine, "remision de contrato") == [notarial.id]
    _fts_consistent(engine)

    # An update that leaves the subject alone must not disturb the index either.
    notarial.status = Status.IN_PROGRESS
    session.add(notarial)
    session.commit()
    assert _matching_ids(engine, "contrato") == [notarial.id]
    _fts_consistent(engine)

    session.delete(notarial)
    session.commit()
    assert _matching_ids(engine, "contrato") == []
    assert _matching_ids(engine, "notarial") == [other.id]
    _fts_consistent(engine)


def test_subject_search_plan_uses_the_trigram_structure(engine: Engine) -> None:
    with engine.connect() as connection:
        if connection.dialect.name == "sqlite":
            plan = connection.exec_driver_sql(
                "EXPLAIN QUERY PLAN SELECT id FROM correspondence WHERE id IN "
                f"(SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH '\"xyz\"')"
            ).all()
            details = " | ".join(str(row[-1]) for row in plan)
            assert f"SCAN {FTS_TABLE} VIRTUAL TABLE INDEX" in details, details
            assert "SEARCH correspondence USING INTEGER PRIMARY KEY" in details, details
        else:
            connection.exec_driver_sql("SET enable_seqscan = off")
            plan = connection.execute(
                sa.text(
                    "EXPLAIN SELECT id FROM correspondence WHERE subject_folded LIKE :p ESCAPE '\\'"
                ),
                {"p": "%xyz%"},
            ).all()
            details = " | ".join(row[0] for row in plan)
            assert f"Bitmap Index Scan on {TRIGRAM_INDEX}" in details, details
        connection.rollback()


def test_upgrade_folds_the_subjects_of_earlier_filings(database_url: str) -> None:
    """Rows written at 0002 (no subject_folded yet) come out folded and searchable."""
    config = alembic_config(database_url)
    command.upgrade(config, BEFORE_SEARCH)
    batch = _migration_module().BATCH  # type: ignore[attr-defined]
    subjects = ["Carta NOTARIAL Ñandú", "  Solicitud   de INFORMACIÓN  pendiente "]
    subjects += [f"Remisión de contrato Nº {n} — ÁREA Pingüino" for n in range(batch + 3)]

    engine = make_engine(database_url)
    try:
        with Session(engine, expire_on_commit=False) as session:
            seed_catalogs(session=session)
            session.commit()
            user = sender_without_password(session)
            doc_type = session.exec(select(DocumentType).where(DocumentType.code == "CARTA")).one()
            department = session.exec(select(Department).where(Department.is_reception)).one()
        with engine.begin() as connection:
            sender_id = connection.execute(
                sa.text("SELECT id FROM sender WHERE user_id = :u"), {"u": user.id}
            ).scalar_one()
            # The table as it is at 0002, reflected: the ORM model already has the new column.
            table = sa.Table("correspondence", sa.MetaData(), autoload_with=connection)
            assert "subject_folded" not in table.c
            now = datetime(2026, 11, 20, 14, 0, tzinfo=UTC)
            connection.execute(
                table.insert(),
                [
                    {
                        "tracking_number": f"MPV-2026-{n:06d}",
                        "year": 2026,
                        "sequence": n,
                        "sender_id": sender_id,
                        "document_type_id": doc_type.id,
                        "subject": subject,
                        "document_number": f"D-{n}",
                        "document_date": now.date(),
                        "page_count": 1,
                        "notes": None,
                        "knows_destination": False,
                        "center_id": department.center_id,
                        "department_id": department.id,
                        "status": "registered",
                        "submitted_at": now,
                        "received_on": now.date(),
                        "verification_code": f"v{n:031d}",
                        "submission_key": f"k{n}",
                        "version": 1,
                        "updated_at": now,
                    }
                    for n, subject in enumerate(subjects, start=1)
                ],
            )
        engine.dispose()

        command.upgrade(config, "head")
        with engine.connect() as connection:
            rows = connection.execute(
                sa.text("SELECT id, subject, subject_folded FROM correspondence ORDER BY id")
            ).all()
        assert len(rows) == len(subjects)
        assert rows[0].subject_folded == "carta notarial nandu"
        assert rows[1].subject_folded == "solicitud de informacion pendiente"
        assert rows[-1].subject_folded == f"remision de contrato no {batch + 2} — area pinguino"
        assert all(row.subject_folded == fold(row.subject) for row in rows)
        assert _matching_ids(engine, "nandu") == [rows[0].id]
        assert len(_matching_ids(engine, "pinguino")) == batch + 3
        _fts_consistent(engine)
    finally:
        engine.dispose()
