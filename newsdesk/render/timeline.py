"""Timeline pages: an index of years, and one page per year of dated events."""

from __future__ import annotations

from collections import Counter, defaultdict

from ..extract import dates
from ..records import Corpus, Page
from ..slugs import article_path, relative_link
from . import html
from .markdown import front_matter, link

TIMELINE_DIR = "timeline"
TIMELINE_INDEX = f"{TIMELINE_DIR}/index.md"


def year_path(year: str) -> str:
    return f"{TIMELINE_DIR}/{year}.md"


def describe_date(event) -> str:
    """How a reader sees an event's date (HTML): exact only when it is; otherwise said so."""
    shown = html.text(dates.display(event.value))
    if not event.certain:
        return f"{shown} <small>(uncertain: “{html.text(event.date_text)}”)</small>"
    if event.relative:
        return f"{shown} <small>(“{html.text(event.date_text)}”, read against the article’s date)</small>"
    return shown


def event_item(event, from_path: str, titles: dict[str, str]) -> str:
    """An event as an HTML list entry: its date, its sentence, the article it is from."""
    return (f"<strong>{describe_date(event)}</strong> — {html.text(event.sentence)} — "
            f"{html.link(titles[event.article], from_path, article_path(event.article))}")


def render_timeline(corpus: Corpus) -> list[Page]:
    titles = corpus.titles()
    by_year: dict[str, list] = defaultdict(list)
    for event in corpus.timeline:
        by_year[event.value[:4]].append(event)
    counts = Counter({year: len(events) for year, events in by_year.items()})
    lines = [
        front_matter({"title": "Timeline", "generated_by": "newsdesk"}).rstrip("\n"),
        "",
        "# Timeline",
        "",
        "Events found in sentences that give a date, in date order. A date is shown with the "
        "precision the text supports; one read against the article’s own date (“December 27”, "
        "“last month”) says so, and one that is only a guess (“Friday”, when the article’s date "
        "is known to the month) is marked uncertain.",
        "",
    ]
    if not by_year:
        lines += ["No dated events yet.", ""]
    for year in sorted(by_year):
        lines.append(f"- {link(year, relative_link(TIMELINE_INDEX, year_path(year)))} — {counts[year]} event{'s' * (counts[year] != 1)}")
    pages = [Page(TIMELINE_INDEX, "\n".join(lines) + "\n")]
    for year, events in sorted(by_year.items()):
        path = year_path(year)
        body = [
            front_matter({"title": f"Timeline: {year}", "generated_by": "newsdesk"}).rstrip("\n"),
            "",
            f"# {year}",
            "",
            f"{link('All years', relative_link(path, TIMELINE_INDEX))}",
            "",
        ]
        body += [html.block(html.items(event_item(e, path, titles) for e in events))]
        pages.append(Page(path, "\n".join(body) + "\n"))
    return pages
