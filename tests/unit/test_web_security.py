"""Security headers on every response, the /_upload gate, and one-line bounded logs."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route
from starlette.testclient import TestClient

from mpv_app import event_errors
from mpv_app.settings import get_settings
from mpv_app.web_security import SecurityMiddleware

UPLOAD = "reflex___state____state.files.upload_main"


async def _ok(_request: Request) -> PlainTextResponse:
    return PlainTextResponse("ok", headers={"X-Frame-Options": "SAMEORIGIN"})


async def _boom(_request: Request) -> PlainTextResponse:
    raise RuntimeError("the upload code could not parse this")


def _client() -> TestClient:
    inner = Starlette(routes=[Route("/", _ok), Route("/_upload", _boom, methods=["POST"])])
    return TestClient(SecurityMiddleware(inner, lambda: [UPLOAD]), raise_server_exceptions=False)


@pytest.fixture
def https(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("MPV_BASE_URL", "https://mesadepartes.petroperu.com.pe")
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_every_response_gets_the_headers_and_keeps_its_own() -> None:
    response = _client().get("/")
    csp = response.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "object-src 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "same-origin"
    assert response.headers["x-frame-options"] == "SAMEORIGIN"  # a route's own value wins
    assert "strict-transport-security" not in response.headers


def test_hsts_only_when_the_site_is_https(https: None) -> None:
    assert _client().get("/").headers["strict-transport-security"].startswith("max-age=")


@pytest.mark.parametrize(
    ("method", "handler", "token", "status"),
    [
        ("POST", "reflex___state____state.auth.check", "t", 404),
        ("POST", "", "t", 404),
        ("GET", UPLOAD, "t", 405),
        ("POST", UPLOAD, "", 400),
        ("POST", UPLOAD, "t", 400),  # the upload code raised: 400, never 500
    ],
)
def test_upload_answers_4xx_for_anything_but_a_real_upload(
    method: str, handler: str, token: str, status: int
) -> None:
    headers = {"reflex-event-handler": handler, "reflex-client-token": token}
    response = _client().request(method, "/_upload", headers=headers, content=b"x")
    assert response.status_code == status
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "Carga de archivos no permitida" in response.json()["detail"]


def test_one_line_escapes_controls_and_cuts_long_values() -> None:
    forged = "x\n[Reflex Backend Exception]\r\n \x1b[31mrojo\u202e"
    line = event_errors.one_line(forged, 500)
    assert "\n" not in line and "\r" not in line and "\x1b" not in line and "\u202e" not in line
    assert line.startswith("x\\n[Reflex Backend Exception]")
    long = event_errors.one_line("A" * 200_000, 300)
    assert len(long) < 400 and "recortado" in long


def test_handler_errors_are_one_line_without_traceback(caplog: pytest.LogCaptureFixture) -> None:
    try:
        int("A" * 100_000)
    except ValueError as error:
        with caplog.at_level(logging.ERROR, logger="mpv_app.events"):
            event_errors.backend_exception_handler(error)
    (record,) = caplog.records
    message = record.getMessage()
    assert record.exc_info is None and "\n" not in message and len(message) < 500
    assert message.startswith("Evento rechazado: ValueError en test_web_security.py:")


def test_the_log_cap_makes_every_record_one_bounded_line() -> None:
    previous = logging.getLogRecordFactory()
    try:
        event_errors.install_log_cap()
        logger = logging.getLogger("tests.cap")
        record = logger.makeRecord(
            "tests.cap", logging.WARNING, "f", 1, "%s", ("B" * 50_000,), None
        )
        assert len(record.getMessage()) < get_settings().log_max_chars + 100
        try:
            raise KeyError("No registered handler found for event: x")
        except KeyError:
            import sys

            with_tb = logger.makeRecord(
                "tests.cap",
                logging.ERROR,
                "f",
                1,
                "Error\n[Reflex Backend Exception]",
                (),
                sys.exc_info(),
            )
        assert with_tb.exc_info is None
        assert "\n" not in with_tb.getMessage() and "KeyError" in with_tb.getMessage()
    finally:
        logging.setLogRecordFactory(previous)
