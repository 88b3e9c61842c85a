"""How a sender is named everywhere: pages, e-mails, exports."""

from __future__ import annotations

from mpv_app.domain.enums import SenderKind
from mpv_app.models import Sender


def display_name(sender: Sender) -> str:
    return name_of(sender.kind, sender.first_names, sender.last_names, sender.business_name)


def name_of(
    kind: SenderKind, first_names: str | None, last_names: str | None, business_name: str | None
) -> str:
    """``display_name`` from the columns, for a query that selects them without the row."""
    if kind is SenderKind.NATURAL_PERSON:
        return f"{first_names} {last_names}".strip()
    return business_name or ""
