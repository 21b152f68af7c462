"""Property tests (Hypothesis): arbitrary Unicode seed text is published without losing a
line, and the site builds with `mkdocs build --strict`.

The property, for any seed text (any Unicode scalar value, with lots of markup punctuation,
line breaks of every kind, bidi and zero-width characters mixed in), written as UTF-8,
UTF-8 with a BOM or UTF-16:

- the seed is published, or refused *only* for the reasons the reading policy gives
  (NUL bytes in UTF-8: binary; more than 5% control characters: binary; nothing visible
  left after the text policy: empty);
- every non-blank line of the seed appears, as text, either in the rendered article page
  or in its list of removed lines. Both sides are compared after the documented text
  policy (newsdesk/read.py: line ends made ``\\n``; control characters, bidirectional
  embeddings/overrides/isolates, zero-width and other invisible characters, tag
  characters and noncharacters removed; NFC) and whitespace normalisation. The policy is
  written out again here, independently of the code, so a change to either shows up.

``test_pipeline_keeps_every_line`` runs the pipeline in process (several seeds per
example, the generated Markdown rendered with Python-Markdown and the extensions MkDocs
uses); ``test_mkdocs_build_strict_keeps_every_line`` builds a project of many generated
seeds with the real `newsdesk build --strict` (MkDocs + Material) for a few examples.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import unicodedata
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .conftest import NEWSDESK, ROOT, make_project

# --------------------------------------------------------------------------- the policy, restated

LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
REMOVED = re.compile(
    "[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f"  # control characters (tab and line ends stay)
    "\u202a-\u202e\u2066-\u2069"  # bidirectional embeddings, overrides, isolates
    "\u200b\u2060-\u2064\u206a-\u206f\ufeff\u180e\ufff9-\ufffb\U000e0000-\U000e007f"  # invisible
    "\ufdd0-\ufdef\ufffe\uffff]"  # noncharacters (plane 0; the others below)
)
BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")


def policy(text: str) -> str:
    text = REMOVED.sub("", LINE_BREAKS.sub("\n", text))
    text = "".join(c for c in text if (ord(c) & 0xFFFE) != 0xFFFE)  # noncharacters of every plane
    return unicodedata.normalize("NFC", text)


def squash(text: str) -> str:
    return " ".join(text.split())


def expected_refusal(text: str, encoding: str) -> str | None:
    """Why the reading policy refuses this seed, or None if it must be published."""
    if encoding == "utf-8" and "\x00" in text:
        return "binary"
    controls = len(BINARY_CONTROLS.findall(text))
    if controls > 8 and controls > 0.05 * len(text):
        return "binary"
    if not policy(text).strip():
        return "empty"
    return None


# --------------------------------------------------------------------------- strategies

MARKUP = list("<>&[]()!*_`{}#|~^=+$:;-./\\\"'%@ \t") + ["\n", "\r", "\x85", "\u2028", "\u202e", "\u2066",
                                                         "\u200b", "\ufeff", "\x00", "\x1b", "\u0301", "ﬁ", "Ａ"]
CHARACTERS = st.one_of(
    st.characters(exclude_categories=("Cs",)),  # any scalar value
    st.sampled_from(MARKUP),
    st.characters(min_codepoint=0x20, max_codepoint=0x7E),
)
LINE = st.text(alphabet=CHARACTERS, max_size=120)
# A line with a visible word, so a seed built around it is never empty.
WORDY = st.from_regex(r"[A-Z][a-z]{2,9}( [a-z]{2,9}){2,12}[.!?]?", fullmatch=True)


# Lines the cleaner and the metadata extractor act on (boilerplate, bylines, datelines,
# captions, a masthead), so the removed-lines audit and the header are exercised too.
NEWSY = st.one_of(
    st.sampled_from(["ADVERTISEMENT", "Read more:", "Most Read", "Subscribe now", "Share this article", "Updated 12:30 PM ET",
                     "By Jane Doe and John Roe", "The Daily Beast", "Photo: Reuters", "WASHINGTON (AP) —", "Join the conversation",
                     "(Video: CNN)", "Click here to sign up", "June 3, 2014", "Posted on Monday, 5:56 p.m."]),
    st.builds(lambda a, b: f"{a} {b}", st.sampled_from(["By", "BAGHDAD —", "Photo:", "Updated", "“", "Read more:"]), LINE),
)


@st.composite
def seed_texts(draw, publishable: bool = False) -> str:
    lines = draw(st.lists(st.one_of(LINE, WORDY, NEWSY), min_size=1, max_size=14))
    if publishable:
        lines.insert(0, draw(WORDY))
    separators = draw(st.lists(st.sampled_from(["\n", "\n\n", "\r\n", "\r", "\u2028", "\n \n"]), min_size=len(lines), max_size=len(lines)))
    return "".join(line + sep for line, sep in zip(lines, separators))


ENCODINGS = st.sampled_from(["utf-8", "utf-8-sig", "utf-16"])


# --------------------------------------------------------------------------- checking a page


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def html_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    parser.close()
    return squash("".join(parser.parts))


def missing_lines(seed_text: str, shown: str) -> list[str]:
    return [line for line in policy(seed_text).split("\n") if squash(line) and squash(line) not in shown]


EXTENSIONS = ["toc", "tables", "admonition", "pymdownx.details", "md_in_html"]


def render_page(content: str) -> str:
    """The generated Markdown page as MkDocs renders its body (front-matter removed)."""
    assert content.startswith("---\n")
    body = content[content.index("\n---\n", 3) + 5:]
    return markdown.markdown(body, extensions=EXTENSIONS)


# --------------------------------------------------------------------------- in process


@pytest.fixture(scope="module")
def workspace(tmp_path_factory) -> Path:
    project = make_project(tmp_path_factory.mktemp("properties") / "p")
    return project


def reset(project: Path) -> None:
    for name in ("seeds", "docs", ".newsdesk"):
        shutil.rmtree(project / name, ignore_errors=True)
    (project / "seeds").mkdir()
    (project / "docs").mkdir()


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                  HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seeds=st.lists(st.tuples(seed_texts(), ENCODINGS), min_size=1, max_size=4))
def test_pipeline_keeps_every_line(workspace: Path, seeds: list[tuple[str, str]]) -> None:
    from newsdesk.config import load_settings
    from newsdesk.pipeline import build

    reset(workspace)
    for i, (text, encoding) in enumerate(seeds):
        (workspace / "seeds" / f"s{i}.txt").write_bytes(text.encode(encoding))
    result = build(load_settings(workspace))
    articles = {a.seed: a for a in result.corpus.articles}
    problems = {p.path: p.reason for p in result.corpus.problems}
    pages = {p.path: p.content for p in result.pages}
    for i, (text, encoding) in enumerate(seeds):
        path = f"seeds/s{i}.txt"
        refusal = expected_refusal(text, encoding)
        if refusal:
            said = {"binary": ("binary",), "empty": ("is empty", "no visible text")}[refusal]
            assert path in problems and any(s in problems[path] for s in said), (path, refusal, problems.get(path))
            continue
        assert path in articles, f"{path} not published: {problems.get(path)}"
        shown = html_text(render_page(pages[f"articles/{articles[path].slug}.md"]))
        assert missing_lines(text, shown) == [], (path, encoding)


# --------------------------------------------------------------------------- real MkDocs


class _Article(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "article":
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.parts.append(data)


@pytest.mark.slow
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                 HealthCheck.too_slow, HealthCheck.data_too_large])
@given(seeds=st.lists(st.tuples(seed_texts(publishable=True), ENCODINGS), min_size=12, max_size=12))
def test_mkdocs_build_strict_keeps_every_line(tmp_path_factory, seeds: list[tuple[str, str]]) -> None:
    import yaml

    project = make_project(tmp_path_factory.mktemp("strict") / "p")
    kept = []
    for i, (text, encoding) in enumerate(seeds):
        if "\x00" in text and encoding == "utf-8":
            text = text.replace("\x00", "")  # a NUL byte in UTF-8 is binary (refused, so --strict fails)
        if expected_refusal(text, encoding):
            continue
        (project / "seeds" / f"s{i:02d}.txt").write_bytes(text.encode(encoding))
        kept.append((f"seeds/s{i:02d}.txt", text))
    proc = subprocess.run([*NEWSDESK, "build", "--strict", "-C", str(project)], cwd=ROOT, capture_output=True,
                          text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, timeout=600)
    assert proc.returncode == 0, proc.stderr[-4000:]
    by_seed = {}
    for md in (project / "docs" / "articles").glob("*.md"):
        content = md.read_text("utf-8")
        meta = yaml.safe_load(content[4:content.index("\n---\n", 3)])
        if isinstance(meta, dict) and "seed" in meta:
            by_seed[meta["seed"]] = project / "site" / "articles" / f"{md.stem}.html"
    assert kept and set(by_seed) == {path for path, _ in kept}, (len(kept), sorted(by_seed))
    for path, text in kept:
        parser = _Article()
        parser.feed(by_seed[path].read_text("utf-8"))
        assert missing_lines(text, squash("".join(parser.parts))) == [], path
