"""The build, read top to bottom: find -> read+clean+extract (cached) -> link -> render -> write.

Each step is logged with its counts and time. Everything is gathered before anything is
written. A seed that fails is reported (file and reason) and left out; the others are
still published.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from .analyse import analyse_seeds
from .config import Settings
from .entities import load_overrides
from .link import link
from .read import find_seeds
from .records import Corpus, Page, SeedProblem
from .render.articles import render_article
from .render.entities import render_entity_pages
from .render.indexes import (
    render_articles_index,
    render_corpus_json,
    render_home,
    render_sources,
    render_tags,
)
from .render.feed import render_feed
from .render.quotes import render_quotes_index
from .render.stories import render_graph, render_stories_index, render_story
from .render.timeline import render_timeline
from .write import WriteReport, write_pages

log = logging.getLogger("mkdocs.plugins.newsdesk")


@dataclass
class BuildResult:
    corpus: Corpus
    pages: list[Page]
    report: WriteReport
    warnings: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    cache_hits: int = 0
    workers: int = 1


class _Steps:
    """Times and logs each step of the build."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def run(self, name: str, func, *args):
        start = time.perf_counter()
        result = func(*args)
        self.timings[name] = time.perf_counter() - start
        return result


def render(corpus: Corpus, settings: Settings) -> list[Page]:
    pages = [render_article(a, corpus) for a in corpus.articles]
    pages += render_entity_pages(corpus)
    pages += [render_story(story, corpus) for story in corpus.stories]
    pages += [render_stories_index(corpus), *render_graph(corpus), *render_timeline(corpus), render_quotes_index(corpus)]
    pages += [
        render_home(corpus, settings.site_name, settings.site_description),
        render_articles_index(corpus),
        render_sources(corpus),
        render_tags(),
        render_corpus_json(corpus),
        render_feed(corpus, settings.site_name, settings.site_description, settings.site_url),
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
    analysis = steps.run("analyse", analyse_seeds, paths, settings)
    articles, problems = analysis.articles, analysis.problems + [SeedProblem(e.path, e.reason) for e in refused]
    result.warnings += analysis.warnings
    result.cache_hits, result.workers = analysis.cache_hits, analysis.workers
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
        "newsdesk: %d seeds -> %d articles (%d from cache, %d not published, %d process(es)); %d pages: "
        "%d written, %d unchanged, %d deleted; in %.2fs (read+analyse %.2fs, link %.2fs, render %.2fs, write %.2fs)",
        len(paths) + len(refused), len(corpus.articles), result.cache_hits, len(corpus.problems), result.workers,
        len(pages), len(report.written), report.unchanged, len(report.deleted),
        time.perf_counter() - start, t["analyse"], t["link"], t["render"], t["write"],
    )
    return result
