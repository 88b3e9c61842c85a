"""A backend worker keeps to one core; the pools that release the GIL do not (issue 16).

Pinning changes the whole process, so it is tried in a child interpreter: its event-loop
thread and a database thread started after the pin share one CPU, and the argon2 pool's
thread may still use every CPU the process was allowed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from mpv_app.cpu_affinity import ALLOWED, AUTO, OFF, chosen_cpu

CHILD = """
import json, os, threading
from concurrent.futures import ThreadPoolExecutor
from mpv_app.cpu_affinity import ALLOWED, pin_this_worker, unpinned

early = threading.Event(); done = threading.Event()
seen = {}
def before():  # a thread that was already running when the worker pinned itself
    early.set(); done.wait(); seen["before"] = sorted(os.sched_getaffinity(0))
t = threading.Thread(target=before); t.start(); early.wait()
cpu = pin_this_worker("%s")
done.set(); t.join()
def later():
    seen["later"] = sorted(os.sched_getaffinity(0))
t2 = threading.Thread(target=later); t2.start(); t2.join()
with ThreadPoolExecutor(1, initializer=unpinned) as pool:
    seen["pool"] = pool.submit(lambda: sorted(os.sched_getaffinity(0))).result()
seen["main"] = sorted(os.sched_getaffinity(0))
print(json.dumps({"cpu": cpu, "allowed": list(ALLOWED), **seen}))
"""


def _child(setting: str) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, "-c", CHILD % setting],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONPATH": os.getcwd()},
    )
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_a_number_picks_an_allowed_cpu_in_turn_and_off_picks_none() -> None:
    assert chosen_cpu(OFF, 7) is None
    if len(ALLOWED) < 2:  # one core: nothing to choose, nothing pinned
        assert chosen_cpu("1", 7) is None and chosen_cpu(AUTO, 7) is None
        return
    assert [chosen_cpu(str(n), 0) for n in range(len(ALLOWED) + 1)] == [
        *ALLOWED,
        ALLOWED[0],
    ]
    assert chosen_cpu(AUTO, 12345) == ALLOWED[12345 % len(ALLOWED)]


def test_every_thread_keeps_to_the_chosen_cpu_but_the_unpinned_pool() -> None:
    seen = _child("1")
    allowed = seen["allowed"]
    assert isinstance(allowed, list) and allowed == sorted(os.sched_getaffinity(0))
    if len(allowed) < 2:
        assert seen["cpu"] is None and seen["main"] == allowed
        return
    cpu = allowed[1]
    assert seen["cpu"] == cpu
    assert seen["main"] == seen["before"] == seen["later"] == [cpu]
    assert seen["pool"] == allowed


def test_off_leaves_the_process_alone() -> None:
    seen = _child(OFF)
    assert seen["cpu"] is None
    assert seen["main"] == seen["later"] == seen["pool"] == seen["allowed"]


GIL_CHILD = """
import asyncio, sys
from mpv_app.workers import pin_worker
asyncio.run(pin_worker())
print(sys.getswitchinterval())
"""


def test_a_worker_takes_its_gil_turns_from_the_setting() -> None:
    """Python's 5 ms turns left the event loop waiting behind a database thread under load."""
    env = {**os.environ, "MPV_GIL_SWITCH_MS": "0.5", "MPV_WORKER_CPU": OFF}
    out = subprocess.run(
        [sys.executable, "-c", GIL_CHILD], env=env, capture_output=True, text=True, check=True
    )
    assert float(out.stdout.split()[-1]) == 0.0005


@pytest.mark.parametrize(
    "field",
    [
        "gil_switch_ms",  # no GIL turn at all
        "gc_young_objects",  # the collector off: memory would grow with every cycle left
    ],
)
def test_a_zero_for_a_worker_knob_is_refused(field: str) -> None:
    from pydantic import ValidationError

    from mpv_app.settings import Settings

    try:
        Settings(**{field: 0})
    except ValidationError as error:
        assert field in str(error)
    else:
        raise AssertionError(f"{field}=0 was accepted")


GC_CHILD = """
import asyncio, gc
from mpv_app.workers import pin_worker
asyncio.run(pin_worker())
print(*gc.get_threshold())
"""


def test_a_worker_collects_its_young_objects_from_the_setting() -> None:
    """At Python's 700 a loaded worker spent about a tenth of its time collecting."""
    env = {**os.environ, "MPV_GC_YOUNG_OBJECTS": "5000", "MPV_WORKER_CPU": OFF}
    out = subprocess.run(
        [sys.executable, "-c", GC_CHILD], env=env, capture_output=True, text=True, check=True
    )
    young, middle, old = (int(n) for n in out.stdout.split()[-3:])
    assert young == 5000
    assert (middle, old) == (10, 10), "the older generations keep Python's thresholds"
