"""Server CPU per step, one step at a time: where bench/load.py's ``CPU per step`` goes.

One simulated browser (bench/load_client.py) repeats each step ``BENCH_STEP_REPEAT`` times
(default 60) with no think time, in ``BENCH_STEP_ROUNDS`` (3) rounds alternated between the
apps, medians printed, against the MPV app on SQLite with one worker and against the
floor app, and prints the server's CPU milliseconds per step beside the floor's. Without the
queueing of a loaded run, the figures say what each page costs by itself.
"""

from __future__ import annotations

import asyncio
import os
import signal
import statistics
import subprocess
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

from common import BenchError, configure_env, database, finish, migrate_and_seed
from load_client import Browser, Protocol, Stats, detail_path
from load_data import PASSWORD, load_accounts
from load_servers import Server, start_floor, start_single

REPEAT = int(os.environ.get("BENCH_STEP_REPEAT", "60"))
ROUNDS = int(os.environ.get("BENCH_STEP_ROUNDS", "3"))
# Set to a py-spy binary to record, for each MPV step, where the worker holds the GIL
# (files step-<n>.txt in BENCH_STEP_PROFILE_DIR, default the temporary folder).
PYSPY = os.environ.get("BENCH_STEP_PYSPY", "")
PROFILE_DIR = Path(os.environ.get("BENCH_STEP_PROFILE_DIR", tempfile.gettempdir()))


def _profiler(server: Server, name: str) -> subprocess.Popen[bytes] | None:
    if not PYSPY or not server.name.startswith("mpv"):
        return None
    worker = max(server.pids())
    out = PROFILE_DIR / f"step-{name.replace(' ', '_')}.txt"
    command = [PYSPY, "record", "-p", str(worker), "--gil", "-r", "250", "-f", "raw"]
    spy = subprocess.Popen([*command, "--nonblocking", "-o", str(out)], stderr=subprocess.DEVNULL)
    time.sleep(1.0)  # py-spy attaches
    return spy


async def costs(
    server: Server, app: str, sender: str, staff: str, filing: str, own: str, route: tuple[int, int]
) -> dict[str, float]:
    protocol = Protocol.from_web(server.web, app)
    result: dict[str, float] = {}
    b = Browser(server.url, protocol, Stats())
    s = Browser(server.url, protocol, Stats())

    async def each(name: str, step: Callable[[], Awaitable[object]]) -> None:
        await step()  # warm
        spy = _profiler(server, name)
        cpu = server.cpu_seconds()
        wall = time.perf_counter()
        for _ in range(REPEAT):
            await step()
        result[name] = (server.cpu_seconds() - cpu) / REPEAT * 1000
        result[name + " (wall)"] = (time.perf_counter() - wall) / REPEAT * 1000
        if spy is not None:
            spy.send_signal(signal.SIGINT)
            spy.wait()

    await b.open("/iniciar-sesion")
    await each("login", lambda: b.login(sender, PASSWORD))
    await each("inicio", lambda: b.navigate("/"))  # the session and the footer, nothing else
    await each("mis trámites", lambda: b.navigate("/tramites"))
    await each("consulta", lambda: b.navigate("/tramites?asunto=carga"))
    params = {"tracking_number": own}
    await each("detalle", lambda: b.navigate(detail_path(own), params))
    plain = "/tramites"  # the floor's pages are all alike: its Mis trámites stands for any
    account, board = ("/mi-cuenta", "/panel") if app == "mpv" else (plain, plain)
    await each("mi cuenta", lambda: b.navigate(account))
    await s.open("/iniciar-sesion")
    await s.login(staff, PASSWORD)
    await each("bandeja", lambda: s.navigate("/bandeja"))
    await each("panel", lambda: s.navigate(board))
    sp = {"tracking_number": filing}
    await each("detalle staff", lambda: s.navigate(detail_path(filing), sp))

    async def open_route() -> None:
        await s.call("open_dialog", {"action": "route"}, sp)
        await s.call("choose_center", {"value": str(route[0])}, sp)

    await each("abrir derivar", open_route)
    await b.close()
    await s.close()
    return result


def main() -> int:
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mpv-steps-") as tmp:
        floor = start_floor(Path(tmp))
        work = Path(tmp) / "single"
        work.mkdir()
        try:
            with database("sqlite", work, "") as url:
                configure_env(work, url, MPV_LOGIN_MAX_FAILURES_PER_IP="100000")
                env = {k: v for k, v in os.environ.items() if k.startswith("MPV_")}
                engine = migrate_and_seed(url)
                data = load_accounts(engine, senders=2, staff=1)
                engine.dispose()
                sender = next(a for a in data.accounts if a.role == "remitente")
                staff = next(a for a in data.accounts if a.role == "mesa_partes")
                server = start_single(env, work)
                try:
                    args = (
                        sender.email,
                        staff.email,
                        staff.filing,
                        sender.filing,
                        data.route_targets[0],
                    )
                    runs: list[tuple[dict[str, float], dict[str, float]]] = []
                    for _ in range(ROUNDS):  # alternated, so a noisy minute hits both
                        mpv = asyncio.run(costs(server, "mpv", *args))
                        runs.append((mpv, asyncio.run(costs(floor, "floor", *args))))
                finally:
                    server.stop()
        finally:
            floor.stop()
    print(f"medians of {ROUNDS} alternated rounds of {REPEAT} steps each")
    print(f"{'step':<26}{'MPV ms':>9}{'floor ms':>10}{'ratio':>8}")
    for name in runs[0][0]:
        value = statistics.median(mpv[name] for mpv, _ in runs)
        base = statistics.median(floor_run[name] for _, floor_run in runs)
        print(f"{name:<26}{value:>9.1f}{base:>10.1f}{value / max(base, 0.01):>8.2f}")
    return finish(started)


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BenchError as exc:
        raise SystemExit(f"bench/step_cost.py: {exc}") from exc
