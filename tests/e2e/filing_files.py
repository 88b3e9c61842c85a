"""Files for the filing tests, written by real writers (fpdf2, pypdf, python-docx) or by hand.

Every generator writes under the directory it is given (the test's ``tmp_path``) and returns the
path; sizes are whatever the writer produced, so tests compute expectations from the real files.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from docx import Document
from fpdf import FPDF
from pypdf import PdfWriter

MIB = 1024 * 1024


def pdf(folder: Path, name: str, *, pages: int = 1, padding: int = 0) -> Path:
    """A real PDF of ``pages`` pages; ``padding`` random bytes ride along as an embedded file
    (incompressible, so the file is about ``padding`` + 2 KB)."""
    doc = FPDF()
    doc.set_font("helvetica", size=12)
    for number in range(1, pages + 1):
        doc.add_page()
        doc.cell(text=f"Documento de prueba {name}, pagina {number} de {pages}")
    if padding:
        doc.embed_file(bytes=os.urandom(padding), basename="relleno.bin", compress=False)
    path = folder / name
    path.write_bytes(bytes(doc.output()))
    return path


def pdf_of_size(folder: Path, name: str, size: int) -> Path:
    """A one-page PDF of exactly ``size`` bytes (at least 4 KB): written once to learn the
    writer's overhead, then again with the padding corrected (random bytes never compress)."""
    path = pdf(folder, name, padding=size - 2048)
    path = pdf(folder, name, padding=size - 2048 + size - path.stat().st_size)
    assert path.stat().st_size == size, (name, path.stat().st_size, size)
    return path


def docx(folder: Path, name: str, text: str = "Anexo de prueba") -> Path:
    document = Document()
    document.add_heading("Anexo", level=1)
    document.add_paragraph(text)
    path = folder / name
    document.save(str(path))
    return path


def encrypted_pdf(folder: Path, name: str) -> Path:
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.encrypt(user_password="clave-secreta", owner_password="clave-duena")
    path = folder / name
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def fake_exe(folder: Path, name: str) -> Path:
    """A DOS/Windows executable header with padding: an .exe whatever the name says."""
    path = folder / name
    path.write_bytes(b"MZ" + b"\x90\x00\x03\x00" + b"\x00" * 4090)
    return path


def empty(folder: Path, name: str) -> Path:
    path = folder / name
    path.write_bytes(b"")
    return path


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def total_size(*paths: Path) -> int:
    return sum(p.stat().st_size for p in paths)


def mb_text(size_bytes: int) -> str:
    """How the app writes a size: whole KB below 1 MiB, else MiB, one decimal rounded down,
    decimal comma."""
    if size_bytes < MIB:
        return f"{max(size_bytes // 1024, 1) if size_bytes else 0} KB"
    tenths = size_bytes * 10 // MIB
    return f"{tenths // 10},{tenths % 10} MB"


def meter_text(size_bytes: int, limit_mb: int = 20) -> str:
    return f"{mb_text(size_bytes)} de {limit_mb} MB"
