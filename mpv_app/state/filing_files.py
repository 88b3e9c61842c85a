"""The "Archivos" section: streamed uploads into private staging, the 20 MB meter, removal.

Upload handlers are background tasks taking ``rx.UploadChunkIterator``; they re-check the
session and hand the chunks to ``services.uploads.accept_upload``, which owns the rest.
"""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from mpv_app.domain.enums import AttachmentKind, Role
from mpv_app.domain.files import format_mb, meter_level, meter_text
from mpv_app.domain.search_filters import positive_int
from mpv_app.models import StagedUpload
from mpv_app.services import uploads
from mpv_app.services.errors import ServiceBusy
from mpv_app.settings import get_settings
from mpv_app.state.auth import AuthState
from mpv_app.state.common import UNAVAILABLE, call_service, read
from mpv_app.storage.files import FileStore

KIND_LABELS = {AttachmentKind.MAIN: "Documento principal", AttachmentKind.ANNEX: "Anexo"}
SESSION_LOST = "Su sesión expiró. Inicie sesión nuevamente para adjuntar archivos."


def file_store() -> FileStore:
    return FileStore(get_settings().storage_dir)


class FilingFilesState(rx.State):
    files: list[dict[str, str]] = []
    total_bytes: int = 0
    in_flight: int = 0
    uploading: str = ""  # "", "main" or "annex"
    progress: int = 0
    messages: list[str] = []

    @rx.var
    def meter(self) -> str:
        return meter_text(self.total_bytes + self.in_flight, get_settings().max_filing_bytes)

    @rx.var
    def meter_percent(self) -> int:
        limit = get_settings().max_filing_bytes
        return min(100, round((self.total_bytes + self.in_flight) * 100 / limit))

    @rx.var
    def meter_level(self) -> str:
        return meter_level(self.total_bytes + self.in_flight, get_settings().max_filing_bytes)

    @rx.var
    def has_main(self) -> bool:
        return any(f["kind"] == AttachmentKind.MAIN.value for f in self.files)

    def _show(self, user_id: int) -> None:
        self._list(read(lambda s: uploads.filing_staged(s, user_id)))

    def _list(self, staged: list[StagedUpload]) -> None:
        self.files = [
            {
                "id": str(u.id),
                "name": u.original_name,
                "size": format_mb(u.size_bytes),
                "kind": u.kind.value,
                "kind_label": KIND_LABELS.get(u.kind, "Anexo"),
                "pages": f"{u.page_count} págs." if u.page_count else "",
            }
            for u in staged
        ]
        self.total_bytes = sum(u.size_bytes for u in staged)

    async def _refresh(self) -> None:
        auth = await self.get_state(AuthState)
        user = await auth.resolve()
        if user is not None:
            self._show(user.user_id)

    @rx.event
    async def load(self) -> None:
        self.messages, self.uploading, self.in_flight = [], "", 0
        await self._refresh()

    @rx.event
    def main_progress(self, progress: dict[str, Any]) -> None:
        self._progress(progress)

    @rx.event
    def annex_progress(self, progress: dict[str, Any]) -> None:
        self._progress(progress)

    def _progress(self, progress: dict[str, Any]) -> None:
        # Progress events can arrive after the handler finished (the server stops reading
        # early at the limit): only an upload in course may move the meter.
        if not self.uploading:
            return
        self.progress = round(float(progress.get("progress", 0)) * 100)
        self.in_flight = int(progress.get("loaded", 0))

    @rx.event
    def client_rejected(self, rejections: list[dict[str, Any]]) -> None:
        limit_mb = get_settings().max_filing_mb
        self.messages = [
            f"No se pudo agregar «{r.get('file', {}).get('path', 'archivo')}»: supera el "
            f"límite de {limit_mb} MB por correspondencia."
            if any(e.get("code") == "file-too-large" for e in r.get("errors", []))
            else f"No se pudo agregar «{r.get('file', {}).get('path', 'archivo')}»: "
            "tipo de archivo no permitido."
            for r in rejections
        ]

    @rx.event(background=True)
    async def upload_main(self, chunks: rx.UploadChunkIterator):  # type: ignore[no-untyped-def]
        await self._receive(chunks, AttachmentKind.MAIN)

    @rx.event(background=True)
    async def upload_annexes(self, chunks: rx.UploadChunkIterator):  # type: ignore[no-untyped-def]
        await self._receive(chunks, AttachmentKind.ANNEX)

    async def _receive(self, chunks: rx.UploadChunkIterator, kind: AttachmentKind) -> None:
        async with self:
            auth = await self.get_state(AuthState)
            user = await auth.resolve()
            if user is None or user.role is not Role.SENDER:
                self.messages = [SESSION_LOST]
                return
            self.uploading, self.progress, self.messages = kind.value, 0, []
        try:
            outcome = await uploads.accept_upload(
                chunks=chunks, user_id=user.user_id, kind=kind, store=file_store()
            )
            messages = list(outcome.messages)
        except UNAVAILABLE:
            messages = [ServiceBusy().message]
        staged = await asyncio.to_thread(read, lambda s: uploads.filing_staged(s, user.user_id))
        async with self:
            self.uploading, self.in_flight, self.progress = "", 0, 0
            self.messages = messages
            self._list(staged)

    @rx.event
    async def remove(self, upload_id: str) -> None:
        auth = await self.get_state(AuthState)
        user = await auth.resolve()
        if user is None:
            self.messages = [SESSION_LOST]
            return
        await call_service(
            uploads.remove_staged,
            user_id=user.user_id,
            upload_id=positive_int(str(upload_id)) or 0,
            store=file_store(),
        )
        self._show(user.user_id)
