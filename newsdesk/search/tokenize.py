"""The search tokeniser. ``newsdesk-search.js`` implements the very same steps (its
``normalize``/``tokenize``), so a query is cut into the terms the index was built from;
``tests/browser/test_scaled_search.py`` runs both on the same strings.

1. lower case (Unicode default case mapping: Python ``str.lower``, JS ``toLowerCase``);
2. fold the letters that do not decompose (``ß``→``ss``, ``æ``→``ae``, ``ø``→``o``, ...);
3. NFKD, drop every combining mark, so accents never matter (``Sarkozy`` = ``Sárközy``),
   and lower case again (NFKD can give capitals: ``ℌ`` → ``H``);
4. drop the possessive ``'s`` and apostrophes inside words (``Obama's`` → ``obama``,
   ``O'Brien`` → ``obrien``); dotted acronyms lose their dots (``U.S.`` → ``us``);
5. a term is a maximal run of letters and digits (any script); runs longer than
   ``MAX_TERM`` characters (URLs, garbage) are dropped.

No stemming: ``minister`` does not find ``ministers`` except while it is the last word of
the query, which is matched as a prefix. Text in scripts written without spaces (Chinese,
Japanese, Thai) is indexed by whole runs only.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Iterable, Iterator

MAX_TERM = 40

# Letters that NFKD leaves alone, folded as a reader would type them.
FOLD = {
    "ß": "ss", "ẞ": "ss", "æ": "ae", "œ": "oe", "ø": "o", "đ": "d", "ð": "d", "þ": "th",
    "ł": "l", "ı": "i", "ħ": "h", "ŧ": "t", "ŋ": "n",
}
_FOLD_RE = re.compile("[" + "".join(FOLD) + "]")
_APOSTROPHES = "'\u2019\u02bc"
# [^\W_] is a letter or digit in any script (JS: [\p{L}\p{N}]). No look-behind, so that the
# JavaScript twin runs in every browser and matches exactly the same way.
_POSSESSIVE = re.compile(rf"([^\W_])[{_APOSTROPHES}]s(?![^\W_])")
_INNER_APOSTROPHE = re.compile(rf"([^\W_])[{_APOSTROPHES}](?=[^\W_])")
_ACRONYM = re.compile(r"(^|[\W_])((?:[^\W\d_]\.){2,})")
_TERM = re.compile(r"[^\W_]+")

# Words too common to be worth positions: a quoted phrase is checked on its other words
# at their offsets ("war on terror" = "war", any word, "terror"). They are still indexed
# for plain searches. The list travels in the manifest, so the browser uses the same.
STOPWORDS = frozenset(
    """a about after against all also an and any are as at be been before being between both
    but by can could did do does down during each for from had has have he her here hers him
    his how i if in into is it its just me more most my no nor not now of off on once only or
    other our out over own same she should so some such than that the their them then there
    these they this those through to too under until up very was we were what when where which
    while who whom why will with would you your""".split()
)


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# What every match of the apostrophe and acronym patterns contains (see ``_sub_at``): an
# apostrophe; the first dot of "x.y.", an acronym's first two letters and their dots.
_APOSTROPHE = re.compile(f"[{_APOSTROPHES}]")
_ACRONYM_DOT = re.compile(r"\.(?=[^\W\d_]\.)")


def _fold_run(match: re.Match) -> str:
    text = unicodedata.normalize("NFKD", match.group(0))
    return "".join(c for c in text if not unicodedata.category(c).startswith("M")).lower()


def _sub_at(pattern: re.Pattern, repl, text: str, starts: Iterable[int]) -> str:
    """``pattern.sub(repl, text)`` for a pattern that can only match from one of ``starts``
    (ascending). ``sub`` tries the pattern at every character, which made these patterns
    most of the tokeniser's time; trying it only where a match may begin (found by a quick
    scan for an apostrophe or a dot) gives the same text 4 to 12 times faster."""
    out, end = [], 0
    for start in starts:
        if start < end:  # inside the previous match: ``sub`` would not try here either
            continue
        match = pattern.match(text, start)
        if match:
            out += (text[end:start], repl(match))
            end = match.end()
    if not out:
        return text
    out.append(text[end:])
    return "".join(out)


def _before_apostrophes(text: str) -> Iterator[int]:
    """Where a match of ``_POSSESSIVE`` or ``_INNER_APOSTROPHE`` may begin: its letter
    stands just before an apostrophe (so an apostrophe at the very start begins none)."""
    return (m.start() - 1 for m in _APOSTROPHE.finditer(text, 1))


def _before_acronyms(text: str) -> Iterator[int]:
    """Where a match of ``_ACRONYM`` may begin: the character before its first letter
    (or its first letter, at the start of the text), two before its first dot."""
    return (max(m.start() - 2, 0) for m in _ACRONYM_DOT.finditer(text))


def _keep_first_group(match: re.Match) -> str:
    return match.group(1)


def _undot_acronym(match: re.Match) -> str:
    return match.group(1) + match.group(2).replace(".", "")


def normalize(text: str) -> str:
    """Case- and accent-folded text, apostrophes and acronym dots taken out (steps 1-4)."""
    text = _FOLD_RE.sub(lambda m: FOLD[m.group(0)], text.lower())
    if not text.isascii():
        # Decomposition is per character and marks are dropped, so each run of non-ASCII
        # characters can be folded on its own (most text is ASCII: this is the fast way).
        text = _NON_ASCII.sub(_fold_run, text)
    # The same as _POSSESSIVE.sub(r"\1", text), _INNER_APOSTROPHE.sub(r"\1", text) and
    # _ACRONYM.sub(_undot_acronym, text) in turn, as in the JavaScript twin.
    text = _sub_at(_POSSESSIVE, _keep_first_group, text, _before_apostrophes(text))
    text = _sub_at(_INNER_APOSTROPHE, _keep_first_group, text, _before_apostrophes(text))
    return _sub_at(_ACRONYM, _undot_acronym, text, _before_acronyms(text))


def tokenize(text: str) -> list[str]:
    """The search terms of ``text``, in order (repeats kept)."""
    terms = _TERM.findall(normalize(text))
    if max(map(len, terms), default=0) <= MAX_TERM:  # nearly always: no list to filter
        return terms
    return [t for t in terms if len(t) <= MAX_TERM]
