"""A form's answer given before its page's on_load is kept by that on_load.

A form page's on_load clears the answer a tab may still hold from an earlier visit (an error,
a notice). On a first load, though, Reflex runs the on_load after the events already waiting
for the tab: a press of the submit as soon as the page shows is answered first, and the
on_load that follows would clear that answer. Until the page's load has ended the server's
``is_hydrated`` is false, so a submit can tell it came early; the connection it came on
(``router.session.session_id``) tells the on_load that the answer is this page view's and not
a stale one. So the submit can be pressed as soon as the page shows.
"""

from __future__ import annotations

import reflex as rx


class FormAnswerMixin(rx.State, mixin=True):
    _early_answer_on: str = ""  # the connection whose submit came before this page's load
    _loaded_on: str = ""  # the connection on which this page's load last ran

    def _answering(self) -> None:
        """A submit calls this before it answers."""
        connection = self.router.session.session_id
        if not self.is_hydrated and connection and self._loaded_on != connection:
            self._early_answer_on = connection

    def _keeps_answer(self) -> bool:
        """The on_load asks this before clearing: true when the answer is this view's."""
        connection = self.router.session.session_id
        keep = bool(connection) and self._early_answer_on == connection
        self._early_answer_on, self._loaded_on = "", connection
        return keep
