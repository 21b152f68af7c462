"""Fixtures for the browser tests: a built copy of the bundled example site, a local HTTP
server for it, and Debian's Chromium driven by Playwright (no network, no downloads).

The site is built from a *copy* of mkdocs.yml, seeds/ and docs/about.md in a pytest temp
folder, so the tests never write into the working tree that other people are editing.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import json
import re
import subprocess
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from tests.conftest import copy_bundled

ROOT = Path(__file__).resolve().parents[2]
NEWSDESK_BIN = ROOT / ".venv" / "bin" / "newsdesk"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SHOTS = Path("/tmp/browser-shots")


# --------------------------------------------------------------------------- the site


@dataclass(frozen=True)
class Article:
    slug: str
    page: str  # path of the HTML page relative to site/, e.g. "articles/<slug>.html"
    title: str  # the front-matter title (what the page's H1 shows)
    body: str  # the Markdown after the front matter


@dataclass(frozen=True)
class BuiltSite:
    project: Path
    site: Path
    articles: tuple[Article, ...]

    def articles_containing(self, word: str) -> set[str]:
        """Pages (relative to site/) of the articles whose own text (title and cleaned body,
        as exported in data/corpus.json) contains ``word``. Navigation sections (related
        articles, entity lists) name other articles and are kept out of the search index."""
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        corpus = json.loads((self.project / "docs" / "data" / "corpus.json").read_text("utf-8"))
        return {
            a["path"] for a in corpus["articles"]
            if pattern.search(a["title"]) or any(pattern.search(line) for line in a["text"])
        }

    def article(self, page: str) -> Article:
        return next(a for a in self.articles if a.page == page)


def _read_article(md: Path) -> Article:
    text = md.read_text("utf-8")
    match = re.match(r"---\n(.*?)\n---\n(.*)", text, re.DOTALL)
    assert match, f"{md}: no YAML front matter"
    meta = yaml.safe_load(match.group(1))
    return Article(slug=md.stem, page=f"articles/{md.stem}.html", title=str(meta["title"]), body=match.group(2))


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> BuiltSite:
    project = copy_bundled(tmp_path_factory.mktemp("newsdesk-browser"))
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run(
        [str(NEWSDESK_BIN), "build", "--strict", "-C", str(project)],
        capture_output=True, text=True, env=env, cwd=project, timeout=300,
    )
    assert proc.returncode == 0, (
        f"newsdesk build --strict exited {proc.returncode}\n--- stderr ---\n{proc.stderr}\n--- stdout ---\n{proc.stdout}"
    )
    site = project / "site"
    assert (site / "index.html").is_file(), f"no {site}/index.html after the build:\n{proc.stderr}"
    articles = tuple(
        _read_article(md) for md in sorted((project / "docs" / "articles").glob("*.md")) if md.name != "index.md"
    )
    assert articles, f"the build generated no article pages in {project}/docs/articles"
    for a in articles:
        assert (site / a.page).is_file(), f"{a.page} was not built"
    return BuiltSite(project=project, site=site, articles=articles)


# --------------------------------------------------------------------------- HTTP server


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):  # noqa: A002 - keep pytest output clean
        pass


@contextlib.contextmanager
def serving(directory: Path, handler=_QuietHandler, name: str = "site-server") -> Iterator[str]:
    """A threaded HTTP server on 127.0.0.1 (a free port) serving ``directory`` with
    ``handler`` (a SimpleHTTPRequestHandler class); yields its base URL, ending in "/"."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(directory)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name=name, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    """Base URL (ending in "/") of a threaded HTTP server on 127.0.0.1 serving site/."""
    with serving(built_site.site) as url:
        yield url


# --------------------------------------------------------------------------- newsdesk's search box

SEARCH_FIELD = "#nd-search input.nd-search__input"
ITEMS = "#nd-search .md-search-result__item"
LINKS = "#nd-search .md-search-result__item a.md-search-result__link"


def load_all_results(probe: "Probe") -> None:
    """Results come ten at a time, more as the list scrolls: scroll until no more come."""
    page = probe.page
    for _ in range(50):
        before = page.locator(ITEMS).count()
        page.eval_on_selector("#nd-search .md-search__scrollwrap", "el => { el.scrollTop = el.scrollHeight; }")
        page.wait_for_timeout(150)
        if page.locator(ITEMS).count() == before:
            return


# --------------------------------------------------------------------------- the browser


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} is not installed (make browser-deps)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@dataclass
class Probe:
    """A page plus everything it did: requests, console errors, uncaught exceptions."""

    page: object
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)  # requests aborted by the offline route
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    console_all: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        return [f"console.error: {m}" for m in self.console_errors] + [f"pageerror: {m}" for m in self.page_errors]

    def describe_console(self) -> str:
        return "\n".join(self.console_all) or "(console was silent)"


def _open_probe(browser, *, offline: bool):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(10_000)
    page = context.new_page()
    probe = Probe(page=page)

    def on_console(msg):
        location = msg.location or {}
        where = f" ({location.get('url', '')}:{location.get('lineNumber', '')})" if location.get("url") else ""
        probe.console_all.append(f"[{msg.type}] {msg.text}{where}")
        if msg.type == "error":
            probe.console_errors.append(f"{msg.text}{where}")

    # context-level, so requests from frames (the iframe-worker) are seen too
    context.on("request", lambda req: probe.requests.append(req.url))
    page.on("console", on_console)
    page.on("pageerror", lambda exc: probe.page_errors.append(str(exc)))

    if offline:
        def only_files(route):
            url = route.request.url
            if url.startswith("file://"):
                route.continue_()
            else:
                probe.blocked.append(url)
                route.abort("internetdisconnected")

        context.route("**/*", only_files)
    return context, probe


@pytest.fixture
def http_probe(chromium):
    context, probe = _open_probe(chromium, offline=False)
    try:
        yield probe
    finally:
        context.close()


@pytest.fixture
def file_probe(chromium):
    """A page for opening the site from file:// with every non-file request aborted."""
    context, probe = _open_probe(chromium, offline=True)
    try:
        yield probe
    finally:
        context.close()


@pytest.fixture(scope="session")
def shots_dir() -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS
