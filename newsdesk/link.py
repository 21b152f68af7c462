"""The cross-article stage: the only place that looks at every article at once.

For now it gives each article its unique slug and orders the corpus; later stages
(entities, related articles, stories, timeline) hang off the same ``link`` call.
"""

from __future__ import annotations

from dataclasses import replace

from .records import Article, Corpus, SeedProblem
from .slugs import slugify, unique_slugs


def link(articles: list[Article], problems: list[SeedProblem]) -> Corpus:
    """Assign slugs (by seed path order, so they are stable) and build the ``Corpus``."""
    ordered = sorted(articles, key=lambda a: a.seed)
    stems = [a.seed.rsplit("/", 1)[-1].rsplit(".", 1)[0] for a in ordered]
    slugs = unique_slugs([slugify(a.title.value, fallback=stem) for a, stem in zip(ordered, stems)])
    with_slugs = [replace(a, slug=s) for a, s in zip(ordered, slugs)]
    return Corpus(
        articles=tuple(sorted(with_slugs, key=lambda a: a.slug)),
        problems=tuple(sorted(problems, key=lambda p: p.path)),
    )
