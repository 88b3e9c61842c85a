"""Start the real app in prod mode on a free port with its own database, storage and mail dir."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from tests.conftest import ROOT

BOOT_TIMEOUT_S = 420


@dataclass
class RunningApp:
    base_url: str
    data_dir: Path
    env: dict[str, str]
    log_path: Path

    @property
    def mail_dir(self) -> Path:
        return self.data_dir / "mail"

    def cli(self, *args: str) -> subprocess.CompletedProcess[str]:
        """Run ``python -m mpv_app.cli`` against this app's database."""
        return subprocess.run(
            [sys.executable, "-m", "mpv_app.cli", *args],
            cwd=ROOT,
            env=self.env,
            capture_output=True,
            text=True,
            check=True,
        )


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def app_environment(data_dir: Path, port: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MPV_")}
    tools = ROOT / ".tools" / "node_modules" / ".bin"
    env.update(
        PATH=f"{tools}:{Path(sys.executable).parent}:{env.get('PATH', '')}",
        REFLEX_USE_SYSTEM_BUN="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
        MPV_DATABASE_URL=f"sqlite:///{data_dir / 'mpv.db'}",
        MPV_VAR_DIR=str(data_dir),
        MPV_STORAGE_DIR=str(data_dir / "files"),
        MPV_MAIL_DIR=str(data_dir / "mail"),
        # Empty until a test writes its own test CA's root here (tests/signing.py).
        MPV_SIGNATURE_TRUST_DIR=str(data_dir / "trust"),
        MPV_SECRET_KEY="e2e-secret-key-not-for-production",
        MPV_BASE_URL=f"http://localhost:{port}",
        MPV_MAIL_POLL_SECONDS="0.5",
        # Every browser here is 127.0.0.1: the per-IP limit would let one throttling test
        # slow down the rest. Per-account throttling keeps its default of 5.
        MPV_LOGIN_MAX_FAILURES_PER_IP="1000",
        # The same for "olvidé mi contraseña" / "reenviar confirmación" requests per IP.
        MPV_MAIL_REQUEST_MAX_PER_IP="1000",
    )
    # A separate e2e run can start the app with other knobs (e.g. a short session timeout).
    env.update(json.loads(os.environ.get("MPV_E2E_APP_ENV", "{}")))
    redis_url = os.environ.get("MPV_TEST_REDIS_URL")
    if redis_url:
        env["MPV_REDIS_URL"] = redis_url
    return env


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return False


def start_app(data_dir: Path) -> tuple[subprocess.Popen[bytes], RunningApp]:
    port = free_port()
    env = app_environment(data_dir, port)
    app = RunningApp(f"http://localhost:{port}", data_dir, env, data_dir / "server.log")
    subprocess.run(
        [sys.executable, "-m", "alembic", "upgrade", "head"], cwd=ROOT, env=env, check=True
    )
    app.cli("seed")
    log = app.log_path.open("wb")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "reflex",
            "run",
            "--env",
            "prod",
            "--single-port",
            "--backend-port",
            str(port),
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    deadline = time.monotonic() + BOOT_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"app exited early:\n{app.log_path.read_text()[-4000:]}")
        if _answers(app.base_url + "/") and _answers(app.base_url + "/api/salud"):
            return process, app
        time.sleep(1)
    stop_app(process)
    raise RuntimeError(f"app did not answer in {BOOT_TIMEOUT_S}s:\n{app.log_path.read_text()}")


def stop_app(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
