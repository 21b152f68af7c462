"""Every slug and every generated path is made here, and nowhere else.

Slugs are lower-case ASCII words joined by ``-`` (python-slugify transliterates other
scripts), at most ``MAX_SLUG_LENGTH`` characters, never empty, never ``.``/``..``; so a
generated path can never leave its folder whatever the seed's title or file name.
"""

from __future__ import annotations

from slugify import slugify as _slugify

MAX_SLUG_LENGTH = 80
RESERVED_SLUGS = frozenset({"index"})

# Folders (relative to docs/) that newsdesk generates into.
ARTICLES_DIR = "articles"
DATA_DIR = "data"
STORIES_DIR = "stories"
ENTITY_DIRS = {"person": "people", "organization": "organizations", "place": "places"}


def slugify(text: str, fallback: str = "untitled") -> str:
    """A URL- and file-safe slug for ``text``; ``fallback`` (itself slugified) if empty."""
    slug = _slugify(text, max_length=MAX_SLUG_LENGTH, word_boundary=True, save_order=True)
    if not slug:
        slug = _slugify(fallback, max_length=MAX_SLUG_LENGTH, word_boundary=True) or "untitled"
    return slug


def unique_slugs(wanted: list[str]) -> list[str]:
    """Make slugs unique in input order: the second ``a`` becomes ``a-2``, then ``a-3``;
    a reserved slug ("index": a folder's index page) becomes ``index-2`` at once.

    Comparison ignores case (every slug is lower-case already) so two pages can never
    collide on a case-insensitive file system.
    """
    taken: set[str] = set(RESERVED_SLUGS)  # "index" is each folder's index page
    result = []
    for slug in wanted:
        candidate, n = slug, 1
        while candidate in taken:
            n += 1
            suffix = f"-{n}"
            candidate = slug[: MAX_SLUG_LENGTH - len(suffix)].rstrip("-") + suffix
        taken.add(candidate)
        result.append(candidate)
    return result


def article_path(slug: str) -> str:
    """docs-relative path of an article page."""
    return f"{ARTICLES_DIR}/{slug}.md"


def entity_path(kind: str, key: str) -> str:
    """docs-relative path of an entity page (people/, organizations/, places/)."""
    return f"{ENTITY_DIRS[kind]}/{key}.md"


def story_path(key: str) -> str:
    """docs-relative path of a story page."""
    return f"{STORIES_DIR}/{key}.md"


def entity_index_path(kind: str) -> str:
    return f"{ENTITY_DIRS[kind]}/index.md"


def html_path(md_path: str) -> str:
    """The page MkDocs builds from a docs-relative Markdown path ("people/x.md" ->
    "people/x.html"; newsdesk sites use ``use_directory_urls: false``); other files as they are."""
    return md_path[: -len(".md")] + ".html" if md_path.endswith(".md") else md_path


def relative_link(from_path: str, to_path: str) -> str:
    """A relative link between two docs-relative paths (what MkDocs resolves and checks).

    Both are clean, relative paths ("people/x.md"), so this is posixpath.relpath without
    its normalisation of the current directory, which costs more than the page rendering
    when a site links hundreds of thousands of times.
    """
    here = from_path.split("/")[:-1]
    there = to_path.split("/")
    common = 0
    while common < len(here) and common < len(there) - 1 and here[common] == there[common]:
        common += 1
    parts = [".."] * (len(here) - common) + there[common:]
    return "/".join(parts)


def is_safe_relative(path: str) -> bool:
    """True if ``path`` is relative and stays inside its root (no ``..``, no absolute)."""
    if not path or path.startswith("/") or "\\" in path:
        return False
    parts = path.split("/")
    return all(part not in ("", ".", "..") for part in parts)
