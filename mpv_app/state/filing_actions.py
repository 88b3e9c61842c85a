"""Staff actions on the detail page: Tomar, Atender, Rechazar, Derivar.

Each handler re-checks the session, sends the version the page showed, and re-reads the filing
afterwards; a change made meanwhile by someone else is reported, never overwritten.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import reflex as rx
from sqlmodel import Session

from mpv_app.domain.client_refusals import Zone, refusal_messages
from mpv_app.domain.derivation import derivation_choices
from mpv_app.domain.enums import AttachmentKind, EventAction, Role
from mpv_app.domain.rows import StagedRow
from mpv_app.domain.search_filters import positive_int
from mpv_app.models import StagedUpload
from mpv_app.selectors.catalog import department_options
from mpv_app.selectors.filing_detail import Viewer, visible_filing
from mpv_app.services import observation, uploads, workflow
from mpv_app.services.auth import SessionUser
from mpv_app.services.workflow import Changed, StaleFiling
from mpv_app.settings import get_settings
from mpv_app.state.auth import require, require_with, resolve_user
from mpv_app.state.common import form_text, read, read_off_loop
from mpv_app.state.filing_detail import SESSION_LOST, FilingDetailState, decide
from mpv_app.state.filing_files import accept_chunks, file_store, remove_staged, staged_rows
from mpv_app.state.transfers import TransfersMixin, valid_slot

ACTORS = (Role.RECEPTION, Role.DEPARTMENT)  # who acts on a filing (not the administrator)

DONE = {
    EventAction.TAKE: "Tomó la correspondencia: ahora está En proceso.",
    EventAction.ATTEND: "La correspondencia quedó Atendida. Se notificó al remitente.",
    EventAction.REJECT: "La correspondencia fue rechazada. Se notificó el motivo al remitente.",
    EventAction.ROUTE: "La correspondencia fue derivada. Se notificó al remitente.",
    EventAction.OBSERVE: "La correspondencia quedó Observada. Se notificaron al remitente las "
    "observaciones y el plazo para subsanarlas.",
}


class FilingActionsState(TransfersMixin, rx.State):
    dialog: str = ""  # the EventAction whose dialog is open, "" when none
    busy: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    department_options: list[tuple[str, str]] = []
    responses: list[StagedRow] = []
    uploading: bool = False
    progress: int = 0
    upload_messages: list[str] = []

    async def _viewer(self) -> Viewer | None:
        user, _ = await require(self, *ACTORS)
        return Viewer.of(user) if user else None

    async def _show_responses(self, user_id: int) -> None:
        self._list_responses(await read_off_loop(lambda s: uploads.staged_for(s, user_id)))

    def _list_responses(self, staged: list[StagedUpload]) -> None:
        responses = (u for u in staged if u.kind is AttachmentKind.RESPONSE)
        self.responses = staged_rows(responses, with_pages=False)

    @rx.event
    async def open_dialog(self, action: str) -> None:
        known = isinstance(action, str) and action in DONE
        kind = EventAction(action) if known else None  # any other word opens nothing
        self.dialog, self.error, self.field_errors = kind or "", "", {}
        self.department_options, self.upload_messages = [], []
        self._reset_transfers()
        if kind is not EventAction.ATTEND:
            return  # the dialog shows nothing read yet; each choice checks the session itself
        _, staged = await require_with(
            self, lambda s, user: uploads.staged_for(s, user.user_id), *ACTORS
        )
        self._list_responses(staged or [])

    @rx.event
    def close_dialog(self) -> None:
        self.dialog, self.error, self.field_errors = "", "", {}

    @rx.event
    async def choose_center(self, value: str) -> None:
        """The center's active departments, less the one the filing is already in: the
        session, the options and the filing (as this viewer may see it) in one trip."""
        center_id = positive_int(value)
        if center_id is None:
            self.department_options = []
            return
        number = (await self.get_state(FilingDetailState)).number

        def _read(session: Session, user: SessionUser) -> tuple[list[tuple[str, str]], int | None]:
            filing = visible_filing(session, Viewer.of(user), number)
            current = filing.department_id if filing is not None else None
            return department_options(session, center_id), current

        _, found = await require_with(self, _read, *ACTORS)
        self.department_options = derivation_choices(*found) if found is not None else []

    def _close_dialog(self) -> None:
        self.dialog = ""

    async def _run(self, action: EventAction, call: Callable[..., Changed], **kwargs: Any):  # type: ignore[no-untyped-def]
        viewer = await self._viewer()
        if viewer is None:
            self.error = SESSION_LOST
            return
        async for update in decide(
            self,
            call,
            done=DONE[action],
            close=self._close_dialog,
            refresh_on=StaleFiling,  # show what changed meanwhile
            actor_id=viewer.user_id,
            **kwargs,
        ):
            yield update

    @rx.event
    async def take(self):  # type: ignore[no-untyped-def]
        async for update in self._run(EventAction.TAKE, workflow.take):
            yield update

    @rx.event
    async def reject(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        reason = form_text(form_data, "reason")
        async for update in self._run(EventAction.REJECT, workflow.reject, reason=reason):
            yield update

    @rx.event
    async def observe(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        """issue 14: Observar (mesa de partes, or the department holding it)."""
        text = form_text(form_data, "observations")
        async for update in self._run(EventAction.OBSERVE, observation.observe, observations=text):
            yield update

    @rx.event
    async def route(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        department_id = positive_int(form_text(form_data, "department_id"))
        if department_id is None:
            self.field_errors = {"department_id": "Seleccione la dependencia destino."}
            return
        note = form_text(form_data, "note")
        async for update in self._run(
            EventAction.ROUTE, workflow.route, department_id=department_id, note=note
        ):
            yield update

    @rx.event
    async def attend(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        note = form_text(form_data, "note")
        store = file_store()
        async for update in self._run(EventAction.ATTEND, workflow.attend, note=note, store=store):
            yield update

    @rx.event
    def client_rejected(self, rejections: list[str]) -> None:
        limit_mb = get_settings().max_filing_mb
        self.upload_messages = refusal_messages(rejections, Zone.RESPONSE, limit_mb)

    @rx.event(background=True)
    async def upload_response(self, chunks: rx.UploadChunkIterator, slot: str = ""):  # type: ignore[no-untyped-def]
        slot = valid_slot(slot)
        async with self:
            user = await resolve_user(self)
            if user is None or user.role is not Role.DEPARTMENT:
                self.upload_messages = [SESSION_LOST]
                return
            self.uploading, self.progress = True, 0
            if not slot:
                self.upload_messages = []
        kind = AttachmentKind.RESPONSE
        _outcome, messages = await accept_chunks(
            self, slot, chunks=chunks, user_id=user.user_id, kind=kind
        )
        staged = await asyncio.to_thread(read, lambda s: uploads.staged_for(s, user.user_id))
        async with self:
            if not self.transfers:
                self.uploading, self.progress = False, 0
            shown = self.upload_messages
            self.upload_messages = (
                self._joined(kind.value, slot, shown, messages) if slot else messages
            )
            self._list_responses(staged)

    @rx.event
    async def remove_response(self, upload_id: str) -> None:
        viewer = await self._viewer()
        if viewer is None:
            self.upload_messages = [SESSION_LOST]
            return
        await remove_staged(viewer.user_id, upload_id)
        await self._show_responses(viewer.user_id)
