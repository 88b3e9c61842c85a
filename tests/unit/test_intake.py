"""Streaming intake: one staged file per multipart part, and nothing left when a request ends
early (issue 11, case 8, and the dropped connection)."""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mpv_app.domain.file_names import distinct_name
from mpv_app.domain.files import MAX_NAME_LENGTH
from mpv_app.storage.files import FileStore
from mpv_app.storage.intake import Intake, receive


@dataclass
class Chunk:
    filename: str
    offset: int
    data: bytes


def _parts(*files: tuple[str, bytes], size: int = 4) -> list[Chunk]:
    """Chunks as Reflex's multipart parser emits them: per part, offsets from 0."""
    return [
        Chunk(name, offset, data[offset : offset + size])
        for name, data in files
        for offset in range(0, max(len(data), 1), size)
    ]


async def _stream(chunks: list[Chunk], fail_after: int | None = None) -> AsyncIterator[Chunk]:
    for index, chunk in enumerate(chunks):
        if fail_after is not None and index == fail_after:
            raise ConnectionResetError("the browser went away")
        yield chunk


def _receive(store: FileStore, chunks: list[Chunk], budget: int = 10**6) -> Intake:
    return asyncio.run(receive(_stream(chunks), store, budget))


def test_two_parts_with_the_same_name_become_two_files(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    first, second = b"primer anexo, contenido A", b"segundo anexo: B B B B"
    intake = _receive(store, _parts(("anexo.pdf", first), ("anexo.pdf", second)))
    assert [f.original_name for f in intake.files] == ["anexo.pdf", "anexo.pdf"]
    assert [f.staged.path.read_bytes() for f in intake.files] == [first, second]
    assert [f.sha256 for f in intake.files] == [
        hashlib.sha256(first).hexdigest(),
        hashlib.sha256(second).hexdigest(),
    ]


def test_a_dropped_connection_leaves_no_staging_file(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    chunks = _parts(("a.pdf", b"x" * 40), ("b.pdf", b"y" * 40))
    with pytest.raises(ConnectionResetError):
        asyncio.run(receive(_stream(chunks, fail_after=15), store, 10**6))
    assert list(store.staging.iterdir()) == []


def test_crossing_the_budget_discards_every_file_of_the_request(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    intake = _receive(store, _parts(("a.pdf", b"x" * 40), ("b.pdf", b"y" * 40)), budget=60)
    assert intake.over_budget_name == "b.pdf" and intake.files == []
    assert list(store.staging.iterdir()) == []


def test_distinct_names_number_the_repeats_and_keep_the_extension() -> None:
    assert distinct_name("anexo.pdf", []) == "anexo.pdf"
    assert distinct_name("anexo.pdf", ["ANEXO.pdf"]) == "anexo (2).pdf"
    assert distinct_name("anexo.pdf", ["anexo.pdf", "anexo (2).pdf"]) == "anexo (3).pdf"
    assert distinct_name("LEEME", ["leeme"]) == "LEEME (2)"
    longest = "x" * (MAX_NAME_LENGTH - 4) + ".pdf"
    renamed = distinct_name(longest, [longest])
    assert len(renamed) == MAX_NAME_LENGTH and renamed.endswith("x (2).pdf")


def test_the_event_loop_runs_other_work_while_a_big_file_is_hashed_and_written(
    tmp_path: Path,
) -> None:
    """20 MB hashed and written on the loop stalled every tab of the process for ~100 ms; the
    batches go to worker threads now, so a ticker standing for the other tabs keeps running."""
    store = FileStore(tmp_path)
    data = bytes(range(256)) * (20 * 4096)  # 20 MiB, in 64 KiB chunks as the browser sends
    ticks = 0
    done = False

    async def other_tabs() -> None:
        nonlocal ticks
        while not done:
            ticks += 1
            await asyncio.sleep(0)

    async def upload() -> Intake:
        nonlocal done
        ticker = asyncio.create_task(other_tabs())
        try:
            return await receive(_stream(_parts(("grande.xml", data), size=65536)), store, 10**8)
        finally:
            done = True
            await ticker

    intake = asyncio.run(upload())
    (received,) = intake.files
    assert received.sha256 == hashlib.sha256(data).hexdigest()
    assert received.staged.path.read_bytes() == data
    assert ticks >= 20, f"the loop ran other work only {ticks} times during a 20 MiB intake"


def test_a_browser_that_goes_away_mid_batch_leaves_no_file(tmp_path: Path) -> None:
    store = FileStore(tmp_path)
    data = bytes(range(256)) * (8 * 4096)  # 8 MiB: several batches in flight before the cut
    chunks = _parts(("grande.xml", data), size=65536)
    with pytest.raises(ConnectionResetError):
        asyncio.run(receive(_stream(chunks, fail_after=100), store, 10**8))
    assert list(store.staging.iterdir()) == []
