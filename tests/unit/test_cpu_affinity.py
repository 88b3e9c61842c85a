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
from typing import Any

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


WORKER_START = """
import asyncio, gc, json, sys
from mpv_app.workers import pin_worker
asyncio.run(pin_worker())
print(json.dumps({"switch": sys.getswitchinterval(), "gc": gc.get_threshold()}))
"""


def _worker_start(**settings: str) -> tuple[float, tuple[int, int, int]]:
    """The GIL turn and GC thresholds ``pin_worker`` leaves in a fresh interpreter, given these
    ``MPV_*`` settings."""
    env = {**os.environ, **settings, "MPV_WORKER_CPU": OFF}
    out = subprocess.run(
        [sys.executable, "-c", WORKER_START], env=env, capture_output=True, text=True, check=True
    )
    seen = json.loads(out.stdout.splitlines()[-1])
    young, middle, old = seen["gc"]
    return float(seen["switch"]), (int(young), int(middle), int(old))


def test_a_worker_takes_its_gil_turns_from_the_setting() -> None:
    """Python's 5 ms turns left the event loop waiting behind a database thread under load."""
    switch, _ = _worker_start(MPV_GIL_SWITCH_MS="0.5")
    assert switch == 0.0005


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
        zero: dict[str, Any] = {field: 0}
        Settings(**zero)
    except ValidationError as error:
        assert field in str(error)
    else:
        raise AssertionError(f"{field}=0 was accepted")


def test_a_worker_collects_its_young_objects_from_the_setting() -> None:
    """At Python's 700 a loaded worker spent about a tenth of its time collecting."""
    _, (young, middle, old) = _worker_start(MPV_GC_YOUNG_OBJECTS="5000")
    assert young == 5000
    assert (middle, old) == (10, 10), "the older generations keep Python's thresholds"
