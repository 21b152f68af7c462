"""The timeline: events found in sentences with a date, across the corpus (link stage).

An event is one sentence with one resolved date in it. Its date keeps the precision the
text supports (year, month or day) and says whether it was resolved against the
article's own date (relative) and whether that resolution is a guess (uncertain).
"""

from __future__ import annotations

from dataclasses import dataclass

from .records import Article, LinkedMention
from .text import sentence_spans


@dataclass(frozen=True)
class Event:
    value: str  # partial ISO date
    precision: str
    relative: bool
    certain: bool
    date_text: str  # as written: "Dec. 27", "New Year's Eve", "in 2011" -> "2011"
    sentence: str
    article: str  # slug
    line: int
    start: int  # of the date in the line
    entities: tuple[str, ...]  # keys of the entities named in the sentence


def compute_timeline(articles: list[Article], mentions: dict[str, tuple[LinkedMention, ...]]) -> tuple[Event, ...]:
    """Every event of every article, in date order (then article, line, position)."""
    events: list[Event] = []
    for article in articles:
        dated = [d for d in article.dates if d.value is not None]
        if not dated:
            continue
        lines = article.line_texts()
        # Computed once per article, not per date: an article has dozens of dates and
        # hundreds of mentions, and a line's sentences are found once, not once per date.
        mentions_of_line: dict[int, list[LinkedMention]] = {}
        for m in mentions.get(article.slug, ()):
            mentions_of_line.setdefault(m.line, []).append(m)
        spans_by_line: dict[int, list[tuple[int, int]]] = {}
        seen: set[tuple[int, int, str]] = set()
        for date in dated:
            text = lines.get(date.line, "")
            spans = spans_by_line.get(date.line)
            if spans is None:
                spans = spans_by_line[date.line] = sentence_spans(text)
            start, end = next(((a, b) for a, b in spans if a <= date.start < b), (0, len(text)))
            if (date.line, start, date.value) in seen:
                continue
            seen.add((date.line, start, date.value))
            named = tuple(dict.fromkeys(m.key for m in mentions_of_line.get(date.line, ()) if start <= m.start < end))
            events.append(Event(date.value, date.precision, date.relative, date.certain, date.text,
                                text[start:end], article.slug, date.line, date.start, named))
    events.sort(key=lambda e: (e.value, e.article, e.line, e.start))
    return tuple(events)
