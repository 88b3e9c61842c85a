"""How long a filing has been waiting on the office, as a staff inbox shows it.

Only a filing the office holds has a clock: Registrada (waiting to be routed or taken) and En
proceso. An Observada one waits on the sender, and a closed one waits on nobody. Past
``MPV_ATTENTION_BUSINESS_DAYS`` business days a filing is "fuera de plazo", the same rule as
the panel's overdue list (``domain.deadlines``), so the inbox and the panel agree.
"""

from __future__ import annotations

from enum import StrEnum

from mpv_app.domain.enums import Status

__all__ = ["OFFICE_HOLDS", "Waiting", "waiting", "waiting_text"]

OFFICE_HOLDS: tuple[Status, ...] = (Status.REGISTERED, Status.IN_PROGRESS)


class Waiting(StrEnum):
    NOT_WAITING = "not_waiting"  # closed, or waiting on the sender
    ON_TIME = "on_time"
    OVERDUE = "overdue"

    @property
    def label(self) -> str:
        return _LABELS[self]


_LABELS = {
    Waiting.NOT_WAITING: "No pendiente en la oficina",
    Waiting.ON_TIME: "En plazo",
    Waiting.OVERDUE: "Fuera de plazo",
}


def waiting(status: Status, business_days: int, limit: int) -> Waiting:
    """``business_days`` from ``deadlines.business_days_elapsed``; ``limit`` the allowed N."""
    if status not in OFFICE_HOLDS:
        return Waiting.NOT_WAITING
    return Waiting.OVERDUE if business_days > limit else Waiting.ON_TIME


def waiting_text(business_days: int, level: Waiting) -> str:
    """What the cell says: colour never carries the meaning alone."""
    if level is Waiting.NOT_WAITING:
        return "—"
    if level is Waiting.OVERDUE:
        return f"{business_days} · fuera de plazo"
    return str(business_days)
