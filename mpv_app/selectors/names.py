"""How a sender is named everywhere: pages, e-mails, exports."""

from __future__ import annotations

from mpv_app.domain.enums import SenderKind
from mpv_app.models import Sender


def display_name(sender: Sender) -> str:
    if sender.kind is SenderKind.NATURAL_PERSON:
        return f"{sender.first_names} {sender.last_names}".strip()
    return sender.business_name or ""
