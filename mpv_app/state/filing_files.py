"""The "Archivos" section: streamed uploads into private staging, the 20 MB meter, removal.

Upload handlers are background tasks taking ``rx.UploadChunkIterator``: bytes are counted as
they arrive and the request is cut off at the limit. Each handler re-checks the session.
"""

from __future__ import annotations

import asyncio
from typing import Any

import reflex as rx

from mpv_app.domain.enums import AttachmentKind, Role
from mpv_app.domain.files import (
    FileRuleError,
    format_mb,
    meter_level,
    meter_text,
    total_too_large,
)
from mpv_app.services import uploads
from mpv_app.settings import get_settings
from mpv_app.state.auth import AuthState
from mpv_app.state.common import call_service, read
from mpv_app.storage.files import FileStore
from mpv_app.storage.inspect import inspect_file
from mpv_app.storage.intake import Received, receive

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
        staged = read(lambda s: uploads.staged_for(s, user_id))
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

    async def refresh(self) -> None:
        auth = await self.get_state(AuthState)
        user = await auth.resolve()
        if user is not None:
            self._show(user.user_id)

    @rx.event
    async def load(self) -> None:
        self.messages, self.uploading, self.in_flight = [], "", 0
        await self.refresh()

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
        settings = get_settings()
        async with self:
            auth = await self.get_state(AuthState)
            user = await auth.resolve()
            if user is None or user.role is not Role.SENDER:
                self.messages = [SESSION_LOST]
                return
            self.uploading, self.progress, self.messages = kind.value, 0, []
        staged = await asyncio.to_thread(read, lambda s: uploads.staged_for(s, user.user_id))
        # A new main document replaces the old one, so the old one's bytes are available.
        used = sum(
            u.size_bytes for u in staged if not (kind is AttachmentKind.MAIN and u.kind is kind)
        )
        store = file_store()
        intake = await receive(chunks, store, settings.max_filing_bytes - used)
        messages: list[str] = []
        if intake.over_budget_name is not None:
            messages.append(total_too_large(intake.over_budget_name, settings.max_filing_mb, used))
        if kind is AttachmentKind.MAIN and len(intake.files) > 1:
            for extra in intake.files[1:]:
                extra.staged.abort()
                messages.append(
                    f"Adjunte un solo documento principal: se omitió «{extra.original_name}»."
                )
            intake.files = intake.files[:1]
        for received in intake.files:
            message = await self.stage_checked(received, kind, user.user_id, store)
            if message:
                messages.append(message)
        async with self:
            self.uploading, self.in_flight, self.progress = "", 0, 0
            self.messages = messages
            self._show(user.user_id)

    @staticmethod
    async def stage_checked(
        received: Received, kind: AttachmentKind, user_id: int, store: FileStore
    ) -> str | None:
        settings = get_settings()
        role = "main" if kind is AttachmentKind.MAIN else "annex"
        try:
            found = await asyncio.to_thread(
                inspect_file, received.staged.path, received.original_name, role=role
            )
            result = await call_service(
                uploads.stage_upload,
                user_id=user_id,
                kind=kind,
                staging_name=received.staged.name,
                original_name=received.original_name,
                sha256=received.sha256,
                size_bytes=received.staged.size,
                content_type=found.mime,
                page_count=found.page_count,
                has_signature=found.has_signature,
                limit_bytes=settings.max_filing_bytes,
                limit_mb=settings.max_filing_mb,
            )
        except FileRuleError as error:
            received.staged.abort()
            return error.message
        for name in result.discard:
            store.discard_staged(name)
        return None

    @rx.event
    async def remove(self, upload_id: str) -> None:
        auth = await self.get_state(AuthState)
        user = await auth.resolve()
        if user is None:
            self.messages = [SESSION_LOST]
            return
        name = await call_service(
            uploads.remove_staged, user_id=user.user_id, upload_id=int(upload_id)
        )
        if name:
            file_store().discard_staged(name)
        self._show(user.user_id)
