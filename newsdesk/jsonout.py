"""Large JSON files written one record per line: corpus.json and the build's state files.

``json.dumps(..., indent=...)`` goes through the json module's pure-Python encoder (its C
encoder only writes unindented JSON): at 6,000 articles, encoding corpus.json (44 MB) that
way took 1.6 to 2.1 s of every build, an edited seed's too; this takes 0.6 to 0.9 s.
``dumps_by_line`` writes each record with the C encoder and puts one record per line, so
the file still reads and diffs line by line.

``encode_by_line`` writes the same text as UTF-8 bytes, and takes lists given as
``Rows``: records made one at a time while they are written. corpus.json's records, held
all at once as dicts and then as encoded text in several joined copies, were the build's
largest short-lived allocation: 319 MB above what the build kept, at 6,000 articles
(measured with tracemalloc), in the step where memory peaks.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator
from typing import Any


class Rows:
    """A list of ``count`` records that ``make`` yields one by one when it is written:
    a record exists only while it is encoded."""

    def __init__(self, count: int, make: Callable[[], Iterable[Any]]) -> None:
        self.count, self.make = count, make

    def __len__(self) -> int:
        return self.count

    def __iter__(self) -> Iterator[Any]:
        made = 0
        for record in self.make():
            made += 1
            yield record
        if made != self.count:  # the opening line was chosen from the count
            raise ValueError(f"Rows made {made} records, not the {self.count} announced")


def dumps_by_line(document: dict[str, Any]) -> str:
    """``document`` as JSON text: one top-level key per line, and a list or object value
    opened on that line with one item (or key and value) on each line after it. Keys keep
    their order; ``ensure_ascii`` is off, as in the rest of newsdesk's output. Ends with a
    newline."""
    return "".join(_pieces(document))


def encode_by_line(document: dict[str, Any]) -> bytes:
    """``dumps_by_line(document)`` encoded as UTF-8, made piece by piece; a value may be
    ``Rows``, written as a list."""
    out = bytearray()
    for piece in _pieces(document):
        out += piece.encode("utf-8")
    return bytes(out)


def _pieces(document: dict[str, Any]) -> Iterator[str]:
    value = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    yield "{\n"
    for index, (key, item) in enumerate(document.items()):
        comma = "," if index < len(document) - 1 else ""
        if isinstance(item, (list, Rows)) and len(item):
            yield f"{value(key)}:[\n"
            last = len(item) - 1
            for number, element in enumerate(item):
                yield value(element) + (",\n" if number < last else "\n")
            yield f"]{comma}\n"
        elif isinstance(item, dict) and item:
            yield f"{value(key)}:{{\n"
            last = len(item) - 1
            for number, (k, v) in enumerate(item.items()):
                yield f"{value(k)}:{value(v)}" + (",\n" if number < last else "\n")
            yield f"}}{comma}\n"
        else:
            yield f"{value(key)}:{value([] if isinstance(item, Rows) else item)}{comma}\n"
    yield "}\n"
