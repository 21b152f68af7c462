"""The site's search (newsdesk's own, newsdesk-search.js) in a real Chromium, on the site
built from a copy of the bundled example exactly as users build it (conftest.py).

Everything is checked in three places: over http (the site at the server's root), under a
sub-path (the site served at ``/sub/path/``, as on GitHub Pages; the server answers
nothing outside it), and from file:// with every non-file request aborted. For each:
- names: "Kirkuk" and "Soleimani" list exactly the articles whose text has the word, and
  the pages *named* so (titles, entity names and aliases) come before the others, the
  entity page first;
- a quoted phrase lists exactly the articles with the words side by side (not those that
  only have both words), and a rare word finds its one article;
- the kind filter and the source filter narrow the list to what they say;
- no request leaves the site (no Material search index or worker either); no console
  error, no uncaught exception.
Also: clicking a result opens the article (its H1 is the title); visiting pages asks for
nothing outside the site.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .conftest import LINKS, BuiltSite, Probe, _QuietHandler, load_all_results, serving
from .conftest import SEARCH_FIELD as FIELD

pytestmark = pytest.mark.browser

# Read from the bundled seeds: Kirkuk is in two articles, Soleimani in three. The tests
# compute the expected pages from docs/data/corpus.json and also check these counts, so a
# change in the seeds or the generator is noticed.
NAMES = {"Kirkuk": ("places/kirkuk.html", 2), "Soleimani": ("people/qasem-soleimani.html", 3)}
# Both words are in two articles, side by side in one.
PHRASE, PHRASE_WORDS, PHRASE_COUNT = '"foreign minister"', ("foreign", "minister"), 1
RARE = "fissures"  # in one article only
SOURCE_QUERY = "Baghdad"  # in every bundled article: the source filter has several sources to choose from
WHERE = ("http", "sub-path", "file")
SUB_PATH = "/sub/path/"
ARTICLE_PAGE = re.compile(r"articles/(?!index\.html$)[^/]+\.html")
TIMEOUT_MS = 15_000



# --------------------------------------------------------------------------- fixtures


class _SubPathHandler(_QuietHandler):
    """Serves the site under SUB_PATH only; anything else is a 404 (and recorded)."""

    outside: list[str]

    def translate_path(self, path: str) -> str:
        if not path.startswith(SUB_PATH):
            self.outside.append(path)
            return os.path.join(self.directory, "__not-under-the-sub-path__")
        return super().translate_path(path[len(SUB_PATH) - 1:])


@pytest.fixture(scope="session")
def sub_path_server(built_site: BuiltSite):
    """(base URL ending in SUB_PATH, list of paths asked for outside it)."""
    outside: list[str] = []
    handler = type("H", (_SubPathHandler,), {"outside": outside})
    with serving(built_site.site, handler, name="sub-path-server") as root:
        yield root.rstrip("/") + SUB_PATH, outside


@pytest.fixture(scope="session")
def corpus(built_site: BuiltSite) -> dict:
    return json.loads((built_site.project / "docs" / "data" / "corpus.json").read_text("utf-8"))


@pytest.fixture
def place(request, built_site: BuiltSite, site_url: str, sub_path_server):
    """(probe, base URL of the site) for each of WHERE."""
    where = request.param
    if where == "file":
        return request.getfixturevalue("file_probe"), built_site.site.as_uri() + "/"
    probe = request.getfixturevalue("http_probe")
    return probe, (site_url if where == "http" else sub_path_server[0])


# --------------------------------------------------------------------------- helpers


@dataclass(frozen=True)
class Result:
    path: str  # relative to the site root
    kind: str
    title: str


def with_words(text: str, *words: str) -> bool:
    return all(re.search(rf"\b{re.escape(w)}\b", text, re.IGNORECASE) for w in words)


def article_text(a: dict) -> str:
    return "\n".join([a["title"], a.get("subtitle") or "", a.get("kicker") or "", *a["text"]])


def articles_where(corpus: dict, test) -> set[str]:
    return {a["path"] for a in corpus["articles"] if test(article_text(a))}


def search(probe: Probe, query: str) -> None:
    """Open the search from the keyboard ("/"), type ``query``, wait for its results."""
    page = probe.page
    page.keyboard.press("/")
    try:
        expect(page.locator(FIELD)).to_be_focused(timeout=5_000)
    except AssertionError:
        raise AssertionError(f"'/' did not focus the search field\n{diagnostics(probe)}") from None
    page.locator(FIELD).press_sequentially(query)
    try:
        page.wait_for_function("q => document.getElementById('nd-search').getAttribute('data-nd-results') === q",
                               arg=query, timeout=TIMEOUT_MS)
    except PlaywrightError as exc:
        meta = page.locator("#nd-search .md-search-result__meta").inner_text()
        raise AssertionError(f"no results for {query!r} after {TIMEOUT_MS} ms ({exc.message.splitlines()[0]})\n"
                             f"result meta: {meta!r}\n{diagnostics(probe)}") from None


def diagnostics(probe: Probe) -> str:
    return (f"page: {probe.page.url}\npage errors: {probe.page_errors}\nconsole:\n{probe.describe_console()}\n"
            "requests:\n" + "\n".join(probe.requests))


def results(probe: Probe, base: str) -> list[Result]:
    rows = probe.page.eval_on_selector_all(
        LINKS, "as => as.map(a => [a.href, a.dataset.ndKind, a.querySelector('h1').textContent])")
    out = []
    for href, kind, title in rows:
        parts = urlsplit(href)
        bare = f"{parts.scheme}://{parts.netloc}{parts.path}"
        assert bare.startswith(base), f"result link outside the site {base}: {href}"
        out.append(Result(unquote(bare[len(base):]), kind, title))
    return out


def meta_text(probe: Probe) -> str:
    return probe.page.locator("#nd-search .md-search-result__meta").inner_text()


def check_clean(probe: Probe, base: str, where: str) -> None:
    """No request outside the site, Material's search never loaded, newsdesk's index was,
    no console error, no uncaught exception."""
    local = ("data:", "blob:", "about:")
    outside = [u for u in probe.requests + probe.blocked if not u.startswith(local) and not u.startswith(base)]
    assert not outside, "requests outside the site:\n" + "\n".join(outside)
    assert not probe.blocked, "the file:// site asked for network resources:\n" + "\n".join(probe.blocked)
    assert not [u for u in probe.requests if "search_index" in u or "workers/search" in u], "Material's search was loaded"
    assert any("assets/search-index/manifest.js" in u for u in probe.requests), "newsdesk's index was never loaded"
    assert not probe.problems(), f"errors on {where}:\n" + "\n".join(probe.problems())


# --------------------------------------------------------------------------- tests


@pytest.mark.parametrize("place", WHERE, indirect=True)
@pytest.mark.parametrize("word", sorted(NAMES))
def test_names_find_their_articles_named_pages_first(place, word, corpus):
    probe, base = place
    entity_page, count = NAMES[word]
    expected = articles_where(corpus, lambda text: with_words(text, word))
    assert len(expected) == count, f"the bundled seeds changed: {word!r} is in {sorted(expected)}"
    probe.page.goto(base + "index.html")
    search(probe, word)
    load_all_results(probe)
    found = results(probe, base)
    paths = [r.path for r in found]
    assert {p for p in paths if ARTICLE_PAGE.fullmatch(p)} == expected, f"{word!r}: results {paths}"
    assert re.match(rf"{len(found)} matching documents?$", meta_text(probe)), f"{meta_text(probe)!r}, {len(found)} listed"
    # Titles and entity names first: every result whose title or entity name/alias has the
    # word comes before every result that has it in its text only; the entity page leads.
    aliases = {e["page"]: [e["name"], *e["aliases"]] for e in corpus["entities"] if e.get("page")}
    named = {r.path for r in found if with_words(r.title, word) or any(with_words(n, word) for n in aliases.get(r.path, []))}
    assert entity_page in named and len(named) < len(found), f"{word!r}: named {sorted(named)} of {paths}"
    assert set(paths[: len(named)]) == named, f"{word!r}: the pages named {word!r} are not first: {paths}"
    assert paths[0] == entity_page, f"{word!r}: {entity_page} is not first: {paths}"
    check_clean(probe, base, f"index.html searching {word!r}")


@pytest.mark.parametrize("place", WHERE, indirect=True)
def test_phrase_and_rare_word(place, corpus):
    probe, base = place
    both = articles_where(corpus, lambda text: with_words(text, *PHRASE_WORDS))
    side_by_side = articles_where(corpus, lambda text: bool(re.search(r"\bforeign\W+minister\b", text, re.IGNORECASE)))
    assert len(side_by_side) == PHRASE_COUNT and len(both) > len(side_by_side), (both, side_by_side)
    probe.page.goto(base + "index.html")
    search(probe, PHRASE)
    load_all_results(probe)
    phrase_articles = {r.path for r in results(probe, base) if ARTICLE_PAGE.fullmatch(r.path)}
    assert phrase_articles == side_by_side, f"{PHRASE}: {sorted(phrase_articles)}, expected {sorted(side_by_side)}"

    rare = articles_where(corpus, lambda text: with_words(text, RARE))
    assert len(rare) == 1, f"the bundled seeds changed: {RARE!r} is in {sorted(rare)}"
    probe.page.locator(FIELD).fill("")
    probe.page.locator(FIELD).press_sequentially(RARE)
    probe.page.wait_for_function("q => document.getElementById('nd-search').getAttribute('data-nd-results') === q",
                                 arg=RARE, timeout=TIMEOUT_MS)
    assert [r.path for r in results(probe, base)] == sorted(rare), results(probe, base)
    assert re.match(r"1 matching document$", meta_text(probe)), meta_text(probe)
    check_clean(probe, base, "index.html searching a phrase and a rare word")


@pytest.mark.parametrize("place", WHERE, indirect=True)
def test_kind_filter(place, corpus):
    probe, base = place
    page = probe.page
    page.goto(base + "index.html")
    search(probe, "Soleimani")
    load_all_results(probe)
    everything = results(probe, base)
    kinds = {r.kind for r in everything}
    assert {"article", "person"} <= kinds, f"Soleimani should find articles and people: {everything}"
    for kind, folder in (("person", "people/"), ("article", "articles/")):
        chip = page.locator(f"#nd-search .nd-search__chip[data-kind={kind}]")
        chip.click()
        expect(chip).to_have_attribute("aria-pressed", "true")
        page.wait_for_function("k => [...document.querySelectorAll('#nd-search .md-search-result__item a')]"
                               ".every(a => a.dataset.ndKind === k)", arg=kind, timeout=TIMEOUT_MS)
        load_all_results(probe)
        kept = results(probe, base)
        assert kept and all(r.kind == kind and r.path.startswith(folder) for r in kept), kept
        assert kept == [r for r in everything if r.kind == kind], f"{kind}: {kept}"
        assert re.match(rf"{len(kept)} matching documents? of {len(everything)}$", meta_text(probe)), meta_text(probe)
    assert {r.path for r in results(probe, base)} == articles_where(corpus, lambda t: with_words(t, "Soleimani"))
    page.locator("#nd-search .nd-search__chip[data-kind='']").click()
    page.wait_for_function("n => document.querySelectorAll('#nd-search .md-search-result__item').length >= Math.min(n, 10)",
                           arg=len(everything), timeout=TIMEOUT_MS)
    check_clean(probe, base, "index.html with the kind filter")


@pytest.mark.parametrize("place", WHERE, indirect=True)
def test_source_filter(place, corpus):
    probe, base = place
    page = probe.page
    sources = {a["path"]: a["source"] for a in corpus["articles"]}
    with_query = articles_where(corpus, lambda text: with_words(text, SOURCE_QUERY))
    assert len({sources[p] for p in with_query}) >= 3, f"{SOURCE_QUERY!r} should be in articles of several sources"
    page.goto(base + "index.html")
    search(probe, SOURCE_QUERY)
    load_all_results(probe)
    everything = results(probe, base)
    for source in sorted({sources[p] for p in with_query})[:2]:
        page.select_option("#nd-search select.nd-search__source", value=source)
        page.wait_for_function(
            "() => [...document.querySelectorAll('#nd-search .md-search-result__item a')].every(a => a.dataset.ndKind === 'article')",
            timeout=TIMEOUT_MS)
        kept = results(probe, base)
        expected = [r for r in everything if sources.get(r.path) == source]
        assert kept == expected, f"source {source!r}: {kept}, expected {expected}"
        assert {r.path for r in kept} == {p for p in with_query if sources[p] == source}
    page.select_option("#nd-search select.nd-search__source", value="")
    page.wait_for_function("() => [...document.querySelectorAll('#nd-search .md-search-result__item a')]"
                           ".some(a => a.dataset.ndKind !== 'article')", timeout=TIMEOUT_MS)
    check_clean(probe, base, "index.html with the source filter")


@pytest.mark.parametrize("place", ["http", "sub-path"], indirect=True)
def test_clicking_a_result_opens_the_article(place, built_site: BuiltSite, shots_dir):
    probe, base = place
    page = probe.page
    page.goto(base + "index.html")
    search(probe, "Kirkuk")
    page.screenshot(path=str(shots_dir / "search-results.png"))
    found = [r.path for r in results(probe, base)]
    target = next(p for p in found if ARTICLE_PAGE.fullmatch(p))
    page.locator(LINKS).nth(found.index(target)).click()
    expect(page).to_have_url(re.compile(re.escape(base + target) + r"\?h=kirkuk$"))
    expect(page.locator(".md-content h1").first).to_have_text(built_site.article(target).title)
    expect(page.locator(".md-content article mark[data-md-highlight]").first).to_be_visible()
    assert not probe.problems(), "\n".join(probe.problems())


def _visit_pages(probe: Probe, base: str, built_site: BuiltSite) -> None:
    article = sorted(a.page for a in built_site.articles)[0]
    for path in ("index.html", article, "articles/index.html", "sources.html", "people/qasem-soleimani.html"):
        probe.page.goto(base + path)
        expect(probe.page.locator(".md-content h1").first).to_be_visible()
        assert not probe.problems(), f"errors on {path}:\n" + "\n".join(probe.problems())
    search(probe, "Kirkuk")


@pytest.mark.parametrize("place", WHERE, indirect=True)
def test_no_outside_requests(place, built_site: BuiltSite, sub_path_server):
    probe, base = place
    _visit_pages(probe, base, built_site)
    check_clean(probe, base, "the pages visited")
    assert not sub_path_server[1], f"asked the server for paths outside {SUB_PATH}: {sub_path_server[1]}"
