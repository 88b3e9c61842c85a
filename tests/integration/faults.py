"""Real faults for integrity tests: a connection that dies right after COMMIT is sent.

PostgreSQL: a TCP proxy in front of the server forwards the COMMIT, waits for the server to
process it, then cuts both sides before the reply reaches the client, exactly what a network
drop after COMMIT does. SQLite has no network: the driver's commit really commits and then
raises the error a lost disk or NFS share would.
"""

from __future__ import annotations

import socket
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.engine import Engine, make_url

from mpv_app.db import make_engine

SERVER_GRACE_S = 0.5  # time for the server to finish the COMMIT before the cut


@dataclass
class FaultyDatabase:
    engine: Engine
    fired: bool = False
    _threads: list[threading.Thread] = field(default_factory=list)


def _pipe(src: socket.socket, dst: socket.socket, on_data: Any) -> None:
    try:
        while data := src.recv(65536):
            if on_data(data) is False:
                return
            dst.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (src, dst):
            with suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()


@contextmanager
def _postgres_proxy(url: str) -> Iterator[FaultyDatabase]:
    target = make_url(url)
    listener = socket.create_server(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    faulty = FaultyDatabase(
        engine=make_engine(
            target.set(host="127.0.0.1", port=port).render_as_string(hide_password=False)
        )
    )
    armed = threading.Event()
    armed.set()
    stop = threading.Event()

    def _serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            server = socket.create_connection((target.host or "127.0.0.1", target.port or 5432))
            cut = threading.Event()

            def _upstream(data: bytes, cut: threading.Event = cut) -> bool:
                if armed.is_set() and b"COMMIT" in data:
                    armed.clear()
                    faulty.fired = True
                    cut.set()
                return True

            def _downstream(
                _data: bytes,
                cut: threading.Event = cut,
                client: socket.socket = client,
                server: socket.socket = server,
            ) -> bool:
                if cut.is_set():
                    time.sleep(SERVER_GRACE_S)
                    for sock in (client, server):
                        with suppress(OSError):
                            sock.shutdown(socket.SHUT_RDWR)
                    return False
                return True

            for args in ((client, server, _upstream), (server, client, _downstream)):
                thread = threading.Thread(target=_pipe, args=args, daemon=True)
                thread.start()
                faulty._threads.append(thread)

    acceptor = threading.Thread(target=_serve, daemon=True)
    acceptor.start()
    try:
        yield faulty
    finally:
        stop.set()
        faulty.engine.dispose()
        listener.close()
        acceptor.join(5)


@contextmanager
def _sqlite_lost_commit(url: str) -> Iterator[FaultyDatabase]:
    engine = make_engine(url)
    faulty = FaultyDatabase(engine=engine)
    real_commit = engine.dialect.do_commit

    def _commit_then_fail(dbapi_connection: Any) -> None:
        real_commit(dbapi_connection)
        if not faulty.fired:
            faulty.fired = True
            raise sqlite3.OperationalError("disk I/O error after COMMIT (reply lost)")

    engine.dialect.do_commit = _commit_then_fail  # type: ignore[method-assign]
    try:
        yield faulty
    finally:
        engine.dispose()


@contextmanager
def lost_commit_reply(url: str) -> Iterator[FaultyDatabase]:
    """An engine on ``url`` whose first COMMIT succeeds on the server but fails in the client."""
    backend = make_url(url).get_backend_name()
    with _sqlite_lost_commit(url) if backend == "sqlite" else _postgres_proxy(url) as faulty:
        yield faulty
