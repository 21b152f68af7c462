"""The first look at an edit while `newsdesk serve` runs: the edited seeds' article pages,
made against the previous build and written at once, before the corpus stage runs again.

After one seed is edited in a 6,000-article project, the full rebuild takes about half
a minute: entity merging, related articles and the search index are corpus-wide, and an
edit can change any of them (one new word changes the weight of that word in every
article). A writer waits for their own page, not for those. So the server's rebuild
after an edit is made in two steps (``pipeline.build``):

1. this preview: each edited seed analysed again, its article page rendered with the
   previous build's entities, related articles and story, and written alone. MkDocs
   rebuilds that one page and the browser reloads;
2. at once, a second rebuild runs the whole pipeline, which brings every page to what a
   cold build of the same seeds gives.

What a preview page may lack until step 2, by design: its mentions link to the entities
of the previous build, each spelling to the entity the article's previous version linked
it to, else to the one entity known by that spelling (a spelling two entities share
links nowhere). A name new to the corpus is not linked yet. Related articles, the story
and "linked from" are the previous build's. Every link still goes to a page that exists.

A preview is only made where it is exact about which page the article has: the edited
seeds were articles of the previous build, and each keeps its slug (a new title with a
new slug renames the page, which changes the index pages: the full rebuild does that).
"""

from __future__ import annotations

from dataclasses import replace

from .entities import fold
from .link import attribute_quotes, wanted_slug
from .records import Article, Corpus, LinkedMention, Page
from .render.articles import render_article

# More edited seeds than this at once (a folder copied in, a search-and-replace across
# seeds) go straight to the full rebuild: a preview would not be much faster.
MAX_PREVIEW_SEEDS = 5


def preview_pages(edited: list[Article], corpus: Corpus) -> list[Page] | None:
    """The article pages of ``edited`` (newly analysed seeds) rendered against ``corpus``
    (the previous build's), or None where no preview can be exact about the pages (see
    the module docstring)."""
    before_by_seed = {a.seed: a for a in corpus.articles}
    pairs = []
    for article in edited:
        before = before_by_seed.get(article.seed)
        if before is None or wanted_slug(article) != wanted_slug(before):
            return None
        pairs.append((replace(article, slug=before.slug), before))

    spellings = _entities_by_spelling(corpus)
    entities = {e.key: e for e in corpus.entities}
    mentions = dict(corpus.mentions)
    for article, before in pairs:
        mentions[article.slug] = _linked(article, before, corpus, spellings)
    new_articles = {article.slug: article for article, _ in pairs}
    quotes = attribute_quotes(list(new_articles.values()), mentions, entities)
    previewed = replace(
        corpus,
        articles=tuple(new_articles.get(a.slug, a) for a in corpus.articles),
        mentions=mentions,
        quotes=tuple(q for q in corpus.quotes if q.article not in new_articles) + quotes,
    )
    return [render_article(article, previewed) for article, _ in pairs]


def _entities_by_spelling(corpus: Corpus) -> dict[str, str | None]:
    """Each folded spelling (name or alias) of the corpus' entities: the entity's key, or
    None when two entities share it."""
    found: dict[str, str | None] = {}
    for entity in corpus.entities:
        for spelling in {fold(entity.name), *(fold(alias) for alias in entity.aliases)}:
            found[spelling] = entity.key if found.get(spelling, entity.key) == entity.key else None
    return found


def _linked(article: Article, before: Article, corpus: Corpus, spellings: dict[str, str | None]) -> tuple[LinkedMention, ...]:
    """``article``'s mentions resolved to the previous build's entities: as its previous
    version resolved that spelling (a surname there attached to its full name keeps it),
    else by the one entity known by the spelling."""
    lines = before.line_texts()
    as_before: dict[str, str] = {}
    for m in corpus.mentions.get(before.slug, ()):
        as_before.setdefault(fold(lines.get(m.line, "")[m.start:m.end]), m.key)
    linked = []
    for m in article.mentions:
        spelling = fold(m.surface)
        key = as_before.get(spelling) or spellings.get(spelling)
        if key is not None:
            linked.append(LinkedMention(m.line, m.start, m.end, key))
    return tuple(sorted(linked, key=lambda m: (m.line, m.start)))
