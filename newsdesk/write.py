"""Writing generated pages into docs/: all or nothing, deterministically, only what changed.

newsdesk owns exactly the files listed in its manifest (``<state dir>/manifest.json``,
path -> sha256 of the bytes it wrote). It overwrites or deletes a file only if the file
is in the manifest *and* still has the bytes newsdesk wrote. A file the user wrote, or a
generated file the user has since edited, is never touched: the writer reports it and
leaves it alone. Unchanged files are not rewritten, so MkDocs' own change detection
(``mkdocs serve``, ``--dirty``) sees only real changes. To compare, the writer needs each
file's digest: it reads a file only when its stat differs from the one recorded with its
digest by the last build (``PAGE_DIGESTS``, see ``digests.FileDigests``). A preview of
an edit in `serve` (``preview``) writes only its own pages (``only_these``) and deletes
nothing; the full build after it brings docs/ to exactly that build's pages.

A build never leaves docs/ half-written. docs/ holds the user's own files next to the
generated ones, so it cannot be swapped as one folder; instead:

1. *plan*: every page is rendered before this module is called; the writer compares each
   with what is on disk and decides what to write, what to delete and what to leave alone;
2. *stage*: every page that changed is written into a fresh staging folder
   (``<state dir>/staging-XXXX/``, on the same file system as docs/; nothing inside docs/
   changes in this step, so a build that fails or is killed here leaves docs/ exactly as
   it was, and a full disk or a read-only folder stops the build with a clear error);
3. *journal*: the list of moves and deletions and the new manifest are written to
   ``<state dir>/commit.json`` in one atomic rename, and the old manifest is removed
   (while a journal is pending, it is the record of what newsdesk owns);
4. *commit*: each staged page is moved into docs/ with one ``os.replace`` (a page is
   always either its old or its new bytes, never half), stale pages are deleted, the
   manifest is replaced atomically, then the journal and the staging folder are removed.

Step 4 takes milliseconds. If the process dies during it, the next run of the writer
(any ``newsdesk generate``/``build``/``serve`` or ``mkdocs build``) first finishes the
journal, then does its own work, so MkDocs never builds from a mix of two builds. Before
each move or deletion the writer checks again that the file on disk is still the one it
planned for, so a page the user edits during a build is left alone. A lock file
(``<state dir>/lock``) keeps two builds of one project from writing at the same time.
The writer protects against a killed process, not against a power cut (it does not
``fsync``).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import logging
import os
import shutil
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .digests import FileDigests
from .jsonout import dumps_by_line
from .records import Page
from .slugs import is_safe_relative

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
# The digests of the pages in docs/ as the last build found them, with their stat (see
# digests.FileDigests): a page whose stat is unchanged is not read again. Only a cache.
PAGE_DIGESTS = "page-digests.json"
JOURNAL = "commit.json"
LOCK = "lock"
STAGING_PREFIX = "staging-"
# When the state folder is on another file system than docs/, the staging folder goes
# next to docs/ instead (a rename cannot cross file systems).
SIBLING_STAGING_PREFIX = ".newsdesk-staging-"


class WriteError(Exception):
    """The generated tree cannot be written; the message names the path and the reason."""


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    unchanged: int = 0
    deleted: list[str] = field(default_factory=list)
    left_alone: list[str] = field(default_factory=list)  # user files in the way
    recovered: int = 0  # pages an interrupted earlier build had staged, put in place first


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


def owned_files(state_dir: Path) -> set[str]:
    """The docs-relative paths newsdesk generated (its manifest, and the pending journal's
    manifest if an interrupted build left one): what is *not* the user's in docs/."""
    owned = set(_load_manifest(state_dir))
    try:
        journal = json.loads((state_dir / JOURNAL).read_text("utf-8"))
        owned |= {k for k in journal.get("manifest", {}) if isinstance(k, str)}
    except (OSError, ValueError, AttributeError):
        pass
    return owned


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


def _manifest_bytes(files: dict[str, str]) -> bytes:
    return dumps_by_line({"files": dict(sorted(files.items()))}).encode()


def write_pages(pages: list[Page], docs_dir: Path, state_dir: Path, only_these: bool = False) -> WriteReport:
    """Bring the generated files under ``docs_dir`` to exactly ``pages`` (see the module
    docstring for how this stays all-or-nothing). ``only_these``: write or update just
    these pages and keep every other generated file as it is, deleting none (a preview of
    an edit, ``preview``)."""
    seen: set[str] = set()
    for page in pages:
        if page.path in seen:
            raise WriteError(f"docs/{page.path}: generated twice in one build (two pages claim the same path)")
        if not is_safe_relative(page.path):
            raise WriteError(f"{page.path!r}: not a safe path inside docs/")
        seen.add(page.path)
    for folder, what in ((docs_dir, "the docs folder"), (state_dir, "newsdesk's state folder")):
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise WriteError(f"{folder}: {what} cannot be created ({exc.strerror or exc}); nothing was written") from None

    with _locked(state_dir):
        report = WriteReport()
        report.recovered = _recover(docs_dir, state_dir)
        known = _load_page_digests(state_dir)
        plan = _plan(pages, docs_dir, _load_manifest(state_dir), report, known, only_these)
        if only_these:
            known.keep_unvisited()  # the other pages are still as recorded: the next full build reuses their digests
        _save_page_digests(state_dir, known)
        if not plan.writes and not plan.deletes:
            if plan.manifest != _load_manifest(state_dir) or not (state_dir / MANIFEST).exists():
                _write_manifest(state_dir, plan.manifest)
            return report
        stage = _stage(plan, docs_dir, state_dir)
        journal = {
            "stage": stage.name if stage.parent == state_dir else str(stage),
            "write": [{"path": p, "before": before, "after": after} for p, _data, before, after in plan.writes],
            "delete": [{"path": p, "sha256": sha} for p, sha in plan.deletes],
            "manifest": plan.manifest,
        }
        try:
            atomic_write(state_dir / JOURNAL, json.dumps(journal, indent=1).encode())
        except OSError as exc:
            shutil.rmtree(stage, ignore_errors=True)
            raise WriteError(f"{state_dir / JOURNAL}: cannot be written ({exc.strerror or exc}); docs/ was not changed") from None
        # While the journal is pending it is the record of what newsdesk owns: the old
        # manifest goes, so nothing can mistake a half-committed docs/ for a finished build.
        with contextlib.suppress(FileNotFoundError):
            (state_dir / MANIFEST).unlink()
        done = _commit(journal, docs_dir, state_dir)
        report.written = [p for p, *_ in plan.writes if p in done.written]
        report.deleted = [p for p, _sha in plan.deletes if p in done.deleted]
        report.left_alone = sorted(set(report.left_alone) | done.skipped)
    return report


@dataclass
class _Plan:
    writes: list[tuple[str, bytes, str | None, str]]  # path, bytes, sha256 on disk now (or None), sha256 of the bytes
    deletes: list[tuple[str, str]]  # path, sha256 newsdesk wrote
    manifest: dict[str, str]  # the manifest once the plan is carried out


def _plan(pages: list[Page], docs_dir: Path, old: dict[str, str], report: WriteReport, known: FileDigests,
          only_these: bool = False) -> _Plan:
    docs_root = docs_dir.resolve()
    new: dict[str, str] = {}
    writes = []
    for page in sorted(pages, key=lambda p: p.path):
        data = page.data
        digest = _sha256(data)
        target = docs_dir / page.path
        _check_inside(target, docs_root)
        current = _current_digest(target, page.path, known)
        if current is not None and (page.path not in old or current != old[page.path]):
            report.left_alone.append(page.path)
            continue
        new[page.path] = digest
        if current == digest:
            report.unchanged += 1
            continue
        writes.append((page.path, data, current, digest))
    if only_these:
        # Every other page stays newsdesk's, with the bytes it has; the pages left alone
        # above are the user's now, as in a full build.
        kept = {path: sha for path, sha in old.items() if path not in report.left_alone}
        return _Plan(writes, [], {**kept, **new})
    deletes = []
    for path in sorted(set(old) - set(new) - set(report.left_alone)):
        if not is_safe_relative(path):
            continue  # a manifest edited by hand: never follow it outside docs/
        target = docs_dir / path
        _check_inside(target, docs_root)
        current = _current_digest(target, path, known)
        if current is None:
            continue
        if current != old[path]:
            report.left_alone.append(path)
            continue
        deletes.append((path, old[path]))
    return _Plan(writes, deletes, new)


def _current_digest(target: Path, path: str, known: FileDigests) -> str | None:
    """The sha256 of the file at ``target`` now (None: there is none), from ``known`` when
    its stat is that of the version whose digest was recorded, else read. The stat is
    taken before the read: a change during the read changes it, so it is never trusted."""
    try:
        info = os.stat(target)
    except OSError:
        info = None
    signature = FileDigests.signature(info) if info is not None and stat.S_ISREG(info.st_mode) else None
    if signature is not None:
        reused = known.lookup(path, signature)
        if reused is not None:
            return reused.hex()
    current = _read(target)  # missing: None; a folder or unreadable: says so
    if current is None:
        return None
    digest = _sha256(current)
    if signature is not None:
        known.remember(path, signature, bytes.fromhex(digest))
    return digest


def _load_page_digests(state_dir: Path) -> FileDigests:
    try:
        record = json.loads((state_dir / PAGE_DIGESTS).read_text("utf-8"))
    except (OSError, ValueError):
        record = None
    return FileDigests.from_record(record if isinstance(record, dict) else None)


def _save_page_digests(state_dir: Path, known: FileDigests) -> None:
    try:
        atomic_write(state_dir / PAGE_DIGESTS, json.dumps(known.record(), separators=(",", ":")).encode())
    except OSError as exc:  # only costs reading the pages again next time
        log.debug("could not record the page digests in %s: %s", state_dir, exc)


def _stage(plan: _Plan, docs_dir: Path, state_dir: Path) -> Path:
    """Write every changed page into a new staging folder; docs/ is not touched."""
    parent, prefix = state_dir, STAGING_PREFIX
    if not _same_device(state_dir, docs_dir):
        parent, prefix = docs_dir.parent, SIBLING_STAGING_PREFIX
    try:
        stage = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
    except OSError as exc:
        raise WriteError(f"{parent}: cannot create a staging folder ({exc.strerror or exc}); docs/ was not changed") from None
    path = ""
    try:
        for path, data, _before, _after in plan.writes:
            target = stage / path
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as handle:
                handle.write(data)
            os.chmod(target, 0o644)
    except BaseException as exc:
        shutil.rmtree(stage, ignore_errors=True)
        if isinstance(exc, OSError):
            raise WriteError(f"docs/{path}: cannot be written ({exc.strerror or exc}) while staging the generated pages "
                             f"in {stage}; docs/ was not changed") from None
        raise
    return stage


@dataclass
class _Done:
    written: set[str] = field(default_factory=set)
    deleted: set[str] = field(default_factory=set)
    skipped: set[str] = field(default_factory=set)  # changed by someone else meanwhile: left alone
    changed: int = 0  # files this run moved in or deleted (the rest were done before an interruption)


def _commit(journal: dict, docs_dir: Path, state_dir: Path) -> _Done:
    """Carry out a journal: move the staged pages in, delete stale pages, replace the
    manifest, remove the journal and the staging folder. Safe to run again on the same
    journal after an interruption: every step checks what is already done."""
    stage = Path(journal["stage"])
    if not stage.is_absolute():
        stage = state_dir / stage
    docs_root = docs_dir.resolve()
    done = _Done()
    manifest = dict(journal["manifest"])
    total = len(journal["write"]) + len(journal["delete"])
    target = docs_dir
    try:
        for item in journal["write"]:
            path = item["path"]
            if not is_safe_relative(path):
                continue
            source, target = stage / path, docs_dir / path
            _check_inside(target, docs_root)
            on_disk = _sha_on_disk(target)
            if on_disk == item["after"]:
                done.written.add(path)  # moved before an interruption (or identical anyway)
                continue
            if on_disk != item["before"]:
                done.skipped.add(path)  # edited (or created) by someone else during the build
                manifest.pop(path, None)
                continue
            if not os.path.lexists(source):
                # The staged page is gone (staging folder removed by hand): the old page
                # stays, and stays newsdesk's; the next build writes it again.
                if item["before"] is None:
                    manifest.pop(path, None)
                else:
                    manifest[path] = item["before"]
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            _move(source, target)
            done.written.add(path)
            done.changed += 1
        for item in journal["delete"]:
            path = item["path"]
            if not is_safe_relative(path):
                continue
            target = docs_dir / path
            _check_inside(target, docs_root)
            on_disk = _sha_on_disk(target)
            if on_disk is None:
                done.deleted.add(path)
                continue
            if on_disk != item["sha256"]:
                done.skipped.add(path)
                manifest.pop(path, None)
                continue
            target.unlink()
            done.deleted.add(path)
            done.changed += 1
            _remove_empty_parents(target.parent, docs_root)
    except OSError as exc:
        count = len(done.written) + len(done.deleted)
        raise WriteError(
            f"{target}: cannot be written ({exc.strerror or exc}); {count} of {total} generated file(s) were "
            f"updated, each whole; the rest are kept in {stage} and put in place by the next build (fix the "
            "problem, then run newsdesk again)"
        ) from None
    _write_manifest(state_dir, manifest)
    with contextlib.suppress(FileNotFoundError):
        (state_dir / JOURNAL).unlink()
    shutil.rmtree(stage, ignore_errors=True)
    return done


def _recover(docs_dir: Path, state_dir: Path) -> int:
    """Finish the commit of a build that was interrupted, and remove staging folders that
    interrupted builds left behind. Returns how many pages were put in place."""
    recovered = 0
    journal_path = state_dir / JOURNAL
    try:
        journal = json.loads(journal_path.read_text("utf-8"))
    except FileNotFoundError:
        journal = None
    except (OSError, ValueError) as exc:
        log.warning("newsdesk: ignoring unreadable %s (%s)", journal_path, exc)
        journal = None
        with contextlib.suppress(OSError):
            journal_path.unlink()
    if journal is not None:
        try:
            done = _commit(journal, docs_dir, state_dir)
        except (KeyError, TypeError) as exc:
            log.warning("newsdesk: ignoring malformed %s (%s)", journal_path, exc)
            with contextlib.suppress(OSError):
                journal_path.unlink()
        except WriteError as exc:
            raise WriteError(f"could not finish the update of docs/ that an interrupted build started: {exc}") from None
        else:
            recovered = done.changed
            log.info("newsdesk: finished the update of docs/ that an interrupted build had started (%d file(s))", recovered)
    for parent, prefix in ((state_dir, STAGING_PREFIX), (docs_dir.parent, SIBLING_STAGING_PREFIX)):
        try:
            leftovers = [p for p in parent.iterdir() if p.name.startswith(prefix) and p.is_dir() and not p.is_symlink()]
        except OSError:
            continue
        for leftover in sorted(leftovers):
            shutil.rmtree(leftover, ignore_errors=True)
    return recovered


def _write_manifest(state_dir: Path, files: dict[str, str]) -> None:
    try:
        atomic_write(state_dir / MANIFEST, _manifest_bytes(files))
    except OSError as exc:
        raise WriteError(f"{state_dir / MANIFEST}: cannot be written ({exc.strerror or exc})") from None


def _move(source: Path, target: Path) -> None:
    try:
        os.replace(source, target)
    except OSError as exc:
        if exc.errno != errno.EXDEV:
            raise
        # docs/ (or a folder in it) is another file system: copy, then rename there.
        atomic_write(target, source.read_bytes())
        source.unlink()


def _same_device(a: Path, b: Path) -> bool:
    try:
        return os.stat(a).st_dev == os.stat(b).st_dev
    except OSError:
        return False


@contextlib.contextmanager
def _locked(state_dir: Path):
    """Hold ``<state dir>/lock`` (an advisory lock; released when the process ends)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: no lock
        yield
        return
    try:
        fd = os.open(state_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise WriteError(f"{state_dir / LOCK}: cannot be created ({exc.strerror or exc}); nothing was written") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def _sha_on_disk(path: Path) -> str | None:
    current = _read(path)
    return None if current is None else _sha256(current)


def _read(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except IsADirectoryError:
        raise WriteError(f"{path}: is a folder where newsdesk needs to write a page; rename or move the folder") from None
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


# The HTML site ---------------------------------------------------------------------------

SITE_BUILD_INFIX = ".newsdesk-build-"
SITE_OLD_INFIX = ".newsdesk-old-"
_RENAME_EXCHANGE = 2  # linux/fs.h
_AT_FDCWD = -100


@contextlib.contextmanager
def staged_site(site_dir: Path):
    """Build the HTML site into a fresh folder beside ``site_dir``, then swap it in whole.

    Yields the folder to build into. When the body finishes without an exception, that
    folder replaces ``site_dir`` in one atomic exchange of two names (Linux
    ``renameat2(RENAME_EXCHANGE)``; elsewhere two renames, with a moment in between in
    which ``site_dir`` does not exist), and the previous site is deleted; when it raises
    or the process is killed, ``site_dir`` is left exactly as it was. Hidden entries of
    the previous site (``.git``, ``.nojekyll``: MkDocs never deletes those either) move
    to the new one. Leftovers of an interrupted build are removed the next time. A site
    folder that is a symbolic link or a mount point is built in place, as MkDocs does.
    """
    final = Path(os.path.abspath(site_dir))
    final.parent.mkdir(parents=True, exist_ok=True)
    with _locked_folder(final.parent):
        _recover_site(final)
        if final.is_symlink() or (final.exists() and (not final.is_dir() or os.path.ismount(final))):
            yield final
            return
        staging = Path(tempfile.mkdtemp(prefix=f".{final.name}{SITE_BUILD_INFIX}", dir=final.parent))
        try:
            yield staging
            mode = stat.S_IMODE(final.stat().st_mode) if final.is_dir() else 0o777 & ~_umask()
            os.chmod(staging, mode)
            old = _swap_in(staging, final)
            if old is not None:
                _discard_site(old, final)
        finally:
            if staging.exists():
                _discard_site(staging, final)


def _umask() -> int:
    current = os.umask(0o022)
    os.umask(current)
    return current


def _swap_in(staging: Path, final: Path) -> Path | None:
    """Put ``staging`` where ``final`` is. Returns where the previous site now is."""
    if not os.path.lexists(final):
        os.rename(staging, final)
        return None
    if _exchange(staging, final):
        return staging  # the names were exchanged: the previous site is at ``staging``
    old = final.parent / f".{final.name}{SITE_OLD_INFIX}{os.getpid()}"
    os.rename(final, old)
    os.rename(staging, final)
    return old


def _exchange(a: Path, b: Path) -> bool:
    """Atomically exchange two names (Linux 3.15+); False where that is not available."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = libc.renameat2
    except (OSError, AttributeError, ImportError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    renameat2.restype = ctypes.c_int
    if renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP, errno.EOPNOTSUPP):
        return False  # the file system cannot exchange: fall back to two renames
    raise OSError(code, os.strerror(code), str(b))


def _discard_site(folder: Path, final: Path) -> None:
    """Delete a previous or unfinished site, first moving any hidden entry the user had
    in the site folder (MkDocs never writes hidden files) back into ``final``."""
    if final.is_dir() and not final.is_symlink():
        with contextlib.suppress(OSError):
            for entry in sorted(folder.iterdir()):
                if entry.name.startswith(".") and not os.path.lexists(final / entry.name):
                    os.replace(entry, final / entry.name)
    shutil.rmtree(folder, ignore_errors=True)


def _recover_site(final: Path) -> None:
    """Clean up after a build that was killed while building or swapping the site."""
    try:
        leftovers = sorted(p for p in final.parent.iterdir()
                           if p.name.startswith(f".{final.name}{SITE_BUILD_INFIX}")
                           or p.name.startswith(f".{final.name}{SITE_OLD_INFIX}"))
    except OSError:
        return
    for leftover in leftovers:
        if not leftover.is_dir() or leftover.is_symlink():
            continue
        if SITE_OLD_INFIX in leftover.name and not os.path.lexists(final):
            os.rename(leftover, final)  # killed between the two renames: the previous site comes back
            continue
        _discard_site(leftover, final)


@contextlib.contextmanager
def _locked_folder(folder: Path):
    """An advisory lock on ``folder`` itself, so two builds never swap one site at once."""
    try:
        import fcntl
    except ImportError:
        yield
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        yield
        return
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            log.info("newsdesk: waiting for another build of %s to finish", folder)
            fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)
