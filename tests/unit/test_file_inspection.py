"""Content inspection against a corpus made by real writers plus hand-made hostile bytes.

Where a case states what libmagic answers, the test asserts it too: that pins which branch of
the inspector the file exercises, and flags a libmagic upgrade that changes its answers.
"""

from __future__ import annotations

import io
import itertools
import random
import struct
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import docx
import magic
import openpyxl
import pptx
import pytest
from fpdf import FPDF
from PIL import Image
from pypdf import PdfWriter
from pypdf import generic as pdf

from mpv_app.domain import files
from mpv_app.domain.enums import AttachmentKind
from mpv_app.domain.files import FileKind, FileRuleError
from mpv_app.storage.inspect import Inspection, inspect_file

K = FileKind
N = pdf.NameObject
DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
END, FREE, FATSECT, NOSTREAM = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFD, 0xFFFFFFFF
ANNEX_TEXT = files.ALLOWED_ANNEX_TEXT


def saved(document: Any, method: str = "save") -> bytes:
    out = io.BytesIO()
    getattr(document, method)(out)
    return out.getvalue()


def pdf_bytes(pages: int) -> bytes:
    document = FPDF()
    document.set_font("helvetica", size=12)
    for number in range(pages):
        document.add_page()
        document.cell(text=f"Página {number + 1}")
    return bytes(document.output())


def pdf_with_sig_field(*, signed: bool, nested: bool) -> bytes:
    """One page and a signature field, holding a (structurally valid) signature or empty."""
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(1)))
    page = writer.pages[0]
    rect = pdf.ArrayObject([pdf.NumberObject(0)] * 4)
    widget = pdf.DictionaryObject({N("/Subtype"): N("/Widget"), N("/Rect"): rect})
    widget[N("/P")] = page.indirect_reference
    widget[N("/T")] = pdf.TextStringObject("Firma1")
    top_ref = widget_ref = writer._add_object(widget)  # pypdf has no public way to add one
    if nested:  # /FT only on the parent: the signed kid field inherits it
        kids = pdf.ArrayObject([widget_ref])
        parent = pdf.DictionaryObject({N("/FT"): N("/Sig"), N("/Kids"): kids})
        parent[N("/T")] = pdf.TextStringObject("Firmas")
        top_ref = widget[N("/Parent")] = writer._add_object(parent)
    else:
        widget[N("/FT")] = N("/Sig")
    if signed:
        signature = {N("/Type"): N("/Sig"), N("/Contents"): pdf.ByteStringObject(bytes(64))}
        widget[N("/V")] = writer._add_object(pdf.DictionaryObject(signature))
    page[N("/Annots")] = pdf.ArrayObject([widget_ref])
    fields = pdf.DictionaryObject({N("/Fields"): pdf.ArrayObject([top_ref])})
    writer.root_object[N("/AcroForm")] = fields
    return saved(writer, "write")


def encrypted_pdf(user_password: str) -> bytes:
    # RC4: pypdf's pure-Python fallback has it; AES would need `cryptography`.
    writer = PdfWriter(clone_from=io.BytesIO(pdf_bytes(1)))
    writer.encrypt(user_password=user_password, owner_password="dueño", algorithm="RC4-128")
    return saved(writer, "write")


def zip_bytes(members: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            archive.writestr(name, data)
    return out.getvalue()


def members(package: bytes) -> list[tuple[str, bytes]]:
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        return [(name, archive.read(name)) for name in archive.namelist()]


def cfb(stream: str, size: int = 4096, *, directory_last: bool = False, fill: bytes = b"") -> bytes:
    """A minimal OLE compound file (v3, 512-byte sectors) holding one stream of `size` bytes.

    FAT sectors, then directory and stream (or stream then directory, as large files often
    have it); 4096+ byte streams live in regular sectors, so no mini stream is needed.
    """
    data_secs = size // 512
    fat_secs = 1
    while fat_secs * 128 < fat_secs + 1 + data_secs:
        fat_secs += 1
    dir_sec = fat_secs + data_secs if directory_last else fat_secs
    first = fat_secs if directory_last else fat_secs + 1
    fat = [FATSECT] * fat_secs + [FREE] * (fat_secs * 127)
    fat[first : first + data_secs] = range(first + 1, first + data_secs + 1)
    fat[first + data_secs - 1] = fat[dir_sec] = END
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH6x", 0x3E, 3, 0xFFFE, 9, 6)
        + struct.pack("<9I", 0, fat_secs, dir_sec, 0, 4096, END, 0, END, 0)
        + struct.pack("<109I", *range(fat_secs), *[FREE] * (109 - fat_secs))
    )

    def entry(name: str, kind: int, child: int = NOSTREAM, start: int = 0, size: int = 0) -> bytes:
        raw = (name + "\0").encode("utf-16-le") if name else b""
        fields = (len(raw), kind, 1, NOSTREAM, NOSTREAM, child, bytes(16), 0, 0, 0, start, size)
        return raw.ljust(64, b"\0") + struct.pack("<HBBIII16sIQQIQ", *fields)

    directory = entry("Root Entry", 5, 1, END) + entry(stream, 2, start=first, size=size)
    directory += entry("", 0) * 2
    payload = fill.ljust(size, b"\0")
    body = payload + directory if directory_last else directory + payload
    return header + struct.pack(f"<{len(fat)}I", *fat) + body


def _real_writers() -> tuple[bytes, bytes, bytes, bytes]:
    document = docx.Document()
    document.add_paragraph("Solicitud de información")
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Monto"
    presentation = pptx.Presentation()
    presentation.slides.add_slide(presentation.slide_layouts[0])
    jpeg = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(jpeg, format="JPEG")
    return saved(document), saved(workbook), saved(presentation), jpeg.getvalue()


DOCX, XLSX, PPTX, JPEG = _real_writers()
XML = b'<?xml version="1.0" encoding="UTF-8"?>\n<Invoice><ID>F001-123</ID></Invoice>\n'
EXE = b"MZ\x90\x00" + bytes(60) + b"This program cannot be run in DOS mode"
NOISE = random.Random(7).randbytes(2048)
PDF_M, ZIP_M, TEXT_M = "application/pdf", "application/zip", "text/plain"
OCTET_M, OLE_M = "application/octet-stream", "application/x-ole-storage"
DOCX_M = files.MIME_TYPES[K.DOCX]
OLE_CASES = [
    ("WordDocument", K.DOC, "application/msword"),
    ("Workbook", K.XLS, "application/vnd.ms-excel"),
    ("Book", K.XLS, "application/vnd.ms-excel"),
    ("PowerPoint Document", K.PPT, OLE_M),  # libmagic stays generic: found by the stream scan
]

# name, bytes, kind, what libmagic says, page count; PDFs as main document, the rest as annex.
ACCEPTED = [
    ("Carta 001.pdf", pdf_bytes(3), K.PDF, PDF_M, 3),
    ("anexo.docx", DOCX, K.DOCX, DOCX_M, None),
    ("anexo.xlsx", XLSX, K.XLSX, files.MIME_TYPES[K.XLSX], None),
    ("anexo.pptx", PPTX, K.PPTX, files.MIME_TYPES[K.PPTX], None),
    # libmagic judges OOXML by its first members: reordered, it says "Microsoft OOXML".
    ("al-reves.docx", zip_bytes(members(DOCX)[::-1]), K.DOCX, OCTET_M, None),
    ("extra.docx", zip_bytes([("aaa.txt", b"nota"), *members(DOCX)]), K.DOCX, ZIP_M, None),
    *((f"{s}.{k}", cfb(s), k, says, None) for s, k, says in OLE_CASES),
    # 128 KB puts a trailing directory beyond the first 64 KB the inspector scans.
    *(
        (f"{s} final.{k}", cfb(s, 128 * 1024, directory_last=True), k, says, None)
        for s, k, says in OLE_CASES
    ),
    ("foto.jpg", JPEG, K.JPEG, "image/jpeg", None),
    ("FOTO.JPEG", JPEG, K.JPEG, "image/jpeg", None),
    ("factura.xml", XML, K.XML, "text/xml", None),
    ("bom.xml", b"\xef\xbb\xbf" + XML, K.XML, "text/xml", None),
    ("utf16.xml", ("\ufeff" + XML.decode()).encode("utf-16-le"), K.XML, "text/xml", None),
    # libmagic wants "<?xml" at byte 0; the inspector allows leading blanks before it.
    ("blancos.xml", b"\n  " + XML, K.XML, TEXT_M, None),
]


def write(tmp_path: Path, data: bytes) -> Path:
    path = tmp_path / "staged.bin"  # staging names never carry the user's name or extension
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(("name", "data", "kind", "libmagic_says", "pages"), ACCEPTED)
def test_accepted(
    tmp_path: Path, name: str, data: bytes, kind: K, libmagic_says: str, pages: int | None
) -> None:
    assert magic.from_buffer(data, mime=True) == libmagic_says
    role: Literal["main", "annex"] = "main" if kind is K.PDF else "annex"
    expected = Inspection(kind, files.MIME_TYPES[kind], len(data), pages, has_signature=False)
    assert inspect_file(write(tmp_path, data), name, role=role) == expected


@pytest.mark.parametrize(("signed", "nested"), itertools.product([True, False], repeat=2))
def test_a_signature_field_is_not_a_signature(tmp_path: Path, signed: bool, nested: bool) -> None:
    """A /Sig field, even one holding a signature dictionary of zeros, proves nothing: only a
    signature pyHanko validates counts (tests/unit/test_signature_verification.py)."""
    data = pdf_with_sig_field(signed=signed, nested=nested)
    result = inspect_file(write(tmp_path, data), "contrato.pdf", role=AttachmentKind.MAIN)
    assert (result.has_signature, result.page_count) == (False, 1)
    assert all(check.verdict.value != "valid" for check in result.signatures)


def _macro_docx() -> bytes:
    macro = b"application/vnd.ms-word.document.macroEnabled.main+xml"
    return zip_bytes([(n, d.replace(DOCX_MAIN.encode(), macro)) for n, d in members(DOCX)])


def _huge_content_types() -> bytes:
    # Compresses to a few KB: only the size declared in the zip directory gives it away.
    huge = f'<Types><Override ContentType="{DOCX_MAIN}"/><!--{"x" * 2_000_000}--></Types>'
    return zip_bytes([("[Content_Types].xml", huge.encode()), ("word/document.xml", b"<w/>")])


HTML = b"<!DOCTYPE html><html><script>x()</script></html>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"/>'
FAKE_OLE = cfb("Contents", fill=b"xyz" + "WordDocument\0".encode("utf-16-le"))
MESSAGES: dict[str, Callable[[str], str]] = {
    "empty": files.empty_file,
    "encrypted": files.encrypted_pdf,
    "unreadable": files.unreadable_pdf,
    "not-annex": lambda name: files.not_allowed(name, ANNEX_TEXT),
    "not-main": lambda name: files.not_allowed(name, "PDF"),
    "must-be-pdf-docx": lambda name: files.main_must_be_pdf(name, K.DOCX),
    "mismatch-docx": lambda name: files.extension_mismatch(name, K.DOCX),
    "mismatch-doc": lambda name: files.extension_mismatch(name, K.DOC),
    "mismatch-jpeg": lambda name: files.extension_mismatch(name, K.JPEG),
}

# name, bytes, role, message builder, what libmagic says (None: not pinned)
REFUSED = [
    ("vacio.pdf", b"", "main", "empty", None),
    ("vacio.xml", b"", "annex", "empty", None),
    ("clave.pdf", encrypted_pdf("secreto"), "main", "encrypted", PDF_M),
    # An empty user password still encrypts the content ("owner password" protection).
    ("dueño.pdf", encrypted_pdf(""), "annex", "encrypted", PDF_M),
    ("cabecera.pdf", b"%PDF-1.7\n", "main", "unreadable", PDF_M),
    ("trunco.pdf", pdf_bytes(2)[:400], "main", "unreadable", PDF_M),
    ("cero-paginas.pdf", saved(PdfWriter(), "write"), "main", "unreadable", PDF_M),
    # libmagic says "Word 2007+" from member names; the declared main part says macros.
    ("macro.docx", _macro_docx(), "annex", "not-annex", DOCX_M),
    ("bomba.docx", _huge_content_types(), "annex", "not-annex", None),
    ("plano.docx", zip_bytes([("hola.txt", b"hola")]), "annex", "not-annex", ZIP_M),
    ("sin-ct.docx", zip_bytes(members(DOCX)[1:]), "annex", "not-annex", None),
    ("poliglota.docx", NOISE + DOCX, "annex", "not-annex", OCTET_M),
    ("azar.docx", NOISE, "annex", "not-annex", OCTET_M),
    ("pk.docx", b"PK\x03\x04" + NOISE, "annex", "not-annex", OCTET_M),
    # A stream name quoted inside the data does not count; only directory entries do.
    ("viejo.doc", FAKE_OLE, "annex", "not-annex", OLE_M),
    ("setup.pdf", EXE, "annex", "not-annex", "application/x-dosexec"),
    ("cargo.pdf", EXE, "main", "not-main", "application/x-dosexec"),
    ("pagina.doc", HTML, "annex", "not-annex", "text/html"),
    ("dibujo.xml", SVG, "annex", "not-annex", "image/svg+xml"),
    ("sin-decl.xml", b"<Invoice><ID>1</ID></Invoice>", "annex", "not-annex", TEXT_M),
    ("nota.pdf", b"Solo texto.", "main", "not-main", TEXT_M),
    ("informe.pdf", DOCX, "main", "mismatch-docx", DOCX_M),
    ("informe.docx", DOCX, "main", "must-be-pdf-docx", DOCX_M),
    ("planilla.xls", cfb("WordDocument"), "annex", "mismatch-doc", None),
    ("foto.png", JPEG, "annex", "mismatch-jpeg", None),
    ("C:\\Users\\x\\\u202eata\x00.pdf", EXE, "annex", "not-annex", None),
]


def refusal(tmp_path: Path, name: str, data: bytes, role: Any) -> str:
    with pytest.raises(FileRuleError) as caught:
        inspect_file(write(tmp_path, data), name, role=role)
    return caught.value.message


@pytest.mark.parametrize(("name", "data", "role", "builder", "libmagic_says"), REFUSED)
def test_refused(
    tmp_path: Path, name: str, data: bytes, role: Any, builder: str, libmagic_says: str | None
) -> None:
    if libmagic_says:
        assert magic.from_buffer(data, mime=True) == libmagic_says
    message = refusal(tmp_path, name, data, role)
    assert message == MESSAGES[builder](name)
    assert f"«{files.sanitize_filename(name)}»" in message


def test_refusals_read_as_the_user_sees_them(tmp_path: Path) -> None:
    assert refusal(tmp_path, "cargo.pdf", EXE, "main") == (
        "El archivo «cargo.pdf» no es un tipo permitido: su contenido no corresponde a PDF."
    )
    assert refusal(tmp_path, "informe.pdf", DOCX, "main") == (
        "El archivo «informe.pdf» no es un PDF válido: su contenido corresponde a un archivo "
        "Word (DOCX). Adjunte el archivo correcto o corrija su extensión."
    )
    assert refusal(tmp_path, "planilla.xls", cfb("WordDocument"), "annex") == (
        "El archivo «planilla.xls» no es un Excel (XLS) válido: su contenido corresponde a un "
        "archivo Word (DOC). Adjunte el archivo correcto o corrija su extensión."
    )
    assert refusal(tmp_path, "../../\u202eacta.pdf", b"", "annex") == (
        "El archivo «acta.pdf» está vacío (0 bytes); adjunte el archivo correcto."
    )
