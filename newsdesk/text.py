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


def sentences(text: str) -> list[str]:
    """Split a paragraph into sentences (no sentence is ever empty)."""
    result: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.end(2)
        candidate = text[start:end]
        if match.group(1) == "." and _ends_with_abbreviation(candidate):
            continue
        if candidate.strip():
            result.append(candidate.strip())
        start = match.end()
    tail = text[start:].strip()
    if tail:
        result.append(tail)
    return result


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
