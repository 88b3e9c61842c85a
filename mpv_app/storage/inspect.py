"""Content inspection of an uploaded file already on disk: what it really is, whatever its name.

The kind is decided by the bytes (libmagic first, then a bounded look inside zip and OLE
containers when libmagic only names the container), and the name must then agree with it, so a
renamed executable is refused and a renamed document is reported as such. Nothing here extracts
or executes anything: a zip gives up one small member, an OLE file two 64 KB windows.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import magic
from pypdf import PdfReader

from mpv_app.domain import files
from mpv_app.domain.enums import AttachmentKind, SignatureVerdict
from mpv_app.domain.files import FileKind, FileRuleError
from mpv_app.domain.signatures import SignatureCheck, document_verdict
from mpv_app.settings import get_settings
from mpv_app.storage.signatures import verify_pdf

__all__ = ["Inspection", "inspect_file"]

_CONTENT_TYPES = "[Content_Types].xml"
_MAX_CONTENT_TYPES_BYTES = 1024 * 1024  # real ones are a few KB; more smells of a zip bomb
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_SCAN_BYTES = 64 * 1024
_OLE_ENTRY_SIZE = 128  # directory entries start at 128-byte boundaries of the file
_XML_SNIFF_BYTES = 1024
_OOXML_KINDS = frozenset(files.OOXML_MAIN_CONTENT_TYPES.values())
MAGIC_READ_BYTES = 1024 * 1024
_MAX_FIELD_NODES = 10_000  # a hostile AcroForm may loop or fan out; stop walking after this


@lru_cache(maxsize=1)
def _detector() -> magic.Magic:
    """libmagic reads up to 7 MiB of a file by default; its signatures need far less, and a
    smaller read keeps a 20 MB upload's memory low. python-magic serializes calls itself."""
    detector = magic.Magic(mime=True)
    detector.setparam(magic.MAGIC_PARAM_BYTES_MAX, MAGIC_READ_BYTES)
    return detector


@dataclass(frozen=True)
class Inspection:
    """What an accepted file is.

    `mime` is the type to serve it with, not libmagic's raw answer, which may only name a
    container (application/zip, application/x-ole-storage).
    """

    kind: FileKind
    mime: str
    size_bytes: int
    page_count: int | None
    has_signature: bool  # at least one valid signature by a trusted certificate
    signatures: tuple[SignatureCheck, ...] = ()  # every signature of a PDF, as pyHanko judged it


def inspect_file(path: Path, original_name: str, *, role: AttachmentKind) -> Inspection:
    """Decide what the file at `path` is and whether it may be a `role` of a filing.

    Raises FileRuleError naming the sanitized `original_name`. Only the main document's rules
    are stricter (PDF only); annexes accept every kind in `files.ANNEX_KINDS`.
    """
    name = files.sanitize_filename(original_name)
    size = path.stat().st_size
    if size == 0:
        raise FileRuleError(files.empty_file(name))
    mime = _detector().from_file(str(path))
    kind = _detect_kind(path, mime, name)
    if kind is None:
        allowed = (
            files.ALLOWED_MAIN_TEXT if role == AttachmentKind.MAIN else files.ALLOWED_ANNEX_TEXT
        )
        raise FileRuleError(files.not_allowed(name, allowed))
    if not files.extension_matches(name, kind):
        raise FileRuleError(files.extension_mismatch(name, kind))
    allowed_kinds = files.MAIN_KINDS if role == AttachmentKind.MAIN else files.ANNEX_KINDS
    if kind not in allowed_kinds:
        raise FileRuleError(files.main_must_be_pdf(name, kind))
    page_count: int | None = None
    signatures: tuple[SignatureCheck, ...] = ()
    if kind is FileKind.PDF:
        page_count = _read_pdf(path, name)
        signatures = verify_pdf(path, get_settings().signature_trust_dir)
    return Inspection(
        kind=kind,
        mime=files.MIME_TYPES[kind],
        size_bytes=size,
        page_count=page_count,
        has_signature=document_verdict(signatures) is SignatureVerdict.VALID,
        signatures=signatures,
    )


def _detect_kind(path: Path, mime: str, name: str) -> FileKind | None:
    normalized = mime.lower()
    kind = files.kind_from_mime(normalized)
    if kind is FileKind.XML:
        return kind if _starts_like_xml(path, declaration=False) else None
    if kind in _OOXML_KINDS:
        # libmagic judges OOXML by member names only; the declared main part is what Office
        # obeys (a macro-enabled .docm renamed .docx is named "Word 2007+" by libmagic).
        return _choose(_ooxml_kinds(path), name)
    if kind is not None:
        return kind
    if normalized == "text/plain" and _starts_like_xml(path, declaration=True):
        # libmagic only says text/xml when "<?xml" is the very first thing in the file.
        return FileKind.XML
    if normalized in files.ZIP_CONTAINER_MIMES:
        return _choose(_ooxml_kinds(path), name)
    if normalized in files.OLE_CONTAINER_MIMES:
        return _choose(_ole_kinds(path), name)
    return None


def _choose(candidates: list[FileKind], name: str) -> FileKind | None:
    """The candidate the name agrees with, else the first (then reported as a mismatch)."""
    matching = [kind for kind in candidates if files.extension_matches(name, kind)]
    preferred = matching or candidates
    return preferred[0] if preferred else None


def _decode_prefix(data: bytes) -> str:
    for bom, codec in (
        (b"\xef\xbb\xbf", "utf-8"),
        (b"\xff\xfe", "utf-16-le"),
        (b"\xfe\xff", "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(codec, errors="ignore")
    return data.decode("utf-8", errors="ignore")


def _starts_like_xml(path: Path, *, declaration: bool) -> bool:
    with path.open("rb") as handle:
        text = _decode_prefix(handle.read(_XML_SNIFF_BYTES)).lstrip()
    return text.startswith("<?xml" if declaration else "<")


def _ooxml_kinds(path: Path) -> list[FileKind]:
    """OOXML kinds named as main part in [Content_Types].xml; the only member ever read."""
    with path.open("rb") as handle:
        if handle.read(len(_ZIP_MAGIC)) != _ZIP_MAGIC:
            return []  # not a zip from its first byte: octet-stream, or a polyglot
    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo(_CONTENT_TYPES)
            if info.file_size > _MAX_CONTENT_TYPES_BYTES:
                return []
            with archive.open(info) as member:
                # Bounded read: the declared size may lie; asking for limit + 1 bytes caps what the
                # decompressor may produce, however well the member compresses.
                data = member.read(_MAX_CONTENT_TYPES_BYTES + 1)
    except (
        KeyError,
        zipfile.BadZipFile,
        RuntimeError,
        NotImplementedError,
        OSError,
        EOFError,
        zlib.error,
        ValueError,
    ):
        return []
    if len(data) > _MAX_CONTENT_TYPES_BYTES:
        return []
    text = _decode_prefix(data)
    return [kind for ct, kind in files.OOXML_MAIN_CONTENT_TYPES.items() if ct in text]


def _ole_kinds(path: Path) -> list[FileKind]:
    """Legacy Office kinds whose identifying stream appears in the OLE directory.

    The directory is looked for in the first 64 KB and in the 64 KB at the first directory
    sector the header names (large files often keep it at the end); names only count at an
    entry boundary and with their terminating NUL, so document text cannot fake them.
    """
    with path.open("rb") as handle:
        head = handle.read(_OLE_SCAN_BYTES)
        if not head.startswith(_OLE_MAGIC) or len(head) < 512:
            return []
        (sector_shift,) = struct.unpack_from("<H", head, 30)
        (first_dir_sector,) = struct.unpack_from("<I", head, 48)
        chunks = [head]
        if 7 <= sector_shift <= 16:
            offset = (first_dir_sector + 1) << sector_shift
            if offset + _OLE_ENTRY_SIZE > len(head):
                handle.seek(offset)
                chunks.append(handle.read(_OLE_SCAN_BYTES))
    found: list[FileKind] = []
    for stream, kind in files.OLE_STREAM_KINDS:
        needle = (stream + "\0").encode("utf-16-le")
        if kind not in found and any(_at_entry(chunk, needle) for chunk in chunks):
            found.append(kind)
    return found


def _at_entry(chunk: bytes, needle: bytes) -> bool:
    start = chunk.find(needle)
    while start != -1:
        if start % _OLE_ENTRY_SIZE == 0:
            return True
        start = chunk.find(needle, start + 1)
    return False


def _read_pdf(path: Path, name: str) -> int:
    try:
        reader = PdfReader(path, strict=False)
        if reader.is_encrypted:
            raise FileRuleError(files.encrypted_pdf(name))
        page_count = len(reader.pages)
    except FileRuleError:
        raise
    except Exception as error:  # pypdf raises far beyond PdfReadError on hostile input
        raise FileRuleError(files.unreadable_pdf(name)) from error
    if page_count < 1:
        raise FileRuleError(files.unreadable_pdf(name))
    return page_count
