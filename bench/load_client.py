"""One simulated browser for bench/load.py (a helper module, not a bench of its own).

It speaks what the built frontend speaks (reflex's ``.web/utils/state.js``): a socket.io
websocket on ``/_event`` with its own tab token in the query, the hydrate event in the
CONNECT packet, then ``event`` messages with ``router_data``. A navigation is what the
frontend sends on a route change (``update_vars_internal`` with the session token kept in
LocalStorage, then ``on_load_internal``) and ends when the server says ``is_hydrated``. A
``_redirect`` the server sends is followed like the router would. Each step's time runs from
the first message to the answer a person waits for.
"""

from __future__ import annotations

import asyncio
import json
import random
import re
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import socketio

ROOT = "reflex___state____state"
STEP_TIMEOUT_S = 15.0


@dataclass(frozen=True)
class Protocol:
    """What differs between the MPV app and the floor app: state names and vars."""

    hashes: list[str]
    schema: str
    login_event: str
    token_var: str  # "<state>.<var>" of the LocalStorage-synced session token
    actions_state: str  # the state whose handlers route a filing
    busy_var: str

    @classmethod
    def from_web(cls, web: Path, app: str) -> Protocol:
        ctx = (web / "utils" / "context.jsx").read_text()
        hashes = json.loads(re.search(r"initialStateHashes = (\[.*?\])", ctx).group(1))  # type: ignore[union-attr]
        schema = re.search(r'stateSchema = "(\w+)"', ctx).group(1)  # type: ignore[union-attr]
        if app == "mpv":
            auth = f"{ROOT}.mpv_app___state___auth____auth_state"
            return cls(
                hashes,
                schema,
                f"{ROOT}.mpv_app___state___login____login_state.submit",
                f"{auth}.session_token_rx_state_",
                f"{ROOT}.mpv_app___state___filing_actions____filing_actions_state",
                "busy_rx_state_",
            )
        floor = f"{ROOT}.floor_app___floor_app____floor_state"
        return cls(
            hashes,
            schema,
            f"{floor}.login",
            f"{floor}.session_token_rx_state_",
            floor,
            "busy_rx_state_",
        )


@dataclass
class Stats:
    times: dict[str, list[float]] = field(default_factory=dict)
    errors: dict[str, int] = field(default_factory=dict)
    timeouts: int = 0
    disconnects: int = 0
    connected: int = 0

    def add(self, step: str, seconds: float) -> None:
        self.times.setdefault(step, []).append(seconds)

    def error(self, what: str) -> None:
        self.errors[what] = self.errors.get(what, 0) + 1


class StepTimeout(Exception):
    pass


class Browser:
    """One tab: its own token, its own socket, the deltas it was sent."""

    def __init__(self, url: str, protocol: Protocol, stats: Stats) -> None:
        self.url, self.p, self.stats = url, protocol, stats
        self.token = str(uuid.uuid4())
        self.session_token = ""
        self.path = "/"
        self.sio = socketio.AsyncClient(reconnection=False)
        self.waiter: tuple[Callable[[dict[str, Any]], bool], asyncio.Future[None]] | None = None
        self.redirect: str | None = None
        self.closing = False
        self.sio.on("event", self._on_event, namespace="/_event")
        self.sio.on("disconnect", self._on_disconnect, namespace="/_event")

    # -- socket ------------------------------------------------------------------------
    async def _on_event(self, update: dict[str, Any]) -> None:
        delta = update.get("delta") or {}
        state = delta.get(self.p.token_var.rsplit(".", 1)[0], {})
        if self.p.token_var.rsplit(".", 1)[1] in state:
            self.session_token = state[self.p.token_var.rsplit(".", 1)[1]]
        for event in update.get("events") or []:
            if event.get("name") == "_redirect":
                self.redirect = event["payload"]["path"]
        if self.waiter and not self.waiter[1].done() and self.waiter[0](update):
            self.waiter[1].set_result(None)

    async def _on_disconnect(self, *args: Any) -> None:
        if not self.closing:
            self.stats.disconnects += 1
            if self.waiter and not self.waiter[1].done():
                self.waiter[1].set_exception(ConnectionError("disconnected"))

    def _router(self, path: str, params: dict[str, str] | None = None) -> dict[str, Any]:
        pathname, _, search = path.partition("?")
        query = dict(re.findall(r"([^&=]+)=([^&]*)", search)) if search else {}
        query.update(params or {})
        data: dict[str, Any] = {"pathname": pathname, "asPath": path}
        if query:
            data["query"] = query
        return data

    async def _until(self, predicate: Callable[[dict[str, Any]], bool], send: Any) -> None:
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self.waiter = (predicate, future)
        await send()
        try:
            await asyncio.wait_for(future, STEP_TIMEOUT_S)
        except TimeoutError as exc:
            raise StepTimeout from exc
        finally:
            self.waiter = None

    @staticmethod
    def _hydrated(update: dict[str, Any]) -> bool:
        return (update.get("delta") or {}).get(ROOT, {}).get("is_hydrated_rx_state_") is True

    def _vars(self) -> dict[str, Any]:
        return {self.p.token_var: self.session_token} if self.session_token else {}

    async def emit(self, name: str, payload: dict[str, Any], params: dict[str, str] | None = None):
        event = {"name": name, "payload": payload, "router_data": self._router(self.path, params)}
        await self.sio.emit("event", event, namespace="/_event")

    # -- what a person does --------------------------------------------------------------
    async def open(self, path: str) -> None:
        """Type the address: the page loads and the socket hydrates it."""
        self.path = path
        payload: dict[str, Any] = {"hashes": self.p.hashes}
        if self.session_token:
            payload["vars"] = self._vars()
        hydrate = {
            "name": f"{ROOT}.hydrate_and_load",
            "payload": payload,
            "router_data": self._router(path),
        }
        query = urlencode({"token": self.token})

        async def send() -> None:
            await self.sio.connect(
                f"{self.url}?{query}",
                namespaces=["/_event"],
                transports=["websocket"],
                socketio_path="/_event",
                auth={"event": hydrate, "state_schema": self.p.schema},
                wait_timeout=STEP_TIMEOUT_S,  # python-socketio's default (1 s) is no browser's
            )
            self.stats.connected += 1

        await self._until(self._hydrated, send)

    async def navigate(self, path: str, params: dict[str, str] | None = None) -> None:
        """Follow a link inside the app (client-side route change)."""
        self.path = path

        async def send() -> None:
            if self.session_token:
                await self.emit(
                    f"{ROOT}.reflex___state____update_vars_internal_state.update_vars_internal",
                    {"vars": self._vars()},
                    params,
                )
            await self.emit(
                f"{ROOT}.reflex___state____on_load_internal_state.on_load_internal", {}, params
            )

        await self._until(self._hydrated, send)

    async def login(self, email: str, password: str) -> str:
        """Submit the login form; follow the redirect to the role's home. Returns the path."""
        self.redirect = None
        form = {"form_data": {"email": email, "password": password}}
        await self._until(
            lambda u: self.redirect is not None, lambda: self.emit(self.p.login_event, form)
        )
        home = self.redirect or "/"
        await self.navigate(home)
        return home

    async def act(self, handler: str, payload: dict[str, Any], params: dict[str, str]) -> None:
        """A handler of the actions state that shows ``busy`` while it works."""
        seen_busy = False
        name = f"{self.p.actions_state}.{handler}"

        def done(update: dict[str, Any]) -> bool:
            nonlocal seen_busy
            busy = (update.get("delta") or {}).get(self.p.actions_state, {}).get(self.p.busy_var)
            seen_busy = seen_busy or busy is True
            return seen_busy and busy is False

        await self._until(done, lambda: self.emit(name, payload, params))

    async def call(self, handler: str, payload: dict[str, Any], params: dict[str, str]) -> None:
        """A handler whose answer is any update (open a dialog, pick a center)."""
        name = f"{self.p.actions_state}.{handler}"
        await self._until(lambda u: bool(u.get("delta")), lambda: self.emit(name, payload, params))

    async def close(self) -> None:
        self.closing = True
        if self.sio.connected:
            await self.sio.disconnect()


def detail_path(number: str) -> str:
    return f"/tramites/{quote(number, safe='')}"


async def timed(stats: Stats, step: str, action: Any) -> bool:
    started = time.perf_counter()
    try:
        await action
    except StepTimeout:
        stats.timeouts += 1
        return False
    except Exception as exc:  # a broken step is counted, the journey stops
        stats.error(f"{step}: {type(exc).__name__}")
        return False
    stats.add(step, time.perf_counter() - started)
    return True


async def think(rng: random.Random, seconds: float, deadline: float) -> bool:
    """A pause of about ``seconds`` (±50 %); False when the run is over."""
    pause = seconds * (0.5 + rng.random())
    if time.monotonic() + pause >= deadline:
        return False
    await asyncio.sleep(pause)
    return True
