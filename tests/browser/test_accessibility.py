"""Accessibility of the generated site: axe-core in Debian's Chromium (site built from a
copy of the bundled example by the ``built_site`` fixture in conftest.py, served over http).

Every kind of page newsdesk generates is checked, in the state a reader sees it (scripts
run, the sortable table set up, the graph drawn and an entity focused, every collapsed
<details> block opened so its content is checked too), a few of them again at phone width,
and newsdesk's search box open with results and its filters (kind chips, one of them
pressed, and the source list), at desktop and phone width. No violation of impact
"serious" or "critical" is allowed; the failure message lists each one with the CSS
targets of its nodes. Moderate and minor findings are listed with them for context but do
not fail the test.

The fixes live in newsdesk/assets/a11y.css (loaded by the plugin after Material's
stylesheet and newsdesk.css), newsdesk/assets/search/newsdesk-search.css (the search
box's filters and labels) and newsdesk/assets/overrides/partials/newsdesk-search.html
(the search dialog's accessible name), all registered by newsdesk/plugin.py: this test
builds the site exactly as users do and injects nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from .conftest import BuiltSite, Probe

pytestmark = pytest.mark.browser

BLOCKING = ("critical", "serious")
SEARCH_WORD = "Baghdad"
PHONE = {"width": 375, "height": 800}
_AXE = Axe()


# --------------------------------------------------------------------------- which pages


def _largest(site: Path, folder: str) -> list[str]:
    """The biggest generated page in ``folder`` (most content, so most to check)."""
    pages = [p for p in (site / folder).glob("*.html") if p.name != "index.html"]
    assert pages, f"the build generated no pages in {folder}/"
    return [f"{folder}/{max(pages, key=lambda p: (p.stat().st_size, p.name)).name}"]


def _person(site: Path) -> list[str]:
    preferred = "people/qasem-soleimani.html"  # the entity the other browser tests use
    return [preferred] if (site / preferred).is_file() else _largest(site, "people")


def _stories(site: Path) -> list[str]:
    pages = sorted(f"stories/{p.name}" for p in (site / "stories").glob("*.html") if p.name != "index.html")
    assert pages, "the build generated no story page: the bundled seeds should make at least one"
    return pages


PAGES: dict[str, Callable[[BuiltSite], list[str]]] = {
    "home": lambda s: ["index.html"],
    "articles": lambda s: [a.page for a in s.articles],
    "articles-index": lambda s: ["articles/index.html"],
    "person": lambda s: _person(s.site),
    "organization": lambda s: _largest(s.site, "organizations"),
    "place": lambda s: _largest(s.site, "places"),
    "timeline-index": lambda s: ["timeline/index.html"],
    "timeline-year": lambda s: _largest(s.site, "timeline"),
    "stories": lambda s: _stories(s.site),
    "graph": lambda s: ["graph.html"],
    "quotes": lambda s: ["quotes.html"],
    "other-indexes": lambda s: [
        "people/index.html", "organizations/index.html", "places/index.html", "stories/index.html",
        "sources.html", "tags.html", "about.html",
    ],
}


# --------------------------------------------------------------------------- helpers


def _open(probe: Probe, url: str) -> None:
    response = probe.page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response.status if response else 'no response'}"
    probe.page.wait_for_load_state("load")


def _settle(probe: Probe, path: str) -> None:
    """Bring the page into the state a reader sees once its scripts have run."""
    page = probe.page
    if path == "articles/index.html":
        # newsdesk.js + tablesort turn the headings into sort buttons (role=columnheader)
        expect(page.locator("article table thead th[role=columnheader]").first).to_be_attached()
    if path == "graph.html":
        # Cytoscape draws into #nd-graph; then focus an entity with the keyboard list, so the
        # "Open the page of ..." link and the neighbour list it writes are checked too
        expect(page.locator("#nd-graph canvas").first).to_be_attached()
        select = page.locator("#nd-graph-select")
        values = [v for v in select.locator("option").evaluate_all("os => os.map(o => o.value)") if v]
        assert values, "the graph's Focus on list offers no entity"
        select.select_option(values[0])
        expect(page.locator("#nd-graph-info a").first).to_be_attached()
    # collapsed blocks ("Removed from the seed", quoted sentences...) are checked open
    page.evaluate("() => document.querySelectorAll('details').forEach(d => { d.open = true; })")


def _axe(probe: Probe) -> list[dict]:
    return _AXE.run(probe.page).response["violations"]


def _describe(where: str, violations: list[dict]) -> list[str]:
    lines = []
    for v in violations:
        lines.append(f"{where}: {v['id']} ({v['impact']}, {len(v['nodes'])} node(s)): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"][:25]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            summary = summary.replace("Fix any of the following: ", "").replace("Fix all of the following: ", "")
            lines.append(f"    {' '.join(map(str, node['target']))}: {summary[:240]}")
        if len(v["nodes"]) > 25:
            lines.append(f"    ... and {len(v['nodes']) - 25} more")
    return lines


def _check(results: dict[str, list[dict]]) -> None:
    blocking = {where: [v for v in vs if v["impact"] in BLOCKING] for where, vs in results.items()}
    if any(blocking.values()):
        report = []
        for where, vs in blocking.items():
            report += _describe(where, vs)
        other = []
        for where, vs in results.items():
            other += _describe(where, [v for v in vs if v["impact"] not in BLOCKING])
        if other:
            report += ["", "(not failing the test: moderate and minor findings)"] + other
        raise AssertionError("axe-core found serious or critical accessibility violations:\n" + "\n".join(report))


# --------------------------------------------------------------------------- the tests


@pytest.mark.parametrize("kind", list(PAGES))
def test_pages_have_no_serious_violations(kind, http_probe, site_url, built_site: BuiltSite):
    paths = PAGES[kind](built_site)
    results = {}
    for path in paths:
        assert (built_site.site / path).is_file(), f"{path} was not built"
        _open(http_probe, site_url + path)
        _settle(http_probe, path)
        results[path] = _axe(http_probe)
    _check(results)


@pytest.mark.parametrize("kind", ["home", "articles", "graph"])
def test_pages_at_phone_width_have_no_serious_violations(kind, http_probe, site_url, built_site: BuiltSite):
    """Material's phone layout (drawer instead of tabs and sidebars, header title) too."""
    http_probe.page.set_viewport_size(PHONE)
    paths = PAGES[kind](built_site)[:1]
    _open(http_probe, site_url + paths[0])
    _settle(http_probe, paths[0])
    _check({f"{paths[0]} at {PHONE['width']}x{PHONE['height']}": _axe(http_probe)})


@pytest.mark.parametrize("viewport", [None, PHONE], ids=["desktop", "phone"])
def test_search_dialog_with_results_has_no_serious_violations(viewport, http_probe, site_url, built_site: BuiltSite):
    assert built_site.articles_containing(SEARCH_WORD), f"no article mentions {SEARCH_WORD!r}: pick another word"
    page = http_probe.page
    if viewport:
        page.set_viewport_size(viewport)
    _open(http_probe, site_url + "index.html")
    field = page.locator("#nd-search input.nd-search__input")
    if viewport:
        page.locator("label.md-header__button[for=__search]").click()  # the header's search button
    else:
        page.keyboard.press("/")
    expect(field).to_be_focused(timeout=5_000)
    page.keyboard.type(SEARCH_WORD, delay=20)
    expect(page.locator("input#__search")).to_be_checked()
    results = page.locator("#nd-search .md-search-result__list > li")
    try:
        page.wait_for_function("q => document.getElementById('nd-search').getAttribute('data-nd-results') === q",
                               arg=SEARCH_WORD, timeout=10_000)
        expect(results.first).to_be_visible(timeout=10_000)
    except (AssertionError, PlaywrightError):
        raise AssertionError(
            f"searching for {SEARCH_WORD!r} showed no result, so the open dialog could not be checked\n"
            f"{http_probe.describe_console()}"
        ) from None
    where = f"index.html{' at phone width' if viewport else ''}, search with results for {SEARCH_WORD!r}"
    found = {}
    # As shown first (the "All" chip pressed), then filtered to articles (another chip pressed).
    expect(page.locator("#nd-search .nd-search__chip[data-kind=article]")).to_be_visible()
    expect(page.locator("#nd-search select.nd-search__source")).to_be_visible()
    page.wait_for_timeout(300)  # let the result list finish rendering (more results)
    found[where] = _axe(http_probe)
    page.locator("#nd-search .nd-search__chip[data-kind=article]").click()
    expect(page.locator("#nd-search .nd-search__chip[data-kind=article]")).to_have_attribute("aria-pressed", "true")
    page.wait_for_timeout(300)
    found[where + ", Articles filter on"] = _axe(http_probe)
    _check(found)
