"""Who may see a filing and who may act on it: one table for pages, handlers and API routes.

Kept pure so the authorization matrix can be tested without a browser and the same answer is
given whichever door a request comes through.
"""

from __future__ import annotations

from enum import StrEnum

from mpv_app.domain.enums import EventAction, Role, Status

__all__ = ["STAFF_ROLES", "Access", "can_act", "can_view", "page_verdict"]

STAFF_ROLES: frozenset[Role] = frozenset({Role.RECEPTION, Role.DEPARTMENT, Role.ADMIN})


class Access(StrEnum):
    """A gated page's verdict: what it shows while and after the server checks the session."""

    CHECKING = "checking"  # not answered yet: a spinner
    OK = "ok"  # the page's content
    LOGIN = "login"  # no valid session: off to the login page, back here afterwards
    FORBIDDEN = "forbidden"  # signed in with another role: 403, nothing loaded

    @property
    def label(self) -> str:
        return ACCESS_LABELS[self]


ACCESS_LABELS: dict[Access, str] = {
    Access.CHECKING: "Verificando su sesión…",
    Access.OK: "Acceso permitido",
    Access.LOGIN: "Inicie sesión para continuar.",
    Access.FORBIDDEN: "403 — Acceso denegado",
}


def page_verdict(role: Role | None, allowed: tuple[Role, ...]) -> Access:
    """``role`` None: nobody signed in. ``allowed`` empty: any signed-in account."""
    if role is None:
        return Access.LOGIN
    if allowed and role not in allowed:
        return Access.FORBIDDEN
    return Access.OK


# Reception triages new filings only: it routes, observes or rejects what is still REGISTERED.
# A department works what was routed to it (and may observe it while it is REGISTERED there).
# Administrators manage the desk but do not decide filings. The sender's own CURE is decided
# by ownership in ``services.observation``, not here: this table is about staff.
_ACTIONS: dict[Role, frozenset[EventAction]] = {
    Role.RECEPTION: frozenset({EventAction.ROUTE, EventAction.REJECT, EventAction.OBSERVE}),
    Role.DEPARTMENT: frozenset(
        {
            EventAction.TAKE,
            EventAction.ATTEND,
            EventAction.REJECT,
            EventAction.ROUTE,
            EventAction.OBSERVE,
        }
    ),
}


def can_view(
    *,
    role: Role,
    is_owner: bool,
    viewer_department_id: int | None,
    filing_department_id: int,
) -> bool:
    """Senders see their own; a department what is routed to it now; reception and admin all."""
    if role is Role.SENDER:
        return is_owner
    if role is Role.DEPARTMENT:
        return viewer_department_id is not None and viewer_department_id == filing_department_id
    return role in (Role.RECEPTION, Role.ADMIN)


def can_act(
    *,
    role: Role,
    action: EventAction,
    status: Status,
    viewer_department_id: int | None,
    filing_department_id: int,
) -> bool:
    """May this staff member take ``action`` on a filing they look at? (The status machine
    still decides whether the transition exists; this only says whether it is theirs to make.)"""
    if action not in _ACTIONS.get(role, frozenset()):
        return False
    if role is Role.RECEPTION:
        return status is Status.REGISTERED
    return viewer_department_id is not None and viewer_department_id == filing_department_id
