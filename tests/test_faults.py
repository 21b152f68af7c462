"""Faults: builds killed at any moment, a full disk, a read-only folder.

newsdesk writes docs/ in three steps (newsdesk/write.py): every changed page is staged in
``.newsdesk/staging-*``, a journal (``.newsdesk/commit.json``) lists the moves, then each
page is moved in with one rename; a run interrupted during that last step is finished by
the next one. ``newsdesk build`` has MkDocs build into a folder beside site/ that replaces
site/ in one atomic exchange when the build succeeded. So:

- ``test_killed_builds_leave_docs_and_site_whole``: a project of 300 Wikinews articles is
  built; seeds are then added, edited and removed, and ``newsdesk build`` is killed with
  SIGKILL while it analyses, while it stages pages, and while MkDocs writes the site.
  After each kill docs/ is, file for file, the previous docs/ or the complete new one, and
  site/ is the previous site/; nothing new is visible to MkDocs in docs/; the user's own
  files (in docs/ and the hidden ones in site/) are never touched; the next build finishes
  cleanly and leaves no staging folder behind.
- a kill *during* the commit (simulated in a subprocess with ``os._exit`` after N renames,
  since no timer can hit that millisecond reliably) leaves a journal that the next run
  completes: docs/ ends exactly as an uninterrupted build makes it;
- a kill between the exchange of the site folders and the clean-up loses nothing;
- a full disk and a read-only folder stop the build with a clear error (exit 1), leave
  docs/ and site/ as they were, and leave no half-written page. They are simulated in
  process (``ENOSPC``/``EROFS`` injected into ``open`` and ``os.replace``) and, where
  ``mount`` works (root with CAP_SYS_ADMIN, as in this container), for real on a small
  tmpfs and on a read-only bind mount; without ``mount`` those tests are skipped with the
  reason shown.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsdesk import write
from newsdesk.records import Page
from newsdesk.write import JOURNAL, MANIFEST, PAGE_DIGESTS, WriteError, staged_site, write_pages

from .conftest import NEWSDESK, ROOT, SEEDS, WIKINEWS, make_project, needs, run_newsdesk

POLITICS = WIKINEWS / "politics"
KILL_TIMEOUT = 240.0
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
USER_FILES = {
    "docs/about.md": "# About\n\nWritten by hand.\n",
    "docs/articles/my-notes.md": "# My notes\n\nNext to the generated articles.\n",
    "docs/people/README.md": "# People\n\nMine too.\n",
    "site/.git/HEAD": "ref: refs/heads/gh-pages\n",
    "site/.nojekyll": "",
}


# --------------------------------------------------------------------------- helpers


def tree(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (hidden ones too), by relative path."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def diff(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(set(a) ^ set(b)) + sorted(p for p in set(a) & set(b) if a[p] != b[p])


def user_state(project: Path) -> dict[str, tuple]:
    out = {}
    for rel in USER_FILES:
        stat = (project / rel).stat()
        out[rel] = ((project / rel).read_bytes(), stat.st_mtime_ns, stat.st_ino)
    return out


def rules_backend(project: Path) -> Path:
    """Use the model-free recogniser (fast; these tests are about files, not entities)."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "      seeds_dir: seeds\n" in text
    config.write_text(text.replace("      seeds_dir: seeds\n", "      seeds_dir: seeds\n      entity_backend: rules\n"), "utf-8")
    return project


def start(project: Path, *args: str, **env: str) -> subprocess.Popen:
    return subprocess.Popen([*NEWSDESK, *args, "-C", str(project)], cwd=ROOT, env={**ENV, **env},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)


def kill_when(proc: subprocess.Popen, ready, what: str) -> float:
    """SIGKILL ``proc`` the moment ``ready()`` is true; returns the seconds it took."""
    began = time.monotonic()
    while not ready():
        if proc.poll() is not None:
            raise AssertionError(f"the build ended (exit {proc.returncode}) before {what}:\n{proc.stderr.read()[-3000:]}")
        if time.monotonic() - began > KILL_TIMEOUT:
            proc.kill()
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.002)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(30)
    proc.stderr.close()
    return time.monotonic() - began


def staging_has_files(project: Path) -> bool:
    state = project / ".newsdesk"
    try:
        return any(any(d.rglob("*.md")) for d in state.iterdir() if d.name.startswith("staging-"))
    except OSError:
        return False


def site_staging_has_pages(project: Path, at_least: int) -> bool:
    for d in project.iterdir():
        if d.name.startswith(".site.newsdesk-build-"):
            try:
                if sum(1 for _ in d.rglob("*.html")) >= at_least:
                    return True
            except OSError:
                pass
    return False


def visible_leftovers(project: Path) -> list[str]:
    """Temporary files where MkDocs would see them (in docs/), or anywhere after a build."""
    return [p.relative_to(project).as_posix() for p in (project / "docs").rglob("*") if p.name.startswith(".")]


def check_manifest(project: Path) -> None:
    """docs/ holds exactly the generated files the manifest lists, with those bytes."""
    manifest = json.loads((project / ".newsdesk" / MANIFEST).read_text("utf-8"))["files"]
    for rel, sha in manifest.items():
        assert hashlib.sha256((project / "docs" / rel).read_bytes()).hexdigest() == sha, rel
    user = {rel.removeprefix("docs/") for rel in USER_FILES if rel.startswith("docs/")}
    assert set(tree(project / "docs")) == set(manifest) | user


def mutate(project: Path, spare: list[Path]) -> None:
    """Add, edit and remove seeds so the next build changes many pages."""
    seeds = sorted((project / "seeds").glob("*.txt"))
    for path in seeds[:15]:
        path.unlink()
    for path in seeds[15:25]:
        path.write_text(path.read_text("utf-8") + "\nA paragraph added after the first build, long enough to count.\n", "utf-8")
    for path in spare:
        shutil.copy2(path, project / "seeds" / path.name)


def add_user_files(project: Path) -> None:
    for rel, text in USER_FILES.items():
        (project / rel).parent.mkdir(parents=True, exist_ok=True)
        (project / rel).write_text(text, "utf-8")


# --------------------------------------------------------------------------- killed builds


@pytest.mark.slow
@needs(POLITICS)
def test_killed_builds_leave_docs_and_site_whole(tmp_path: Path) -> None:
    corpus = sorted(POLITICS.glob("*.txt"))
    project = make_project(tmp_path / "p", corpus[:300])
    add_user_files(project)
    run_newsdesk("build", "-C", str(project), env={"SOURCE_DATE_EPOCH": "1700000000"})
    user = user_state(project)
    docs_before, site_before = tree(project / "docs"), tree(project / "site")
    assert len(docs_before) > 1000 and ".git/HEAD" in site_before
    mutate(project, corpus[300:315])

    observed = []  # (moment, docs, site) after each kill
    # 1. While it analyses (no cache: every seed is analysed again, for seconds).
    proc = start(project, "build", NEWSDESK_NO_CACHE="1")
    kill_when(proc, lambda: (time.sleep(4) or True), "4 seconds")
    observed.append(("analysing", tree(project / "docs"), tree(project / "site")))
    # 2. While it writes the staged pages (the moment the first one exists).
    proc = start(project, "build")
    kill_when(proc, lambda: staging_has_files(project), "the first staged page")
    observed.append(("staging", tree(project / "docs"), tree(project / "site")))
    # 3. While MkDocs writes the new site (docs/ is complete by then).
    proc = start(project, "build")
    kill_when(proc, lambda: site_staging_has_pages(project, 50), "MkDocs writing pages")
    observed.append(("writing the site", tree(project / "docs"), tree(project / "site")))

    for moment, docs, site in observed:
        assert visible_leftovers(project) == [], moment
        assert diff(site, site_before) == [], f"killed while {moment}: site/ changed"
        assert user_state(project) == user, f"killed while {moment}: a user file was touched"
    assert diff(observed[0][1], docs_before) == [], "killed while analysing: docs/ changed"
    assert diff(observed[1][1], docs_before) == [], "killed while staging: docs/ changed"

    proc = run_newsdesk("build", "-C", str(project), env={"SOURCE_DATE_EPOCH": "1700000000"})
    docs_after, site_after = tree(project / "docs"), tree(project / "site")
    assert diff(docs_after, docs_before), "the seeds changed, so docs/ must have"
    # Killed while MkDocs ran: docs/ was already the complete new one.
    assert diff(observed[2][1], docs_after) == []
    check_manifest(project)
    assert user_state(project) == user
    assert site_after[".git/HEAD"] == USER_FILES["site/.git/HEAD"].encode() and ".nojekyll" in site_after
    leftovers = [p.name for p in (project / ".newsdesk").iterdir() if p.name.startswith("staging-") or p.name == JOURNAL]
    leftovers += [p.name for p in project.iterdir() if ".newsdesk-" in p.name]
    assert leftovers == []


def run_killed(project: Path, code: str) -> subprocess.CompletedProcess:
    """Run ``code`` (which sets up a fault) then ``newsdesk <args>`` in a fresh interpreter."""
    script = f"import os, sys\nsys.argv = ['newsdesk']\n{code}\nfrom newsdesk.cli import main\nsys.exit(main(ARGS))\n"
    return subprocess.run([sys.executable, "-c", script], cwd=ROOT, env=ENV, capture_output=True, text=True, timeout=300)


KILL_AFTER_RENAMES = """
import newsdesk.write as w
DOCS = {docs!r}
real_replace = os.replace
count = [0]
def replace(src, dst, *a, **k):
    if os.fspath(dst).startswith(DOCS):
        if count[0] == {after}:
            os._exit(9)
        count[0] += 1
    if {after} < 0 and os.fspath(dst).endswith("manifest.json") and os.path.exists(w.JOURNAL and os.path.join(os.path.dirname(dst), w.JOURNAL)):
        os._exit(9)  # every page moved; the manifest not yet written
    return real_replace(src, dst, *a, **k)
os.replace = replace
ARGS = ["generate", "-C", {project!r}]
"""


@pytest.mark.slow
@pytest.mark.parametrize("after", [0, 7, -1], ids=["before-the-first-move", "half-way", "after-the-last-move"])
def test_a_build_killed_during_the_commit_is_finished_by_the_next(tmp_path: Path, after: int) -> None:
    seeds = sorted(POLITICS.glob("*.txt"))[:25] if POLITICS.exists() else sorted(SEEDS.glob("*.txt"))
    project = rules_backend(make_project(tmp_path / "p", seeds[:20]))
    add_user_files(project)
    run_newsdesk("generate", "-C", str(project))
    user = user_state(project)
    docs_before = tree(project / "docs")
    for path in seeds[20:]:
        shutil.copy2(path, project / "seeds" / path.name)
    (project / "seeds" / seeds[0].name).unlink()
    reference = tmp_path / "reference"
    shutil.copytree(project, reference, symlinks=True)
    run_newsdesk("generate", "-C", str(reference))
    expected = tree(reference / "docs")

    killed = run_killed(project, KILL_AFTER_RENAMES.format(docs=str(project / "docs"), after=after, project=str(project)))
    assert killed.returncode == 9, killed.stderr[-3000:]
    state = project / ".newsdesk"
    assert (state / JOURNAL).is_file() and not (state / MANIFEST).exists()
    mixed = tree(project / "docs")
    if after == 0:
        assert diff(mixed, docs_before) == []
    elif after == 7:
        assert diff(mixed, docs_before) and diff(mixed, expected)  # a real mix: the case the journal is for
    else:
        assert diff(mixed, expected) == []  # all moved; only the manifest was missing
    assert user_state(project) == user

    proc = run_newsdesk("generate", "-C", str(project))
    assert "finished the update of docs/ that an interrupted build had started" in proc.stderr
    assert diff(tree(project / "docs"), expected) == []
    assert not (state / JOURNAL).exists() and not [p for p in state.iterdir() if p.name.startswith("staging-")]
    check_manifest(project)
    assert user_state(project) == user


@pytest.mark.slow
def test_a_build_killed_while_swapping_the_site_loses_nothing(tmp_path: Path) -> None:
    project = rules_backend(make_project(tmp_path / "p", sorted(SEEDS.glob("*.txt"))[:2]))
    add_user_files(project)
    run_newsdesk("build", "-C", str(project))
    site_before = tree(project / "site")
    shutil.copy2(sorted(SEEDS.glob("*.txt"))[2], project / "seeds")
    # Killed right after the exchange, before the previous site is deleted and its hidden
    # entries (.git, .nojekyll) are moved over.
    code = ("import newsdesk.write as w\n"
            "w._discard_site = lambda folder, final: os._exit(9)\n"
            f"ARGS = ['build', '-C', {str(project)!r}]\n")
    killed = run_killed(project, code)
    assert killed.returncode == 9, killed.stderr[-3000:]
    new_site = tree(project / "site")
    assert diff(new_site, site_before), "the new site is in place"
    assert "articles/index.html" in new_site
    proc = run_newsdesk("build", "-C", str(project))
    site = tree(project / "site")
    assert site[".git/HEAD"] == USER_FILES["site/.git/HEAD"].encode() and ".nojekyll" in site
    assert [p.name for p in project.iterdir() if ".newsdesk-" in p.name] == []
    assert proc.returncode == 0


# --------------------------------------------------------------------------- in process: the writer


def pages(n: int, version: str) -> list[Page]:
    return [Page(f"articles/a{i:02d}.md", f"article {i} {version}\n") for i in range(n)] + [Page("index.md", f"home {version}\n")]


def docs_and_state(tmp_path: Path) -> tuple[Path, Path]:
    docs, state = tmp_path / "docs", tmp_path / ".newsdesk"
    docs.mkdir()
    (docs / "mine.md").write_text("my own page\n")
    return docs, state


def test_a_full_disk_while_staging_changes_nothing(tmp_path: Path, monkeypatch) -> None:
    docs, state = docs_and_state(tmp_path)
    write_pages(pages(10, "v1"), docs, state)
    before = tree(docs)
    real_open = open
    written = [0]

    def full_disk(path, mode="r", *args, **kwargs):
        if "w" in mode and "staging-" in os.fspath(path):
            written[0] += 1
            if written[0] > 4:
                raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), os.fspath(path))
        return real_open(path, mode, *args, **kwargs)

    monkeypatch.setattr(write, "open", full_disk, raising=False)
    with pytest.raises(WriteError, match=r"No space left on device.*docs/ was not changed"):
        write_pages(pages(10, "v2"), docs, state)
    assert tree(docs) == before
    assert sorted(p.name for p in state.iterdir()) == sorted(["lock", MANIFEST, PAGE_DIGESTS])  # no staging folder, no journal


def test_a_read_only_docs_folder_stops_the_commit_and_the_next_run_finishes_it(tmp_path: Path, monkeypatch) -> None:
    docs, state = docs_and_state(tmp_path)
    write_pages(pages(10, "v1"), docs, state)
    real_replace = os.replace
    moved = [0]

    def read_only(src, dst, *args, **kwargs):
        if os.fspath(dst).startswith(os.fspath(docs)):
            if moved[0] >= 3:
                raise OSError(errno.EROFS, os.strerror(errno.EROFS), os.fspath(dst))
            moved[0] += 1
        return real_replace(src, dst, *args, **kwargs)

    monkeypatch.setattr(write.os, "replace", read_only)
    with pytest.raises(WriteError) as info:
        write_pages(pages(10, "v2"), docs, state)
    message = str(info.value)
    assert "Read-only file system" in message and "3 of 11 generated file(s) were updated, each whole" in message
    assert str(docs) in message and "put in place by the next build" in message
    # Every page is whole: old or new bytes, never a mix within a file.
    for rel, data in tree(docs).items():
        assert data in (b"my own page\n",) or data.decode().endswith(("v1\n", "v2\n")), rel
    monkeypatch.undo()
    report = write_pages(pages(10, "v2"), docs, state)
    assert report.recovered == 8
    assert tree(docs) == {**{p.path: p.content.encode() for p in pages(10, "v2")}, "mine.md": b"my own page\n"}
    assert not (state / JOURNAL).exists()


def test_a_page_the_user_edits_during_a_build_is_left_alone(tmp_path: Path, monkeypatch) -> None:
    docs, state = docs_and_state(tmp_path)
    write_pages(pages(3, "v1"), docs, state)
    real_commit = write._commit

    def user_edits_then_commit(journal, docs_dir, state_dir):
        (docs / "articles" / "a01.md").write_text("edited by hand while the build ran\n")
        return real_commit(journal, docs_dir, state_dir)

    monkeypatch.setattr(write, "_commit", user_edits_then_commit)
    report = write_pages(pages(3, "v2"), docs, state)
    assert "articles/a01.md" in report.left_alone
    assert (docs / "articles" / "a01.md").read_text() == "edited by hand while the build ran\n"
    manifest = json.loads((state / MANIFEST).read_text())["files"]
    assert "articles/a01.md" not in manifest  # it is the user's now: never overwritten or deleted
    monkeypatch.undo()
    write_pages([], docs, state)
    assert (docs / "articles" / "a01.md").exists() and (docs / "mine.md").exists()


def test_staged_site_swaps_whole_or_not_at_all(tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref")
    os.chmod(site, 0o750)
    with pytest.raises(RuntimeError):
        with staged_site(site) as building:
            (building / "index.html").write_text("half")
            raise RuntimeError("the build failed")
    assert tree(site) == {"index.html": b"old", ".git/HEAD": b"ref"}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    with staged_site(site) as building:
        assert building != site and building.parent == site.parent
        (building / "index.html").write_text("new")
    assert tree(site) == {"index.html": b"new", ".git/HEAD": b"ref"}
    assert (site.stat().st_mode & 0o777) == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


def test_staged_site_without_an_atomic_exchange_recovers_a_missing_site(tmp_path: Path, monkeypatch) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text("old")
    monkeypatch.setattr(write, "_exchange", lambda a, b: False)
    real_rename = os.rename
    calls = [0]

    def killed_between_renames(src, dst):
        calls[0] += 1
        real_rename(src, dst)
        if calls[0] == 1:
            raise KeyboardInterrupt  # stands for the process dying between the two renames

    monkeypatch.setattr(write.os, "rename", killed_between_renames)
    with pytest.raises(KeyboardInterrupt):
        with staged_site(site) as building:
            (building / "index.html").write_text("new")
    monkeypatch.setattr(write.os, "rename", real_rename)
    assert not site.exists() or tree(site) == {"index.html": b"old"}
    with staged_site(site) as building:  # the next build puts the previous site back first
        assert tree(site) == {"index.html": b"old"}
        (building / "index.html").write_text("new")
    assert tree(site) == {"index.html": b"new"}


class Killed(BaseException):
    """Stands for SIGKILL: nothing catches it."""


def test_a_commit_killed_before_its_journal_is_removed_is_never_taken_for_a_finished_build(tmp_path: Path, monkeypatch) -> None:
    """Killed after the new manifest is written, before the journal is removed: docs/ is
    the new build's, but the record of the last finished build is the previous one's. Put
    the seeds back as they were then, and the pending journal must still force a build (the
    fingerprint matched the old record, so the build used to be skipped: the new build's
    page stayed in docs/)."""
    from newsdesk.config import Settings
    from newsdesk.pipeline import build

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    shutil.copy2(sorted(SEEDS.glob("*.txt"))[0], seeds)
    settings = Settings(project_dir=tmp_path, seeds_dir=seeds, docs_dir=tmp_path / "docs", state_dir=tmp_path / ".newsdesk",
                        site_name="t", site_description="", entity_backend="rules", jobs=1)
    build(settings)
    before = tree(tmp_path / "docs")
    extra = sorted(SEEDS.glob("*.txt"))[1]
    shutil.copy2(extra, seeds)
    real_write_manifest = write._write_manifest

    def write_manifest_then_die(state_dir, files):
        real_write_manifest(state_dir, files)
        if (state_dir / JOURNAL).exists():
            raise Killed

    monkeypatch.setattr(write, "_write_manifest", write_manifest_then_die)
    with pytest.raises(Killed):
        build(settings)
    monkeypatch.undo()
    assert (settings.state_dir / JOURNAL).is_file() and diff(tree(tmp_path / "docs"), before)

    (seeds / extra.name).unlink()
    result = build(settings)
    assert result.pages, "the build was skipped"
    assert diff(tree(tmp_path / "docs"), before) == []
    assert not (settings.state_dir / JOURNAL).exists()


def test_a_folder_where_a_page_goes_is_a_clear_error(tmp_path: Path) -> None:
    docs, state = docs_and_state(tmp_path)
    (docs / "index.md").mkdir()
    with pytest.raises(WriteError, match=r"index.md: is a folder where newsdesk needs to write a page; rename or move"):
        write_pages(pages(2, "v1"), docs, state)
    assert not (docs / "articles").exists()


# --------------------------------------------------------------------------- real file systems


@pytest.fixture
def mounts(tmp_path: Path):
    """Mount and unmount small file systems (tmpfs, read-only binds); skips, saying why,
    where ``mount`` is not allowed."""
    mounted: list[Path] = []
    probe = tmp_path / "probe"
    probe.mkdir()
    ok = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", str(probe)], capture_output=True, text=True)
    if ok.returncode != 0:
        pytest.skip(f"mount is not allowed here ({ok.stderr.strip()}); the in-process ENOSPC/EROFS tests cover this")
    subprocess.run(["umount", str(probe)], check=True)

    def mount(*args: str) -> None:
        subprocess.run(["mount", *args], check=True, capture_output=True)
        mounted.append(Path(args[-1]))

    yield mount
    for point in reversed(mounted):
        subprocess.run(["umount", "-l", str(point)], capture_output=True)


def small_project(folder: Path) -> Path:
    project = rules_backend(make_project(folder, sorted(SEEDS.glob("*.txt"))[:2]))
    (project / "docs" / "about.md").write_text("# About\n")
    return project


@pytest.mark.slow
def test_a_really_full_disk(tmp_path: Path, mounts) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    mounts("-t", "tmpfs", "-o", "size=8m", "tmpfs", str(disk))
    project = small_project(disk / "p")
    run_newsdesk("generate", "-C", str(project))
    before = tree(project / "docs")
    shutil.copy2(sorted(SEEDS.glob("*.txt"))[2], project / "seeds")
    free = shutil.disk_usage(disk).free
    (disk / "filler").write_bytes(b"\0" * max(0, free - 8 * 1024))  # leave 8 KiB
    proc = run_newsdesk("generate", "-C", str(project), check=False)
    assert proc.returncode == 1, proc.stderr
    error = proc.stderr.strip().splitlines()[-1]
    assert error.startswith("Error: ") and "No space left on device" in error and "docs/ was not changed" in error, error
    assert tree(project / "docs") == before
    assert not [p for p in (project / ".newsdesk").iterdir() if p.name.startswith("staging-") or p.name == JOURNAL]
    (disk / "filler").unlink()
    run_newsdesk("generate", "-C", str(project))
    assert tree(project / "docs") != before
    check_manifest_only(project)


def check_manifest_only(project: Path) -> None:
    manifest = json.loads((project / ".newsdesk" / MANIFEST).read_text("utf-8"))["files"]
    assert set(tree(project / "docs")) == set(manifest) | {"about.md"}


@pytest.mark.slow
def test_a_really_read_only_docs_folder(tmp_path: Path, mounts) -> None:
    project = small_project(tmp_path / "p")
    run_newsdesk("generate", "-C", str(project))
    before = tree(project / "docs")
    shutil.copy2(sorted(SEEDS.glob("*.txt"))[2], project / "seeds")
    docs = str(project / "docs")
    mounts("--bind", docs, docs)
    subprocess.run(["mount", "-o", "remount,ro,bind", docs], check=True, capture_output=True)
    proc = run_newsdesk("generate", "-C", str(project), check=False)
    assert proc.returncode == 1, proc.stderr
    error = proc.stderr.strip().splitlines()[-1]
    assert "Read-only file system" in error and "0 of" in error and "put in place by the next build" in error, error
    assert tree(project / "docs") == before
    subprocess.run(["umount", docs], check=True)
    proc = run_newsdesk("generate", "-C", str(project))
    assert "finished the update of docs/" in proc.stderr
    assert tree(project / "docs") != before
    check_manifest_only(project)


@pytest.mark.slow
def test_a_site_folder_on_a_full_disk_keeps_the_previous_site(tmp_path: Path, mounts) -> None:
    project = small_project(tmp_path / "p")
    disk = tmp_path / "disk"
    disk.mkdir()
    run_newsdesk("build", "-C", str(project), "--site-dir", str(tmp_path / "probe-site"))
    size = sum(len(b) for b in tree(tmp_path / "probe-site").values())
    # Room for one site and a half: the second build (which needs room for two) fails.
    mounts("-t", "tmpfs", "-o", f"size={int(size * 1.5) // 4096 * 4096}", "tmpfs", str(disk))
    run_newsdesk("build", "-C", str(project), "--site-dir", str(disk / "site"))
    before = tree(disk / "site")
    proc = run_newsdesk("build", "-C", str(project), "--site-dir", str(disk / "site"), check=False)
    assert proc.returncode == 1, proc.stderr
    error = proc.stderr.strip().splitlines()[-1]
    assert "No space left on device" in error and "the previous site is unchanged" in error, error
    assert tree(disk / "site") == before
    assert sorted(p.name for p in disk.iterdir()) == ["site"]
