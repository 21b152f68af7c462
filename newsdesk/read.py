"""Reading seeds: finding them, bytes to normalised text, sidecars and .md front-matter.

This is the only stage that touches the seed files. Everything it returns is plain text
and validated mappings; problems are raised as ``SeedError`` naming the file and reason.
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import re
import unicodedata
from pathlib import Path
from typing import Any

from charset_normalizer import from_bytes

from .records import Seed
from .yamlsafe import YamlError, load_mapping

SEED_SUFFIXES = (".txt", ".text", ".md", ".markdown")
SIDECAR_SUFFIX = ".yml"
MAX_SEED_BYTES = 64 * 1024 * 1024

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
_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_LINE_BREAKS = re.compile("\r\n|[\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")


class SeedError(Exception):
    """A seed (or its sidecar) cannot be used. ``str()`` names the file and the reason."""

    def __init__(self, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


def find_seeds(seeds_dir: Path) -> tuple[list[Path], list[SeedError]]:
    """Seed files under ``seeds_dir`` in a stable order, and the entries refused.

    Hidden files and folders are skipped; so are sidecars. A symlink that points outside
    ``seeds_dir`` is refused, so a seed can never read a file the user did not put there.
    """
    root = seeds_dir.resolve()
    found: list[Path] = []
    refused: list[SeedError] = []
    for path in sorted(seeds_dir.rglob("*"), key=lambda p: p.as_posix()):
        rel = path.relative_to(seeds_dir)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() not in SEED_SUFFIXES:
            continue
        try:
            target = path.resolve()
            target.relative_to(root)
        except (OSError, ValueError):
            refused.append(SeedError(_display(path), "links outside the seeds folder; skipped"))
            continue
        if path.is_file():
            found.append(path)
    return found, refused


def _display(path: Path) -> str:
    return path.as_posix()


def decode(data: bytes) -> tuple[str, str]:
    """Bytes to text; returns (text, encoding name). Raises ValueError for binary data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding), encoding + " (BOM)"
            except UnicodeDecodeError as exc:
                raise ValueError(f"starts with a {encoding} byte-order mark but is not {encoding}: {exc.reason}") from None
    if b"\x00" in data:
        # Text never contains NUL bytes, except UTF-16 written without a BOM.
        utf16 = _sniff_utf16(data)
        if utf16:
            try:
                return data.decode(utf16), utf16
            except UnicodeDecodeError:
                pass
        raise ValueError("looks like a binary file (contains NUL bytes), not text")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is not None and best.encoding not in _LATIN_CODEPAGES:
        return str(best), best.encoding
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        # The five bytes cp1252 leaves undefined: Latin-1 maps every byte.
        return data.decode("latin-1"), "latin-1"


def _sniff_utf16(data: bytes) -> str | None:
    """UTF-16 without a BOM: mostly-Latin text has a NUL in every other byte."""
    if len(data) < 4 or len(data) % 2:
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
    """NFC, ``\\n`` line ends, no trailing whitespace on any line, no leading BOM, and no
    control characters (invisible, and Python-Markdown uses two of them internally)."""
    text = _LINE_BREAKS.sub("\n", text)
    text = _CONTROL_CHARS.sub("", text)
    text = unicodedata.normalize("NFC", text).lstrip("\ufeff")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip("\n") + "\n"


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
            problems.append(f"unknown key {key!r} (allowed: {', '.join(OVERRIDABLE_FIELDS)})")
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
            problems.append(f"{key!r} must be {'a list of text' if want is list else 'text'}")
            continue
        if want is list:
            if not all(isinstance(v, str) and v.strip() for v in value):
                problems.append(f"every item of {key!r} must be non-empty text")
                continue
            value = [unicodedata.normalize("NFC", v.strip()) for v in value]
        else:
            value = unicodedata.normalize("NFC", value.strip())
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


def read_seed(path: Path, project_dir: Path) -> tuple[Seed, list[str]]:
    """Read one seed and its sidecar. Returns the seed and warnings (bad sidecar, etc.).

    A bad sidecar or bad front-matter is a warning (the article is still published, from
    its text); an unreadable or binary seed raises ``SeedError``.
    """
    rel = _relative(path, project_dir)
    warnings: list[str] = []
    try:
        size = path.stat().st_size
        if size > MAX_SEED_BYTES:
            raise SeedError(rel, f"is {size // (1024 * 1024)} MiB; seeds over {MAX_SEED_BYTES // (1024 * 1024)} MiB are not read")
        data = path.read_bytes()
    except OSError as exc:
        raise SeedError(rel, f"cannot be read ({exc.strerror or exc})") from None
    try:
        text, encoding = decode(data)
    except ValueError as exc:
        raise SeedError(rel, str(exc)) from None
    text = normalise(text)
    if not text.strip():
        raise SeedError(rel, "is empty (no text to publish)")

    front_matter: dict[str, Any] = {}
    if path.suffix.lower() in (".md", ".markdown"):
        yaml_text, rest = split_front_matter(text)
        if yaml_text is not None:
            try:
                front_matter = validate_overrides(load_mapping(yaml_text))
                text = rest if rest.strip() else text
            except (YamlError, ValueError) as exc:
                warnings.append(f"{rel}: front-matter ignored: {exc}")

    sidecar: dict[str, Any] = {}
    sidecar_sha = ""
    side = sidecar_path(path)
    if side.is_file():
        side_rel = _relative(side, project_dir)
        try:
            raw = side.read_bytes()
            sidecar_sha = hashlib.sha256(raw).hexdigest()
            sidecar = validate_overrides(load_mapping(normalise(decode(raw)[0])))
        except (OSError, ValueError, YamlError) as exc:
            reason = exc.strerror if isinstance(exc, OSError) else str(exc)
            warnings.append(f"{side_rel}: sidecar ignored: {reason}")
            sidecar = {}
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


def _relative(path: Path, project_dir: Path) -> str:
    try:
        return path.absolute().relative_to(project_dir.absolute()).as_posix()
    except ValueError:
        return path.as_posix()
