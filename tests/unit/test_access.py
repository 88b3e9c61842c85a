"""The visibility and action table shared by pages, handlers and download routes."""

from __future__ import annotations

import itertools

import pytest

from mpv_app.domain.access import STAFF_ROLES, can_act, can_view
from mpv_app.domain.enums import EventAction, Role, Status

DEPT, OTHER = 10, 20


def test_staff_roles_are_everyone_but_the_sender() -> None:
    assert frozenset(Role) - STAFF_ROLES == {Role.SENDER}


@pytest.mark.parametrize(
    ("role", "is_owner", "viewer_department", "expected"),
    [
        (Role.SENDER, True, None, True),
        (Role.SENDER, False, None, False),
        (Role.SENDER, False, DEPT, False),  # a stray department id never opens a filing
        (Role.DEPARTMENT, False, DEPT, True),
        (Role.DEPARTMENT, False, OTHER, False),
        (Role.DEPARTMENT, False, None, False),
        (Role.DEPARTMENT, True, OTHER, False),  # ownership means nothing to staff roles
        (Role.RECEPTION, False, None, True),
        (Role.RECEPTION, False, OTHER, True),
        (Role.ADMIN, False, None, True),
    ],
)
def test_can_view(
    role: Role, is_owner: bool, viewer_department: int | None, expected: bool
) -> None:
    assert (
        can_view(
            role=role,
            is_owner=is_owner,
            viewer_department_id=viewer_department,
            filing_department_id=DEPT,
        )
        is expected
    )


def _act(role: Role, action: EventAction, status: Status, viewer: int | None = DEPT) -> bool:
    return can_act(
        role=role,
        action=action,
        status=status,
        viewer_department_id=viewer,
        filing_department_id=DEPT,
    )


@pytest.mark.parametrize(("action", "status"), itertools.product(EventAction, Status))
def test_senders_and_admins_never_act(action: EventAction, status: Status) -> None:
    assert _act(Role.SENDER, action, status) is False
    assert _act(Role.ADMIN, action, status) is False


@pytest.mark.parametrize(("action", "status"), itertools.product(EventAction, Status))
def test_reception_routes_and_rejects_only_registered(action: EventAction, status: Status) -> None:
    triage = {EventAction.ROUTE, EventAction.REJECT, EventAction.OBSERVE}
    expected = action in triage and status is Status.REGISTERED
    # Reception triages whatever department the filing currently points at.
    assert _act(Role.RECEPTION, action, status, viewer=None) is expected
    assert _act(Role.RECEPTION, action, status, viewer=OTHER) is expected


@pytest.mark.parametrize(
    "action", [EventAction.TAKE, EventAction.ATTEND, EventAction.REJECT, EventAction.ROUTE]
)
def test_department_acts_only_on_its_own_filings(action: EventAction) -> None:
    assert _act(Role.DEPARTMENT, action, Status.IN_PROGRESS) is True
    assert _act(Role.DEPARTMENT, action, Status.IN_PROGRESS, viewer=OTHER) is False
    assert _act(Role.DEPARTMENT, action, Status.IN_PROGRESS, viewer=None) is False


def test_department_never_registers() -> None:
    assert _act(Role.DEPARTMENT, EventAction.REGISTER, Status.REGISTERED) is False


def test_department_observes_only_what_it_holds() -> None:
    assert _act(Role.DEPARTMENT, EventAction.OBSERVE, Status.REGISTERED) is True
    assert _act(Role.DEPARTMENT, EventAction.OBSERVE, Status.REGISTERED, viewer=OTHER) is False


@pytest.mark.parametrize("role", list(Role))
def test_cure_and_expire_are_nobody_staff_action(role: Role) -> None:
    for action in (EventAction.CURE, EventAction.EXPIRE):
        assert _act(role, action, Status.OBSERVED) is False


def test_page_verdicts() -> None:
    from mpv_app.domain.access import Access, page_verdict

    assert page_verdict(None, ()) is Access.LOGIN
    assert page_verdict(None, (Role.ADMIN,)) is Access.LOGIN
    assert page_verdict(Role.SENDER, ()) is Access.OK  # any signed-in account
    assert page_verdict(Role.SENDER, (Role.ADMIN,)) is Access.FORBIDDEN
    assert page_verdict(Role.ADMIN, (Role.RECEPTION, Role.ADMIN)) is Access.OK
    assert Access.FORBIDDEN.label == "403 — Acceso denegado"
