"""Entity pages (one per person, organisation and place) and their A–Z index pages."""

from __future__ import annotations

import heapq
from collections import Counter
from itertools import chain

from ..extract import dates
from ..extract.entities import KINDS, ORGANIZATION, PERSON, PLACE
from ..records import Article, Corpus, Entity, Page
from ..slugs import article_path, entity_index_path, entity_path, relative_link
from ..text import sentence_spans
from . import html
from .markdown import escape, escape_line, front_matter, link, theme_safe
from .quotes import quote_items
from .timeline import TIMELINE_INDEX, event_item

KIND_LABEL = {PERSON: "Person", ORGANIZATION: "Organisation", PLACE: "Place"}
KIND_PLURAL = {PERSON: "People", ORGANIZATION: "Organisations", PLACE: "Places"}
SENTENCES_PER_ARTICLE = 3
MANY_ARTICLES = 50  # above this, one sentence per article on the entity's page
SENTENCE_WINDOW = 240  # characters either side of a mention, for sentences longer than twice this
CO_MENTIONS_SHOWN = 15
ENTITY_TIMELINE_EVENTS = 40


def entity_link(entity: Entity, from_path: str) -> str:
    return link(entity.name, relative_link(from_path, entity_path(entity.kind, entity.key)))


class EntityContext:
    """What entity pages need from the corpus, computed once for all of them: for each
    article, the entities with a page that it names; the sentences that name each entity;
    and each article's entry in the lists of articles (made once, shown on many pages)."""

    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        # Only entities with a page are shown, as many sentences per article as their page shows.
        shown = {e.key: _sentences_shown(e) for e in corpus.entities if e.has_page}
        self.in_article: dict[str, list[str]] = {}  # article slug -> keys of entities with a page (first-mention order)
        self.sentences: dict[tuple[str, str], list[str]] = {}  # (entity, article) -> sentences
        self._article_lines: dict[tuple[str, str], str] = {}  # see article_line
        for slug, mentions in corpus.mentions.items():
            keys: list[str] = []
            lines: dict[int, str] | None = None
            spans_of_line: dict[int, list[tuple[int, int]]] = {}  # a line names many entities
            for m in mentions:
                wanted = shown.get(m.key)
                if wanted is None:
                    continue
                found = self.sentences.get((m.key, slug))
                if found is None:
                    keys.append(m.key)
                    found = self.sentences[(m.key, slug)] = []
                if len(found) < wanted:
                    if lines is None:
                        lines = corpus.article(slug).line_texts()
                    text = lines.get(m.line, "")
                    if m.line not in spans_of_line:
                        spans_of_line[m.line] = sentence_spans(text)
                    sentence = _sentence_at(text, spans_of_line[m.line], m.start)
                    if sentence and sentence not in found:
                        found.append(sentence)
            self.in_article[slug] = keys

    def co_mentions(self, entity: Entity) -> list[tuple[Entity, int]]:
        """The entities with a page named in most of the articles that name ``entity``
        (most articles first, then by key), with their number of articles."""
        counts = Counter(chain.from_iterable(self.in_article.get(slug, ()) for slug in entity.articles))
        counts.pop(entity.key, None)
        # The first few of the whole ranking: (-count, key) orders every key, so this is sorted(...)[:n].
        ranked = heapq.nsmallest(CO_MENTIONS_SHOWN, counts.items(), key=lambda item: (-item[1], item[0]))
        return [(self.corpus.entity(k), n) for k, n in ranked]

    def article_line(self, slug: str, from_path: str) -> str:
        """``_article_line`` for the article ``slug``, made once per folder of entity pages:
        an article is listed on the page of every entity it names, and its link differs
        only by the folder of the page it is on."""
        key = (slug, from_path[: from_path.rfind("/") + 1])
        line = self._article_lines.get(key)
        if line is None:
            line = self._article_lines[key] = _article_line(self.corpus.article(slug), from_path)
        return line


def _sentences_shown(entity: Entity) -> int:
    """How many sentences per article an entity's page shows. One sentence per article for
    an entity named across much of the corpus: every article is still listed with where it
    names it, and the page stays readable."""
    return 1 if len(entity.articles) > MANY_ARTICLES else SENTENCES_PER_ARTICLE


def _sentence_at(text: str, spans: list[tuple[int, int]], offset: int) -> str:
    """The sentence holding ``offset``, cut to a window around it when very long (a table
    or a list flattened into one "sentence" would otherwise fill the entity page)."""
    found = (0, len(text))
    for start, end in spans:
        if start <= offset < end:
            found = (start, end)
            break
    start, end = found
    if end - start <= SENTENCE_WINDOW * 2:
        return text[start:end]
    left, right = max(start, offset - SENTENCE_WINDOW), min(end, offset + SENTENCE_WINDOW)
    # Whole words only: move each cut to the nearest space towards the mention, if any.
    if left > start:
        left = text.find(" ", left, offset) + 1 or left
    if right < end:
        space = text.rfind(" ", offset, right)
        right = space if space > offset else right
    return ("… " if left > start else "") + text[left:right].strip() + (" …" if right < end else "")


def _article_line(article: Article, from_path: str) -> str:
    """HTML: the article linked, with its source and date."""
    source = article.source.value or "source not known"
    when = dates.display(article.published.value) if article.published.value else "undated"
    return f"{html.link(article.title.value, from_path, article_path(article.slug))} <small>— {html.text(source)}, {html.text(when)}</small>"


def render_entity(entity: Entity, context: EntityContext) -> Page:
    path = entity_path(entity.kind, entity.key)
    meta = {
        "title": theme_safe(entity.name),
        "name": entity.name,
        "kind": entity.kind,
        "aliases": list(entity.aliases),
        "mentions": entity.mentions,
        "articles": list(entity.articles),
        "description": entity.description,
        "generated_by": "newsdesk",
    }
    count = len(entity.articles)
    lines = [
        front_matter(meta).rstrip("\n"),
        "",
        f"# {escape(entity.name)}",
        "",
        html.block(f'<p class="nd-kicker">{KIND_LABEL[entity.kind]} · {entity.mentions} mention{"s" * (entity.mentions != 1)} '
                   f'in {count} article{"s" * (count != 1)}</p>'),
        "",
    ]
    if entity.description:
        # From entities.yml: shown as in the front-matter (theme_safe: full-width < > &,
        # as the theme shows it in <meta name="description">), and as one paragraph of
        # text (escape_line: "!!! x", "- x" or "---" at its start is no block of markup).
        lines += [escape_line(theme_safe(entity.description)), ""]
    if entity.aliases:
        lines += [html.block("<p><strong>Also written:</strong> " + ", ".join(html.text(a) for a in entity.aliases) + "</p>"), ""]
    if entity.roles:
        roles = []
        for role in entity.roles:
            article = context.corpus.article(role.article)
            roles.append(f"“{html.text(role.text)}” — {html.link(article.title.value, path, article_path(article.slug))}")
        lines += ["## Roles and descriptions", "", html.block(html.items(roles)), ""]
    per_article = _sentences_shown(entity)
    mentioned = []
    for slug in entity.articles:
        sentences = context.sentences.get((entity.key, slug), [])[:per_article]
        quoted = "".join(f"\n<blockquote><p>{html.text(s)}</p></blockquote>" for s in sentences)
        mentioned.append(context.article_line(slug, path) + quoted)
    lines += ["## In the articles", ""] + ([html.block(html.items(mentioned)), ""] if mentioned else [])
    quotes = context.corpus.quotes_by(entity.key)
    if quotes:
        lines += [f"## Quotes ({len(quotes)})", "", html.block(html.items(quote_items(quotes, context.corpus, path, with_article=True))), ""]
    events = context.corpus.events_of(entity.key)
    if events:
        titles = context.corpus.titles()
        shown = [event_item(e, path, titles) for e in events[:ENTITY_TIMELINE_EVENTS]]
        if len(events) > ENTITY_TIMELINE_EVENTS:
            shown.append(f"… and {len(events) - ENTITY_TIMELINE_EVENTS} more in the {html.link('timeline', path, TIMELINE_INDEX)}")
        lines += ["## Timeline", "", html.block(html.items(shown)), ""]
    neighbours = context.co_mentions(entity)
    if neighbours:
        near = [f"{html.link(other.name, path, entity_path(other.kind, other.key))} — {n} article{'s' * (n != 1)}" for other, n in neighbours]
        lines += ["## Mentioned with", "", html.block(html.items(near)), ""]
    return Page(path, "\n".join(lines))


def render_entity_index(corpus: Corpus, kind: str) -> Page:
    path = entity_index_path(kind)
    entities = sorted((e for e in corpus.entities if e.kind == kind and e.has_page), key=lambda e: (e.name.casefold(), e.key))
    without_page = sum(1 for e in corpus.entities if e.kind == kind and not e.has_page)
    lines = [
        front_matter({"title": KIND_PLURAL[kind], "generated_by": "newsdesk"}).rstrip("\n"),
        "",
        f"# {KIND_PLURAL[kind]}",
        "",
        f"{len(entities)} {KIND_PLURAL[kind].lower()} named in the articles, A–Z, with the number of mentions.",
        "",
    ]
    if without_page:
        lines += [f"{without_page} more, mentioned too rarely for a page of their own, are listed in the corpus data.", ""]
    by_letter: dict[str, list[str]] = {}
    for entity in entities:
        initial = entity.name[:1].upper() if entity.name[:1].isalpha() else "0–9 and others"
        by_letter.setdefault(initial, []).append(f"{html.link(entity.name, path, entity_path(kind, entity.key))} — {entity.mentions}")
    for letter, entries in by_letter.items():  # in the order of the sorted names
        lines += [f"## {escape(letter)}", "", html.block(html.items(entries)), ""]
    return Page(path, "\n".join(lines).rstrip("\n") + "\n")


def top_entities(corpus: Corpus, kind: str, n: int) -> list[Entity]:
    ranked = sorted((e for e in corpus.entities if e.kind == kind and e.has_page), key=lambda e: (-e.mentions, e.name.casefold(), e.key))
    return ranked[:n]


def render_entity_pages(corpus: Corpus) -> list[Page]:
    context = EntityContext(corpus)
    pages = [render_entity(e, context) for e in corpus.entities if e.has_page]
    pages += [render_entity_index(corpus, kind) for kind in KINDS]
    return pages
