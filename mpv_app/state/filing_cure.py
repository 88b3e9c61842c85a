"""“Subsanar” on an Observada filing's detail page: the sender's note and files.

Files go through the one upload pipeline (``services.uploads.accept_upload``) as kinds
``CURE_MAIN`` / ``CURE_ANNEX``, staged against the filing ``services.observation.cure_target``
names for this session's user; the filing number comes from the page the server loaded, never
from an argument. Every handler re-checks the session and the remitente role itself.
"""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from mpv_app.domain.client_refusals import Zone, refusal_messages
from mpv_app.domain.enums import AttachmentKind, Role
from mpv_app.domain.rows import StagedRow
from mpv_app.models import StagedUpload
from mpv_app.services import observation, uploads
from mpv_app.services.errors import ServiceError
from mpv_app.settings import get_settings
from mpv_app.state.auth import require
from mpv_app.state.common import call_service, form_text, read, read_off_loop
from mpv_app.state.filing_detail import SESSION_LOST, FilingDetailState, decide
from mpv_app.state.filing_files import accept_chunks, file_store, remove_staged, staged_rows
from mpv_app.state.transfers import TransfersMixin, valid_slot

DONE = (
    "Subsanación registrada: su correspondencia volvió a estado Registrada, con su número y "
    "fecha de recepción. Puede descargar el cargo de la subsanación."
)


class FilingCureState(TransfersMixin, rx.State):
    open: bool = False
    busy: bool = False
    error: str = ""
    field_errors: dict[str, str] = {}
    files: list[StagedRow] = []
    uploading: str = ""  # "", "cure_main" or "cure_annex"
    progress: int = 0
    messages: list[str] = []

    def _list(self, staged: list[StagedUpload]) -> None:
        self.files = staged_rows(staged)

    async def _target(self) -> tuple[int, int] | None:
        """(user id, filing id) of this session's remitente and the page's observed filing."""
        user, _ = await require(self, Role.SENDER)
        if user is None:
            self.error = SESSION_LOST
            return None
        detail = await self.get_state(FilingDetailState)
        try:
            filing_id = await call_service(
                observation.cure_target, user_id=user.user_id, tracking_number=detail.number
            )
        except ServiceError as error:
            self.error = error.message
            return None
        return user.user_id, filing_id

    @rx.event
    async def open_cure(self) -> None:
        self.open, self.error, self.field_errors, self.messages = True, "", {}, []
        self._reset_transfers()
        target = await self._target()
        if target is not None:
            user_id, filing_id = target
            self._list(await read_off_loop(lambda s: uploads.cure_staged(s, user_id, filing_id)))

    @rx.event
    def close_cure(self) -> None:
        self.open, self.error, self.field_errors = False, "", {}

    @rx.event
    def main_rejected(self, rejections: list[str]) -> None:
        self.messages = refusal_messages(rejections, Zone.MAIN, get_settings().max_filing_mb)

    @rx.event
    def annex_rejected(self, rejections: list[str]) -> None:
        self.messages = refusal_messages(rejections, Zone.ANNEX, get_settings().max_filing_mb)

    @rx.event(background=True)
    async def upload_cure_main(self, chunks: rx.UploadChunkIterator, slot: str = ""):  # type: ignore[no-untyped-def]
        await self._receive(chunks, AttachmentKind.CURE_MAIN, slot)

    @rx.event(background=True)
    async def upload_cure_annexes(self, chunks: rx.UploadChunkIterator, slot: str = ""):  # type: ignore[no-untyped-def]
        await self._receive(chunks, AttachmentKind.CURE_ANNEX, slot)

    async def _receive(
        self, chunks: rx.UploadChunkIterator, kind: AttachmentKind, slot: object = ""
    ) -> None:
        """One request: a drop without slot, or one file of a drop sent on its own."""
        slot = valid_slot(slot)
        async with self:
            target = await self._target()
            if target is None:
                self.messages = [self.error]
                return
            self.uploading, self.progress = kind.value, 0
            if not slot:
                self.messages = []
        user_id, filing_id = target
        _outcome, messages = await accept_chunks(
            self, slot, chunks=chunks, user_id=user_id, kind=kind, correspondence_id=filing_id
        )
        staged = await asyncio.to_thread(read, lambda s: uploads.cure_staged(s, user_id, filing_id))
        async with self:
            if not self.transfers:
                self.uploading, self.progress = "", 0
            self.messages = (
                self._joined(kind.value, slot, self.messages, messages) if slot else messages
            )
            self._list(staged)

    @rx.event
    async def remove_file(self, upload_id: str) -> None:
        target = await self._target()
        if target is None:
            return
        user_id, filing_id = target
        await remove_staged(user_id, upload_id)
        self._list(await read_off_loop(lambda s: uploads.cure_staged(s, user_id, filing_id)))

    @rx.event
    async def submit(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        user, _ = await require(self, Role.SENDER)
        if user is None:
            self.error = SESSION_LOST
            return
        async for update in decide(
            self,
            observation.cure,
            done=DONE,
            close=self._closed,
            refresh_on=Exception,  # any refusal: the page shows the filing as it now is
            user_id=user.user_id,
            note=form_text(form_data, "note"),
            store=file_store(),
        ):
            yield update

    def _closed(self) -> None:
        self.open, self.files = False, []
