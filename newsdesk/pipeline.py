"""The build, read top to bottom: find -> read+clean+extract (cached) -> link -> render -> write.

Each step is logged with its counts and time. Everything is gathered before anything is
written. A seed that fails is reported (file and reason) and left out; the others are
still published.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import time
from dataclasses import dataclass, field, replace
from importlib import resources
from pathlib import Path

from . import __version__
from .clean import clean
from .config import Settings
from .entities import load_overrides
from .extract.entities import get_backend
from .extract.mentions import find_mentions
from .extract.metadata import extract
from .link import link
from .read import SeedError, find_seeds, read_seed
from .records import Article, Corpus, Page, SeedProblem
from .render.articles import render_article
from .render.entities import render_entity_pages
from .render.indexes import (
    render_articles_index,
    render_corpus_json,
    render_home,
    render_sources,
    render_tags,
)
from .write import WriteReport, atomic_write, write_pages

log = logging.getLogger("mkdocs.plugins.newsdesk")

PROGRESS_EVERY_SECONDS = 2.0
# The modules whose code decides what a seed's analysis contains: the cache key covers
# their source, so changing a rule invalidates every cached result automatically.
_ANALYSIS_SOURCES = ("read.py", "clean.py", "text.py", "outlets.py", "records.py", "extract", "data")


@dataclass
class BuildResult:
    corpus: Corpus
    pages: list[Page]
    report: WriteReport
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    cache_hits: int = 0


class _Steps:
    """Times and logs each step of the build."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def run(self, name: str, func, *args):
        start = time.perf_counter()
        result = func(*args)
        self.timings[name] = time.perf_counter() - start
        return result


@functools.cache
def analysis_version() -> str:
    digest = hashlib.sha256(__version__.encode())
    package = resources.files("newsdesk")
    for name in _ANALYSIS_SOURCES:
        entry = package.joinpath(name)
        files = sorted(entry.rglob("*")) if entry.is_dir() else [entry]  # type: ignore[attr-defined]
        for path in files:
            if path.is_file() and path.suffix in (".py", ".yml"):
                digest.update(path.name.encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def analyse(path: Path, settings: Settings) -> tuple[Article, list[str], bool]:
    """Read, clean, extract metadata and find entity mentions in one seed, through the
    cache. Returns (article, warnings, cache hit)."""
    seed, warnings = read_seed(path, settings.project_dir)
    backend = get_backend(settings.entity_backend)
    key = hashlib.sha256(
        "\0".join((analysis_version(), backend.version, seed.path, seed.sha256, seed.sidecar_sha256)).encode()
    ).hexdigest()
    cache_file = settings.cache_dir / key[:2] / f"{key}.json"
    if settings.use_cache:
        try:
            return Article.from_dict(json.loads(cache_file.read_text("utf-8"))), warnings, True
        except (OSError, ValueError, KeyError, TypeError):
            pass
    article = extract(seed, clean(seed.text))
    mentions, alias_pairs = find_mentions(article, backend)
    article = replace(article, mentions=mentions, alias_pairs=alias_pairs, entity_backend=backend.version)
    if settings.use_cache:
        try:
            atomic_write(cache_file, json.dumps(article.to_dict(), ensure_ascii=False).encode("utf-8"))
        except OSError as exc:  # a cache that cannot be written only costs time
            log.debug("cache write failed for %s: %s", seed.path, exc)
    return article, warnings, False


def _analyse_all(paths: list[Path], settings: Settings, result: BuildResult) -> tuple[list[Article], list[SeedProblem]]:
    articles: list[Article] = []
    problems: list[SeedProblem] = []
    last_report = time.monotonic()
    for done, path in enumerate(paths, start=1):
        try:
            article, warnings, hit = analyse(path, settings)
        except SeedError as exc:
            problems.append(SeedProblem(exc.path, exc.reason))
            log.warning("Seed not published: %s", exc)
            continue
        except Exception as exc:  # a bug on one odd seed must not stop the rest
            rel = path.as_posix()
            problems.append(SeedProblem(rel, f"could not be analysed ({type(exc).__name__}: {exc})"))
            log.warning("Seed not published: %s: could not be analysed (%s: %s)", rel, type(exc).__name__, exc)
            continue
        result.cache_hits += hit
        for warning in warnings:
            log.warning(warning)
            result.warnings.append(warning)
        articles.append(article)
        if time.monotonic() - last_report >= PROGRESS_EVERY_SECONDS:
            log.info("newsdesk: analysed %d/%d seeds", done, len(paths))
            last_report = time.monotonic()
    return articles, problems


def render(corpus: Corpus, settings: Settings) -> list[Page]:
    pages = [render_article(a, corpus) for a in corpus.articles]
    pages += render_entity_pages(corpus)
    pages += [
        render_home(corpus, settings.site_name, settings.site_description),
        render_articles_index(corpus),
        render_sources(corpus),
        render_tags(),
        render_corpus_json(corpus),
    ]
    return pages


def build(settings: Settings) -> BuildResult:
    """Regenerate the Markdown in docs/ from the seeds."""
    steps = _Steps()
    start = time.perf_counter()
    result = BuildResult(corpus=Corpus(articles=()), pages=[], report=WriteReport())

    paths, refused = steps.run("find", find_seeds, settings.seeds_dir)
    for error in refused:
        log.warning("Seed not published: %s", error)
    articles, problems = steps.run("analyse", _analyse_all, paths, settings, result)
    problems += [SeedProblem(e.path, e.reason) for e in refused]
    overrides, override_problems = load_overrides(settings.entities_file) if settings.entities_file else (None, [])
    for problem in override_problems:
        log.warning(problem)
        result.warnings.append(problem)
    corpus = steps.run("link", link, articles, problems, overrides, settings.entity_page_min_mentions)
    pages = steps.run("render", render, corpus, settings)
    report = steps.run("write", write_pages, pages, settings.docs_dir, settings.state_dir)
    for path in report.left_alone:
        log.info("newsdesk: left docs/%s alone (written or edited by you, not by newsdesk)", path)

    result.corpus, result.pages, result.report, result.timings = corpus, pages, report, steps.timings
    t = steps.timings
    log.info(
        "newsdesk: %d seeds -> %d articles (%d from cache, %d not published); %d pages: "
        "%d written, %d unchanged, %d deleted; in %.2fs (read+analyse %.2fs, link %.2fs, render %.2fs, write %.2fs)",
        len(paths) + len(refused), len(corpus.articles), result.cache_hits, len(corpus.problems),
        len(pages), len(report.written), report.unchanged, len(report.deleted),
        time.perf_counter() - start, t["analyse"], t["link"], t["render"], t["write"],
    )
    return result
