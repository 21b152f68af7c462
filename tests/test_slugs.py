"""Every slug and path newsdesk generates: a table of inputs and expected outputs."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.slugs import article_path, is_safe_relative, relative_link, slugify, unique_slugs


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Kerry flies to Baghdad in last-ditch effort", "kerry-flies-to-baghdad-in-last-ditch-effort"),
        ("Iraq’s prime minister: “No”", "iraqs-prime-minister-no"),
        ("Café São Paulo", "cafe-sao-paulo"),
        ("../../etc/passwd", "etc-passwd"),
        (".hidden", "hidden"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("", "untitled"),
        ("!!!", "untitled"),
        ("Москва", "moskva"),
        ("A" * 200, "a" * 80),
    ],
)
def test_slugify(text: str, expected: str) -> None:
    assert slugify(text) == expected


def test_slug_fallback_and_length_at_word_boundary() -> None:
    assert slugify("???", fallback="000_abc") == "000_abc".replace("_", "-")
    long = slugify("word " * 40)
    assert len(long) <= 80 and not long.endswith("-")


def test_unique_slugs_in_order() -> None:
    assert unique_slugs(["a", "b", "a", "a"]) == ["a", "b", "a-2", "a-3"]
    assert unique_slugs(["index", "index"]) == ["index-2", "index-3"]  # never a folder's index page
    long = "x" * 80
    got = unique_slugs([long, long])
    assert got[1].endswith("-2") and len(got[1]) <= 80


@pytest.mark.parametrize(
    "from_path, to_path, expected",
    [
        ("index.md", "articles/a.md", "articles/a.md"),
        ("articles/index.md", "articles/a.md", "a.md"),
        ("articles/a.md", "sources.md", "../sources.md"),
        ("people/x.md", "articles/a.md", "../articles/a.md"),
    ],
)
def test_relative_link(from_path: str, to_path: str, expected: str) -> None:
    assert relative_link(from_path, to_path) == expected


@pytest.mark.parametrize(
    "path, safe",
    [("articles/a.md", True), ("index.md", True), ("../x.md", False), ("/etc/x", False), ("a/./b", False), ("", False), ("a\\b", False)],
)
def test_is_safe_relative(path: str, safe: bool) -> None:
    assert is_safe_relative(path) is safe


def test_article_path() -> None:
    assert article_path("abc") == "articles/abc.md"


_FOLDERS = st.lists(st.sampled_from(["a", "b", "articles", "people"]), max_size=3)
_FILE = st.sampled_from(["index.md", "x.md", "corpus.json"])


@given(_FOLDERS, _FILE, _FOLDERS, _FILE)
def test_relative_link_agrees_with_posixpath(source_dirs, source_file, target_dirs, target_file):
    """The fast relative link is exactly posixpath.relpath between two files of the site."""
    import posixpath

    from_path, to_path = "/".join([*source_dirs, source_file]), "/".join([*target_dirs, target_file])
    assert relative_link(from_path, to_path) == posixpath.relpath(to_path, posixpath.dirname(from_path) or ".")
