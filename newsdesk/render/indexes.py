"""Index pages: home, all articles, sources, tags; and the JSON export of the corpus."""

from __future__ import annotations

from collections import defaultdict

from .. import __version__
from ..extract import dates
from ..extract.entities import KINDS, ORGANIZATION, PERSON, PLACE
from ..jsonout import Rows, encode_by_line
from ..records import Article, Corpus, Page
from ..slugs import DATA_DIR, article_path, entity_index_path, entity_path, html_path, relative_link
from . import html
from .entities import KIND_PLURAL, entity_link, top_entities
from .markdown import escape, front_matter, link, theme_safe

HOME = "index.md"
ARTICLES_INDEX = "articles/index.md"
SOURCES = "sources.md"
TAGS = "tags.md"
CORPUS_JSON = f"{DATA_DIR}/corpus.json"
LATEST_ON_HOME = 10
TOP_ENTITIES_ON_HOME = 8
UNKNOWN_SOURCE = "Source not known"


def by_date(articles: tuple[Article, ...]) -> list[Article]:
    """Newest first; undated last; ties by title then slug (stable, deterministic)."""
    return sorted(articles, key=lambda a: (a.published.value is None, _neg(a.published.value or ""), a.title.value, a.slug))


def _neg(iso: str) -> tuple[int, ...]:
    return tuple(-int(p) for p in iso.split("-")) if iso else ()


def _article_link(article: Article, from_path: str) -> str:
    return link(article.title.value, relative_link(from_path, article_path(article.slug)))


def _when(article: Article) -> str:
    return dates.display(article.published.value) if article.published.value else "undated"


def render_home(corpus: Corpus, site_name: str, description: str) -> Page:
    articles = corpus.articles
    sources = {a.source.value for a in articles if a.source.value}
    counts = {kind: sum(1 for e in corpus.entities if e.kind == kind) for kind in KINDS}
    words = sum(a.words for a in articles)
    known = sorted(a.published.value for a in articles if a.published.value)
    period = f"{dates.display(known[0])} – {dates.display(known[-1])}" if known else "undated"
    lines = [
        front_matter({"title": theme_safe(site_name), "generated_by": "newsdesk"}).rstrip("\n"),
        "",
        f"# {escape(site_name)}",
        "",
    ]
    if description:
        lines += [escape(description), ""]
    lines += [
        f"A searchable dossier of **{len(articles)}** news articles, cleaned of web boilerplate "
        "and published with their metadata. Use the search box at the top of every page "
        "(it also works when these pages are opened as files, with no network).",
        "",
        "| Articles | Sources | Words | Period | People | Organisations | Places |",
        "|---:|---:|---:|---|---:|---:|---:|",
        f"| {len(articles)} | {len(sources)} | {words:,} | {escape(period)} | {counts[PERSON]} | {counts[ORGANIZATION]} | {counts[PLACE]} |",
        "",
        "## Latest articles",
        "",
    ]
    for article in by_date(articles)[:LATEST_ON_HOME]:
        source = f" — {escape(article.source.value)}" if article.source.value else ""
        lines.append(f"- {_article_link(article, HOME)}{source}, {escape(_when(article))}")
    for kind in KINDS:
        top = top_entities(corpus, kind, TOP_ENTITIES_ON_HOME)
        if top:
            lines += ["", f"## Most mentioned {KIND_PLURAL[kind].lower()}", ""]
            lines.append(", ".join(f"{entity_link(e, HOME)} ({e.mentions})" for e in top)
                         + f" — {link('all ' + KIND_PLURAL[kind].lower(), entity_index_path(kind))}")
    lines += [
        "",
        f"See {link('all articles', relative_link(HOME, ARTICLES_INDEX))}, "
        f"{link('the sources', SOURCES)} and {link('tags', TAGS)}; "
        f"the whole collection as data: {link('corpus.json', CORPUS_JSON)}; new articles: {link('RSS feed', 'feed.xml')}.",
        "",
    ]
    if corpus.problems:
        lines += [f'!!! warning "{len(corpus.problems)} seed file(s) could not be published"', ""]
        lines += [f"    - {escape(p.path)}: {escape(p.reason)}" for p in corpus.problems]
        lines.append("")
    return Page(HOME, "\n".join(lines))


def render_articles_index(corpus: Corpus) -> Page:
    lines = [
        front_matter({"title": "All articles", "generated_by": "newsdesk"}).rstrip("\n"),
        "",
        "# All articles",
        "",
        f"{len(corpus.articles)} articles. Click a column heading to sort by it.",
        "",
    ]
    rows = [
        [html.link(a.title.value, ARTICLES_INDEX, article_path(a.slug)), html.text(a.source.value or ""),
         html.text(a.published.value or ""), str(a.words)]
        for a in by_date(corpus.articles)
    ]
    head = [("Title", "left"), ("Source", "left"), ("Published", "left"), ("Words", "right")]
    lines.append(html.block(html.table(head, rows)))
    return Page(ARTICLES_INDEX, "\n".join(lines) + "\n")


def render_sources(corpus: Corpus) -> Page:
    groups: dict[str, list[Article]] = defaultdict(list)
    for article in corpus.articles:
        groups[article.source.value or UNKNOWN_SOURCE].append(article)
    names = sorted((n for n in groups if n != UNKNOWN_SOURCE), key=lambda s: (s.casefold(), s))
    if UNKNOWN_SOURCE in groups:
        names.append(UNKNOWN_SOURCE)
    lines = [
        front_matter({"title": "Sources", "generated_by": "newsdesk"}).rstrip("\n"),
        "",
        "# Sources",
        "",
        f"{len(groups)} publishers. Where the publisher was inferred rather than printed, the article page says so.",
        "",
    ]
    for name in names:
        articles = by_date(tuple(groups[name]))
        entries = [f"{html.link(a.title.value, SOURCES, article_path(a.slug))}, {html.text(_when(a))}" for a in articles]
        lines += [f"## {escape(name)}", "", f"{len(articles)} article{'s' if len(articles) != 1 else ''}.", "",
                  html.block(html.items(entries)), ""]
    return Page(SOURCES, "\n".join(lines))


def render_tags() -> Page:
    lines = [
        front_matter({"title": "Tags", "generated_by": "newsdesk"}).rstrip("\n"),
        "",
        "# Tags",
        "",
        "Tags come from the `tags` field of a seed's sidecar file.",
        "",
        "<!-- material/tags -->",
        "",
    ]
    return Page(TAGS, "\n".join(lines))


def render_corpus_json(corpus: Corpus) -> Page:
    """docs/data/corpus.json. Its long lists are ``Rows``: each record is made as it is
    written, so the records never all exist at once (see ``jsonout``)."""

    def articles():
        for a in corpus.articles:
            story = corpus.story_of(a.slug)
            yield {
                "slug": a.slug,
                "path": html_path(article_path(a.slug)),
                "title": a.title.value,
                "title_source": a.title.source,
                "kicker": a.kicker,
                "subtitle": a.subtitle.value,
                "source": a.source.value,
                "source_source": a.source.source,
                "authors": list(a.authors.value),
                "published": a.published.value,
                "dateline": a.dateline.value,
                "url": a.url.value,
                "tags": list(a.tags),
                "words": a.words,
                "summary": a.summary,
                "seed": a.seed,
                "sha256": a.sha256,
                "entities": sorted({m.key for m in corpus.mentions.get(a.slug, ())}),
                "dates": [{"text": d.text, "value": d.value, "precision": d.precision, "relative": d.relative,
                           "certain": d.certain, "line": d.line} for d in a.dates],
                "text": [line.text for line in a.body],
                "removed": [{"line": r.number, "text": r.text, "reason": r.reason} for r in a.removed],
                "related": [{"slug": r.slug, "score": r.score, "shared": list(r.shared)} for r in corpus.related.get(a.slug, ())],
                "story": story.key if story else None,
            }

    def entities():
        for e in corpus.entities:
            yield {
                "key": e.key,
                "name": e.name,
                "kind": e.kind,
                "aliases": list(e.aliases),
                "mentions": e.mentions,
                "articles": list(e.articles),
                "roles": [{"text": r.text, "article": r.article} for r in e.roles],
                "description": e.description,
                "page": html_path(entity_path(e.kind, e.key)) if e.has_page else None,
            }

    def quotes():
        for q in corpus.quotes:
            yield {"article": q.article, "text": q.text, "speaker": q.speaker, "entity": q.entity, "anonymous": q.anonymous}

    def timeline():
        for e in corpus.timeline:
            yield {"date": e.value, "precision": e.precision, "relative": e.relative, "certain": e.certain,
                   "date_text": e.date_text, "sentence": e.sentence, "article": e.article, "entities": list(e.entities)}

    data = {
        "generator": f"newsdesk {__version__}",
        "articles": Rows(len(corpus.articles), articles),
        "entities": Rows(len(corpus.entities), entities),
        "stories": [{"key": s.key, "title": s.title, "articles": list(s.articles)} for s in corpus.stories],
        "quotes": Rows(len(corpus.quotes), quotes),
        "timeline": Rows(len(corpus.timeline), timeline),
        "unresolved_mentions": [{"article": a, "surface": s, "why": w} for a, s, w in corpus.unresolved],
        "problems": [{"seed": p.path, "reason": p.reason} for p in corpus.problems],
    }
    return Page.encoded(CORPUS_JSON, encode_by_line(data))
