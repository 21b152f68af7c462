"""Build benchmark: newsdesk against a plain MkDocs build of the same size, in one run.

    python -m bench.build [--sizes 60,600,6000,12000] [--backend auto] [--jobs 0] [--rounds 3]

For each size N, N articles from ../shared/corpora/wikinews (used twice, under other
names, beyond the 5,934 files there) go into a fresh project, and are built:

- cold: ``newsdesk build`` in a new process with an empty cache (end-to-end wall time,
  including starting Python and importing MkDocs, Material and spaCy,
  peak memory of the process, pages written, output bytes; the stage times newsdesk
  logs: read+analyse, link, render, write);
- warm: ``newsdesk generate`` again with nothing changed;
- one seed edited: ``newsdesk generate`` after changing one seed;
- baseline: a plain ``mkdocs build`` of N pages (each article's title and text as
  Markdown), same theme, no newsdesk: a stock Material site, with Material's own search
  and offline plugins (newsdesk's site has its own search instead, built by newsdesk and
  counted in newsdesk's share);
- rendering rounds (``--rounds``): ``mkdocs build`` of the newsdesk project with nothing
  to regenerate, then of the baseline, alternating, a few times. On these machines the
  same build's time varies by a fifth from one run to the next, so one pair of builds
  minutes apart says little about a 10% difference; the median of the paired ratios
  says more.

It reports newsdesk's share of the total (everything but MkDocs' own page rendering),
MkDocs' cost per rendered page against the baseline's, pages rendered per article, and
the growth exponent of the total time between consecutive sizes. Prints JSON on stdout.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews"
PYTHON = sys.executable
_STAGES = re.compile(
    r"in (?P<total>[\d.]+)s \(read\+analyse (?P<analyse>[\d.]+)s, link (?P<link>[\d.]+)s, render (?P<render>[\d.]+)s, write (?P<write>[\d.]+)s\)"
)
_PAGES = re.compile(r"(?P<pages>\d+) pages: (?P<written>\d+) written")
_MKDOCS = re.compile(r"Documentation built in (?P<seconds>[\d.]+) seconds")
_NOTHING_CHANGED = re.compile(r"nothing changed since the last build \((?P<seconds>[\d.]+)s\)")


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*/ID*.txt"), key=lambda p: (p.parent.name, p.name))


def make_project(folder: Path, n: int, backend: str, jobs: int) -> list[Path]:
    files = corpus_files()
    (folder / "seeds").mkdir(parents=True)
    (folder / "docs").mkdir()
    config = (ROOT / "newsdesk" / "templates" / "mkdocs.yml").read_text("utf-8").replace("{site_name}", '"Benchmark"')
    config = config.replace("      seeds_dir: seeds\n", f"      seeds_dir: seeds\n      entity_backend: {backend}\n      jobs: {jobs}\n")
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    seeds = []
    for i in range(n):
        source = files[i % len(files)]
        copy = folder / "seeds" / f"{i // len(files)}-{source.parent.name}-{source.name}"
        shutil.copyfile(source, copy)
        seeds.append(copy)
    return seeds


def make_baseline(folder: Path, seeds: list[Path]) -> None:
    (folder / "docs" / "articles").mkdir(parents=True)
    config = (
        'site_name: "Baseline"\nuse_directory_urls: false\ntheme:\n  name: material\n  font: false\n'
        "  features: [navigation.tabs, search.highlight, search.suggest]\n"
        "plugins: [search, offline]\nmarkdown_extensions: [toc, tables, admonition]\n"
        "not_in_nav: |\n  /articles/*\nnav:\n  - Home: index.md\n"
    )
    (folder / "mkdocs.yml").write_text(config, "utf-8")
    (folder / "docs" / "index.md").write_text("# Baseline\n", "utf-8")
    for i, seed in enumerate(seeds):
        lines = seed.read_text("utf-8", errors="replace").split("\n")
        body = "\n\n".join(line.strip() for line in lines[2:] if line.strip())
        (folder / "docs" / "articles" / f"a{i}.md").write_text(f"# {lines[0].strip() or 'Untitled'}\n\n{body}\n", "utf-8")


def timed(command: list[str], cwd: Path, env: dict | None = None) -> dict:
    """Run ``command``; wall time, peak RSS of the child and its output."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    proc = subprocess.run(command, cwd=cwd, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{proc.stderr[-3000:]}")
    # ru_maxrss of children is the largest so far: only meaningful when it grew.
    return {"seconds": round(seconds, 2), "peak_rss_mb": round(max(peak, before) / 1024, 1), "log": proc.stderr}


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def _built_in(log: str) -> float:
    """MkDocs' own "Documentation built in N seconds" from a build's log (no interpreter
    start-up); a clear error, with the log's end, where it is missing."""
    found = _MKDOCS.search(log)
    if found is None:
        raise RuntimeError(f"MkDocs did not say how long the build took:\n{log[-3000:]}")
    return float(found.group("seconds"))


def _mkdocs_build(folder: Path) -> dict:
    return timed([PYTHON, "-m", "mkdocs", "build", "-f", str(folder / "mkdocs.yml")], ROOT)


def rendering_rounds(project: Path, baseline: Path, site_pages: int, base_pages: int, rounds: int) -> list[dict]:
    """MkDocs' cost per page, newsdesk's site (nothing to regenerate: the plugin's check
    is subtracted) against the baseline's, in alternating builds."""
    results = []
    for _ in range(rounds):
        ours = _mkdocs_build(project)
        check = _NOTHING_CHANGED.search(ours["log"])
        if check is None:
            raise RuntimeError(f"newsdesk regenerated pages in a rendering round:\n{ours['log'][-3000:]}")
        rendering = _built_in(ours["log"]) - float(check.group("seconds"))
        base = _built_in(_mkdocs_build(baseline)["log"])
        ours_ms, base_ms = 1000 * rendering / max(site_pages, 1), 1000 * base / max(base_pages, 1)
        results.append({"ms_per_page": round(ours_ms, 3), "baseline_ms_per_page": round(base_ms, 3), "ratio": round(ours_ms / base_ms, 3)})
    return results


def bench_size(n: int, backend: str, jobs: int, work: Path, rounds: int) -> dict:
    project, baseline = work / f"nd-{n}", work / f"base-{n}"
    seeds = make_project(project, n, backend, jobs)
    make_baseline(baseline, seeds)
    newsdesk = [PYTHON, "-m", "newsdesk.cli"]

    cold = timed([*newsdesk, "build", "-C", str(project)], ROOT)
    stages = _STAGES.search(cold["log"])
    pages = _PAGES.search(cold["log"])
    mkdocs_seconds = _built_in(cold["log"])
    warm = timed([*newsdesk, "generate", "-C", str(project)], ROOT)
    seeds[n // 2].write_text(seeds[n // 2].read_text("utf-8") + "\nAn added closing line for the benchmark.\n", "utf-8")
    edited = timed([*newsdesk, "generate", "-C", str(project)], ROOT)
    base = _mkdocs_build(baseline)
    # Like newsdesk's MkDocs time, MkDocs' own "built in" figure: no interpreter start-up.
    base_seconds = _built_in(base["log"])

    site_pages = sum(1 for _ in (project / "site").rglob("*.html"))
    base_pages = sum(1 for _ in (baseline / "site").rglob("*.html"))
    words = sum(len(s.read_text("utf-8", errors="replace").split()) for s in seeds)
    result = {
        "articles": n,
        "words": words,
        "cold_total_seconds": cold["seconds"],
        "cold_peak_rss_mb": cold["peak_rss_mb"],
        "stages_seconds": {k: float(v) for k, v in stages.groupdict().items()} if stages else None,
        "mkdocs_seconds": mkdocs_seconds,
        "pages_generated": int(pages.group("pages")) if pages else None,
        "html_pages": site_pages,
        "pages_per_article": round(site_pages / n, 2),
        "docs_bytes": folder_bytes(project / "docs"),
        "site_bytes": folder_bytes(project / "site"),
        "warm_generate_seconds": warm["seconds"],
        "one_seed_edited_generate_seconds": edited["seconds"],
        "baseline_mkdocs_seconds": base_seconds,
        "baseline_process_seconds": base["seconds"],
        "baseline_pages": base_pages,
    }
    # MkDocs' "built in" time includes the plugin's on_pre_build, i.e. the newsdesk pipeline.
    pipeline = result["stages_seconds"]["total"] if stages else 0.0
    mkdocs_rendering = mkdocs_seconds - pipeline
    result["mkdocs_rendering_seconds"] = round(mkdocs_rendering, 2)
    newsdesk_own = cold["seconds"] - mkdocs_rendering
    result["newsdesk_share_of_total"] = round(newsdesk_own / cold["seconds"], 3)
    result["analysis_words_per_second"] = round(words / result["stages_seconds"]["analyse"]) if stages else None
    result["mkdocs_ms_per_page"] = round(1000 * mkdocs_rendering / max(site_pages, 1), 2)
    result["baseline_ms_per_page"] = round(1000 * base_seconds / max(base_pages, 1), 2)
    result["per_page_ratio_vs_baseline"] = round(result["mkdocs_ms_per_page"] / result["baseline_ms_per_page"], 3)
    if rounds:
        result["rendering_rounds"] = rendering_rounds(project, baseline, site_pages, base_pages, rounds)
        result["per_page_ratio_median_of_rounds"] = statistics.median(r["ratio"] for r in result["rendering_rounds"])
    print(json.dumps(result), file=sys.stderr, flush=True)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="60,600,6000,12000")
    parser.add_argument("--backend", default="auto")
    parser.add_argument("--jobs", type=int, default=0)
    parser.add_argument("--rounds", type=int, default=3,
                        help="alternating MkDocs-only builds of both sites, for the per-page ratio (0: none)")
    parser.add_argument("--keep", action="store_true", help="keep the projects (printed) for inspection")
    args = parser.parse_args(argv)
    work = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
    results = []
    try:
        for n in [int(s) for s in args.sizes.split(",")]:
            results.append(bench_size(n, args.backend, args.jobs, work, args.rounds))
    finally:
        if args.keep:
            print(f"projects kept in {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    growth = []
    for a, b in zip(results, results[1:]):
        exponent = math.log(b["cold_total_seconds"] / a["cold_total_seconds"]) / math.log(b["articles"] / a["articles"])
        growth.append({"from": a["articles"], "to": b["articles"], "exponent": round(exponent, 3)})
    json.dump({"backend": args.backend, "jobs": args.jobs, "cpus": os.cpu_count(), "sizes": results, "growth": growth}, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
