"""What the per-process catalog cache buys each navigation: the footer's office hours and the
consulta's dropdown options, read through the cache and fresh, on SQLite and PostgreSQL.

Every page's on_load reads the office hours (footer) and the consulta pages read three
catalogs; ``mpv_app.selectors.catalog.cached`` answers those from memory until a write to a
catalog table bumps the version (locally, and in Redis for other workers). The floor is an
empty ``read()`` (a session opened and closed, no query), timed in the same run. Ratios are
printed, never asserted.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from common import configure_env, each_backend, finish, migrate_and_seed

RUNS = 2000


def per_call_us(func: Callable[[], Any]) -> float:
    func()
    samples = []
    for _ in range(5):
        started = time.perf_counter()
        for _ in range(RUNS // 5):
            func()
        samples.append((time.perf_counter() - started) / (RUNS // 5) * 1e6)
    return statistics.median(samples)


def bench(backend: str, url: str, work: Path) -> dict[str, float]:
    configure_env(work, url)
    migrate_and_seed(url).dispose()
    from mpv_app.selectors import calendar, catalog
    from mpv_app.state.common import read

    def page_reads(
        hours: Callable[..., Any], options: list[Callable[..., Any]]
    ) -> Callable[[], Any]:
        def run() -> None:
            read(hours)
            for option in options:
                read(option)

        return run

    fresh = [catalog.center_options.__wrapped__, catalog.document_type_options.__wrapped__]  # type: ignore[attr-defined]
    cached = [catalog.center_options, catalog.document_type_options]
    return {
        "floor": per_call_us(lambda: read(lambda session: None)),
        "hours fresh": per_call_us(lambda: read(calendar.office_hours)),
        "hours cached": per_call_us(lambda: read(calendar.office_hours_cached)),
        "consulta fresh": per_call_us(page_reads(calendar.office_hours, fresh)),
        "consulta cached": per_call_us(page_reads(calendar.office_hours_cached, cached)),
    }


def main() -> int:
    started = time.perf_counter()
    results = each_backend("mpv-cache-", lambda b, u, w: (b, bench(b, u, w)))
    for backend, r in results:
        print(
            f"-- {backend}: µs per navigation's catalog reads "
            f"(floor: empty read {r['floor']:.0f} µs)"
        )
        for what in ("hours", "consulta"):
            fresh, hit = r[f"{what} fresh"], r[f"{what} cached"]
            print(
                f"{what:<9} fresh {fresh:>7.0f}  cached {hit:>6.0f}  saved {fresh - hit:>6.0f} µs"
                f"  fresh/cached {fresh / hit:>5.1f}x  cached/floor {hit / r['floor']:>4.1f}x"
            )
    return finish(started)


if __name__ == "__main__":
    raise SystemExit(main())
