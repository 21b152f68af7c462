"""Untrusted text through the real Python-Markdown (with this project's extensions and the
extensions users commonly add) must come out as exactly that text, never as markup."""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

import markdown
import pytest
import yaml
from hypothesis import given, settings
from mkdocs.utils.yaml import yaml_load
from hypothesis import strategies as st

from newsdesk.plugin import REQUIRED_EXTENSIONS
from newsdesk.render.markdown import escape, escape_line, front_matter, link, theme_safe

from .conftest import ROOT

_LISTED = [
    e if isinstance(e, str) else next(iter(e))
    for e in yaml_load((ROOT / "mkdocs.yml").read_text())["markdown_extensions"]  # MkDocs' loader knows !ENV
]
# What a build uses: mkdocs.yml's extensions and those the newsdesk plugin adds.
PROJECT_EXTENSIONS = _LISTED + [e for e in REQUIRED_EXTENSIONS if e not in _LISTED]
# What users often switch on: the escaping must hold for these too.
EXTRA_EXTENSIONS = [
    "attr_list", "md_in_html", "footnotes", "def_list", "abbr", "pymdownx.caret", "pymdownx.mark",
    "pymdownx.tilde", "pymdownx.keys", "pymdownx.betterem", "pymdownx.inlinehilite", "pymdownx.superfences",
    "pymdownx.tasklist", "pymdownx.smartsymbols",
]


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self.tags: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)

    def handle_data(self, data):
        self.text.append(data)


def render(md_text: str, extensions: list[str]) -> tuple[str, list[str]]:
    out = markdown.markdown(md_text, extensions=extensions)
    collector = _Collector()
    collector.feed(out)
    return "".join(collector.text), collector.tags


def squash(text: str) -> str:
    return " ".join(text.split())


HOSTILE = [
    "<script>alert(1)</script>",
    '<img src=x onerror="alert(1)">',
    "[click](javascript:alert(1))",
    "![x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "<a href='javascript:alert(1)'>x</a>",
    "<!-- a comment --> <![CDATA[ x ]]>",
    "<iframe src=//example.com></iframe>",
    "<svg onload=alert(1)><script>alert(1)</script></svg>",
    "<div style=\"width: expression(alert(1))\">x</div>",
    "---",
    "title: injected",
    "{{ config.site_name }} {% include 'x' %}",
    '!!! danger "admonition"',
    "??? note",
    '--8<-- "/etc/passwd"',
    "[TOC]",
    "Text {: onclick=alert(1) }",
    "# not a heading",
    "> not a quote",
    "1. not a list",
    "- not a list",
    "* not a list",
    "    not code",
    "`not code`",
    "*not emphasis* _nor this_ **nor this**",
    "a | table | row",
    "==mark== ^^ins^^ ~~del~~ ++ctrl+alt++ $x$",
    "[^1] footnote ref",
    "Term\n: definition",
    "AT&T &amp; &lt;b&gt; &#60;script&#62;",
    "<https://example.com> https://example.com",
    "\\*escaped\\* \\\\ backslashes",
    "*[HTML]: Hyper Text",
    "=== not a setext underline",
    "/// admonition",
    "[link][ref]\n\n[ref]: javascript:alert(1)",
]


@pytest.mark.parametrize("text", HOSTILE)
@pytest.mark.parametrize("extensions", [PROJECT_EXTENSIONS, PROJECT_EXTENSIONS + EXTRA_EXTENSIONS], ids=["project", "common"])
def test_hostile_line_renders_as_its_own_text(text: str, extensions: list[str]) -> None:
    for line in text.split("\n"):
        got, tags = render(escape_line(line), extensions)
        assert squash(got) == squash(line)
        assert set(tags) <= {"p"}, (line, tags)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_line_renders_as_itself(text: str) -> None:
    line = text.replace("\n", " ")
    got, tags = render(escape_line(line), PROJECT_EXTENSIONS + EXTRA_EXTENSIONS)
    expected = re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", line)
    assert squash(got) == squash(expected)
    assert set(tags) <= {"p"}


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("<>&[]()!*_`{}#|~^=+$:;-./\\\"' ax1\t")), max_size=40))
def test_punctuation_soup_renders_as_itself(text: str) -> None:
    got, tags = render(escape_line(text), PROJECT_EXTENSIONS + EXTRA_EXTENSIONS)
    assert squash(got) == squash(text.replace("\t", " "))
    assert set(tags) <= {"p"}


def test_link_escapes_its_text_and_refuses_odd_targets() -> None:
    got, tags = render(link("<b>[x]</b>", "../articles/a.md"), PROJECT_EXTENSIONS)
    assert got == "<b>[x]</b>" and tags == ["p", "a"]
    with pytest.raises(ValueError):
        link("x", "javascript:alert(1) (x)")


@pytest.mark.parametrize(
    "text",
    ["</title><script>alert(1)</script>", "&lt;/title&gt;&lt;script&gt;alert(1)&lt;/script&gt;", "a < b & c > d"],
)
def test_theme_safe_values_survive_striptags_and_raw_printing(text: str) -> None:
    from markupsafe import Markup

    safe = theme_safe(text)
    assert "<" not in safe and ">" not in safe
    # Material prints `page.title | striptags` into <title>: striptags unescapes entities.
    assert "<" not in Markup(safe).striptags()


def test_front_matter_keeps_dates_as_text_and_round_trips() -> None:
    fields = {"title": "A: b # c", "published": "2020-01-03", "authors": ["X"], "words": 3, "n": None}
    block = front_matter(fields)
    assert block.startswith("---\n") and block.endswith("---\n")
    assert yaml.safe_load(block.strip("-\n")) == fields


# Values like the ones pages carry, and the ones YAML treats specially: words it reads as
# other types, indicators, quotes, line breaks of every kind, long text, nesting.
_YAML_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "null", "~", "true", "No", "1e3", "0x1F", "2020-01-03", "- a", "a: b", "#c", "'q'", '"q"',
                     "a\nb", "a\u2028b", "x\x85y", "tab\there", " lead", "trail ", "@at", "%p", "!tag", "*alias",
                     "&anchor", "{x}", "[y]", "a" * 199, "b" * 200, "c" * 201, "w " * 6000, "l\n" * 4000, "é ü 中文", "\ufeffbom"]),
    st.text(min_size=190, max_size=230),
)
_YAML_SCALAR = st.one_of(_YAML_TEXT, st.integers(), st.booleans(), st.none())
_YAML_VALUE = st.one_of(_YAML_SCALAR, st.lists(_YAML_SCALAR, max_size=5), st.lists(st.lists(_YAML_SCALAR, max_size=2), max_size=2),
                        st.dictionaries(st.sampled_from(["a", "b"]), _YAML_SCALAR, max_size=2))


@settings(max_examples=400, deadline=None)
@given(st.dictionaries(st.sampled_from(["name", "kind", "articles", "people", "summary", "words", "tags", "x y", "k" * 130]),
                       _YAML_VALUE, max_size=6))
def test_front_matter_is_the_same_text_as_one_yaml_dump(fields: dict) -> None:
    # front_matter dumps the fields piece by piece, remembering pieces; the text must be
    # what a single dump of the whole mapping writes (no value here is given twice).
    # (libyaml's emitter, as front_matter uses, where PyYAML has it: it writes some
    # characters differently from the pure-Python one.)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    whole = yaml.dump(fields, Dumper=dumper, sort_keys=False, allow_unicode=True, width=10_000)
    assert front_matter(fields) == f"---\n{whole}---\n"


def test_escape_is_inline_only() -> None:
    assert "\n" not in escape("a\nb")
    assert html.unescape(escape("x < y")) == "x < y"


@pytest.mark.parametrize("description", [
    '!!! danger "Not an admonition"',
    "??? note",
    "- not a list",
    "1. not a list",
    "---",
    "# not a heading",
    '"><script>alert(1)</script><meta x="',
    "AT&T &amp; &#60;b&#62; <b>bold</b>",
])
def test_an_entity_description_is_shown_as_its_theme_safe_text(description: str) -> None:
    """A description from entities.yml is one paragraph of text on the entity page, in the
    same theme-safe form as in the page's front-matter (full-width < > and &), never a
    block of markup (an admonition, a list, a rule) nor a tag."""
    from newsdesk.records import Corpus, Entity
    from newsdesk.render.entities import EntityContext, render_entity

    entity = Entity("ann-lee", "Ann Lee", "person", (), 1, (), description=description)
    page = render_entity(entity, EntityContext(Corpus(articles=(), entities=(entity,))))
    meta_block, body = page.content[4:].split("\n---\n", 1)
    assert yaml.safe_load(meta_block)["description"] == theme_safe(description).replace('"', "\uff02")
    out = markdown.markdown(body, extensions=PROJECT_EXTENSIONS)
    paragraphs = re.findall(r"<p>(.*?)</p>", out, re.S)  # (the kicker above it has a class)
    assert len(paragraphs) == 1, out
    collector = _Collector()
    collector.feed(paragraphs[0])
    assert collector.tags == [] and "".join(collector.text) == theme_safe(description)
    blocks = {tag for tag in render(body, PROJECT_EXTENSIONS)[1] if tag not in ("h1", "h2", "p", "div")}
    assert blocks == set(), blocks
