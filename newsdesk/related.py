"""Related articles and story clusters (part of the link stage).

Similarity of two articles combines their text (TF-IDF cosine over each article's
"signature": its most distinctive terms) and their shared entities (IDF-weighted overlap).
Candidates come from an inverted index over signature terms and entities, so the cost
grows with the corpus size times the signature size, not with the number of pairs.

A story is a group of articles about the same event: articles joined by a similarity
of at least ``STORY_SIMILARITY`` and published within ``STORY_MAX_DAYS`` of each other
(both dated), taken as connected components. A single article is not a story.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

import numpy as np

from .records import Article, LinkedMention
from .slugs import slugify, unique_slugs

RELATED_PER_ARTICLE = 5
SIGNATURE_TERMS = 40
MAX_POSTINGS = 200  # a term or entity in more articles than this says little about relatedness
CANDIDATES = 40  # per article, scored exactly after the first pass over the index
TEXT_WEIGHT, ENTITY_WEIGHT = 0.5, 0.5
RELATED_MIN_SCORE = 0.08
STORY_SIMILARITY = 0.30
STORY_MAX_DAYS = 45
REASON_ENTITIES = 3

_TOKEN = re.compile(r"[^\W\d_]{3,}", re.UNICODE)
_STOP = frozenset(
    """the and for that with this from have has had was were are been not but they their them his her its
    she him who which what when where will would could should said says also after before about into over
    than then there these those other more most some such only into while during since because between
    against under again further once here why how all any both each few own same very just can may might
    must shall one two three four five new old year years day days week month time people percent""".split()
)


@dataclass(frozen=True)
class Related:
    slug: str
    score: float
    shared: tuple[str, ...]  # entity keys shared, most telling first


@dataclass(frozen=True)
class Story:
    key: str
    title: str
    articles: tuple[str, ...]  # slugs, by date then slug


def _terms(article: Article) -> Counter[str]:
    text = " ".join([article.title.value] + [line.text for line in article.body])
    counts = Counter(map(str.casefold, _TOKEN.findall(text)))
    for word in _STOP.intersection(counts):  # the stop words present, rather than a test per word
        del counts[word]
    return counts


def compute_related(articles: list[Article], mentions: dict[str, tuple[LinkedMention, ...]]) -> dict[str, tuple[Related, ...]]:
    n = len(articles)
    if n < 2:
        return {}
    counts = [_terms(a) for a in articles]
    df: Counter[str] = Counter()
    for c in counts:
        df.update(c.keys())
    entities = [set(m.key for m in mentions.get(a.slug, ())) for a in articles]
    edf: Counter[str] = Counter()
    for e in entities:
        edf.update(e)

    def idf(freq: int) -> float:
        return math.log((n + 1) / (freq + 0.5))

    # Signature vectors: the most distinctive terms of each article, L2-normalised. Each
    # term's weight is computed once (a term in one article only is no signature term).
    term_idf = {t: idf(freq) for t, freq in df.items() if freq > 1}
    vectors: list[dict[str, float]] = []
    for c in counts:
        weighted = [((1 + math.log(f)) * w, t) for t, f in c.items() if (w := term_idf.get(t)) is not None]
        top = heapq.nlargest(SIGNATURE_TERMS, weighted)  # by weight, then term: (w, t) pairs are unique
        norm = math.sqrt(sum(w * w for w, _ in top)) or 1.0
        vectors.append({t: w / norm for w, t in top})
    # In sorted order: sums over an article's entities must not depend on a set's order.
    entity_weights = [{e: idf(edf[e]) for e in sorted(es) if edf[e] > 1} for es in entities]

    candidates = _Candidates(vectors, entity_weights)
    term_sets = [frozenset(vector) for vector in vectors]
    entity_sets = [frozenset(weights) for weights in entity_weights]
    reverse_slugs = [_reverse(a.slug) for a in articles]
    related: dict[str, tuple[Related, ...]] = {}
    for i, article in enumerate(articles):
        scored = []
        for j in candidates.best(i):
            score = _similarity(vectors[i], vectors[j], entity_weights[i], term_sets[i] & term_sets[j],
                                entity_sets[i] & entity_sets[j], candidates.entity_totals[i] + candidates.entity_totals[j])
            if score >= RELATED_MIN_SCORE:
                scored.append((score, j))
        best = heapq.nlargest(RELATED_PER_ARTICLE, scored, key=lambda item: (item[0], reverse_slugs[item[1]]))
        # The reasons shown, for the few kept only (most of the candidates scored are not).
        related[article.slug] = tuple(
            Related(articles[j].slug, round(score, 4), _reasons(entity_weights[i], entity_sets[i] & entity_sets[j]))
            for score, j in best
        )
    return related


class _Candidates:
    """The first pass: for each article, the ``CANDIDATES`` others with the highest score
    from the rarer terms and entities only (postings no longer than ``MAX_POSTINGS``),
    accumulated through an inverted index, so the work is the length of those postings,
    not the number of articles. The best are then scored exactly (``_similarity``).

    The postings are numpy arrays and one article's contributions are summed with
    ``bincount``, which adds them in the order given: the same additions in the same order
    as a plain loop over the postings, so the same floats. (At 6,000 articles this pass
    took 4.1 s of CPU as a Python loop and takes 1.6 s, with the same candidates.)
    """

    def __init__(self, vectors: list[dict[str, float]], entity_weights: list[dict[str, float]]) -> None:
        lists: dict[str, tuple[list[int], list[float]]] = defaultdict(lambda: ([], []))
        for i, vector in enumerate(vectors):
            for t, w in vector.items():
                ids, weights = lists["t:" + t]
                ids.append(i)
                weights.append(w)
        for i, weights_of in enumerate(entity_weights):
            for e, w in weights_of.items():
                ids, weights = lists["e:" + e]
                ids.append(i)
                weights.append(w)
        # Only postings short enough to be telling are used in this pass.
        self.postings = {
            key: (np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64))
            for key, (ids, weights) in lists.items() if len(ids) <= MAX_POSTINGS
        }
        self.vectors, self.entity_weights = vectors, entity_weights
        self.entity_totals = [sum(weights.values()) for weights in entity_weights]
        self._totals = np.array(self.entity_totals, dtype=np.float64)

    def best(self, i: int) -> list[int]:
        """Article ``i``'s candidates, best first; ties: the lower index first."""
        ids, contributions = [], []
        for t, w in self.vectors[i].items():
            posting = self.postings.get("t:" + t)
            if posting is not None:
                ids.append(posting[0])
                contributions.append(TEXT_WEIGHT * w * posting[1])
        for e, w in self.entity_weights[i].items():
            posting = self.postings.get("e:" + e)
            if posting is not None:
                denominators = self.entity_totals[i] + self._totals[posting[0]]
                denominators[denominators == 0.0] = 1.0
                ids.append(posting[0])
                contributions.append(ENTITY_WEIGHT * 2 * w / denominators)
        if not ids:
            return []
        others, slots = np.unique(np.concatenate(ids), return_inverse=True)
        scores = np.bincount(slots, weights=np.concatenate(contributions), minlength=len(others))
        keep = others != i
        others, scores = others[keep], scores[keep]
        order = np.lexsort((others, -scores))[:CANDIDATES]
        return others[order].tolist()


def _reverse(slug: str) -> tuple[int, ...]:
    """Ties broken by slug, alphabetically first wins (nlargest keeps the largest key)."""
    return tuple(-ord(c) for c in slug)


def _similarity(va, vb, ea, terms: frozenset[str], entities: frozenset[str], total: float) -> float:
    """The exact score of two articles from their signature vectors (``va``, ``vb``), the
    entity weights ``ea`` (an entity's weight is the same in every article), the terms
    and entities they share, and ``total``, the sum of both articles' entity weights.

    Shared terms and entities are summed in sorted order: the same floats whichever of the
    two articles comes first, and in every run (a set's order changes with the hash seed)."""
    text = sum(va[t] * vb[t] for t in sorted(terms))
    entity = (2 * sum(ea[e] for e in sorted(entities)) / total) if total else 0.0
    return TEXT_WEIGHT * text + ENTITY_WEIGHT * entity


def _reasons(ea, entities: frozenset[str]) -> tuple[str, ...]:
    """The shared entities shown as the reason for a relation: the rarest (heaviest) first."""
    return tuple(sorted(entities, key=lambda e: (-ea[e], e))[:REASON_ENTITIES])


def compute_stories(articles: list[Article], related: dict[str, tuple[Related, ...]],
                    mentions: dict[str, tuple[LinkedMention, ...]], names: dict[str, str]) -> list[Story]:
    by_slug = {a.slug: a for a in articles}
    parent = {a.slug: a.slug for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for slug, items in related.items():
        for item in items:
            if item.score >= STORY_SIMILARITY and _close_in_time(by_slug[slug], by_slug[item.slug]):
                a, b = sorted((find(slug), find(item.slug)))
                parent[b] = a
    groups: dict[str, list[str]] = defaultdict(list)
    for slug in sorted(by_slug):
        groups[find(slug)].append(slug)
    articles_naming: Counter[str] = Counter()  # articles of the corpus naming each entity
    for ms in mentions.values():
        articles_naming.update({m.key for m in ms})
    drafts = []
    for members in groups.values():
        if len(members) < 2:
            continue
        members.sort(key=lambda s: (by_slug[s].published.value or "9999", s))
        drafts.append((members, _story_title(members, by_slug, mentions, names, articles_naming)))
    drafts.sort(key=lambda d: (by_slug[d[0][0]].published.value or "9999", d[0][0]))
    keys = unique_slugs([slugify(title, fallback="story") for _, title in drafts])
    return [Story(key, title, tuple(members)) for (members, title), key in zip(drafts, keys)]


def _story_title(members: list[str], by_slug: dict[str, Article], mentions, names: dict[str, str],
                 total: Counter[str]) -> str:
    """Named after the two entities most of its articles share and that are rarest in the
    rest of the corpus (``total``: articles naming each entity), and the month it starts:
    "Qasem Soleimani and Kataib Hezbollah, January 2020"."""
    in_members: Counter[str] = Counter()  # articles of the story naming it
    times: Counter[str] = Counter()  # mentions within the story
    for slug in members:
        ms = mentions.get(slug, ())
        in_members.update({m.key for m in ms})
        times.update(m.key for m in ms)
    ranked = sorted(in_members, key=lambda k: (-in_members[k], total[k] - in_members[k], -times[k], k))
    chosen = [names[k] for k in ranked[:2] if k in names]
    dates = sorted(by_slug[s].published.value for s in members if by_slug[s].published.value)
    when = _month_label(dates[0]) if dates else ""
    title = " and ".join(chosen) or by_slug[members[0]].title.value
    return f"{title}, {when}" if when else title


def _month_label(iso: str) -> str:
    from .extract.dates import display

    return display(iso[:7]) if len(iso) >= 7 else iso


def _close_in_time(a: Article, b: Article) -> bool:
    da, db = _as_date(a.published.value), _as_date(b.published.value)
    if da is None or db is None:
        return False
    return abs((da - db).days) <= STORY_MAX_DAYS


def _as_date(iso: str | None) -> dt.date | None:
    """A partial date as its middle day ("2020-01" -> 2020-01-15), so precision does not bias."""
    if not iso:
        return None
    parts = [int(p) for p in iso.split("-")]
    if len(parts) == 1:
        return dt.date(parts[0], 7, 1)
    if len(parts) == 2:
        return dt.date(parts[0], parts[1], 15)
    return dt.date(*parts)
