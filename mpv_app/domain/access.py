"""Who may see a filing and who may act on it: one table for pages, handlers and API routes.

Kept pure so the authorization matrix can be tested without a browser and the same answer is
given whichever door a request comes through.
"""

from __future__ import annotations

from mpv_app.domain.enums import EventAction, Role, Status

__all__ = ["STAFF_ROLES", "can_act", "can_view"]

STAFF_ROLES: frozenset[Role] = frozenset({Role.RECEPTION, Role.DEPARTMENT, Role.ADMIN})

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
