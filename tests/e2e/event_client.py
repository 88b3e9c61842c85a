"""A raw Reflex event client: connects to ``/_event`` like a browser tab and calls handlers.

No browser, no compiled frontend: python-socketio's client sends ``{"name", "payload",
"router_data"}`` exactly as the page's JavaScript does, so any handler can be called with any
arguments. Events of one tab are processed in order, so each call is followed by a sentinel
whose answer tells that the call before it is done.
"""

from __future__ import annotations

import json
import threading
import uuid
from typing import Any

import socketio

NAMESPACE = "/_event"
# FilingState.fix_page_count always answers with a focus event: a cheap, reliable sentinel.
SENTINEL_EVENT = "_set_focus"


class EventClient:
    def __init__(self, base_url: str, sentinel: str) -> None:
        self.token = str(uuid.uuid4())
        self.sentinel = sentinel
        self.updates: list[str] = []  # every update received, as JSON text
        self._lock = threading.Condition()
        self._sentinels = 0
        self._sio = socketio.Client(reconnection=False)
        self._sio.on("event", self._on_update, namespace=NAMESPACE)
        self._sio.connect(
            f"{base_url}?token={self.token}",
            socketio_path=NAMESPACE,
            transports=["websocket"],
            namespaces=[NAMESPACE],
            wait_timeout=20,
        )

    def _on_update(self, update: dict[str, Any]) -> None:
        text = json.dumps(update, ensure_ascii=False)
        with self._lock:
            self.updates.append(text)
            names = [e.get("name") for e in update.get("events", []) or []]
            if SENTINEL_EVENT in names:
                self._sentinels += 1
                self._lock.notify_all()

    def call(
        self, name: str, payload: Any, router_data: dict[str, Any], timeout: float = 20
    ) -> list[str]:
        """Send one event and wait until it was processed; returns the updates it caused."""
        with self._lock:
            start, wanted = len(self.updates), self._sentinels + 1
        self._sio.emit(
            "event", {"name": name, "payload": payload, "router_data": router_data}, NAMESPACE
        )
        self._sio.emit(
            "event", {"name": self.sentinel, "payload": {}, "router_data": router_data}, NAMESPACE
        )
        with self._lock:
            if not self._lock.wait_for(lambda: self._sentinels >= wanted, timeout):
                raise AssertionError(f"no answer to {name} within {timeout} s")
            return self.updates[start:]

    def close(self) -> None:
        self._sio.disconnect()
