"""HTML for the furniture newsdesk generates around an article's text: lists of links,
information boxes, the audit table, and the article's text itself.

Why HTML rather than Markdown: Python-Markdown's inline parser is the largest single cost
of a MkDocs build of a newsdesk site. Link-heavy lists (an entity page lists every article
naming it, an article lists its entities, related articles and dates) made MkDocs' cost
per page about three times that of a plain MkDocs site. Written as HTML here, such a
block goes into the page between ``OPEN`` and ``CLOSE``, and the ``passthrough`` Markdown
extension (which the newsdesk plugin adds to every build) hands it to the output as it
is, unparsed. The article's text went the same way: as escaped Markdown, its paragraphs
took half of Python-Markdown's time on an article page (2.2 against 1.0 ms a page,
measured on 300 pages of the 6,000-article benchmark). Headings stay Markdown: the table
of contents is made from them.

Everything that is not markup newsdesk wrote goes through ``text`` (HTML-escaped, no
control characters), so seed text can never become markup here either; in particular it
can never contain ``OPEN`` or ``CLOSE``. Links are relative URLs of the built pages:
newsdesk sites use ``use_directory_urls: false`` (the plugin insists on it), so a page
``people/x.md`` is ``people/x.html``.
"""

from __future__ import annotations

import html
import re
from typing import Iterable

from ..slugs import html_path, relative_link

OPEN = "<!--newsdesk:html-->"
CLOSE = "<!--/newsdesk:html-->"
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
# Every character ``text`` changes: line breaks and tabs, the other control characters,
# and the five that HTML escapes. Most names, titles and dates have none of them.
_CHANGED_BY_TEXT = re.compile(r"[\x00-\x1f\x7f&<>\"']")


def text(value: str) -> str:
    """``value`` as HTML text: escaped (quotes too, so it may go in an attribute), on one
    line, without control characters."""
    if _CHANGED_BY_TEXT.search(value) is None:  # one scan instead of eight: nothing to change
        return value
    return html.escape(_CONTROL.sub("", value.replace("\n", " ").replace("\t", " ")), quote=True)


def url(from_path: str, to_path: str) -> str:
    """Relative URL, from the page built from ``from_path``, of the page built from
    ``to_path`` (both docs-relative; ``.md`` pages are built as ``.html``)."""
    target = relative_link(from_path, html_path(to_path))
    if any(c in target for c in " \"'<>\n"):
        raise ValueError(f"unsafe link target {target!r}")
    return target


# Links made so far, by (label, folder of the page linking, page linked to): the same
# links (an article's title, an entity's name) appear on thousands of pages, and a relative
# URL depends only on the folder of the page it is on. Emptied when full, so a long-running
# ``mkdocs serve`` that rebuilds many corpora keeps at most this many.
_LINKS: dict[tuple[str, str, str], str] = {}
LINKS_KEPT = 1 << 17


def link(label: str, from_path: str, to_path: str) -> str:
    """A link with escaped text to the page built from ``to_path``."""
    key = (label, from_path[: from_path.rfind("/") + 1], to_path)  # "people/x.md" -> "people/"
    made = _LINKS.get(key)
    if made is None:
        made = f'<a href="{url(from_path, to_path)}">{text(label)}</a>'
        if len(_LINKS) >= LINKS_KEPT:
            _LINKS.clear()
        _LINKS[key] = made
    return made


def paragraph(value: str, links: Iterable[tuple[int, int, str]] = ()) -> str:
    """``value`` as an HTML paragraph (escaped, ends trimmed), with ``value[start:end]``
    linked to ``href`` for each (start, end, href), given in order and not overlapping;
    "" when there is no text. Each ``href`` must be a URL made by ``url``."""
    if not text(value).strip():
        return ""
    parts: list[str] = []
    position = 0
    for start, end, href in links:
        parts.append(text(value[position:start]))
        label = text(value[start:end])
        parts.append(f'<a href="{href}">{label}</a>' if label else "")  # no empty link
        position = end
    parts.append(text(value[position:]))
    return "<p>" + "".join(parts).strip() + "</p>"


def items(entries: Iterable[str]) -> str:
    """A bulleted list of HTML ``entries``."""
    return "<ul>\n" + "".join(f"<li>{entry}</li>\n" for entry in entries) + "</ul>"


def box(kind: str, title: str, content: str, collapsed: bool = False) -> str:
    """A Material admonition (``collapsed``: a closed ``details`` box) with the same
    markup the admonition and pymdownx.details extensions write, so the theme styles it."""
    if collapsed:
        return f'<details class="{kind}">\n<summary>{text(title)}</summary>\n{content}\n</details>'
    return f'<div class="admonition {kind}">\n<p class="admonition-title">{text(title)}</p>\n{content}\n</div>'


def table(head: list[tuple[str, str]], rows: Iterable[list[str]]) -> str:
    """A table: ``head`` is (label, alignment: "left" or "right") per column; labels and
    cells are HTML. Without a class, so newsdesk.js makes it sortable like any table in an
    article."""
    def cell(tag: str, align: str, content: str) -> str:
        style = ' style="text-align: right;"' if align == "right" else ""
        return f"<{tag}{style}>{content}</{tag}>"

    header = "".join(cell("th", align, label) for label, align in head)
    body = "".join("<tr>" + "".join(cell("td", align, c) for (_, align), c in zip(head, row)) + "</tr>\n" for row in rows)
    return f"<table>\n<thead>\n<tr>{header}</tr>\n</thead>\n<tbody>\n{body}</tbody>\n</table>"


def block(content: str) -> str:
    """``content`` (HTML) as a block of a Markdown page that Markdown leaves alone."""
    return f"{OPEN}\n{content}\n{CLOSE}"
