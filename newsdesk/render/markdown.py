"""Turning untrusted text into Markdown that can only ever render as that text.

Seed text is scraped from the web: it may contain HTML, Markdown links, template syntax
(``{{ }}``, ``{% %}``) or the syntax of Markdown extensions (``!!!``, ``???``,
``--8<--``, ``[TOC]``, ``{: onclick=... }``). Every function here returns Markdown in
which such text is inert: characters that start markup anywhere are written as HTML
character references, which every Markdown processor and extension passes through
untouched and the browser shows as the character itself; characters that start markup
only at the beginning of a line are escaped there.

The theme (MkDocs + Material) prints some front-matter values *without* HTML-escaping
them (``page.title`` in the header, ``striptags`` in ``<title>``), so those values go
through ``theme_safe`` instead.
"""

from __future__ import annotations

import functools
import re
from typing import Any

import yaml

# Characters that open markup mid-line in Python-Markdown or a common extension:
# HTML (< > &), links and footnotes ([ ]), code (`), emphasis (* _), attribute lists and
# templates ({ }), escapes (\), tables (|), strike/sub (~), sup/insert (^), mark (=),
# keys (+), math ($), and # (a heading drops a trailing "#": "## C#" would show "C").
_INLINE = {c: f"&#{ord(c)};" for c in "\\`*_{}[]|~^=+$#"}
_INLINE.update({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
_INLINE_RE = re.compile("[" + re.escape("".join(_INLINE)) + "]")
# An ordered-list marker at the start of a line ("1982. " / "3) ").
_ORDERED = re.compile(r"^(\d+)([.)])")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def escape(text: str) -> str:
    """Inline-safe Markdown for ``text`` (one line; newlines become spaces)."""
    text = _CONTROL.sub("", text.replace("\n", " ").replace("\t", " "))
    return _INLINE_RE.sub(lambda m: _INLINE[m.group(0)], text)


def escape_line(text: str) -> str:
    """Markdown for ``text`` as a paragraph of its own: inline-safe, and no block syntax
    (headings, lists, quotes, admonitions, rules, code blocks) at its start."""
    return _protect_line_start(escape(text.strip()))


def _protect_line_start(out: str) -> str:
    if not out:
        return out
    ordered = _ORDERED.match(out)
    if ordered:
        return ordered.group(1) + f"&#{ord(ordered.group(2))};" + out[ordered.end():]
    first = out[0]
    if first.isascii() and not first.isalnum() and first not in "&":
        return f"&#{ord(first)};" + out[1:]
    return out


def link(text: str, target: str) -> str:
    """A Markdown link with escaped text. ``target`` must be a path newsdesk made."""
    if any(c in target for c in " ()<>\n"):
        raise ValueError(f"unsafe link target {target!r}")
    return f"[{escape(text)}]({target})"


# Front-matter ----------------------------------------------------------------------------

_THEME_UNSAFE = {"<": "\uff1c", ">": "\uff1e"}
_ENTITY_LIKE = re.compile(r"&(?=#?\w+;)")


def theme_safe(text: str) -> str:
    """A front-matter string the theme may print unescaped.

    ``<`` and ``>`` become their full-width forms and an ``&`` that would start a
    character reference becomes a full-width ampersand, so neither the header (raw) nor
    ``<title>`` (``striptags``, which also unescapes) can ever see a tag.
    """
    text = _CONTROL.sub("", text.replace("\n", " "))
    text = _ENTITY_LIKE.sub("\uff06", text)
    return "".join(_THEME_UNSAFE.get(c, c) for c in text)


# Front-matter keys MkDocs and Material print into the page without HTML-escaping:
# ``title`` (header, nav, ``<title>``), ``description`` and ``author`` (``<meta content="...">``
# in every page's head), ``subtitle`` (navigation). Whatever renderer made the page, their
# text values go through ``theme_safe`` here, at the one place front-matter is written.
THEME_PRINTED_KEYS = ("title", "description", "author", "subtitle")
# Of those, the ones printed inside a double-quoted attribute (``<meta content="...">``):
# a ``"`` there would end the attribute and let the rest add attributes of its own (a
# ``http-equiv="refresh"``), so it becomes a full-width quotation mark.
THEME_ATTRIBUTE_KEYS = ("description", "author")


# libyaml's emitter when PyYAML was built with it (its wheels are): the same YAML, several
# times faster than the pure-Python one, which otherwise dominates rendering at scale.
_SAFE_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_DUMP_OPTIONS = {"Dumper": _SAFE_DUMPER, "sort_keys": False, "allow_unicode": True, "width": 10_000}
_REMEMBERED_LENGTH = 200  # longer text is rarely repeated: dumped each time, not remembered


def front_matter(fields: dict[str, Any]) -> str:
    """YAML front-matter block, keys in the given order.

    PyYAML quotes any string that would read back as another type ("2020-01-03" stays
    text, not a date), and escapes whatever YAML itself would interpret. Values of
    ``THEME_PRINTED_KEYS`` are made ``theme_safe`` (which is idempotent).

    Each entry of the top-level block mapping is dumped on its own (it starts at column 0
    and nothing carries over from one entry to the next), and a list of scalars as its
    key line plus each item on its own, every piece by PyYAML, and pieces of short
    scalars remembered: at 6,000 articles the 13,472 pages' front-matter took 1.2 to
    1.3 s in PyYAML's pure-Python representer, and takes 0.46 s once the pieces were seen
    (a rebuild in ``serve``), most of them values that repeat (kinds, provenance labels,
    the slugs in ``articles``, the names in ``people``). What is remembered costs memory:
    25.5 MB at 12,000 articles (at most 65,536 pieces in each cache); a build outside
    `serve` lets it go (``forget_front_matter_pieces``). The text is
    the same as one ``yaml.dump`` of the whole mapping (tested), except that an object
    given twice is written out twice rather than as an anchor and an alias.
    """
    if not fields:
        return f"---\n{yaml.dump(fields, **_DUMP_OPTIONS)}---\n"
    parts = ["---\n"]
    for key, value in fields.items():
        value = _theme_value(key, value)
        if _remembered(value):
            parts.append(_scalar_field(key, value))
        elif isinstance(value, list) and value and all(_remembered(item) for item in value) and _list_head(key):
            parts.append(_list_head(key))
            parts += [_list_item(item) for item in value]
        else:
            parts.append(yaml.dump({key: value}, **_DUMP_OPTIONS))
    parts.append("---\n")
    return "".join(parts)


def _remembered(value: Any) -> bool:
    """A scalar whose dumped pieces are worth remembering."""
    if isinstance(value, str):
        return len(value) <= _REMEMBERED_LENGTH
    return value is None or isinstance(value, (bool, int))


# typed: 1 and True are equal keys to a plain cache, and dump differently.
@functools.lru_cache(maxsize=1 << 16, typed=True)
def _scalar_field(key: str, value: Any) -> str:
    return yaml.dump({key: value}, **_DUMP_OPTIONS)


@functools.lru_cache(maxsize=256)
def _list_head(key: str) -> str | None:
    """The key's line above a block sequence ("key:\n"); None if the key is not written
    as a plain line of its own (only a very long key, which YAML writes as "? key")."""
    whole = yaml.dump({key: [0]}, **_DUMP_OPTIONS)
    return whole[: -len("- 0\n")] if whole.endswith("\n- 0\n") else None


@functools.lru_cache(maxsize=1 << 16, typed=True)
def _list_item(item: Any) -> str:
    return yaml.dump([item], **_DUMP_OPTIONS)


def forget_front_matter_pieces() -> None:
    """Let go of the remembered pieces (25.5 MB at 12,000 articles): they pay off only in
    a process that renders the same pages again (`serve`)."""
    for cache in (_scalar_field, _list_head, _list_item):
        cache.cache_clear()


def _theme_value(key: str, value: Any) -> Any:
    if not isinstance(value, str) or key not in THEME_PRINTED_KEYS:
        return value
    value = theme_safe(value)
    return value.replace('"', "\uff02") if key in THEME_ATTRIBUTE_KEYS else value
