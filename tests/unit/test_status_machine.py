from __future__ import annotations

import itertools

import pytest

from mpv_app.domain.enums import EventAction, Status
from mpv_app.domain.status import (
    ALREADY_OBSERVED,
    OBSERVATIONS_REQUIRED,
    TransitionError,
    allowed_actions,
    apply,
    is_final,
)

ALLOWED: dict[tuple[Status, EventAction], Status] = {
    (Status.REGISTERED, EventAction.TAKE): Status.IN_PROGRESS,
    (Status.REGISTERED, EventAction.REJECT): Status.REJECTED,
    (Status.REGISTERED, EventAction.ROUTE): Status.REGISTERED,
    (Status.IN_PROGRESS, EventAction.ATTEND): Status.ATTENDED,
    (Status.IN_PROGRESS, EventAction.REJECT): Status.REJECTED,
    (Status.IN_PROGRESS, EventAction.ROUTE): Status.IN_PROGRESS,
    (Status.REGISTERED, EventAction.OBSERVE): Status.OBSERVED,
    (Status.OBSERVED, EventAction.CURE): Status.REGISTERED,
    (Status.OBSERVED, EventAction.EXPIRE): Status.NOT_PRESENTED,
}
FORBIDDEN = [pair for pair in itertools.product(Status, EventAction) if pair not in ALLOWED]


def test_tables_cover_every_pair() -> None:
    assert len(ALLOWED) + len(FORBIDDEN) == len(Status) * len(EventAction)


@pytest.mark.parametrize(("current", "action"), list(ALLOWED))
def test_allowed_transition_gives_expected_status(current: Status, action: EventAction) -> None:
    assert apply(current, action, note="Documentación incompleta") is ALLOWED[(current, action)]


@pytest.mark.parametrize(("current", "action"), FORBIDDEN)
def test_forbidden_transition_raises_spanish_message(current: Status, action: EventAction) -> None:
    with pytest.raises(TransitionError) as excinfo:
        apply(current, action, note="motivo")
    assert current.label in excinfo.value.message
    assert str(excinfo.value) == excinfo.value.message
    assert isinstance(excinfo.value, ValueError)


def test_attend_from_registered_message() -> None:
    with pytest.raises(TransitionError) as excinfo:
        apply(Status.REGISTERED, EventAction.ATTEND)
    assert excinfo.value.message == (
        "No se puede atender una correspondencia en estado Registrada."
    )


@pytest.mark.parametrize("current", list(Status))
def test_register_never_transitions(current: Status) -> None:
    with pytest.raises(TransitionError, match="solo se registra una vez"):
        apply(current, EventAction.REGISTER)


@pytest.mark.parametrize("current", [Status.REGISTERED, Status.IN_PROGRESS])
@pytest.mark.parametrize("note", [None, "", "   ", "\t\n"])
def test_reject_requires_non_blank_reason(current: Status, note: str | None) -> None:
    with pytest.raises(TransitionError) as excinfo:
        apply(current, EventAction.REJECT, note=note)
    assert excinfo.value.message == "Indique el motivo del rechazo."


@pytest.mark.parametrize("current", [Status.ATTENDED, Status.REJECTED])
def test_reject_on_closed_reports_state_not_missing_reason(current: Status) -> None:
    with pytest.raises(TransitionError) as excinfo:
        apply(current, EventAction.REJECT)
    assert excinfo.value.message == (
        f"No se puede rechazar una correspondencia en estado {current.label}."
    )


@pytest.mark.parametrize("current", [Status.REGISTERED, Status.IN_PROGRESS])
def test_route_keeps_status(current: Status) -> None:
    assert apply(current, EventAction.ROUTE) is current


def test_note_is_optional_for_non_reject_actions() -> None:
    assert apply(Status.REGISTERED, EventAction.TAKE) is Status.IN_PROGRESS
    assert apply(Status.IN_PROGRESS, EventAction.ATTEND, note="") is Status.ATTENDED


@pytest.mark.parametrize(
    ("current", "expected"),
    [
        (
            Status.REGISTERED,
            frozenset(
                {EventAction.TAKE, EventAction.REJECT, EventAction.ROUTE, EventAction.OBSERVE}
            ),
        ),
        (
            Status.IN_PROGRESS,
            frozenset({EventAction.ATTEND, EventAction.REJECT, EventAction.ROUTE}),
        ),
        (Status.ATTENDED, frozenset()),
        (Status.REJECTED, frozenset()),
        (Status.OBSERVED, frozenset({EventAction.CURE, EventAction.EXPIRE})),
        (Status.NOT_PRESENTED, frozenset()),
    ],
)
def test_allowed_actions(current: Status, expected: frozenset[EventAction]) -> None:
    assert allowed_actions(current) == expected


@pytest.mark.parametrize("current", list(Status))
def test_allowed_actions_agree_with_apply(current: Status) -> None:
    for action in EventAction:
        if action in allowed_actions(current):
            apply(current, action, note="motivo")
        else:
            with pytest.raises(TransitionError):
                apply(current, action, note="motivo")


@pytest.mark.parametrize(
    ("status", "final"),
    [
        (Status.REGISTERED, False),
        (Status.IN_PROGRESS, False),
        (Status.ATTENDED, True),
        (Status.REJECTED, True),
        (Status.OBSERVED, False),
        (Status.NOT_PRESENTED, True),
    ],
)
def test_is_final(status: Status, final: bool) -> None:
    assert is_final(status) is final
    assert (allowed_actions(status) == frozenset()) is final


@pytest.mark.parametrize("note", [None, "", "  \n"])
def test_observe_requires_the_observations(note: str | None) -> None:
    with pytest.raises(TransitionError) as excinfo:
        apply(Status.REGISTERED, EventAction.OBSERVE, note=note)
    assert excinfo.value.message == OBSERVATIONS_REQUIRED


def test_observe_only_once() -> None:
    with pytest.raises(TransitionError) as excinfo:
        apply(Status.REGISTERED, EventAction.OBSERVE, note="Falta firma", observed_before=True)
    assert excinfo.value.message == ALREADY_OBSERVED


@pytest.mark.parametrize("action", [EventAction.TAKE, EventAction.ATTEND, EventAction.ROUTE])
def test_observed_is_not_routed_taken_or_attended(action: EventAction) -> None:
    with pytest.raises(TransitionError, match="Observada"):
        apply(Status.OBSERVED, action)


def test_observe_is_not_offered_twice() -> None:
    assert EventAction.OBSERVE in allowed_actions(Status.REGISTERED)
    assert EventAction.OBSERVE not in allowed_actions(Status.REGISTERED, observed_before=True)
    assert EventAction.ROUTE in allowed_actions(Status.REGISTERED, observed_before=True)
