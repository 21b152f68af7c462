"""Merging mentions into entities across the whole corpus (part of the link stage).

One entity per real-world thing. A generic body's name ("Senate", "Supreme Court") is
first keyed with its country (``newsdesk.institutions``), so one country's is never
another's. Spellings are joined (union-find over folded names) by, in order of trust:

1. the project's ``entities.yml`` (always wins: aliases, merges, splits, kinds, ignores);
2. what the text says: bracketed acronyms and "also known as" (``Article.alias_pairs``);
   an acronym defined as two different names joins neither (each article keeps its own);
3. well-known equivalents no rule can derive (``data/aliases.yml``: U.S./America/...);
4. acronyms whose letters are the initials of exactly one longer name in the corpus,
   named with it in some article;
5. person-name variants: same surname, first names that differ by a spelling
   (Nouri/Nuri al-Maliki), titles and honorifics stripped (Gen., Hajj, President...);
6. a surname alone attaches to the one full name it ends, in the same article first,
   else in the corpus; if several fit, the mention stays unlinked and is reported; a
   surname that is different people in different articles joins none of them.

An entity's kind is the majority of its mentions' kinds (countries are always places).
"""

from __future__ import annotations

import codecs
import functools
import os
import re
import stat
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from importlib import resources
from itertools import accumulate
from pathlib import Path
from typing import Any, Iterable

import yaml
from rapidfuzz.fuzz import ratio

from . import gazetteer, institutions, read
from .collector import collector_paused
from .extract.entities import KINDS, ORGANIZATION, PERSON, PLACE
from .extract.ner_rules import ORG_TAILS, given_names
from .records import Article, Entity, LinkedMention, Mention, Role
from .slugs import slugify, unique_slugs
from .yamlsafe import MAX_YAML_BYTES, YamlError, load_mapping

# Leading words that are a person's title or honorific, not part of the name.
TITLE_WORDS = frozenset(
    "mr mrs ms miss dr prof gen maj brig lt col capt cpt sgt adm cmdr gov sen rep rev sir dame lord lady "
    "president vice prime minister secretary ayatollah hajj haji sheikh shaikh sheik imam mullah king queen "
    "prince princess pope general ambassador senator governor chancellor judge justice emir sultan "
    "chairman chairwoman commander colonel captain major lieutenant sergeant admiral marshal field "
    "defense defence foreign interior state supreme leader deputy acting former late grand".split()
)
# Words that never stand for an entity on their own (page furniture, generic words).
NOT_NAMES = frozenset(
    "state states government the a an advertisement read next most read editors pick editor's pick "
    "trending subscribe subscribe now related video photo image reuters video ap photo".split(" ")
)
# Also bench.merges' idea of the words of a name (with ``run_into_front``).
PARTICLES = frozenset({"al", "el", "bin", "ibn", "bint", "abu", "de", "la", "van", "von", "der", "du", "da"})
_ACRONYM_SKIP = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "al", "de", "la", "&"})
_ACRONYM = re.compile(r"^(?:[A-Z]\.?){2,6}$|^[A-Z][A-Z&]{1,5}$")
_POSSESSIVE = re.compile(r"['’]s?$")
FUZZY_NAME = 85  # rapidfuzz ratio for two spellings of a given name or surname
# rapidfuzz ratio for two spellings of one long name defining an acronym: at 6,000 Wikinews
# articles, variants scored 93 and more ("Sudan"/"Sudanese Liberation Army"), different
# names 86 and less ("National"/"New Democratic Party": 80).
SAME_NAME = 90
# The pure name functions below are memoised: at 6,000 articles the merge asks for the keys
# of the same ~24,000 surfaces (and their words) hundreds of thousands of times. Bounded,
# because `mkdocs serve` rebuilds in one long-running process. At 6,000 articles each cache
# ends up with ~25,000 entries (15 MB for the three); the bound leaves room for corpora about
# five times larger.
NAME_CACHE_SIZE = 1 << 17


# --- names ------------------------------------------------------------------------------


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def fold(surface: str) -> str:
    """The key two spellings share when they differ only in case, accents, dots,
    hyphens, a leading "the" or a trailing possessive: "the U.S.'s" -> "us"."""
    text = _POSSESSIVE.sub("", surface.strip())
    key = gazetteer.fold(text)
    return key[4:] if key.startswith("the ") else key


def strip_titles(key: str) -> str:
    """Drop leading title words ("maj gen qasem soleimani" -> "qasem soleimani")."""
    tokens = key.split()
    while len(tokens) > 1 and tokens[0] in TITLE_WORDS:
        tokens.pop(0)
    return " ".join(tokens)


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def _name_tokens(key: str) -> tuple[str, ...]:
    """Tokens that identify a person: particles such as "al" dropped. (A tuple: it is
    memoised, so callers share it.)"""
    return tuple(t for t in key.split() if t not in PARTICLES) or tuple(key.split())


def _initials(key: str) -> str:
    return "".join(t[0] for t in key.split() if t not in _ACRONYM_SKIP)


# --- the project's entities.yml -----------------------------------------------------------


@dataclass(frozen=True)
class Overrides:
    """What the user decided by hand; applied after (and over) everything automatic."""

    aliases: dict[str, list[str]] = field(default_factory=dict)  # canonical -> spellings
    merge: list[list[str]] = field(default_factory=list)
    split: list[str] = field(default_factory=list)
    kinds: dict[str, str] = field(default_factory=dict)
    describe: dict[str, str] = field(default_factory=dict)
    ignore: list[str] = field(default_factory=list)


OVERRIDE_KEYS = ("aliases", "merge", "split", "kinds", "describe", "ignore")


class OverridesFileError(ValueError):
    """entities.yml cannot be used at all: not a file, unreadable, binary or not UTF-8.
    ``str()`` names the file and the reason. A configuration error: the build stops."""

    def __init__(self, shown: str, reason: str):
        super().__init__(f"{shown}: {reason}")
        self.shown = shown
        self.reason = reason


def read_overrides_file(path: Path, shown: str | None = None) -> str | None:
    """The text of the overrides file ``path`` (shown as ``shown``, default its name), or
    None when there is none. Raises ``OverridesFileError`` when it cannot be used at all (a
    folder, FIFO or device, a broken link, unreadable, binary, not UTF-8) and ``YamlError``
    when it is too large (as for YAML text too large). Never opens more than a regular file
    and never reads more than ``MAX_YAML_BYTES`` of it."""
    shown = shown or path.name
    if not os.path.lexists(path):
        return None
    hint = "; it should hold your entity overrides (aliases, merge, split, kinds, describe, ignore)"
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise OverridesFileError(shown, "is a broken symbolic link" + hint + ": fix or remove the link") from None
    except OSError as exc:
        raise OverridesFileError(shown, read._os_reason(exc)) from None
    if stat.S_ISDIR(info.st_mode):
        raise OverridesFileError(shown, "is a folder, not a file" + hint + ": rename or remove the folder")
    if not stat.S_ISREG(info.st_mode):
        raise OverridesFileError(shown, "is not a regular file (a FIFO, socket or device)" + hint)
    if info.st_size > MAX_YAML_BYTES:
        raise YamlError(f"larger than {MAX_YAML_BYTES // 1024} KiB")
    try:
        data = read._read_bytes(path, shown, MAX_YAML_BYTES, lambda size: f"larger than {MAX_YAML_BYTES // 1024} KiB")
    except read.SeedError as exc:
        raise OverridesFileError(shown, exc.reason) from None
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    text, invalid = read._lenient_utf8(data)
    odd = invalid + len(read._BINARY_CONTROLS.findall(text))
    if b"\0" in data or (odd > 8 and odd > 0.05 * len(text)):
        raise OverridesFileError(shown, "looks like a binary file, not YAML text" + hint + ": if it is text, re-save it as UTF-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise OverridesFileError(shown, f"is not valid UTF-8 (byte 0x{data[exc.start]:02x} on line {line}, and {invalid} bad "
                                        "byte sequence(s) in all); re-save it as UTF-8") from None


def load_overrides(path: Path) -> tuple[Overrides, list[str]]:
    """Read ``entities.yml``; returns the overrides and a list of problems (each names the
    file and what is wrong). A missing file is no overrides. (A file that cannot be used at
    all is a configuration error, found before the build by ``config``; if it is found
    here, it is reported the same way as a file that is not valid YAML.)"""
    where = path.name
    try:
        text = read_overrides_file(path, where)
        if text is None:
            return Overrides(), []
        data = load_mapping(text)
    except OverridesFileError as exc:
        return Overrides(), [f"{where}: ignored: {exc.reason}"]
    except (OSError, YamlError) as exc:
        return Overrides(), [f"{where}: ignored: {exc}"]
    problems = [f"{where}: unknown key {k!r} (allowed: {', '.join(OVERRIDE_KEYS)})" for k in data if k not in OVERRIDE_KEYS]

    def texts(value: Any, what: str) -> list[str]:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
            problems.append(f"{where}: {what} must be a list of names")
            return []
        return [v.strip() for v in value]

    def mapping(value: Any, what: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            problems.append(f"{where}: {what} must be a mapping of names")
            return {}
        return {str(k).strip(): v for k, v in value.items()}

    aliases = {k: texts(v, f"aliases of {k!r}") for k, v in mapping(data.get("aliases", {}), "aliases").items()}
    merge = [texts(group, "each merge entry") for group in (data.get("merge") or [])] if isinstance(data.get("merge", []), list) else []
    if not isinstance(data.get("merge", []), list):
        problems.append(f"{where}: merge must be a list of lists of names")
    kinds = {}
    for name, kind in mapping(data.get("kinds", {}), "kinds").items():
        if kind in KINDS:
            kinds[name] = kind
        else:
            problems.append(f"{where}: kind of {name!r} must be one of {', '.join(KINDS)}")
    describe = {}
    for name, text in mapping(data.get("describe", {}), "describe").items():
        if isinstance(text, str):
            describe[name] = text.strip()
        else:
            problems.append(f"{where}: the description of {name!r} must be text")
    overrides = Overrides(
        aliases=aliases,
        merge=[g for g in merge if g],
        split=texts(data.get("split", []), "split"),
        kinds=kinds,
        describe=describe,
        ignore=texts(data.get("ignore", []), "ignore"),
    )
    return overrides, problems


@functools.cache
def builtin_aliases() -> tuple[tuple[str, ...], ...]:
    text = resources.files("newsdesk").joinpath("data/aliases.yml").read_text("utf-8")
    return tuple(tuple(group) for group in yaml.safe_load(text))


# --- union-find ---------------------------------------------------------------------------


class _Groups:
    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.frozen: set[str] = set()  # split: never merged automatically

    def add(self, key: str) -> None:
        self.parent.setdefault(key, key)

    def find(self, key: str) -> str:
        root = key
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[key] != root:
            self.parent[key], key = root, self.parent[key]
        return root

    def union(self, a: str, b: str, forced: bool = False) -> None:
        if a not in self.parent or b not in self.parent:
            return
        if not forced and (a in self.frozen or b in self.frozen):
            return
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # Deterministic: the smaller key becomes the root.
            lo, hi = sorted((ra, rb))
            self.parent[hi] = lo


# --- the merge ----------------------------------------------------------------------------


@dataclass
class EntityResult:
    entities: list[Entity]
    mentions: dict[str, tuple[LinkedMention, ...]]  # by article slug
    unresolved: list[tuple[str, str, str]]


def _mention_key(mention: Mention) -> str:
    """The key a mention is merged under: its folded surface, without titles for a person."""
    return _surface_key(mention.surface, mention.kind == PERSON)


@functools.lru_cache(maxsize=NAME_CACHE_SIZE)
def _surface_key(surface: str, is_person: bool) -> str:
    """``_mention_key`` for a surface (memoised: it depends only on the surface and on
    whether the mention is a person)."""
    key = fold(surface)
    if not (is_person or key.split()[0] in TITLE_WORDS):
        return key
    untitled = strip_titles(key)
    if untitled == key or untitled in TITLE_WORDS:
        return key  # "prime minister" is not "minister"
    if " " not in untitled and _is_place_key(untitled):
        return key  # "Captain America" is not America
    if not is_person and _names_an_organisation(untitled):
        # Titles go from a name that is not a person's so that a person the recogniser
        # mistook ("Defense Secretary Mark Esper" as an organisation) joins the person; an
        # organisation keeps its words: "Defense Ministry", "State Department" and "State
        # Bank of India" are not "ministry", "department" and "bank of india", under which
        # every ministry and department of the corpus would merge into one, and India's
        # central bank with its largest commercial bank.
        return key
    return untitled


@functools.cache
def _organisation_tail_keys() -> frozenset[str]:
    return frozenset(fold(word) for word in ORG_TAILS)


def _names_an_organisation(key: str) -> bool:
    """ "defense ministry", "general motors", "bank of india": the last word is an
    organisation's head word, or an organisation's word stands anywhere in it."""
    return key.rsplit(" ", 1)[-1] in _organisation_tail_keys() or _ORG_WORDS.search(key) is not None


def _only_titles(key: str) -> bool:
    """A title of two or more words and nothing else ("prime minister", "defense
    secretary", "supreme leader"): it stands for a person without naming one. (One title
    word alone can be a surname: "King", "Major".)"""
    tokens = key.split()
    return len(tokens) > 1 and all(t in TITLE_WORDS for t in tokens)


def _is_place_key(key: str) -> bool:
    return gazetteer.is_place(key) or key in _builtin_alias_keys()


@functools.cache
def _builtin_alias_keys() -> frozenset[str]:
    return frozenset(fold(name) for group in builtin_aliases() for name in group)


@functools.cache
def _builtin_names() -> tuple[tuple[str, str], ...]:
    """(key, name) of the first name of each well-known group: the entity's name when
    the group is in it."""
    return tuple((fold(group[0]), group[0]) for group in builtin_aliases())


def propagate_names(articles: list[Article]) -> list[Article]:
    """Find again, in every article, the multi-word names recognised in any article
    (a model that tags "Islamic State" in one article may miss it in the next). Only exact,
    case-sensitive word sequences not already inside a mention; the kind is the one the
    name was given where it was recognised."""
    known: dict[str, dict[tuple[str, ...], Counter[str]]] = defaultdict(dict)
    for article in articles:
        for mention in article.mentions:
            words = tuple(_WORD.findall(mention.surface))
            if len(words) >= 2 and words[0][0].isupper():
                known[words[0]].setdefault(words, Counter())[mention.kind] += 1
    if not known:
        return articles
    # Longest first, so "United States Army" wins over "United States".
    lengths = {first: sorted({len(words) for words in names}, reverse=True) for first, names in known.items()}
    result = []
    for article in articles:
        taken: dict[int, list[tuple[int, int]]] = defaultdict(list)
        for m in article.mentions:
            taken[m.line].append((m.start, m.end))
        # Most names found are the mentions they were learnt from: a set answers those
        # without the scan for overlaps.
        exact = {(m.line, m.start, m.end) for m in article.mentions}
        added = []
        for line in [l for role, l in article.header if role in ("headline", "dek")] + list(article.body):
            # Lines run to hundreds of words: split them in C, not with a match object per
            # word. ``parts`` alternates text between words and words: [gap, word, gap, ...].
            parts = _WORD_SPLIT.split(line.text)
            tokens = parts[1::2]
            ends = None  # where each part ends, once a name is found in the line
            i = 0  # the first word not inside a name already found, as in a left-to-right scan
            for first in [j for j, word in enumerate(tokens) if word in known]:
                if first < i:
                    continue
                match = _longest_known(tokens, first, known[tokens[first]], lengths[tokens[first]])
                if not match:
                    continue
                words, counter = match
                if ends is None:
                    ends = list(accumulate(map(len, parts)))
                # Word j is parts[2j + 1]: it starts where parts[2j] ends.
                start, end = ends[2 * first], ends[2 * (first + len(words) - 1) + 1]
                if (line.number, start, end) not in exact and not any(a < end and b > start for a, b in taken[line.number]):
                    added.append(Mention(line.number, start, end, line.text[start:end], counter.most_common(1)[0][0]))
                    taken[line.number].append((start, end))
                i = first + len(words)
        if added:
            mentions = tuple(sorted(article.mentions + tuple(added), key=lambda m: (m.line, m.start)))
            article = replace(article, mentions=mentions)
        result.append(article)
    return result


_WORD = re.compile(r"[\w’'.-]*\w")
_WORD_SPLIT = re.compile(f"({_WORD.pattern})")  # re.split keeps the words it splits at


def _longest_known(tokens: list[str], i: int, names: dict[tuple[str, ...], Counter[str]], lengths: list[int]):
    """The longest known name starting at word ``i`` of ``tokens``: (words, kinds) or None."""
    for n in lengths:
        if i + n <= len(tokens):
            words = tuple(tokens[i:i + n])
            if words in names:
                return words, names[words]
    return None


@collector_paused()
def merge_entities(articles: Iterable[Article], overrides: Overrides = Overrides(), min_mentions_for_page: int = 1) -> EntityResult:
    articles = propagate_names(list(articles))
    groups = _Groups()
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    surfaces: dict[str, Counter[str]] = defaultdict(Counter)
    keyed: list[tuple[Article, list[tuple[Mention, str]]]] = []
    ignored = {fold(n) for n in overrides.ignore}
    is_name: dict[str, bool] = {}  # by key: decided once per key, not once per mention

    scoped_keys: list[dict[str, str]] = []  # per article: a generic name's key there ("senate" -> "senate (australia)")

    for article in articles:
        pairs = []
        for mention in article.mentions:
            key = _mention_key(mention)
            usable = is_name.get(key)
            if usable is None:
                usable = is_name[key] = (bool(key) and key not in NOT_NAMES and key not in ignored
                                         and any(c.isalpha() for c in key) and not _only_titles(key))
            if usable:
                pairs.append((mention, key))
        # Senate, Supreme Court, Liberal Party: merged only within one country.
        scoping = institutions.scope_article(article, pairs)
        for mention, key in scoping.pairs:
            groups.add(key)
            votes[key][mention.kind] += 1
            surfaces[key][mention.surface.strip()] += 1
        keyed.append((article, scoping.pairs))
        scoped_keys.append(scoping.keys)
    groups.frozen = {fold(n) for n in overrides.split} & set(groups.parent)

    # 2. what the text says
    _merge_definitions(keyed, groups, votes, surfaces, scoped_keys)
    # 3. well-known equivalents
    for group in builtin_aliases():
        present = [fold(n) for n in group if fold(n) in groups.parent]
        for other in present[1:]:
            groups.union(present[0], other)
    # 4. acronyms against initials
    _merge_acronyms(groups, surfaces, keyed)
    # 5. person-name variants
    kind_of = _group_kinds(groups, votes)
    _merge_name_variants(groups, [k for k, kind in kind_of.items() if kind == PERSON])
    # 6. surnames
    kind_of = _group_kinds(groups, votes)
    unresolved, attached = _attach_surnames(groups, keyed, kind_of, surfaces)
    # A surname's own votes say little ("Ford" looks like a company): it takes the kind
    # of the full name it joined.
    for key in attached:
        votes[key] = Counter()
    # 1. the user's decisions win
    _apply_overrides(groups, overrides)

    return _build(groups, keyed, votes, surfaces, overrides, unresolved, min_mentions_for_page)


_ORG_WORDS = re.compile(
    r"\b(?:party|council|ministry|department|agency|institute|university|college|school|corps|force|forces|army|"
    r"navy|brigades?|militia|group|front|movement|committee|commission|bank|company|corporation|inc|news|times|"
    r"post|journal|association|union|organi[sz]ation|league|court|parliament|congress|senate|hezbollah|hizballah|"
    r"qaeda|taliban|state|division|center|centre|foundation|fund|exchange|service|office|network|church|club)\b", re.I)


def _majority(counter: Counter[str], key: str = "") -> str:
    """The kind most mentions have. Ties: a known place is a place; a name with an
    organisation's head word ("... Forces", "... Institute") an organisation; else a person."""
    best = max(counter.values(), default=0)
    tied = [k for k in KINDS if counter[k] == best]
    if len(tied) == 1:
        return tied[0]
    if PLACE in tied and gazetteer.is_place(key):
        return PLACE
    if ORGANIZATION in tied and (_ORG_WORDS.search(key) or PERSON not in tied):
        return ORGANIZATION
    return PERSON if PERSON in tied else tied[0]


def _decide_kind(keys: list[str], name: str, votes: Counter[str]) -> str:
    """An entity's kind: countries are places; a known city or region named by one word
    is a place unless people call it a person; otherwise the majority of mentions."""
    if any(gazetteer.is_country(k) for k in keys):
        return PLACE
    kind = _majority(votes, fold(name))
    if kind == ORGANIZATION and len(name.split()) == 1 and gazetteer.is_place(name):
        return PLACE
    return kind


def _group_kinds(groups: _Groups, votes: dict[str, Counter[str]]) -> dict[str, str]:
    """The kind of every key, decided by the votes of its whole group so far."""
    root_of = {key: groups.find(key) for key in votes}
    totals: dict[str, Counter[str]] = defaultdict(Counter)
    for key, counter in votes.items():
        totals[root_of[key]].update(counter)
    # Decided once per group, not once per key.
    kind_of_root = {root: _majority(counter, root) for root, counter in totals.items()}
    return {key: kind_of_root[root_of[key]] for key in votes}


def _merge_definitions(keyed, groups: _Groups, votes: dict[str, Counter[str]], surfaces: dict[str, Counter[str]],
                       scoped_keys: list[dict[str, str]]) -> None:
    """Bracketed acronyms and "also known as" (``Article.alias_pairs``) join the short form
    to the long one. A short form the corpus defines as two different names ("GM": General
    Motors in one article, genetically modified in another) joins neither, else it would
    merge the two: in each article that defines it, its mentions go to that article's long
    form; elsewhere it stays a name of its own. Long forms that differ only in spelling
    ("World Health Organisation"/"Organization") are one name, and are joined."""
    defined: dict[str, dict[int, str]] = defaultdict(dict)  # short key -> {keyed index: long key}
    long_keys: dict[str, set[str]] = defaultdict(set)  # short key -> every long key defining it
    for index, (article, _) in enumerate(keyed):
        for long, short in article.alias_pairs:
            a, b = fold(long), fold(short)
            a = scoped_keys[index].get(a, a)  # "Federal Election Commission (FEC)": the article's country's
            k = next((k for k in (a, strip_titles(a)) if k in groups.parent), None)
            if k is not None and k != b:
                defined[b].setdefault(index, k)  # an article's first definition
                long_keys[b].add(k)
    for short, by_article in defined.items():
        forms = _spelling_clusters(sorted(long_keys[short]))
        for form in forms:
            for other in form[1:]:
                groups.union(form[0], other)
        if len(forms) == 1:
            groups.add(short)
            groups.union(forms[0][0], short)
            continue
        _rekey(keyed, short, by_article, surfaces, votes)


def _spelling_clusters(keys: list[str]) -> list[list[str]]:
    """``keys`` (sorted) in groups of forms of one name: each key joins the first group
    holding a key at least ``SAME_NAME`` similar to it or whose words begin it ("islamic
    state" and "islamic state of iraq and syria")."""
    clusters: list[list[str]] = []
    for key in keys:
        home = next((c for c in clusters if any(_same_name(key, k) for k in c)), None)
        if home is None:
            clusters.append([key])
        else:
            home.append(key)
    return clusters


def _same_name(a: str, b: str) -> bool:
    shorter, longer = sorted((a.split(), b.split()), key=len)
    return longer[:len(shorter)] == shorter or ratio(a, b) >= SAME_NAME


def _rekey(keyed, old_key: str, new_keys: dict[int, str], surfaces: dict[str, Counter[str]],
           votes: dict[str, Counter[str]] | None = None) -> None:
    """In each article of ``new_keys`` (by index in ``keyed``), the mentions keyed ``old_key``
    take that article's new key; their spellings, and with ``votes`` their kinds, move too."""
    for index, new_key in new_keys.items():
        pairs = keyed[index][1]
        for position, (mention, key) in enumerate(pairs):
            if key == old_key:
                pairs[position] = (mention, new_key)
                _move_one(surfaces, old_key, new_key, mention.surface.strip())
                if votes is not None:
                    _move_one(votes, old_key, new_key, mention.kind)


def _move_one(counts: dict[str, Counter[str]], source: str, target: str, item: str) -> None:
    counts[target][item] += 1
    counts[source][item] -= 1
    if counts[source][item] <= 0:
        del counts[source][item]
        if not counts[source]:
            del counts[source]


def _merge_acronyms(groups: _Groups, surfaces: dict[str, Counter[str]], keyed) -> None:
    """An acronym joins the one longer name of the corpus whose initials it is, if some
    article names the two together. Without that, a match of initials is chance: at
    6,000 Wikinews articles "CBC" (the Canadian broadcaster, never spelt out) would join
    the one "Cleveland Borough Council"."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for key in groups.parent:
        words = institutions.unscoped(key)  # "FEC": "federal election commission (united states)"
        if len(words.split()) >= 2:
            by_initials[_initials(words)].add(key)
    fitting: dict[str, set[str]] = {}  # acronym key -> the longer names with its initials
    for key, seen in surfaces.items():
        surface = seen.most_common(1)[0][0]
        if _ACRONYM.match(surface.replace(" ", "")) and key.replace(" ", "") in by_initials:
            fitting[key] = by_initials[key.replace(" ", "")]
    named_together: set[str] = set()  # acronyms an article names with one of their longer names
    for _, pairs in keyed:
        keys = {key for _, key in pairs}
        for key in keys & fitting.keys():
            if not fitting[key].isdisjoint(keys):
                named_together.add(key)
    for key in sorted(named_together):
        if len({groups.find(k) for k in fitting[key]}) == 1:
            groups.union(key, min(fitting[key]))


def _merge_name_variants(groups: _Groups, person_keys: list[str]) -> None:
    """Spellings of one person's name: same surname and given name give or take a spelling
    (Nouri/Nuri al-Maliki), middle names that agree. A name without a middle name joins
    the names with one only when they are all one person: "George Bush" fits both George
    W. Bush and George H. W. Bush, and would otherwise join the two (at 6,000 Wikinews
    articles it did, with George P. Bush as well)."""
    _merge_words_in_front(groups, person_keys)
    full = [k for k in person_keys if len(_name_tokens(k)) >= 2]
    buckets: dict[str, list[str]] = defaultdict(list)
    for key in full:
        buckets[_name_tokens(key)[-1][:2]].append(key)
    fits: dict[str, set[str]] = defaultdict(set)  # a name without middle names -> names with them it fits
    for bucket in buckets.values():
        bucket.sort()
        for i, a in enumerate(bucket):
            ta = _name_tokens(a)
            for b in bucket[i + 1:]:
                tb = _name_tokens(b)
                if not (ratio(ta[-1], tb[-1]) >= FUZZY_NAME and ratio(ta[0], tb[0]) >= FUZZY_NAME and _middles_agree(ta, tb)):
                    continue
                if (len(ta) > 2) == (len(tb) > 2):
                    groups.union(a, b)
                else:
                    shorter, longer = (a, b) if len(ta) == 2 else (b, a)
                    fits[shorter].add(longer)
    for shorter, longer in fits.items():
        if len({groups.find(k) for k in longer}) == 1:
            groups.union(shorter, min(longer))


def _merge_words_in_front(groups: _Groups, person_keys: list[str]) -> None:
    """A person's full name with a title or a place name run into its front is that person:
    "Israel Ehud Olmert", "Canada Stephen Harper" (recognisers take the word before a name
    into it). Other words in front may be someone else's given name
    ("Fatin Abdel-Rahman" is not "Raouf Abdel-Rahman"), and a bare surname ("al masri")
    is never the shorter name: it would join everyone who bears it."""
    full = {k for k in person_keys if len(_name_tokens(k)) >= 2}
    for key in sorted(full):
        shorter = _name_behind_front_words(key.split(), full)
        if shorter is not None:
            groups.union(shorter, key)


def _name_behind_front_words(words: list[str], names: set[str]) -> str | None:
    """The longest of ``names`` (of two words or more) that ``words`` end with behind words
    run into its front (``run_into_front``): "israel ehud olmert" -> "ehud olmert"."""
    for n in range(len(words) - 1, 1, -1):
        if not run_into_front(words[:-n]):
            return None  # more words in front are not run-in words either
        shorter = " ".join(words[-n:])
        if shorter in names:
            return shorter
    return None


def run_into_front(words: list[str]) -> bool:
    """Words a recogniser runs into the front of a person's name: titles and place names,
    but not a given name that is also a place ("Lawrence", "George")."""
    given = _given_name_keys()
    return all(w in TITLE_WORDS or (gazetteer.is_place(w) and w not in given) for w in words)


@functools.cache
def _given_name_keys() -> frozenset[str]:
    return frozenset(fold(name) for name in given_names())


def _middles_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """"George W. Bush" and "George H. W. Bush" are two people: differing middle names
    or initials keep names apart; a middle name present in only one is fine."""
    ma, mb = a[1:-1], b[1:-1]
    if not ma or not mb:
        return True
    return ma[0][0] == mb[0][0]


def _attach_surnames(groups: _Groups, keyed, kind_of: dict[str, str],
                     surfaces: dict[str, Counter[str]]) -> tuple[list[tuple[str, str, str]], set[str]]:
    """Join partial names ("Soleimani", "Abdul-Mahdi") to the one full name they end:
    one in the same article if there is one, else the only one in the corpus. A word
    the mentions call a place, or an acronym, is never taken for a surname; nor, across
    articles, is a word that is a known place name ("Jordan"), unless its mentions make it
    a person ("Bush" is a place in GeoNames).

    A surname that stands for different people in different articles ("Bush": Laura Bush
    in one, George W. Bush in the others) joins none of them, else it would merge them:
    in each article its mentions go to that article's person. Returns the unresolved
    mentions and the surname keys joined to a full name."""
    unresolved: list[tuple[str, str, str]] = []
    full_persons = [k for k, kind in kind_of.items() if kind == PERSON and len(_name_tokens(k)) >= 2]
    by_suffix: dict[str, set[str]] = defaultdict(set)
    for key in full_persons:
        tokens = _name_tokens(key)
        for n in range(1, len(tokens)):
            by_suffix[" ".join(tokens[-n:])].add(key)

    chosen: dict[str, dict[int, str]] = defaultdict(dict)  # surname key -> {keyed index: full-name key}
    ambiguous: list[tuple[str, str, str, set[str]]] = []  # (article, surface, key, the people it could be)
    for index, (article, pairs) in enumerate(keyed):
        in_article = {key for _, key in pairs}
        for mention, key in pairs:
            tokens = _name_tokens(key)
            suffix = " ".join(tokens)
            candidates = by_suffix.get(suffix, set()) - {key}
            if not candidates or key in groups.frozen:
                continue
            if kind_of.get(key) == PLACE or _ACRONYM.match(mention.surface.replace(" ", "")):
                continue
            local = {c for c in candidates if c in in_article}
            if local:
                fitting = local
            elif len(tokens) == 1 and (kind_of.get(key) == PERSON or not gazetteer.is_place(key)):
                fitting = candidates
            else:
                continue
            roots = {groups.find(c) for c in fitting}
            if len(roots) == 1:
                chosen[key].setdefault(index, min(fitting))
            else:
                ambiguous.append((article.slug, mention.surface, key, roots))

    attached: set[str] = set()
    for key, by_article in chosen.items():
        people = sorted(set(by_article.values()))
        if len({groups.find(p) for p in people}) == 1:
            groups.union(key, people[0])
            attached.add(key)
            continue
        _rekey(keyed, key, by_article, surfaces)  # a surname's own kind votes say little
    for slug, surface, key, roots in ambiguous:
        if groups.find(key) not in roots:
            unresolved.append((slug, surface, "could be " + " or ".join(sorted(roots))))
    return sorted(set(unresolved)), attached


def _apply_overrides(groups: _Groups, overrides: Overrides) -> None:
    for canonical, spellings in overrides.aliases.items():
        groups.add(fold(canonical))
        for spelling in spellings:
            groups.add(fold(spelling))
            groups.union(fold(canonical), fold(spelling), forced=True)
    for names in overrides.merge:
        keys = [fold(n) for n in names]
        for key in keys:
            groups.add(key)
        for other in keys[1:]:
            groups.union(keys[0], other, forced=True)


def _build(groups, keyed, votes, surfaces, overrides: Overrides, unresolved, min_mentions_for_page) -> EntityResult:
    unresolved_surfaces = {(slug, surface) for slug, surface, _ in unresolved}
    members: dict[str, list[str]] = defaultdict(list)
    root_of: dict[str, str] = {}  # the groups are final here: find each key's root once
    for key in groups.parent:
        root_of[key] = groups.find(key)
        members[root_of[key]].append(key)

    forced_names = {fold(n): n for n in overrides.aliases}
    forced_names.update({fold(group[0]): group[0] for group in overrides.merge})  # the first name of a merge
    forced_kinds = {fold(n): k for n, k in overrides.kinds.items()}
    descriptions = {fold(n): d for n, d in overrides.describe.items()}

    drafts = []
    for root, keys in members.items():
        kind_votes: Counter[str] = Counter()
        spellings: Counter[str] = Counter()
        for key in keys:
            kind_votes.update(votes.get(key, {}))
            spellings.update(surfaces.get(key, {}))
        if not spellings:
            continue  # only named in entities.yml, never in the text
        name = _canonical_name(keys, spellings, forced_names)
        if not any(k in forced_names for k in keys):
            name = _scoped_name(keys, spellings) or name
        kind = next((forced_kinds[k] for k in keys if k in forced_kinds), None)
        if kind is None:
            kind = _decide_kind(keys, name, kind_votes)
        description = next((descriptions[k] for k in keys if k in descriptions), None)
        drafts.append((root, keys, name, kind, spellings, description))

    drafts.sort(key=lambda d: (fold(d[2]), d[3], d[0]))
    slugs = unique_slugs([slugify(d[2], fallback=d[3]) for d in drafts])
    key_of_root = {d[0]: slug for d, slug in zip(drafts, slugs)}

    linked: dict[str, list[LinkedMention]] = defaultdict(list)
    per_entity_articles: dict[str, list[str]] = defaultdict(list)
    per_entity_mentions: Counter[str] = Counter()
    roles: dict[str, list[Role]] = defaultdict(list)
    # Sets beside the lists above, so "already listed?" is not a scan of a list that, for
    # the most mentioned entities, holds thousands of articles.
    listed_articles: set[tuple[str, str]] = set()  # (entity, article slug)
    listed_roles: set[tuple[str, str]] = set()  # (entity, role text)
    for article, pairs in keyed:
        lines = article.line_texts()
        for mention, key in pairs:
            root = root_of[key]
            if (article.slug, mention.surface) in unresolved_surfaces and root == key and len(members[key]) == 1:
                continue
            entity_key = key_of_root.get(root)
            if entity_key is None:
                continue
            linked[article.slug].append(LinkedMention(mention.line, mention.start, mention.end, entity_key))
            per_entity_mentions[entity_key] += 1
            if (entity_key, article.slug) not in listed_articles:
                listed_articles.add((entity_key, article.slug))
                per_entity_articles[entity_key].append(article.slug)
            role = find_role(lines.get(mention.line, ""), mention)
            if role and (entity_key, role) not in listed_roles:
                listed_roles.add((entity_key, role))
                roles[entity_key].append(Role(role, article.slug))

    entities = []
    for (root, keys, name, kind, spellings, description), slug in zip(drafts, slugs):
        if not per_entity_mentions[slug]:
            continue
        aliases = sorted({s for s in spellings if s != name} | set(overrides.aliases.get(name, [])), key=lambda s: (s.casefold(), s))
        entities.append(Entity(
            key=slug,
            name=name,
            kind=kind,
            aliases=tuple(aliases),
            mentions=per_entity_mentions[slug],
            articles=tuple(per_entity_articles[slug]),
            roles=tuple(roles[slug]),
            description=description,
            has_page=per_entity_mentions[slug] >= min_mentions_for_page,
        ))
    entities.sort(key=lambda e: e.key)
    mentions = {slug: tuple(sorted(ms, key=lambda m: (m.line, m.start))) for slug, ms in linked.items()}
    return EntityResult(entities=entities, mentions=mentions, unresolved=list(unresolved))


def _canonical_name(keys: list[str], spellings: Counter[str], forced: dict[str, str]) -> str:
    for key in keys:
        if key in forced:
            return forced[key]
    for key, name in _builtin_names():
        if key in keys:
            return name
    # The most used spelling of the longest form: full names over surnames and acronyms,
    # without titles ("Qasem Soleimani", not "Gen. Soleimani").
    untitled: Counter[str] = Counter()
    for surface, count in spellings.items():
        untitled[_without_titles(surface)] += count

    def is_acronym(surface: str) -> bool:
        return bool(_ACRONYM.match(surface.replace(" ", "")))

    folded = {fold(s) for s in untitled if len(s.split()) >= 2}

    def ends_in_another(surface: str) -> bool:
        """ "Israel Ehud Olmert" when "Ehud Olmert" is a spelling too (see _merge_words_in_front);
        but "Chicago City Council" is the name, not "City Council" (``institutions``)."""
        behind = _name_behind_front_words(fold(surface).split(), folded)
        return behind is not None and institutions.split_generic(behind) is None

    def score(item: tuple[str, int]) -> tuple:
        surface, count = item
        # A generic body's name ("Green Party") is not the name of a group that has a
        # proper one ("Willowdale Green Party"); groups of placed ones are named by _scoped_name.
        return (not is_acronym(surface), institutions.split_generic(fold(surface)) is None, len(surface.split()) >= 2,
                not ends_in_another(surface), count, len(surface), surface)

    best = max(untitled.items(), key=score)
    # An acronym is the name when every long form is a one-off (typically its bracketed
    # definition) and the acronym is what the articles actually use: "ISIS".
    acronyms = [item for item in untitled.items() if is_acronym(item[0])]
    if acronyms and best[1] == 1 and not is_acronym(best[0]):
        top = max(acronyms, key=lambda item: (item[1], item[0]))
        if top[1] >= 3:
            return top[0]
    return best[0]


def _scoped_name(keys: list[str], spellings: Counter[str]) -> str | None:
    """A generic body's name with its country: "Senate (Australia)", from the spelling most
    used without the country ("Senate", not "Australian Senate"); None for other names, and
    where every spelling names the country ("Supreme Court of India")."""
    scoped = {(institutions.unscoped(k), scope) for k in keys if (scope := institutions.scope_of(k))}
    scopes = {scope for _, scope in scoped}
    if len(scopes) != 1:
        return None
    generic = {name for name, _ in scoped}
    plain = [(count, surface) for surface, count in spellings.items() if fold(_without_titles(surface)) in generic]
    if not plain:
        return None
    return f"{max(plain)[1]} ({scopes.pop()})"


def _without_titles(surface: str) -> str:
    """"Maj. Gen. Qasem Soleimani" -> "Qasem Soleimani" (the surface as written, minus titles);
    but "Prime Minister" and "Defense Ministry" as written: what would be left is a title
    or an organisation's head word, as in ``_surface_key``."""
    words = surface.split()
    while len(words) > 1 and fold(words[0]) in TITLE_WORDS:
        words.pop(0)
    rest = fold(" ".join(words))
    if len(words) < len(surface.split()) and (rest in TITLE_WORDS or _names_an_organisation(rest)):
        return " ".join(surface.split())
    return " ".join(words)


# --- roles and descriptions ----------------------------------------------------------------

_ROLE_NOUNS = (
    r"(?:secretary|minister|president|leader|commander|general|gen\.|chief|director|ambassador|spokesman|"
    r"spokeswoman|spokesperson|official|adviser|advisor|correspondent|chairman|chairwoman|head|founder|"
    r"premier|governor|senator|king|queen|prince|cleric|ayatollah|diplomat|analyst|scholar|fellow|envoy|"
    r"deputy|member|professor|mayor|editor|reporter|officer|colonel|admiral|lawmaker|militia|group|force|forces|"
    r"organization|movement|party|agency|ministry|army|institute|coalition|specialist|expert|candidate)"
)
_APPOSITION = re.compile(
    rf"^,\s+((?:(?:the|a|an|now|then|who is|who was)\s+)?[^,;:.()“”\"]{{0,120}}?\b{_ROLE_NOUNS}\b[^,;:()“”\"]{{0,80}}?)(?=[,;.]|$)", re.I
)
_ROLE_NOUN = re.compile(_ROLE_NOUNS, re.I)  # compiled once: asked of every word before a person's name
_OF_AFTER = re.compile(r"^\s+(of the [A-Z][\w’'-]*(?:\s+(?:[A-Z][\w’'-]*|of|for|and))*)")


def find_role(text: str, mention: Mention) -> str | None:
    """How the sentence describes the mention: a title before it ("Defense Secretary Mark
    T. Esper"), an affiliation after it ("Robert Ford of the Middle East Institute") or an
    apposition ("..., the leader of KH and deputy commander of ..."). Returns text as
    written, including the name for the first two."""
    if mention.kind == PERSON:
        title = _title_before(text, mention.start)
        if title:
            return f"{title} {mention.surface}"
    after = text[mention.end:mention.end + 200]
    if mention.kind == PERSON:
        affiliation = _OF_AFTER.match(after)
        if affiliation:
            return f"{mention.surface} {affiliation.group(1)}"
    apposition = _APPOSITION.match(after)
    if apposition:
        return apposition.group(1).strip()
    return None


_CONNECTORS = frozenset({"of", "the", "for", "and", "on"})
_TITLE_ABBREVIATION = re.compile(r"^[A-Z][a-z]{0,4}\.$")  # Gen. Maj. Brig. Lt. Sen.


def _title_before(text: str, start: int) -> str | None:
    """The title phrase right before a name: capitalised words, connectors and role
    nouns, ending in a role noun or a title abbreviation ("Defense Secretary",
    "Iranian Quds Force commander", "Maj. Gen.")."""
    words = text[max(0, start - 120):start].split(" ")
    if not words or words[-1] != "":
        return None  # the name must follow a space
    words = words[:-1]
    taken: list[str] = []
    for word in reversed(words):
        if not word or word[-1] in ",;:“”\"()" or len(taken) >= 8:
            break
        is_role = bool(_ROLE_NOUN.fullmatch(word))
        if word[0].isupper() or is_role or word in _CONNECTORS or _TITLE_ABBREVIATION.match(word):
            taken.insert(0, word)
        else:
            break
    while taken and (taken[0] in _CONNECTORS or taken[0].casefold() in ("the", "a", "an")):
        taken.pop(0)
    if not taken:
        return None
    last = taken[-1]
    ends_in_role = _ROLE_NOUN.fullmatch(last) or _TITLE_ABBREVIATION.match(last)
    # "Secretary of State", "Minister of Defence": a role noun, then "of" and a name.
    role_of_name = "of" in taken and last[0].isupper() and any(_ROLE_NOUN.fullmatch(w) for w in taken)
    if not (ends_in_role or role_of_name):
        return None
    return " ".join(taken) if taken[0][0].isupper() else None
