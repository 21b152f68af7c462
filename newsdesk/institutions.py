"""Generic names of public bodies, merged only within one country (part of the link stage).

"Senate", "Supreme Court", "Liberal Party", "Foreign Ministry", "House of Commons": every
country has one, and an article names its own without saying whose. Merged across the
corpus by name alone they made one entity of the Senates of the United States,
Australia and Iraq (at 6,000 Wikinews articles: 158 such entities, 1,792 links from
articles to them). So a
mention whose name is made of such words only (``GENERIC_WORDS``, with a head word such as
"court" or "party") is keyed with the country it belongs to, found in this order:

1. a country, US state or international body written in it or just before it: "Australian
   Senate", "the U.S. Supreme Court", "Iraq's Parliament", "Supreme Court of India";
2. the country step 1 found for the same name elsewhere in the article (one only), or the
   one longer name the article gives it ("the City Council" is "the Chicago City Council",
   "Congress" "the Indian National Congress");
3. the body the name means in English-language news when nothing says otherwise
   (``DEFAULT_SCOPES``: the State Department and Congress are the United States', the
   Security Council the United Nations');
4. the article's own country: the one its mentions of countries, states and cities
   point to, if three in four of them do;
5. for a few names, the body English-language news means by them when the article is
   about no one country (``FALLBACK_SCOPES``: the National Security Council is then the
   United States').

Its entity is then "Senate (Australia)". A mention none of these place is an entity of its
article's own, merged with no other article's. A body below the national level
("City Council", "State Senate", "District Court") is placed only by step 1: there are
many in one country.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

from . import gazetteer
from .extract import ner_rules
from .extract.entities import PLACE
from .records import Article, Mention

# The words of a generic body's name (folded). A name of these words only is generic if it
# has one of ``HEAD_WORDS``; a word outside the list ("Quds Force", "Islamic State", "White
# House") makes it a proper name, merged as any other.
GENERIC_WORDS = frozenset("""
    supreme high constitutional federal national state central general provincial regional local
    municipal city county district court courts council security assembly parliament senate
    congress house representatives commons lords ministry foreign defence defense interior
    justice finance health education labor labour trade commerce treasury environment
    agriculture transport energy home affairs army navy air force forces police guard party
    communist liberal conservative socialist democratic republican green people's peoples
    progressive social democrats republicans bank election elections electoral
    commission cabinet government military intelligence service prosecutor prosecutors
    prosecutor's public office department legislature legislative committee tribunal
    of the and for
""".split())
HEAD_WORDS = frozenset("""
    court courts council assembly parliament senate congress house ministry department army navy
    force forces police guard party bank commission cabinet legislature office committee tribunal
""".split())
# A head word alone names a body only as these do ("the Senate"); "Court", "Party" and
# "Office" alone are left as they are.
_ALONE = frozenset("parliament senate congress cabinet army navy police legislature".split())
# Words that put a body below the national level: many in one country.
_LOCAL_WORDS = frozenset("city county district provincial regional local municipal".split())
_LOCAL_AFTER_STATE = frozenset("senate assembly legislature house court supreme parliament".split())

# What a name means when the article does not say whose it is (step 3), folded.
DEFAULT_SCOPES = {
    **dict.fromkeys(
        ["state department", "department of state", "justice department", "defense department",
         "department of defense", "labor department", "department of labor", "treasury department",
         "commerce department", "department of commerce", "federal election commission", "congress"],
        "United States"),
    **dict.fromkeys(["security council", "general assembly"], "United Nations"),
}

# What a name means when the article is not about one country either (step 5): the body
# English-language news means by it, where other countries' are named so only at home.
FALLBACK_SCOPES = {"national security council": "United States"}

# Nationality words the forms derived from a country's name miss (folded) -> the country.
_IRREGULAR = {
    "american": "United States", "british": "United Kingdom", "dutch": "Netherlands",
    "french": "France", "swiss": "Switzerland", "danish": "Denmark", "swedish": "Sweden",
    "finnish": "Finland", "norwegian": "Norway", "polish": "Poland", "czech": "Czech Republic",
    "greek": "Greece", "turkish": "Turkey", "spanish": "Spain", "portuguese": "Portugal",
    "thai": "Thailand", "filipino": "Philippines", "afghan": "Afghanistan", "saudi": "Saudi Arabia",
    "irish": "Ireland", "emirati": "United Arab Emirates", "yemeni": "Yemen", "somali": "Somalia",
    "iraqi": "Iraq", "israeli": "Israel", "pakistani": "Pakistan", "kuwaiti": "Kuwait",
    "bangladeshi": "Bangladesh", "nepalese": "Nepal", "burmese": "Myanmar", "argentine": "Argentina",
    "peruvian": "Peru", "icelandic": "Iceland", "maltese": "Malta", "cypriot": "Cyprus",
    "soviet": "Soviet Union", "new zealand": "New Zealand",
}
# Step 4 places a name in the article's main country only if that many of its mentions of
# places point there. News about one country is often written from another ("A spokeswoman
# for the National Security Council" in an American article about Iraq): a name left
# unlinked is better than one linked to the wrong country's body.
MAIN_COUNTRY_SHARE = 0.75
# Provinces and states of other countries that news names alone (GeoNames' list here has
# only US states; "Ontario" would otherwise be the city in California).
_SUBDIVISIONS = {
    **dict.fromkeys(["ontario", "quebec", "british columbia", "alberta", "manitoba", "saskatchewan",
                     "nova scotia", "new brunswick", "newfoundland", "prince edward island"], "Canada"),
    **dict.fromkeys(["new south wales", "queensland", "tasmania", "western australia", "south australia",
                     "northern territory"], "Australia"),
    **dict.fromkeys(["england", "scotland", "wales", "northern ireland"], "United Kingdom"),
}
_BEFORE = re.compile(r"((?:[A-Z][\w.’'-]*\s+){0,2}[A-Z][\w.’'-]*?)(?:['’]s)?\s+$")
_SCOPED = re.compile(r" \(([^()]+)\)$")
_OWN_ARTICLE = re.compile(r" <[^<>]+>$")


@dataclass(frozen=True)
class Scoping:
    """What ``scope_article`` made of one article's (mention, key) pairs: the pairs with
    generic names keyed by country (or by the article, where none is found), each generic
    name's key in the article where it has one only ("senate" -> "senate (australia)")."""

    pairs: list[tuple[Mention, str]]
    keys: dict[str, str] = field(default_factory=dict)


def scoped_key(key: str, scope: str) -> str:
    """The key of a generic name in one country: "senate (australia)", the folded form of
    its entity's name "Senate (Australia)" (so entities.yml can name it)."""
    return f"{key} ({gazetteer.fold(scope)})"


def unscoped(key: str) -> str:
    """``key`` without its country or article: "senate (australia)" -> "senate"."""
    return _OWN_ARTICLE.sub("", _SCOPED.sub("", key))


def scope_of(key: str) -> str | None:
    """The name of the country or body a scoped key is in: "senate (australia)" ->
    "Australia"; None for a key that is not scoped."""
    match = _SCOPED.search(key)
    if match is None:
        return None
    return _scope_names().get(match.group(1), match.group(1))


@functools.cache
def _scope_names() -> dict[str, str]:
    names = [*_qualifiers().values(), *DEFAULT_SCOPES.values()]
    return {gazetteer.fold(name): name for name in sorted(set(names))}


@functools.lru_cache(maxsize=1 << 16)
def split_generic(key: str) -> tuple[str | None, str] | None:
    """(scope written in it or None, the generic name) if ``key`` names a generic body,
    else None: "australian senate" -> ("Australia", "senate"), "supreme court of india" ->
    ("India", "supreme court"), "senate" -> (None, "senate"), "quds force" -> None."""
    words = key.split()
    qualifiers = _qualifiers()
    if _generic(words):
        return None, key
    for n in (3, 2, 1):  # a place in front: "new zealand labour party", "us senate"
        if len(words) > n and (scope := qualifiers.get(" ".join(words[:n]))) and _generic(words[n:]):
            return scope, " ".join(words[n:])
    if " of " in key:  # a place behind: "supreme court of india", "parliament of the united kingdom"
        body, _, place = key.rpartition(" of ")
        scope = qualifiers.get(place.removeprefix("the "))
        if scope and _generic(body.split()):
            return scope, body
    return None


def _generic(words: list[str]) -> bool:
    if len(words) == 1:
        return words[0] in _ALONE
    return (bool(words) and words[0] not in ("of", "and", "for") and words[-1] not in ("of", "and", "for", "the")
            and all(w in GENERIC_WORDS for w in words) and any(w in HEAD_WORDS for w in words))


def is_local(key: str) -> bool:
    """A body below the national level ("city council", "state senate")."""
    words = key.split()
    return any(w in _LOCAL_WORDS for w in words) or any(
        a == "state" and b in _LOCAL_AFTER_STATE for a, b in zip(words, words[1:]))


def scope_article(article: Article, pairs: list[tuple[Mention, str]]) -> Scoping:
    """Key the generic names among an article's (mention, key) pairs by country (steps 1 to
    5 above); other pairs come back as they are."""
    found = [split_generic(key) for _, key in pairs]
    if not any(found):
        return Scoping(pairs)
    lines = article.line_texts()
    # 1. written in the name or just before it
    scopes = [None if generic is None else generic[0] or _scope_before(lines.get(m.line, "")[:m.start])
              for (m, _), generic in zip(pairs, found)]
    seen: dict[str, set[str]] = {}
    for generic, scope in zip(found, scopes):
        if generic is not None and scope is not None:
            seen.setdefault(generic[1], set()).add(scope)
    country: str | None | bool = False  # step 4's answer, found once, when needed
    scoped_pairs = []
    keys_of: dict[str, set[str]] = {}  # generic name -> the keys it took in this article
    for (mention, key), generic, scope in zip(pairs, found, scopes):
        if generic is None:
            scoped_pairs.append((mention, key))
            continue
        name = generic[1]
        if scope is None and len(seen.get(name, ())) == 1:  # 2.
            scope = next(iter(seen[name]))
        if scope is None and len(longer := _written_in_full(name, pairs, found, scopes)) == 1:
            scoped_pairs.append((mention, longer.pop()))  # 2. "the City Council" of "the Chicago City Council"
            continue
        if scope is None and not is_local(name):
            scope = DEFAULT_SCOPES.get(name)  # 3.
            if scope is None:  # 4.
                if country is False:
                    country = _main_country([(m, k) for (m, k), g in zip(pairs, found) if g is None])
                scope = country or FALLBACK_SCOPES.get(name)  # 5.
        # Where no country is found, an entity of this article's own: linked, merged with no other.
        new_key = scoped_key(name, scope) if scope is not None else f"{name} <{article.slug}>"
        scoped_pairs.append((mention, new_key))
        keys_of.setdefault(name, set()).add(new_key)
    return Scoping(scoped_pairs, {name: min(keys) for name, keys in keys_of.items() if len(keys) == 1})


def _written_in_full(name: str, pairs, found, scopes) -> set[str]:
    """The keys of the longer names the article gives the generic ``name``: a proper name
    that is ``name`` with one to three words of a name in front ("chicago city council"
    for "city council"; not "deputy leader of the labour party", nor wiki markup run into
    it), or a generic name placed by what is written in or beside it, ending in ``name``
    ("Indian National Congress" for "Congress")."""
    from .entities import TITLE_WORDS  # noqa: PLC0415 (entities imports this module)

    full = set()
    for (_, key), generic, scope in zip(pairs, found, scopes):
        if generic is not None:
            if scope is not None and generic[1].endswith(" " + name):
                full.add(scoped_key(generic[1], scope))
        elif key.endswith(" " + name):
            front = key[: -len(name) - 1].split()
            if len(front) <= 3 and all(w.isalpha() and w not in _NOT_IN_FRONT and w not in TITLE_WORDS for w in front):
                full.add(key)
    return full


_NOT_IN_FRONT = frozenset("of the and for leader leaders member members head chief".split())


def _scope_before(text: str) -> str | None:
    """The country, state or body named just before a mention: "the Australian |Senate",
    "Iraq's |Parliament"."""
    match = _BEFORE.search(text[-60:])
    if match is None:
        return None
    words = gazetteer.fold(match.group(1)).split()
    qualifiers = _qualifiers()
    for n in range(len(words), 0, -1):  # "New Zealand" before "Zealand"
        scope = qualifiers.get(" ".join(words[-n:]))
        if scope:
            return scope
    return None


def _main_country(pairs: list[tuple[Mention, str]]) -> str | None:
    """The country most of an article's mentions of places point to, if at least
    ``MAIN_COUNTRY_SHARE`` of them do. A city counts only where the recogniser took the
    mention for a place: "Bush" is a town in Egypt."""
    countries, cities = _country_of_place(include_cities=False), _country_of_place()
    votes = Counter(countries.get(key) or cities[key] for mention, key in pairs
                    if key in countries or (mention.kind == PLACE and key in cities))
    if not votes:
        return None
    best, count = votes.most_common(1)[0]
    return best if count >= MAIN_COUNTRY_SHARE * sum(votes.values()) else None


@functools.cache
def _qualifiers() -> dict[str, str]:
    """Folded names that place a body -> the scope's name: countries and their nationality
    words, US states, and the well-known short forms of countries and international
    bodies ("us", "uk", "un", "eu")."""
    from .entities import builtin_aliases  # noqa: PLC0415 (entities imports this module)

    result = dict(_country_of_place(include_cities=False))
    # A state places a body in the state ("Texas Senate"); a name that is also a country's
    # ("Georgia") in the country.
    countries = set(result.values())
    for state in gazetteer.geonames().get_us_states().values():
        if state["name"] not in countries:
            result[gazetteer.fold(state["name"])] = state["name"]
    for group in builtin_aliases():
        for name in group:
            result.setdefault(gazetteer.fold(name), group[0])
    result.update(_demonym_countries())
    result.update(_IRREGULAR)
    return result


@functools.cache
def _country_of_place(include_cities: bool = True) -> dict[str, str]:
    """Folded place names -> their country: countries, US states, the builtin short forms
    of countries ("us", "britain"), and, with ``include_cities``, cities (the most
    populous of a name)."""
    from .entities import builtin_aliases  # noqa: PLC0415

    cache = gazetteer.geonames()
    names = {c["iso"]: c["name"] for c in cache.get_countries().values()}
    result: dict[str, str] = {}
    if include_cities:
        by_population = sorted(cache.get_cities().values(), key=lambda c: -(c.get("population") or 0))
        for city in by_population:
            if (city.get("population") or 0) >= gazetteer.CITY_MIN_POPULATION and city["countrycode"] in names:
                result.setdefault(gazetteer.fold(city["name"]), names[city["countrycode"]])
    result.update({gazetteer.fold(s["name"]): "United States" for s in cache.get_us_states().values()})
    result.update(_SUBDIVISIONS)
    result.update({gazetteer.fold(name): name for name in names.values()})
    countries = set(names.values())
    for group in builtin_aliases():
        if group[0] in countries:
            result.update({gazetteer.fold(name): group[0] for name in group})
    return result


@functools.cache
def _demonym_countries() -> dict[str, str]:
    """ "iranian" -> "Iran": the nationality words derived from each country's name that
    the recogniser's gazetteer counts as nationality words; a word two countries share is
    left out."""
    known = {gazetteer.fold(d) for d in ner_rules.demonyms()}
    found: dict[str, set[str]] = {}
    for country in {c["name"] for c in gazetteer.geonames().get_countries().values()}:
        prefix, _, last = country.rpartition(" ")
        for form in ner_rules.demonym_forms(last):
            word = gazetteer.fold(f"{prefix} {form}" if prefix else form)
            if word in known:
                found.setdefault(word, set()).add(country)
    return {word: next(iter(c)) for word, c in found.items() if len(c) == 1}
