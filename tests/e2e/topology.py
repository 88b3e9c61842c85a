"""Start the production topology (deploy/run_prod.py: nginx + three backends) for a test."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from tests.conftest import ROOT
from tests.e2e.server import RunningApp, _answers, app_environment, free_port

BOOT_TIMEOUT_S = 420
WORKERS = 3


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive free ports."""
    for _ in range(50):
        first = free_port()
        if first + count > 65535:
            continue
        try:
            for port in range(first, first + count):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return first
    raise RuntimeError("no run of free ports")


@contextmanager
def postgres_database(server_url: str) -> Iterator[str]:
    """A throwaway database on the CI server, dropped at the end."""
    url = make_url(server_url)
    name = f"mpv_topology_{uuid.uuid4().hex[:8]}"
    admin = sa.create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(sa.text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


class Topology:
    """The running ``run_prod.py`` and what it wrote to ``topology.json``."""

    def __init__(self, process: subprocess.Popen[bytes], app: RunningApp) -> None:
        self.process, self.app = process, app

    @property
    def info(self) -> dict[str, object]:
        data = json.loads((self.app.data_dir / "prod" / "topology.json").read_text())
        assert isinstance(data, dict)
        return data

    def backends(self) -> list[dict[str, int]]:
        return list(self.info["backends"])  # type: ignore[call-overload]

    def websockets(self, port: int) -> int:
        """Established connections into a backend: nginx keeps none but websockets."""
        out = subprocess.run(
            ["ss", "-Htn", "state", "established", f"( sport = :{port} )"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        return len([line for line in out.splitlines() if line.strip()])

    def kill_backend(self, port: int) -> int:
        """SIGKILL the backend on ``port`` (its whole process group); returns the old pid."""
        (pid,) = [b["pid"] for b in self.backends() if b["port"] == port]
        os.killpg(pid, signal.SIGKILL)
        return pid


def start_topology(data_dir: Path, database_url: str, redis_url: str) -> Topology:
    port = free_port()
    backend_port = free_ports(WORKERS)
    env = app_environment(data_dir, port)
    env.update(
        MPV_DATABASE_URL=database_url,
        MPV_REDIS_URL=redis_url,
        MPV_BASE_URL=f"http://127.0.0.1:{port}",
        MPV_PROD_PORT=str(port),
        MPV_PROD_WORKERS=str(WORKERS),
        MPV_PROD_BACKEND_PORT=str(backend_port),
    )
    app = RunningApp(f"http://127.0.0.1:{port}", data_dir, env, data_dir / "run-prod.log")
    log = app.log_path.open("wb")
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "deploy" / "run_prod.py")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    topology = Topology(process, app)
    deadline = time.monotonic() + BOOT_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"run_prod exited early:\n{app.log_path.read_text()[-4000:]}")
        if b"ready:" in app.log_path.read_bytes() and _answers(app.base_url + "/api/salud"):
            return topology
        time.sleep(1)
    stop_topology(topology)
    raise RuntimeError(f"topology did not answer in {BOOT_TIMEOUT_S}s")


def stop_topology(topology: Topology) -> None:
    process = topology.process
    if process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)  # run_prod stops nginx and every backend itself
    try:
        process.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        for backend in topology.backends():
            with contextlib.suppress(ProcessLookupError):
                os.killpg(backend["pid"], signal.SIGKILL)
