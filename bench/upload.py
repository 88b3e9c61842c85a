"""20 MB through the app's real upload endpoint, beside a bare Starlette streaming endpoint.

A simulated browser (bench/load_client.py) logs in as a remitente and opens Nueva
correspondencia on the MPV app (one worker, SQLite, as ``make run``); then the file goes to
``/_upload`` the way the built frontend sends it (multipart ``files``, the tab's token and the
annex handler in the ``Reflex-*`` headers), and the streamed answer is read to its end: the
app checks, hashes and stores it while it arrives. The floor is a bare Starlette endpoint on
Granian (Reflex's own server) that reads the same multipart body as a stream and hashes it,
timed in the same run. Printed: MB/s of each (median of ``RUNS``), the ratio (the issue's goal
is >= 0.7) and the app's peak memory during the uploads. Never asserted.
"""

from __future__ import annotations

import asyncio
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import aiohttp
from common import ROOT, BenchError, configure_env, database, finish, migrate_and_seed
from load_client import ROOT as STATE_ROOT
from load_client import Browser, Protocol, Stats
from load_data import PASSWORD, load_accounts
from load_servers import Server, free_port, start_floor, start_single
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

SIZE = 20_000_000
RUNS = int(os.environ.get("BENCH_UPLOAD_RUNS", "5"))  # the machine is noisy
FILES_STATE = f"{STATE_ROOT}.mpv_app___state___filing_files____filing_files_state"
HANDLER = f"{FILES_STATE}.upload_annexes"
FLOOR_STATE = f"{STATE_ROOT}.floor_app___floor_app____floor_state"


async def _floor_upload(request: Request) -> PlainTextResponse:
    digest, size = hashlib.sha256(), 0
    async for chunk in request.stream():
        digest.update(chunk)
        size += len(chunk)
    return PlainTextResponse(f"{size} {digest.hexdigest()}")


floor_app = Starlette(routes=[Route("/_upload", _floor_upload, methods=["POST"])])


def big_xml(path: Path) -> Path:
    """An XML annex just under the limit: a kind the app accepts, checked by its content."""
    head, tail = b'<?xml version="1.0" encoding="UTF-8"?>\n<anexo>\n', b"</anexo>\n"
    line = b"<dato>Registro de carga para la prueba de subida de archivos.</dato>\n"
    with path.open("wb") as out:
        out.write(head)
        left = SIZE - len(head) - len(tail)
        while left > 0:
            out.write(line[:left])
            left -= len(line)
        out.write(tail)
    return path


async def post(url: str, path: Path, headers: dict[str, str]) -> float:
    form = aiohttp.FormData()
    form.add_field("files", path.open("rb"), filename=path.name, content_type="text/xml")
    started = time.perf_counter()
    async with (
        aiohttp.ClientSession() as session,
        session.post(url, data=form, headers=headers) as response,
    ):
        body = await response.read()
        if response.status not in (200, 202):
            raise BenchError(f"upload answered {response.status}: {body[:300]!r}")
    return time.perf_counter() - started


def peak_rss(server: Server, stop: threading.Event, out: list[int]) -> None:
    while not stop.is_set():
        out.append(server.pss_kib())
        time.sleep(0.05)


async def app_uploads(server: Server, emails: list[str], path: Path) -> list[float]:
    """One account per upload: each is a whole filing's worth (the limit is per filing)."""
    times = []
    for email in emails:
        b = Browser(server.url, Protocol.from_web(server.web, "mpv"), Stats())
        await b.open("/iniciar-sesion")
        await b.login(email, PASSWORD)
        await b.navigate("/nueva-correspondencia")
        headers = {"Reflex-Client-Token": b.token, "Reflex-Event-Handler": HANDLER}
        started = time.perf_counter()

        def staged(update: dict[str, Any]) -> bool:
            files = (update.get("delta") or {}).get(FILES_STATE, {}).get("files_rx_state_")
            return bool(files) and any(f.get("name") == path.name for f in files)

        async def send(headers: dict[str, str] = headers) -> None:
            await post(server.url + "/_upload", path, headers)

        await b._until(staged, send)  # the tab lists the file: checked, hashed, stored
        times.append(time.perf_counter() - started)
        await b.close()
    return times


async def reflex_floor_uploads(server: Server, path: Path) -> list[float]:
    """The same request to a bare Reflex app's upload handler that only hashes the chunks."""
    times = []
    for _ in range(RUNS):
        b = Browser(server.url, Protocol.from_web(server.web, "floor"), Stats())
        await b.open("/")
        headers = {"Reflex-Client-Token": b.token, "Reflex-Event-Handler": f"{FLOOR_STATE}.upload"}
        started = time.perf_counter()

        def hashed(update: dict[str, Any]) -> bool:
            return bool((update.get("delta") or {}).get(FLOOR_STATE, {}).get("received_rx_state_"))

        async def send(headers: dict[str, str] = headers) -> None:
            await post(server.url + "/_upload", path, headers)

        await b._until(hashed, send)
        times.append(time.perf_counter() - started)
        await b.close()
    return times


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mpv-upload-") as tmp:
        work = Path(tmp)
        path = big_xml(work / "anexo-grande.xml")
        port = free_port()
        log = work / "floor.log"
        with log.open("wb") as out:
            floor_process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "granian",
                    "--interface",
                    "asgi",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(port),
                    "--workers",
                    "1",
                    "upload:floor_app",
                ],
                cwd=ROOT / "bench",
                stdout=out,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        floor = Server(
            "starlette", f"http://127.0.0.1:{port}", work, floor_process, log, [floor_process.pid]
        )
        try:
            deadline = time.monotonic() + 60
            while time.monotonic() < deadline:
                try:
                    asyncio.run(post(floor.url + "/_upload", path, {}))
                    break
                except (aiohttp.ClientError, OSError):
                    time.sleep(0.5)
            floor_times = [asyncio.run(post(floor.url + "/_upload", path, {})) for _ in range(RUNS)]
        finally:
            floor.stop()
        reflex_floor = start_floor(work)
        try:
            reflex_times = asyncio.run(reflex_floor_uploads(reflex_floor, path))
        finally:
            reflex_floor.stop()
        with database("sqlite", work, "") as url:
            configure_env(work, url, MPV_LOGIN_MAX_FAILURES_PER_IP="100000")
            engine = migrate_and_seed(url)
            data = load_accounts(engine, senders=RUNS, staff=0)
            engine.dispose()
            env = {k: v for k, v in os.environ.items() if k.startswith("MPV_")}
            server = start_single(env, work)
            try:
                idle = server.pss_kib()
                stop, samples = threading.Event(), []  # type: ignore[var-annotated]
                sampler = threading.Thread(target=peak_rss, args=(server, stop, samples))
                sampler.start()
                try:
                    app_times = asyncio.run(
                        app_uploads(server, [a.email for a in data.accounts], path)
                    )
                finally:
                    stop.set()
                    sampler.join()
            finally:
                server.stop()
    mb = SIZE / 1e6
    app_rate, floor_rate = mb / statistics.median(app_times), mb / statistics.median(floor_times)
    print(
        f"20 MB upload, median of {RUNS}: app {app_rate:.1f} MB/s "
        f"({statistics.median(app_times) * 1000:.0f} ms), bare Starlette {floor_rate:.1f} MB/s "
        f"({statistics.median(floor_times) * 1000:.0f} ms)"
    )
    print(f"app/floor throughput {app_rate / floor_rate:.2f} (goal >= 0.7)")
    reflex_rate = mb / statistics.median(reflex_times)
    print(
        f"bare Reflex upload handler (hash only) {reflex_rate:.1f} MB/s: "
        f"{reflex_rate / floor_rate:.2f} of Starlette; "
        f"the app is {app_rate / reflex_rate:.2f} of it"
    )
    peak = max(samples, default=idle)
    print(
        f"app server PSS: idle {idle / 1024:.0f} MiB, peak during uploads "
        f"{peak / 1024:.0f} MiB (+{(peak - idle) / 1024:.0f} MiB)"
    )
    return finish(started)


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BenchError as exc:
        raise SystemExit(f"bench/upload.py: {exc}") from exc
