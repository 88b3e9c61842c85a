"""Streaming intake of an upload request into private staging, stopping at the size budget.

Chunks arrive with backpressure; counting them as they come means an oversized upload is cut
off after ``budget`` bytes, never buffered whole in memory or on disk. Each multipart part
becomes its own staged file: a part starts where a chunk's offset is 0 and does not continue
the file before it, so two files with the same name are never run together. Whatever ends the
request early (the budget, a full disk, the browser going away) takes every partial file of
the request with it.

The bytes are hashed and written in worker threads a batch at a time, side by side, while the
event loop reads the next chunks: the loop that serves every tab of this process never waits
for a disk write, an fsync or SHA-256 over 20 MB. Each file has a writer lane and a hasher lane
(one thread each, so order holds) that may run a few batches behind the request; the writer
starts the kernel writing each batch to disk at once, so the fsync at the end has little left.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import deque
from collections.abc import AsyncIterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Protocol

from mpv_app.cpu_affinity import unpinned
from mpv_app.domain.files import sanitize_filename
from mpv_app.domain.store_errors import StoreProblem
from mpv_app.storage.files import FileStore, StagedFile, StoreFailure

_BATCH = 1 << 20  # bytes gathered before the lanes take them
_DEPTH = 4  # batches a lane may hold before the loop waits: about 4 MB per file in memory


def _lane() -> ThreadPoolExecutor:
    """One thread, so a file's batches are written (or hashed) in the order they came."""
    return ThreadPoolExecutor(max_workers=1, thread_name_prefix="mpv-intake", initializer=unpinned)


class Chunk(Protocol):
    filename: str
    offset: int
    data: bytes


@dataclass
class Received:
    """One file of the request: its batches go to a writer and a hasher, each a lane of its
    own, side by side; the loop waits only when a lane is ``_DEPTH`` batches behind."""

    original_name: str
    staged: StagedFile
    sha256: str = ""
    _raw_name: str = ""
    arrived: int = 0  # bytes of this file read from the request, written or still in a batch
    _batch: list[bytes] = field(default_factory=list)
    _batched: int = 0
    _in_flight: deque[Future[None]] = field(default_factory=deque)
    _lanes: tuple[ThreadPoolExecutor, ...] = ()

    async def feed(self, data: bytes) -> None:
        self._batch.append(data)
        self._batched += len(data)
        self.arrived += len(data)
        if self._batched >= _BATCH:
            await self._hand_over()

    async def _hand_over(self) -> None:
        if not self._batch:
            return
        if not self._lanes:
            self._lanes = (_lane(), _lane())
        pieces, self._batch, self._batched = self._batch, [], 0
        writer, hasher = self._lanes
        self._in_flight.append(writer.submit(self.staged.store_pieces, pieces))
        self._in_flight.append(hasher.submit(self.staged.digest_pieces, pieces))
        while len(self._in_flight) > 2 * _DEPTH:
            await self._oldest_done()

    async def _oldest_done(self) -> None:
        # Left in place until done: a cancel while waiting leaves it for ``abort`` to wait on.
        await asyncio.wrap_future(self._in_flight[0])
        self._in_flight.popleft()

    async def finish(self) -> None:
        await self._hand_over()
        while self._in_flight:
            await self._oldest_done()
        self._close_lanes()
        self.sha256 = await asyncio.to_thread(self.staged.finish)

    def _close_lanes(self) -> None:
        for lane in self._lanes:
            lane.shutdown(wait=False)
        self._lanes = ()

    def abort(self) -> None:
        """Let the batches in the lanes end (a few megabytes at most), then delete."""
        wait(self._in_flight)
        for work in self._in_flight:
            with contextlib.suppress(BaseException):
                work.result()
        self._in_flight.clear()
        self._close_lanes()
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
