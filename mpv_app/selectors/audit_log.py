"""The administrator's audit log: filters read from the URL, one bounded page of rows.

The table grows with every login and upload, so nothing here loads it whole: a page is a
LIMIT/OFFSET over the (created_at, id) order and the total is counted over at most
``COUNT_CAP + 1`` matching ids, shown as "más de 10 000" beyond that.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from urllib.parse import urlencode

import sqlalchemy as sa
from sqlalchemy import func
from sqlmodel import Session, col, select

from mpv_app.domain.audit import AuditAction
from mpv_app.domain.audit_text import SYSTEM, WITHOUT_TARGET, audit_sentence, detail_text
from mpv_app.domain.labels import destination_label
from mpv_app.domain.rows import AuditRow
from mpv_app.domain.timefmt import format_local
from mpv_app.models import AuditLog, Correspondence, Department, ManagementCenter, Sender, User
from mpv_app.selectors.names import display_name
from mpv_app.settings import get_settings

PAGE_SIZE = 50
COUNT_CAP = 10_000
DETAIL_MAX_CHARS = 400
MAX_PAGE = 100_000  # keeps OFFSET a sane integer whatever the URL says

ENTITY_LABELS: dict[str, str] = {
    "user": "Usuario",
    "correspondence": "Correspondencia",
    "staged_upload": "Archivo temporal",
    "export": "Exportación",
    "catalog": "Catálogo",
    "management_center": "Centro de gestión",
    "department": "Dependencia",
    "document_type": "Tipo de correspondencia",
    "holiday": "Feriado",
    "office_hours": "Horario de atención",
}

_ACTION_CODES = frozenset(AuditAction)

# Query-string keys: Spanish, because the address bar is part of the UI.
QUERY_KEYS = ("usuario", "accion", "desde", "hasta", "tramite")


@dataclass(frozen=True)
class AuditFilters:
    user: str = ""  # part of the actor's email
    action: str = ""  # exact action code
    since: date | None = None  # Lima calendar dates, both inclusive
    until: date | None = None
    tracking_number: str = ""  # exact
    page: int = 1

    def query_string(self, page: int | None = None) -> str:
        """The URL query of this search (empty values left out), so it can be bookmarked."""
        values = {
            "usuario": self.user,
            "accion": self.action,
            "desde": self.since.isoformat() if self.since else "",
            "hasta": self.until.isoformat() if self.until else "",
            "tramite": self.tracking_number,
        }
        params = {k: v for k, v in values.items() if v}
        chosen = self.page if page is None else page
        if chosen > 1:
            params["pagina"] = str(chosen)
        return urlencode(params)


@dataclass(frozen=True)
class ParsedFilters:
    filters: AuditFilters
    errors: list[str] = field(default_factory=list)
    # What the form shows: the text as typed, even when it is not a valid date.
    raw: dict[str, str] = field(default_factory=dict)


def _parse_date(text: str, name: str, errors: list[str]) -> date | None:
    if not text:
        return None
    try:
        if "/" in text:
            day, month, year = (int(p) for p in text.split("/"))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError:
        errors.append(f"La fecha «{name}» no es válida: use el formato dd/mm/aaaa.")
        return None


def parse_filters(params: Mapping[str, str]) -> ParsedFilters:
    """Read a search from URL/form values; bad values become Spanish messages, never errors."""
    raw = {k: str(params.get(k, "")).strip() for k in QUERY_KEYS}
    errors: list[str] = []
    since = _parse_date(raw["desde"], "Desde", errors)
    until = _parse_date(raw["hasta"], "Hasta", errors)
    if since and until and since > until:
        errors.append("La fecha «Desde» no puede ser posterior a la fecha «Hasta».")
    action = raw["accion"]
    if action and action not in _ACTION_CODES:
        errors.append("La acción elegida no existe: se muestran todas.")
        action = ""
    try:
        page = min(max(1, int(str(params.get("pagina", "1")) or "1")), MAX_PAGE)
    except ValueError:
        page = 1
    filters = AuditFilters(
        user=raw["usuario"].lower()[:254],
        action=action,
        since=since,
        until=until,
        tracking_number=raw["tramite"].upper()[:20],
        page=page,
    )
    return ParsedFilters(filters, errors, raw)


@dataclass(frozen=True)
class AuditPage:
    rows: list[AuditRow]
    total: int  # capped at COUNT_CAP + 1
    page: int
    pages: int
    has_next: bool

    @property
    def capped(self) -> bool:
        return self.total > COUNT_CAP

    @property
    def total_text(self) -> str:
        if self.capped:
            return "más de 10 000 registros"
        return "1 registro" if self.total == 1 else f"{self.total:,} registros".replace(",", " ")

    @property
    def pages_text(self) -> str:
        last = f"más de {self.pages:,}".replace(",", " ") if self.capped else str(self.pages)
        return f"Página {self.page} de {last}"


def _local_day_start(day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=get_settings().tz).astimezone(UTC)


def _filtered(query: Any, filters: AuditFilters) -> Any:
    if filters.user:
        # Emails are stored lower-cased; LIKE is case-sensitive on PostgreSQL.
        term = filters.user.lower()
        actors = select(col(User.id)).where(col(User.email).contains(term, autoescape=True))
        query = query.where(col(AuditLog.actor_user_id).in_(actors))
    if filters.action:
        if filters.action not in _ACTION_CODES:
            return query.where(sa.false())  # no row can carry a code the enum lacks
        query = query.where(AuditLog.action == AuditAction(filters.action))
    if filters.since:
        query = query.where(col(AuditLog.created_at) >= _local_day_start(filters.since))
    if filters.until:
        end = _local_day_start(filters.until + timedelta(days=1))
        query = query.where(col(AuditLog.created_at) < end)
    if filters.tracking_number:
        filing = select(col(Correspondence.id)).where(
            Correspondence.tracking_number == filters.tracking_number
        )
        query = query.where(col(AuditLog.correspondence_id).in_(filing))
    return query


def count_matching(session: Session, filters: AuditFilters) -> int:
    """How many rows match, counting no further than ``COUNT_CAP + 1``."""
    ids = _filtered(select(col(AuditLog.id)), filters).limit(COUNT_CAP + 1).subquery()
    return int(session.exec(select(func.count()).select_from(ids)).one())


def _clip(text: str) -> str:
    return text if len(text) <= DETAIL_MAX_CHARS else text[: DETAIL_MAX_CHARS - 1] + "…"


def _ids_in(found: Sequence[Any], key: str) -> set[int]:
    ids: set[int] = set()
    for entry, *_ in found:
        value = (entry.detail or {}).get(key)
        for item in value if isinstance(value, list) else [value]:
            if isinstance(item, int):
                ids.add(item)
    return ids


def _names(session: Session, found: Sequence[Any]) -> dict[str, dict[int, str]]:
    """Department, center and account names the page's rows mention, in three queries."""
    department_ids = _ids_in(found, "department_id")
    center_ids = _ids_in(found, "center_id")
    user_ids = {int(e.entity_id) for e, *_ in found if e.entity == "user" and e.entity_id.isdigit()}
    departments = session.exec(
        select(Department.id, Department.name, ManagementCenter.name)
        .join(ManagementCenter, col(ManagementCenter.id) == Department.center_id)
        .where(col(Department.id).in_(department_ids))
    ).all()
    centers = session.exec(
        select(ManagementCenter.id, ManagementCenter.name).where(
            col(ManagementCenter.id).in_(center_ids)
        )
    ).all()
    accounts = session.exec(select(User.id, User.email).where(col(User.id).in_(user_ids))).all()
    return {
        "department": {
            d: destination_label(name, center) for d, name, center in departments if d is not None
        },
        "center": dict(centers),  # type: ignore[arg-type]
        "user": dict(accounts),  # type: ignore[arg-type]
    }


def _target(entry: AuditLog, tracking: str | None, accounts: Mapping[int, str]) -> str:
    if tracking:
        return tracking
    if entry.entity == "user" and entry.entity_id.isdigit():
        return accounts.get(int(entry.entity_id), entry.entity_id)
    if entry.entity == "holiday":
        return date.fromisoformat(entry.entity_id).strftime("%d/%m/%Y")
    return entry.entity_id


def _actor(email: str | None, sender: Sender | None, action: AuditAction, target: str) -> str:
    if sender is not None:
        return display_name(sender) or email or SYSTEM
    if email:
        return email
    # Before anyone signs in (a reset asked for, an e-mail confirmed) the account is the actor.
    return target if action in WITHOUT_TARGET and "@" in target else SYSTEM


def audit_page(session: Session, filters: AuditFilters) -> AuditPage:
    """One page of matching rows, newest first; a page past the end shows the last one."""
    total = count_matching(session, filters)
    pages = max(1, math.ceil(min(total, COUNT_CAP) / PAGE_SIZE))
    page = filters.page if total > COUNT_CAP else min(filters.page, pages)
    query = (
        _filtered(
            select(AuditLog, User.email, Correspondence.tracking_number, Sender)
            .outerjoin(User, col(User.id) == AuditLog.actor_user_id)
            .outerjoin(Sender, col(Sender.user_id) == AuditLog.actor_user_id)
            .outerjoin(Correspondence, col(Correspondence.id) == AuditLog.correspondence_id),
            filters,
        )
        .order_by(col(AuditLog.created_at).desc(), col(AuditLog.id).desc())
        .offset((page - 1) * PAGE_SIZE)
        .limit(PAGE_SIZE + 1)  # one more tells whether a next page exists
    )
    found = session.exec(query).all()
    shown = found[:PAGE_SIZE]
    names = _names(session, shown)
    tz = get_settings().tz
    rows = []
    for entry, email, tracking, sender in shown:
        action = AuditAction(entry.action)
        detail = entry.detail or {}
        target = _target(entry, tracking, names["user"])
        actor = _actor(email, sender, action, target)
        rows.append(
            AuditRow(
                id=str(entry.id),
                when=format_local(entry.created_at, tz),
                user=email or SYSTEM,
                action=action.label,
                entity=f"{ENTITY_LABELS.get(entry.entity, entry.entity)} {entry.entity_id}",
                tracking=tracking or "",
                sentence=audit_sentence(action, actor=actor, target=target, detail=detail),
                detail=_clip(
                    detail_text(
                        detail,
                        department_names=names["department"],
                        center_names=names["center"],
                    )
                ),
                ip=entry.ip_address or "",
            )
        )
    return AuditPage(rows, total, page, pages, has_next=len(found) > PAGE_SIZE)


def action_options(session: Session) -> list[tuple[str, str]]:
    """(code, label) of every action present, by label: the "Acción" choices."""
    codes = session.exec(select(AuditLog.action).distinct()).all()
    actions = [AuditAction(code) for code in codes]
    return sorted(((a.value, a.label) for a in actions), key=lambda o: o[1].lower())
