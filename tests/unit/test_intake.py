"""Streaming intake: one staged file per multipart part, and nothing left when a request ends
early (issue 11, case 8, and the dropped connection)."""

from __future__ import annotations

import asyncio
import hashlib
import os
import threading
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mpv_app.domain.file_names import distinct_name
from mpv_app.domain.files import MAX_NAME_LENGTH
from mpv_app.storage.files import FileStore, StagedFile
from mpv_app.storage.intake import _DEPTH, Intake, receive


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


def test_a_slow_disk_does_not_hold_the_request_back_batch_by_batch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The loop handed the lanes a batch and waited for it before reading on, so each slow
    write stalled the request; now it reads ahead while a few batches are still being written,
    and never more than ``_DEPTH`` of them (a file's memory stays bounded)."""
    writing = threading.Lock()
    behind = {"now": 0, "most": 0}
    real_store = StagedFile.store_pieces

    def slow_disk(self: StagedFile, pieces: list[bytes]) -> None:
        with writing:
            time.sleep(0.02)
            real_store(self, pieces)
            behind["now"] -= 1

    async def counted(chunks: list[Chunk]) -> AsyncIterator[Chunk]:
        for chunk in chunks:
            if chunk.offset % (1 << 20) == 0 and chunk.offset:
                behind["now"] += 1  # a batch was just handed over
                behind["most"] = max(behind["most"], behind["now"])
            yield chunk

    monkeypatch.setattr(StagedFile, "store_pieces", slow_disk)
    store = FileStore(tmp_path)
    data = bytes(range(256)) * (12 * 4096)  # 12 MiB: twelve batches
    chunks = _parts(("grande.xml", data), size=65536)
    intake = asyncio.run(receive(counted(chunks), store, 10**8))
    (received,) = intake.files
    assert received.staged.path.read_bytes() == data
    assert received.sha256 == hashlib.sha256(data).hexdigest()
    assert 2 <= behind["most"] <= _DEPTH + 1, behind


def test_the_disk_is_asked_to_write_every_batch_as_it_comes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Writeback starts per batch, over the whole file with no gap, so the closing fsync (which
    the sender's tab waits for) has little left: 12 ms of a 20 MB upload before, ~1 ms now."""
    asked: list[tuple[int, int, int]] = []
    real_fadvise = os.posix_fadvise

    def recorded(fd: int, offset: int, length: int, advice: int) -> None:
        asked.append((offset, length, advice))
        real_fadvise(fd, offset, length, advice)

    monkeypatch.setattr(os, "posix_fadvise", recorded)
    data = bytes(range(256)) * (3 * 4096 + 7)  # 3 MiB and a bit: four batches
    intake = _receive(FileStore(tmp_path), _parts(("a.xml", data), size=65536), budget=10**8)
    (received,) = intake.files
    assert received.staged.path.read_bytes() == data
    assert len(asked) >= 3 and {advice for *_, advice in asked} == {os.POSIX_FADV_DONTNEED}
    ends = [0] + [offset + length for offset, length, _ in asked]
    assert [offset for offset, _, _ in asked] == ends[:-1]  # each starts where the last ended
    assert ends[-1] == len(data)
