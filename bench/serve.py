"""Live-reload benchmark: how long after a seed is edited `newsdesk serve` shows the change.

    python -m bench.serve [--articles 6000] [--project DIR] [--full-rebuilds]

Makes a project of N Wikinews articles (as bench.build does; or reuses ``--project``, for
example one kept by ``python -m bench.build --keep``), builds it once so that the analysis
cache is warm, starts ``newsdesk serve`` on a free local port, waits for the first page,
then adds a sentence with a made-up word (new in every run) to one seed's longest
paragraph and polls that article's page until the word is there; twice, the second time
once the server is quiet. Prints JSON: seconds from start to the first page, and for
each edit from the edit to the change being served and to the end of the full rebuild
that follows a preview (``newsdesk.preview``), with newsdesk's and MkDocs' own timings
from the server's log.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from .build import PYTHON, ROOT, make_project

MARKER = "Zorblaxian"
POLL_SECONDS = 0.25
_PIPELINE = re.compile(r"newsdesk: .*? in (?P<seconds>[\d.]+)s \(")  # a full build's summary
_PREVIEW = re.compile(r"newsdesk: .*? shown first, in (?P<seconds>[\d.]+)s;")
_MKDOCS = re.compile(r"Documentation built in (?P<seconds>[\d.]+) seconds")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def _poll(ready, timeout: float, what: str) -> float:
    """Seconds until ``ready()`` holds, asked every ``POLL_SECONDS``."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if ready():
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{what}: not within {timeout:.0f} s")


def _wait_for(url: str, test, timeout: float) -> float:
    """Seconds until ``url`` answers with a body for which ``test`` holds."""
    def ready() -> bool:
        body = _get(url)
        return body is not None and test(body)
    return _poll(ready, timeout, f"{url} showing the change")


def _wait_for_log(path: Path, offset: int, test, timeout: float) -> float:
    """Seconds until ``test`` holds for what the server logged after ``offset``."""
    return _poll(lambda: test(path.read_text("utf-8", errors="replace")[offset:]), timeout, f"{path}: the full rebuild's end")


def _full_rebuild_done(log: str) -> bool:
    """A full build's summary, then MkDocs' "Documentation built" after it."""
    full = _PIPELINE.search(log)
    return full is not None and _MKDOCS.search(log, full.end()) is not None


def _wait_until_quiet(path: Path, timeout: float, quiet: float = 3.0) -> None:
    """Until the server has logged nothing for ``quiet`` seconds (the rebuild that the
    full rebuild's own writes to docs/ start has ended)."""
    last = {"size": -1, "since": time.perf_counter()}

    def quiet_now() -> bool:
        size = path.stat().st_size
        if size != last["size"]:
            last.update(size=size, since=time.perf_counter())
            return False
        return time.perf_counter() - last["since"] >= quiet
    _poll(quiet_now, timeout, f"{path}: the server settling")


def _time_an_edit(project: Path, base: str, log_path: Path, timeout: float) -> dict:
    """Edit one seed; seconds until its page shows the edit and until the full rebuild
    after it has ended, with newsdesk's and MkDocs' own times from the server's log."""
    offset = len(log_path.read_text("utf-8", errors="replace"))
    marker = f"{MARKER}{time.time_ns() % 10**9}"  # a project edited by an earlier run has the old ones
    edited = time.perf_counter()
    seed, page = edit_one_seed(project, marker)
    shown = _wait_for(base + page, lambda body: marker in body, timeout)
    _wait_for_log(log_path, offset, _full_rebuild_done, timeout)
    full = time.perf_counter() - edited
    time.sleep(1.0)
    after = log_path.read_text("utf-8", errors="replace")[offset:]
    return {
        "edited_seed": seed.name,
        "seconds_from_edit_to_change_served": round(shown, 2),
        "seconds_from_edit_to_full_rebuild_done": round(full, 2),
        "newsdesk_preview_seconds": [float(m.group("seconds")) for m in _PREVIEW.finditer(after)],
        "newsdesk_pipeline_seconds": [float(m.group("seconds")) for m in _PIPELINE.finditer(after)],
        "mkdocs_build_seconds": [float(m.group("seconds")) for m in _MKDOCS.finditer(after)],
    }


def edit_one_seed(project: Path, marker: str) -> tuple[Path, str]:
    """Add the marker sentence to the longest line of the middle seed; (seed, its page)."""
    corpus = json.loads((project / "docs" / "data" / "corpus.json").read_text("utf-8"))
    article = corpus["articles"][len(corpus["articles"]) // 2]
    seed = project / article["seed"]
    lines = seed.read_text("utf-8").split("\n")
    longest = max(range(len(lines)), key=lambda i: len(lines[i]))
    lines[longest] = lines[longest].rstrip() + f" The {marker} delegation arrived later."
    seed.write_text("\n".join(lines), "utf-8")
    return seed, article["path"]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--project", type=Path, help="an existing project to use (it is edited)")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--full-rebuilds", action="store_true", help="serve with --full-rebuilds")
    parser.add_argument("--timeout", type=float, default=1800.0)
    args = parser.parse_args(argv)
    work = None
    if args.project is None:
        work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-serve-"))
        project = work / "project"
        make_project(project, args.articles, args.backend, 0)
    else:
        project = args.project.resolve()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    newsdesk = [PYTHON, "-m", "newsdesk.cli"]
    subprocess.run([*newsdesk, "generate", "-C", str(project)], cwd=ROOT, env=env, check=True, capture_output=True)
    port = _free_port()
    log_path = project / ".newsdesk" / "bench-serve.log"
    command = [*newsdesk, "serve", "-C", str(project), "--dev-addr", f"127.0.0.1:{port}"]
    if args.full_rebuilds:
        command.append("--full-rebuilds")
    with open(log_path, "w", encoding="utf-8") as log:
        start = time.perf_counter()
        server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            base = f"http://127.0.0.1:{port}/"
            _wait_for(base + "index.html", lambda body: "<html" in body, args.timeout)
            first_page = time.perf_counter() - start
            time.sleep(2.0)  # let the watcher settle after the first build
            # The first edit comes while the server may still prepare its previews (it
            # loads the recogniser in the background); the second, once all is quiet.
            first = _time_an_edit(project, base, log_path, args.timeout)
            _wait_until_quiet(log_path, args.timeout)
            second = _time_an_edit(project, base, log_path, args.timeout)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=60)
    result = {
        "articles": len(list((project / "seeds").iterdir())),
        "full_rebuilds": args.full_rebuilds,
        "seconds_to_first_page": round(first_page, 2),
        "first_edit": first,
        "second_edit": second,
    }
    json.dump(result, sys.stdout, indent=1)
    print()
    if work is not None:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
