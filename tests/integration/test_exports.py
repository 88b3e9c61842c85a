"""Exporting a staff search (issues 15 and 17): XLSX and CSV with the filters applied, the
invoice columns, capped, audited, and only for the inbox's own role with a link of this search."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlmodel import Session, select
from starlette.testclient import TestClient

from mpv_app import db, routes
from mpv_app.api import build_api
from mpv_app.domain.enums import Role
from mpv_app.domain.exports import ExportFormat, export_target
from mpv_app.models import AuditLog, Sender
from mpv_app.services.filing import submit_filing
from mpv_app.settings import get_settings
from mpv_app.storage.files import FileStore
from mpv_app.storage.links import sign
from tests.factories import (
    filing_form,
    link_grant,
    pdf_bytes,
    sender_without_password,
    staff_user,
    stage_bytes,
)


@pytest.fixture
def client(
    database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[TestClient]:
    monkeypatch.setenv("MPV_DATABASE_URL", database_url)
    monkeypatch.setenv("MPV_STORAGE_DIR", str(tmp_path / "files"))
    monkeypatch.setenv("MPV_EXPORT_MAX_ROWS", "3")
    get_settings.cache_clear()
    db.get_engine.cache_clear()
    with TestClient(build_api()) as test_client:
        yield test_client
    db.get_engine().dispose()
    get_settings.cache_clear()
    db.get_engine.cache_clear()


@pytest.fixture
def filings(session: Session, seeded: None, client: TestClient) -> list[str]:
    """Four registered filings; the second's subject is a spreadsheet formula."""
    store = FileStore(get_settings().storage_dir)
    subjects = ["Carta uno", '=HYPERLINK("http://x")', "Carta tres", "Carta cuatro"]
    numbers = []
    for index, subject in enumerate(subjects):
        user = sender_without_password(session, index)
        assert user.id is not None
        stage_bytes(session, store, user.id, pdf_bytes(3, f"Doc {index}"), "c.pdf")
        result = submit_filing(
            session=session,
            user_id=user.id,
            form=filing_form(session, subject=subject),
            submission_key=f"k{index}",
            store=store,
        )
        session.commit()
        numbers.append(result.tracking_number)
    return numbers


def _link(user_id: int, inbox: str, fmt: ExportFormat, query: dict[str, str]) -> str:
    target = export_target(inbox, fmt, query)
    return routes.export_download(target, sign(link_grant(user_id, "export", target)))


def test_xlsx_holds_the_search_capped_and_inert_and_is_audited(
    session: Session, filings: list[str], client: TestClient
) -> None:
    clerk = staff_user(session, Role.RECEPTION)
    assert clerk.id is not None
    response = client.get(_link(clerk.id, "bandeja", ExportFormat.XLSX, {}))
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Número de trámite" and "RUC del emisor" in rows[0]
    assert [r[0] for r in rows[1:]] == filings[:3]  # oldest first, capped at 3
    formula_cell = sheet.cell(row=3, column=7)
    assert formula_cell.value == '=HYPERLINK("http://x")' and formula_cell.data_type == "s"
    session.expire_all()
    audit = session.exec(select(AuditLog).where(AuditLog.action == "filing.export")).one()
    assert audit.actor_user_id == clerk.id and audit.detail["rows"] == 3


def test_csv_applies_the_filters_and_defuses_formulas(
    session: Session, filings: list[str], client: TestClient
) -> None:
    clerk = staff_user(session, Role.RECEPTION)
    assert clerk.id is not None
    response = client.get(_link(clerk.id, "bandeja", ExportFormat.CSV, {"asunto": "HYPERLINK"}))
    assert response.status_code == 200
    text = response.content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert len(rows) == 2 and rows[1][0] == filings[1]
    assert rows[1][6].startswith("'=")  # shown as text, never run as a formula


def test_links_are_for_their_own_search_role_and_session(
    session: Session, filings: list[str], client: TestClient
) -> None:
    clerk = staff_user(session, Role.RECEPTION)
    department = staff_user(session, Role.DEPARTMENT, "OP-LEG")
    sender = session.exec(select(Sender)).first()
    session.commit()  # on SQLite an open read transaction holds the write lock
    assert clerk.id and department.id and sender
    link = _link(clerk.id, "bandeja", ExportFormat.CSV, {"asunto": "Carta"})
    assert client.get(link).status_code == 200
    # The same token with other filters, another format or another inbox is nobody's.
    assert client.get(link.replace("asunto=Carta", "asunto=uno")).status_code == 404
    assert client.get(link.replace("/csv?", "/xlsx?")).status_code == 404
    assert client.get(link.replace("/bandeja/", "/dependencia/")).status_code == 404
    # A department account cannot use the reception inbox, whatever link it holds.
    assert client.get(_link(department.id, "bandeja", ExportFormat.CSV, {})).status_code == 404
    # Nor can a sender, nor a made-up format or inbox.
    assert client.get(_link(sender.user_id, "bandeja", ExportFormat.CSV, {})).status_code == 404
    assert client.get("/api/exportar/bandeja/pdf?t=x").status_code == 404
    assert client.get("/api/exportar/todo/csv?t=x").status_code == 404


def test_a_department_exports_only_what_is_routed_to_it(
    session: Session, filings: list[str], client: TestClient
) -> None:
    department = staff_user(session, Role.DEPARTMENT, "OP-LEG")
    assert department.id is not None
    response = client.get(_link(department.id, "dependencia", ExportFormat.CSV, {}))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert len(rows) == 1  # nothing was routed to Legal: the header alone
