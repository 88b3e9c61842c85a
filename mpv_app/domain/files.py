"""File rules of a filing: which kinds are accepted, how names are cleaned, what users are told.

Pure on purpose: the storage layer inspects bytes and the services enforce budgets, but both
speak the same vocabulary (kinds, MIME tables, Spanish messages) defined here, so the browser,
the upload handler and the submit service can never disagree about what a file is.
Message builders return plain strings; raise them as ``FileRuleError(message)``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from enum import StrEnum
from types import MappingProxyType
from typing import Final

from mpv_app.domain.file_sizes import format_mb, meter_level, meter_text
from mpv_app.domain.hygiene import strip_controls

__all__ = [
    "ALLOWED_ANNEX_TEXT",
    "ALLOWED_MAIN_TEXT",
    "ANNEX_HINT",
    "ANNEX_KINDS",
    "BROWSER_ACCEPT_ANNEX",
    "BROWSER_ACCEPT_MAIN",
    "EXTENSIONS",
    "KIND_LABELS",
    "MAIN_KINDS",
    "MAX_NAME_LENGTH",
    "MIME_TYPES",
    "OLE_CONTAINER_MIMES",
    "OLE_STREAM_KINDS",
    "OOXML_MAIN_CONTENT_TYPES",
    "ZIP_CONTAINER_MIMES",
    "FileKind",
    "FileRuleError",
    "empty_file",
    "encrypted_pdf",
    "extension_matches",
    "extension_mismatch",
    "format_mb",
    "kind_from_extension",
    "kind_from_mime",
    "main_must_be_pdf",
    "meter_level",
    "meter_text",
    "not_allowed",
    "page_count_mismatch",
    "sanitize_filename",
    "signature_required",
    "total_too_large",
    "unreadable_pdf",
]


class FileKind(StrEnum):
    PDF = "pdf"
    DOC = "doc"
    DOCX = "docx"
    XLS = "xls"
    XLSX = "xlsx"
    PPT = "ppt"
    PPTX = "pptx"
    XML = "xml"
    JPEG = "jpeg"


MAIN_KINDS: Final = frozenset({FileKind.PDF})
ANNEX_KINDS: Final = frozenset(FileKind)

# Read after "un", as in "no es un PDF válido" / "corresponde a un archivo Word (DOCX)".
KIND_LABELS: Final = MappingProxyType(
    {
        FileKind.PDF: "PDF",
        FileKind.DOC: "Word (DOC)",
        FileKind.DOCX: "Word (DOCX)",
        FileKind.XLS: "Excel (XLS)",
        FileKind.XLSX: "Excel (XLSX)",
        FileKind.PPT: "PowerPoint (PPT)",
        FileKind.PPTX: "PowerPoint (PPTX)",
        FileKind.XML: "XML",
        FileKind.JPEG: "JPG/JPEG",
    }
)
ALLOWED_ANNEX_TEXT: Final = "PDF, DOC/DOCX, XLS/XLSX, PPT/PPTX, XML, JPG/JPEG"
ALLOWED_MAIN_TEXT: Final = "PDF"

# Extensions are the enum values, but a JPEG may be ".jpg" too; the first one is suggested.
EXTENSIONS: Final[Mapping[FileKind, tuple[str, ...]]] = MappingProxyType(
    {kind: (f".{kind.value}",) for kind in FileKind} | {FileKind.JPEG: (".jpg", ".jpeg")}
)

# libmagic MIME answers that name the kind outright. Generic containers are absent on purpose:
# a zip or an OLE file could be anything, so the inspector looks inside before deciding.
_OOXML: Final = "application/vnd.openxmlformats-officedocument."
_MIME_KINDS: Final = MappingProxyType(
    {
        "application/pdf": FileKind.PDF,
        "application/msword": FileKind.DOC,
        "application/vnd.ms-excel": FileKind.XLS,
        "application/vnd.ms-powerpoint": FileKind.PPT,
        f"{_OOXML}wordprocessingml.document": FileKind.DOCX,
        f"{_OOXML}spreadsheetml.sheet": FileKind.XLSX,
        f"{_OOXML}presentationml.presentation": FileKind.PPTX,
        "application/xml": FileKind.XML,  # RFC 7303 prefers it to text/xml for serving
        "text/xml": FileKind.XML,
        "image/jpeg": FileKind.JPEG,
    }
)
# The type to serve each kind with: the first MIME listed for it above.
MIME_TYPES: Final = MappingProxyType({kind: m for m, kind in [*_MIME_KINDS.items()][::-1]})
# What a drop zone lets the browser pick (react-dropzone's ``accept``), from the same table;
# the server still decides by content (storage.inspect).
BROWSER_ACCEPT_MAIN: Final = {
    m: list(EXTENSIONS[k]) for m, k in _MIME_KINDS.items() if k in MAIN_KINDS
}
BROWSER_ACCEPT_ANNEX: Final = {
    m: list(EXTENSIONS[k]) for m, k in _MIME_KINDS.items() if k in ANNEX_KINDS
}
ANNEX_HINT: Final = f"{ALLOWED_ANNEX_TEXT}."  # under every annex drop zone
# Lower-cased: libmagic spells the compound-file answer "application/CDFV2".
OLE_CONTAINER_MIMES: Final = frozenset(
    {"application/x-ole-storage", "application/cdfv2", "application/vnd.ms-office"}
)
# libmagic says octet-stream for OOXML whose first zip member is not one it knows.
ZIP_CONTAINER_MIMES: Final = frozenset({"application/zip", "application/octet-stream"})
# Main-part content types in [Content_Types].xml; macro-enabled and template variants are
# deliberately missing, so .docm/.xlsm/.pptm and templates are refused.
OOXML_MAIN_CONTENT_TYPES: Final = MappingProxyType(
    {
        f"{_OOXML}wordprocessingml.document.main+xml": FileKind.DOCX,
        f"{_OOXML}spreadsheetml.sheet.main+xml": FileKind.XLSX,
        f"{_OOXML}presentationml.presentation.main+xml": FileKind.PPTX,
    }
)
# Stream names that identify a legacy Office document inside an OLE compound file.
OLE_STREAM_KINDS: Final = (
    ("WordDocument", FileKind.DOC),
    ("Workbook", FileKind.XLS),
    ("Book", FileKind.XLS),
    ("PowerPoint Document", FileKind.PPT),
)

MAX_NAME_LENGTH: Final = 120
_MAX_EXTENSION_LENGTH: Final = 10  # longer "extensions" are just dots inside a name
_MIB: Final = 1024 * 1024
_WHITESPACE_RE: Final = re.compile(r"\s+")
_SEPARATOR_RE: Final = re.compile(r"[/\\]")
# Reserved on Windows; a staff member saving the download there would otherwise fail.
_WINDOWS_RESERVED_RE: Final = re.compile(r'[<>:"|?*]')


class FileRuleError(ValueError):
    """A refused file; `message` names the file and is safe to show to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def kind_from_mime(mime: str) -> FileKind | None:
    """Kind for a MIME type that alone decides it; None for containers and everything else."""
    return _MIME_KINDS.get(mime.split(";", 1)[0].strip().lower())


def _extension(name: str) -> str:
    stem, dot, ext = name.rpartition(".")
    if not dot or not stem or not ext or len(ext) > _MAX_EXTENSION_LENGTH:
        return ""
    return "." + ext.lower()


def kind_from_extension(name: str) -> FileKind | None:
    """What the name claims to be, used only to word messages, never to accept a file."""
    ext = _extension(name)
    return next((kind for kind, exts in EXTENSIONS.items() if ext in exts), None)


def extension_matches(name: str, kind: FileKind) -> bool:
    """Whether the name ends like `kind`; staff open files by name, so it must not lie."""
    return _extension(name) in EXTENSIONS[kind]


def sanitize_filename(name: str) -> str:
    """A safe display and download name derived from what the browser sent.

    Decision: clean, never reject. A sender cannot fix a name they did not type (the browser or
    the OS produced it), so any name becomes usable; an empty result becomes "archivo". Only the
    last path component is kept, ANSI escape sequences, control, invisible and
    bidirectional-override characters (which make "Pago \u202eexe.fdp" display as "Pago
    pdf.exe") are dropped, so the name shown is the name stored; the extension survives
    truncation because the rules check it. Idempotent, so layers may call it again safely.
    """
    name = _SEPARATOR_RE.split(strip_controls(name))[-1]  # ANSI escapes gone, NFC
    name = _WHITESPACE_RE.sub(" ", name)
    name = "".join(ch for ch in name if not unicodedata.category(ch).startswith("C"))
    name = _WINDOWS_RESERVED_RE.sub("_", name)
    name = name.strip(" .")
    if len(name) > MAX_NAME_LENGTH:
        ext = _extension(name)
        stem = name[: len(name) - len(ext)] if ext else name
        # Never empty: the name was stripped, so its first character is neither dot nor space.
        stem = stem[: MAX_NAME_LENGTH - len(ext)].rstrip(" .")
        name = stem + name[len(name) - len(ext) :]
    return name or "archivo"


def empty_file(name: str) -> str:
    return (
        f"El archivo «{sanitize_filename(name)}» está vacío (0 bytes); adjunte el archivo correcto."
    )


def not_allowed(name: str, allowed_text: str) -> str:
    return (
        f"El archivo «{sanitize_filename(name)}» no es un tipo permitido: "
        f"su contenido no corresponde a {allowed_text}."
    )


def main_must_be_pdf(name: str, kind: FileKind | None = None) -> str:
    found = f": su contenido corresponde a un archivo {KIND_LABELS[kind]}" if kind else ""
    return f"El documento principal «{sanitize_filename(name)}» debe ser un PDF{found}."


def extension_mismatch(name: str, kind: FileKind) -> str:
    """Content is `kind` but the name says otherwise (or nothing): told apart for the user."""
    name = sanitize_filename(name)
    claimed = kind_from_extension(name)
    if claimed is None:
        return (
            f"El archivo «{name}» no tiene la extensión de un tipo permitido: su contenido "
            f"corresponde a un archivo {KIND_LABELS[kind]} y su nombre debería terminar en "
            f"{EXTENSIONS[kind][0]}."
        )
    return (
        f"El archivo «{name}» no es un {KIND_LABELS[claimed]} válido: su contenido corresponde "
        f"a un archivo {KIND_LABELS[kind]}. Adjunte el archivo correcto o corrija su extensión."
    )


def encrypted_pdf(name: str) -> str:
    return (
        f"El archivo «{sanitize_filename(name)}» está protegido con contraseña o cifrado; "
        "adjunte una versión sin cifrar."
    )


def unreadable_pdf(name: str) -> str:
    return (
        f"El archivo «{sanitize_filename(name)}» no se puede leer como PDF: está dañado o "
        "incompleto. Genérelo de nuevo y vuelva a adjuntarlo."
    )


def signature_required(name: str, type_name: str) -> str:
    return (
        f"El tipo «{type_name}» solo se acepta firmado digitalmente: el documento principal "
        f"«{sanitize_filename(name)}» no contiene una firma digital."
    )


def total_too_large(name: str, limit_mb: int, current_bytes: int) -> str:
    return (
        f"No se pudo agregar «{sanitize_filename(name)}»: el total de la correspondencia "
        f"superaría el límite de {limit_mb} MB (ya tiene {format_mb(current_bytes)})."
    )


def page_count_mismatch(declared: int, actual: int) -> str:
    """A warning, not a refusal: the sender may have counted cover sheets differently."""
    pages = "página" if declared == 1 else "páginas"
    return (
        f"Indicó {declared} {pages} en «Nº de páginas», pero el documento principal tiene "
        f"{actual}. Revise el dato antes de guardar."
    )
