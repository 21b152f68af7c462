"""newsdesk's own search (newsdesk/search + newsdesk-search.js) in a real Chromium.

The site is built from a copy of the bundled example exactly as shipped (the pipeline
writes the index into docs/assets/search-index/, the plugin publishes the script, the
stylesheet and the header holding the search box; nothing is injected). The project sits
in ``<tmp>/sub/``, so serving ``<tmp>`` puts the site under a sub-path (``/sub/site/``),
as on GitHub Pages.

Checked over http (site at the server root), under the sub-path, and from file:// with
every non-file request aborted:
- "Kirkuk" and "Soleimani" list exactly the articles whose text has the word, after the
  entity page (the place Kirkuk, the person Qasem Soleimani) which comes first;
- the kind filter (People) and the source filter narrow the list;
- the page's order is the Python twin's (``newsdesk.search.query``), and the browser's
  tokeniser gives the same terms as Python's;
- a quoted phrase, the keyboard ("/", "s", arrows, Enter, Escape), the highlighted words
  on the page a result opens, ``?q=`` in the address;
- no request leaves the site (nor asks for Material's search index or worker); no console
  error, no uncaught exception; axe-core finds nothing serious in the open dialog (desktop
  and phone width).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import expect

from newsdesk.search import INDEX_DIR, tokenize
from newsdesk.search.query import SearchIndex

from tests.conftest import copy_bundled

from .conftest import ITEMS, LINKS, NEWSDESK_BIN, Probe, load_all_results, serving
from .conftest import SEARCH_FIELD as FIELD

pytestmark = pytest.mark.browser

WORDS = {"Kirkuk": ("place", 2), "Soleimani": ("person", 3)}  # kind of the entity page, articles in the seeds
TIMEOUT_MS = 10_000


@dataclass(frozen=True)
class SearchSite:
    root: Path  # served over http: the site is at /sub/site/
    site: Path
    corpus: dict  # docs/data/corpus.json
    index: SearchIndex

    def articles_with(self, word: str) -> set[str]:
        pattern = re.compile(rf"\b{re.escape(word)}\b", re.IGNORECASE)
        return {a["path"] for a in self.corpus["articles"]
                if pattern.search(a["title"]) or any(pattern.search(line) for line in a["text"])}


@pytest.fixture(scope="session")
def search_site(tmp_path_factory) -> SearchSite:
    root = tmp_path_factory.mktemp("scaled-search")
    project = copy_bundled(root / "sub")  # mkdocs.yml as shipped: newsdesk's search, nothing injected
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    proc = subprocess.run([str(NEWSDESK_BIN), "build", "--strict", "-C", str(project)],
                          capture_output=True, text=True, env=env, cwd=project, timeout=300)
    assert proc.returncode == 0, f"build failed ({proc.returncode}):\n{proc.stderr}\n{proc.stdout}"
    site = project / "site"
    assert (site / INDEX_DIR / "manifest.js").is_file(), "the search index was not published"
    assert not (site / "search" / "search_index.json").exists(), "Material's search plugin still ran"
    corpus = json.loads((project / "docs" / "data" / "corpus.json").read_text("utf-8"))
    return SearchSite(root=root, site=site, corpus=corpus, index=SearchIndex.from_folder(site / INDEX_DIR))


@pytest.fixture(scope="session")
def server_root(search_site) -> str:
    with serving(search_site.root) as url:
        yield url


def bases(search_site: SearchSite, server_root: str) -> dict[str, str]:
    return {"sub-path": server_root + "sub/site/", "file": search_site.site.as_uri() + "/"}


# --------------------------------------------------------------------------- helpers


def search(probe: Probe, query: str) -> None:
    page = probe.page
    page.keyboard.press("/")
    expect(page.locator(FIELD)).to_be_focused(timeout=5_000)
    page.locator(FIELD).press_sequentially(query)
    page.wait_for_function(
        "q => document.getElementById('nd-search').getAttribute('data-nd-results') === q", arg=query, timeout=TIMEOUT_MS
    )


def result_pages(probe: Probe, base: str) -> list[str]:
    hrefs = probe.page.eval_on_selector_all(LINKS, "as => as.map(a => a.href)")
    out = []
    for href in hrefs:
        parts = urlsplit(href)
        bare = f"{parts.scheme}://{parts.netloc}{parts.path}"
        assert bare.startswith(base), f"result link outside the site {base}: {href}"
        out.append(unquote(bare[len(base):]))
    return out


def no_problems(probe: Probe, where: str) -> None:
    assert not probe.problems(), f"errors on {where}:\n" + "\n".join(probe.problems())


def outside_requests(probe: Probe, base: str) -> list[str]:
    local = ("data:", "blob:", "about:")
    return [u for u in probe.requests + probe.blocked if not u.startswith(local) and not u.startswith(base)]


def check_word(probe: Probe, search_site: SearchSite, base: str, word: str) -> None:
    kind, count = WORDS[word]
    expected = search_site.articles_with(word)
    assert len(expected) == count, f"the bundled seeds changed: {word!r} is in {sorted(expected)}"
    probe.page.goto(base + "index.html")
    search(probe, word)
    load_all_results(probe)
    pages = result_pages(probe, base)
    articles = {p for p in pages if p.startswith("articles/")}
    assert articles == expected, f"{word!r}: articles found {sorted(articles)}, expected {sorted(expected)}\nall: {pages}"
    first = probe.page.locator(LINKS).first
    assert first.get_attribute("data-nd-kind") == kind, f"{word!r}: the {kind} page is not first: {pages}"
    meta = probe.page.locator("#nd-search .md-search-result__meta").inner_text()
    assert re.match(rf"{len(pages)} matching documents?", meta), f"{meta!r} but {len(pages)} results listed"
    python = [h.url for h in search_site.index.search(word)]
    assert pages == python, f"{word!r}: the page's order differs from newsdesk.search.query's\npage:   {pages}\npython: {python}"
    bad = outside_requests(probe, base)
    assert not bad, "requests outside the site:\n" + "\n".join(bad)
    assert not [u for u in probe.requests if "search_index" in u or "workers/search" in u], "Material's search was loaded"
    assert any(f"{INDEX_DIR}/manifest.js" in u for u in probe.requests), "the index was never loaded"
    no_problems(probe, f"index.html while searching {word!r}")


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("word", sorted(WORDS))
def test_search_over_http(search_site, server_root, http_probe, word):
    check_word(http_probe, search_site, bases(search_site, server_root)["sub-path"], word)


@pytest.mark.parametrize("word", sorted(WORDS))
def test_search_from_file_without_network(search_site, file_probe, word):
    base = search_site.site.as_uri() + "/"
    check_word(file_probe, search_site, base, word)
    assert not file_probe.blocked, "the file:// site asked for network resources:\n" + "\n".join(file_probe.blocked)


def test_search_at_the_server_root(search_site, chromium, http_probe):
    """The same site served from its own folder (no sub-path), from an article page."""
    with serving(search_site.site) as base:
        article = sorted(search_site.articles_with("Kirkuk"))[0]
        http_probe.page.goto(base + article)
        search(http_probe, "Kirkuk")
        assert set(p for p in result_pages(http_probe, base) if p.startswith("articles/")) == search_site.articles_with("Kirkuk")
        assert not outside_requests(http_probe, base)
        no_problems(http_probe, article)


@pytest.mark.parametrize("where", ["sub-path", "file"])
def test_person_filter(search_site, server_root, http_probe, file_probe, where):
    probe = http_probe if where == "sub-path" else file_probe
    base = bases(search_site, server_root)[where]
    page = probe.page
    page.goto(base + "index.html")
    search(probe, "Soleimani")
    everything = result_pages(probe, base)
    page.locator("#nd-search .nd-search__chip[data-kind=person]").click()
    expect(page.locator("#nd-search .nd-search__chip[data-kind=person]")).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("() => [...document.querySelectorAll('#nd-search .md-search-result__item a')]"
                           ".every(a => a.dataset.ndKind === 'person')", timeout=TIMEOUT_MS)
    people = result_pages(probe, base)
    assert people and all(p.startswith("people/") for p in people), people
    assert "people/qasem-soleimani.html" in people
    assert people == [p for p in everything if p.startswith("people/")]
    meta = page.locator("#nd-search .md-search-result__meta").inner_text()
    assert re.match(rf"{len(people)} matching documents? of {len(everything)}", meta), meta
    page.locator("#nd-search .nd-search__chip[data-kind='']").click()
    page.wait_for_function("n => document.querySelectorAll('#nd-search .md-search-result__item').length === n",
                           arg=len(everything), timeout=TIMEOUT_MS)
    no_problems(probe, "index.html with the person filter")


def test_source_filter(search_site, server_root, http_probe):
    base = bases(search_site, server_root)["sub-path"]
    page = http_probe.page
    page.goto(base + "index.html")
    search(http_probe, "Soleimani")
    sources = {a["path"]: a["source"] for a in search_site.corpus["articles"]}
    found = [p for p in result_pages(http_probe, base) if p in sources]
    source = sources[found[0]]
    page.select_option("#nd-search select.nd-search__source", value=source)
    page.wait_for_function("() => [...document.querySelectorAll('#nd-search .md-search-result__item a')]"
                           ".every(a => a.dataset.ndKind === 'article')", timeout=TIMEOUT_MS)
    kept = result_pages(http_probe, base)
    assert kept == [p for p in found if sources[p] == source], kept
    no_problems(http_probe, "index.html with a source filter")


def test_quoted_phrase(search_site, server_root, http_probe):
    base = bases(search_site, server_root)["sub-path"]
    http_probe.page.goto(base + "index.html")
    query = '"prime minister"'
    search(http_probe, query)
    load_all_results(http_probe)
    pages = result_pages(http_probe, base)
    pattern = re.compile(r"\bprime\s+minister", re.IGNORECASE)
    by_path = {a["path"]: a for a in search_site.corpus["articles"]}
    with_phrase = {p for p, a in by_path.items() if pattern.search(a["title"] + "\n" + "\n".join(a["text"]))}
    assert with_phrase and {p for p in pages if p in by_path} == with_phrase
    assert pages == [h.url for h in search_site.index.search(query)]
    no_problems(http_probe, "index.html with a phrase")


def test_keyboard_and_highlight(search_site, server_root, http_probe, shots_dir):
    base = bases(search_site, server_root)["sub-path"]
    page = http_probe.page
    toggle = page.locator("input#__search")
    page.goto(base + "sources.html")
    page.keyboard.press("s")
    expect(page.locator(FIELD)).to_be_focused()
    expect(toggle).to_be_checked()
    page.keyboard.press("Escape")
    expect(toggle).not_to_be_checked()
    expect(page.locator(FIELD)).not_to_be_focused()
    search(http_probe, "Kirkuk")
    page.screenshot(path=str(shots_dir / "newsdesk-search.png"))
    page.keyboard.press("ArrowDown")
    expect(page.locator(LINKS).first).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(page.locator(LINKS).nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    expect(page.locator(FIELD)).to_be_focused()
    target = result_pages(http_probe, base)[0]
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(base + target) + r"\?h=kirkuk$"))
    marks = page.locator(".md-content article mark[data-md-highlight]")
    expect(marks.first).to_be_visible()
    assert all(m.lower().startswith("kirkuk") for m in marks.all_inner_texts())
    no_problems(http_probe, target)


def test_results_update_while_typing(search_site, server_root, http_probe):
    """The last word is a prefix while it is typed; each keystroke's results replace the last."""
    base = bases(search_site, server_root)["sub-path"]
    page = http_probe.page
    page.goto(base + "index.html")
    search(http_probe, "Soleim")
    assert result_pages(http_probe, base)[0] == "people/qasem-soleimani.html"
    page.locator(FIELD).press_sequentially("ani ")
    page.wait_for_function("() => document.getElementById('nd-search').getAttribute('data-nd-results') === 'Soleimani '")
    page.locator(FIELD).fill("")
    page.locator(FIELD).press_sequentially("zzzqqq")
    page.wait_for_function("() => document.getElementById('nd-search').getAttribute('data-nd-results') === 'zzzqqq'")
    assert page.locator(ITEMS).count() == 0
    expect(page.locator("#nd-search .md-search-result__meta")).to_have_text(re.compile("No matching", re.I))
    no_problems(http_probe, "index.html while typing")


def test_query_in_the_address_opens_search(search_site, server_root, http_probe):
    """``?q=`` (a link to a search, e.g. from a bookmark) opens the search with its results."""
    base = bases(search_site, server_root)["sub-path"]
    page = http_probe.page
    page.goto(base + "about.html?q=Kirkuk")
    page.wait_for_function("() => document.getElementById('nd-search').getAttribute('data-nd-results') === 'Kirkuk'",
                           timeout=TIMEOUT_MS)
    expect(page.locator("input#__search")).to_be_checked()
    assert {p for p in result_pages(http_probe, base) if p.startswith("articles/")} == search_site.articles_with("Kirkuk")
    no_problems(http_probe, "about.html?q=Kirkuk")


@pytest.mark.parametrize("viewport", [{"width": 1280, "height": 900}, {"width": 375, "height": 800}], ids=["desktop", "phone"])
def test_open_dialog_has_no_serious_accessibility_violations(search_site, server_root, http_probe, viewport):
    """axe-core on the open dialog with results and filters (as tests/browser/test_accessibility.py)."""
    axe = pytest.importorskip("axe_playwright_python.sync_playwright")
    base = bases(search_site, server_root)["sub-path"]
    page = http_probe.page
    page.set_viewport_size(viewport)
    page.goto(base + "index.html")
    if viewport["width"] < 600:
        page.locator("label.md-header__button[for=__search]").click()
        expect(page.locator(FIELD)).to_be_focused()
        page.locator(FIELD).press_sequentially("Soleimani")
        page.wait_for_function("() => document.getElementById('nd-search').getAttribute('data-nd-results') === 'Soleimani'")
    else:
        search(http_probe, "Soleimani")
    page.wait_for_timeout(300)
    violations = axe.Axe().run(page).response["violations"]
    serious = [f"{v['id']} ({v['impact']}): {v['help']} {[n['target'] for n in v['nodes'][:5]]}"
               for v in violations if v["impact"] in ("serious", "critical")]
    assert not serious, "axe-core:\n" + "\n".join(serious)


TOKENIZER_SAMPLES = [
    "Obama's U.S. policy", "O’Brien doesn't", "Sárközy, Ærø, Straße, ŁÓDŹ", "al-Maliki's 2,000 men",
    "U.N.-backed", "İstanbul ﬁnance ℌ", "Путин и Ἀθῆναι", "snake_case " + "y" * 45, "Kataib Hezbollah (KH)",
    "“Quds Force” — 3 Jan. 2020", "naïve café résumé", "東京 ソウル", "a.b.c. d'e'f x's's",
]


def test_browser_tokenizer_matches_python(search_site, server_root, http_probe):
    base = bases(search_site, server_root)["sub-path"]
    http_probe.page.goto(base + "index.html")
    texts = TOKENIZER_SAMPLES + [line for a in search_site.corpus["articles"] for line in a["text"][:3]]
    browser = http_probe.page.evaluate("texts => texts.map(t => window.__newsdeskSearch.tokenize(t))", texts)
    for text, terms in zip(texts, browser):
        assert terms == tokenize(text), text
