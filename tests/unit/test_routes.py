"""URL builders escape what they embed, so a crafted value cannot change the path."""

from __future__ import annotations

from mpv_app import routes


def test_filing_detail_url() -> None:
    assert routes.filing_detail("MPV-2026-000123") == "/tramites/MPV-2026-000123"


def test_builders_escape_path_characters() -> None:
    assert routes.verify("../admin?x=1") == "/verificar/..%2Fadmin%3Fx%3D1"
