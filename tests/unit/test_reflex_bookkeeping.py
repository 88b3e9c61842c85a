"""A tab's state tree keeps Reflex's per-state bookkeeping only where needed (issue 16).

Reflex gives every state of every tab two sets (dirty vars, dirty substates), 216 bytes each
even when empty, and each hydrate made them for all 32 states and copied every field's default
into every state's ``__dict__``. ``mpv_app.reflex_bookkeeping`` makes the sets on use and
leaves immutable defaults with the field. Checked here on the app's real state tree: what a
page load and a handler's changes send is what they sent before, a clean tree holds no set,
and mutable defaults stay each tab's own. How much it saves is measured in child
interpreters, one with and one without it, on the same tree.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
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


def test_a_plain_default_stays_the_fields_until_a_value_is_assigned() -> None:
    root = _tree()
    root.dict()
    site = _substate(root, SiteState)
    assert "office_hours" not in vars(site)
    default = site.office_hours  # type: ignore[attr-defined]
    assert default and "office_hours" not in vars(site)
    site.office_hours = default + " (feriado)"  # type: ignore[attr-defined]
    assert vars(site)["office_hours"] == default + " (feriado)"
    site.reset()
    assert site.office_hours == default  # type: ignore[attr-defined]


def test_a_mutable_default_is_each_tabs_own() -> None:
    first, second = _tree(), _tree()
    _substate(first, MyFilingsState).type_options.append(("1", "Carta"))  # type: ignore[attr-defined]
    assert _substate(second, MyFilingsState).type_options == []  # type: ignore[attr-defined]
    assert "type_options" in vars(_substate(first, MyFilingsState))


def test_a_pickled_state_keeps_its_defaults_and_its_values() -> None:
    """The Redis state manager pickles each state: unread defaults must travel too."""
    site = _substate(_tree(), SiteState)
    auth = _substate(_tree(), AuthState)
    auth.user_role = "remitente"  # type: ignore[attr-defined]
    site_again, auth_again = pickle.loads(pickle.dumps(site)), pickle.loads(pickle.dumps(auth))
    assert site_again.office_hours == site.office_hours  # type: ignore[attr-defined]
    assert auth_again.user_role == "remitente" and auth_again.user_name == ""  # type: ignore[attr-defined]
    assert not holds_a_set(site_again, "dirty_vars")


def test_a_reflex_whose_field_reads_differ_is_left_alone(caplog: pytest.LogCaptureFixture) -> None:
    """Once installed, ``Field.__get__`` is ours, so its source no longer matches Reflex's."""
    from reflex_base.vars.base import Field

    ours = Field.__get__
    with caplog.at_level(logging.WARNING):
        assert reflex_bookkeeping._install_defaults() is False
    assert Field.__get__ is ours
    assert "defaults left as Reflex has them" in caplog.text


def test_installing_again_changes_nothing() -> None:
    made = BaseState.__dict__["dirty_vars"]
    assert reflex_bookkeeping.install()
    assert BaseState.__dict__["dirty_vars"] is made


CHILD = """
import json, os, sys, tracemalloc
os.environ.setdefault("MPV_SECRET_KEY", "test")
from mpv_app import reflex_bookkeeping
if sys.argv[1] == "off":
    reflex_bookkeeping._installed = (False, False)  # the app's import then leaves Reflex be
import mpv_app.mpv_app  # registers every state of the app, and installs it
from reflex.state import State
assert reflex_bookkeeping.install() is (sys.argv[1] == "on")
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


def test_a_loaded_tree_takes_at_least_two_fifths_less_memory() -> None:
    without, with_it = _bytes_per_tree("off"), _bytes_per_tree("on")
    assert with_it <= without * 3 / 5, (without, with_it)
