"""The built frontend on ``make run``'s one port: a page's address answers at once (no 307),
and Vite's hashed scripts are cached for good, as nginx serves them in production."""

from __future__ import annotations

from pathlib import Path

import pytest
from reflex.utils.precompressed_staticfiles import PrecompressedStaticFiles
from starlette.applications import Starlette
from starlette.routing import Mount
from starlette.testclient import TestClient

from mpv_app.frontend_files import FOREVER, FrontendFiles, page_paths

PAGE = "<html><body>Iniciar sesión</body></html>"


@pytest.fixture
def build(tmp_path: Path) -> Path:
    """A build laid out as Reflex's: ``index.html`` per page folder, hashed ``assets/``."""
    for folder in ("", "iniciar-sesion", "administracion/personal"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "index.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "root-BpvmVg0X.js").write_text("export {};", encoding="utf-8")
    (tmp_path / "secreto.txt").write_text("no es una página", encoding="utf-8")
    return tmp_path


def _client(build: Path, *, wrapped: bool = True) -> TestClient:
    static = Starlette(routes=[Mount("/", PrecompressedStaticFiles(directory=build, html=True))])
    app = FrontendFiles(static, build) if wrapped else static
    return TestClient(app, follow_redirects=False)


def test_the_page_folders_of_a_build_are_its_addresses(build: Path) -> None:
    assert page_paths(build) == {"/iniciar-sesion", "/administracion/personal"}
    assert page_paths(build / "no-existe") == frozenset()


@pytest.mark.parametrize("path", ["/iniciar-sesion", "/administracion/personal"])
def test_a_page_without_its_slash_is_served_without_a_redirect(build: Path, path: str) -> None:
    assert _client(build, wrapped=False).get(path).status_code == 307  # Reflex's mount alone
    response = _client(build).get(path)
    assert response.status_code == 200 and response.text == PAGE


def test_hashed_scripts_are_cached_for_good_and_revalidations_say_so_too(build: Path) -> None:
    client = _client(build)
    first = client.get("/assets/root-BpvmVg0X.js")
    assert first.status_code == 200 and first.headers["cache-control"] == FOREVER.decode()
    again = client.get("/assets/root-BpvmVg0X.js", headers={"if-none-match": first.headers["etag"]})
    assert again.status_code == 304 and again.headers["cache-control"] == FOREVER.decode()
    assert "cache-control" not in _client(build, wrapped=False).get(first.url).headers


def test_nothing_else_is_rewritten_or_cached(build: Path) -> None:
    client = _client(build)
    assert client.get("/assets/no-existe.js").headers.get("cache-control") is None  # a 404
    assert "cache-control" not in client.get("/iniciar-sesion/").headers
    assert client.get("/secreto.txt").status_code == 200  # a file, not a page: as before
    assert client.get("/tramite/MPV-2026-000001").status_code == 404  # not a folder of pages
    assert client.post("/iniciar-sesion").status_code == 405  # only reads are rewritten
