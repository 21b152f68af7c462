"""The scaling guard (tests/scaling.py) used by the tests against quadratic time must be
able to fail: it passes linear and n log n work and rejects quadratic work."""

from __future__ import annotations

import pytest

from tests.scaling import assert_linear


def linear(items: list[int]) -> int:
    return sum(x * 3 for x in items)


def n_log_n(items: list[int]) -> list[int]:
    return sorted(items)


def quadratic(items: list[int]) -> int:
    """What a search from the start of the text for every match costs."""
    seen: list[int] = []
    hits = 0
    for x in items:
        hits += x in seen  # a list scan: the kind of slip the guard is for
        seen.append(-x - 1)
    return hits


def shuffled(n: int) -> list[int]:
    return [(i * 7919) % n for i in range(n)]  # a permutation, when n is not a multiple of 7919


@pytest.mark.parametrize("func", [linear, n_log_n])
def test_the_guard_passes_linear_work(func) -> None:
    assert_linear(func, shuffled, 100_000, repeats=2)


def test_the_guard_fails_quadratic_work() -> None:
    with pytest.raises(AssertionError, match="quadratic 16"):
        assert_linear(quadratic, shuffled, 2000, repeats=2)
