"""What the cross-article features add to the entity analysis, on the Wikinews corpus.

    python -m bench.crossarticle [--articles 5934] [--backend auto]

Measures, in one process over the same articles:
- entities (the entities issue): clean + metadata + recognition per article, then merging;
- cross-article (this issue): dates and quotes per article, then related articles,
  stories, the timeline and quote attribution;
and prints both and their ratio as JSON (target: cross-article at most 15% of entities).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import replace
from pathlib import Path

from newsdesk.analyse import find_article_dates, find_article_quotes
from newsdesk.clean import clean
from newsdesk.entities import merge_entities
from newsdesk.extract.entities import get_backend
from newsdesk.extract.mentions import analysed_lines, mentions_from_spans
from newsdesk.extract.metadata import extract
from newsdesk.link import attribute_quotes
from newsdesk.read import SeedError, read_seed
from newsdesk.related import compute_related, compute_stories
from newsdesk.slugs import slugify, unique_slugs
from newsdesk.timeline import compute_timeline

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews"
BATCH = 64


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=5934)
    parser.add_argument("--backend", default="auto")
    args = parser.parse_args(argv)
    paths = sorted(CORPUS.glob("*/ID*.txt"), key=lambda p: (p.parent.name, p.name))[: args.articles]
    backend = get_backend(args.backend)
    backend.find(["Warm-up, not timed."])
    seeds, refused = [], []
    for path in paths:
        try:
            seeds.append(read_seed(path, CORPUS)[0])
        except SeedError as exc:  # reported, as a build would
            refused.append(str(exc))
    words = sum(len(s.text.split()) for s in seeds)

    t_entities = t_cross = 0.0
    articles = []
    for start in range(0, len(seeds), BATCH):
        batch = seeds[start:start + BATCH]
        t0 = time.perf_counter()
        extracted = [extract(s, clean(s.text)) for s in batch]
        groups = [analysed_lines(a) for a in extracted]
        spans = backend.find([line.text for group in groups for line in group])
        found, position = [], 0
        for article, group in zip(extracted, groups):
            mentions, pairs = mentions_from_spans(group, spans[position:position + len(group)])
            position += len(group)
            found.append((replace(article, mentions=mentions, alias_pairs=pairs), group))
        t1 = time.perf_counter()
        for article, group in found:
            articles.append(replace(article, dates=find_article_dates(group, article.published.value),
                                    quotes=find_article_quotes(group, article.mentions)))
        t_cross += time.perf_counter() - t1
        t_entities += t1 - t0

    slugs = unique_slugs([slugify(a.title.value, fallback=a.seed) for a in articles])
    articles = [replace(a, slug=s) for a, s in zip(articles, slugs)]
    t0 = time.perf_counter()
    merged = merge_entities(articles)
    t1 = time.perf_counter()
    related = compute_related(articles, merged.mentions)
    names = {e.key: e.name for e in merged.entities}
    stories = compute_stories(articles, related, merged.mentions, names)
    timeline = compute_timeline(articles, merged.mentions)
    quotes = attribute_quotes(articles, merged.mentions, {e.key: e for e in merged.entities})
    t2 = time.perf_counter()
    entities_total = t_entities + (t1 - t0)
    cross_total = t_cross + (t2 - t1)
    result = {
        "articles": len(articles),
        "refused": refused,
        "words": words,
        "backend": backend.version,
        "entities_seconds": {"per_article": round(t_entities, 2), "merge": round(t1 - t0, 2), "total": round(entities_total, 2)},
        "cross_article_seconds": {"dates_and_quotes": round(t_cross, 2), "related_stories_timeline_quotes": round(t2 - t1, 2),
                                  "total": round(cross_total, 2)},
        "cross_article_share_of_entities": round(cross_total / entities_total, 3),
        "stories": len(stories),
        "timeline_events": len(timeline),
        "quotes": len(quotes),
    }
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
