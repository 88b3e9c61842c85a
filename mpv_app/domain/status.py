"""The status machine of a correspondence.

Kept pure so the service layer can ask "may this happen?" before touching the database, and so
the same rules back the UI (which buttons to show) and the server (which requests to refuse).
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from mpv_app.domain.enums import EventAction, Status

__all__ = [
    "ALREADY_OBSERVED",
    "OBSERVATIONS_REQUIRED",
    "REASON_REQUIRED",
    "TransitionError",
    "allowed_actions",
    "apply",
    "is_final",
]


class TransitionError(ValueError):
    """Refused transition; `message` is safe to show to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


# ROUTE maps a status onto itself: routing changes the department, never the status, but it is
# only meaningful while the correspondence is still open.
_TRANSITIONS: Mapping[tuple[Status, EventAction], Status] = MappingProxyType(
    {
        (Status.REGISTERED, EventAction.TAKE): Status.IN_PROGRESS,
        (Status.REGISTERED, EventAction.REJECT): Status.REJECTED,
        (Status.REGISTERED, EventAction.ROUTE): Status.REGISTERED,
        (Status.IN_PROGRESS, EventAction.ATTEND): Status.ATTENDED,
        (Status.IN_PROGRESS, EventAction.REJECT): Status.REJECTED,
        (Status.IN_PROGRESS, EventAction.ROUTE): Status.IN_PROGRESS,
        # TUO Ley 27444 art. 136: observed once, fixed within the deadline (back to REGISTERED
        # with its number and reception date), or treated as not presented.
        (Status.REGISTERED, EventAction.OBSERVE): Status.OBSERVED,
        (Status.OBSERVED, EventAction.CURE): Status.REGISTERED,
        (Status.OBSERVED, EventAction.EXPIRE): Status.NOT_PRESENTED,
    }
)

# Infinitive verbs for the refusal messages, so each one reads naturally in Spanish.
_VERBS: Mapping[EventAction, str] = MappingProxyType(
    {
        EventAction.REGISTER: "registrar",
        EventAction.TAKE: "tomar",
        EventAction.ATTEND: "atender",
        EventAction.REJECT: "rechazar",
        EventAction.ROUTE: "derivar",
        EventAction.OBSERVE: "observar",
        EventAction.CURE: "subsanar",
        EventAction.EXPIRE: "dar por no presentada",
    }
)

_FINAL: frozenset[Status] = frozenset({Status.ATTENDED, Status.REJECTED, Status.NOT_PRESENTED})

ALREADY_OBSERVED = (
    "Esta correspondencia ya fue observada una vez. Todas las observaciones se formulan en un "
    "solo acto: ya no puede observarse de nuevo."
)
OBSERVATIONS_REQUIRED = "Escriba todas las observaciones en un solo texto."
REASON_REQUIRED = "Indique el motivo del rechazo."


def apply(
    current: Status,
    action: EventAction,
    *,
    note: str | None = None,
    observed_before: bool = False,
) -> Status:
    """Return the status after `action`, refusing anything the rules do not allow.

    The state is checked before the reason so that a request on a closed correspondence is told
    why it is closed rather than asked for a reason it could never use.
    """
    if action is EventAction.REGISTER:
        # REGISTER has no from-state: it is the event that creates the correspondence.
        raise TransitionError(
            "Una correspondencia solo se registra una vez, al presentarla; "
            f"esta ya está en estado {current.label}."
        )
    new_status = _TRANSITIONS.get((current, action))
    if new_status is None:
        raise TransitionError(
            f"No se puede {_VERBS[action]} una correspondencia en estado {current.label}."
        )
    if action is EventAction.REJECT and not (note or "").strip():
        # The sender is told why their filing was rejected, so an empty reason is useless.
        raise TransitionError(REASON_REQUIRED)
    if action is EventAction.OBSERVE:
        if observed_before:
            raise TransitionError(ALREADY_OBSERVED)
        if not (note or "").strip():
            raise TransitionError(OBSERVATIONS_REQUIRED)
    return new_status


def allowed_actions(current: Status, *, observed_before: bool = False) -> frozenset[EventAction]:
    """Actions a staff member may take now; REJECT still needs a reason when applied, and
    OBSERVE is gone once the filing was observed (it is observed only once)."""
    return frozenset(
        action
        for (status, action) in _TRANSITIONS
        if status is current and not (observed_before and action is EventAction.OBSERVE)
    )


def is_final(status: Status) -> bool:
    """Closed correspondences accept no further event, not even routing."""
    return status in _FINAL
