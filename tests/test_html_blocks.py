"""newsdesk's HTML blocks (render/html.py) and the Markdown extension that passes them
through unparsed (render/passthrough.py), with the real Python-Markdown."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError

from newsdesk.render import html

from .conftest import copy_bundled, run_newsdesk
from .test_markdown_escape import EXTRA_EXTENSIONS, HOSTILE, PROJECT_EXTENSIONS

WITHOUT = [e for e in PROJECT_EXTENSIONS if e != "newsdesk.render.passthrough"]


class _Parsed(HTMLParser):
    """Start tags (with attributes) and text, whitespace between tags ignored."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, tuple(attrs)))

    def handle_endtag(self, tag):
        self.events.append(("end", tag))

    def handle_data(self, data):
        if data.strip():
            self.events.append(("text", " ".join(data.split())))


def parsed(out: str) -> list[tuple]:
    parser = _Parsed()
    parser.feed(out)
    parser.close()
    return parser.events


def test_the_plugin_enables_the_extension() -> None:
    assert "newsdesk.render.passthrough" in PROJECT_EXTENSIONS  # (the plugin's extensions included)


def test_a_block_comes_out_byte_for_byte_and_is_not_parsed() -> None:
    inner = '<ul>\n<li>*not emphasis* [not](a-link.md) `nor code` &lt;b&gt;</li>\n</ul>'
    page = f"# Title\n\nSome *text*.\n\n{html.block(inner)}\n\nMore **text**.\n"
    out = markdown.markdown(page, extensions=PROJECT_EXTENSIONS)
    assert inner in out
    assert "<em>text</em>" in out and "<strong>text</strong>" in out  # the rest is still Markdown


def test_the_same_page_renders_the_same_without_the_extension() -> None:
    """A project built without the plugin gets the same page (more slowly): each block is
    also valid raw HTML for Markdown."""
    inner = html.box("info", "About", html.items([html.link("A & B", "articles/x.md", "people/y.md"), "two"]))
    page = f"# Title\n\n{html.block(inner)}\n\nText.\n\n{html.block(html.items(['x']))}\n"
    with_it = markdown.markdown(page, extensions=PROJECT_EXTENSIONS)
    without = markdown.markdown(page, extensions=WITHOUT)
    assert parsed(with_it) == [e for e in parsed(without) if e != ("text", "")]


def test_an_unclosed_or_doubly_opened_block_is_left_to_markdown() -> None:
    page = f"{html.OPEN}\n*a*\n\n{html.OPEN}\n*b*\n{html.CLOSE}\n\n*c*\n\n{html.OPEN}\n*d*\n"
    out = markdown.markdown(page, extensions=PROJECT_EXTENSIONS)
    assert "*b*" in out  # the one well-formed block, unparsed
    assert "<em>c</em>" in out and "<em>d</em>" in out


@pytest.mark.parametrize("value", HOSTILE + [html.OPEN, html.CLOSE, f"x\n{html.CLOSE}\n<script>alert(1)</script>"])
def test_text_in_a_block_shows_as_itself(value: str) -> None:
    block = html.block(html.items([html.text(value)]))
    for extensions in (PROJECT_EXTENSIONS, PROJECT_EXTENSIONS + EXTRA_EXTENSIONS):
        events = parsed(markdown.markdown(block, extensions=extensions))
        assert [e[1] for e in events if e[0] == "start"] == ["ul", "li"], (value, events)
        assert [e[1] for e in events if e[0] == "text"] == [" ".join(value.split())]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_text_in_a_link_shows_as_itself(value: str) -> None:
    block = html.block(html.items([html.link(value, "people/a.md", "articles/b.md")]))
    assert html.OPEN not in html.text(value) and html.CLOSE not in html.text(value)
    events = parsed(markdown.markdown(block, extensions=PROJECT_EXTENSIONS))
    assert [e for e in events if e[0] == "start"] == [("start", "ul", ()), ("start", "li", ()), ("start", "a", (("href", "../articles/b.html"),))]
    expected = " ".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value.replace("\t", " ")).split())
    assert "".join(e[1] for e in events if e[0] == "text") == expected


def test_urls_are_those_of_the_built_pages() -> None:
    assert html.url("articles/a.md", "people/b.md") == "../people/b.html"
    assert html.url("quotes.md", "articles/a.md") == "articles/a.html"
    assert html.url("timeline/2020.md", "timeline/index.md") == "index.html"
    with pytest.raises(ValueError):
        html.url("a.md", 'x" onclick="alert(1).md')


def test_the_plugin_refuses_directory_urls(tmp_path: Path) -> None:
    project = copy_bundled(tmp_path)
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text("utf-8").replace("use_directory_urls: false", "use_directory_urls: true"), "utf-8")
    config = load_config(str(config_file))
    with pytest.raises(PluginError, match="use_directory_urls: false"):
        config.plugins.on_config(config)


def test_generated_pages_hold_blocks_and_the_site_none_of_their_marks(tmp_path: Path) -> None:
    project = copy_bundled(tmp_path)
    run_newsdesk("build", "--strict", "-C", str(project))
    page = (project / "docs" / "people" / "qasem-soleimani.md").read_text("utf-8")
    assert page.count(html.OPEN) == page.count(html.CLOSE) >= 3
    built = (project / "site" / "people" / "qasem-soleimani.html").read_text("utf-8")
    assert html.OPEN not in built and "newsdesk:html" not in built
    assert '<h2 id="in-the-articles">In the articles</h2>' in built  # headings stay Markdown: in the TOC
    assert 'href="../articles/in-major-escalation-american-strike-kills-top-iranian-commander-in-baghdad.html"' in built


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=120), st.data())
def test_any_paragraph_with_links_shows_as_itself(value: str, data) -> None:
    """An article's paragraph (``html.paragraph``): the text as written, the linked spans
    as links and nothing else as markup, with or without the passthrough extension."""
    cuts = sorted(data.draw(st.sets(st.integers(0, len(value)), max_size=6)))
    spans = [(a, b) for a, b in zip(cuts[::2], cuts[1::2]) if b > a]
    links = [(a, b, html.url("articles/a.md", f"people/p{i}.md")) for i, (a, b) in enumerate(spans)]
    paragraph = html.paragraph(value, links)
    if not paragraph:  # nothing but spaces and control characters
        assert not html.text(value).strip()
        return
    for extensions in (PROJECT_EXTENSIONS, WITHOUT):
        events = parsed(markdown.markdown(html.block(paragraph), extensions=extensions))
        assert [e for e in events if e[0] == "start"] == [("start", "p", ())] + [
            ("start", "a", (("href", f"../people/p{i}.html"),)) for i, (a, b) in enumerate(spans) if html.text(value[a:b])
        ]
        # (``parsed`` trims the text of each node: compared without white space.)
        expected = "".join(re.sub(r"[\x00-\x08\x0b-\x1f\x7f]", "", value).split())
        assert "".join("".join(e[1] for e in events if e[0] == "text").split()) == expected
