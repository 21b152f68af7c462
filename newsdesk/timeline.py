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
    events: list[Event] = []
    for article in articles:
        lines = {l.number: l.text for _, l in article.header} | {l.number: l.text for l in article.body}
        spans_by_line: dict[int, list[tuple[int, int]]] = {}
        seen: set[tuple[int, int, str]] = set()
        for date in article.dates:
            if date.value is None:
                continue
            text = lines.get(date.line, "")
            spans = spans_by_line.setdefault(date.line, sentence_spans(text))
            start, end = next(((a, b) for a, b in spans if a <= date.start < b), (0, len(text)))
            if (date.line, start, date.value) in seen:
                continue
            seen.add((date.line, start, date.value))
            named = tuple(dict.fromkeys(
                m.key for m in mentions.get(article.slug, ()) if m.line == date.line and start <= m.start < end
            ))
            events.append(Event(date.value, date.precision, date.relative, date.certain, date.text,
                                text[start:end], article.slug, date.line, date.start, named))
    events.sort(key=lambda e: (e.value, e.article, e.line, e.start))
    return tuple(events)
