"""Streaming intake of an upload request into private staging, stopping at the size budget.

Chunks arrive with backpressure; counting them as they come means an oversized upload is cut
off after ``budget`` bytes, never buffered whole in memory or on disk.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Protocol

from mpv_app.domain.files import sanitize_filename
from mpv_app.storage.files import FileStore, StagedFile


class Chunk(Protocol):
    filename: str
    data: bytes


@dataclass
class Received:
    original_name: str
    staged: StagedFile
    sha256: str = ""


@dataclass
class Intake:
    files: list[Received] = field(default_factory=list)
    over_budget_name: str | None = None  # the file that crossed the limit, if any

    @property
    def total(self) -> int:
        return sum(r.staged.size for r in self.files)


async def receive(chunks: AsyncIterator[Chunk], store: FileStore, budget: int) -> Intake:
    """Write each file of the request to staging; on crossing ``budget`` discard everything."""
    intake = Intake()
    current: dict[str, Received] = {}
    async for chunk in chunks:
        received = current.get(chunk.filename)
        if received is None:
            received = Received(sanitize_filename(chunk.filename), store.new_staged())
            current[chunk.filename] = received
            intake.files.append(received)
        if intake.total + len(chunk.data) > budget:
            intake.over_budget_name = received.original_name
            for item in intake.files:
                item.staged.abort()
            intake.files = []
            return intake  # returning early makes Reflex stop reading the request body
        received.staged.write(chunk.data)
    for item in intake.files:
        item.sha256 = item.staged.finish()
    return intake
