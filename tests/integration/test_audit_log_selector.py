"""The audit log's filters, pages and bounded count on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from mpv_app.domain.enums import Role
from mpv_app.domain.rows import AuditRow
from mpv_app.models import AuditLog, Correspondence, Department, User
from mpv_app.selectors.audit_log import (
    COUNT_CAP,
    PAGE_SIZE,
    AuditFilters,
    action_options,
    audit_page,
    count_matching,
    parse_filters,
)
from mpv_app.services import workflow
from mpv_app.services.filing import submit_filing
from mpv_app.storage.files import FileStore
from tests.factories import (
    filing_form,
    pdf_bytes,
    sender_without_password,
    staff_user,
    stage_bytes,
)

# 23:30 on Monday 9 March 2026 in Lima is already Tuesday 10 March in UTC.
LATE_MONDAY_LIMA = datetime(2026, 3, 10, 4, 30, tzinfo=UTC)


def _user(session: Session, email: str, role: Role = Role.ADMIN) -> int:
    user = User(email=email, password_hash="!", role=role)
    session.add(user)
    session.commit()
    assert user.id is not None
    return user.id


def _entry(
    session: Session,
    action: str,
    when: datetime,
    *,
    actor: int | None = None,
    filing: int | None = None,
    detail: dict[str, object] | None = None,
    ip: str | None = None,
) -> AuditLog:
    entry = AuditLog(
        actor_user_id=actor,
        action=action,
        entity="correspondence" if filing else "user",
        entity_id=str(filing or actor or 0),
        correspondence_id=filing,
        detail=detail or {},
        ip_address=ip,
        created_at=when,
    )
    session.add(entry)
    session.commit()
    return entry


def _ids(session: Session, **filters: object) -> list[int]:
    page = audit_page(session, AuditFilters(**filters))  # type: ignore[arg-type]
    return [int(row.id) for row in page.rows]


@pytest.fixture
def filed(session: Session, seeded: None, tmp_path: Path) -> Correspondence:
    """A real submit: its own "filing.register" row is in the log."""
    sender = sender_without_password(session)
    assert sender.id is not None
    store = FileStore(tmp_path / "files")
    stage_bytes(session, store, sender.id, pdf_bytes(3), "carta.pdf")
    result = submit_filing(
        session=session,
        user_id=sender.id,
        form=filing_form(session),
        submission_key="k1",
        store=store,
        now=datetime(2026, 11, 20, 15, 0, tzinfo=UTC),
    )
    session.commit()
    return session.exec(
        select(Correspondence).where(Correspondence.id == result.correspondence_id)
    ).one()


def test_rows_show_who_what_when_and_where(session: Session, filed: Correspondence) -> None:
    ana = _user(session, "ana.rojas@petroperu.com.pe")
    entry = _entry(
        session,
        "filing.route",
        LATE_MONDAY_LIMA,
        actor=ana,
        filing=filed.id,
        detail={"to": "OP-LEG", "nota": "Revisión legal"},
        ip="10.0.0.7",
    )
    _entry(session, "upload.expire", LATE_MONDAY_LIMA - timedelta(minutes=1))

    # The seed and the submit wrote their rows just now: these two are older.
    page = audit_page(session, AuditFilters(until=LATE_MONDAY_LIMA.date()))
    top, system = page.rows
    assert top == AuditRow(
        id=str(entry.id),
        when="09/03/2026 23:30",
        user="ana.rojas@petroperu.com.pe",
        action="Correspondencia derivada",
        entity=f"Correspondencia {filed.id}",
        tracking=filed.tracking_number,
        sentence=f"ana.rojas@petroperu.com.pe derivó {filed.tracking_number}",
        detail="nota: Revisión legal · to: OP-LEG",
        ip="10.0.0.7",
    )
    assert system.user == "Sistema"
    assert system.action == "Archivo temporal vencido"
    assert system.tracking == ""
    assert system.sentence == "Sistema eliminó archivos temporales vencidos"
    # The submit's own row, written by the real service, is found by its number.
    register = audit_page(session, AuditFilters(tracking_number=filed.tracking_number)).rows
    assert [r.action for r in register] == [
        "Registro de correspondencia",
        "Correspondencia derivada",
    ]


def test_each_filter_and_their_combination(session: Session, filed: Correspondence) -> None:
    ana = _user(session, "ana.rojas@petroperu.com.pe")
    luis = _user(session, "luis_100%@petroperu.com.pe", Role.DEPARTMENT)
    register = session.exec(select(AuditLog).where(AuditLog.action == "filing.register")).one()
    t0 = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    a1 = _entry(session, "auth.login", t0, actor=ana).id
    a2 = _entry(session, "filing.take", t0 + timedelta(days=1), actor=ana, filing=filed.id).id
    l1 = _entry(session, "auth.login", t0 + timedelta(days=2), actor=luis).id
    l2 = _entry(session, "filing.attend", LATE_MONDAY_LIMA, actor=luis, filing=filed.id).id

    assert _ids(session, user="ana.rojas") == [a2, a1]
    assert _ids(session, user="petroperu.com.pe") == [l2, l1, a2, a1]
    assert _ids(session, user="ANA.Rojas") == [a2, a1]  # emails are stored lower-cased
    # LIKE wildcards typed by the user are plain characters.
    assert _ids(session, user="100%") == [l2, l1]
    assert _ids(session, user="_100") == [l2, l1]
    assert _ids(session, user="%") == [l2, l1]
    assert _ids(session, action="auth.login") == [l1, a1]
    assert _ids(session, action="nothing.here") == []
    # Lima calendar days: the 23:30 entry of Monday 9 belongs to the 9th, not the 10th.
    monday = LATE_MONDAY_LIMA.date() - timedelta(days=1)
    assert _ids(session, since=monday, until=monday) == [l2]
    tuesday = monday + timedelta(days=1)
    assert _ids(session, since=tuesday, until=tuesday) == []
    assert _ids(session, until=t0.date()) == [a1]  # the seed and submit rows are newer
    assert _ids(session, tracking_number=filed.tracking_number) == [register.id, l2, a2]
    assert _ids(session, tracking_number=filed.tracking_number[:-1]) == []  # exact only
    assert _ids(session, user="luis", tracking_number=filed.tracking_number) == [l2]
    assert _ids(session, user="ana", action="filing.take", since=t0.date(), until=monday) == [a2]
    assert _ids(session, user="ana", action="filing.attend") == []


def test_url_values_reach_the_query(session: Session, filed: Correspondence) -> None:
    """What the page does: parse the URL, then query; lower/upper case typed freely."""
    parsed = parse_filters({"tramite": filed.tracking_number.lower(), "accion": "filing.register"})
    page = audit_page(session, parsed.filters)
    assert [r.tracking for r in page.rows] == [filed.tracking_number]


def test_action_choices_are_the_actions_present(session: Session, filed: Correspondence) -> None:
    _entry(session, "calendar.holiday.add", LATE_MONDAY_LIMA)
    options = dict(action_options(session))
    assert options["filing.register"] == "Registro de correspondencia"
    assert options["catalog.seed"] == "Carga inicial de catálogos"
    assert options["calendar.holiday.add"] == "Alta de feriado"
    assert "filing.attend" not in options
    labels = [label.lower() for _, label in action_options(session)]
    assert labels == sorted(labels)


def _bulk(session: Session, n: int, start: datetime, action: str = "auth.login") -> None:
    rows = [
        {
            "action": action,
            "entity": "user",
            "entity_id": str(i),
            "detail": {"n": i},
            "created_at": start + timedelta(seconds=i),
        }
        for i in range(n)
    ]
    session.execute(sa.insert(AuditLog), rows)
    session.commit()


def test_pages_are_newest_first_and_bounded(session: Session) -> None:
    start = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    _bulk(session, 2 * PAGE_SIZE + 20, start)

    first = audit_page(session, AuditFilters(page=1))
    assert (first.total, first.pages, first.page, first.has_next) == (120, 3, 1, True)
    assert first.total_text == "120 registros" and first.pages_text == "Página 1 de 3"
    assert len(first.rows) == PAGE_SIZE
    assert first.rows[0].detail == "n: 119"
    second = audit_page(session, AuditFilters(page=2))
    last = audit_page(session, AuditFilters(page=3))
    assert len(second.rows) == PAGE_SIZE and second.has_next
    assert len(last.rows) == 20 and not last.has_next
    seen = [r.id for p in (first, second, last) for r in p.rows]
    assert len(set(seen)) == 120
    assert last.rows[-1].detail == "n: 0"
    # A page past the end shows the last one instead of an empty table.
    beyond = audit_page(session, AuditFilters(page=99))
    assert beyond.page == 3 and beyond.rows == last.rows
    empty = audit_page(session, AuditFilters(action="filing.route"))
    assert (empty.total, empty.pages, empty.rows, empty.has_next) == (0, 1, [], False)


def test_exactly_one_page(session: Session) -> None:
    _bulk(session, PAGE_SIZE, datetime(2026, 3, 2, 15, 0, tzinfo=UTC), "filing.take")
    page = audit_page(session, AuditFilters(action="filing.take"))
    assert (page.total, page.pages, len(page.rows), page.has_next) == (50, 1, 50, False)


def test_count_stops_past_ten_thousand(session: Session) -> None:
    start = datetime(2026, 3, 2, 15, 0, tzinfo=UTC)
    _bulk(session, COUNT_CAP + 2, start)

    assert count_matching(session, AuditFilters()) == COUNT_CAP + 1
    page = audit_page(session, AuditFilters())
    assert page.capped and page.total_text == "más de 10 000 registros"
    assert page.pages_text == "Página 1 de más de 200"
    # Paging goes on past the counted ones while rows remain.
    tail = audit_page(session, AuditFilters(page=201))
    assert tail.page == 201 and not tail.has_next
    assert [r.detail for r in tail.rows] == ["n: 1", "n: 0"]
    before = audit_page(session, AuditFilters(page=200))
    assert before.has_next and len(before.rows) == PAGE_SIZE
    # Below the cap the count is exact.
    narrow = AuditFilters(until=start.date(), since=start.date(), user="nobody")
    assert count_matching(session, narrow) == 0


def test_rows_read_as_sentences_with_plain_details(session: Session, filed: Correspondence) -> None:
    """The real services' rows: a name or an e-mail, a verb, the number, the status change."""
    destination = session.get(Department, filed.department_id)
    assert destination is not None
    clerk = staff_user(session, Role.DEPARTMENT, destination.code)
    workflow.take(
        session=session,
        actor_id=clerk.id,
        tracking_number=filed.tracking_number,
        expected_version=filed.version,
    )
    session.commit()
    rows = audit_page(session, AuditFilters(tracking_number=filed.tracking_number)).rows
    taken, registered = rows
    assert taken.sentence == f"{clerk.email} tomó {filed.tracking_number}: Registrada → En proceso"
    assert taken.detail.startswith(f"Dependencia: {destination.name} — ")
    assert "{" not in taken.detail and "in_progress" not in taken.detail
    assert registered.sentence == f"Rosa Prueba 0 registró {filed.tracking_number}"
    assert registered.detail == f"Dependencia: {destination.code} · Archivos: 1"
