"""The build, read top to bottom: find -> read+clean+extract (cached) -> link -> render -> write.

Each step is logged with its counts and time. Everything is gathered before anything is
written. A seed that fails is reported (file and reason) and left out; the others are
still published. In `serve`, the rebuild after a few seeds were edited first writes just
their article pages (``preview``), then asks the server for the full rebuild.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import stat
import threading
import time
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from . import read
from .analyse import RememberedSeeds, analyse_seeds
from .collector import collector_paused
from .config import Settings
from .digests import FileDigests
from .entities import load_overrides
from .extract.entities import get_backend
from .jsonout import dumps_by_line
from .link import link
from .read import find_seeds
from .preview import MAX_PREVIEW_SEEDS, preview_pages
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
from .render.feed import render_feed
from .render.markdown import forget_front_matter_pieces
from .render.quotes import render_quotes_index
from .render.stories import render_graph, render_stories_index, render_story
from .render.timeline import render_timeline
from .search import GENERATED_FOLDERS, DocTermsCache, SearchDoc, build_search_pages, search_docs_from_corpus, search_docs_from_markdown_files
from .slugs import html_path
from .write import JOURNAL, MANIFEST, WriteReport, atomic_write, owned_files, write_pages
from .yamlsafe import MAX_YAML_BYTES

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


@dataclass(frozen=True)
class BuildInputs:
    """What the generated pages depend on (``_inputs``): each seed's digest, with its
    sidecar's, by path, in build order, and one digest of everything else (the code, the
    settings, the refused seeds, entities.yml, the hand-written pages)."""

    seeds: dict[Path, bytes]
    rest: bytes

    def fingerprint(self) -> str:
        """Equal fingerprints mean the previous output is still right."""
        digest = hashlib.sha256(self.rest)
        for path, seed in self.seeds.items():
            digest.update(b"seed\0" + os.fsencode(path) + b"\0" + seed)
        return digest.hexdigest()

    def edited_seeds(self, before: BuildInputs) -> list[Path] | None:
        """The seeds whose bytes or sidecar changed since ``before``, if nothing else did
        (no seed added or removed); else None."""
        if self.rest != before.rest or self.seeds.keys() != before.seeds.keys():
            return None
        return [path for path, seed in self.seeds.items() if before.seeds[path] != seed]


@dataclass
class Session:
    """What a long-running process (``mkdocs serve``) keeps from one build to the next, so
    that a rebuild after an edit redoes only what the edit changed. Everything in it is
    keyed by the content it was made from, so a rebuild's output is the same as a cold
    build's. ``analyses``: the articles of the last build, by analysis-cache file (reading
    them from the cache files again costs about 2.5 s at 6,000 seeds); ``seeds``: the
    seeds it read, by path and stat; ``search_terms``: each search document's terms (the
    search index tokenises only the documents that changed)."""

    analyses: dict[Path, Article] = field(default_factory=dict)
    seeds: RememberedSeeds = field(default_factory=RememberedSeeds)
    search_terms: DocTermsCache = field(default_factory=DocTermsCache)
    # Previews of edits (``preview``), for a `serve` whose MkDocs rebuilds only the pages
    # that changed: on, the last full build's inputs and corpus are kept for them. They are
    # made only once ``rebuild_trigger`` is set: a file in a folder the server watches,
    # written after a preview so that the server runs the full rebuild next.
    previews: bool = False
    rebuild_trigger: Path | None = None
    inputs: BuildInputs | None = None
    corpus: Corpus | None = None
    preview_shown: bool = False  # the last build was a preview: the next one is a full build
    preparing: threading.Thread | None = None  # making ``corpus`` (``prepare_previews``); a build waits for it


class _Steps:
    """Times and logs each step of the build."""

    def __init__(self) -> None:
        self.timings: dict[str, float] = {}

    def run(self, name: str, func, *args):
        start = time.perf_counter()
        result = func(*args)
        self.timings[name] = time.perf_counter() - start
        return result


def render(corpus: Corpus, settings: Settings, handwritten: list[SearchDoc] | None = None,
           session: Session | None = None) -> list[Page]:
    """Every generated page, the search index (``assets/search-index/``) last: it indexes the
    articles, entity and story pages, and the hand-written pages in docs/ (``handwritten``;
    read from docs/ when not given)."""
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
    if handwritten is None:
        handwritten = handwritten_search_docs(settings)
    generated = {html_path(p.path) for p in pages}
    handwritten = [d for d in handwritten if d.url not in generated]
    pages += build_search_pages(search_docs_from_corpus(corpus) + handwritten, session.search_terms if session else None)
    return pages


def handwritten_search_docs(settings: Settings) -> list[SearchDoc]:
    """The pages in docs/ that the user wrote, as search documents: every ``.md`` file
    except those newsdesk generated (its manifest) and the folders it generates into."""
    return search_docs_from_markdown_files(settings.docs_dir, skip=[*owned_files(settings.state_dir), *GENERATED_FOLDERS])


LAST_BUILD = "last-build.json"


@functools.cache
def _code_version() -> str:
    """Every file of the installed package: a change in any rule or template counts."""
    digest = hashlib.sha256()
    package = resources.files("newsdesk")
    for path in sorted(package.rglob("*"), key=lambda p: str(p)):  # type: ignore[attr-defined]
        if path.is_file() and path.suffix in (".py", ".yml", ".txt", ".js", ".css", ".html"):
            digest.update(str(path.relative_to(package)).encode())  # type: ignore[arg-type]
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _inputs(paths: list[Path], refused, settings: Settings, handwritten: list[SearchDoc],
            known: FileDigests | None = None) -> BuildInputs:
    """What the generated pages depend on: the code, the settings, every seed, sidecar and
    entities.yml byte, and the hand-written pages' searchable text (the search index holds
    it).

    Each file is read once, in chunks, and no further than the build reads it: a seed over
    ``read.MAX_SEED_BYTES`` (refused unread, with its size in the message) counts by its
    size. Names are hashed as bytes (``os.fsencode``), so any name works. While a write
    journal of an interrupted commit is pending (``write.JOURNAL``), docs/ may hold a mix
    of two builds: the fingerprint then matches no finished build, so the build runs
    (and its writer finishes that commit first; the build after it runs once more, as the
    fingerprint it recorded carries that mark).

    ``known``: the previous build's digests of seeds and sidecars, reused for a file whose
    size, times, inode and device are unchanged (see ``FileDigests``)."""
    seeds = {path: _file_digest(path, read.MAX_SEED_BYTES, known)
             + _file_digest(read.sidecar_path(path), MAX_YAML_BYTES, known) for path in paths}
    digest = hashlib.sha256(_code_version().encode())
    digest.update(repr((settings.entity_backend, settings.entity_page_min_mentions, settings.site_name,
                        settings.site_description, settings.site_url, str(settings.seeds_dir))).encode("utf-8", "backslashreplace"))
    digest.update(repr([str(e) for e in refused]).encode("utf-8", "backslashreplace"))
    if settings.entities_file:
        digest.update(b"entities" + _file_digest(settings.entities_file, MAX_YAML_BYTES))
    if os.path.lexists(settings.state_dir / JOURNAL):
        digest.update(b"an interrupted commit is pending")
    for doc in handwritten:
        digest.update(b"page" + json.dumps([doc.url, doc.title, doc.text], ensure_ascii=False).encode("utf-8", "backslashreplace"))
    return BuildInputs(seeds, digest.digest())


def _file_digest(path: Path, limit: int, known: FileDigests | None = None) -> bytes:
    """sha256 of what a build can see of ``path``: its bytes if it is a regular file of at
    most ``limit`` bytes (streamed), else what it is (missing, a folder, too large and how
    large, unreadable and why). Only a regular file within the limit is opened, without
    blocking, so a FIFO put there meanwhile never stops it. With ``known``, an unchanged
    file's digest from the previous build is reused (``FileDigests``)."""
    digest = hashlib.sha256()

    def what(info: os.stat_result) -> bytes | None:
        if not stat.S_ISREG(info.st_mode):
            return f"not a regular file: {stat.S_IFMT(info.st_mode)}".encode()
        if info.st_size > limit:
            return f"too large: {info.st_size}".encode()
        return None

    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    key = signature = None
    try:
        info = os.stat(path)
        unusable = what(info)
        if unusable is not None:
            digest.update(unusable)
            return digest.digest()
        if known is not None:
            key = os.fsencode(path).hex()
            signature = FileDigests.signature(info)
            reused = known.lookup(key, signature)
            if reused is not None:
                return reused
        fd = os.open(path, flags)
    except OSError as exc:
        digest.update(f"missing or unreadable: errno {exc.errno}".encode())
        return digest.digest()
    try:
        unusable = what(os.fstat(fd))  # replaced since the stat above
        if unusable is not None:
            digest.update(unusable)
        else:
            total = 0
            while chunk := os.read(fd, 1 << 16):
                digest.update(chunk)
                total += len(chunk)
                if total > limit:  # it grew while being read
                    digest.update(b"\0grew")
                    break
    except OSError as exc:
        digest.update(f"\0cannot be read: errno {exc.errno}".encode())
        key = None  # not worth remembering
    finally:
        os.close(fd)
    if known is not None and key is not None:
        known.remember(key, signature, digest.digest())
    return digest.digest()


def _last_build(settings: Settings) -> dict | None:
    try:
        last = json.loads((settings.state_dir / LAST_BUILD).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return last if isinstance(last, dict) else None


def _unchanged_since_last_build(fingerprint: str, settings: Settings, last: dict | None) -> dict | None:
    """The last build's record if it had this fingerprint and its pages are all still there."""
    if last is None:
        return None
    try:
        manifest = json.loads((settings.state_dir / MANIFEST).read_text("utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    if last.get("fingerprint") != fingerprint:
        return None
    if not all((settings.docs_dir / path).is_file() for path in manifest):
        return None
    return last


def build(settings: Settings, session: Session | None = None) -> BuildResult:
    """Regenerate the Markdown in docs/ from the seeds. ``session``: kept by a process that
    builds again and again (see ``Session``)."""
    steps = _Steps()
    start = time.perf_counter()
    result = BuildResult(corpus=Corpus(articles=()), pages=[], report=WriteReport())
    if session is not None and session.preparing is not None:
        session.preparing.join()  # it reads and updates the session
        session.preparing = None

    paths, refused = steps.run("find", find_seeds, settings.seeds_dir)
    for error in refused:
        log.warning("Seed not published: %s", error)
    handwritten = handwritten_search_docs(settings)
    previous = _last_build(settings) if settings.use_cache else None
    known = FileDigests.from_record(previous) if settings.use_cache else None
    inputs = _inputs(paths, refused, settings, handwritten, known)
    fingerprint = inputs.fingerprint()
    # After a preview, docs/ holds pages no full build made: build, even if the edit was
    # undone, or another build (a `mkdocs build` meanwhile) left a record that matches;
    # this also brings the session's corpus up to date. (``PREVIEW_FINGERPRINT`` does the
    # same for a new process.)
    after_preview = session is not None and session.preview_shown
    last = _unchanged_since_last_build(fingerprint, settings, previous) if settings.use_cache and not after_preview else None
    if last is not None:
        # Nothing the pages depend on changed: the previous output is the output.
        problems = tuple(SeedProblem(p, r) for p, r in last.get("problems", []))
        result.corpus, result.warnings = Corpus(articles=(), problems=problems), list(last.get("warnings", []))
        # Say again what was wrong last time: it still is (and --strict must still fail).
        for problem in problems:
            log.warning("Seed not published: %s: %s", problem.path, problem.reason)
        for warning in result.warnings:
            log.warning(warning)
        log.info("newsdesk: %d seeds, nothing changed since the last build (%.2fs)", len(paths), time.perf_counter() - start)
        if session is not None and session.previews and session.corpus is None:
            session.inputs = inputs  # what previews compare with; ``prepare_previews`` makes the corpus
        return result
    if session is not None:
        previewed = _preview(inputs, settings, session, steps, known)
        if previewed is not None:
            log.info("newsdesk: %d seed(s) edited: %s shown first, in %.2fs; the rest of the site follows in the next rebuild",
                     len(previewed.pages), ", ".join(f"docs/{p.path}" for p in previewed.pages), time.perf_counter() - start)
            return previewed
        session.corpus = None  # the previous build's: let it go before this one makes its own
    analysis = steps.run("analyse", analyse_seeds, paths, settings, session)
    articles, problems = analysis.articles, _problems(analysis, refused)
    result.warnings += analysis.warnings
    result.cache_hits, result.workers = analysis.cache_hits, analysis.workers
    overrides, override_problems = _overrides(settings)
    for problem in override_problems:
        log.warning(problem)
        result.warnings.append(problem)
    with collector_paused():
        corpus = steps.run("link", link, articles, problems, overrides, settings.entity_page_min_mentions)
        pages = steps.run("render", render, corpus, settings, handwritten, session)
    if session is None:
        forget_front_matter_pieces()  # only a session renders these pages again
    report = steps.run("write", write_pages, pages, settings.docs_dir, settings.state_dir)
    for path in report.left_alone:
        log.info("newsdesk: left docs/%s alone (written or edited by you, not by newsdesk)", path)

    result.corpus, result.pages, result.report, result.timings = corpus, pages, report, steps.timings
    _record_build(settings, fingerprint, corpus.problems, result.warnings, known)
    if session is not None:
        session.preview_shown = False
        if session.previews:
            session.inputs, session.corpus = inputs, corpus
    t = steps.timings
    log.info(
        "newsdesk: %d seeds -> %d articles (%d from cache, %d not published, %d process(es)); %d pages: "
        "%d written, %d unchanged, %d deleted; in %.2fs (read+analyse %.2fs, link %.2fs, render %.2fs, write %.2fs)",
        len(paths) + len(refused), len(corpus.articles), result.cache_hits, len(corpus.problems), result.workers,
        len(pages), len(report.written), report.unchanged, len(report.deleted),
        time.perf_counter() - start, t["analyse"], t["link"], t["render"], t["write"],
    )
    return result


def _problems(analysis, refused) -> list[SeedProblem]:
    """What the build cannot publish: the seeds analysis failed on, and those refused unread."""
    return analysis.problems + [SeedProblem(e.path, e.reason) for e in refused]


def _overrides(settings: Settings):
    """entities.yml's overrides (None without the file) and what is wrong in it."""
    return load_overrides(settings.entities_file) if settings.entities_file else (None, [])


def _record_build(settings: Settings, fingerprint: str, problems, warnings: list[str], known: FileDigests | None) -> None:
    """What the next build checks first (``LAST_BUILD``): this build's fingerprint, what
    it could not publish, its warnings, and the seeds' digests (``FileDigests``)."""
    record = {"fingerprint": fingerprint, "problems": [[p.path, p.reason] for p in problems], "warnings": warnings}
    if known is not None:
        record.update(known.record())
    try:
        atomic_write(settings.state_dir / LAST_BUILD, dumps_by_line(record).encode("utf-8"))
    except OSError as exc:  # only costs time on the next build
        log.debug("could not record the build in %s: %s", settings.state_dir, exc)


# What the last-build record says while docs/ holds a preview: no build has this fingerprint.
PREVIEW_FINGERPRINT = "a preview is shown: the next build rebuilds"


def _preview(inputs: BuildInputs, settings: Settings, session: Session, steps: _Steps,
             known: FileDigests | None) -> BuildResult | None:
    """The first step of a `serve` rebuild after a few seeds were edited (``preview``):
    their article pages alone, written at once, then the server asked for the full
    rebuild (``Session.rebuild_trigger``). None where no preview applies."""
    if (session.rebuild_trigger is None or session.inputs is None or session.corpus is None
            or session.preview_shown or not settings.use_cache):
        return None
    edited = inputs.edited_seeds(session.inputs)
    if not edited or len(edited) > MAX_PREVIEW_SEEDS:
        return None
    analysis = steps.run("analyse", analyse_seeds, edited, settings)  # into the cache, for the full rebuild
    if analysis.problems:
        return None
    with collector_paused():
        pages = steps.run("render", preview_pages, analysis.articles, session.corpus)
    if pages is None:
        return None
    # First the record: were this process to stop now, the next build must not take docs/
    # for the output of the last full build.
    _record_build(settings, PREVIEW_FINGERPRINT, (), [], known)
    report = steps.run("write", write_pages, pages, settings.docs_dir, settings.state_dir, True)
    session.preview_shown = True
    try:
        atomic_write(session.rebuild_trigger, str(time.time_ns()).encode())
    except OSError as exc:
        log.warning("newsdesk: could not ask the server for the full rebuild (%s: %s); it will run on the next change",
                    session.rebuild_trigger, exc.strerror or exc)
    return BuildResult(corpus=session.corpus, pages=pages, report=report, warnings=analysis.warnings, timings=steps.timings)


def prepare_previews(settings: Settings, session: Session) -> None:
    """Get a `serve` ready for its first preview, in a background thread (the server
    serves meanwhile; a rebuild waits for it): load the entity recogniser (a statistical
    model loads on first use, about 1.5 s), and make the corpus that previews start from
    if the first build made none (it found nothing changed since a `newsdesk build`; at
    6,000 articles, reading the analyses and the corpus stage take about 15 s)."""
    if not session.previews or session.preparing is not None:
        return

    def prepare() -> None:
        try:
            if session.corpus is None and session.inputs is not None:
                # A seed edited meanwhile may be read in its new version: its preview is
                # then made against a corpus that has it already, which is harmless.
                paths, refused = find_seeds(settings.seeds_dir)
                analysis = analyse_seeds(paths, settings, session)
                with collector_paused():
                    session.corpus = link(analysis.articles, _problems(analysis, refused), _overrides(settings)[0],
                                          settings.entity_page_min_mentions)
            get_backend(settings.entity_backend).find(["Loaded before the first edit."])
        except Exception as exc:  # previews are only a shortcut: without them an edit rebuilds in full
            log.debug("newsdesk: previews of edits not prepared (%s)", exc)

    session.preparing = threading.Thread(target=prepare, name="newsdesk-previews", daemon=True)
    session.preparing.start()
