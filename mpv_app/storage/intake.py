"""Streaming intake of an upload request into private staging, stopping at the size budget.

Chunks arrive with backpressure; counting them as they come means an oversized upload is cut
off after ``budget`` bytes, never buffered whole in memory or on disk. Each multipart part
becomes its own staged file: a part starts where a chunk's offset is 0 and does not continue
the file before it, so two files with the same name are never run together. Whatever ends the
request early (the budget, a full disk, the browser going away) takes every partial file of
the request with it.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

from mpv_app.domain.files import sanitize_filename
from mpv_app.domain.store_errors import StoreProblem
from mpv_app.storage.files import FileStore, StagedFile, StoreFailure


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


@dataclass
class Intake:
    files: list[Received] = field(default_factory=list)
    over_budget_name: str | None = None  # the file that crossed the limit, if any
    store_problem: tuple[str, StoreProblem] | None = None  # (file name, why) on a failure

    @property
    def total(self) -> int:
        return sum(r.staged.size for r in self.files)

    def abort(self) -> None:
        for item in self.files:
            item.staged.abort()
        self.files = []


def _continues(current: Received, chunk: Chunk) -> bool:
    # A new part restarts at offset 0; an empty part followed by a same-named one merges with
    # it, which loses nothing (an empty file is refused anyway).
    return chunk.filename == current._raw_name and chunk.offset == current.staged.size


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
            current.staged.write(chunk.data)
        for item in intake.files:
            item.sha256 = item.staged.finish()
    except StoreFailure as failure:
        intake.abort()
        intake.store_problem = (name, failure.problem)
    except BaseException:
        intake.abort()
        raise
    return intake
