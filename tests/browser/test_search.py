"""Material's search in a real Chromium, over http and from file:// with no network.

What is checked (the site is built from a copy of the bundled example, see conftest.py):
- searching "Kirkuk" / "Soleimani" lists exactly the articles whose generated Markdown
  contains the word (other pages, like the home page or the sources page, may also match);
- the same from file://, where search only works because newsdesk vendors Material's
  iframe-worker shim (every non-file request is aborted and recorded);
- no page ever asks for anything outside the local server (or outside file://);
- clicking a result opens the article, whose H1 is the article's title;
- no console errors and no uncaught exceptions on any of these pages.
"""

from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .conftest import BuiltSite, Probe

# Read from the bundled seeds (grep -il): Kirkuk is in seeds 001 and 004, Soleimani in
# 000, 001 and 004. The tests compute the expected pages from the generated Markdown and
# also check these counts, so a change in the seeds or the generator is noticed.
BUNDLED_COUNTS = {"Kirkuk": 2, "Soleimani": 3}
ARTICLE_PAGE = re.compile(r"articles/(?!index\.html$)[^/]+\.html")
LOCAL_SCHEMES = {"data", "blob", "about"}
SEARCH_TIMEOUT_MS = 15_000

# Resolves once the results for *this* query are on screen: Material (search.highlight)
# puts the matched terms into each section link's ?h=, so links left over from the
# previous keystroke ("Kirku") are told apart from the final ones.
RESULTS_FOR_QUERY_JS = """
(query) => {
  const meta = document.querySelector(".md-search-result__meta");
  if (!meta || !/matching document/i.test(meta.textContent)) return false;
  const links = [...document.querySelectorAll(".md-search-result__item a.md-search-result__link")];
  const terms = links.map(a => new URL(a.href).searchParams.get("h")).filter(Boolean);
  return terms.length > 0 && terms.every(t => t.toLowerCase().split(/\\s+/).includes(query));
}
"""


# --------------------------------------------------------------------------- helpers


def expected_articles(built_site: BuiltSite, word: str) -> set[str]:
    pages = built_site.articles_containing(word)
    assert pages, f"no generated article contains {word!r}: the test would prove nothing"
    assert len(pages) == BUNDLED_COUNTS[word], (
        f"expected {BUNDLED_COUNTS[word]} bundled articles containing {word!r}, the generated Markdown has "
        f"{len(pages)}: {sorted(pages)}"
    )
    return pages


def to_site_path(href: str, base: str) -> str:
    """``href`` as a path relative to the site root (no query or fragment); unchanged if outside."""
    parts = urlsplit(href)
    bare = f"{parts.scheme}://{parts.netloc}{parts.path}"
    if not bare.startswith(base):
        return href
    return unquote(bare[len(base):])


def run_search(probe: Probe, query: str) -> None:
    page = probe.page
    field = page.locator("input.md-search__input[data-md-component=search-query]")
    page.keyboard.press("/")  # Material's shortcut; "s" and "f" work too
    try:
        expect(field).to_be_focused(timeout=5_000)
    except AssertionError:
        raise AssertionError(
            f"Material's search did not open on '/' (the search field is not focused): its JavaScript is "
            f"not running\n{diagnostics(probe)}"
        ) from None
    field.press_sequentially(query)
    try:
        page.wait_for_function(RESULTS_FOR_QUERY_JS, arg=query.lower(), timeout=SEARCH_TIMEOUT_MS)
    except PlaywrightError as exc:
        meta = page.locator(".md-search-result__meta")
        meta_text = meta.inner_text() if meta.count() else "(no .md-search-result__meta)"
        raise AssertionError(
            f"no search results for {query!r} after {SEARCH_TIMEOUT_MS} ms ({exc.message.splitlines()[0]})\n"
            f"result meta: {meta_text!r}\nresult hrefs: {result_hrefs(page)}\n{diagnostics(probe)}"
        ) from None


def diagnostics(probe: Probe) -> str:
    page = probe.page
    state = page.evaluate(
        "({shim: typeof window.IFrameWorker, html: document.documentElement.className})"
    )
    return (
        f"page: {page.url}\niframe-worker shim loaded: {state['shim'] != 'undefined'}; "
        f"<html class={state['html']!r}>\npage errors: {probe.page_errors}\n"
        f"console:\n{probe.describe_console()}\nrequests:\n" + "\n".join(probe.requests)
    )


def result_hrefs(page) -> list[str]:
    return page.eval_on_selector_all(".md-search-result__item a[href]", "as => as.map(a => a.href)")


def load_all_results(page) -> None:
    """Material renders results ten at a time and adds more as the list is scrolled: scroll
    until no more appear (Material groups sections of one page, so the count it prints
    can exceed the items it shows)."""
    shown = page.locator(".md-search-result__item").count()
    for _ in range(20):
        page.locator(".md-search-result__item").last.scroll_into_view_if_needed()
        page.eval_on_selector(".md-search__scrollwrap", "el => { el.scrollTop = el.scrollHeight; }")
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('.md-search-result__item').length > n", arg=shown, timeout=1_500
            )
        except PlaywrightError:
            return  # nothing more to load
        shown = page.locator(".md-search-result__item").count()


def check_results(probe: Probe, base: str, query: str, expected: set[str]) -> None:
    page = probe.page
    load_all_results(page)
    hrefs = result_hrefs(page)
    pages = [to_site_path(h, base) for h in hrefs]
    found = {p for p in pages if ARTICLE_PAGE.fullmatch(p)}
    listing = "\n  ".join(hrefs) or "(none)"
    assert found == expected, (
        f"search {query!r}: article results differ from the articles containing the word\n"
        f"missing: {sorted(expected - found)}\nunexpected: {sorted(found - expected)}\n"
        f"result hrefs:\n  {listing}"
    )
    outside = [h for h, p in zip(hrefs, pages) if p == h]
    assert not outside, f"search {query!r}: result links outside the site {base}: {outside}"


def assert_no_page_problems(probe: Probe, where: str) -> None:
    assert not probe.problems(), f"errors on {where}:\n" + "\n".join(probe.problems())


def non_local_http(requests: list[str], netloc: str) -> list[str]:
    bad = []
    for url in requests:
        parts = urlsplit(url)
        if parts.scheme in LOCAL_SCHEMES:
            continue
        if parts.scheme not in ("http", "https") or parts.hostname != "127.0.0.1" or parts.netloc != netloc:
            bad.append(url)
    return bad


def non_file(requests: list[str]) -> list[str]:
    return [url for url in requests if urlsplit(url).scheme not in LOCAL_SCHEMES | {"file"}]


def file_base(built_site: BuiltSite) -> str:
    return built_site.site.as_uri() + "/"


# --------------------------------------------------------------------------- tests


@pytest.mark.browser
@pytest.mark.parametrize("query", sorted(BUNDLED_COUNTS))
def test_search_over_http(built_site, site_url, http_probe, query):
    expected = expected_articles(built_site, query)
    http_probe.page.goto(site_url + "index.html")
    run_search(http_probe, query)
    check_results(http_probe, site_url, query, expected)
    assert_no_page_problems(http_probe, f"index.html (http) while searching {query!r}")


@pytest.mark.browser
@pytest.mark.parametrize("query", sorted(BUNDLED_COUNTS))
def test_search_from_file_without_network(built_site, file_probe, query):
    expected = expected_articles(built_site, query)
    base = file_base(built_site)
    file_probe.page.goto(base + "index.html")
    run_search(file_probe, query)
    check_results(file_probe, base, query, expected)
    assert not file_probe.blocked, "the file:// site asked for network resources:\n" + "\n".join(file_probe.blocked)
    assert not non_file(file_probe.requests), "non-file requests:\n" + "\n".join(non_file(file_probe.requests))
    assert_no_page_problems(file_probe, f"index.html (file://) while searching {query!r}")


def _visit_pages(probe: Probe, base: str, article_page: str) -> None:
    page = probe.page
    for path in ("index.html", article_page, "articles/index.html", "sources.html"):
        page.goto(base + path)
        expect(page.locator(".md-content h1").first).to_be_visible()
        assert_no_page_problems(probe, path)
    run_search(probe, "Kirkuk")
    assert_no_page_problems(probe, "sources.html while searching")


@pytest.mark.browser
def test_no_outside_requests_over_http(built_site, site_url, http_probe):
    article = sorted(built_site.articles_containing("Kirkuk"))[0]
    _visit_pages(http_probe, site_url, article)
    netloc = urlsplit(site_url).netloc
    requests = http_probe.requests
    assert any(urlsplit(u).path.endswith("search_index.json") for u in requests) or any(
        "workers/search" in u for u in requests
    ), "search was never loaded:\n" + "\n".join(requests)
    bad = non_local_http(requests, netloc)
    assert not bad, f"requests to hosts other than {netloc}:\n" + "\n".join(bad)


@pytest.mark.browser
def test_no_outside_requests_from_file(built_site, file_probe):
    article = sorted(built_site.articles_containing("Kirkuk"))[0]
    _visit_pages(file_probe, file_base(built_site), article)
    bad = sorted(set(non_file(file_probe.requests)) | set(file_probe.blocked))
    assert not bad, "requests that are not file:, data:, blob: or about::\n" + "\n".join(bad)


@pytest.mark.browser
def test_clicking_a_result_opens_the_article(built_site, site_url, http_probe, shots_dir):
    page = http_probe.page
    query = "Kirkuk"
    target = sorted(expected_articles(built_site, query))[0]
    article = built_site.article(target)
    page.goto(site_url + "index.html")
    run_search(http_probe, query)
    page.screenshot(path=str(shots_dir / "search-results.png"))

    links = page.locator(".md-search-result__item a.md-search-result__link")
    hrefs = [to_site_path(h, site_url) for h in result_hrefs(page)]
    assert target in hrefs, f"{target} is not among the results: {hrefs}"
    links.nth(hrefs.index(target)).click()
    expect(page).to_have_url(re.compile(re.escape(site_url + target) + r"(\?[^#]*)?(#.*)?$"))
    heading = page.locator(".md-content h1").first
    expect(heading).to_have_text(article.title)
    page.screenshot(path=str(shots_dir / "article.png"))
    assert_no_page_problems(http_probe, f"{target} opened from a search result")
