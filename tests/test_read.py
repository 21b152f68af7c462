"""Reading seeds: encodings, line ends, normalisation, sidecars, front-matter, refusals."""

from __future__ import annotations

import os
import unicodedata
from pathlib import Path

import pytest

from newsdesk.read import SeedError, decode, find_seeds, normalise, read_seed, strip_invisible

TEXT = "“Café” — naïve 5 °C, it’s 100 €\nSecond line\n"


@pytest.mark.parametrize(
    "data, encoding",
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (b"\xef\xbb\xbf" + TEXT.encode("utf-8"), "utf-8 (BOM)"),
        (b"\xff\xfe" + TEXT.encode("utf-16-le"), "utf-16-le (BOM)"),
        (b"\xfe\xff" + TEXT.encode("utf-16-be"), "utf-16-be (BOM)"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),
        (TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decode_common_encodings(data: bytes, encoding: str) -> None:
    text, found = decode(data)
    assert text == TEXT
    assert found == encoding


@pytest.mark.parametrize("text, encoding", [
    (TEXT, "utf-32-le (BOM)"),
    # FF FE 00 00 is also UTF-16-LE's byte-order mark before the character U+0000
    # (found by the property tests): as UTF-32 these do not decode, or give U+A003B.
    ("\x0000\n", "utf-16-le (BOM)"),
    ("\x00;\n", "utf-16-le (BOM)"),
    ("\x00\n", "utf-16-le (BOM)"),
])
def test_utf32_le_and_utf16_le_starting_with_nul_share_a_bom(text: str, encoding: str) -> None:
    data = text.encode("utf-32" if encoding.startswith("utf-32") else "utf-16")  # with a little-endian BOM here
    assert data.startswith(b"\xff\xfe\x00\x00")
    assert decode(data) == (text, encoding)


def test_a_few_bytes_with_nuls_are_binary_not_utf16_without_a_bom() -> None:
    with pytest.raises(ValueError, match="binary"):
        decode("\x00\x80\n".encode("utf-8"))  # also UTF-16-BE "Â耊" (found by the property tests)
    assert decode("Baghdad\n".encode("utf-16-be")) == ("Baghdad\n", "utf-16-be")  # eight characters: text


def test_latin1_text_reads_as_its_characters() -> None:
    text = "Zürich, São Paulo and Ærø: à la carte, façade, résumé. " * 3
    assert decode(text.encode("latin-1"))[0] == text


def test_binary_is_refused() -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10" + bytes(range(256))
    with pytest.raises(ValueError, match="binary"):
        decode(png)


def test_normalise_line_ends_nfc_and_trailing_space() -> None:
    decomposed = unicodedata.normalize("NFD", "café")
    got = normalise(f"\ufeffa  \r\nb\rc\u2028{decomposed}\x07\n\n\n")
    assert got == "a\nb\nc\ncafé\n"


def _seed(tmp_path: Path, name: str, data: bytes | str) -> Path:
    seeds = tmp_path / "seeds"
    seeds.mkdir(exist_ok=True)
    path = seeds / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return path


def test_read_seed_with_sidecar(tmp_path: Path) -> None:
    path = _seed(tmp_path, "a.txt", "Headline\n\nBody text.\n")
    _seed(tmp_path, "a.yml", 'published: 2020-01\ntitle: "Mine"\ntags: [iraq, iran]\n')
    seed, warnings = read_seed(path, tmp_path)
    assert warnings == []
    assert seed.path == "seeds/a.txt"
    assert seed.sidecar == {"published": "2020-01", "title": "Mine", "tags": ["iraq", "iran"]}
    assert len(seed.sha256) == 64 and len(seed.sidecar_sha256) == 64


@pytest.mark.parametrize(
    "sidecar, message",
    [
        ("title: [a, b]\n", "'title' must be text"),
        ("colour: red\n", "unknown key 'colour'"),
        ("published: last week\n", "YYYY"),
        ("a: &x [1]\nb: *x\n", "aliases"),
        ("title: 'unclosed\n", "invalid YAML"),
        ("- a list\n", "mapping"),
    ],
)
def test_bad_sidecar_is_a_warning_naming_the_file(tmp_path: Path, sidecar: str, message: str) -> None:
    path = _seed(tmp_path, "a.txt", "Headline\n\nBody text.\n")
    _seed(tmp_path, "a.yml", sidecar)
    seed, warnings = read_seed(path, tmp_path)
    assert seed.sidecar == {}
    assert len(warnings) == 1 and warnings[0].startswith("seeds/a.yml: sidecar ignored") and message in warnings[0]


def test_published_date_in_sidecar_is_read_as_text(tmp_path: Path) -> None:
    path = _seed(tmp_path, "a.txt", "Headline\n\nBody.\n")
    _seed(tmp_path, "a.yml", "published: 2020-01-03\n")
    assert read_seed(path, tmp_path)[0].sidecar == {"published": "2020-01-03"}


def test_md_seed_front_matter(tmp_path: Path) -> None:
    path = _seed(tmp_path, "a.md", "---\ntitle: From front-matter\nsource: Somewhere\n---\nHeadline\n\nBody text here.\n")
    seed, warnings = read_seed(path, tmp_path)
    assert warnings == []
    assert seed.front_matter == {"title": "From front-matter", "source": "Somewhere"}
    assert seed.text == "Headline\n\nBody text here.\n"


@pytest.mark.parametrize("data, reason", [(b"", "empty"), (b" \n\t\n", "empty"), (b"\x00\x01\x02\x03binary", "binary")])
def test_unusable_seeds_raise_naming_the_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = _seed(tmp_path, "bad.txt", data)
    with pytest.raises(SeedError, match=reason) as info:
        read_seed(path, tmp_path)
    assert str(info.value).startswith("seeds/bad.txt:")


def test_find_seeds_order_hidden_and_symlinks(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c.yml", ".hidden.txt", "notes.docx"):
        _seed(tmp_path, name, "x\n")
    (tmp_path / "seeds" / "sub").mkdir()
    (tmp_path / "seeds" / "sub" / "d.txt").write_text("x\n")
    outside = tmp_path / "secret.txt"
    outside.write_text("secret\n")
    os.symlink(outside, tmp_path / "seeds" / "link.txt")
    found, refused = find_seeds(tmp_path / "seeds")
    assert [p.relative_to(tmp_path / "seeds").as_posix() for p in found] == ["a.md", "b.txt", "sub/d.txt"]
    assert len(refused) == 1 and "outside the seeds folder" in str(refused[0])


def test_removed_characters_set_is_what_the_patterns_match() -> None:
    """The quick check (a set) and the removal (the patterns) agree on every code point."""
    from newsdesk.read import _REMOVED_CHARACTERS, REMOVED_CHARACTERS

    matched = {chr(cp) for cp in range(0x110000) if any(p.match(chr(cp)) for _, p in _REMOVED_CHARACTERS)}
    assert matched == REMOVED_CHARACTERS
    assert strip_invisible("a\u200bb\u202ec\x07d\ufdd0e")[0] == "abcde"
    assert strip_invisible("plain, with “quotes” — and ü")[1] == {}


def test_finding_seeds_with_sidecars_is_not_quadratic(tmp_path: Path) -> None:
    """Each name was looked up in the folder's list of files: with a sidecar beside every
    seed, 6,000 seeds took 0.55 to 0.79 s to find and 12,000 took 1.85 s; now 0.21 and
    0.46 s. The guard compares CPU time at n and 4n seeds (tests/scaling.py)."""
    from tests.scaling import assert_linear

    def folder_of(n: int) -> Path:
        folder = tmp_path / f"n{n}"
        folder.mkdir()
        for i in range(n):
            (folder / f"a{i}.txt").touch()
            (folder / f"a{i}.yml").touch()
        return folder

    assert_linear(find_seeds, folder_of, 4000, repeats=2)
