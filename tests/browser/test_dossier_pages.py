"""The cross-article pages from file:// with every network request aborted: the graph
draws (vendored Cytoscape.js) and works from the keyboard, the timeline lists the seeds'
key events in order, a story page compares its articles, the quotes page lists speakers.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import BuiltSite, Probe

pytestmark = pytest.mark.browser


def open_file(probe: Probe, built_site: BuiltSite, page: str) -> None:
    probe.page.goto((built_site.site / page).as_uri())
    probe.page.wait_for_load_state("load")


def assert_clean(probe: Probe) -> None:
    assert not probe.problems(), "\n".join(probe.problems())
    assert not probe.blocked, f"requests that needed the network: {probe.blocked}"
    assert all(url.startswith(("file:", "data:", "blob:", "about:")) for url in probe.requests), probe.requests


def test_graph_draws_offline_and_focuses_from_the_keyboard(file_probe: Probe, built_site: BuiltSite) -> None:
    page = file_probe.page
    open_file(file_probe, built_site, "graph.html")
    # Cytoscape draws on canvases inside the container once the data script has run.
    expect(page.locator("#nd-graph canvas").first).to_be_attached(timeout=10_000)
    nodes = page.evaluate("window.newsdeskGraph.nodes.length")
    assert nodes > 20
    # Keyboard: Tab to the "Focus on" list, choose an entity, the neighbours are announced.
    select = page.locator("#nd-graph-select")
    select.focus()
    expect(select).to_be_focused()
    select.select_option(value="qasem-soleimani")
    info = page.locator("#nd-graph-info")
    expect(info).to_contain_text("Open the page of Qasem Soleimani")
    expect(info).to_contain_text("Abu Mahdi al-Muhandis")
    href = info.locator("a").get_attribute("href")
    assert href.endswith("people/qasem-soleimani.html")
    # The same information without JavaScript: the list below the graph.
    expect(page.locator("article li", has_text="Qasem Soleimani").first).to_be_visible()
    assert_clean(file_probe)


def test_timeline_has_the_key_events_in_order(file_probe: Probe, built_site: BuiltSite) -> None:
    page = file_probe.page
    open_file(file_probe, built_site, "timeline/index.html")
    expect(page.locator("article a", has_text="2019")).to_be_visible()
    open_file(file_probe, built_site, "timeline/2019.html")
    text = page.locator("article").inner_text()
    rocket = text.index("27 December 2019")
    embassy = text.index("31 December 2019")
    assert rocket < embassy
    assert "read against the article’s date" in text  # relative dates say so
    open_file(file_probe, built_site, "timeline/2020.html")
    text = page.locator("article").inner_text()
    assert "3 January 2020" in text
    assert "uncertain" in text  # "late Thursday" against a month-precision date is a guess
    for year in ("2003", "2007", "2011", "2014"):
        open_file(file_probe, built_site, f"timeline/{year}.html")
        expect(page.locator("article li").first).to_be_visible()
    assert_clean(file_probe)


def test_story_page_compares_its_articles(file_probe: Probe, built_site: BuiltSite) -> None:
    page = file_probe.page
    open_file(file_probe, built_site, "stories/index.html")
    links = page.locator("article li a")
    assert links.count() == 2  # the 2020 strike, the 2014 advance of ISIS
    links.filter(has_text="January 2020").first.click()
    page.wait_for_load_state("load")
    header = page.locator("article table tr").first.inner_text()
    for title in ("A deadly US drone strike", "In major escalation", "The assassination of Iranian General"):
        assert title in header
    body = page.locator("article table").inner_text()
    assert "AFP" in body and "The Washington Post" in body and "Foreign Affairs" in body
    assert_clean(file_probe)


def test_quotes_page_lists_speakers(file_probe: Probe, built_site: BuiltSite) -> None:
    page = file_probe.page
    open_file(file_probe, built_site, "quotes.html")
    headings = page.locator("article h2").all_inner_texts()
    names = " ".join(headings)
    for speaker in ("Mark T. Esper", "Mike Pompeo", "Ilan Goldenberg", "Mark A. Milley", "Ali Khamenei", "Robert Ford"):
        assert speaker in names, headings
    assert headings[-1].startswith("Unnamed sources")
    assert_clean(file_probe)
