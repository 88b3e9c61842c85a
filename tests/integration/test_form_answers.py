"""A form pressed as soon as its page shows keeps its answer through the page's on_load.

On a first load Reflex runs the on_load after the events already waiting for the tab, and the
on_load clears what an earlier visit left: the submit's answer used to vanish, so the submit
waited, disabled, for the load (about 1.3 s on bench/first_page.py's slow phone). The events
run here in the order the event processor gives them, on a real state tree and database: the
connection's hydrate leaves ``is_hydrated`` false, the submit runs, then the load.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any

import pytest
from reflex.istate.data import RouterData
from reflex.state import State

from mpv_app import routes
from mpv_app.services import auth, password_reset
from mpv_app.state.login import LoginState
from mpv_app.state.password import ForgotState, ResetState
from mpv_app.state.register import RegisterState
from tests.integration.navigation import app_engine, substate

__all__ = ["app_engine"]  # a fixture, used by name

FORMS: list[tuple[type, str, str, dict[str, Any], Callable[[Any], Any]]] = [
    (LoginState, "load", routes.LOGIN, {"email": "nadie@example.com", "password": "x"},
     lambda page: page.error),
    (RegisterState, "reset_form", routes.REGISTER, {}, lambda page: page.errors),
    (ForgotState, "load", routes.FORGOT_PASSWORD, {"email": "nadie@example.com"},
     lambda page: page.message),
    (ResetState, "load", routes.RESET_PASSWORD, {"password": "x"},
     lambda page: page.errors or page.link_error),
]  # fmt: skip


def _tab(path: str, connection: str) -> State:
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    root.router = RouterData.from_router_data(
        {"pathname": path, "asPath": path, "query": {"token": "no-es-un-enlace"}, "sid": connection}
    )
    return root


def _connect(root: State, connection: str) -> None:
    """What the (re)connect's hydrate leaves: a new connection, and the page not loaded yet."""
    path = root.router.url.path
    root.router = RouterData.from_router_data(
        {"pathname": path, "asPath": path, "query": {"token": "no-es-un-enlace"}, "sid": connection}
    )
    root.is_hydrated = False


def _run(result: Any) -> None:
    async def drain() -> None:
        if inspect.isasyncgen(result):
            async for _ in result:
                pass
        else:
            await result

    asyncio.run(drain())


@pytest.mark.parametrize(("state", "load", "path", "form", "answer"), FORMS)
def test_an_answer_given_before_the_load_stays_and_a_stale_one_goes(
    app_engine: Any,
    state: type,
    load: str,
    path: str,
    form: dict[str, Any],
    answer: Callable[[Any], Any],
) -> None:
    root = _tab(path, "sid-1")
    page = substate(root, state)
    root.is_hydrated = False  # the hydrate has run; the page's on_load waits behind the press
    _run(page.submit(form))
    given = answer(page)
    assert given, "the submit gave no answer to keep"
    _run(getattr(page, load)())
    root.is_hydrated = True
    assert answer(page) == given, "the page's on_load cleared the answer of this page view"

    root.is_hydrated = False  # the tab comes back to the page later, on the same connection
    _run(getattr(page, load)())
    root.is_hydrated = True
    assert not answer(page), "a stale answer from an earlier visit survived the load"


@pytest.mark.parametrize(("state", "load", "path", "form", "answer"), FORMS)
def test_a_press_after_the_load_leaves_nothing_for_the_next_visit(
    app_engine: Any,
    state: type,
    load: str,
    path: str,
    form: dict[str, Any],
    answer: Callable[[Any], Any],
) -> None:
    """Pressed after the load but before the hydrated flag is set: not an early answer."""
    root = _tab(path, "sid-1")
    page = substate(root, state)
    root.is_hydrated = False
    _run(getattr(page, load)())
    _run(page.submit(form))
    root.is_hydrated = True
    assert answer(page)
    root.is_hydrated = False
    _run(getattr(page, load)())
    assert not answer(page), "the answer was taken for the next visit's"


def test_a_reload_keeps_only_the_new_connection_s_early_answer(app_engine: Any) -> None:
    root = _tab(routes.LOGIN, "sid-1")
    page = substate(root, LoginState)
    root.is_hydrated = False
    _run(page.load())
    root.is_hydrated = True
    _run(page.submit({"email": "nadie@example.com", "password": "x"}))
    assert page.error == auth.BAD_CREDENTIALS
    _connect(root, "sid-2")  # a reload: the tab's state comes back with the old error
    _run(page.load())
    assert page.error == "", "the previous page view's error came back after a reload"
    _connect(root, "sid-3")  # another reload, pressed at once this time
    _run(page.submit({"email": "nadie@example.com", "password": "x"}))
    _run(page.load())
    assert page.error == auth.BAD_CREDENTIALS


def test_no_connection_named_means_no_answer_is_kept(app_engine: Any) -> None:
    """A browser cannot make an answer stick by leaving the connection out."""
    root = _tab(routes.FORGOT_PASSWORD, "")
    page = substate(root, ForgotState)
    root.is_hydrated = False
    _run(page.submit({"email": "nadie@example.com"}))
    assert page.message == password_reset.RESET_REQUESTED
    _run(page.load())
    assert page.message == ""
