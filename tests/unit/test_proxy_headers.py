"""X-Forwarded-For is believed only from MPV_TRUSTED_PROXIES, and only its last hop."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from mpv_app.proxy_headers import forwarded_client, parse_networks, trusted_proxy_middleware
from mpv_app.settings import get_settings

PROXIES = parse_networks("127.0.0.1, 10.0.0.0/8")


def scope(peer: str, xff: str | None) -> dict[str, Any]:
    headers = [(b"host", b"mpv")] + ([(b"x-forwarded-for", xff.encode())] if xff else [])
    return {"type": "http", "client": (peer, 5555), "headers": headers}


@pytest.mark.parametrize(
    ("peer", "xff", "expected"),
    [
        ("127.0.0.1", "203.0.113.7", "203.0.113.7"),
        ("10.1.2.3", "198.51.100.1, 203.0.113.7", "203.0.113.7"),  # nginx's view wins
        ("203.0.113.9", "1.2.3.4", None),  # not a proxy: the header is the client's own words
        ("127.0.0.1", None, None),
        ("127.0.0.1", "not-an-ip", None),
        ("127.0.0.1", " , ", None),
    ],
)
def test_forwarded_client(peer: str, xff: str | None, expected: str | None) -> None:
    assert forwarded_client(scope(peer, xff), PROXIES) == expected


def test_no_trusted_proxies_means_never() -> None:
    assert forwarded_client(scope("127.0.0.1", "203.0.113.7"), ()) is None


def test_malformed_setting_is_refused() -> None:
    with pytest.raises(ValueError):
        parse_networks("127.0.0.1, not-a-network")


def test_middleware_rewrites_only_trusted_peers(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPV_TRUSTED_PROXIES", "127.0.0.1")
    get_settings.cache_clear()
    seen: list[Any] = []

    async def app(inner: dict[str, Any], receive: Any, send: Any) -> None:
        seen.append(inner["client"])

    wrapped = trusted_proxy_middleware(app)
    try:
        asyncio.run(wrapped(scope("127.0.0.1", "203.0.113.7"), None, None))
        asyncio.run(wrapped(scope("192.0.2.5", "203.0.113.7"), None, None))
    finally:
        get_settings.cache_clear()
    assert seen == [("203.0.113.7", 0), ("192.0.2.5", 5555)]
