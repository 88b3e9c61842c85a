from __future__ import annotations

from collections.abc import Callable

import pytest

from mpv_app.domain import files
from mpv_app.domain.files import FileKind, FileRuleError

MIB = 1024 * 1024
LIMIT = 20 * MIB


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("C:\\x\\a.docx", "a.docx"),
        ("carpeta/sub\\Informe final.pdf", "Informe final.pdf"),
        ("a\x00b\x07c.pdf", "abc.pdf"),
        ("cargo\u202efdp.exe", "cargofdp.exe"),  # would display as "cargoexe.pdf"
        ("zero\u200bwidth.pdf", "zerowidth.pdf"),
        ("a\tb\n\n  c.pdf", "a b c.pdf"),
        ("  ..oculto.pdf", "oculto.pdf"),
        ("final.pdf. ", "final.pdf"),
        ("Acta 10:30?.pdf", "Acta 10_30_.pdf"),
        ("Informe\u0301.pdf", "Informé.pdf"),  # decomposed accent composed by NFC
        ("", "archivo"),
        ("   ", "archivo"),
        ("../", "archivo"),
        ("...", "archivo"),
        ("\u202e\u202c", "archivo"),
    ],
)
def test_sanitize_filename(raw: str, clean: str) -> None:
    assert files.sanitize_filename(raw) == clean


def test_sanitize_filename_nfc_normalizes() -> None:
    assert files.sanitize_filename("Cotizacio\u0301n.xlsx") == "Cotizaci\u00f3n.xlsx"


def test_long_names_keep_extension_within_limit() -> None:
    cleaned = files.sanitize_filename("x" * 300 + ".PDF")
    assert len(cleaned) == files.MAX_NAME_LENGTH == 120
    assert cleaned == "x" * 116 + ".PDF"


def test_long_names_without_extension_are_cut() -> None:
    assert files.sanitize_filename("y" * 500) == "y" * 120
    # An overlong "extension" is just part of the name and gets cut with it.
    assert files.sanitize_filename("a." + "z" * 200) == "a." + "z" * 118


def test_truncation_does_not_leave_trailing_dots_or_spaces() -> None:
    cleaned = files.sanitize_filename("a" * 110 + " . . . . " + "b" * 20 + ".docx")
    assert cleaned == "a" * 110 + ".docx"


@pytest.mark.parametrize(
    "raw", ["../../etc/passwd.pdf", "x" * 300 + ".pdf", "a\u202e b .. .docx", "", "C:\\d\\e.xml"]
)
def test_sanitize_filename_is_idempotent(raw: str) -> None:
    once = files.sanitize_filename(raw)
    assert files.sanitize_filename(once) == once


@pytest.mark.parametrize(
    ("name", "kind", "matches"),
    [
        ("a.pdf", FileKind.PDF, True),
        ("A.PDF", FileKind.PDF, True),
        ("foto.jpg", FileKind.JPEG, True),
        ("foto.JPEG", FileKind.JPEG, True),
        ("foto.jpe", FileKind.JPEG, False),
        ("a.docx", FileKind.DOC, False),
        ("a.doc", FileKind.DOCX, False),
        ("pdf", FileKind.PDF, False),
        (".pdf", FileKind.PDF, False),
        ("a.pdf.exe", FileKind.PDF, False),
        ("a.exe.pdf", FileKind.PDF, True),
        ("datos.xml", FileKind.XML, True),
    ],
)
def test_extension_matches(name: str, kind: FileKind, matches: bool) -> None:
    assert files.extension_matches(name, kind) is matches


def test_every_kind_has_label_extension_and_mime() -> None:
    assert set(files.KIND_LABELS) == set(files.EXTENSIONS) == set(files.MIME_TYPES) == set(FileKind)
    assert {FileKind.PDF} == files.MAIN_KINDS
    assert set(FileKind) == files.ANNEX_KINDS
    assert files.KIND_LABELS[FileKind.DOC] == "Word (DOC)"
    assert files.ALLOWED_ANNEX_TEXT == "PDF, DOC/DOCX, XLS/XLSX, PPT/PPTX, XML, JPG/JPEG"


@pytest.mark.parametrize(
    ("mime", "kind"),
    [
        ("application/pdf", FileKind.PDF),
        ("application/msword", FileKind.DOC),
        ("application/vnd.ms-excel", FileKind.XLS),
        ("application/vnd.ms-powerpoint", FileKind.PPT),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", FileKind.DOCX),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", FileKind.XLSX),
        (
            "application/vnd.openxmlformats-officedocument.presentationml.presentation",
            FileKind.PPTX,
        ),
        ("text/xml", FileKind.XML),
        ("application/xml; charset=utf-8", FileKind.XML),
        ("IMAGE/JPEG", FileKind.JPEG),
        ("application/x-ole-storage", None),
        ("application/CDFV2", None),
        ("application/zip", None),
        ("application/octet-stream", None),
        ("text/html", None),
        ("image/svg+xml", None),
        ("application/x-dosexec", None),
    ],
)
def test_kind_from_mime(mime: str, kind: FileKind | None) -> None:
    assert files.kind_from_mime(mime) == kind


def test_container_mimes_are_lower_case_for_lookup() -> None:
    assert "application/cdfv2" in files.OLE_CONTAINER_MIMES
    assert "application/zip" in files.ZIP_CONTAINER_MIMES


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 KB"),
        (1, "1 KB"),
        (MIB // 10 - 1, "102 KB"),
        (MIB - 1, "1023 KB"),
        (MIB, "1,0 MB"),
        (19 * MIB, "19,0 MB"),
        (int(18.25 * MIB), "18,2 MB"),
        (LIMIT - 1, "19,9 MB"),  # rounded down: never shows the limit before reaching it
        (LIMIT, "20,0 MB"),
        (1500 * MIB, "1500,0 MB"),
    ],
)
def test_format_mb(size: int, text: str) -> None:
    assert files.format_mb(size) == text


def test_format_mb_refuses_negative_sizes() -> None:
    with pytest.raises(ValueError):
        files.format_mb(-1)


def test_meter_text() -> None:
    assert files.meter_text(int(18.25 * MIB), LIMIT) == "18,2 MB de 20 MB"
    assert files.meter_text(0, LIMIT) == "0 KB de 20 MB"
    assert files.meter_text(MIB, int(2.5 * MIB)) == "1,0 MB de 2,5 MB"


@pytest.mark.parametrize(
    ("total", "level"),
    [
        (0, "ok"),
        (LIMIT * 799 // 1000, "ok"),  # 79.9 %
        (LIMIT * 80 // 100 - 1, "ok"),
        (LIMIT * 80 // 100, "warning"),  # exactly 80 %
        (LIMIT - 1, "warning"),
        (LIMIT, "full"),  # exactly 100 %
        (LIMIT + 1, "full"),
    ],
)
def test_meter_level_boundaries(total: int, level: str) -> None:
    assert files.meter_level(total, LIMIT) == level


def test_meter_level_needs_a_positive_limit() -> None:
    with pytest.raises(ValueError):
        files.meter_level(0, 0)


def test_message_texts() -> None:
    assert files.empty_file("a.pdf") == (
        "El archivo «a.pdf» está vacío (0 bytes); adjunte el archivo correcto."
    )
    assert files.not_allowed("x.pdf", files.ALLOWED_ANNEX_TEXT) == (
        "El archivo «x.pdf» no es un tipo permitido: su contenido no corresponde a "
        "PDF, DOC/DOCX, XLS/XLSX, PPT/PPTX, XML, JPG/JPEG."
    )
    assert files.main_must_be_pdf("a.docx") == "El documento principal «a.docx» debe ser un PDF."
    assert files.main_must_be_pdf("f.jpg", FileKind.JPEG) == (
        "El documento principal «f.jpg» debe ser un PDF: "
        "su contenido corresponde a un archivo JPG/JPEG."
    )
    assert files.extension_mismatch("informe.pdf", FileKind.DOCX) == (
        "El archivo «informe.pdf» no es un PDF válido: su contenido corresponde a un archivo "
        "Word (DOCX). Adjunte el archivo correcto o corrija su extensión."
    )
    assert files.extension_mismatch("foto.png", FileKind.JPEG) == (
        "El archivo «foto.png» no tiene la extensión de un tipo permitido: su contenido "
        "corresponde a un archivo JPG/JPEG y su nombre debería terminar en .jpg."
    )
    assert files.encrypted_pdf("s.pdf") == (
        "El archivo «s.pdf» está protegido con contraseña o cifrado; "
        "adjunte una versión sin cifrar."
    )
    assert files.unreadable_pdf("r.pdf") == (
        "El archivo «r.pdf» no se puede leer como PDF: está dañado o incompleto. "
        "Genérelo de nuevo y vuelva a adjuntarlo."
    )
    assert files.signature_required("x.pdf", "Contrato") == (
        "El tipo «Contrato» solo se acepta firmado digitalmente: el documento principal "
        "«x.pdf» no contiene una firma digital."
    )
    assert files.total_too_large("x", 20, int(18.25 * MIB)) == (
        "No se pudo agregar «x»: el total de la correspondencia superaría el límite de 20 MB "
        "(ya tiene 18,2 MB)."
    )


def test_page_count_mismatch_is_a_warning_text() -> None:
    assert files.page_count_mismatch(5, 3) == (
        "Indicó 5 páginas en «Nº de páginas», pero el documento principal tiene 3. "
        "Revise el dato antes de guardar."
    )
    assert files.page_count_mismatch(1, 2).startswith("Indicó 1 página en")


HOSTILE = "../tmp/\u202einforme\x07.pdf"


@pytest.mark.parametrize(
    "build",
    [
        files.empty_file,
        lambda n: files.not_allowed(n, files.ALLOWED_MAIN_TEXT),
        files.main_must_be_pdf,
        lambda n: files.extension_mismatch(n, FileKind.XLSX),
        files.encrypted_pdf,
        files.unreadable_pdf,
        lambda n: files.signature_required(n, "Orden de servicio"),
        lambda n: files.total_too_large(n, 20, 0),
    ],
)
def test_every_message_names_the_sanitized_file(build: Callable[[str], str]) -> None:
    message = build(HOSTILE)
    assert "«informe.pdf»" in message
    assert "\u202e" not in message and "../" not in message


def test_file_rule_error_carries_the_message() -> None:
    error = FileRuleError(files.empty_file("a.pdf"))
    assert isinstance(error, ValueError)
    assert error.message == str(error) == files.empty_file("a.pdf")
