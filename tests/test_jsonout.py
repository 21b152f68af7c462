"""JSON written one record per line (newsdesk.jsonout): the same data, line by line."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.jsonout import Rows, dumps_by_line, encode_by_line

_SCALARS = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
_VALUES = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
                       max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(), _VALUES, max_size=6))
def test_reads_back_as_the_same_data(document: dict) -> None:
    text = dumps_by_line(document)
    assert json.loads(text) == document
    assert list(json.loads(text)) == list(document)  # keys in their order
    assert text.endswith("}\n")


def test_one_record_per_line() -> None:
    document = {"generator": "x", "articles": [{"slug": "a", "text": ["line\none", "é"]}, {"slug": "b"}],
                "files": {"a.md": "1", "b.md": "2"}, "empty": [], "none": {}}
    assert dumps_by_line(document) == (
        '{\n"generator":"x",\n"articles":[\n{"slug":"a","text":["line\\none","é"]},\n{"slug":"b"}\n],\n'
        '"files":{\n"a.md":"1",\n"b.md":"2"\n},\n"empty":[],\n"none":{}\n}\n'
    )


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.text(), _VALUES, max_size=6))
def test_encoded_with_rows_is_the_same_text(document: dict) -> None:
    """``encode_by_line`` gives dumps_by_line's text as UTF-8, with every list given as
    Rows made while written (corpus.json's records) as with the list itself."""
    made = []

    def rows_of(items: list) -> Rows:
        def make():
            for item in items:
                made.append(item)
                yield item
        return Rows(len(items), make)

    lazy = {key: rows_of(value) if isinstance(value, list) else value for key, value in document.items()}
    assert encode_by_line(lazy) == dumps_by_line(document).encode("utf-8")
    assert encode_by_line(document) == dumps_by_line(document).encode("utf-8")
    assert len(made) == sum(len(v) for v in document.values() if isinstance(v, list))


def test_rows_that_make_another_number_of_records_are_refused() -> None:
    with pytest.raises(ValueError, match="made 1 records, not the 2 announced"):
        encode_by_line({"articles": Rows(2, lambda: iter([{"slug": "a"}]))})
