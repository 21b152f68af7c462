"""A Python-Markdown extension that passes newsdesk's HTML blocks through unparsed.

A block is the text between a line ``html.OPEN`` and a line ``html.CLOSE`` (see
``html.block``). Before any other block processing, each whole block is stored in
Python-Markdown's stash of raw HTML and replaced by a placeholder paragraph, exactly as
Python-Markdown's own raw-HTML preprocessor does for HTML it has parsed; the output is
the stored HTML, byte for byte. Skipping the parse is the point: the blocks are HTML
newsdesk wrote and escaped itself (``html.text``), and parsing them costs MkDocs more
than rendering the rest of the page.

An opening line without a closing line after it is left to Markdown as it is. Without
this extension (a project that builds the pages without the newsdesk plugin) each block
is still valid raw HTML for Markdown: the pages render the same, only more slowly.

Used by MkDocs as ``newsdesk.render.passthrough`` in ``markdown_extensions``.
"""

from __future__ import annotations

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor

from .html import CLOSE, OPEN

# After whitespace normalisation (30), before the raw-HTML and md_in_html parsers (20).
PRIORITY = 25


class _Passthrough(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        if OPEN not in lines:
            return lines
        out: list[str] = []
        position = 0
        while position < len(lines):
            line = lines[position]
            end = _closing(lines, position) if line == OPEN else None
            if end is None:
                out.append(line)
                position += 1
                continue
            placeholder = self.md.htmlStash.store("\n".join(lines[position + 1:end]))
            out += ["", placeholder, ""]
            position = end + 1
        return out


def _closing(lines: list[str], start: int) -> int | None:
    for index in range(start + 1, len(lines)):
        if lines[index] == CLOSE:
            return index
        if lines[index] == OPEN:
            return None  # a second opening before any closing: not one of newsdesk's blocks
    return None


class PassthroughExtension(Extension):
    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Passthrough(md), "newsdesk_passthrough", PRIORITY)


def makeExtension(**kwargs) -> PassthroughExtension:  # noqa: N802 (Python-Markdown's name)
    return PassthroughExtension(**kwargs)
