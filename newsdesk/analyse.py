"""The per-seed stages, run for a whole folder: read, clean, extract, find mentions.

Owns the analysis cache and how the work is spread:
- a seed whose bytes, sidecar, rules and recogniser are unchanged is read from the cache
  (``<state dir>/cache``) and never analysed again;
- the recogniser sees each article's paragraphs in one batch of their own, so an
  article's entities never depend on which other seeds were analysed with it;
- above ``PARALLEL_MIN_WORDS`` of new text, batches go to a pool of worker processes,
  one per core; results are put back in seed order, so the output is identical to a
  single-process run.
A seed that cannot be read or analysed becomes a ``SeedProblem``; the others go on. That
holds for a seed on which a worker process dies, too: its group is analysed again in
ever smaller groups until only the seeds a process dies on are left out.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import multiprocessing
import os
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .clean import clean
from .config import Settings
from .extract.datemarks import find_dates
from .extract.entities import get_backend
from .extract.mentions import analysed_lines, mentions_from_spans
from .extract.metadata import extract
from .extract.quotes import find_quotes
from .digests import FileDigests
from .read import SeedError, read_seed, sidecar_path
from .records import Article, DateRef, Line, QuoteRef, Seed, SeedProblem
from .write import atomic_write

if TYPE_CHECKING:  # pipeline imports this module
    from .pipeline import Session

log = logging.getLogger("mkdocs.plugins.newsdesk")

PARALLEL_MIN_WORDS = 150_000  # below this, starting worker processes costs more than it saves
BATCH_ARTICLES = 64
PROGRESS_EVERY_SECONDS = 2.0
# The modules whose code decides what a seed's analysis contains: the cache key covers
# their source, so changing a rule invalidates every cached result automatically.
_ANALYSIS_SOURCES = ("read.py", "clean.py", "text.py", "outlets.py", "gazetteer.py", "records.py", "extract", "data")


@dataclass
class Analysis:
    articles: list[Article] = field(default_factory=list)  # in seed order
    problems: list[SeedProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    cache_hits: int = 0
    workers: int = 1


@functools.cache
def analysis_version() -> str:
    digest = hashlib.sha256(__version__.encode())
    package = resources.files("newsdesk")
    for name in _ANALYSIS_SOURCES:
        entry = package.joinpath(name)
        files = sorted(entry.rglob("*")) if entry.is_dir() else [entry]  # type: ignore[attr-defined]
        for path in files:
            if path.is_file() and path.suffix in (".py", ".yml", ".txt"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _cache_file(settings: Settings, seed: Seed, backend_version: str) -> Path:
    key = hashlib.sha256(
        "\0".join((analysis_version(), backend_version, seed.path, seed.sha256, seed.sidecar_sha256)).encode()
    ).hexdigest()
    return settings.cache_dir / key[:2] / f"{key}.json"


class RememberedSeeds:
    """Seeds (and their warnings) read by a long-running process's previous build, reused
    while the seed's and its sidecar's stat are unchanged, so an unchanged seed is not read
    and decoded again (about 1 s at 6,000 seeds). As with ``digests.FileDigests``, a file
    changed less than ``RACY_NS`` before the build that read it is read again."""

    RACY_NS = FileDigests.RACY_NS

    def __init__(self) -> None:
        self.previous: dict[Path, tuple] = {}
        self.current: dict[Path, tuple] = {}
        self.started_ns = 0
        self.trusted_before = 0

    def start_build(self) -> None:
        """Keep only what the build that ends now read."""
        self.previous, self.current = self.current, {}
        self.trusted_before = self.started_ns - self.RACY_NS
        self.started_ns = time.time_ns()

    def read(self, path: Path, project_dir: Path) -> tuple[Seed, list[str]]:
        signatures = (_signature(path), _signature(sidecar_path(path)))  # before reading
        entry = self.previous.get(path)
        if (entry is not None and entry[0] == signatures and signatures[0] is not None
                and all(s is None or s[2] < self.trusted_before for s in signatures)):
            self.current[path] = entry
            return entry[1], list(entry[2])
        seed, warnings = read_seed(path, project_dir)
        self.current[path] = (signatures, seed, tuple(warnings))
        return seed, warnings


def _signature(path: Path) -> list[int] | None:
    try:
        return FileDigests.signature(os.stat(path))
    except OSError:
        return None


def analyse_seeds(paths: list[Path], settings: Settings, session: Session | None = None) -> Analysis:
    """Every seed's article, from the cache where it can be.

    ``session``: what a long-running process (``mkdocs serve``) remembers of its previous
    build (``pipeline.Session``): the seeds it read, by path and stat, and its articles by
    analysis-cache file, whose name covers the seed's bytes, its sidecar's, the analysis
    code and the recogniser, so a remembered article is the one that file holds. Used only
    with the cache on, and left holding this build's seeds and articles only."""
    result = Analysis()
    backend = get_backend(settings.entity_backend)
    remembered = session if session is not None and settings.use_cache else None
    articles_now: dict[Path, Article] = {}  # by cache file
    by_path: dict[str, Article] = {}
    pending: list[tuple[Seed, Path]] = []  # (seed, its cache file)
    order: list[str] = []
    if remembered is not None:
        remembered.seeds.start_build()
    for path in paths:
        try:
            if remembered is not None:
                seed, warnings = remembered.seeds.read(path, settings.project_dir)
            else:
                seed, warnings = read_seed(path, settings.project_dir)
        except SeedError as exc:
            result.problems.append(SeedProblem(exc.path, exc.reason))
            log.warning("Seed not published: %s", exc)
            continue
        for warning in warnings:
            log.warning(warning)
        result.warnings += warnings
        order.append(seed.path)
        cache_file = _cache_file(settings, seed, backend.version)
        cached = remembered.analyses.get(cache_file) if remembered is not None else None
        if cached is None:
            cached = _read_cache(settings, cache_file)
        if cached is not None:
            articles_now[cache_file] = by_path[seed.path] = cached
            result.cache_hits += 1
        else:
            pending.append((seed, cache_file))

    seeds = [seed for seed, _ in pending]
    words = sum(len(seed.text.split()) for seed in seeds)
    jobs = _jobs(settings)
    if jobs > 1 and words >= PARALLEL_MIN_WORDS and len(seeds) >= 2 * jobs:
        outcomes = _parallel(seeds, settings.entity_backend, jobs)
        result.workers = jobs
    else:
        outcomes = _analyse_batches(seeds, settings.entity_backend, progress=True)

    for (seed, cache_file), (article, error) in zip(pending, outcomes):
        if error is not None:
            result.problems.append(SeedProblem(seed.path, error))
            log.warning("Seed not published: %s: %s", seed.path, error)
            continue
        articles_now[cache_file] = by_path[seed.path] = article
        if settings.use_cache:
            _write_cache(cache_file, seed.path, article)
    result.articles = [by_path[p] for p in order if p in by_path]
    if remembered is not None:
        remembered.analyses = articles_now
    return result


def _jobs(settings: Settings) -> int:
    wanted = settings.jobs or os.cpu_count() or 1
    return max(1, min(wanted, os.cpu_count() or 1))


def _read_cache(settings: Settings, cache_file: Path) -> Article | None:
    if not settings.use_cache:
        return None
    try:
        return Article.from_dict(json.loads(cache_file.read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_cache(cache_file: Path, seed_path: str, article: Article) -> None:
    try:
        atomic_write(cache_file, json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8"))
    except OSError as exc:  # a cache that cannot be written only costs time
        log.debug("cache write failed for %s: %s", seed_path, exc)


Outcome = tuple[Article | None, str | None]  # (article, or why it failed)


def _analyse_batches(seeds: list[Seed], backend_name: str, progress: bool = False) -> list[Outcome]:
    """Clean and extract each seed, then recognise its entities (``_recognise``), in
    groups of ``BATCH_ARTICLES`` seeds, reporting progress between groups."""
    backend = get_backend(backend_name)
    outcomes: list[Outcome] = []
    last_report = time.monotonic()
    for start in range(0, len(seeds), BATCH_ARTICLES):
        batch = seeds[start:start + BATCH_ARTICLES]
        extracted: list[Outcome] = []
        for seed in batch:
            try:
                extracted.append((extract(seed, clean(seed.text)), None))
            except Exception as exc:  # a bug on one odd seed must not stop the rest
                extracted.append((None, f"could not be analysed ({_describe(exc)})"))
        recognised = _recognise([a for a, _ in extracted if a is not None], backend)
        outcomes += [recognised[id(a)] if a is not None else (None, e) for a, e in extracted]
        if progress and time.monotonic() - last_report >= PROGRESS_EVERY_SECONDS:
            log.info("newsdesk: analysed %d/%d new seeds", len(outcomes), len(seeds))
            last_report = time.monotonic()
    return outcomes


def _recognise(articles: list[Article], backend) -> dict[int, Outcome]:
    """Mentions, dates and quotes of ``articles`` (by ``id``). Each article's lines go to
    the recogniser in a call of their own: a statistical model's result for a paragraph
    can depend on the other paragraphs of its batch (the last bits of sums over matrices
    of another shape), so a mixed batch would make an article's entities depend on which
    seeds were analysed with it, and a rebuild after one edit differ from a cold build.
    Measured on 300 and on 1,200 Wikinews articles, this is no slower than batches of 64
    paragraphs across articles. An article the recogniser fails on is that seed's
    problem alone."""
    found: dict[int, Outcome] = {}
    for article in articles:
        group = analysed_lines(article)
        try:
            spans = backend.find([line.text for line in group])
            if len(spans) != len(group):
                raise RuntimeError(f"it returned results for {len(spans)} paragraphs instead of {len(group)}")
        except Exception as exc:
            found[id(article)] = (None, f"could not be analysed: the entity recogniser ({backend.name}) failed on it ({_describe(exc)})")
            continue
        try:
            mentions, pairs = mentions_from_spans(group, spans)
            found[id(article)] = (replace(article, mentions=mentions, alias_pairs=pairs, entity_backend=backend.version,
                                          dates=find_article_dates(group, article.published.value),
                                          quotes=find_article_quotes(group, mentions)), None)
        except Exception as exc:  # a bug on one odd article must not stop the rest
            found[id(article)] = (None, f"could not be analysed ({_describe(exc)})")
    return found


def _describe(exc: BaseException) -> str:
    """``Type: message``, on one line and at most a few hundred characters."""
    message = " ".join(str(exc).split())
    if len(message) > 300:
        message = message[:299] + "…"
    return f"{type(exc).__name__}: {message}" if message else type(exc).__name__


def find_article_dates(lines: list[Line], anchor: str | None) -> tuple[DateRef, ...]:
    """Dates written in ``lines``, resolved against the article's date (from the text or
    the sidecar: "let relative dates resolve against them")."""
    return tuple(
        DateRef(line.number, d.start, d.end, d.text, d.value, d.precision, d.relative, d.certain)
        for line in lines
        for d in find_dates(line.text, anchor)
    )


def find_article_quotes(lines: list[Line], mentions) -> tuple[QuoteRef, ...]:
    """Direct quotations in ``lines`` with their speakers as written."""
    return tuple(find_quotes(lines, list(mentions)))


def _worker(seeds: list[Seed], backend_name: str) -> list[tuple[dict | None, str | None]]:
    """In a worker process: analyse ``seeds``; articles travel back as plain dicts."""
    return [(a.to_dict() if a else None, e) for a, e in _analyse_batches(seeds, backend_name)]


def _from_worker(results: list[tuple[dict | None, str | None]]) -> list[Outcome]:
    """``_worker``'s results as outcomes: the plain dicts made articles again."""
    return [(Article.from_dict(a) if a else None, e) for a, e in results]


def _parallel(seeds: list[Seed], backend_name: str, jobs: int) -> list[Outcome]:
    # Chunks of a few batches each: small enough to balance the workers and report
    # progress, large enough that each worker keeps its model busy.
    size = BATCH_ARTICLES * 2
    chunks = [seeds[i:i + size] for i in range(0, len(seeds), size)]
    done: dict[int, list[Outcome]] = {}
    context = _process_context(backend_name)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        futures = [pool.submit(_worker, chunk, backend_name) for chunk in chunks]
        last_report = time.monotonic()
        for index, future in enumerate(futures):
            try:
                done[index] = _from_worker(future.result())
            except BrokenProcessPool:
                continue  # a worker died: every chunk not finished by then is isolated below
            if time.monotonic() - last_report >= PROGRESS_EVERY_SECONDS:
                log.info("newsdesk: analysed %d/%d new seeds (%d processes)", sum(map(len, done.values())), len(seeds), jobs)
                last_report = time.monotonic()
    if len(done) < len(chunks):
        log.warning("newsdesk: a process analysing seeds stopped abruptly; analysing the %d seeds it left again, "
                    "in smaller groups, to find the ones it stops on",
                    sum(len(c) for i, c in enumerate(chunks) if i not in done))
    outcomes: list[Outcome] = []
    for index, chunk in enumerate(chunks):
        outcomes += done[index] if index in done else _isolate(chunk, backend_name, context)
    return outcomes


def _process_context(backend_name: str):
    # "fork" lets the workers share the recogniser the parent has already loaded (no
    # start-up cost), but forking a process that runs other threads (mkdocs serve's
    # server) can deadlock; then "spawn" starts fresh interpreters that load it themselves.
    if threading.active_count() == 1:
        get_backend(backend_name)
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context("spawn")


def _isolate(seeds: list[Seed], backend_name: str, context) -> list[Outcome]:
    """Analyse ``seeds`` in a fresh worker process, halving the group each time its
    process dies, so that only the seeds a process dies on are lost (a crash in native
    code, or the system stopping a process that ran out of memory), each reported as its
    seed's problem, and the build goes on without them."""
    try:
        with ProcessPoolExecutor(max_workers=1, mp_context=context) as pool:
            return _from_worker(pool.submit(_worker, seeds, backend_name).result())
    except BrokenProcessPool:
        if len(seeds) == 1:
            log.debug("newsdesk: the analysis process died on %s", seeds[0].path)
            return [(None, "could not be analysed: the process analysing it stopped abruptly (a crash in the entity "
                           "recogniser, or the system stopping it, for example for lack of memory)")]
        half = len(seeds) // 2
        return _isolate(seeds[:half], backend_name, context) + _isolate(seeds[half:], backend_name, context)
