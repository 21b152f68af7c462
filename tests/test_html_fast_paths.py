"""The fast paths of rendering write exactly what the plain calls would: HTML text and
links (``render.html``)."""

from __future__ import annotations

import html as std_html
import re

from hypothesis import given
from hypothesis import strategies as st

from newsdesk.render import html
from newsdesk.slugs import html_path, relative_link

# Strings markup would read as something else: quotes, ampersands and angle brackets, line
# breaks, tabs, control characters, non-ASCII, and very long ones.
TRICKY = st.sampled_from([
    "", " ", "-", "- x", "--- x", "...", "#", "# x", "a #b", "a: b", "a:b", ":", "? x", "!x", "&a", "*a", "|", ">",
    "'", '"', "''", "'a'", '"a"', "\\", "\\n", "\n", "a\nb", "a\n\nb", " a", "a ", "\t", "a\tb", "\r\n", "\x00", "\x85",
    "\u2028", "\ufeff", "é", "日本", "😀", "null", "~", "true", "no", "on", "yes", "Y", "1", "-1", "0x1F", "1e5",
    "1_000", ".inf", "2020-01-03", "2020-01-03 10:00", "12:30", "@x", "`x`", "%x", "{a}", "[a]", "a, b", "<b>&amp;",
    "x" * 10_050, ("word " * 2_100).strip(), "a " * 5_010 + "\n b",
])
TEXT = st.one_of(TRICKY, st.text(max_size=40), st.lists(TRICKY, max_size=4).map("".join))

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


@given(TEXT)
def test_html_text_is_the_escaped_text(value: str) -> None:
    plain = std_html.escape(_CONTROL.sub("", value.replace("\n", " ").replace("\t", " ")), quote=True)
    assert html.text(value) == plain


@given(TEXT, st.sampled_from(["index.md", "people/a.md", "people/b.md", "articles/x.md", "a/b/c.md", "timeline/2020.md"]),
       st.sampled_from(["articles/y.md", "people/a.md", "index.md", "data/corpus.json", "a/b/d.md"]))
def test_a_remembered_link_is_the_link_made_anew(label: str, from_path: str, to_path: str) -> None:
    made = f'<a href="{relative_link(from_path, html_path(to_path))}">{html.text(label)}</a>'
    assert html.link(label, from_path, to_path) == made
    assert html.link(label, from_path, to_path) == made  # the second time from memory
