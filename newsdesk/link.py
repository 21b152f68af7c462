"""The cross-article stage: the only place that looks at every article at once.

It gives each article its unique slug, merges entity mentions into entities
(``newsdesk.entities``), finds related articles and story clusters
(``newsdesk.related``), builds the timeline (``newsdesk.timeline``) and attributes quotes
to their speakers' entities.
"""

from __future__ import annotations

from dataclasses import replace

from .entities import Overrides, merge_entities
from .extract.entities import ORGANIZATION, PERSON
from .records import Article, AttributedQuote, Corpus, SeedProblem
from .related import compute_related, compute_stories
from .slugs import slugify, unique_slugs
from .timeline import compute_timeline

# Above these corpus sizes, entities mentioned only once (then only twice) get no page of
# their own: they stay in corpus.json. Their pages cost build time and are rarely read.
AUTO_PAGE_THRESHOLDS = ((300, 1), (3000, 2))


def page_threshold(setting: int, articles: int) -> int:
    """The minimum mentions for an entity page: the setting, or (0) chosen by size."""
    if setting > 0:
        return setting
    return next((threshold for size, threshold in AUTO_PAGE_THRESHOLDS if articles <= size), 3)


def link(articles: list[Article], problems: list[SeedProblem], overrides: Overrides | None = None,
         entity_page_min_mentions: int = 0) -> Corpus:
    """Assign slugs (by seed path order, so they are stable), merge entities, and build
    the ``Corpus``."""
    ordered = sorted(articles, key=lambda a: a.seed)
    slugs = unique_slugs([wanted_slug(a) for a in ordered])
    with_slugs = sorted((replace(a, slug=s) for a, s in zip(ordered, slugs)), key=lambda a: a.slug)
    threshold = page_threshold(entity_page_min_mentions, len(with_slugs))
    merged = merge_entities(with_slugs, overrides or Overrides(), threshold)
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
        quotes=attribute_quotes(with_slugs, merged.mentions, {e.key: e for e in merged.entities}),
    )


def wanted_slug(article: Article) -> str:
    """The slug an article asks for: its title's, else its seed file's name. Two articles
    asking for one slug get ``-2``, ``-3`` in seed order (``unique_slugs``)."""
    stem = article.seed.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return slugify(article.title.value, fallback=stem)


def attribute_quotes(articles: list[Article], mentions, entities) -> tuple[AttributedQuote, ...]:
    """Each quote's speaker, where named, is the person (or organisation) whose mention
    lies in the speaker's words; so "Esper said" and "Defense Secretary Mark T. Esper
    said" land on one person. Anonymous speakers never get an entity, even when their
    description names a place ("a senior U.S. official")."""
    result = []
    for article in articles:
        for q in article.quotes:
            entity = None
            if not q.anonymous and q.speaker_line is not None:
                inside = [m for m in mentions.get(article.slug, ())
                          if m.line == q.speaker_line and m.start < q.speaker_end and m.end > q.speaker_start
                          and entities[m.key].kind in (PERSON, ORGANIZATION)]
                # The name is the last word of "Defense Secretary Mark T. Esper"; people before organisations.
                inside.sort(key=lambda m: (entities[m.key].kind == PERSON, m.start))
                entity = inside[-1].key if inside else None
            result.append(AttributedQuote(article.slug, q.line, q.start, q.text, q.speaker, entity, q.anonymous))
    return tuple(result)
