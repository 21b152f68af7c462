"""Small text helpers shared by the per-seed stages: words and sentences.

Kept deliberately simple and fast: news prose, English abbreviations, curly quotes.
"""

from __future__ import annotations

import re

# Abbreviations that end in a full stop without ending a sentence.
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "brig", "capt", "cmdr", "adm",
    "sgt", "cpl", "pvt", "gov", "sen", "rep", "rev", "st", "sr", "jr", "no", "vs", "etc",
    "inc", "ltd", "co", "corp", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "u.s", "u.k", "u.n", "e.g", "i.e", "a.m", "p.m", "ft", "mt", "gens",
    "sens", "reps", "hon", "pres", "supt", "dept", "univ", "approx", "est", "fig",
}
_WORD = re.compile(r"\S+")
# A sentence ends at . ! ? (optionally followed by closing quotes/brackets) then space
# and an opening quote, bracket or capital/digit.
_BOUNDARY = re.compile(r"""([.!?…])([”"’')\]]*)\s+(?=[“"‘'(\[]?[A-Z0-9])""")


def word_count(text: str) -> int:
    return len(_WORD.findall(text))


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence of a paragraph, without surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        # Only the last word matters; a bounded window keeps long lines linear.
        if match.group(1) == "." and _ends_with_abbreviation(text[max(start, end - 64):end]):
            continue
        _add_span(spans, text, start, end)
        start = match.end()
    _add_span(spans, text, start, len(text))
    return spans


def _add_span(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    chunk = text[start:end]
    if chunk.strip():
        lead = len(chunk) - len(chunk.lstrip())
        spans.append((start + lead, start + len(chunk.rstrip())))


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (no sentence is ever empty)."""
    return [text[a:b] for a, b in sentence_spans(text)]


def _ends_with_abbreviation(chunk: str) -> bool:
    last = chunk.rstrip("”\"’')]").rstrip(".").split()[-1:] or [""]
    token = last[0].lstrip("“\"‘'([").casefold()
    # Single capital initials ("Mark T. Esper") and listed abbreviations.
    return len(token) == 1 and token.isalpha() or token in _ABBREVIATIONS


def truncate_words(text: str, limit: int) -> tuple[str, bool]:
    """At most ``limit`` words of ``text``; second value says whether it was cut."""
    words = text.split()
    if len(words) <= limit:
        return text.strip(), False
    return " ".join(words[:limit]), True
