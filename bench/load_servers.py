"""Servers for bench/load.py (a helper module, not a bench of its own): the MPV app on one
worker (``reflex run --env prod --single-port``, as ``make run``), the production topology
(``deploy/run_prod.py``: nginx + several backends on PostgreSQL and Redis) and the floor app
in ``bench/floor``. Each runs in its own process group; memory (PSS) and CPU time are summed
over every process of the group from ``/proc``."""

from __future__ import annotations

import contextlib
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

from common import ROOT, BenchError

FLOOR_DIR = ROOT / "bench" / "floor"
BOOT_TIMEOUT_S = 420
TICK = os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def free_ports(count: int) -> int:
    """The first of ``count`` consecutive free ports (the topology's backends)."""
    for _ in range(50):
        first = free_port()
        try:
            for port in range(first, first + count):
                with socket.socket() as sock:
                    sock.bind(("127.0.0.1", port))
        except OSError:
            continue
        return first
    raise BenchError("no run of free ports")


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


def _group_pids(pgid: int) -> list[int]:
    pids = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            fields = stat.rsplit(")", 1)[1].split()
            if int(fields[2]) == pgid:  # field 5: process group
                pids.append(int(entry))
    return pids


def _ticks(stat: Path) -> int:
    fields = stat.read_text().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


@dataclass
class Server:
    name: str
    url: str  # the socket.io base the browsers connect to
    web: Path  # the .web folder whose context.jsx names the states
    process: subprocess.Popen[bytes]
    log: Path
    pgids: list[int]

    def pss_kib(self) -> int:
        total = 0
        for pid in (p for g in self.pgids for p in _group_pids(g)):
            try:
                for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
            except OSError:
                continue
        return total

    def pids(self) -> list[int]:
        return [p for g in self.pgids for p in _group_pids(g)]

    def cpu_seconds(self) -> float:
        return self.cpu_split()[0]

    def cpu_split(self) -> tuple[float, float]:
        """(every thread's CPU, the main threads' alone): a backend's main thread runs its
        event loop, the others its database threads, password pool and mail worker."""
        total = main = 0
        for pid in (p for g in self.pgids for p in _group_pids(g)):
            try:
                every = _ticks(Path(f"/proc/{pid}/stat"))
                loop = _ticks(Path(f"/proc/{pid}/task/{pid}/stat"))
            except OSError:
                continue
            total, main = total + every, main + loop
        return total / TICK, main / TICK

    def stop(self) -> None:
        for pgid in reversed(self.pgids):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pgid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            for pgid in self.pgids:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(pgid, signal.SIGKILL)
            self.process.wait()


def tool_env() -> dict[str, str]:
    tools = ROOT / ".tools" / "node_modules" / ".bin"
    env = dict(os.environ)
    env.update(
        PATH=f"{tools}:{Path(sys.executable).parent}:{env.get('PATH', '')}",
        REFLEX_USE_SYSTEM_BUN="1",
        REFLEX_TELEMETRY_ENABLED="false",
        REFLEX_CHECK_LATEST_VERSION="false",
    )
    return env


def _wait(server: Server, health: str, ready: bytes | None = None) -> Server:
    deadline = time.monotonic() + BOOT_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            raise BenchError(f"{server.name} exited:\n{server.log.read_text()[-3000:]}")
        if (ready is None or ready in server.log.read_bytes()) and _answers(health):
            return server
        time.sleep(1)
    server.stop()
    raise BenchError(f"{server.name} did not answer in {BOOT_TIMEOUT_S} s")


def _reflex_single_port(cwd: Path, env: dict[str, str], log: Path, port: int):  # type: ignore[no-untyped-def]
    command = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--single-port"]
    with log.open("wb") as out:
        return subprocess.Popen(
            [*command, "--backend-port", str(port)],
            cwd=cwd,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def start_single(app_env: dict[str, str], work: Path) -> Server:
    """The MPV app as ``make run`` serves it: one process, one worker."""
    port = free_port()
    env = {**tool_env(), **app_env, "MPV_BASE_URL": f"http://127.0.0.1:{port}"}
    env.pop("MPV_REDIS_URL", None)
    log = work / "mpv-single.log"
    process = _reflex_single_port(ROOT, env, log, port)
    url = f"http://127.0.0.1:{port}"
    server = Server("mpv single", url, ROOT / ".web", process, log, [process.pid])
    return _wait(server, url + "/api/salud")


def start_topology(app_env: dict[str, str], work: Path, workers: int) -> Server:
    """nginx + ``workers`` backends (deploy/run_prod.py); the browsers go through nginx."""
    port, backend = free_port(), free_ports(workers)
    env = {**tool_env(), **app_env, "MPV_BASE_URL": f"http://127.0.0.1:{port}"}
    env.update(
        MPV_PROD_PORT=str(port),
        MPV_PROD_WORKERS=str(workers),
        MPV_PROD_BACKEND_PORT=str(backend),
        MPV_VAR_DIR=str(work / "var"),
    )
    log = work / "mpv-topology.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, str(ROOT / "deploy" / "run_prod.py"), "--no-migrate"],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    url = f"http://127.0.0.1:{port}"
    server = Server(f"mpv {workers} workers", url, ROOT / ".web", process, log, [process.pid])
    _wait(server, url + "/api/salud", b"ready:")
    import json

    info = json.loads((work / "var" / "prod" / "topology.json").read_text())
    server.pgids += [b["pid"] for b in info["backends"]] + [info["nginx_pid"]]
    return server


def start_floor(work: Path, *, password_check: bool = False) -> Server:
    """The bare floor; with ``password_check`` its login also verifies one password at the
    app's argon2 cost (bench/floor), and nothing else differs."""
    port = free_port()
    name = "floor + password check" if password_check else "floor"
    log = work / f"{name.replace(' ', '_')}.log"
    env = {**tool_env(), "BENCH_FLOOR_PASSWORD_CHECK": "1" if password_check else "0"}
    process = _reflex_single_port(FLOOR_DIR, env, log, port)
    url = f"http://127.0.0.1:{port}"
    server = Server(name, url, FLOOR_DIR / ".web", process, log, [process.pid])
    return _wait(server, url + "/ping")
