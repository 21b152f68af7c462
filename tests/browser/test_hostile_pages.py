"""The pages built from hostile seeds (tests/hostile/cases.py) in a real Chromium: no
injected code runs and no outside request is made.

Every markup payload in the hostile seeds, sidecars and entities.yml tries to set
``window.__pwned`` (a setter installed before any page script records every attempt, also
from frames through ``parent.__pwned``), to open a dialog, or to load something from
``evil.example``. On each page built from them (the markup articles, a seed whose title and
tags come from hostile front-matter and sidecars, the entity whose name and description
are markup, the home page listing refused file names, the indexes, tags and the graph),
over http and from file://, and in search results for words of the payloads, the test
checks: no sentinel write, no dialog, no console error and no uncaught exception (an
injected ``<img src=x>`` would log a failed load), and no request to any host but the
local server (every other request is aborted, so nothing ever reaches the network).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest

from tests.hostile.cases import EVIL_HOST, Built, article_pages, hostile_build

from .conftest import serving


pytestmark = pytest.mark.browser

SENTINEL_JS = """
(() => {
  const log = [];
  Object.defineProperty(window, "__pwnedLog", { value: log });
  Object.defineProperty(window, "__pwned", {
    configurable: false,
    get() { return log.length ? log[log.length - 1] : undefined; },
    set(value) { log.push(String(value)); },
  });
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    const original = window[name];
    window[name] = function (...args) { log.push(name + ":" + args.join(",")); };
  }
})();
"""
# Words of the payloads and hostile titles (the search index splits "window.__pwned" into
# no word of its own, so the queries are the words around the payloads).
QUERIES = ("markup", "script", "onerror", "javascript", "headline", "tags", "sidecar")
RESULTS_SHOWN_JS = """
(query) => {
  const input = document.querySelector("input.md-search__input");
  const meta = document.querySelector(".md-search-result__meta");
  return input && input.value === query && meta && /matching document/i.test(meta.textContent);
}
"""
SETTLE_MS = 350  # time for onload/onerror/ontoggle/autofocus handlers and late requests
MARKUP_SEEDS = ("markup-html.txt", "markup-css.txt", "markup-links.txt", "markup-extensions.txt", "markup-templates.txt",
                "markup-rules.txt", "markup-deep.txt", "markup-yaml-top.txt", "markup-front-matter.md", "yaml-tags.txt",
                "bytes-bidi-override.txt", "<img src=x onerror=window.__pwned='file-name'>.txt")
OTHER_PAGES = ("index.html", "articles/index.html", "tags.html", "sources.html", "graph.html",
               "people/script-window-pwned-entity-name-script.html", "people/index.html")


@dataclass
class Visit:
    page: object
    origin: str
    pwned: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def problems(self) -> list[str]:
        self.pwned += self.page.evaluate("() => [...window.__pwnedLog]")
        return ([f"window.__pwned set to {v!r}" for v in self.pwned] + [f"dialog: {d}" for d in self.dialogs]
                + [f"console.error: {m}" for m in self.console_errors] + [f"pageerror: {m}" for m in self.page_errors]
                + [f"outside request: {u}" for u in self.outside])


@pytest.fixture(scope="module")
def hostile(tmp_path_factory) -> Built:
    built = hostile_build(tmp_path_factory)
    assert built.returncode == 0, built.stderr[-3000:]
    return built


@pytest.fixture(scope="module")
def hostile_url(hostile: Built):
    with serving(hostile.site) as url:
        yield url


@pytest.fixture
def browser(chromium):
    """Chromium from conftest.py (one Playwright per session: a second one cannot start)."""
    return chromium


def open_visit(browser, base: str) -> tuple[object, Visit]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.set_default_timeout(10_000)
    page = context.new_page()
    local = urlsplit(base)
    visit = Visit(page=page, origin=f"{local.scheme}://{local.netloc}")

    def route(route):
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about") or (parts.scheme == local.scheme and parts.netloc == local.netloc):
            route.continue_()
        else:
            visit.outside.append(url)
            route.abort("blockedbyclient")

    context.route("**/*", route)
    context.add_init_script(SENTINEL_JS)

    def on_dialog(dialog):
        visit.dialogs.append(f"{dialog.type}: {dialog.message}")
        dialog.dismiss()

    page.on("dialog", on_dialog)
    page.on("console", lambda msg: visit.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: visit.page_errors.append(str(exc)))
    return context, visit


def hostile_pages(built: Built) -> list[str]:
    pages = article_pages(built.folder)
    chosen = []
    for name in MARKUP_SEEDS:
        entry = pages.get(f"seeds/{name}")
        assert entry is not None, f"seeds/{name} was not published"
        chosen.append(entry["html"].relative_to(built.site).as_posix())
    for rel in OTHER_PAGES:
        assert (built.site / rel).is_file(), f"{rel} was not built"
        chosen.append(rel)
    return chosen


def check_pages(browser, base: str, rels: list[str]) -> None:
    context, visit = open_visit(browser, base)
    failures = []
    try:
        for rel in rels:
            before = len(visit.outside), len(visit.console_errors), len(visit.page_errors), len(visit.dialogs)
            visit.pwned.clear()
            response = visit.page.goto(base + rel)
            assert response is None or response.ok, f"{rel}: HTTP {response.status}"
            visit.page.wait_for_timeout(SETTLE_MS)
            # Give every hover, focus and toggle handler a chance: open the removed-lines
            # audit and any other <details>, and move over the article.
            visit.page.evaluate("() => document.querySelectorAll('details').forEach(d => d.open = true)")
            visit.page.mouse.move(400, 400)
            visit.page.mouse.move(600, 500)
            visit.page.wait_for_timeout(100)
            problems = visit.problems()
            if problems or (len(visit.outside), len(visit.console_errors), len(visit.page_errors), len(visit.dialogs)) != before:
                failures.append(f"{rel}: {problems}")
            visit.outside.clear(), visit.console_errors.clear(), visit.page_errors.clear(), visit.dialogs.clear()
    finally:
        context.close()
    assert not failures, "\n".join(failures)


def test_no_injected_code_runs_over_http(browser, hostile: Built, hostile_url: str) -> None:
    check_pages(browser, hostile_url, hostile_pages(hostile))


def test_no_injected_code_runs_from_file(browser, hostile: Built) -> None:
    check_pages(browser, hostile.site.as_uri() + "/", hostile_pages(hostile))


def test_search_results_for_payload_words_stay_text(browser, hostile: Built, hostile_url: str) -> None:
    """Search result titles and snippets are built in the browser from the index: the
    payloads' words find them, and they show as text."""
    context, visit = open_visit(browser, hostile_url)
    try:
        visit.page.goto(hostile_url + "index.html")
        field = visit.page.locator("input.md-search__input").first
        visit.page.keyboard.press("/")
        field.wait_for(state="visible")
        found = {}
        for query in QUERIES:
            field.fill("")
            field.press_sequentially(query, delay=20)
            visit.page.wait_for_function(RESULTS_SHOWN_JS, arg=query, timeout=15_000)
            visit.page.wait_for_timeout(SETTLE_MS)
            visit.page.mouse.move(640, 300)
            found[query] = visit.page.locator(".md-search-result__item").count()
        assert all(found.values()), f"some payload words found nothing, so their results were not tested: {found}"
        problems = visit.problems()
    finally:
        context.close()
    assert not problems, problems


def test_the_sentinel_would_notice(browser, hostile_url: str) -> None:
    """The detector itself works: a page that does run a payload is caught."""
    context, visit = open_visit(browser, hostile_url)
    try:
        visit.page.goto(hostile_url + "index.html")
        visit.page.evaluate(f"""() => {{
            const img = document.createElement('img'); img.src = 'x';
            img.setAttribute('onerror', "window.__pwned='probe'");
            document.body.appendChild(img);
            const frame = document.createElement('iframe');
            frame.srcdoc = "<script>parent.__pwned='frame'</scr" + "ipt>";
            document.body.appendChild(frame);
            fetch('https://{EVIL_HOST}/probe').catch(() => null);
        }}""")
        visit.page.wait_for_timeout(SETTLE_MS)
        problems = visit.problems()
    finally:
        context.close()
    assert "window.__pwned set to 'probe'" in problems and "window.__pwned set to 'frame'" in problems, problems
    assert any(EVIL_HOST in p for p in problems), problems
