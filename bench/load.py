"""300 people at once: simulated browsers against the MPV app and a bare Reflex floor.

Each simulated browser (bench/load_client.py) is its own tab with its own account, over the
real websocket, speaking the built frontend's protocol. Remitentes open the login page, log
in, then loop Mis trámites -> a consulta filtered by asunto -> one of their filings' detail.
One in ten is reception staff: log in, then loop Bandeja -> a filing's detail -> Derivar
(open the dialog, pick a center, route) to alternating departments. Between steps each waits
a think time (``BENCH_LOAD_THINK``, default 1 s, ±50 %); arrivals are spread over
``BENCH_LOAD_RAMP`` seconds; the run lasts ``BENCH_LOAD_SECONDS`` and every step gives up
after 15 s. Printed per step: p50/p95/p99, then errors, timeouts and disconnects, server CPU
per step and server memory (PSS) per connected tab, each beside the floor (bench/floor: one
state, three trivial on_load handlers per page, the same theme, paths and journey) measured in
the same run with the same clients and think time. Ratios are reported, never asserted.

Memory per connected tab is the slope of the server's PSS over the tabs connected so far, fitted
on the ramp's second half (``kib_per_added_tab``): what the process keeps once whatever the
number of tabs (caches, pooled connections, worker threads) is warm by then. The growth over the
whole run divided by the tabs, those fixed costs included, is printed beside it.

The machine's speed drifts by tens of percent within minutes, so one app run beside one floor
run gave ratios from 1.4x to 2.5x on the same code. Each N is therefore measured in
``BENCH_LOAD_ROUNDS`` (default 3) rounds that alternate app and floor (app first, then floor
first, ...): the CPU ratio is taken per round, from the two runs next to each other, and its
median and range are printed; step percentiles pool all rounds. Memory comes from each
server's first round at that N: later rounds reuse the heap the earlier tabs freed. Both
servers are started fresh per configuration, so the first N of a run is measured on fresh heaps
and later Ns on heaps that served the earlier ones, alike for app and floor.

Configurations: the MPV app on SQLite with one worker (``make run``), and, when
MPV_TEST_DATABASE_URL and MPV_TEST_REDIS_URL are set, the production topology (nginx +
``BENCH_LOAD_WORKERS`` backends, PostgreSQL + Redis). Last, at the largest N only, the floor
itself with one thing of the app's added in the app's place: the login's password check at the
app's argon2 cost (``--only password-floor`` runs it alone). It says what that requirement
alone does to the p95 and the CPU per step beside the bare floor, apart from everything else
the app does. ``BENCH_LOAD_CLIENTS`` (default 300) sets N, ``--clients 50,100,200,300`` runs
several N in a row. Loopback only.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from common import BenchError, configure_env, database, finish, migrate_and_seed
from load_client import Browser, Protocol, Stats, detail_path, think, timed
from load_data import PASSWORD, Account, Dataset, load_accounts
from load_report import Round, Rounds, Shape, report
from load_servers import Server, start_floor, start_single, start_topology

CLIENTS = os.environ.get("BENCH_LOAD_CLIENTS", "300")
SECONDS = float(os.environ.get("BENCH_LOAD_SECONDS", "60"))
THINK = float(os.environ.get("BENCH_LOAD_THINK", "1.0"))
RAMP = float(os.environ.get("BENCH_LOAD_RAMP", "20"))
ROUNDS = int(os.environ.get("BENCH_LOAD_ROUNDS", "3"))
WARM_S = 5.0
WORKERS = int(os.environ.get("BENCH_LOAD_WORKERS", "3"))
STAFF_EVERY = 10
PSS_EVERY_S = 0.5
STEPS = [
    "abrir login",
    "login",
    "mis trámites",
    "consulta",
    "detalle",
    "bandeja",
    "detalle staff",
    "abrir derivar",
    "derivar",
]


async def sender_journey(
    b: Browser, acc: Account, data: Dataset, rng: random.Random, stats: Stats, deadline: float
) -> None:
    if not await timed(stats, "abrir login", b.open("/iniciar-sesion")):
        return
    if not await think(rng, THINK, deadline) or not await timed(
        stats, "login", b.login(acc.email, PASSWORD)
    ):
        return
    while await think(rng, THINK, deadline):
        if not await timed(stats, "mis trámites", b.navigate("/tramites")):
            return
        if not await think(rng, THINK, deadline):
            return
        term = rng.choice(data.subject_terms)
        if not await timed(stats, "consulta", b.navigate(f"/tramites?asunto={term}")):
            return
        if not await think(rng, THINK, deadline):
            return
        params = {"tracking_number": acc.filing}
        if not await timed(stats, "detalle", b.navigate(detail_path(acc.filing), params)):
            return


async def staff_journey(
    b: Browser, acc: Account, data: Dataset, rng: random.Random, stats: Stats, deadline: float
) -> None:
    if not await timed(stats, "abrir login", b.open("/iniciar-sesion")):
        return
    if not await think(rng, THINK, deadline) or not await timed(
        stats, "login", b.login(acc.email, PASSWORD)
    ):
        return
    params = {"tracking_number": acc.filing}
    turn = 0
    while await think(rng, THINK, deadline):
        if not await timed(stats, "bandeja", b.navigate("/bandeja")):
            return
        if not await think(rng, THINK, deadline):
            return
        if not await timed(stats, "detalle staff", b.navigate(detail_path(acc.filing), params)):
            return
        if not await think(rng, THINK, deadline):
            return
        center, department = data.route_targets[turn % len(data.route_targets)]
        turn += 1

        async def open_route(center: int = center) -> None:
            await b.call("open_dialog", {"action": "route"}, params)
            await b.call("choose_center", {"value": str(center)}, params)

        if not await timed(stats, "abrir derivar", open_route()):
            return  # a timeout here is counted like any other step's, not a crash of the run
        form = {"form_data": {"department_id": str(department), "note": "Carga"}}
        if not await timed(stats, "derivar", b.act("route", form, params)):
            return


async def drive(
    server: Server, app: str, data: Dataset, clients: int, ramp: float, seconds: float
) -> Driven:
    """Run the journeys; PSS is sampled against the count of tabs connected so far."""
    protocol = Protocol.from_web(server.web, app)
    stats = Stats()
    deadline = time.monotonic() + ramp + seconds
    browsers = []
    peak = 0

    async def one(n: int) -> None:
        await asyncio.sleep(ramp * n / clients)
        acc = data.accounts[n]
        b = Browser(server.url, protocol, stats)
        browsers.append(b)
        journey = staff_journey if acc.role == "mesa_partes" else sender_journey
        await journey(b, acc, data, random.Random(n), stats, deadline)

    async def sample() -> None:
        nonlocal peak
        while time.monotonic() < deadline:
            await asyncio.sleep(PSS_EVERY_S)
            pss = server.pss_kib()
            peak = max(peak, pss)
            samples.append((stats.connected, pss))

    samples: list[tuple[int, int]] = []
    await asyncio.gather(sample(), *(one(n) for n in range(clients)))
    await asyncio.gather(*(b.close() for b in browsers), return_exceptions=True)
    return Driven(stats, peak, samples)


@dataclass
class Driven:
    stats: Stats
    peak_kib: int
    samples: list[tuple[int, int]]  # (tabs connected so far, server PSS KiB) during the run


def kib_per_added_tab(samples: list[tuple[int, int]], clients: int) -> float:
    """The slope of PSS over tabs connected, fitted on the ramp's second half.

    By then the process has warmed what it keeps once whatever the number of tabs (compiled
    queries, catalog caches, pooled connections and their page caches, worker threads), so
    the slope is what one more tab costs, tabs that log in and browse while it is measured.
    """
    points = [(n, kib) for n, kib in samples if clients // 2 <= n < clients]
    if len(points) < 3 or points[0][0] == points[-1][0]:
        return float("nan")
    mean_n = sum(n for n, _ in points) / len(points)
    mean_kib = sum(kib for _, kib in points) / len(points)
    spread = sum((n - mean_n) ** 2 for n, _ in points)
    return sum((n - mean_n) * (kib - mean_kib) for n, kib in points) / spread


def speaks(server: Server) -> str:
    """Which app's protocol a server speaks: each floor's, or the MPV app's."""
    return "floor" if server.name.startswith("floor") else "mpv"


def measure(server: Server, app: str, data: Dataset, clients: int, warm: bool) -> Round:
    if warm:  # imports, caches, pools: a few tabs for a few seconds
        asyncio.run(drive(server, app, data, min(3, clients), 0.0, WARM_S))
    idle = server.pss_kib()
    cpu, loop = server.cpu_split()
    driven = asyncio.run(drive(server, app, data, clients, RAMP, SECONDS))
    stats = driven.stats
    steps = sum(len(v) for v in stats.times.values())
    cpu_after, loop_after = server.cpu_split()
    return Round(
        stats=stats,
        cpu_per_step_ms=(cpu_after - cpu) / max(steps, 1) * 1000,
        loop_per_step_ms=(loop_after - loop) / max(steps, 1) * 1000,
        kib_growth_per_tab=(driven.peak_kib - idle) / max(stats.connected, 1),
        kib_per_added_tab=kib_per_added_tab(driven.samples, clients),
        steps=steps,
    )


def alternate(server: Server, floor: Server, data: Dataset, clients: int) -> Rounds:
    """ROUNDS rounds, app first then floor first, so a drift of the machine hits both."""
    runs: dict[str, list[Round]] = {"mpv": [], "floor": []}
    for n in range(ROUNDS):
        order = [("mpv", server), ("floor", floor)]
        for side, target in order if n % 2 == 0 else reversed(order):
            runs[side].append(measure(target, speaks(target), data, clients, n == 0))
    return Rounds(runs["mpv"], runs["floor"])


def password_check_ms(rounds: int = 5) -> float:
    """CPU of one password check at the app's argon2 cost, timed in this process before the
    run: every login pays it (OWASP's minimum), and the floor's trivial login does not."""
    from mpv_app.services.passwords import hash_password, verify_password

    stored = hash_password(PASSWORD)
    start = time.thread_time()
    for _ in range(rounds):
        verify_password(stored, PASSWORD)
    return (time.thread_time() - start) / rounds * 1000


def run_config(
    label: str,
    start,  # type: ignore[no-untyped-def]
    clients_list: list[int],
    url: str,
    work: Path,
) -> None:
    """One configuration beside a floor of its own, both started fresh: a floor that had served
    the other configuration's tabs reused the heap they freed, and read 67 KiB per tab."""
    engine = migrate_and_seed(url)
    biggest = max(clients_list)
    data = load_accounts(
        engine, senders=biggest - biggest // STAFF_EVERY, staff=max(1, biggest // STAFF_EVERY)
    )
    engine.dispose()
    check_ms = password_check_ms()
    floor = start_floor(work)
    try:
        server = start()
        try:
            for clients in clients_list:
                picked = spread(data, clients)
                rounds = alternate(server, floor, picked, clients)
                report(label, clients, rounds, check_ms, Shape(THINK, RAMP, SECONDS, STEPS))
        finally:
            server.stop()
    finally:
        floor.stop()


def spread(data: Dataset, clients: int) -> Dataset:
    """``clients`` accounts, one in STAFF_EVERY of them staff, interleaved."""
    senders = [a for a in data.accounts if a.role == "remitente"]
    staff = [a for a in data.accounts if a.role == "mesa_partes"]
    picked = []
    for n in range(clients):
        pool = staff if n % STAFF_EVERY == STAFF_EVERY - 1 and staff else senders
        picked.append(pool.pop(0))
    return Dataset(picked, data.route_targets, data.subject_terms)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", default=CLIENTS, help="e.g. 300 or 50,100,200,300")
    parser.add_argument("--only", choices=["single", "topology", "password-floor"], default=None)
    args = parser.parse_args()
    clients_list = [int(c) for c in str(args.clients).split(",")]
    started = time.perf_counter()
    pg, redis = os.environ.get("MPV_TEST_DATABASE_URL", ""), os.environ.get("MPV_TEST_REDIS_URL")
    with tempfile.TemporaryDirectory(prefix="mpv-load-") as tmp:
        if args.only in (None, "single"):
            work = Path(tmp) / "single"
            work.mkdir()
            with database("sqlite", work, "") as url:
                configure_env(work, url, MPV_LOGIN_MAX_FAILURES_PER_IP="100000")
                env = {k: v for k, v in os.environ.items() if k.startswith("MPV_")}
                run_config(
                    "MPV, SQLite, 1 worker",
                    lambda: start_single(env, work),
                    clients_list,
                    url,
                    work,
                )
        if args.only in (None, "topology") and pg and redis:
            work = Path(tmp) / "topology"
            work.mkdir()
            with database("postgresql", work, pg) as url:
                configure_env(
                    work, url, MPV_REDIS_URL=redis, MPV_LOGIN_MAX_FAILURES_PER_IP="100000"
                )
                env = {k: v for k, v in os.environ.items() if k.startswith("MPV_")}
                run_config(
                    f"MPV, PostgreSQL + Redis, nginx + {WORKERS} workers",
                    lambda: start_topology(env, work, WORKERS),
                    clients_list,
                    url,
                    work,
                )
        elif args.only in (None, "topology"):
            print("(topology skipped: MPV_TEST_DATABASE_URL and MPV_TEST_REDIS_URL not set)")
        if args.only in (None, "password-floor"):
            work = Path(tmp) / "password-floor"
            work.mkdir()
            with database("sqlite", work, "") as url:
                run_config(
                    "the floor + the app's password check (argon2id, OWASP minimum), not the app",
                    lambda: start_floor(work, password_check=True),
                    [max(clients_list)],
                    url,
                    work,
                )
    return finish(started)


if __name__ == "__main__":
    try:
        raise SystemExit(main())
    except BenchError as exc:
        raise SystemExit(f"bench/load.py: {exc}") from exc
