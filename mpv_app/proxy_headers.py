"""Believe X-Forwarded-For only when the request comes from a configured proxy.

Reflex reads the client address from the ASGI scope (its own ``trusted_proxy_hops`` trusts the
header from anybody who reaches the port). This wrapper rewrites ``scope["client"]`` to the
last address of X-Forwarded-For when, and only when, the direct peer is in
``MPV_TRUSTED_PROXIES``; login throttling per IP then sees the real client behind nginx, and a
client talking to a backend directly cannot pick its own address.
"""

from __future__ import annotations

import ipaddress
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from mpv_app.settings import get_settings

Scope = MutableMapping[str, Any]
ASGIApp = Callable[[Scope, Any, Any], Awaitable[None]]
Network = ipaddress.IPv4Network | ipaddress.IPv6Network


def parse_networks(value: str) -> tuple[Network, ...]:
    """``"127.0.0.1, 10.0.0.0/8"`` -> networks; raises ValueError on a malformed entry."""
    return tuple(
        ipaddress.ip_network(part.strip(), strict=False)
        for part in value.split(",")
        if part.strip()
    )


def _trusted(host: str, networks: tuple[Network, ...]) -> bool:
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return False
    return any(address in network for network in networks)


def forwarded_client(scope: Scope, networks: tuple[Network, ...]) -> str | None:
    """The real client address if the peer is a trusted proxy that named one, else None."""
    client = scope.get("client")
    if not networks or not client or not _trusted(str(client[0]), networks):
        return None
    for name, value in scope.get("headers", []):
        if name == b"x-forwarded-for":
            hops = [hop.strip() for hop in value.decode("latin-1").split(",") if hop.strip()]
            if hops:
                try:
                    return str(ipaddress.ip_address(hops[-1]))
                except ValueError:
                    return None
    return None


def trusted_proxy_middleware(app: ASGIApp) -> ASGIApp:
    """Reflex ``api_transformer``: apply :func:`forwarded_client` to every request."""
    networks = parse_networks(get_settings().trusted_proxies)

    async def wrapped(scope: Scope, receive: Any, send: Any) -> None:
        if scope.get("type") in ("http", "websocket"):
            real = forwarded_client(scope, networks)
            if real is not None:
                scope = dict(scope)
                scope["client"] = (real, 0)
        await app(scope, receive, send)

    return wrapped
