"""What is searchable: articles, entity pages, story pages and hand-written pages, as SearchDocs."""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Iterable

import yaml

from ..records import Corpus
from ..slugs import article_path, entity_path, html_path, story_path
from .index import SearchDoc


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


def search_docs_from_corpus(corpus: Corpus) -> list[SearchDoc]:
    """One SearchDoc per article, per entity with a page, and per story (if the corpus has any)."""
    docs: list[SearchDoc] = []
    for a in corpus.articles:
        authors = a.authors.value or ()
        header = [a.subtitle.value or "", a.kicker or ""]
        byline = [f"By {', '.join(authors)}." if authors else "", a.dateline.value or "", a.source.value or ""]
        body = [line.text for line in a.body]
        docs.append(SearchDoc(
            url=html_path(article_path(a.slug)),
            title=a.title.value or a.slug,
            kind="article",
            source=a.source.value or None,
            date=a.published.value or None,
            text="\n".join(x for x in header + body + byline if x),
            names=(),
            snippet=a.summary or (body[0] if body else ""),
        ))
    for e in corpus.entities:
        if not e.has_page:
            continue
        roles = list(dict.fromkeys(r.text for r in e.roles))
        count = len(e.articles)
        summary = e.description or (roles[0] if roles else "")
        snippet = f"{_plural(e.mentions, 'mention').capitalize()} in {_plural(count, 'article')}"
        if e.aliases:
            snippet += " · also " + ", ".join(e.aliases[:4])
        if summary:
            snippet += f" · {summary}"
        docs.append(SearchDoc(
            url=html_path(entity_path(e.kind, e.key)),
            title=e.name,
            kind=e.kind,
            source=None,
            date=None,
            text="\n".join([e.description or ""] + roles),
            names=tuple(e.aliases),
            snippet=snippet,
        ))
    titles = corpus.titles()
    for story in corpus.stories:
        members = [titles[s] for s in story.articles]
        docs.append(SearchDoc(
            url=html_path(story_path(story.key)),
            title=story.title,
            kind="page",
            text="\n".join(members),
            snippet=f"Story: {_plural(len(members), 'article')} about one event",
        ))
    return docs


_FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)
_HEADING = re.compile(r"^#\s+(.+?)\s*#*\s*$", re.MULTILINE)
_MARKUP = [
    (re.compile(r"<!--.*?-->", re.DOTALL), " "),
    (re.compile(r"```.*?```", re.DOTALL), " "),
    (re.compile(r"!?\[([^\]]*)\]\([^)]*\)"), r"\1"),  # links and images -> their text
    (re.compile(r"<[^>]+>"), " "),  # HTML tags
    (re.compile(r"&[a-zA-Z]+;|&#\d+;"), " "),
    (re.compile(r"^\s{0,3}(?:#+|>|[-*+]|\d+\.|!!!|\?\?\?\+?)\s*", re.MULTILINE), ""),
    (re.compile(r"[*_`|~]+"), " "),
]


def markdown_to_text(markdown: str) -> tuple[str | None, str]:
    """(front-matter title or first heading, plain text) of a Markdown page; roughly."""
    title = None
    match = _FRONT.match(markdown)
    if match:
        try:
            meta = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            meta = None
        if isinstance(meta, dict) and meta.get("title"):
            title = str(meta["title"])
        markdown = markdown[match.end():]
    heading = _HEADING.search(markdown)
    if title is None and heading:
        title = heading.group(1)
        # The title is indexed (and shown) as the title: not again at the start of the text.
        markdown = markdown[: heading.start()] + markdown[heading.end():]
    for pattern, repl in _MARKUP:
        markdown = pattern.sub(repl, markdown)
    return title, re.sub(r"\s+", " ", markdown).strip()


# Folders newsdesk generates into: what is in them on disk may be left from an earlier build.
GENERATED_FOLDERS = ("articles/", "people/", "organizations/", "places/", "stories/", "timeline/", "data/", "assets/")


def search_docs_from_markdown_files(docs_dir: Path, skip: Iterable[str] = GENERATED_FOLDERS) -> list[SearchDoc]:
    """Hand-written pages (``docs/**/*.md``) as searchable "page" documents, except the
    docs-relative paths in ``skip`` (an entry ending in "/" skips a whole folder). Pass
    the paths of the pages newsdesk generates plus ``GENERATED_FOLDERS``."""
    paths = {p for p in skip if not p.endswith("/")}
    folders = tuple(p for p in skip if p.endswith("/"))
    found = []
    # A walk that never enters the skipped folders nor hidden ones: at 6,000 articles they
    # hold 13,000 generated pages, which a glob of docs/ took about 0.5 s to list.
    for folder, subfolders, files in os.walk(docs_dir):
        relative = Path(folder).relative_to(docs_dir).as_posix()
        prefix = "" if relative == "." else f"{relative}/"
        subfolders[:] = [d for d in subfolders if not d.startswith(".") and not f"{prefix}{d}/".startswith(folders)]
        found += [prefix + name for name in files if name.endswith(".md") and not name.startswith(".")]
    docs = []
    for rel in sorted(found, key=lambda rel: rel.split("/")):  # the order of sorted Paths
        if rel in paths:
            continue
        path = Path(docs_dir, rel)
        try:
            title, text = markdown_to_text(path.read_text("utf-8"))
        except (OSError, UnicodeDecodeError):
            continue
        docs.append(SearchDoc(url=html_path(rel), title=title or path.stem.replace("-", " ").capitalize(), kind="page", text=text))
    return docs
