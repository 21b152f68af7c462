"""Quotes: the section on article and entity pages, and the index of speakers."""

from __future__ import annotations

from collections import defaultdict

from ..records import Corpus, Page
from ..slugs import article_path, entity_path
from . import html
from .markdown import escape, front_matter

QUOTES_INDEX = "quotes.md"
UNNAMED = "Unnamed sources"


def speaker_text(quote, corpus: Corpus, from_path: str) -> str:
    """The speaker, as HTML: linked to their page when they have one."""
    if quote.entity is not None:
        entity = corpus.entity(quote.entity)
        if entity.has_page:
            return html.link(entity.name, from_path, entity_path(entity.kind, entity.key))
        return html.text(entity.name)
    if quote.speaker:
        return html.text(quote.speaker) + (" <small>(unnamed)</small>" if quote.anonymous else "")
    return "speaker not identified"


def quote_items(quotes, corpus: Corpus, from_path: str, with_article: bool) -> list[str]:
    """One HTML list entry per quote: the words, the speaker and (``with_article``) where."""
    titles = corpus.titles()
    entries = []
    for q in quotes:
        where = f" — {html.link(titles[q.article], from_path, article_path(q.article))}" if with_article else ""
        entries.append(f"“{html.text(q.text)}” — {speaker_text(q, corpus, from_path)}{where}")
    return entries


def render_quotes_index(corpus: Corpus) -> Page:
    by_speaker: dict[str, list] = defaultdict(list)
    for q in corpus.quotes:
        by_speaker[q.entity or UNNAMED].append(q)
    order = sorted((k for k in by_speaker if k != UNNAMED), key=lambda k: (-len(by_speaker[k]), corpus.entity(k).name.casefold(), k))
    if UNNAMED in by_speaker:
        order.append(UNNAMED)
    lines = [
        front_matter({"title": "Quotes", "generated_by": "newsdesk"}).rstrip("\n"),
        "",
        "# Quotes by speaker",
        "",
        f"{len(corpus.quotes)} direct quotations, by speaker, most quoted first. Unnamed sources "
        "(“a senior official”) are kept as such, never attributed to a person.",
        "",
    ]
    for key in order:
        quotes = by_speaker[key]
        name = UNNAMED if key == UNNAMED else corpus.entity(key).name
        lines += [f"## {escape(name)} ({len(quotes)})", ""]
        lines += [html.block(html.items(quote_items(quotes, corpus, QUOTES_INDEX, with_article=True))), ""]
    return Page(QUOTES_INDEX, "\n".join(lines))
