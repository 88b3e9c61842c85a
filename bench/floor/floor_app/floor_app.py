"""The floor: one state, three trivial on_load handlers per page, the MPV's paths and journey.

bench/load.py drives it with the same simulated browsers as the real app, so what the real
app costs above this is the app's own work. No database: the login handler stores a token and
redirects; "route" flips a flag around a yield as the real handler does. No argon2 either,
unless ``BENCH_FLOOR_PASSWORD_CHECK=1``: then each login verifies one password at the app's
cost (``MPV_PASSWORD_MEMORY_KIB``, ``MPV_PASSWORD_TIME_COST``, the app's defaults otherwise)
in a worker thread, as the app's login does; nothing else changes. That floor says what the
security requirement alone costs a run, apart from everything else the app does.
"""

import asyncio
import hashlib
import os
from functools import lru_cache
from typing import Any

import reflex as rx
from argon2 import PasswordHasher

PASSWORD_CHECK = os.environ.get("BENCH_FLOOR_PASSWORD_CHECK", "") == "1"


@lru_cache(maxsize=1)
def _stored() -> tuple[PasswordHasher, str]:
    hasher = PasswordHasher(
        time_cost=int(os.environ.get("MPV_PASSWORD_TIME_COST", "2")),
        memory_cost=int(os.environ.get("MPV_PASSWORD_MEMORY_KIB", "19456")),
        parallelism=1,
    )
    return hasher, hasher.hash("floor-password")


def _check_password() -> None:
    hasher, stored = _stored()
    hasher.verify(stored, "floor-password")


class FloorState(rx.State):
    session_token: str = rx.LocalStorage("", name="floor_session", sync=True)
    who: str = ""
    footer: str = ""
    rows: list[str] = []
    dialog: str = ""
    departments: list[str] = []
    busy: bool = False
    routed: int = 0
    received: str = ""

    @rx.event
    def check(self) -> None:
        self.who = "remitente" if self.session_token else ""

    @rx.event
    def site(self) -> None:
        self.footer = "Lunes a viernes de 07:00 a 16:36 (hora de Lima), excepto feriados."

    @rx.event
    def page(self) -> None:
        self.rows = [f"MPV-2026-{n:06d}" for n in range(20)]

    @rx.event
    async def login(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        if PASSWORD_CHECK:
            await asyncio.to_thread(_check_password)
        email = str(form_data.get("email", ""))
        self.session_token = f"token-{email}"
        return rx.redirect("/bandeja" if email.startswith("recepcion") else "/")

    @rx.event
    def open_dialog(self, action: str) -> None:
        self.dialog = action

    @rx.event
    def choose_center(self, value: str) -> None:
        self.departments = [f"{value}-{n}" for n in range(5)]

    @rx.event
    def route(self, form_data: dict[str, Any]):  # type: ignore[no-untyped-def]
        self.busy = True
        yield
        self.routed += 1
        self.dialog = ""
        self.busy = False

    @rx.event(background=True)
    async def upload(self, chunks: rx.UploadChunkIterator):  # type: ignore[no-untyped-def]
        """bench/upload.py's Reflex floor: stream, hash, report; no checks, no storage."""
        digest, size = hashlib.sha256(), 0
        async for chunk in chunks:
            digest.update(chunk.data)
            size += len(chunk.data)
        async with self:
            self.received = f"{size} {digest.hexdigest()}"


def page() -> rx.Component:
    return rx.box(
        rx.heading("Mesa de Partes Virtual"),
        rx.text(FloorState.who),
        rx.foreach(FloorState.rows, rx.text),
        rx.form(
            rx.input(name="email", id="email"),
            rx.input(name="password", type="password"),
            rx.button("Ingresar"),
            on_submit=FloorState.login,
        ),
        rx.text(FloorState.footer),
        rx.upload(rx.text("Archivo"), id="floor_upload"),  # Reflex serves /_upload with it
    )


app = rx.App()
ON_LOAD = [FloorState.check, FloorState.site, FloorState.page]
for route in ("/", "/iniciar-sesion", "/tramites", "/tramites/[tracking_number]", "/bandeja"):
    app.add_page(page, route=route, on_load=ON_LOAD)
