"""The front-matter of generated pages: which keys, in which order, made safe for the theme."""

from __future__ import annotations

from typing import Any, Sequence

from ..extract import dates
from ..extract.entities import ORGANIZATION, PERSON, PLACE
from ..extract.metadata import reading_time
from ..records import Article, Entity
from .markdown import theme_safe


def article_front_matter(article: Article, entities: Sequence[Entity] = ()) -> dict[str, Any]:
    published = article.published.value
    fields: dict[str, Any] = {
        "title": theme_safe(article.title.value),
        "title_source": article.title.source,
        "kicker": article.kicker,
        "subtitle": theme_safe(article.subtitle.value) if article.subtitle.value else None,
        "subtitle_source": article.subtitle.source,
        "source": article.source.value,
        "source_source": article.source.source,
        "authors": list(article.authors.value),
        "authors_source": article.authors.source,
        "published": published,
        "published_source": article.published.source,
        "published_precision": dates.precision(published) if published else None,
        "dateline": article.dateline.value,
        "dateline_source": article.dateline.source,
        "url": article.url.value,
        "url_source": article.url.source,
        "words": article.words,
        "reading_time": reading_time(article.words),
        "summary": article.summary,
        "seed": article.seed,
        "sha256": article.sha256,
        "encoding": article.encoding,
        "tags": [theme_safe(t) for t in article.tags],
        "people": sorted(e.name for e in entities if e.kind == PERSON),
        "organizations": sorted(e.name for e in entities if e.kind == ORGANIZATION),
        "places": sorted(e.name for e in entities if e.kind == PLACE),
    }
    return fields
