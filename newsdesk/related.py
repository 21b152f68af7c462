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
    return Counter(t for t in (w.casefold() for w in _TOKEN.findall(text)) if t not in _STOP)


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

    # Signature vectors: the most distinctive terms of each article, L2-normalised.
    vectors: list[dict[str, float]] = []
    for c in counts:
        weighted = {t: (1 + math.log(f)) * idf(df[t]) for t, f in c.items() if df[t] > 1}
        top = heapq.nlargest(SIGNATURE_TERMS, weighted.items(), key=lambda item: (item[1], item[0]))
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({t: w / norm for t, w in top})
    entity_weights = [{e: idf(edf[e]) for e in es if edf[e] > 1} for es in entities]

    # Inverted index with each article's weight for the term or entity.
    postings: dict[str, list[tuple[int, float]]] = defaultdict(list)
    for i, vector in enumerate(vectors):
        for t, w in vector.items():
            postings["t:" + t].append((i, w))
    for i, weights in enumerate(entity_weights):
        for e, w in weights.items():
            postings["e:" + e].append((i, w))
    entity_totals = [sum(weights.values()) for weights in entity_weights]

    related: dict[str, tuple[Related, ...]] = {}
    for i, article in enumerate(articles):
        # A first score from the rarer terms and entities only (postings no longer than
        # MAX_POSTINGS), accumulated through the index: the work is the length of those
        # postings, not the number of articles. The best CANDIDATES are then scored exactly.
        partial: dict[int, float] = defaultdict(float)
        for t, w in vectors[i].items():
            posting = postings["t:" + t]
            if len(posting) <= MAX_POSTINGS:
                for j, wj in posting:
                    partial[j] += TEXT_WEIGHT * w * wj
        for e, w in entity_weights[i].items():
            posting = postings["e:" + e]
            if len(posting) <= MAX_POSTINGS:
                for j, _ in posting:
                    partial[j] += ENTITY_WEIGHT * 2 * w / ((entity_totals[i] + entity_totals[j]) or 1.0)
        partial.pop(i, None)
        candidates = heapq.nlargest(CANDIDATES, partial.items(), key=lambda item: (item[1], -item[0]))
        scored = []
        for j, _ in candidates:
            score, shared = _similarity(vectors[i], vectors[j], entity_weights[i], entity_weights[j])
            if score >= RELATED_MIN_SCORE:
                scored.append((score, articles[j].slug, shared))
        best = heapq.nlargest(RELATED_PER_ARTICLE, scored, key=lambda item: (item[0], _reverse(item[1])))
        related[article.slug] = tuple(Related(slug, round(score, 4), shared) for score, slug, shared in best)
    return related


def _reverse(slug: str) -> tuple[int, ...]:
    """Ties broken by slug, alphabetically first wins (nlargest keeps the largest key)."""
    return tuple(-ord(c) for c in slug)


def _similarity(va, vb, ea, eb) -> tuple[float, tuple[str, ...]]:
    small, large = (va, vb) if len(va) <= len(vb) else (vb, va)
    text = sum(w * large.get(t, 0.0) for t, w in small.items())
    shared = [e for e in ea if e in eb]
    total = sum(ea.values()) + sum(eb.values())
    entity = (2 * sum(ea[e] for e in shared) / total) if total else 0.0
    shared.sort(key=lambda e: (-ea[e], e))
    return TEXT_WEIGHT * text + ENTITY_WEIGHT * entity, tuple(shared[:REASON_ENTITIES])


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
