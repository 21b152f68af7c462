"""The cross-article stage: the only place that looks at every article at once.

It gives each article its unique slug, merges entity mentions into entities
(``newsdesk.entities``), finds related articles and story clusters
(``newsdesk.related``) and builds the timeline (``newsdesk.timeline``).
"""

from __future__ import annotations

from dataclasses import replace

from .entities import Overrides, merge_entities
from .records import Article, Corpus, SeedProblem
from .related import compute_related, compute_stories
from .timeline import compute_timeline
from .slugs import slugify, unique_slugs


def link(articles: list[Article], problems: list[SeedProblem], overrides: Overrides | None = None,
         entity_page_min_mentions: int = 1) -> Corpus:
    """Assign slugs (by seed path order, so they are stable), merge entities, and build
    the ``Corpus``."""
    ordered = sorted(articles, key=lambda a: a.seed)
    stems = [a.seed.rsplit("/", 1)[-1].rsplit(".", 1)[0] for a in ordered]
    slugs = unique_slugs([slugify(a.title.value, fallback=stem) for a, stem in zip(ordered, stems)])
    with_slugs = sorted((replace(a, slug=s) for a, s in zip(ordered, slugs)), key=lambda a: a.slug)
    merged = merge_entities(with_slugs, overrides or Overrides(), entity_page_min_mentions)
    related = compute_related(with_slugs, merged.mentions)
    names = {e.key: e.name for e in merged.entities}
    stories = compute_stories(with_slugs, related, merged.mentions, names)
    return Corpus(
        articles=tuple(with_slugs),
        problems=tuple(sorted(problems, key=lambda p: p.path)),
        entities=tuple(merged.entities),
        mentions=merged.mentions,
        unresolved=tuple(merged.unresolved),
        related=related,
        stories=tuple(stories),
        timeline=compute_timeline(with_slugs, merged.mentions),
    )
