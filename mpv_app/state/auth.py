"""Who is using this browser tab. The token is only a reference: every check goes to the DB."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TypeVar
from urllib.parse import quote

import reflex as rx
from sqlmodel import Session

from mpv_app import routes
from mpv_app.domain.access import Access, page_verdict
from mpv_app.domain.enums import Role
from mpv_app.services import auth
from mpv_app.services.auth import SessionUser
from mpv_app.settings import get_settings
from mpv_app.state.common import assign_changed, call_service, read_once, read_service

T = TypeVar("T")

HOME_BY_ROLE = {
    Role.SENDER: routes.HOME,
    Role.RECEPTION: routes.RECEPTION_INBOX,
    Role.DEPARTMENT: routes.DEPARTMENT_INBOX,
    Role.ADMIN: routes.ADMIN,
}

# Where "Volver" leads from a filing's detail, and what it says.
LIST_BY_ROLE = {
    Role.SENDER: (routes.MY_FILINGS, "Volver a Mis trámites"),
    Role.RECEPTION: (routes.RECEPTION_INBOX, "Volver a la bandeja"),
    Role.DEPARTMENT: (routes.DEPARTMENT_INBOX, "Volver a la bandeja"),
    Role.ADMIN: (routes.AUDIT_LOG, "Volver a la auditoría"),
}


class AuthState(rx.State):
    session_token: str = rx.LocalStorage("", name="mpv_session", sync=True)
    user_email: str = ""
    user_name: str = ""
    user_role: str = ""
    expires_at_ms: int = 0
    expiry_warning: bool = False
    expired_notice: bool = False

    @rx.var
    def is_authenticated(self) -> bool:
        return self.user_role != ""

    @rx.var
    def home_path(self) -> str:
        return HOME_BY_ROLE[Role(self.user_role)] if self.user_role else routes.HOME

    @rx.var
    def back_path(self) -> str:
        return LIST_BY_ROLE[Role(self.user_role)][0] if self.user_role else routes.HOME

    @rx.var
    def back_label(self) -> str:
        return LIST_BY_ROLE[Role(self.user_role)][1] if self.user_role else "Volver al inicio"

    def _apply(self, user: SessionUser | None) -> None:
        if user is None:
            signed_out = {"user_email": "", "user_name": "", "user_role": ""}
            assign_changed(self, **signed_out, expires_at_ms=0, expiry_warning=False)
            return
        assign_changed(
            self,
            user_email=user.email,
            user_name=user.name,
            user_role=user.role.value,
            expires_at_ms=int(user.expires_at.timestamp() * 1000),
            expiry_warning=False,
        )

    async def _resolve(self, *, touch: bool = True, force: bool = False) -> SessionUser | None:
        """The session behind this tab's token, re-read from the DB; clears a dead token."""
        user = await read_service(auth.resolve_session, token=self.session_token, touch=False)
        return await self._settle(user, touch=touch, force=force)

    async def _settle(
        self, user: SessionUser | None, *, touch: bool = True, force: bool = False
    ) -> SessionUser | None:
        """After a read of the session (``_resolve``'s, or a navigation's shared trip): touch
        it when due (a write, at most once a minute), clear a dead token, show who is in."""
        if user is not None and (force or (touch and auth.touch_due(user))):
            user = await call_service(
                auth.resolve_session, token=self.session_token, touch=touch, force_touch=force
            )
        if user is None and self.session_token:
            self.session_token = ""
            self.expired_notice = self.is_authenticated
        self._apply(user)
        return user

    @rx.event
    async def tick(self, _value: str = "") -> rx.event.EventSpec | None:
        """Periodic, without extending the session: warn before expiry, leave when it ends."""
        if not self.session_token:
            return None
        user = await self._resolve(touch=False)
        if user is None:
            return rx.redirect(routes.LOGIN + "?vencida=1")
        remaining_ms = self.expires_at_ms - int(datetime.now(UTC).timestamp() * 1000)
        warning_ms = get_settings().session_warning_minutes * 60_000
        self.expiry_warning = remaining_ms <= warning_ms
        return None

    @rx.event
    async def keep_alive(self) -> None:
        await self._resolve(force=True)
        self.expiry_warning = False

    @rx.event
    async def logout(self) -> rx.event.EventSpec:
        if self.session_token:
            await call_service(auth.logout, token=self.session_token)
        self.session_token = ""
        self._apply(None)
        return rx.redirect(routes.LOGIN + "?salida=1")


async def resolve_user(
    state: rx.State, *, touch: bool = True, force: bool = False
) -> SessionUser | None:
    """The signed-in user of the tab that sent the event being handled, or None."""
    auth_state = await state.get_state(AuthState)
    return await auth_state._resolve(touch=touch, force=force)


async def require(state: rx.State, *roles: Role) -> tuple[SessionUser | None, Access]:
    """Re-check the session for a handler: returns the user and the page's access verdict
    (``domain.access.page_verdict``); the user only when the verdict is ``Access.OK``."""
    user = await resolve_user(state)
    verdict = page_verdict(user.role if user else None, roles)
    return (user if verdict is Access.OK else None), verdict


async def require_with(
    state: rx.State, own_read: Callable[[Session, SessionUser], T], *roles: Role
) -> tuple[SessionUser | None, T | None]:
    """``require`` and the handler's own read in one worker-thread trip and one snapshot
    (each trip is a thread hand-off and a transaction). ``own_read`` runs only for a user ``roles``
    admit; its result is dropped when the session's role changed while being touched."""
    auth_state = await state.get_state(AuthState)
    token = auth_state.session_token

    def _trip(session: Session) -> tuple[SessionUser | None, T | None]:
        user = auth.resolve_session(session=session, token=token, touch=False)
        if user is None or page_verdict(user.role, roles) is not Access.OK:
            return user, None
        return user, own_read(session, user)

    found, data = await read_once(_trip)
    user = await auth_state._settle(found)
    if user is None or page_verdict(user.role, roles) is not Access.OK:
        return None, None
    return user, (data if found is not None and found.role is user.role else None)


def login_redirect(current_path: str) -> rx.event.EventSpec:
    return rx.redirect(f"{routes.LOGIN}?next={quote(current_path, safe='')}")
