"""The production topology on one machine: several MPV backends behind Debian's nginx.

``make run-prod`` runs this. It needs ``MPV_REDIS_URL`` (the backends share Reflex state
there) and should get a PostgreSQL ``MPV_DATABASE_URL``. Steps: migrate and seed, build the
static frontend once (pointed at ``MPV_BASE_URL``), start ``MPV_PROD_WORKERS`` backends
(``reflex run --env prod --backend-only``, one Granian worker each, consecutive ports from
``MPV_PROD_BACKEND_PORT``), render ``deploy/nginx.conf.template`` and start nginx on
``MPV_PROD_HOST:MPV_PROD_PORT``. A backend that dies is started again; nginx sends its tabs to
the others meanwhile (each tab reconnects and finds its state in Redis). ``--no-nginx`` runs
only backends (a machine behind another machine's nginx); ``--no-build`` reuses the last build.
Writes ``<MPV_VAR_DIR>/prod/topology.json`` (pids and ports) for tests and operators.
Stops everything on SIGTERM / Ctrl-C.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from mpv_app.cpu_affinity import ALLOWED, AUTO, OFF  # noqa: E402
from mpv_app.settings import Settings, get_settings  # noqa: E402

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
BOOT_TIMEOUT_S = 180
ENVELOPE_MB = 2  # multipart boundaries and form fields around the files


def log(message: str) -> None:
    print(f"[run-prod] {message}", flush=True)


def run_step(*args: str) -> None:
    subprocess.run([sys.executable, *args], cwd=ROOT, check=True)


def build_frontend(settings: Settings, target: Path) -> None:
    """``reflex export`` once, pointed at the public URL, copied where nginx serves it."""
    env = {**os.environ, "REFLEX_API_URL": settings.base_url.rstrip("/")}
    subprocess.run(
        [sys.executable, "-m", "reflex", "export", "--frontend-only", "--no-zip", "--env", "prod"],
        cwd=ROOT,
        env=env,
        check=True,
    )
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(ROOT / ".web" / "build" / "client", target)


def render_nginx(settings: Settings, run_dir: Path, upstreams: list[str]) -> Path:
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (run_dir / "tmp" / sub).mkdir(parents=True, exist_ok=True)
    servers = "\n".join(f"        server {up} max_fails=1 fail_timeout=3s;" for up in upstreams)
    values = {
        "RUN_DIR": str(run_dir),
        # Workers of a root master drop to nobody, who may not read a private var dir.
        "USER_LINE": "user root;" if os.geteuid() == 0 else "",
        "SERVERS": servers,
        "LISTEN": f"{settings.prod_host}:{settings.prod_port}",
        "STATIC_DIR": str(run_dir / "frontend"),
        "MAX_BODY_MB": str(settings.max_filing_mb + ENVELOPE_MB),
    }
    text = TEMPLATE.read_text()
    for name, value in values.items():
        text = text.replace("{{" + name + "}}", value)
    conf = run_dir / "nginx.conf"
    conf.write_text(text)
    subprocess.run([NGINX, "-t", "-q", "-p", str(run_dir), "-c", str(conf)], check=True)
    return conf


def answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return int(response.status) == 200
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return False


class Backend:
    """One ``reflex run --backend-only`` process group on one port."""

    def __init__(self, settings: Settings, port: int, run_dir: Path, index: int) -> None:
        self.host, self.port = settings.prod_backend_host, port
        self.log_path = run_dir / f"backend-{port}.log"
        self.env = {
            **os.environ,
            "GRANIAN_WORKERS": "1",
            "REFLEX_API_URL": settings.base_url.rstrip("/"),
        }
        if settings.worker_cpu == AUTO:
            # The backends take the cores in turn, when each can have its own: two kept to
            # one core could not use another that sits idle.
            own_core = settings.prod_workers <= len(ALLOWED)
            self.env["MPV_WORKER_CPU"] = str(index) if own_core else OFF
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def health_url(self) -> str:
        return f"http://{self.host}:{self.port}/api/salud"

    def start(self) -> None:
        command = [sys.executable, "-m", "reflex", "run", "--env", "prod", "--backend-only"]
        command += ["--backend-host", self.host, "--backend-port", str(self.port)]
        with self.log_path.open("ab") as out:
            self.process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=self.env,
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )

    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        if self.alive():
            assert self.process is not None
            try:
                os.killpg(self.process.pid, signal.SIGTERM)
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            except ProcessLookupError:
                pass


def wait_healthy(backends: list[Backend]) -> None:
    deadline = time.monotonic() + BOOT_TIMEOUT_S
    pending = list(backends)
    while pending and time.monotonic() < deadline:
        for backend in list(pending):
            if not backend.alive():
                tail = backend.log_path.read_text(errors="replace")[-2000:]
                raise SystemExit(f"backend {backend.port} exited ({backend.log_path}):\n{tail}")
            if answers(backend.health_url):
                pending.remove(backend)
        time.sleep(0.5)
    if pending:
        raise SystemExit(f"backends {[b.port for b in pending]} did not answer")


def write_topology(run_dir: Path, backends: list[Backend], nginx: subprocess.Popen[bytes] | None):
    data = {
        "nginx_pid": nginx.pid if nginx else None,
        "backends": [
            {"port": b.port, "pid": b.process.pid if b.process else None} for b in backends
        ],
    }
    tmp = run_dir / "topology.json.tmp"
    tmp.write_text(json.dumps(data))
    tmp.replace(run_dir / "topology.json")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-nginx", action="store_true", help="only the backends")
    parser.add_argument("--no-build", action="store_true", help="reuse the last frontend build")
    parser.add_argument("--no-migrate", action="store_true", help="skip migrate and seed")
    args = parser.parse_args()
    settings = get_settings()
    if not settings.redis_url:
        raise SystemExit("MPV_REDIS_URL is required: the backends share Reflex state in Redis")
    if settings.database_url.startswith("sqlite"):
        log("warning: SQLite serialises writers; use PostgreSQL for several backends")
    run_dir = (settings.var_dir / "prod").resolve()
    run_dir.mkdir(parents=True, exist_ok=True)
    if not args.no_migrate:
        run_step("-m", "alembic", "upgrade", "head")
        run_step("-m", "mpv_app.cli", "seed")
    if not args.no_nginx and not (args.no_build and (run_dir / "frontend").exists()):
        build_frontend(settings, run_dir / "frontend")

    ports = range(settings.prod_backend_port, settings.prod_backend_port + settings.prod_workers)
    backends = [Backend(settings, port, run_dir, n) for n, port in enumerate(ports)]
    nginx: subprocess.Popen[bytes] | None = None
    stopping = False

    def stop(signum: int, frame: object) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    # Every `reflex run` empties the disk state folder at start; several at once race on the
    # same files (FileNotFoundError). The backends keep state in Redis: clear it here, once.
    shutil.rmtree(ROOT / ".states", ignore_errors=True)
    try:
        for backend in backends:
            backend.start()
        wait_healthy(backends)
        if not args.no_nginx:
            upstreams = [f"{b.host}:{b.port}" for b in backends]
            upstreams += [u.strip() for u in settings.prod_upstreams.split(",") if u.strip()]
            conf = render_nginx(settings, run_dir, upstreams)
            nginx = subprocess.Popen(
                [NGINX, "-p", str(run_dir), "-c", str(conf), "-g", "daemon off;"],
                start_new_session=True,
            )
        write_topology(run_dir, backends, nginx)
        public = f"http://{settings.prod_host}:{settings.prod_port}" if nginx else "(no nginx)"
        log(f"ready: {public} -> backends {[b.port for b in backends]}")
        while not stopping:
            time.sleep(0.5)
            if nginx is not None and nginx.poll() is not None:
                log("nginx exited; stopping")
                return 1
            for backend in backends:
                if not backend.alive() and not stopping:
                    log(f"backend {backend.port} exited; starting it again")
                    backend.start()
                    write_topology(run_dir, backends, nginx)
        return 0
    finally:
        if nginx is not None and nginx.poll() is None:
            nginx.send_signal(signal.SIGQUIT)
            try:
                nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                nginx.kill()
        for backend in backends:
            backend.stop()
        log("stopped")


if __name__ == "__main__":
    raise SystemExit(main())
