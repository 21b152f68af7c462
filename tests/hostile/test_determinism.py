"""Determinism: the same project always builds to the same bytes.

Four real `newsdesk build` runs of ~480 Wikinews articles (enough new text for the
analysis to go to a pool of worker processes), with SOURCE_DATE_EPOCH set:
- A: one process (NEWSDESK_JOBS=1), cold (no cache), PYTHONHASHSEED=1;
- B: two processes (NEWSDESK_JOBS=2), cold, PYTHONHASHSEED=2, the seeds copied in reverse
  order and every directory listing (os.scandir, os.listdir: what os.walk, pathlib and
  MkDocs use) shuffled by a sitecustomize module;
- C: warm: a fresh project that has only A's analysis cache, PYTHONHASHSEED=3;
- A again: a second build of A with everything in place (the cache and docs/).
docs/ and site/ of B, C and A's second build are byte-identical to A's.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest

from newsdesk.analyse import PARALLEL_MIN_WORDS

from tests.conftest import WIKINEWS, make_project, needs, run_newsdesk

pytestmark = pytest.mark.slow

POLITICS = WIKINEWS / "politics"
EPOCH = "1700000000"
SHUFFLED_LISTINGS = '''
"""Test helper: every directory listing comes back in a scrambled (seeded) order."""
import os
import random

_scandir, _listdir = os.scandir, os.listdir
_random = random.Random(1234)


class _Listing:
    def __init__(self, entries):
        self._iterator = iter(entries)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._iterator)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False

    def close(self):
        pass


def scandir(path="."):
    with _scandir(path) as it:
        entries = list(it)
    _random.shuffle(entries)
    return _Listing(entries)


def listdir(path="."):
    names = _listdir(path)
    _random.shuffle(names)
    return names


os.scandir = scandir
os.listdir = listdir
'''


def tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def differences(a: Path, b: Path) -> list[str]:
    ta, tb = tree(a), tree(b)
    return sorted(set(ta) ^ set(tb)) + sorted(p for p in set(ta) & set(tb) if ta[p] != tb[p])


def build(project: Path, **env: str) -> str:
    proc = run_newsdesk("build", "--strict", "-C", str(project), env={"SOURCE_DATE_EPOCH": EPOCH, **env})
    summary = re.search(r"newsdesk: (\d+) seeds -> \d+ articles \((\d+) from cache, \d+ not published, (\d+) process", proc.stderr)
    unchanged = re.search(r"newsdesk: (\d+) seeds, nothing changed since the last build", proc.stderr)
    assert summary or unchanged, proc.stderr[-2000:]
    return f"{summary.group(2)} from cache, {summary.group(3)} process(es)" if summary else "nothing changed"


@needs(POLITICS)
def test_builds_are_byte_identical_whatever_the_processes_cache_and_listing_order(tmp_path: Path) -> None:
    corpus = sorted(POLITICS.glob("*.txt"))[:480]
    words = sum(len(p.read_text("utf-8").split()) for p in corpus)
    assert words >= PARALLEL_MIN_WORDS * 1.02, f"{words} words: too few for the analysis to run in parallel"

    a = make_project(tmp_path / "a", corpus)
    assert build(a, NEWSDESK_JOBS="1", PYTHONHASHSEED="1") == "0 from cache, 1 process(es)"

    b = make_project(tmp_path / "b", list(reversed(corpus)))
    helpers = tmp_path / "helpers"
    helpers.mkdir()
    (helpers / "sitecustomize.py").write_text(SHUFFLED_LISTINGS, "utf-8")
    pythonpath = os.pathsep.join(filter(None, [str(helpers), os.environ.get("PYTHONPATH")]))
    assert build(b, NEWSDESK_JOBS="2", PYTHONHASHSEED="2", PYTHONPATH=pythonpath) == "0 from cache, 2 process(es)"

    c = make_project(tmp_path / "c", corpus)
    shutil.copytree(a / ".newsdesk" / "cache", c / ".newsdesk" / "cache")
    assert build(c, NEWSDESK_JOBS="2", PYTHONHASHSEED="3") == f"{len(corpus)} from cache, 1 process(es)"

    first_site = tmp_path / "a-site"
    shutil.copytree(a / "site", first_site)
    first_docs = tmp_path / "a-docs"
    shutil.copytree(a / "docs", first_docs)
    assert build(a, NEWSDESK_JOBS="2", PYTHONHASHSEED="4") in ("nothing changed", f"{len(corpus)} from cache, 1 process(es)")

    for name, project in (("B (2 processes, shuffled listings)", b), ("C (warm cache)", c), ("A again", a)):
        for folder, reference in (("docs", first_docs), ("site", first_site)):
            diff = differences(reference, project / folder)
            assert not diff, f"{name}: {folder}/ differs from A's in {len(diff)} file(s): {diff[:10]}"
