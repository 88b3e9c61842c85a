"""Settings read MPV_* variables and keep one generated secret key across restarts."""

from __future__ import annotations

import stat
from datetime import time
from pathlib import Path

import pytest
from pydantic import ValidationError

from mpv_app.settings import Settings


def test_defaults_are_the_embedded_setup(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("MPV_DATABASE_URL", "MPV_MAX_FILING_MB", "MPV_OFFICE_CLOSE", "MPV_SMTP_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings(_env_file=None)
    assert settings.database_url == "sqlite:///var/mpv.db"
    assert settings.storage_dir == Path("var/files")
    assert settings.smtp_url == ""
    assert (settings.office_open, settings.office_close) == (time(7, 0), time(16, 36))
    assert settings.max_filing_bytes == 20 * 1024 * 1024


def test_environment_overrides(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPV_MAX_FILING_MB", "5")
    monkeypatch.setenv("MPV_OFFICE_CLOSE", "17:30")
    monkeypatch.setenv("MPV_DATABASE_URL", "postgresql+psycopg://u@h/db")
    settings = Settings(_env_file=None)
    assert settings.max_filing_bytes == 5 * 1024 * 1024
    assert settings.office_close == time(17, 30)
    assert settings.database_url == "postgresql+psycopg://u@h/db"


def test_unknown_timezone_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPV_TIMEZONE", "America/Atlantis")
    with pytest.raises(ValidationError):
        Settings(_env_file=None)


def test_secret_key_is_generated_once_and_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("MPV_SECRET_KEY", raising=False)
    monkeypatch.setenv("MPV_VAR_DIR", str(tmp_path / "var"))
    first = Settings(_env_file=None).resolved_secret_key()
    second = Settings(_env_file=None).resolved_secret_key()
    key_file = tmp_path / "var" / "secret_key"
    assert first == second
    assert len(first) >= 48
    assert stat.S_IMODE(key_file.stat().st_mode) == 0o600


def test_explicit_secret_key_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MPV_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("MPV_VAR_DIR", str(tmp_path))
    assert Settings(_env_file=None).resolved_secret_key() == "from-the-environment"
    assert not (tmp_path / "secret_key").exists()
