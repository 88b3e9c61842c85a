"""The staff inboxes as scopes: one definition for the pages and for their exports."""

from __future__ import annotations

from enum import StrEnum

from mpv_app.domain.enums import Role, Status
from mpv_app.selectors.consulta import Scope


class Inbox(StrEnum):
    RECEPTION = "bandeja"
    DEPARTMENT = "dependencia"

    @property
    def role(self) -> Role:
        return Role.RECEPTION if self is Inbox.RECEPTION else Role.DEPARTMENT

    @property
    def label(self) -> str:
        return "Trámite Documentario" if self is Inbox.RECEPTION else "Dependencia"


def inbox_scope(inbox: Inbox, department_id: int | None) -> Scope:
    """``department_id`` is the viewer's own (from the session, never from a request)."""
    if inbox is Inbox.RECEPTION:
        # Observada stays in view: it waits on the sender, and comes back here when fixed.
        return Scope(statuses=(Status.REGISTERED, Status.OBSERVED), attention_first=True)
    # A department account without a department sees nothing rather than everything.
    return Scope(department_id=department_id or -1, attention_first=True)
