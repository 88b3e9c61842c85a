"""Streaming intake of an upload request into private staging, stopping at the size budget.

Chunks arrive with backpressure; counting them as they come means an oversized upload is cut
off after ``budget`` bytes, never buffered whole in memory or on disk. Each multipart part
becomes its own staged file: a part starts where a chunk's offset is 0 and does not continue
the file before it, so two files with the same name are never run together. Whatever ends the
request early (the budget, a full disk, the browser going away) takes every partial file of
the request with it.

The bytes are hashed and written in worker threads a batch at a time, side by side, while the
event loop reads the next chunks: the loop that serves every tab of this process never waits
for a disk write, an fsync or SHA-256 over 20 MB.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Protocol

from mpv_app.cpu_affinity import unpinned
from mpv_app.domain.files import sanitize_filename
from mpv_app.domain.store_errors import StoreProblem
from mpv_app.storage.files import FileStore, StagedFile, StoreFailure

_BATCH = 1 << 20  # bytes gathered before the worker threads take them
_WORKERS = ThreadPoolExecutor(max_workers=4, thread_name_prefix="mpv-intake", initializer=unpinned)


class Chunk(Protocol):
    filename: str
    offset: int
    data: bytes


@dataclass
class Received:
    original_name: str
    staged: StagedFile
    sha256: str = ""
    _raw_name: str = ""
    arrived: int = 0  # bytes of this file read from the request, written or still in a batch
    _batch: list[bytes] = field(default_factory=list)
    _batched: int = 0
    _in_flight: tuple[Future[None], ...] = ()

    async def feed(self, data: bytes) -> None:
        self._batch.append(data)
        self._batched += len(data)
        self.arrived += len(data)
        if self._batched >= _BATCH:
            await self._hand_over()

    async def _hand_over(self) -> None:
        """Wait for the batch in flight (order holds: one at a time), then start the next."""
        await self._settle()
        if not self._batch:
            return
        batch = b"".join(self._batch)
        self._batch, self._batched = [], 0
        self._in_flight = (
            _WORKERS.submit(self.staged.store_bytes, batch),
            _WORKERS.submit(self.staged.digest_bytes, batch),
        )

    async def _settle(self) -> None:
        # Cleared only once done: a cancel while waiting leaves them for ``abort`` to wait on.
        for work in self._in_flight:
            await asyncio.wrap_future(work)
        self._in_flight = ()

    async def finish(self) -> None:
        await self._hand_over()
        await self._settle()
        self.sha256 = await asyncio.to_thread(self.staged.finish)

    def abort(self) -> None:
        """Let a batch being written end (at most one, about a megabyte), then delete."""
        wait(self._in_flight)
        for work in self._in_flight:
            with contextlib.suppress(BaseException):
                work.result()
        self._in_flight = ()
        self.staged.abort()


@dataclass
class Intake:
    files: list[Received] = field(default_factory=list)
    over_budget_name: str | None = None  # the file that crossed the limit, if any
    store_problem: tuple[str, StoreProblem] | None = None  # (file name, why) on a failure

    @property
    def total(self) -> int:
        return sum(r.arrived for r in self.files)

    def abort(self) -> None:
        for item in self.files:
            item.abort()
        self.files = []


def _continues(current: Received, chunk: Chunk) -> bool:
    # A new part restarts at offset 0; an empty part followed by a same-named one merges with
    # it, which loses nothing (an empty file is refused anyway).
    return chunk.filename == current._raw_name and chunk.offset == current.arrived


async def receive(chunks: AsyncIterator[Chunk], store: FileStore, budget: int) -> Intake:
    """Write each file of the request to staging; on crossing ``budget`` discard everything."""
    intake = Intake()
    current: Received | None = None
    name = "archivo"
    try:
        async for chunk in chunks:
            if current is None or not _continues(current, chunk):
                name = sanitize_filename(chunk.filename)
                current = Received(name, store.new_staged(), _raw_name=chunk.filename)
                intake.files.append(current)
            if intake.total + len(chunk.data) > budget:
                intake.over_budget_name = current.original_name
                intake.abort()
                return intake  # returning early makes Reflex stop reading the request body
            await current.feed(chunk.data)
        for item in intake.files:
            await item.finish()
    except StoreFailure as failure:
        intake.abort()
        intake.store_problem = (name, failure.problem)
    except BaseException:
        intake.abort()
        raise
    return intake
