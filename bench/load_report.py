"""Figures for bench/load.py (a helper module, not a bench of its own): per-server rounds and
what is printed of them beside the floor's."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from load_client import Stats


@dataclass(frozen=True)
class Shape:
    """How a run was driven, for its heading and its steps per second."""

    think: float
    ramp: float
    seconds: float
    steps: list[str]


@dataclass
class Round:
    """One server's run at N clients."""

    stats: Stats
    cpu_per_step_ms: float
    loop_per_step_ms: float  # the backends' main threads: their event loops
    kib_growth_per_tab: float
    kib_per_added_tab: float
    steps: int


@dataclass
class Rounds:
    app: list[Round]
    floor: list[Round]


def pct(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def pooled(rounds: list[Round]) -> Stats:
    """Every round's step times, errors, timeouts and disconnects together."""
    stats = Stats()
    for r in rounds:
        for step, times in r.stats.times.items():
            stats.times.setdefault(step, []).extend(times)
        for what, n in r.stats.errors.items():
            stats.errors[what] = stats.errors.get(what, 0) + n
        stats.timeouts += r.stats.timeouts
        stats.disconnects += r.stats.disconnects
    return stats


def report(label: str, clients: int, rounds: Rounds, check_ms: float, shape: Shape) -> None:
    """Step percentiles pooled over the rounds, CPU ratios per round, memory of round 1."""
    a, f = pooled(rounds.app), pooled(rounds.floor)
    print(
        f"\n-- {label}, {clients} clients, think {shape.think:g} s, ramp {shape.ramp:g} s,"
        f" {shape.seconds:g} s, {len(rounds.app)} rounds alternating with the floor"
    )
    print(f"{'step':<15}{'n':>6}{'p50':>8}{'p95':>8}{'p99':>8} | {'floor p95':>9}  p95/floor")
    worst = 0.0
    for step in shape.steps:
        times = a.times.get(step, [])
        if not times:
            continue
        floor_times = f.times.get(step, []) or [t for v in f.times.values() for t in v]
        ratio = pct(times, 0.95) / max(pct(floor_times, 0.95), 0.001)
        worst = max(worst, ratio)
        print(
            f"{step:<15}{len(times):>6}{pct(times, 0.5):>8.0f}{pct(times, 0.95):>8.0f}"
            f"{pct(times, 0.99):>8.0f} | {pct(floor_times, 0.95):>9.0f}  {ratio:>6.2f}x"
        )
    every = [t for v in a.times.values() for t in v]
    seconds = (shape.seconds + shape.ramp) * len(rounds.app)
    print(
        f"all steps: p95 {pct(every, 0.95):.0f} ms, {len(every) / seconds:.0f} steps/s;"
        f" worst p95/floor {worst:.2f}x (goal <= 2)"
    )
    print(
        f"errors {sum(a.errors.values())} {a.errors or ''} timeouts {a.timeouts} "
        f"disconnects {a.disconnects} | floor: errors {sum(f.errors.values())} "
        f"timeouts {f.timeouts} disconnects {f.disconnects}"
    )
    _report_cpu(rounds, check_ms)
    _report_memory(rounds.app[0], rounds.floor[0])


def _report_cpu(rounds: Rounds, check_ms: float) -> None:
    pairs = list(zip(rounds.app, rounds.floor, strict=True))
    ratios = [r.cpu_per_step_ms / max(fl.cpu_per_step_ms, 0.001) for r, fl in pairs]
    argon2 = [len(r.stats.times.get("login", [])) * check_ms / max(r.steps, 1) for r in rounds.app]
    rest = [
        (r.cpu_per_step_ms - cost) / max(fl.cpu_per_step_ms, 0.001)
        for (r, fl), cost in zip(pairs, argon2, strict=True)
    ]
    each = " ".join(f"{r.cpu_per_step_ms:.1f}/{fl.cpu_per_step_ms:.1f}" for r, fl in pairs)
    print(
        f"server CPU per step, app/floor ms by round: {each}; ratio median "
        f"{statistics.median(ratios):.2f}x, range {min(ratios):.2f}-{max(ratios):.2f}x "
        "(goal <= 1.5)"
    )
    loop = statistics.median(r.loop_per_step_ms for r in rounds.app)
    floor_loop = statistics.median(fl.loop_per_step_ms for fl in rounds.floor)
    threads = statistics.median(r.cpu_per_step_ms - r.loop_per_step_ms for r in rounds.app)
    floor_threads = statistics.median(
        fl.cpu_per_step_ms - fl.loop_per_step_ms for fl in rounds.floor
    )
    print(
        f"  event-loop threads {loop:.2f} ms per step (floor {floor_loop:.2f}), other threads "
        f"{threads:.2f} ms (floor {floor_threads:.2f}): database, argon2, mail; medians"
    )
    print(
        f"  of which argon2 about {statistics.median(argon2):.1f} ms per step (each login "
        f"{check_ms:.0f} ms, timed here); without it median {statistics.median(rest):.2f}x, "
        f"range {min(rest):.2f}-{max(rest):.2f}x"
    )


def _report_memory(app: Round, floor: Round) -> None:
    added, floor_added = app.kib_per_added_tab, floor.kib_per_added_tab
    print(
        f"server PSS per connected tab {added:.0f} KiB, floor {floor_added:.0f} KiB: "
        f"{added / max(floor_added, 0.001):.2f}x (goal <= 1.25; slope over the first round's "
        "ramp, 2nd half)"
    )
    growth, floor_growth = app.kib_growth_per_tab, floor.kib_growth_per_tab
    print(
        f"server PSS growth over the first round per tab {growth:.0f} KiB, floor "
        f"{floor_growth:.0f} KiB: {growth / max(floor_growth, 0.001):.2f}x (peak minus "
        "warmed-up idle, fixed costs included)"
    )
