"""The generated pages in a real Chromium (over http, site built from a copy of the bundled
example, see conftest.py).

What is checked:
- "All articles" (articles/index.html) sorts on a click on a column heading (vendored
  tablesort): Title alphabetically, Published by date (both directions), Words by number;
  each row keeps its cells together;
- keyboard: "/" focuses the search field, Escape closes search; typing shows results, the
  arrow keys and Tab reach a result and Enter opens it; Tab reaches every main navigation
  tab;
- every article page's "Removed from the seed" block is a <details>, closed at first, that
  opens on a click and lists the removed lines;
- an entity page (people/qasem-soleimani.html) links to exactly the articles in its
  front matter, and each link opens that article (its H1 is the article's title);
- at phone width (375x800) no article page scrolls sideways;
- none of these pages logs a console error or throws.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

import pytest
import yaml
from playwright.sync_api import expect

from .conftest import BuiltSite, Probe

pytestmark = pytest.mark.browser

ENTITY_PAGE = "people/qasem-soleimani.html"
PHONE = {"width": 375, "height": 800}
REMOVED = "Removed from the seed"

TABLE = "article table:has(th:text-is('Title'))"
COLUMN_JS = """
(table, index) => [...table.tBodies[0].rows].map(row => row.cells[index].textContent.trim())
"""
ROWS_JS = """
(table) => [...table.tBodies[0].rows].map(row => [...row.cells].map(c => c.textContent.trim()).join(" | "))
"""


# --------------------------------------------------------------------------- helpers


def no_problems(probe: Probe) -> None:
    assert not probe.problems(), "the page reported errors:\n" + "\n".join(probe.problems())


def open_page(probe: Probe, url: str) -> None:
    response = probe.page.goto(url)
    assert response is not None and response.ok, f"{url}: HTTP {response.status if response else 'no response'}"


def shot(probe: Probe, shots_dir, name: str) -> str:
    path = shots_dir / f"{name}.png"
    try:
        probe.page.screenshot(path=str(path), full_page=True)
    except Exception as exc:  # a screenshot is a diagnostic; never hide the real failure
        return f"(no screenshot: {exc})"
    return f"screenshot: {path}"


def sortable_table(probe: Probe, site_url: str):
    open_page(probe, site_url + "articles/index.html")
    table = probe.page.locator(TABLE)
    expect(table).to_have_count(1)
    # newsdesk.js turns the table into a Tablesort: headings get role=columnheader
    header = table.locator("thead th", has_text=re.compile(r"^\s*Title\s*$"))
    try:
        expect(header).to_have_attribute("role", "columnheader", timeout=5_000)
    except AssertionError:
        raise AssertionError(
            "the All articles table was not made sortable (no role=columnheader on its headings): "
            f"newsdesk.js or tablesort did not run\n{probe.describe_console()}"
        ) from None
    return table


def column(probe: Probe, name: str) -> list[str]:
    headers = probe.page.locator(f"{TABLE} thead th").all_text_contents()
    index = [h.strip() for h in headers].index(name)
    return probe.page.locator(TABLE).evaluate(COLUMN_JS, index)


def click_heading(probe: Probe, name: str) -> str:
    """Click a column heading; the sort direction tablesort then reports (aria-sort)."""
    header = probe.page.locator(f"{TABLE} thead th", has_text=re.compile(rf"^\s*{name}\s*$"))
    header.click()
    expect(header).to_have_attribute("aria-sort", re.compile("ascending|descending"))
    return header.get_attribute("aria-sort")


# --------------------------------------------------------------------------- (a) sorting


def test_articles_table_sorts_by_title_and_date(http_probe, site_url, built_site: BuiltSite):
    sortable_table(http_probe, site_url)
    rows_before = sorted(http_probe.page.locator(TABLE).evaluate(ROWS_JS))
    titles = column(http_probe, "Title")
    assert sorted(titles) == sorted(a.title for a in built_site.articles), "the table does not list every article"

    # Title: the first click sorts A to Z (case-insensitively, as tablesort compares)
    assert click_heading(http_probe, "Title") == "ascending"
    by_title = column(http_probe, "Title")
    expected = sorted(titles, key=str.casefold)
    assert by_title[0] == expected[0], f"first row after sorting by Title: {by_title[0]!r}, expected {expected[0]!r}"
    assert by_title == expected, f"sorted by Title:\n{by_title}\nexpected:\n{expected}"
    assert by_title != titles, "sorting by Title did not change the order: the test proves nothing"

    # Published (YYYY, YYYY-MM or YYYY-MM-DD): oldest first, then newest first
    assert click_heading(http_probe, "Published") == "ascending"
    dates = column(http_probe, "Published")
    assert all(re.fullmatch(r"\d{4}(-\d{2}){0,2}", d) for d in dates), dates
    assert dates == sorted(dates), f"Published ascending: {dates}"
    assert dates[0] < dates[-1], f"all articles have the same date {dates}: the test proves nothing"
    assert click_heading(http_probe, "Published") == "descending"
    dates = column(http_probe, "Published")
    assert dates == sorted(dates, reverse=True), f"Published descending: {dates}"

    # every row kept its own cells
    assert sorted(http_probe.page.locator(TABLE).evaluate(ROWS_JS)) == rows_before
    no_problems(http_probe)


def test_articles_table_sorts_words_as_numbers(http_probe, site_url, shots_dir):
    sortable_table(http_probe, site_url)
    assert click_heading(http_probe, "Words") == "ascending"
    words = column(http_probe, "Words")
    numbers = [int(w.replace(",", "")) for w in words]
    assert numbers == sorted(numbers), (
        f"the Words column sorted ascending reads {words}: it is sorted as text, not as numbers "
        f"({shot(http_probe, shots_dir, 'words-sort')})"
    )
    no_problems(http_probe)


# --------------------------------------------------------------------------- (b) keyboard


SEARCH_FIELD = "#nd-search input.nd-search__input"
SEARCH_LINKS = "#nd-search .md-search-result__item a.md-search-result__link"


def _search_from_the_keyboard(http_probe, site_url, query: str) -> list[str]:
    """Open the search with "/", type ``query``; the result links' hrefs once shown."""
    page = http_probe.page
    open_page(http_probe, site_url + "index.html")
    page.keyboard.press("/")
    expect(page.locator(SEARCH_FIELD)).to_be_focused(timeout=5_000)
    page.keyboard.type(query, delay=20)
    page.wait_for_function("q => document.getElementById('nd-search').getAttribute('data-nd-results') === q",
                           arg=query, timeout=15_000)
    hrefs = page.eval_on_selector_all(SEARCH_LINKS, "as => as.map(a => a.href)")
    assert hrefs, f"no results for {query!r}"
    return hrefs


def test_keyboard_search_and_navigation(http_probe, site_url, shots_dir):
    page = http_probe.page
    open_page(http_probe, site_url + "index.html")
    field = page.locator(SEARCH_FIELD)
    toggle = page.locator("input#__search[data-md-toggle=search]")

    page.keyboard.press("/")
    expect(field).to_be_focused(timeout=5_000)
    expect(toggle).to_be_checked()
    page.keyboard.press("Escape")
    expect(toggle).not_to_be_checked()
    expect(field).not_to_be_focused()

    # Type, ArrowDown to the first result, ArrowDown/ArrowUp between results, Enter opens it.
    hrefs = _search_from_the_keyboard(http_probe, site_url, "Kirkuk")
    assert len(hrefs) >= 2, hrefs
    links = page.locator(SEARCH_LINKS)
    page.keyboard.press("ArrowDown")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("ArrowDown")
    expect(links.nth(1)).to_be_focused()
    page.keyboard.press("ArrowUp")
    expect(links.nth(0)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(hrefs[0])
    expect(page.locator(".md-content h1").first).to_be_visible()

    # Tab from the field reaches the results too (past the filters), and Enter opens one.
    hrefs = _search_from_the_keyboard(http_probe, site_url, "Kirkuk")
    path: list[str] = []
    for _ in range(30):
        page.keyboard.press("Tab")
        active = page.evaluate("() => { const e = document.activeElement; return [e.tagName, e.className, e.href || ''] }")
        path.append(" ".join(active))
        if active[0] == "A" and "md-search-result__link" in active[1]:
            break
    else:
        raise AssertionError("Tab from the search field never reached a result; focus went through:\n" + "\n".join(path)
                             + f"\n{shot(http_probe, shots_dir, 'keyboard-search-tab')}")
    target = active[2]
    assert target in hrefs, (target, hrefs)
    page.keyboard.press("Enter")
    expect(page).to_have_url(target)

    # Tab from the top of the page reaches every main navigation tab, in order
    open_page(http_probe, site_url + "index.html")
    tabs = page.locator("a.md-tabs__link")
    expected = [urljoin(site_url + "index.html", h) for h in tabs.evaluate_all("els => els.map(e => e.getAttribute('href'))")]
    assert len(expected) >= 8, f"only {len(expected)} navigation tabs: {expected}"
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0); }")
    reached: list[str] = []
    focused: list[str] = []
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate(
            "() => { const e = document.activeElement; return e ? [e.tagName, e.className || '', e.href || ''] : null; }"
        )
        focused.append(" ".join(map(str, info or [])))
        if info and "md-tabs__link" in info[1]:
            reached.append(info[2])
        if len(reached) == len(expected):
            break
    assert reached == expected, (
        f"Tab reached the navigation tabs {reached}, expected {expected}; focus went through:\n"
        + "\n".join(focused) + f"\n{shot(http_probe, shots_dir, 'keyboard-tabs')}"
    )
    no_problems(http_probe)


# --------------------------------------------------------------------------- (c) removed lines


def test_removed_lines_block_is_collapsed_and_opens(http_probe, site_url, built_site: BuiltSite):
    pages = [a for a in built_site.articles if REMOVED in a.body]
    assert pages, "no generated article lists removed lines: the test would prove nothing"
    page = http_probe.page
    for article in pages:
        open_page(http_probe, site_url + article.page)
        details = page.locator("article details", has=page.locator("summary", has_text=REMOVED))
        expect(details).to_have_count(1)
        assert details.evaluate("d => d.open") is False, f"{article.page}: the removed-lines block is open at first"
        rows = details.locator("table tbody tr")
        expect(rows.first).to_be_hidden()

        details.locator("summary").click()
        expect(details).to_have_attribute("open", "")
        expect(rows.first).to_be_visible()
        count = re.search(rf"{REMOVED}: (\d+) line", details.locator("summary").inner_text())
        assert count, details.locator("summary").inner_text()
        expect(rows).to_have_count(int(count.group(1)))
    no_problems(http_probe)


# --------------------------------------------------------------------------- (d) entity page


def test_entity_page_links_back_to_its_articles(http_probe, site_url, built_site: BuiltSite):
    source = built_site.project / "docs" / ENTITY_PAGE.replace(".html", ".md")
    assert source.is_file(), f"the build generated no {ENTITY_PAGE} (entities: {sorted(p.name for p in source.parent.glob('*.md'))})"
    meta = yaml.safe_load(re.match(r"---\n(.*?)\n---\n", source.read_text("utf-8"), re.DOTALL).group(1))
    expected = {f"articles/{slug}.html" for slug in meta["articles"]}
    assert expected, f"{source} lists no articles"

    page = http_probe.page
    entity_url = site_url + ENTITY_PAGE
    open_page(http_probe, entity_url)
    expect(page.locator("article h1")).to_have_text(meta["title"])
    hrefs = page.locator("article.md-content__inner a[href]").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    linked = {}
    for href in hrefs:
        url = urljoin(entity_url, href).split("#")[0]
        if url.startswith(site_url + "articles/") and not url.endswith("/index.html"):
            linked[url[len(site_url):]] = url
    assert set(linked) == expected, f"{ENTITY_PAGE} links to articles {sorted(linked)}, its front matter lists {sorted(expected)}"

    for path, url in sorted(linked.items()):
        open_page(http_probe, url)
        expect(page.locator("article h1")).to_have_text(built_site.article(path).title)
    no_problems(http_probe)


# --------------------------------------------------------------------------- (e) phone width


def test_article_pages_fit_a_phone_screen(http_probe, site_url, built_site: BuiltSite, shots_dir):
    page = http_probe.page
    page.set_viewport_size(PHONE)
    too_wide = []
    for article in built_site.articles:
        open_page(http_probe, site_url + article.page)
        expect(page.locator("article h1")).to_be_visible()
        width = page.evaluate(
            "() => ({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
        )
        assert width["inner"] == PHONE["width"], f"the viewport is {width['inner']} px wide, not {PHONE['width']}"
        if width["scroll"] > width["inner"] + 1:
            wide = page.evaluate(
                """() => [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                    .slice(0, 5).map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> right=` +
                                       Math.round(e.getBoundingClientRect().right))"""
            )
            too_wide.append(f"{article.page}: scrollWidth {width['scroll']} > innerWidth {width['inner']}; "
                            f"widest: {wide}; {shot(http_probe, shots_dir, 'phone-' + article.slug[:40])}")
    assert not too_wide, "article pages scroll sideways at 375 px:\n" + "\n".join(too_wide)
    no_problems(http_probe)
