"""Related articles: the indexed search finds what a search over all pairs finds, and the
result does not depend on the hash seed (set order)."""

from __future__ import annotations

import heapq
import json
import math
import os
import subprocess
import sys
from collections import Counter
from dataclasses import replace

import pytest

from newsdesk import related
from newsdesk.analyse import _analyse_batches
from newsdesk.entities import merge_entities
from newsdesk.read import read_seed
from newsdesk.slugs import slugify, unique_slugs

from .conftest import ROOT, WIKINEWS, needs

ARTICLES = 36  # fewer than related.CANDIDATES + 1, so the first pass can keep every other article


def _linked(count: int):
    paths = sorted(WIKINEWS.glob("*/ID*.txt"), key=lambda p: (p.parent.name, p.name))[:count]
    seeds = [read_seed(p, WIKINEWS)[0] for p in paths]
    articles = [a for a, error in _analyse_batches(seeds, "rules") if a is not None]
    slugs = unique_slugs([slugify(a.title.value, fallback="article") for a in articles])
    articles = [replace(a, slug=s) for a, s in zip(articles, slugs)]
    return articles, merge_entities(articles).mentions


def _all_pairs(articles, mentions) -> dict[str, list[tuple[str, float]]]:
    """The same measure written plainly (every pair scored, no index, no first pass)."""
    n = len(articles)
    counts = [related._terms(a) for a in articles]
    df = Counter(t for c in counts for t in c)
    entities = [{m.key for m in mentions.get(a.slug, ())} for a in articles]
    edf = Counter(e for es in entities for e in es)

    def idf(freq):
        return math.log((n + 1) / (freq + 0.5))

    vectors = []
    for c in counts:
        weighted = sorted(((w, t) for t, w in ((t, (1 + math.log(f)) * idf(df[t])) for t, f in c.items() if df[t] > 1)),
                          reverse=True)[: related.SIGNATURE_TERMS]
        norm = math.sqrt(sum(w * w for w, _ in weighted)) or 1.0
        vectors.append({t: w / norm for w, t in weighted})
    weights = [{e: idf(edf[e]) for e in es if edf[e] > 1} for es in entities]
    result = {}
    for i, a in enumerate(articles):
        scored = []
        for j, b in enumerate(articles):
            if i == j:
                continue
            text = sum(w * vectors[j].get(t, 0.0) for t, w in vectors[i].items())
            total = sum(weights[i].values()) + sum(weights[j].values())
            shared = sum(w for e, w in weights[i].items() if e in weights[j])
            score = related.TEXT_WEIGHT * text + related.ENTITY_WEIGHT * (2 * shared / total if total else 0.0)
            if score >= related.RELATED_MIN_SCORE:
                scored.append((score, b.slug))
        best = heapq.nsmallest(related.RELATED_PER_ARTICLE, scored, key=lambda item: (-item[0], item[1]))
        result[a.slug] = [(slug, round(score, 4)) for score, slug in best]
    return result


@needs(WIKINEWS)
def test_indexed_search_finds_what_all_pairs_find():
    articles, mentions = _linked(ARTICLES)
    assert len(articles) == ARTICLES
    found = related.compute_related(articles, mentions)
    expected = _all_pairs(articles, mentions)
    assert sum(len(v) for v in expected.values()) > ARTICLES  # the sample does have related articles
    got = {slug: [(r.slug, r.score) for r in items] for slug, items in found.items()}
    assert got == expected


_PRINT_RELATED = """
import json, sys
sys.path.insert(0, {root!r})
from tests.test_related import _linked
from newsdesk.related import compute_related
articles, mentions = _linked({count})
print(json.dumps({{k: [[r.slug, r.score, list(r.shared)] for r in v] for k, v in compute_related(articles, mentions).items()}}))
"""


@needs(WIKINEWS)
@pytest.mark.parametrize("count", [60])
def test_same_result_whatever_the_hash_seed(count):
    outputs = []
    for seed in ("1", "2", "3"):
        proc = subprocess.run([sys.executable, "-c", _PRINT_RELATED.format(root=str(ROOT), count=count)],
                              capture_output=True, text=True, check=True, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append(json.loads(proc.stdout))
    assert outputs[0] and outputs[0] == outputs[1] == outputs[2]
