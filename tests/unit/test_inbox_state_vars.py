"""The search states hold typed rows: components read fields that the type checker and Reflex
both know, instead of string keys into a dict."""

from __future__ import annotations

from mpv_app.selectors.consulta import FilingRow
from mpv_app.state.inboxes import DepartmentInboxState, ReceptionInboxState
from mpv_app.state.my_filings import MyFilingsState


def test_every_search_state_holds_filing_rows() -> None:
    for state in (ReceptionInboxState, DepartmentInboxState, MyFilingsState):
        assert state.rows._var_type == list[FilingRow], state  # type: ignore[attr-defined]
        # A field read compiles to a property access on the row, not a missing key.
        assert '["waiting_text"]' in str(state.rows[0].waiting_text)  # type: ignore[attr-defined]
