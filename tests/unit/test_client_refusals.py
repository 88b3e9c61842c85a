"""Browser refusals: parsed defensively (they come from a browser) and told in Spanish."""

from __future__ import annotations

from mpv_app.domain.client_refusals import Zone, parse_refusals, refusal_messages


def test_each_reason_names_the_file() -> None:
    messages = refusal_messages(
        [
            "file-too-large|22020096|planos.pdf",
            "file-invalid-type|1200|foto.png",
            "too-many-files|800|dos.pdf",
        ],
        Zone.ANNEX,
        20,
    )
    assert messages == [
        "No se pudo agregar «planos.pdf» (21,0 MB): supera el límite de 20 MB por correspondencia.",
        "No se pudo agregar «foto.png»: no es un tipo de archivo permitido (los anexos pueden "
        "ser PDF, DOC/DOCX, XLS/XLSX, PPT/PPTX, XML o JPG/JPEG).",
        "Suelte un solo documento principal a la vez: no se agregó «dos.pdf».",
    ]


def test_hostile_payloads_are_ignored_or_made_inert() -> None:
    assert parse_refusals("file-too-large|1|a.pdf") == []  # not a list
    assert parse_refusals([None, 7, {"file": "x"}, "x" * 10_000]) == []
    (odd,) = parse_refusals(["bogus-code|²|../../etc/passwd\u202egpj.exe"])
    assert odd.codes == frozenset() and odd.size_bytes == 0
    assert "/" not in odd.name and "\u202e" not in odd.name
    assert len(parse_refusals(["file-too-large|1|a.pdf"] * 500)) == 50
