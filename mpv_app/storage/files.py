"""Private file storage: a staging area for uploads and a content-addressed store.

Both live under ``MPV_STORAGE_DIR`` (never under Reflex's public upload dir), on one file
system, so publishing a staged file is a hard link: no copy, and the staged original stays
until the filing's transaction has committed.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

STAGING = ".staging"
_CHUNK = 1024 * 1024


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@dataclass
class StagedFile:
    """One upload being written: hashes and counts bytes as they stream in."""

    path: Path
    name: str
    _handle: BinaryIO
    _hash: hashlib._Hash = field(default_factory=hashlib.sha256)
    size: int = 0

    def write(self, data: bytes) -> None:
        self._handle.write(data)
        self._hash.update(data)
        self.size += len(data)

    def finish(self) -> str:
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        return self._hash.hexdigest()

    def abort(self) -> None:
        if not self._handle.closed:
            self._handle.close()
        self.path.unlink(missing_ok=True)


class FileStore:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.staging = root / STAGING

    # -- staging -------------------------------------------------------------------------
    def new_staged(self) -> StagedFile:
        self.staging.mkdir(parents=True, exist_ok=True)
        name = secrets.token_hex(16)
        path = self.staging / name
        return StagedFile(path=path, name=name, _handle=path.open("xb"))

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

    def publish(self, staging_name: str, sha256: str) -> bool:
        """Put a staged file into the store; True when this call created the stored file."""
        target = self.path_for(sha256)
        if target.exists():
            return False
        target.parent.mkdir(parents=True, exist_ok=True)
        source = self.staged_path(staging_name)
        try:
            os.link(source, target)
        except FileExistsError:
            return False  # a concurrent filing with the same bytes won the race
        except OSError:  # no hard links here: copy, then make it durable
            tmp = target.with_suffix(".tmp")
            with source.open("rb") as src, tmp.open("wb") as dst:
                while chunk := src.read(_CHUNK):
                    dst.write(chunk)
                dst.flush()
                os.fsync(dst.fileno())
            os.replace(tmp, target)
        _fsync_dir(target.parent)
        return True

    def remove(self, sha256: str) -> None:
        self.path_for(sha256).unlink(missing_ok=True)

    def exists(self, sha256: str) -> bool:
        return self.path_for(sha256).exists()
