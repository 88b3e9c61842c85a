"""Private file storage: a staging area for uploads and a content-addressed store.

Both live under ``MPV_STORAGE_DIR`` (never under Reflex's public upload dir), on one file
system, so publishing a staged file is a hard link: no copy, and the staged original stays
until the filing's transaction has committed. Where hard links are not available the file is
copied to a private temporary name, made durable, and renamed into place, so the store never
holds a half-written object under a real name.

Deleting a stored object is the sweep's job alone (``services.publishing``); this module only
offers the primitive. Any ``OSError`` (full disk, read-only mount, lost share) surfaces as
``StoreFailure`` after every partial file and descriptor of the failed operation is gone.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from mpv_app.domain.store_errors import StoreProblem

STAGING = ".staging"
_CHUNK = 1024 * 1024
_TMP_PREFIX = ".tmp-"


class StoreFailure(Exception):
    def __init__(self, problem: StoreProblem, detail: str) -> None:
        super().__init__(f"{problem.value}: {detail}")
        self.problem = problem


def _failure(error: OSError) -> StoreFailure:
    return StoreFailure(StoreProblem.of(error), str(error))


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _start_writeback(fd: int, start: int, end: int) -> None:
    """Ask the kernel to begin writing ``[start, end)`` out now (Linux starts writeback of dirty
    pages on ``POSIX_FADV_DONTNEED``), so the closing fsync waits for little; elsewhere, or if
    refused, the fsync does it all."""
    if hasattr(os, "posix_fadvise"):
        with contextlib.suppress(OSError):
            os.posix_fadvise(fd, start, end - start, os.POSIX_FADV_DONTNEED)


@dataclass
class StagedFile:
    """One upload being written: hashes and counts bytes as they stream in."""

    path: Path
    name: str
    _handle: BinaryIO
    _hash: hashlib._Hash = field(default_factory=hashlib.sha256)
    size: int = 0

    def write(self, data: bytes) -> None:
        self.store_pieces([data])
        self.digest_pieces([data])

    def store_pieces(self, pieces: list[bytes]) -> None:
        """Write and count ``pieces``, and start the disk writing them at once; with
        ``digest_pieces`` it may run in another thread at the same time (both release the GIL),
        which is how ``storage.intake`` hashes while it writes."""
        length = sum(map(len, pieces))
        try:
            for piece in pieces:
                self._handle.write(piece)
            self._handle.flush()
            _start_writeback(self._handle.fileno(), self.size, self.size + length)
        except OSError as error:
            self.abort()
            raise _failure(error) from error
        self.size += length

    def digest_pieces(self, pieces: list[bytes]) -> None:
        for piece in pieces:
            self._hash.update(piece)

    def finish(self) -> str:
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
            self._handle.close()
        except OSError as error:
            self.abort()
            raise _failure(error) from error
        return self._hash.hexdigest()

    def abort(self) -> None:
        """Close and delete; safe to call twice and after a failed write or flush."""
        if not self._handle.closed:
            # Buffered bytes that could not be flushed go with the file.
            with contextlib.suppress(OSError):
                self._handle.close()
        self.path.unlink(missing_ok=True)


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging = root / STAGING

    # -- staging -------------------------------------------------------------------------
    def new_staged(self) -> StagedFile:
        name = secrets.token_hex(16)
        path = self.staging / name
        try:
            self.staging.mkdir(parents=True, exist_ok=True)
            handle = path.open("xb")
        except OSError as error:
            raise _failure(error) from error
        return StagedFile(path=path, name=name, _handle=handle)

    def staged_path(self, staging_name: str) -> Path:
        if not staging_name.isalnum():  # names are ours; refuse anything path-like
            raise ValueError("invalid staging name")
        return self.staging / staging_name

    def discard_staged(self, staging_name: str) -> None:
        self.staged_path(staging_name).unlink(missing_ok=True)

    # -- content-addressed store -----------------------------------------------------------
    def path_for(self, sha256: str) -> Path:
        if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
            raise ValueError("invalid sha256")
        return self.root / sha256[:2] / sha256[2:4] / sha256

    def publish(self, staging_name: str, sha256: str) -> None:
        """Make the staged file the stored object ``sha256`` (a no-op when it is there).

        The caller has already recorded the publish in the database (``services.publishing``):
        that, not this file's mtime, is what keeps the sweep away from it.
        """
        target = self.path_for(sha256)
        source = self.staged_path(staging_name)
        try:
            if target.exists():
                return
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(source, target)
            except FileExistsError:
                return  # a concurrent filing with the same bytes won the race
            except OSError as error:
                if not source.exists():
                    raise
                del error  # no hard links on this file system: copy instead
                self._copy_into(source, target)
            _fsync_dir(target.parent)
        except OSError as error:
            raise _failure(error) from error

    @staticmethod
    def _copy_into(source: Path, target: Path) -> None:
        tmp = target.parent / f"{_TMP_PREFIX}{secrets.token_hex(8)}"
        try:
            with source.open("rb") as src, tmp.open("xb") as dst:
                while chunk := src.read(_CHUNK):
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(tmp, target)  # same bytes by construction: replacing is harmless
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise

    def delete_object(self, sha256: str) -> None:
        """For the sweep only, while it holds the object's row lock."""
        self.path_for(sha256).unlink(missing_ok=True)

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()

    def temporaries(self) -> list[Path]:
        """Copies a crash interrupted before their rename (the sweep removes old ones)."""
        return list(self.root.glob(f"??/??/{_TMP_PREFIX}*"))

    def object_names(self) -> list[str]:
        """Names of every stored object on disk (temporary copies excluded)."""
        return [
            path.name
            for path in self.root.glob("??/??/*")
            if path.parent.parent.name != STAGING and not path.name.startswith(_TMP_PREFIX)
        ]
