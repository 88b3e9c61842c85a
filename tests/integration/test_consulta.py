"""The consulta selector: scope first, then each filter, sorting, paging and the bounded count."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from sqlmodel import Session, select

from mpv_app import routes
from mpv_app.domain.enums import Role, Status
from mpv_app.domain.text import fold
from mpv_app.models import Correspondence, DocumentType, User
from mpv_app.selectors import consulta, consulta_where
from mpv_app.selectors.consulta import FilingFilters, FilingPage, Scope, search_filings
from tests.factories import department, insert_filing, sender_without_password, staff_user

LIMA = ZoneInfo("America/Lima")
ALL = Scope()
BASE = datetime(2026, 11, 20, 15, 0, tzinfo=UTC)


def lima(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute, tzinfo=LIMA)


def numbers(page: FilingPage) -> list[str]:
    return [row.number for row in page.rows]


def find(session: Session, scope: Scope = ALL, /, **filters: Any) -> list[str]:
    return numbers(search_filings(session, FilingFilters(**filters), scope))


def subjects(session: Session, term: str) -> set[str]:
    page = search_filings(session, FilingFilters(subject=term), ALL)
    return {row.subject for row in page.rows}


@pytest.fixture
def sender(session: Session, seeded: None) -> User:
    return sender_without_password(session, 1)


def test_number_exact_prefix_and_case_insensitive(session: Session, sender: User) -> None:
    made = [insert_filing(session, sender).tracking_number for _ in range(3)]
    session.commit()
    assert made == ["MPV-2026-000001", "MPV-2026-000002", "MPV-2026-000003"]
    assert find(session, number="MPV-2026-000002") == ["MPV-2026-000002"]
    assert find(session, number="mpv-2026-000002") == ["MPV-2026-000002"]
    assert sorted(find(session, number="mpv-2026-00000")) == made
    assert find(session, number="MPV-2025") == []
    assert find(session, number="2026-000002") == []  # a prefix, not "contains"
    assert find(session, number="MPV-2026-00000_") == []  # "_" is literal, not a wildcard
    assert find(session, number="MPV%") == []
    # The correlativo alone, as read off a paper cargo, finds it in any year.
    assert find(session, number="2") == ["MPV-2026-000002"]
    assert find(session, number="000003") == ["MPV-2026-000003"]
    assert sorted(find(session, number="MPV-20")) == made


def test_dates_are_the_local_lima_submission_date(session: Session, sender: User) -> None:
    late = insert_filing(session, sender, submitted_at=lima(20, 23, 30)).tracking_number
    midnight = insert_filing(session, sender, submitted_at=lima(20, 0, 0)).tracking_number
    next_day = insert_filing(session, sender, submitted_at=lima(21, 0, 30)).tracking_number
    day_before = insert_filing(session, sender, submitted_at=lima(19, 23, 59)).tracking_number
    session.commit()
    # 23:30 in Lima on the 20th is already the 21st in UTC: the local date is what counts.
    assert lima(20, 23, 30).astimezone(UTC).date() == date(2026, 11, 21)

    the_20th = {"date_from": date(2026, 11, 20), "date_to": date(2026, 11, 20)}
    assert sorted(find(session, **the_20th)) == sorted([late, midnight])
    assert find(session, date_from=date(2026, 11, 21)) == [next_day]
    assert find(session, date_to=date(2026, 11, 19)) == [day_before]
    assert sorted(find(session, date_from=date(2026, 11, 19), date_to=date(2026, 11, 21))) == (
        sorted([late, midnight, next_day, day_before])
    )
    assert find(session, date_from=date(2026, 11, 22)) == []
    row = search_filings(session, FilingFilters(number=late), ALL).rows[0]
    assert row.submitted == "20/11/2026 23:30"


def test_status_filter(session: Session, sender: User) -> None:
    by_status = {s: insert_filing(session, sender, status=s).tracking_number for s in Status}
    session.commit()
    for status, number in by_status.items():
        page = search_filings(session, FilingFilters(status=status), ALL)
        assert numbers(page) == [number]
        assert page.rows[0].status == status.label
        assert page.rows[0].status_code == status.value


def test_document_type_filter(session: Session, sender: User) -> None:
    carta = insert_filing(session, sender, document_type_code="CARTA").tracking_number
    insert_filing(session, sender, document_type_code="FACTURA")
    session.commit()
    carta_type = session.exec(select(DocumentType).where(DocumentType.code == "CARTA")).one()
    page = search_filings(session, FilingFilters(document_type_id=carta_type.id), ALL)
    assert numbers(page) == [carta]
    assert page.rows[0].type == carta_type.name
    assert find(session, document_type_id=999_999) == []


def test_center_and_department_filters(session: Session, sender: User) -> None:
    reception = insert_filing(session, sender, department_code="OP-TD").tracking_number
    legal = insert_filing(session, sender, department_code="OP-LEG").tracking_number
    talara = insert_filing(session, sender, department_code="RFTL-OPE").tracking_number
    session.commit()
    op, tl = department(session, "OP-TD"), department(session, "RFTL-OPE")
    assert sorted(find(session, center_id=op.center_id)) == sorted([reception, legal])
    assert find(session, center_id=tl.center_id) == [talara]
    assert find(session, department_id=department(session, "OP-LEG").id) == [legal]
    # A department outside the chosen center matches nothing, it is not "either".
    assert find(session, center_id=tl.center_id, department_id=op.id) == []
    row = search_filings(session, FilingFilters(number=talara), ALL).rows[0]
    assert row.destination == "Jefatura Operaciones Talara — Refinería Talara"
    assert row.href == routes.filing_detail(talara)


def test_subject_is_accent_and_case_insensitive_both_ways(session: Session, sender: User) -> None:
    for subject in (
        "Solicitud de Información pública",
        "Reclamo sobre el ñandú del zoológico",
        "NANDU en mayúsculas sin tilde",
        "Pedido de INFORMACION general",
        "Otro asunto cualquiera",
    ):
        insert_filing(session, sender, subject=subject)
    session.commit()
    informacion = {"Solicitud de Información pública", "Pedido de INFORMACION general"}
    nandu = {"Reclamo sobre el ñandú del zoológico", "NANDU en mayúsculas sin tilde"}
    assert subjects(session, "informacion") == informacion
    assert subjects(session, "INFORMACIÓN") == informacion
    assert subjects(session, "ÑANDÚ") == nandu
    assert subjects(session, "ñandú") == nandu
    assert subjects(session, "nandu") == nandu
    assert subjects(session, "  información   PÚBLICA ") == {"Solicitud de Información pública"}
    assert subjects(session, "zoologico") == {"Reclamo sobre el ñandú del zoológico"}
    assert subjects(session, "inexistente") == set()


def test_short_subject_terms_still_match(session: Session, sender: User) -> None:
    insert_filing(session, sender, subject="Caja XY-7 de repuestos")
    insert_filing(session, sender, subject="Pedido de válvulas")
    insert_filing(session, sender, subject="Acta Ñ")
    insert_filing(session, sender, subject="Canal norte")
    session.commit()
    assert subjects(session, "xy") == {"Caja XY-7 de repuestos"}
    assert subjects(session, "7") == {"Caja XY-7 de repuestos"}
    assert subjects(session, "Ñ") == {"Acta Ñ", "Canal norte"}
    assert subjects(session, "ñ") == subjects(session, "N") == {"Acta Ñ", "Canal norte"}
    assert subjects(session, "va") == {"Pedido de válvulas"}
    assert subjects(session, "zq") == set()


def test_wildcards_and_quotes_in_subject_are_literal(session: Session, sender: User) -> None:
    for subject in (
        "Descuento del 50% anual",
        "Descuento del 500 anual",
        "archivo_final revisado",
        "archivo final revisado",
        'Carta "urgente" del proveedor',
        "Carta urgente del proveedor",
        "Reclamo de O'Brien",
        "Reclamo de OBrien",
        "Ruta C:\\temp\\x",
    ):
        insert_filing(session, sender, subject=subject)
    session.commit()
    assert subjects(session, "50%") == {"Descuento del 50% anual"}
    assert subjects(session, "0% a") == {"Descuento del 50% anual"}
    assert subjects(session, "%") == {"Descuento del 50% anual"}
    assert subjects(session, "_") == {"archivo_final revisado"}
    assert subjects(session, "o_f") == {"archivo_final revisado"}
    assert subjects(session, "archivo_final") == {"archivo_final revisado"}
    assert subjects(session, '"urgente"') == {'Carta "urgente" del proveedor'}
    assert subjects(session, '"') == {'Carta "urgente" del proveedor'}
    assert subjects(session, "o'b") == {"Reclamo de O'Brien"}
    assert subjects(session, "'") == {"Reclamo de O'Brien"}
    assert subjects(session, "c:\\temp") == {"Ruta C:\\temp\\x"}
    assert subjects(session, "\\") == {"Ruta C:\\temp\\x"}
    assert subjects(session, "%%") == set()
    assert subjects(session, "a%l") == set()


def test_filters_combine_with_and(session: Session, sender: User) -> None:
    target = insert_filing(
        session,
        sender,
        subject="Información de facturas",
        status=Status.IN_PROGRESS,
        department_code="OP-FIN",
        submitted_at=lima(18, 10),
    ).tracking_number
    insert_filing(session, sender, subject="Información de facturas", department_code="OP-FIN")
    insert_filing(session, sender, subject="Información de facturas", status=Status.IN_PROGRESS)
    insert_filing(
        session,
        sender,
        subject="Otra cosa",
        status=Status.IN_PROGRESS,
        department_code="OP-FIN",
        submitted_at=lima(18, 11),
    )
    session.commit()
    fin = department(session, "OP-FIN").id
    filters = {"subject": "informacion", "status": Status.IN_PROGRESS, "department_id": fin}
    assert find(session, **filters) == [target]
    assert find(session, **filters, date_from=date(2026, 11, 18), date_to=date(2026, 11, 18)) == [
        target
    ]
    assert find(session, **filters, date_from=date(2026, 11, 19)) == []
    assert find(session, **filters, number=target) == [target]
    assert find(session, **filters, number="MPV-2026-000002") == []


def test_sender_scope_sees_only_own_filings(session: Session, sender: User) -> None:
    other = sender_without_password(session, 2)
    mine = [insert_filing(session, sender, subject="Mi carta").tracking_number for _ in range(2)]
    theirs = insert_filing(session, other, subject="Mi carta").tracking_number
    session.commit()
    assert sorted(find(session, Scope(sender_user_id=sender.id))) == sorted(mine)
    assert find(session, Scope(sender_user_id=other.id)) == [theirs]
    # Filters never widen the scope: searching for the other's number finds nothing.
    assert find(session, Scope(sender_user_id=sender.id), number=theirs) == []
    assert sorted(find(session, Scope(sender_user_id=sender.id), subject="mi carta")) == sorted(
        mine
    )


def test_an_account_without_sender_profile_sees_nothing(session: Session, sender: User) -> None:
    insert_filing(session, sender)
    session.commit()
    clerk = staff_user(session, Role.RECEPTION)
    page = search_filings(session, FilingFilters(), Scope(sender_user_id=clerk.id))
    assert (page.rows, page.total, page.total_is_capped, page.page, page.pages) == (
        [],
        0,
        False,
        1,
        1,
    )
    assert numbers(search_filings(session, FilingFilters(), Scope(sender_user_id=987654))) == []


def test_department_and_status_scopes(session: Session, sender: User) -> None:
    legal_new = insert_filing(session, sender, department_code="OP-LEG").tracking_number
    legal_busy = insert_filing(
        session, sender, department_code="OP-LEG", status=Status.IN_PROGRESS
    ).tracking_number
    finance = insert_filing(session, sender, department_code="OP-FIN").tracking_number
    insert_filing(session, sender, department_code="OP-FIN", status=Status.ATTENDED)
    session.commit()
    legal = department(session, "OP-LEG").id
    assert sorted(find(session, Scope(department_id=legal))) == sorted([legal_new, legal_busy])
    registered = Scope(statuses=(Status.REGISTERED,))
    assert sorted(find(session, registered)) == sorted([legal_new, finance])
    both = Scope(department_id=legal, statuses=(Status.REGISTERED,))
    assert find(session, both) == [legal_new]
    open_ = Scope(statuses=(Status.REGISTERED, Status.IN_PROGRESS))
    assert len(find(session, open_)) == 3
    # A filter outside the scope cannot widen it.
    assert (
        find(session, Scope(department_id=legal), department_id=department(session, "OP-FIN").id)
        == []
    )
    assert find(session, registered, status=Status.ATTENDED) == []


def test_sorting_newest_oldest_and_staff_inbox(session: Session, sender: User) -> None:
    # Submitted order a < b < c, but the legal reception dates run the other way for a and b.
    a = insert_filing(
        session, sender, submitted_at=lima(16, 10), received_on=date(2026, 11, 20)
    ).tracking_number
    b = insert_filing(
        session, sender, submitted_at=lima(17, 10), received_on=date(2026, 11, 17)
    ).tracking_number
    c = insert_filing(
        session, sender, submitted_at=lima(18, 10), received_on=date(2026, 11, 18)
    ).tracking_number
    # Same instant as c: the id breaks the tie, so paging is stable.
    d = insert_filing(
        session, sender, submitted_at=lima(18, 10), received_on=date(2026, 11, 18)
    ).tracking_number
    session.commit()
    assert find(session) == [d, c, b, a]
    assert find(session, newest_first=False) == [a, b, c, d]
    inbox = Scope(attention_first=True)
    # All Registrada: the inbox default is the oldest legal reception date first.
    assert find(session, inbox) == [b, c, d, a]
    # Choosing "oldest first" in an inbox means oldest submitted, as everywhere else.
    assert find(session, inbox, newest_first=False) == [a, b, c, d]
    # ...and "newest first" there means newest submitted, reversing the inbox default.
    assert find(session, inbox, newest_first=True) == [d, c, b, a]


def _many(session: Session, sender: User, count: int) -> list[str]:
    made = [
        insert_filing(session, sender, submitted_at=BASE + timedelta(minutes=i)).tracking_number
        for i in range(count)
    ]
    session.commit()
    return made


def test_no_results_is_one_empty_page(session: Session, sender: User) -> None:
    page = search_filings(session, FilingFilters(), ALL, page=3)
    assert (page.rows, page.total, page.page, page.pages, page.total_is_capped) == (
        [],
        0,
        1,
        1,
        False,
    )


def test_exactly_one_full_page(session: Session, sender: User) -> None:
    made = _many(session, sender, 20)
    page = search_filings(session, FilingFilters(), ALL)
    assert (page.total, page.pages, page.page) == (20, 1, 1)
    assert numbers(page) == made[::-1]
    assert search_filings(session, FilingFilters(), ALL, page=2).page == 1


def test_twenty_one_is_two_pages_and_pages_clamp(session: Session, sender: User) -> None:
    made = _many(session, sender, 21)
    first = search_filings(session, FilingFilters(), ALL, page=1)
    second = search_filings(session, FilingFilters(), ALL, page=2)
    assert (first.total, first.pages, len(first.rows)) == (21, 2, 20)
    assert (second.page, second.pages, numbers(second)) == (2, 2, [made[0]])
    assert set(numbers(first)) | set(numbers(second)) == set(made)
    beyond = search_filings(session, FilingFilters(), ALL, page=99)
    assert (beyond.page, numbers(beyond)) == (2, [made[0]])
    for low in (0, -5):
        assert search_filings(session, FilingFilters(), ALL, page=low).page == 1
    small = search_filings(session, FilingFilters(), ALL, page=3, page_size=10)
    assert (small.pages, small.page, len(small.rows)) == (3, 3, 1)


def test_count_is_capped(session: Session, sender: User, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(consulta, "COUNT_CAP", 5)
    _many(session, sender, 5)
    exact = search_filings(session, FilingFilters(), ALL)
    assert (exact.total, exact.total_is_capped) == (5, False)
    _many(session, sender, 2)
    capped = search_filings(session, FilingFilters(), ALL, page_size=2)
    assert (capped.total, capped.total_is_capped, capped.pages) == (5, True, 3)
    assert len(capped.rows) == 2
    # The cap counts matches of the filters, not the whole table.
    narrow = search_filings(session, FilingFilters(number="MPV-2026-000001"), ALL)
    assert (narrow.total, narrow.total_is_capped) == (1, False)


def test_a_subject_across_every_sender_is_counted_up_to_the_broad_cap(
    session: Session, sender: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(consulta, "BROAD_COUNT_CAP", 3)
    other = sender_without_password(session, 2)
    for i in range(5):
        insert_filing(session, sender if i % 2 else other, subject=f"Válvula número {i}")
    insert_filing(session, sender, subject="Bombas")
    session.commit()
    broad = search_filings(session, FilingFilters(subject="valvula"), ALL, page_size=2)
    assert (broad.total, broad.total_is_capped, broad.pages) == (3, True, 2)
    # A sender's own consulta and searches without a subject keep the exact count.
    own = search_filings(
        session, FilingFilters(subject="valvula"), Scope(sender_user_id=sender.id), page_size=2
    )
    assert (own.total, own.total_is_capped) == (2, False)
    assert search_filings(session, FilingFilters(), ALL).total == 6


def test_common_and_rare_subject_terms_find_the_same_page(
    session: Session, sender: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """SQLite walks the page order for a common term and looks up ids for a rare one."""
    made = [
        insert_filing(
            session,
            sender,
            subject="Bombas" if i == 3 else f"Válvula {i}",
            submitted_at=BASE + timedelta(minutes=i * (-1) ** (i + 1)),  # not in id order
        ).tracking_number
        for i in range(6)
    ]
    session.commit()
    newest_first = [made[i] for i in (5, 1, 0, 2, 4)]  # minutes +5, +1, 0, -2, -4
    rare = search_filings(session, FilingFilters(subject="valvula"), ALL)
    monkeypatch.setattr(consulta_where, "_RARE_TERM_MATCHES", 2)
    common = search_filings(session, FilingFilters(subject="valvula"), ALL)
    assert numbers(rare) == newest_first
    assert numbers(common) == newest_first
    assert find(session, subject="ausente") == []


def test_a_number_prefix_in_a_senders_consulta_finds_only_their_own(
    session: Session, sender: User
) -> None:
    other = sender_without_password(session, 2)
    mine = [insert_filing(session, sender).tracking_number for _ in range(3)]
    theirs = insert_filing(session, other).tracking_number
    session.commit()
    own = Scope(sender_user_id=sender.id)
    assert sorted(find(session, own, number="mpv-2026-00000")) == mine
    assert sorted(find(session, own, number=theirs[:-1])) == [
        n for n in mine if n[:-1] == theirs[:-1]
    ]
    assert find(session, ALL, number=theirs) == [theirs]
    assert find(session, own, number=theirs) == []


def test_subject_search_follows_subject_updates(session: Session, sender: User) -> None:
    filing = insert_filing(session, sender, subject="Pedido de válvulas de bronce")
    keep = insert_filing(session, sender, subject="Pedido de bombas").tracking_number
    session.commit()
    assert subjects(session, "valvulas") == {"Pedido de válvulas de bronce"}

    filing.subject = "Reclamo por tuberías oxidadas"
    filing.subject_folded = fold(filing.subject)
    session.add(filing)
    session.commit()
    assert subjects(session, "valvulas") == set()
    assert subjects(session, "tuberias") == {"Reclamo por tuberías oxidadas"}
    assert find(session, subject="pedido") == [keep]

    # Changing another column leaves the index alone.
    stored = session.get(Correspondence, filing.id)
    assert stored is not None
    stored.status = Status.IN_PROGRESS
    session.add(stored)
    session.commit()
    assert subjects(session, "oxidadas") == {"Reclamo por tuberías oxidadas"}


def test_a_statement_run_again_takes_this_viewers_values(
    session: Session, sender: User, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 16: a consulta's statement is built once per shape (``selectors.shapes``) and run
    again with the next navigation's values: never with the last viewer's sender, department
    or page."""
    other = sender_without_password(session, 2)
    mine = [
        insert_filing(session, sender, submitted_at=BASE + timedelta(minutes=n)) for n in range(5)
    ]
    theirs = insert_filing(session, other, department_code="OP-LEG").tracking_number
    session.commit()
    built: list[object] = []
    monkeypatch.setattr(consulta, "built_once", _recording(consulta.built_once, built))
    newest_first = [f.tracking_number for f in reversed(mine)]
    rounds: list[set[int]] = []
    for _ in range(2):  # the second round reuses every statement the first one built
        built.clear()
        assert find(session, Scope(sender_user_id=sender.id)) == newest_first
        assert find(session, Scope(sender_user_id=other.id)) == [theirs]
        legal = department(session, "OP-LEG").id
        assert find(session, Scope(department_id=legal)) == [theirs]
        assert find(session, Scope(department_id=department(session, "OP-TD").id)) == (newest_first)
        pages = [
            search_filings(
                session, FilingFilters(), Scope(sender_user_id=sender.id), page=n, page_size=2
            )
            for n in (1, 2, 3)
        ]
        assert [numbers(p) for p in pages] == [
            newest_first[:2],
            newest_first[2:4],
            newest_first[4:],
        ]
        assert {p.total for p in pages} == {5}
        rounds.append({id(statement) for statement in built})
    assert rounds[1] == rounds[0], "a shape was built again instead of reused"
    assert len(rounds[0]) < len(built), "no statement was run twice in a round"


def _recording(built_once: Any, seen: list[object]) -> Any:
    def recording(key: Any, build: Any) -> Any:
        statement = built_once(key, build)
        seen.append(statement)
        return statement

    return recording
