"""The gazetteer of news publishers (``data/outlets.yml``) and lookups in it.

Used by the cleaner (a masthead is a publisher's name at the top of the page) and by the
metadata extractor (which publisher an article is from).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources

import yaml


@dataclass(frozen=True)
class Outlet:
    name: str
    aliases: tuple[str, ...]
    slogans: tuple[str, ...]
    wire: bool


@functools.cache
def outlets() -> tuple[Outlet, ...]:
    text = resources.files("newsdesk").joinpath("data/outlets.yml").read_text("utf-8")
    return tuple(
        Outlet(
            name=item["name"],
            aliases=tuple(item.get("aliases", ())),
            slogans=tuple(item.get("slogans", ())),
            wire=bool(item.get("wire", False)),
        )
        for item in yaml.safe_load(text)
    )


@functools.cache
def _spellings() -> tuple[tuple[str, Outlet], ...]:
    """Every spelling, longest first, so "The Washington Post" wins over "Washington Post"."""
    pairs = [(s, o) for o in outlets() for s in (o.name, *o.aliases)]
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p[0])))


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u2019", "'")).strip().casefold()


@functools.cache
def _by_spelling() -> dict[str, Outlet]:
    return {_fold(s): o for s, o in _spellings()}


def lookup(name: str) -> Outlet | None:
    """The outlet whose name or alias is exactly ``name`` (case and spacing ignored)."""
    return _by_spelling().get(_fold(name))


def leading_outlet(line: str) -> tuple[Outlet, str] | None:
    """If ``line`` starts with an outlet's spelling, (outlet, rest of the line).

    Mastheads are often scraped with the slogan glued on ("The Washington PostDemocracy
    Dies in Darkness"), so the spelling need not be followed by a space.
    """
    folded = _fold(line)
    for spelling, outlet in _spellings():
        key = _fold(spelling)
        if folded.startswith(key):
            rest = line.strip()[len(spelling):] if line.strip().casefold().startswith(spelling.casefold()) else ""
            # A spelling must end at a word boundary, or be glued to a capitalised slogan.
            if not rest or not rest[0].isalnum() or rest[0].isupper():
                return outlet, rest.strip()
    return None


def find_mentions(text: str) -> list[Outlet]:
    """Outlets named anywhere in ``text`` (whole words, case-sensitive), in order."""
    found = []
    for spelling, outlet in _spellings():
        if len(spelling) < 3 or "." in spelling and " " not in spelling and spelling.islower():
            continue
        if re.search(rf"(?<![\w]){re.escape(spelling)}(?![\w])", text):
            if outlet not in found:
                found.append(outlet)
    return found


@functools.cache
def _span_pattern() -> re.Pattern[str]:
    """Outlet names of two or more words (one-word names such as "Time" or "Reason" are
    ordinary words too often), longest first, as whole words."""
    names = set()
    for outlet in outlets():
        for spelling in (outlet.name, *outlet.aliases):
            bare = spelling[4:] if spelling.startswith("The ") else spelling
            if len(bare.split()) >= 2 and not spelling.islower():
                names.add(bare)
    alternatives = "|".join(re.escape(n) for n in sorted(names, key=lambda n: (-len(n), n)))
    return re.compile(rf"(?<![\w])(?:{alternatives})(?![\w])")


def find_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of every multi-word outlet name in ``text``."""
    return [m.span() for m in _span_pattern().finditer(text)]
