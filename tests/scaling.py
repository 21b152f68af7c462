"""Guards against time that grows faster than the input, without a wall-clock limit.

A fixed time limit fails on a slow or busy machine and passes a quadratic algorithm on a
fast one. Instead, ``assert_linear`` runs the same work on an input and on one ``FACTOR``
times larger, in CPU time of this process (``time.process_time``: other jobs on the
machine do not count), best of ``repeats`` runs each, and compares: a linear algorithm
takes about ``FACTOR`` times as long, a quadratic one ``FACTOR**2`` times. The limit sits
halfway (on a log scale) between the two, so noise has to double or halve one of the two
figures to change the verdict. ``tests/test_scaling.py`` checks that the guard does fail
on quadratic work.
"""

from __future__ import annotations

import gc
import time
from typing import Any, Callable

FACTOR = 4
LIMIT = FACTOR ** 1.5  # 8: linear gives about 4, n log n about 4.5, quadratic 16
MIN_SECONDS = 0.02  # the smaller run is made at least this long, so timer noise stays small
MAX_DOUBLINGS = 12


def cpu_seconds(func: Callable[[Any], Any], arg: Any, repeats: int) -> float:
    """The least CPU time of ``repeats`` calls ``func(arg)`` (garbage collection paused)."""
    best = float("inf")
    enabled = gc.isenabled()
    gc.disable()
    try:
        for _ in range(repeats):
            started = time.process_time()
            func(arg)
            best = min(best, time.process_time() - started)
    finally:
        if enabled:
            gc.enable()
    return best


def growth(func: Callable[[Any], Any], make: Callable[[int], Any], size: int, repeats: int = 3) -> tuple[float, int, float, float]:
    """(ratio, size used, seconds at that size, seconds at FACTOR times that size). The size
    is doubled (from ``size``) until the smaller run takes at least ``MIN_SECONDS``."""
    small = cpu_seconds(func, make(size), repeats)
    for _ in range(MAX_DOUBLINGS):
        if small >= MIN_SECONDS:
            break
        size *= 2
        small = cpu_seconds(func, make(size), repeats)
    large = cpu_seconds(func, make(size * FACTOR), repeats)
    return large / max(small, 1e-9), size, small, large


def assert_linear(func: Callable[[Any], Any], make: Callable[[int], Any], size: int, repeats: int = 3) -> None:
    ratio, used, small, large = growth(func, make, size, repeats)
    assert ratio < LIMIT, (
        f"{FACTOR} times the input took {ratio:.1f} times as long ({small:.3f}s at size {used:,}, "
        f"{large:.3f}s at {used * FACTOR:,}): linear would be about {FACTOR}, quadratic {FACTOR ** 2}"
    )
