"""Writing generated pages into docs/: atomically, deterministically, and only what changed.

newsdesk owns exactly the files listed in its manifest (``<state dir>/manifest.json``,
path -> sha256 of the bytes it wrote). It overwrites or deletes a file only if the file
is in the manifest *and* still has the bytes newsdesk wrote. A file the user wrote, or a
generated file the user has since edited, is never touched: the writer reports it and
leaves it alone. Unchanged files are not rewritten, so MkDocs' own change detection
(``mkdocs serve``, ``--dirty``) sees only real changes.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .records import Page
from .slugs import is_safe_relative

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"


class WriteError(Exception):
    """The generated tree cannot be written; the message names the path and the reason."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)  # user files in the way


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _load_manifest(state_dir: Path) -> dict[str, str]:
    path = state_dir / MANIFEST
    try:
        data = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        return {}
    except (OSError, ValueError) as exc:
        log.warning("Ignoring unreadable %s (%s): generated files will be treated as yours", path, exc)
        return {}
    files = data.get("files", {}) if isinstance(data, dict) else {}
    return {k: v for k, v in files.items() if isinstance(k, str) and isinstance(v, str)}


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so readers see the old bytes or the new, never half."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise


def write_pages(pages: list[Page], docs_dir: Path, state_dir: Path) -> WriteReport:
    """Bring the generated files under ``docs_dir`` to exactly ``pages``."""
    report = WriteReport()
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise WriteError(f"docs/{page.path}: generated twice in one build (two pages claim the same path)")
        if not is_safe_relative(page.path):
            raise WriteError(f"{page.path!r}: not a safe path inside docs/")
        seen.add(page.path)

    docs_root = docs_dir.resolve()
    old = _load_manifest(state_dir)
    new: dict[str, str] = {}
    try:
        for page in sorted(pages, key=lambda p: p.path):
            data = page.content.encode("utf-8")
            digest = _sha256(data)
            target = docs_dir / page.path
            _check_inside(target, docs_root)
            current = _read(target)
            if current is not None and (page.path not in old or _sha256(current) != old[page.path]):
                report.left_alone.append(page.path)
                continue
            new[page.path] = digest
            if current == data:
                report.unchanged += 1
                continue
            try:
                atomic_write(target, data)
            except OSError as exc:
                raise WriteError(f"{target}: cannot be written ({exc.strerror or exc}); the previous file is unchanged") from None
            report.written.append(page.path)

        for path in sorted(set(old) - set(new) - set(report.left_alone)):
            target = docs_dir / path
            current = _read(target)
            if current is None:
                continue
            if _sha256(current) != old[path]:
                report.left_alone.append(path)
                continue
            target.unlink()
            report.deleted.append(path)
            _remove_empty_parents(target.parent, docs_root)
    finally:
        in_flight = sys.exc_info()[1]
        # Record what we own even when a write failed half-way, so nothing is orphaned.
        owned = {p: d for p, d in old.items() if p not in new and (docs_dir / p).exists() and p not in report.left_alone}
        owned.update(new)
        try:
            state_dir.mkdir(parents=True, exist_ok=True)
            atomic_write(state_dir / MANIFEST, (json.dumps({"files": dict(sorted(owned.items()))}, indent=1) + "\n").encode())
        except OSError as exc:
            message = f"{state_dir / MANIFEST}: cannot be written ({exc.strerror or exc})"
            if in_flight is None:
                raise WriteError(message) from None
            log.warning("%s", message)  # do not hide the error that brought us here
    return report


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise WriteError(f"{path}: is a folder where newsdesk needs to write a page") from None
    except OSError as exc:
        raise WriteError(f"{path}: cannot be read ({exc.strerror})") from None


def _check_inside(target: Path, docs_root: Path) -> None:
    try:
        target.resolve().relative_to(docs_root)
    except ValueError:
        raise WriteError(f"{target}: resolves outside docs/ (a symlink?); refusing to write there") from None


def _remove_empty_parents(folder: Path, docs_root: Path) -> None:
    while folder.resolve() != docs_root:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
