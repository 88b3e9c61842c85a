"""A navigation sends only what changed (issue 16).

Reflex sends every var a handler set, even to the value it had: each navigation re-sent the
header's user, the footer's hours and every dropdown. ``assign_changed`` sets a var only when
its value differs, checked here on a real state tree and its delta.
"""

from __future__ import annotations

from reflex.state import State

from mpv_app.state.common import assign_changed
from mpv_app.state.filing_search import FilingSearchMixin
from mpv_app.state.my_filings import MyFilingsState
from mpv_app.state.site import SiteState


def _substate(root: State, state: type) -> object:
    return root.get_substate(state.get_full_name().split(".")[1:])  # type: ignore[attr-defined]


def test_the_same_value_is_not_sent_again() -> None:
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    site = _substate(root, SiteState)
    assign_changed(site, office_hours=site.office_hours, reception_note=site.reception_note)  # type: ignore[attr-defined]
    assert root.get_delta() == {}
    assign_changed(site, office_hours="Lunes a viernes, de 08:00 a 17:00")
    (delta,) = root.get_delta().values()
    assert delta == {"office_hours_rx_state_": "Lunes a viernes, de 08:00 a 17:00"}


def test_unchanged_dropdowns_are_not_sent_with_the_rows() -> None:
    assert issubclass(MyFilingsState, FilingSearchMixin)
    root = State(_reflex_internal_init=True)  # type: ignore[call-arg]
    page = _substate(root, MyFilingsState)
    options = [("1", "Carta"), ("2", "Factura")]
    assign_changed(page, type_options=options)
    assert "type_options_rx_state_" in next(iter(root.get_delta().values()))
    root._clean()
    assign_changed(page, type_options=list(options))
    assert root.get_delta() == {}
