"""The "Archivos" section: streamed uploads into private staging, the 20 MB meter, removal.

Upload handlers are background tasks taking ``rx.UploadChunkIterator``; they re-check the
session and hand the chunks to ``services.uploads.accept_upload``, which owns the rest.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable
from typing import Any

import reflex as rx

from mpv_app.domain.client_refusals import Zone, refusal_messages
from mpv_app.domain.enums import AttachmentKind, Role
from mpv_app.domain.files import format_mb, meter_level, meter_text
from mpv_app.domain.invoices import Invoice, summary
from mpv_app.domain.rows import StagedRow
from mpv_app.domain.search_filters import positive_int
from mpv_app.models import StagedUpload
from mpv_app.services import drafts, uploads
from mpv_app.services.errors import ServiceBusy
from mpv_app.settings import get_settings
from mpv_app.state.auth import resolve_user
from mpv_app.state.common import UNAVAILABLE, call_service, read, read_off_loop
from mpv_app.state.transfers import TransfersMixin, valid_slot
from mpv_app.storage.files import FileStore

SESSION_LOST = "Su sesión expiró. Inicie sesión nuevamente para adjuntar archivos."


def file_store() -> FileStore:
    return FileStore(get_settings().storage_dir)


def staged_rows(staged: Iterable[StagedUpload], *, with_pages: bool = True) -> list[StagedRow]:
    """The staged files as every upload zone lists them (new filing, subsanación, Atender).

    ``with_pages`` off leaves the page count out, as the Atender dialog's responses show it.
    """
    return [
        StagedRow(
            id=str(u.id),
            name=u.original_name,
            kind=u.kind.value,
            kind_label=u.kind.label,
            size=format_mb(u.size_bytes),
            pages=f"{u.page_count} págs." if with_pages and u.page_count else "",
        )
        for u in staged
    ]


async def accept_chunks(
    state: TransfersMixin, slot: str, **upload: Any
) -> tuple[uploads.UploadOutcome, list[str]]:
    """One request's files to ``uploads.accept_upload`` (which owns the rest), and the
    messages to show; ``slot``'s bar goes when the request ends, however it ends."""
    try:
        outcome = await uploads.accept_upload(store=file_store(), **upload)
        return outcome, list(outcome.messages)
    except UNAVAILABLE:
        return uploads.UploadOutcome(0, ()), [ServiceBusy().message]
    finally:
        if slot:  # cancelled or done, the file's bar goes
            async with state:
                state._end(slot)


async def remove_staged(user_id: int, upload_id: object) -> None:
    """«Quitar»: one of the user's staged files goes; an id that is not theirs removes nothing."""
    await call_service(
        uploads.remove_staged,
        user_id=user_id,
        upload_id=positive_int(str(upload_id)) or 0,
        store=file_store(),
    )


class FilingFilesState(TransfersMixin, rx.State):
    files: list[StagedRow] = []
    total_bytes: int = 0
    uploading: str = ""  # "", "main" or "annex": the zone of the latest upload in course
    progress: int = 0
    main_messages: list[str] = []  # under «Documento principal»
    annex_messages: list[str] = []  # under «Anexos»
    invoice_summary: str = ""  # the comprobante read from an XML annex, in one sentence
    invoice_notes: list[str] = []  # XML annexes kept as plain annexes, and why

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
        return any(f.kind == AttachmentKind.MAIN.value for f in self.files)

    async def _show(self, user_id: int) -> None:
        self._list(await read_off_loop(lambda s: uploads.filing_staged(s, user_id)))

    def _list(self, staged: list[StagedUpload]) -> None:
        self.files = staged_rows(staged)
        self.total_bytes = sum(u.size_bytes for u in staged)
        invoices = [Invoice.from_json(u.invoice) for u in staged if u.invoice]
        self.invoice_summary = summary(invoices[0]) if invoices else ""
        self.invoice_notes = [
            f"«{u.original_name}» se adjuntó como anexo, pero no se pudo leer como comprobante "
            f"electrónico: {u.invoice_note}."
            for u in staged
            if u.invoice_note
        ]

    async def _refresh(self) -> None:
        user = await resolve_user(self)
        if user is not None:
            await self._show(user.user_id)

    def _open_zones(self, staged: list[StagedUpload]) -> None:
        """Part of the new-filing page's on_load (``FilingState``, which read ``staged`` in the
        navigation's one trip, once the sender's session passed)."""
        self.main_messages, self.annex_messages = [], []
        self.uploading = ""
        self._reset_transfers()
        self._list(staged)

    async def _files_changed(self) -> None:
        """A file arrived: the form's «adjunte el documento principal» may no longer apply."""
        from mpv_app.state.filing import FilingState  # the form's state imports this one

        form = await self.get_state(FilingState)
        form._files_changed(has_main=self.has_main)

    def _set_messages(self, kind: AttachmentKind, messages: list[str]) -> None:
        if kind is AttachmentKind.MAIN:
            self.main_messages = messages
        else:
            self.annex_messages = messages

    @rx.event
    def main_rejected(self, rejections: list[str]) -> None:
        self.main_messages = refusal_messages(rejections, Zone.MAIN, get_settings().max_filing_mb)

    @rx.event
    def annex_rejected(self, rejections: list[str]) -> None:
        limit_mb = get_settings().max_filing_mb
        self.annex_messages = refusal_messages(rejections, Zone.ANNEX, limit_mb)

    @rx.event(background=True)
    async def upload_main(self, chunks: rx.UploadChunkIterator, slot: str = ""):  # type: ignore[no-untyped-def]
        await self._receive(chunks, AttachmentKind.MAIN, slot)

    @rx.event(background=True)
    async def upload_annexes(self, chunks: rx.UploadChunkIterator, slot: str = ""):  # type: ignore[no-untyped-def]
        await self._receive(chunks, AttachmentKind.ANNEX, slot)

    async def _receive(
        self, chunks: rx.UploadChunkIterator, kind: AttachmentKind, slot: object = ""
    ) -> None:
        """One request: a drop without slot, or one file of a drop sent on its own."""
        slot = valid_slot(slot)
        async with self:
            user = await resolve_user(self)
            if user is None or user.role is not Role.SENDER:
                self._set_messages(kind, [SESSION_LOST])
                return
            self.uploading, self.progress = kind.value, 0
        outcome, messages = await accept_chunks(
            self, slot, chunks=chunks, user_id=user.user_id, kind=kind
        )
        staged = await asyncio.to_thread(read, lambda s: uploads.filing_staged(s, user.user_id))
        async with self:
            if not self.transfers:
                self.uploading, self.in_flight, self.progress = "", 0, 0
            if slot:  # one file of a drop: the first to end replaces, the rest join it
                current = self.main_messages if kind is AttachmentKind.MAIN else self.annex_messages
                self._set_messages(kind, self._joined(kind.value, slot, current, messages))
            elif outcome.received or messages:  # a drop the browser refused whole sends nothing
                self._set_messages(kind, messages)
            self._list(staged)
            if outcome.staged:
                await self._files_changed()
        if outcome.invoices:
            await self._prefill_from(outcome.invoices[0], user.user_id)

    async def _prefill_from(self, invoice: Invoice, user_id: int) -> None:
        """Nº Documento and Fecha Documento come from the invoice; the sender may change them."""
        from mpv_app.state.filing import FilingState  # the form's state imports this one

        async with self:
            form = await self.get_state(FilingState)
            data = form._take_invoice(invoice.number, invoice.issue_date.isoformat())
        await call_service(drafts.save_draft, user_id=user_id, data=data)

    @rx.event
    async def remove(self, upload_id: str) -> None:
        user = await resolve_user(self)
        if user is None:
            self.annex_messages = [SESSION_LOST]
            return
        await remove_staged(user.user_id, upload_id)
        await self._show(user.user_id)
