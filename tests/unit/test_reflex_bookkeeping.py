"""A tab's state tree makes its bookkeeping sets only while a state is dirty (issue 16).

Reflex gives every state of every tab two sets (dirty vars, dirty substates), 216 bytes each
even when empty, and a hydrate made them for all 32 states. ``mpv_app.reflex_bookkeeping``
makes them on use. Checked here on the app's real state tree: what a page load and a
handler's changes send is what they sent before, and a clean tree holds no set. How much it
saves is measured in child interpreters, one with and one without it, on the same tree.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from reflex.state import BaseState, State

import mpv_app.mpv_app  # noqa: F401  (registers every state of the app, as a tab holds them)
from mpv_app import reflex_bookkeeping
from mpv_app.reflex_bookkeeping import holds_a_set
from mpv_app.state.auth import AuthState
from mpv_app.state.my_filings import MyFilingsState
from mpv_app.state.site import SiteState

SETS = ("dirty_vars", "dirty_substates")


@pytest.fixture(autouse=True)
def _installed() -> None:
    assert reflex_bookkeeping.install()


def _tree() -> State:
    return State(_reflex_internal_init=True)  # type: ignore[call-arg]


def _substate(root: State, state: type[BaseState]) -> BaseState:
    return root.get_substate(state.get_full_name().split(".")[1:])


def _every_state(root: BaseState) -> list[BaseState]:
    return [root, *(s for sub in root.substates.values() for s in _every_state(sub))]


def _holding_sets(root: State) -> list[str]:
    return [
        f"{state.get_name()}.{name}"
        for state in _every_state(root)
        for name in SETS
        if holds_a_set(state, name)
    ]


def test_a_page_load_leaves_no_state_holding_a_set() -> None:
    root = _tree()
    assert len(_every_state(root)) > 20  # the app's whole tree, as each tab holds it
    assert _holding_sets(root) == []
    snapshot = root.dict()  # what a hydrate sends
    root._clean()
    assert _holding_sets(root) == []
    site = snapshot[SiteState.get_full_name()]
    assert site["office_hours_rx_state_"]  # the defaults are all there


def test_a_change_is_sent_once_and_its_sets_go_back() -> None:
    root = _tree()
    site = _substate(root, SiteState)
    site.office_hours = "Lunes a viernes, de 08:00 a 17:00"  # type: ignore[attr-defined]
    assert holds_a_set(site, "dirty_vars") and holds_a_set(root, "dirty_substates")
    delta = root.get_delta()
    assert delta == {
        SiteState.get_full_name(): {"office_hours_rx_state_": "Lunes a viernes, de 08:00 a 17:00"}
    }
    root._clean()
    assert root.get_delta() == {}
    root._clean()  # as Reflex does after each delta it sends
    assert _holding_sets(root) == []


def test_a_list_changed_in_place_is_sent() -> None:
    root = _tree()
    page = _substate(root, MyFilingsState)
    page.type_options.append(("1", "Carta"))  # type: ignore[attr-defined]
    delta = root.get_delta()[MyFilingsState.get_full_name()]
    assert delta["type_options_rx_state_"] == [("1", "Carta")]


def test_a_computed_var_follows_the_var_it_reads() -> None:
    root = _tree()
    root.dict()
    root._clean()
    auth = _substate(root, AuthState)
    auth.user_role = "remitente"  # type: ignore[attr-defined]
    delta = root.get_delta()[AuthState.get_full_name()]
    assert delta["user_role_rx_state_"] == "remitente"
    assert delta["is_authenticated_rx_state_"] is True
    root._clean()
    auth.user_role = ""  # type: ignore[attr-defined]
    assert root.get_delta()[AuthState.get_full_name()]["is_authenticated_rx_state_"] is False


def test_two_tabs_never_share_a_set() -> None:
    first, second = _tree(), _tree()
    _substate(first, SiteState).office_hours = "otro horario"  # type: ignore[attr-defined]
    assert sorted(first.get_delta()) == [SiteState.get_full_name()]
    assert second.get_delta() == {}
    second._clean()
    assert _holding_sets(second) == []


def test_installing_again_changes_nothing() -> None:
    made = BaseState.__dict__["dirty_vars"]
    assert reflex_bookkeeping.install()
    assert BaseState.__dict__["dirty_vars"] is made


CHILD = """
import json, os, sys, tracemalloc
os.environ.setdefault("MPV_SECRET_KEY", "test")
if sys.argv[1] == "on":
    from mpv_app import reflex_bookkeeping
    assert reflex_bookkeeping.install()
import mpv_app.mpv_app  # registers every state of the app
from reflex.state import State
if sys.argv[1] == "off":  # importing the app installed it: take it out again
    from mpv_app.reflex_bookkeeping import _MEMBERS
    from reflex.state import BaseState
    for name, member in _MEMBERS.items():
        setattr(BaseState, name, member)
tracemalloc.start()
before = tracemalloc.take_snapshot()
trees = [State(_reflex_internal_init=True) for _ in range(50)]
for tree in trees:
    tree.dict()
    tree._clean()
after = tracemalloc.take_snapshot()
grown = sum(stat.size_diff for stat in after.compare_to(before, "filename"))
print(json.dumps({"per_tree": grown / len(trees)}))
"""


def _bytes_per_tree(mode: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    return float(json.loads(out.stdout.strip().splitlines()[-1])["per_tree"])


def test_a_loaded_tree_takes_at_least_a_third_less_memory() -> None:
    without, with_it = _bytes_per_tree("off"), _bytes_per_tree("on")
    assert with_it <= without * 2 / 3, (without, with_it)
