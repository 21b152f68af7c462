"""JSON written one record per line (newsdesk.jsonout): the same data, line by line."""

from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdesk.jsonout import dumps_by_line

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
