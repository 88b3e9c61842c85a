"""/verificar: anyone may upload a cargo PDF and learn whether it is genuine.

Public and stateless: no login, nothing stored. The upload is read into memory up to
``MAX_CARGO_BYTES`` (a cargo is tens of KB) and never staged or kept: it is not a filing, so
it does not go through ``services.uploads``. The answer only says yes or no about what the
file itself states (``selectors.cargo_check``).
"""

from __future__ import annotations

import asyncio

import reflex as rx

from mpv_app.selectors.cargo_check import MAX_CARGO_BYTES, CargoCheck, check_cargo
from mpv_app.state.common import UNAVAILABLE, read
from mpv_app.state.site import open_navigation

TOO_LARGE = "El archivo es demasiado grande para ser un cargo de la Mesa de Partes Virtual."
BUSY = "El servicio está ocupado. Intente nuevamente en unos minutos."


async def _read_limited(chunks: rx.UploadChunkIterator) -> bytes | None:
    data = bytearray()
    first: str | None = None
    async for chunk in chunks:
        first = chunk.filename if first is None else first
        if chunk.filename != first:
            break  # one cargo per check: a second file is not read
        if len(data) + len(chunk.data) > MAX_CARGO_BYTES:
            return None  # returning early makes Reflex stop reading the request body
        data += chunk.data
    return bytes(data)


class CargoCheckState(rx.State):
    outcome: str = ""  # "", checking, genuine, altered, mismatch, unknown, unreadable, error
    checks: list[tuple[str, bool]] = []
    number: str = ""
    message: str = ""

    @rx.event
    async def load(self) -> None:
        await open_navigation(self)  # the page's only on_load: the header and footer too
        self.outcome, self.checks, self.number, self.message = "", [], "", ""

    @rx.event
    def client_rejected(self, _rejections: list[str]) -> None:
        self.outcome, self.checks = "error", []
        self.message = "Suba un solo archivo PDF de hasta 5 MB: el cargo de recepción."

    def _show(self, result: CargoCheck) -> None:
        self.number = result.number if result.readable else ""
        if not result.readable:
            self.outcome = "unreadable"
        elif not result.signature_ok:
            self.outcome = "altered"
        elif not result.found:
            self.outcome = "unknown"
        else:
            self.outcome = "genuine" if result.genuine else "mismatch"
        self.checks = (
            [
                ("Firma digital de PETROPERÚ válida y sin cambios", result.signature_ok),
                ("El número de trámite coincide con el registro", result.number_ok),
                ("Las fechas de envío y de recepción coinciden", result.dates_ok),
                (f"Los archivos listados (SHA-256: {result.files}) coinciden", result.files_ok),
            ]
            if result.readable
            else []
        )

    @rx.event(background=True)
    async def upload_cargo(self, chunks: rx.UploadChunkIterator):  # type: ignore[no-untyped-def]
        async with self:
            self.outcome, self.checks, self.message = "checking", [], ""
        data = await _read_limited(chunks)
        if data is None:
            async with self:
                self.outcome, self.message = "error", TOO_LARGE
            return
        try:
            result = await asyncio.to_thread(read, lambda s: check_cargo(s, data))
        except UNAVAILABLE:
            async with self:
                self.outcome, self.message = "error", BUSY
            return
        async with self:
            self._show(result)
