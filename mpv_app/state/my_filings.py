"""Mis trámites: the sender's own filings, searched with the consulta's filters."""

from __future__ import annotations

from typing import ClassVar

import reflex as rx

from mpv_app.domain.enums import Role
from mpv_app.selectors.consulta import Scope
from mpv_app.services.auth import SessionUser
from mpv_app.state.filing_search import FilingSearchMixin


class MyFilingsState(FilingSearchMixin, rx.State):
    _allowed: ClassVar[tuple[Role, ...]] = (Role.SENDER,)

    def _scope(self, user: SessionUser) -> Scope:
        return Scope(sender_user_id=user.user_id, sender_id=user.sender_id)
