"""One core per backend worker process, for its event loop and its database threads.

Every page read hops from the event loop to a worker thread and back. Left to the scheduler,
the two threads run on different cores and each hop starts on caches the other core holds:
measured here, the same read costs 35-40 % more CPU than with both on one core (``make
bench``: ``bench/step_cost.py``). A worker is bound by the GIL to about one core anyway, so
it loses nothing by keeping to one; several workers are spread over the cores
(``deploy/run_prod.py`` gives each its own ``MPV_WORKER_CPU``). Work that releases the GIL
for long (argon2 at login, hashing and writing an upload) runs in pools that stay free to use
every core: ``unpinned`` is their thread initializer.

Linux only (``os.sched_setaffinity``); elsewhere, or with ``MPV_WORKER_CPU=off``, nothing is
pinned.
"""

from __future__ import annotations

import gc
import logging
import os
import sys
from pathlib import Path

logger = logging.getLogger(__name__)
OFF = "off"
AUTO = "auto"
# The CPUs this process may use, read before anything is pinned.
ALLOWED: tuple[int, ...] = (
    tuple(sorted(os.sched_getaffinity(0))) if hasattr(os, "sched_getaffinity") else ()
)


def chosen_cpu(setting: str, pid: int) -> int | None:
    """The CPU a worker keeps to: ``auto`` spreads workers by process id, a number picks the
    allowed CPU at that index (modulo their count), ``off`` (or one CPU only) none."""
    if setting == OFF or len(ALLOWED) < 2:
        return None
    index = pid if setting == AUTO else int(setting)
    return ALLOWED[index % len(ALLOWED)]


def pin_this_worker(setting: str) -> int | None:
    """Keep every thread of this process on one CPU; threads started later inherit it."""
    cpu = chosen_cpu(setting, os.getpid())
    if cpu is None:
        return None
    for task in Path("/proc/self/task").iterdir():
        try:
            os.sched_setaffinity(int(task.name), {cpu})
        except OSError:  # a thread that ended meanwhile
            continue
    logger.info("worker %s keeps to CPU %s", os.getpid(), cpu)
    return cpu


def unpinned() -> None:
    """Thread initializer of the pools whose work releases the GIL: every allowed CPU."""
    if ALLOWED:
        os.sched_setaffinity(0, set(ALLOWED))


def shorten_gil_turns(milliseconds: float) -> None:
    """How long a thread may keep the GIL while another waits (Python's default is 5 ms).

    The event loop gives the GIL up many times per event, for a moment each time (a socket
    write, the random bits of each event's id, a wake-up of the loop): a database thread
    waiting for it takes it then, and the loop, which had work ready, waited until that thread
    blocked or used up its turn. With the read's thread and the loop on one core, 5 ms turns
    made most of a step's latency under load (``make bench``: ``bench/load.py``).
    """
    sys.setswitchinterval(milliseconds / 1000)


def collect_young_every(objects: int) -> None:
    """How many new container objects start a young-generation collection (Python's own: 700).

    Each event allocates thousands (deltas, rows, socket packets): at 700, a worker serving
    300 tabs ran about 1,500 young and 11 full collections in a 40-second run, 5 s of its
    time; at 5,000 it ran 85 young and no full ones, 1.2 s, with the same memory per tab
    (``make bench``: ``bench/load.py``). The older generations keep Python's thresholds.
    """
    _, middle, old = gc.get_threshold()
    gc.set_threshold(objects, middle, old)
