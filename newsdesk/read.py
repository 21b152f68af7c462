"""Reading seeds: finding them, bytes to normalised text, sidecars and .md front-matter.

This is the only stage that touches the seed files. Everything it returns is plain text
and validated mappings; problems are raised as ``SeedError`` naming the file and reason
(and what to do about it); the other seeds are still published.

What is read as a seed. A file in the seeds folder (or a folder below it) whose name ends
in ``.txt``, ``.text``, ``.md`` or ``.markdown``:
- names starting with ``.`` (and everything in such folders) are skipped, and so are files
  with other suffixes; the build lists what it skipped (at info level);
- a folder, FIFO, socket or device with a seed's name, a broken symbolic link, a
  symbolic link leading outside the seeds folder and a name that is not valid UTF-8 are
  refused (never opened or followed);
- a seed larger than ``MAX_SEED_BYTES``, or with a line (a paragraph) longer than
  ``MAX_LINE_CHARS`` characters, is refused: newsdesk is made for news articles (a long
  one is under 200 KiB) and its analysis time grows with the text; such a file is almost
  always not an article (a book, a dump of a web page on one line, a database export);
- an empty file, whitespace only, and binary data (NUL bytes that are not UTF-16, or more
  than 5% control characters) are refused.

Text policy. What the published page, the search index and ``corpus.json`` show is the
seed's text after these steps, and only these (every other line appears unchanged):
1. bytes to text: a BOM decides; else UTF-16 without a BOM is recognised by its NUL bytes;
   else UTF-8; else mostly-UTF-8 with a few invalid bytes is read as UTF-8 with each bad
   sequence shown as U+FFFD (and a warning naming the file); else Windows-1252 when most
   letters are ASCII (Latin-script text with some accents), else the detected encoding;
2. line ends (CRLF, CR, VT, FF, FS, GS, RS, NEL, U+2028, U+2029) become ``\\n``;
3. removed, because they are invisible or change how other text is displayed:
   control characters (C0 except tab, DEL, C1); bidirectional embeddings, overrides and
   isolates U+202A-U+202E and U+2066-U+2069 (they make text display in an order other than
   the order in which it is stored, searched and copied); zero-width and invisible
   characters U+200B, U+2060-U+2064, U+206A-U+206F, U+FEFF (a BOM in the middle of the
   text), U+180E, U+FFF9-U+FFFB (interlinear annotations) and the tag characters
   U+E0000-U+E007F (they can hide text); Unicode noncharacters. Kept: tab, the
   directional *marks* (U+200E, U+200F, U+061C: they never reorder letters and right-to-left
   text needs them), ZWJ and ZWNJ (emoji and many scripts need them), soft hyphens;
4. Unicode NFC; trailing whitespace on each line and blank lines at both ends dropped.
How many characters step 3 removed from a seed is logged (info), by kind. Sidecar and
front-matter values go through steps 3 and 4 too. File names are never changed, but
where a name is shown, characters that would not show as themselves (controls, format
characters such as U+202E, bytes that are not UTF-8) are written as ``\\uXXXX``/``\\xNN``.
"""

from __future__ import annotations

import codecs
import datetime as dt
import errno
import hashlib
import logging
import os
import re
import stat
import unicodedata
from collections import Counter
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from .records import Seed
from .yamlsafe import MAX_YAML_BYTES, YamlError, load_mapping

log = logging.getLogger("mkdocs.plugins.newsdesk")

SEED_SUFFIXES = (".txt", ".text", ".md", ".markdown")
SIDECAR_SUFFIX = ".yml"
# Limits that keep a build's time and memory bounded (see the module docstring): the
# analysis runs at roughly 10,000 words a second with the default recogniser, and a
# statistical recogniser cannot take a paragraph of over a million characters at all.
# Measured on two cores: a 1 MiB seed of news text (170,000 words, 3,000 entity pages)
# builds in about 80 s; a 50 MB file is refused at once, without being read.
MAX_SEED_BYTES = 1024 * 1024
MAX_LINE_CHARS = 500_000  # the longest Wikinews article is one line of 117,095 characters
# More than this share of control characters (other than tab and line ends): binary data.
_BINARY_CONTROL_SHARE = 0.05

# Fields a sidecar (or a .md seed's front-matter) may set, with the type each must have.
OVERRIDABLE_FIELDS = {
    "title": str,
    "subtitle": str,
    "source": str,
    "authors": list,
    "published": str,
    "dateline": str,
    "url": str,
    "tags": list,
}

# Single-byte code pages for Latin-script text: for these the detector's choice among
# near-identical tables is a guess on short texts, and Windows-1252 (a superset of
# Latin-1's printable range) is what scraped Western text really is.
_LATIN_CODEPAGES = {
    "ascii", "latin_1", "iso8859_15", "cp1252", "cp1250", "iso8859_2", "mac_roman",
    "mac_latin2", "cp850", "cp437", "iso8859_9", "cp1254", "cp1257", "iso8859_4",
    "iso8859_13", "iso8859_3", "mac_iceland", "mac_turkish", "cp858", "hp_roman8",
}
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Line separators other than \n that str.splitlines() honours: made real newlines so a
# "line" means the same thing everywhere.
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_NONCHARACTERS = "\ufdd0-\ufdef\ufffe\uffff" + "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(1, 17)
)
# What the text policy removes (step 3 of the module docstring), by kind.
_REMOVED_CHARACTERS = (
    ("control character", re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")),
    ("bidirectional formatting character", re.compile("[\u202a-\u202e\u2066-\u2069]")),
    ("zero-width or invisible character",
     re.compile("[\u200b\u2060-\u2064\u206a-\u206f\ufeff\u180e\ufff9-\ufffb\U000e0000-\U000e007f]")),
    ("Unicode noncharacter", re.compile(f"[{_NONCHARACTERS}]")),
)


def _class_members(pattern: str) -> frozenset[str]:
    """The characters of a regular-expression class written as ``[...]`` of literal
    characters and ``a-b`` ranges (as in ``_REMOVED_CHARACTERS``)."""
    body, members, i = pattern[1:-1], set(), 0
    while i < len(body):
        if i + 2 < len(body) and body[i + 1] == "-":
            members.update(chr(c) for c in range(ord(body[i]), ord(body[i + 2]) + 1))
            i += 3
        else:
            members.add(body[i])
            i += 1
    return frozenset(members)


# All of them as a set: most texts have none, and ``isdisjoint`` finds that about four
# times faster than one regular-expression scan, let alone four (a warm build of 6,000
# seeds spent about 1 s in those scans).
REMOVED_CHARACTERS = frozenset().union(*(_class_members(pattern.pattern) for _, pattern in _REMOVED_CHARACTERS))
_BINARY_CONTROLS = re.compile("[\x00-\x08\x0e-\x1f\x7f\x80-\x84\x86-\x9f]")


class SeedError(Exception):
    """A seed (or its sidecar) cannot be used. ``str()`` names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


# Finding seeds --------------------------------------------------------------------------


def find_seeds(seeds_dir: Path) -> tuple[list[Path], list[SeedError]]:
    """Seed files under ``seeds_dir`` in a stable order, and the entries refused.

    The order is the sorted POSIX path, whatever order the file system lists entries in.
    Hidden files and folders are skipped; so are sidecars and files that are not seeds
    (both listed at info level). Entries with a seed's name that are not regular files,
    broken symbolic links and symbolic links leading outside ``seeds_dir`` are refused,
    so a seed can never read a file the user did not put there, nor block on a FIFO.
    """
    root = seeds_dir.resolve()
    shown_root = Path(seeds_dir.name)
    found: list[Path] = []
    refused: list[SeedError] = []
    hidden: list[str] = []
    not_seeds: list[str] = []
    seed_stems: set[str] = set()
    sidecars: list[Path] = []

    def unreadable_folder(exc: OSError) -> None:
        where = Path(exc.filename) if exc.filename else seeds_dir
        refused.append(SeedError(_display(shown_root / _below(where, seeds_dir)),
                                 f"folder cannot be read ({exc.strerror or exc}); the seeds in it are not published"))

    for folder, dirnames, filenames in os.walk(seeds_dir, onerror=unreadable_folder):
        here = Path(folder)
        rel_folder = _below(here, seeds_dir)
        keep_dirs = []
        for name in sorted(dirnames):
            if name.startswith("."):
                hidden.append(_display(shown_root / rel_folder / name) + "/")
            elif (here / name).is_symlink() and Path(name).suffix.lower() not in SEED_SUFFIXES:
                not_seeds.append(_display(shown_root / rel_folder / name) + "/ (a symbolic link to a folder: not followed)")
            else:
                keep_dirs.append(name)
        dirnames[:] = keep_dirs  # os.walk descends only into these (never through symlinks)
        files = set(filenames)  # asked of every name: a list would make a folder quadratic
        for name in sorted(dirnames + filenames):
            path = here / name
            if name.startswith("."):
                if name in files:
                    hidden.append(_display(shown_root / rel_folder / name))
                continue
            suffix = Path(name).suffix.lower()
            if suffix not in SEED_SUFFIXES:
                if name in files:
                    if suffix == SIDECAR_SUFFIX:
                        sidecars.append(rel_folder / name)
                    else:
                        not_seeds.append(_display(shown_root / rel_folder / name))
                continue
            seed_stems.add((rel_folder / name).with_suffix("").as_posix())
            problem = _not_a_seed_file(path, root) or _bad_name(path, seeds_dir)
            if problem:
                refused.append(SeedError(_display(shown_root / rel_folder / name), problem))
            else:
                found.append(path)

    orphans = sorted(_display(shown_root / s) for s in sidecars if s.with_suffix("").as_posix() not in seed_stems)
    if hidden:
        log.info("newsdesk: skipped %d hidden file(s) or folder(s) in %s (names starting with '.' are never read): %s",
                 len(hidden), shown_root, _sample(hidden))
    if not_seeds:
        log.info("newsdesk: skipped %d file(s) in %s that are not seeds (seeds end in %s; sidecars in %s): %s",
                 len(not_seeds), shown_root, ", ".join(SEED_SUFFIXES), SIDECAR_SUFFIX, _sample(not_seeds))
    if orphans:
        log.info("newsdesk: %d sidecar(s) with no seed of the same name beside them (not used): %s", len(orphans), _sample(orphans))
    found.sort(key=lambda p: p.as_posix())
    refused.sort(key=lambda e: e.path)
    return found, refused


def _not_a_seed_file(path: Path, root: Path) -> str | None:
    """Why ``path`` (named like a seed) cannot be read as one, or None. Never opens it."""
    try:
        info = path.lstat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISLNK(info.st_mode):
        try:
            target = path.resolve(strict=True)
        except FileNotFoundError:
            return f"is a broken symbolic link (to {_display(Path(os.readlink(path)))}); skipped"
        except (OSError, RuntimeError) as exc:
            return f"is a symbolic link that cannot be followed ({getattr(exc, 'strerror', None) or exc}); skipped"
        try:
            target.relative_to(root)
        except ValueError:
            return "links outside the seeds folder; skipped (copy the file into the seeds folder instead)"
        try:
            info = target.stat()
        except OSError as exc:
            return f"cannot be read ({exc.strerror or exc})"
    if stat.S_ISDIR(info.st_mode):
        return "is a folder, not a file (the seeds inside it are read on their own); skipped"
    if not stat.S_ISREG(info.st_mode):
        return "is not a regular file (a FIFO, socket or device); skipped"
    return None


def _bad_name(path: Path, seeds_dir: Path) -> str | None:
    """A name (or folder name) that is not valid UTF-8 cannot be shown, linked or stored
    as text faithfully: refused, with the bytes shown as \\xNN."""
    try:
        _below(path, seeds_dir).as_posix().encode("utf-8")
    except UnicodeEncodeError:
        return "its name is not valid UTF-8 (shown here with \\xNN for each bad byte); rename the file"
    return None


def _below(path: Path, top: Path) -> Path:
    try:
        return path.relative_to(top)
    except ValueError:
        return Path(path.name)


def _sample(items: list[str], limit: int = 5) -> str:
    shown = ", ".join(items[:limit])
    return shown + (f" and {len(items) - limit} more" if len(items) > limit else "")


def printable(name: str) -> str:
    """``name`` as text that shows what it is: characters that would not show as
    themselves (controls, format characters such as U+202E, separators) are written as
    ``\\uXXXX`` and bytes that are not UTF-8 (surrogate escapes) as ``\\xNN``."""
    out = []
    for char in name:
        code = ord(char)
        if 0xDC80 <= code <= 0xDCFF:
            out.append(f"\\x{code - 0xDC00:02x}")
        elif unicodedata.category(char) in ("Cc", "Cf", "Cs", "Zl", "Zp") or char in _NONCHARACTER_SET:
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
    return "".join(out)


_NONCHARACTER_SET = frozenset(
    [chr(c) for c in range(0xFDD0, 0xFDF0)] + [chr(plane * 0x10000 + end) for plane in range(17) for end in (0xFFFE, 0xFFFF)]
)


def _display(path: Path) -> str:
    return printable(path.as_posix())


# Bytes to text -----------------------------------------------------------------------


def _utf32_le_or_utf16_le(data: bytes) -> tuple[str, str] | None:
    """(text, encoding) of bytes that start with FF FE 00 00: UTF-32-LE's byte-order mark,
    and also UTF-16-LE's followed by the character U+0000. UTF-32-LE, unless that does
    not decode or gives code points beyond U+2FFFF (unassigned or private use: UTF-16
    read as UTF-32 gives those, ";" and a newline make U+A003B); then UTF-16-LE if that
    decodes; else None."""
    try:
        text = data[len(codecs.BOM_UTF32_LE):].decode("utf-32-le")
        if all(ord(c) <= 0x2FFFF for c in text):
            return text, "utf-32-le (BOM)"
    except UnicodeDecodeError:
        pass
    try:
        return data[len(codecs.BOM_UTF16_LE):].decode("utf-16-le"), "utf-16-le (BOM)"
    except UnicodeDecodeError:
        return None


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text; returns (text, encoding name). Raises ValueError for binary data."""
    text, encoding, _invalid = _decode(data)
    return text, encoding


def _decode(data: bytes) -> tuple[str, str, int]:
    """(text, encoding name, number of invalid UTF-8 sequences shown as U+FFFD)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            body = data[len(bom):]
            if encoding == "utf-8":
                text, invalid = _lenient_utf8(body)
                return text, "utf-8 (BOM)", invalid
            if encoding == "utf-32-le":
                found = _utf32_le_or_utf16_le(data)
                if found is not None:
                    return found[0], found[1], 0
            try:
                return body.decode(encoding), encoding + " (BOM)", 0
            except UnicodeDecodeError as exc:
                raise ValueError(
                    f"starts with a {encoding} byte-order mark but is not {encoding} ({exc.reason} at byte {exc.start + len(bom)}); "
                    "re-save it as UTF-8") from None
    if b"\x00" in data:
        # Text never contains NUL bytes, except UTF-16 written without a BOM.
        utf16 = _sniff_utf16(data)
        if utf16:
            try:
                return data.decode(utf16), utf16, 0
            except UnicodeDecodeError:
                pass
        raise ValueError("looks like a binary file (it contains NUL bytes), not text; if it is text, re-save it as UTF-8")
    try:
        return data.decode("utf-8"), "utf-8", 0
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few damaged bytes (a truncated download, a bad copy and paste): more
    # valid multi-byte characters than invalid sequences. Text in a single-byte code page
    # almost never has even one valid multi-byte sequence.
    text, invalid = _lenient_utf8(data)
    valid_non_ascii = len(text) - len(text.encode("ascii", "ignore")) - invalid
    if valid_non_ascii > invalid:
        return text, "utf-8", invalid
    if not _mostly_latin(data):
        best = from_bytes(data).best()
        if best is not None and best.encoding not in _LATIN_CODEPAGES:
            return str(best), best.encoding, 0
    try:
        return data.decode("cp1252"), "cp1252", 0
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined: Latin-1 maps every byte.
        return data.decode("latin-1"), "latin-1", 0


def _mostly_latin(data: bytes) -> bool:
    """Text in a single-byte code page whose letters are mostly ASCII is Latin-script
    text with a few accented letters (Windows-1252), whatever a detector guesses from a
    short sample (it reads "Zürich façade" as Urdu). Cyrillic, Greek, Arabic or Hebrew text
    in a single-byte code page has nearly every letter above 0x7F."""
    high = sum(1 for b in data if b >= 0x80)
    ascii_letters = sum(1 for b in data if 0x41 <= b <= 0x5A or 0x61 <= b <= 0x7A)
    return high < 0.3 * (high + ascii_letters)


def _lenient_utf8(data: bytes) -> tuple[str, int]:
    text = data.decode("utf-8", errors="replace")
    return text, text.count("\ufffd") - data.count(b"\xef\xbf\xbd")


_MIN_UTF16_SNIFF = 16  # bytes: eight characters


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-Latin text has a NUL in every other byte. Not for
    fewer than ``_MIN_UTF16_SNIFF`` bytes: in a few bytes the pattern is chance (the UTF-8
    bytes 00 C2 80 0A, found by the property tests, are also UTF-16-BE "Â耊")."""
    if len(data) < _MIN_UTF16_SNIFF or len(data) % 2:
        return None
    sample = data[:4096]
    even_nuls = sample[0::2].count(0)
    odd_nuls = sample[1::2].count(0)
    half = len(sample) // 2
    if odd_nuls > 0.4 * half and even_nuls < 0.05 * half:
        return "utf-16-le"
    if even_nuls > 0.4 * half and odd_nuls < 0.05 * half:
        return "utf-16-be"
    return None


def normalise(text: str) -> str:
    """The text policy's steps 2-4 (see the module docstring): ``\\n`` line ends, control,
    bidirectional-override, zero-width and other invisible characters removed, NFC, no
    trailing whitespace on any line, no blank lines at either end."""
    return _normalise(text)[0]


def _normalise(text: str) -> tuple[str, Counter]:
    text = _LINE_BREAKS.sub("\n", text)
    text, removed = strip_invisible(text)
    text = unicodedata.normalize("NFC", text)
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n", removed


def strip_invisible(text: str) -> tuple[str, Counter]:
    """``text`` without the characters the text policy removes (step 3), and how many of
    each kind were removed. Newlines and tabs stay."""
    removed: Counter = Counter()
    if REMOVED_CHARACTERS.isdisjoint(text):
        return text, removed
    for kind, pattern in _REMOVED_CHARACTERS:
        text, count = pattern.subn("", text)
        if count:
            removed[kind] += count
    return text, removed


def clean_value(text: str) -> str:
    """A value the user wrote (sidecar, front-matter): the text policy, then trimmed."""
    return unicodedata.normalize("NFC", strip_invisible(_LINE_BREAKS.sub("\n", text))[0]).strip()


def split_front_matter(text: str) -> tuple[str | None, str]:
    """(front-matter YAML or None, the rest) for text that opens with a ``---`` block."""
    if not text.startswith("---\n"):
        return None, text
    end = text.find("\n---\n", 3)
    if end == -1:
        if text.rstrip("\n").endswith("\n---"):
            end = len(text.rstrip("\n")) - 4
        else:
            return None, text
    return text[4:end + 1], text[end + 5:]


def validate_overrides(data: dict[str, Any]) -> dict[str, Any]:
    """Check a sidecar/front-matter mapping; returns the fields, normalised to text/lists.

    Raises ValueError with every problem found, so the user can fix them in one go.
    """
    problems = []
    clean: dict[str, Any] = {}
    for key, value in data.items():
        if key not in OVERRIDABLE_FIELDS:
            problems.append(f"unknown key {printable(str(key))!r} (allowed: {', '.join(OVERRIDABLE_FIELDS)})")
            continue
        if key == "published" and isinstance(value, dt.datetime):
            value = value.date().isoformat()
        elif key == "published" and isinstance(value, dt.date):
            value = value.isoformat()
        elif key == "published" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)  # `published: 2014` is a year
        want = OVERRIDABLE_FIELDS[key]
        if want is list and isinstance(value, str):
            value = [value]
        if not isinstance(value, want):
            got = "nothing" if value is None else f"a {type(value).__name__}"
            problems.append(f"{key!r} must be {'a list of text' if want is list else 'text'}, not {got}")
            continue
        if want is list:
            if not all(isinstance(v, str) and clean_value(v) for v in value):
                problems.append(f"every item of {key!r} must be non-empty text")
                continue
            value = [clean_value(v) for v in value]
        else:
            value = clean_value(value)
        if key == "published" and not _ISO_PARTIAL_DATE.match(value):
            problems.append("'published' must be YYYY, YYYY-MM or YYYY-MM-DD")
            continue
        clean[key] = value
    if problems:
        raise ValueError("; ".join(problems))
    return clean


_ISO_PARTIAL_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def sidecar_path(seed_path: Path) -> Path:
    return seed_path.with_suffix(SIDECAR_SUFFIX)


# Reading one seed ----------------------------------------------------------------------


def read_seed(path: Path, project_dir: Path) -> tuple[Seed, list[str]]:
    """Read one seed and its sidecar. Returns the seed and warnings (bad sidecar, etc.).

    A bad sidecar or bad front-matter is a warning (the article is still published, from
    its text); an unreadable, binary, empty or oversized seed raises ``SeedError``.
    """
    rel = _relative(path, project_dir)
    warnings: list[str] = []
    data = _read_bytes(path, rel, MAX_SEED_BYTES, _too_big_seed)
    try:
        text, encoding, invalid = _decode(data)
    except ValueError as exc:
        raise SeedError(rel, str(exc)) from None
    _refuse_binary(text, rel)
    if invalid:
        warnings.append(f"{rel}: {invalid} byte sequence(s) are not valid UTF-8 and show as \ufffd (U+FFFD); "
                        "re-save the file as UTF-8 to fix them")
    text, removed = _normalise(text)
    if not text.strip():
        raise SeedError(rel, "is empty (no text to publish)" if not removed else
                        "has no visible text (only control or invisible characters)")
    _refuse_long_lines(text, rel)
    if removed:
        log.info("newsdesk: %s: removed %s (invisible, or they would make text display in another order than it "
                 "is stored and searched; see the text policy)", rel,
                 ", ".join(f"{n} {kind}{'s' * (n != 1)}" for kind, n in sorted(removed.items())))

    front_matter: dict[str, Any] = {}
    if path.suffix.lower() in (".md", ".markdown"):
        yaml_text, rest = split_front_matter(text)
        if yaml_text is not None:
            try:
                front_matter = validate_overrides(load_mapping(yaml_text))
                text = rest if rest.strip() else text
            except (YamlError, ValueError) as exc:
                warnings.append(f"{rel}: front-matter ignored: {_seed_line_numbers(str(exc))} (its lines are published as text)")

    sidecar, sidecar_sha, sidecar_warning = _read_sidecar(path, project_dir)
    if sidecar_warning:
        warnings.append(sidecar_warning)
    seed = Seed(
        path=rel,
        sha256=hashlib.sha256(data).hexdigest(),
        text=text,
        encoding=encoding,
        front_matter=front_matter,
        sidecar=sidecar,
        sidecar_sha256=sidecar_sha,
    )
    return seed, warnings


def _seed_line_numbers(message: str) -> str:
    # YAML errors say "line N" counting from the first line of the YAML block, which is
    # line 2 of the seed (after the opening ---).
    return re.sub(r"^line (\d+): ", lambda m: f"line {int(m.group(1)) + 1}: ", message)


def _read_sidecar(seed_path: Path, project_dir: Path) -> tuple[dict[str, Any], str, str | None]:
    """(overrides, sha256 of the sidecar's bytes, warning or None). A sidecar may be a
    symbolic link only to a file in the seed's own folder (or below it)."""
    side = sidecar_path(seed_path)
    if not os.path.lexists(side):
        return {}, "", None
    side_rel = _relative(side, project_dir)
    if side.is_symlink():
        try:
            side.resolve(strict=True).relative_to(seed_path.parent.resolve())
        except (OSError, RuntimeError):
            return {}, "", f"{side_rel}: sidecar ignored: it is a broken symbolic link"
        except ValueError:
            return {}, "", f"{side_rel}: sidecar ignored: it links outside the seed's folder (copy the file there instead)"
    try:
        raw = _read_bytes(side, side_rel, MAX_YAML_BYTES, _too_big_sidecar)
    except SeedError as exc:
        return {}, "", f"{side_rel}: sidecar ignored: {exc.reason}"
    sha = hashlib.sha256(raw).hexdigest()
    try:
        text, _encoding, invalid = _decode(raw)
        if invalid:
            raise ValueError(f"{invalid} byte sequence(s) are not valid UTF-8; re-save it as UTF-8")
        return validate_overrides(load_mapping(_normalise(text)[0])), sha, None
    except (ValueError, YamlError) as exc:
        return {}, sha, f"{side_rel}: sidecar ignored: {exc}"


def _too_big_seed(size: int) -> str:
    return (f"is {_size(size)}; seeds over {_size(MAX_SEED_BYTES)} are not read (a long news article is under "
            "200 KiB: if this file holds several articles, split it into one file per article)")


def _too_big_sidecar(size: int) -> str:
    return f"is {_size(size)}; a sidecar may be at most {_size(MAX_YAML_BYTES)}"


def _size(n: int) -> str:
    return f"{n / 2**20:.1f} MiB".replace(".0 MiB", " MiB") if n >= 2**20 else f"{n / 1024:.0f} KiB"


def _read_bytes(path: Path, rel: str, limit: int, too_big) -> bytes:
    """The bytes of the regular file ``path``, at most ``limit`` of them. Opened without
    blocking, so a FIFO or device that got there is refused rather than waited on."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise SeedError(rel, _os_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SeedError(rel, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise SeedError(rel, "is not a regular file (a FIFO, socket or device)")
        if info.st_size > limit:
            raise SeedError(rel, too_big(info.st_size))
        chunks, total = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            total += len(chunk)
            if total > limit:  # it grew while being read
                raise SeedError(rel, too_big(total))
            chunks.append(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise SeedError(rel, _os_reason(exc)) from None
    finally:
        os.close(fd)


def _os_reason(exc: OSError) -> str:
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read: permission denied (check the file's permissions and owner)"
    if exc.errno == errno.ENOENT:
        return "disappeared while the seeds were being read"
    if exc.errno == errno.ELOOP:
        return "is a symbolic link loop"
    return f"cannot be read ({exc.strerror or exc})"


def _refuse_binary(text: str, rel: str) -> None:
    controls = len(_BINARY_CONTROLS.findall(text))
    if controls > 8 and controls > _BINARY_CONTROL_SHARE * len(text):
        raise SeedError(rel, f"looks like a binary file ({controls:,} control characters in {len(text):,}), not text; "
                             "if it is text, re-save it as UTF-8")


def _refuse_long_lines(text: str, rel: str) -> None:
    if len(text) <= MAX_LINE_CHARS:
        return
    for number, line in enumerate(text.split("\n"), start=1):
        if len(line) > MAX_LINE_CHARS:
            raise SeedError(
                rel,
                f"line {number} is {len(line):,} characters long; lines (paragraphs) over {MAX_LINE_CHARS:,} characters "
                "are not read (is this really an article? put each paragraph on a line of its own)",
            )


def _relative(path: Path, project_dir: Path) -> str:
    try:
        rel = path.absolute().relative_to(project_dir.absolute()).as_posix()
    except ValueError:
        rel = path.as_posix()
    return printable(rel)
