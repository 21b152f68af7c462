"""The search index: small JavaScript files that register their data with the search script.

Why JavaScript files: from ``file://`` a page may not ``fetch()`` another local file, but it
may load it with ``<script src>``. So every part of the index is a file that calls
``__newsdeskSearch.register(name, data)``; the search script adds the ``<script>`` tags it
needs, with URLs relative to the site root (so ``file://``, http and a sub-path behave the
same), and keeps what it loaded. Everything lives in ``docs/assets/search-index/``:

``manifest.js`` (always loaded, about 5 bytes a document)
    the document table (kind ranges, source, length, shortest-name length per document),
    the list of sources, and the first term of every term and position shard.
``t/<n>.js`` (term shards, about ``TERM_SHARD_BYTES`` each)
    consecutive terms (in sorted order) with their postings: per document the gap from
    the previous document id and ``tf * 4 + flags`` (bit 0: the term is in the title,
    bit 1: in another name of the document, such as an entity's alias).
``p/<n>.js`` (position shards, loaded only for a quoted phrase)
    the token positions of each term in each of its documents (stopwords have none).
``d/<n>.js`` (document chunks of ``DOCS_PER_CHUNK``)
    title, URL, date and a snippet, loaded only for the results on screen.

Numbers are written in a base-32 variable-length code on a 64-character alphabet (see
``varint``): one character for 0-31, two for 32-1023, and so on. The bytes depend only on
the documents (sorted keys, no timestamps), so an unchanged corpus rewrites nothing.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from operator import add, sub
from typing import Iterable, Sequence

from ..records import Page
from .tokenize import MAX_TERM, STOPWORDS, tokenize

INDEX_DIR = "assets/search-index"
FORMAT = 1
KINDS = ("article", "person", "organization", "place", "page")
TERM_SHARD_BYTES = 24_000
POSITION_SHARD_BYTES = 48_000
DOCS_PER_CHUNK = 16
SNIPPET_CHARS = 180
FIELD_GAP = 50  # positions skipped between title, names and text: no phrase spans two fields
TITLE, NAME = 1, 2

# Terminal digits (value 0-31) then continuation digits (32-63): "0".."V", "W".."z", "-", "_".
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
_DECODE = {c: i for i, c in enumerate(ALPHABET)}


@dataclass(frozen=True)
class SearchDoc:
    """One searchable page. ``url`` is the docs-relative HTML path ("articles/x.html")."""

    url: str
    title: str
    kind: str  # one of KINDS
    source: str | None = None
    date: str | None = None  # ISO, "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    text: str = ""
    names: Sequence[str] = field(default_factory=tuple)  # entity names and aliases
    snippet: str | None = None  # shown under the title; default: the start of ``text``


def varint(n: int) -> str:
    """``n >= 0`` in the index's number code: big-endian groups of 5 bits, the last one
    terminal (0-31), the others continuation (32-63)."""
    if 0 <= n < 1024:
        return _SMALL[n]
    return _varint(n)


def _varint(n: int) -> str:
    if n < 0:
        raise ValueError(f"negative number in the search index: {n}")
    out = [ALPHABET[n & 31]]
    n >>= 5
    while n:
        out.append(ALPHABET[32 + (n & 31)])
        n >>= 5
    return "".join(reversed(out))


_SMALL = tuple(_varint(n) for n in range(1024))
_ONCE = tuple("1" + code for code in _SMALL)  # the positions of a term found once in a document


def decode_varints(code: str) -> list[int]:
    values, value = [], 0
    for char in code:
        digit = _DECODE[char]
        if digit >= 32:
            value = value * 32 + digit - 32
        else:
            values.append(value * 32 + digit)
            value = 0
    return values


def utf16_key(term: str) -> bytes:
    """Sort key matching JavaScript's string comparison (UTF-16 code units)."""
    return term.encode("utf-16-be")


def script(name: str, data) -> str:
    """A shard file: one call of the search script's registration function."""
    body = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return f"__newsdeskSearch.register({json.dumps(name)},{body});\n"


_SPACE = re.compile(r"\s+")


def snippet_of(doc: SearchDoc) -> str:
    text = _SPACE.sub(" ", doc.snippet if doc.snippet is not None else doc.text).strip()
    if len(text) <= SNIPPET_CHARS:
        return text
    cut = text.rfind(" ", 0, SNIPPET_CHARS)
    return text[: cut if cut > SNIPPET_CHARS // 2 else SNIPPET_CHARS].rstrip(" ,;:") + " …"


def _check(docs: Sequence[SearchDoc]) -> None:
    seen: set[str] = set()
    for doc in docs:
        if doc.kind not in KINDS:
            raise ValueError(f"{doc.url}: search kind {doc.kind!r} is not one of {KINDS}")
        if doc.url in seen:
            raise ValueError(f"{doc.url}: two search documents have this URL")
        seen.add(doc.url)


def ordered(docs: Iterable[SearchDoc]) -> list[SearchDoc]:
    """Document ids: by kind, then date (documents of one period tend to be found together,
    so their postings gaps are small and their results share chunks), then URL."""
    return sorted(docs, key=lambda d: (KINDS.index(d.kind), d.date or "", d.url))


@dataclass(frozen=True)
class _DocTerms:
    """What one document adds to the index, already in the index's number code. A pure
    function of the document's title, names and text (not of its id or of the other
    documents), so it can be kept from one build to the next (``DocTermsCache``)."""

    length: int  # number of tokens, all fields
    name_length: int  # tokens of its shortest name (the title or another name), at most 63
    terms: tuple[str, ...]  # its distinct terms
    codes: tuple[str, ...]  # per term: varint(tf * 4 + flags)
    positions: tuple[str | None, ...]  # per term: count, then gaps between positions; None for a stopword


def _doc_terms(title: str, names: Sequence[str], text: str) -> _DocTerms:
    """Tokenise one document's fields into its terms, their flags and positions."""
    title_tokens = tokenize(title)
    shortest = len(title_tokens) or 63
    fields = [(title_tokens, TITLE)] + [(tokenize(n), NAME) for n in names] + [(tokenize(text), 0)]
    where: dict[str, list[int]] = defaultdict(list)
    flags: dict[str, int] = {}
    position = 0
    for tokens, flag in fields:
        if flag == NAME and tokens:
            shortest = min(shortest, len(tokens))
        for at, token in enumerate(tokens, position):
            where[token].append(at)
        if flag:
            for token in tokens:
                flags[token] = flags.get(token, 0) | flag
        position += len(tokens) + FIELD_GAP
    return _DocTerms(
        length=sum(len(tokens) for tokens, _ in fields),
        name_length=min(shortest, 63),
        # One string object per distinct term, not one per document that has it: the cache
        # holds a million of these at 6,000 articles.
        terms=tuple(map(sys.intern, where)),
        codes=tuple(varint(len(found) * 4 + flags.get(term, 0)) for term, found in where.items()),
        positions=tuple(None if term in STOPWORDS else _encode_positions(found) for term, found in where.items()),
    )


def _encode_positions(found: list[int]) -> str:
    """One document's positions of one term: their count, then the gaps between them."""
    if len(found) == 1:  # most terms of a document: no gaps to compute, a shared string
        return _ONCE[found[0]] if found[0] < len(_ONCE) else "1" + varint(found[0])
    return varint(len(found)) + "".join(map(varint, map(sub, found, [0, *found[:-1]])))


class DocTermsCache:
    """``_doc_terms`` of each document, kept from the previous build by a long-running
    ``mkdocs serve`` (``pipeline.Session``), which then tokenises only the documents that
    changed. Only the entries of the latest build are kept, so memory follows the corpus
    instead of growing (about 45 MB at 6,000 articles, besides the texts it holds as keys)."""

    def __init__(self) -> None:
        self._entries: dict[tuple, _DocTerms] = {}

    def analyse(self, docs: Sequence[SearchDoc]) -> list[_DocTerms]:
        """``_doc_terms`` of each of ``docs``, in order; these become the cache's entries."""
        keys = [(doc.title, tuple(doc.names), doc.text) for doc in docs]  # all that _doc_terms reads
        previous, current = self._entries, {}
        for key in keys:
            if key not in current:
                current[key] = previous.get(key) or _doc_terms(*key)
        self._entries = current
        return [current[key] for key in keys]


@dataclass
class _Analysis:
    # term -> for each document that has it, in id order: its id, varint(tf * 4 + flags) and
    # its encoded positions (None for a stopword), one after the other in one flat list
    postings: dict[str, list]
    lengths: list[int]
    name_lengths: list[int]


def _analyse(docs: list[SearchDoc], remembered: DocTermsCache | None = None) -> _Analysis:
    """Each document's terms gathered by term, in document order."""
    postings: dict[str, list] = defaultdict(list)
    analyses = (remembered or DocTermsCache()).analyse(docs)
    for doc_id, doc in enumerate(analyses):
        for term, code, found in zip(doc.terms, doc.codes, doc.positions):
            # A flat list per term rather than a tuple per posting: a million fewer objects
            # to make, track and free at 6,000 articles.
            row = postings[term]
            row.append(doc_id)
            row.append(code)
            row.append(found)
    return _Analysis(postings, [a.length for a in analyses], [a.name_length for a in analyses])


def _encode_postings(row: list) -> str:
    """A term's postings (row from ``_Analysis.postings``): per document, the gap from the
    previous document id and varint(tf * 4 + flags)."""
    ids = row[::3]
    gaps = map(sub, ids, [0, *ids[:-1]])
    return "".join(map(add, map(varint, gaps), row[1::3]))


def _join_positions(row: list) -> str:
    """A term's positions (row from ``_Analysis.postings``), one document after another."""
    return "".join(row[2::3])


def _shards(entries: list[tuple[str, str]], target: int) -> list[list[tuple[str, str]]]:
    """Consecutive runs of (term, code) of about ``target`` bytes (a bigger term alone)."""
    shards: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    size = 0
    for term, code in entries:
        cost = len(term.encode()) + len(code) + 6
        if current and size + cost > target:
            shards.append(current)
            current, size = [], 0
        current.append((term, code))
        size += cost
    if current:
        shards.append(current)
    return shards


def build_search_files(docs: Iterable[SearchDoc], remembered: DocTermsCache | None = None) -> dict[str, str]:
    """The index files, path (relative to ``INDEX_DIR``) -> content. With ``remembered``,
    documents whose title, names and text it holds from the previous call are not
    tokenised again."""
    docs = list(docs)
    _check(docs)
    docs = ordered(docs)
    analysis = _analyse(docs, remembered)
    terms = sorted(analysis.postings, key=utf16_key)
    files: dict[str, str] = {}

    term_shards = _shards([(t, _encode_postings(analysis.postings[t])) for t in terms], TERM_SHARD_BYTES)
    for n, shard in enumerate(term_shards):
        files[f"t/{n}.js"] = script(f"t/{n}", dict(shard))
    positional = [t for t in terms if t not in STOPWORDS]
    position_shards = _shards([(t, _join_positions(analysis.postings[t])) for t in positional], POSITION_SHARD_BYTES)
    for n, shard in enumerate(position_shards):
        files[f"p/{n}.js"] = script(f"p/{n}", dict(shard))
    for n in range(0, len(docs), DOCS_PER_CHUNK):
        chunk = [[d.title, d.url, d.date or "", snippet_of(d)] for d in docs[n : n + DOCS_PER_CHUNK]]
        files[f"d/{n // DOCS_PER_CHUNK}.js"] = script(f"d/{n // DOCS_PER_CHUNK}", chunk)

    sources = sorted({d.source for d in docs if d.source}, key=lambda s: (s.casefold(), s))
    source_ids = {s: i + 1 for i, s in enumerate(sources)}
    kind_ranges = []
    for kind in KINDS:
        ids = [i for i, d in enumerate(docs) if d.kind == kind]
        if ids:
            kind_ranges.append([kind, ids[0], ids[-1] + 1])
    build_id = _digest_of(files)
    manifest = {
        "format": FORMAT,
        "id": build_id,
        "docs": len(docs),
        "kinds": kind_ranges,
        "sources": sources,
        "source": "".join(varint(source_ids.get(d.source, 0)) for d in docs),
        "length": "".join(varint(n) for n in analysis.lengths),
        "names": "".join(varint(n) for n in analysis.name_lengths),
        "terms": [shard[0][0] for shard in term_shards],
        "positions": [shard[0][0] for shard in position_shards],
        "chunk": DOCS_PER_CHUNK,
        "stopwords": sorted(STOPWORDS),
        "maxTerm": MAX_TERM,
        "fieldGap": FIELD_GAP,
    }
    files["manifest.js"] = script("manifest", manifest)
    return files


def _digest_of(files: dict[str, str]) -> str:
    """The index's id: sha256 of every path and content, NUL after each, in path order.
    Fed file by file: the whole index as one string was the render stage's largest
    allocation after corpus.json (a copy of the index, then its encoding)."""
    digest = hashlib.sha256()
    for path, content in sorted(files.items()):
        digest.update(f"{path}\0{content}\0".encode())
    return digest.hexdigest()[:12]


def build_search_pages(docs: Iterable[SearchDoc], remembered: DocTermsCache | None = None) -> list[Page]:
    """The index as pages to write under docs/ (``assets/search-index/...``)."""
    files = build_search_files(docs, remembered)
    return [Page(f"{INDEX_DIR}/{path}", content) for path, content in sorted(files.items())]
