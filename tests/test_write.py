"""The writer: only changed bytes are written, only its own untouched files are deleted,
and nothing the user wrote is ever overwritten."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.records import Page
from newsdesk.write import WriteError, write_pages


def setup(tmp_path: Path) -> tuple[Path, Path]:
    docs, state = tmp_path / "docs", tmp_path / ".newsdesk"
    docs.mkdir()
    return docs, state


def test_a_page_holds_its_utf8_bytes_not_its_text(tmp_path: Path) -> None:
    """The build keeps every page until it writes them: as UTF-8 (half the memory of the
    two-bytes-a-character text of a non-ASCII page), which is also what the writer writes."""
    page = Page("articles/a.md", "Zoë – café\n")
    assert vars(page) == {"path": "articles/a.md", "data": "Zoë – café\n".encode()}
    assert page.content == "Zoë – café\n" and page == Page("articles/a.md", "Zoë – café\n")
    docs, state = setup(tmp_path)
    write_pages([page], docs, state)
    assert (docs / "articles/a.md").read_bytes() == "Zoë – café\n".encode()


def test_writes_then_leaves_unchanged_files_alone(tmp_path: Path) -> None:
    docs, state = setup(tmp_path)
    pages = [Page("index.md", "home\n"), Page("articles/a.md", "a\n")]
    first = write_pages(pages, docs, state)
    assert first.written == ["articles/a.md", "index.md"]
    mtime = (docs / "articles/a.md").stat().st_mtime_ns
    second = write_pages(pages, docs, state)
    assert second.written == [] and second.unchanged == 2
    assert (docs / "articles/a.md").stat().st_mtime_ns == mtime


def test_rewrites_changed_and_deletes_stale_own_files(tmp_path: Path) -> None:
    docs, state = setup(tmp_path)
    write_pages([Page("articles/a.md", "a\n"), Page("articles/b.md", "b\n")], docs, state)
    report = write_pages([Page("articles/a.md", "a2\n")], docs, state)
    assert report.written == ["articles/a.md"] and report.deleted == ["articles/b.md"]
    assert (docs / "articles/a.md").read_text() == "a2\n" and not (docs / "articles/b.md").exists()
    report = write_pages([], docs, state)
    assert report.deleted == ["articles/a.md"] and not (docs / "articles").exists()


def test_user_files_are_never_overwritten_or_deleted(tmp_path: Path) -> None:
    docs, state = setup(tmp_path)
    (docs / "index.md").write_text("my own home page\n")
    (docs / "notes.md").write_text("mine\n")
    report = write_pages([Page("index.md", "generated\n"), Page("sources.md", "s\n")], docs, state)
    assert report.left_alone == ["index.md"]
    assert (docs / "index.md").read_text() == "my own home page\n"
    write_pages([], docs, state)
    assert (docs / "index.md").exists() and (docs / "notes.md").exists()


def test_generated_file_edited_by_user_becomes_theirs(tmp_path: Path) -> None:
    docs, state = setup(tmp_path)
    write_pages([Page("sources.md", "generated\n")], docs, state)
    (docs / "sources.md").write_text("I edited this\n")
    report = write_pages([Page("sources.md", "generated again\n")], docs, state)
    assert report.left_alone == ["sources.md"]
    assert (docs / "sources.md").read_text() == "I edited this\n"
    write_pages([], docs, state)
    assert (docs / "sources.md").read_text() == "I edited this\n"


@pytest.mark.parametrize("path", ["../outside.md", "/abs.md", "a/../../b.md", ""])
def test_unsafe_paths_are_refused(tmp_path: Path, path: str) -> None:
    docs, state = setup(tmp_path)
    with pytest.raises(WriteError):
        write_pages([Page(path, "x")], docs, state)
    assert not (tmp_path / "outside.md").exists()


def test_same_path_twice_is_an_error(tmp_path: Path) -> None:
    docs, state = setup(tmp_path)
    with pytest.raises(WriteError, match="twice"):
        write_pages([Page("a.md", "1"), Page("a.md", "2")], docs, state)


def test_symlinked_folder_leading_outside_is_refused(tmp_path: Path) -> None:
    docs, state = setup(tmp_path)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (docs / "articles").symlink_to(outside)
    with pytest.raises(WriteError, match="outside docs"):
        write_pages([Page("articles/a.md", "x")], docs, state)
    assert list(outside.iterdir()) == []


def test_failed_write_gives_a_clear_error_and_no_partial_file(tmp_path: Path, monkeypatch) -> None:
    """A full disk (ENOSPC) while replacing a page: the old page stays, no temp file remains."""
    import errno
    import os

    docs, state = setup(tmp_path)
    write_pages([Page("index.md", "old\n")], docs, state)

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("newsdesk.write.os.replace", full_disk)
    with pytest.raises(WriteError, match="No space left on device"):
        write_pages([Page("index.md", "new\n")], docs, state)
    monkeypatch.undo()
    assert (docs / "index.md").read_text() == "old\n"
    assert [p.name for p in docs.iterdir()] == ["index.md"]


def _five_pages_and_their_reads(tmp_path: Path, monkeypatch) -> tuple[Path, Path, list[Page], list[str]]:
    """docs/, the state folder, five pages written there, and the names of the pages the
    writer reads from now on."""
    from newsdesk import write

    docs, state = setup(tmp_path)
    pages = [Page(f"articles/a{i}.md", f"article {i}\n") for i in range(5)]
    write_pages(pages, docs, state)
    reads: list[str] = []
    real_read = write._read
    monkeypatch.setattr(write, "_read", lambda path: reads.append(path.name) or real_read(path))
    return docs, state, pages, reads


def test_unchanged_pages_are_not_read_again_but_an_edit_is_still_seen(tmp_path: Path, monkeypatch) -> None:
    """The writer remembers each page's digest with its stat (write.PAGE_DIGESTS); a page
    whose stat is unchanged is not read. A rewrite keeping size and modification time still
    changes the change time, so the user's edit is seen and left alone."""
    import os

    from newsdesk.digests import FileDigests

    docs, state, pages, reads = _five_pages_and_their_reads(tmp_path, monkeypatch)

    # Pages changed less than RACY_NS before a build are read again by the next one.
    write_pages(pages, docs, state)
    assert len(reads) == 5
    monkeypatch.setattr(FileDigests, "RACY_NS", -10**18)  # as if the pages were written long ago
    reads.clear()
    report = write_pages(pages, docs, state)
    assert reads == [] and report.unchanged == 5

    edited = docs / "articles/a3.md"
    before = edited.stat()
    edited.write_text("mine 3\n")  # same size
    os.utime(edited, ns=(before.st_atime_ns, before.st_mtime_ns))
    reads.clear()
    report = write_pages([Page(p.path, p.content.replace("article", "new")) for p in pages], docs, state)
    assert report.left_alone == ["articles/a3.md"] and edited.read_text() == "mine 3\n"
    assert len(report.written) == 4
    # The plan read only the edited page; the commit reads each page it replaces, to check
    # again that it is still the one planned for.
    assert reads[0] == "a3.md" and sorted(reads[1:]) == sorted(p.rsplit("/", 1)[1] for p in report.written)


def test_writing_only_some_pages_keeps_every_other_generated_page(tmp_path: Path) -> None:
    """A preview (``only_these``) writes its pages and deletes nothing: the other generated
    pages stay newsdesk's, so the full build after it can still update or delete them;
    a page the user edited is still left alone."""
    import json

    docs, state = setup(tmp_path)
    write_pages([Page("articles/a.md", "a\n"), Page("articles/b.md", "b\n"), Page("index.md", "home\n")], docs, state)
    (docs / "index.md").write_text("edited by hand\n")
    report = write_pages([Page("articles/a.md", "a2\n"), Page("index.md", "home2\n")], docs, state, only_these=True)
    assert report.written == ["articles/a.md"] and report.deleted == [] and report.left_alone == ["index.md"]
    assert (docs / "articles/a.md").read_text() == "a2\n" and (docs / "articles/b.md").read_text() == "b\n"
    assert (docs / "index.md").read_text() == "edited by hand\n"
    assert sorted(json.loads((state / "manifest.json").read_text())["files"]) == ["articles/a.md", "articles/b.md"]
    # The full build after it: b is still newsdesk's to delete, index.md still the user's.
    report = write_pages([Page("articles/a.md", "a2\n"), Page("index.md", "home3\n")], docs, state)
    assert report.deleted == ["articles/b.md"] and report.left_alone == ["index.md"] and report.unchanged == 1


def test_writing_only_some_pages_keeps_the_digests_of_the_others(tmp_path: Path, monkeypatch) -> None:
    """After a preview wrote one page, the full build still knows every other page's
    digest from their stat (6,000 articles: 14,500 pages not read again), and a digest
    that was racy stays unused (``FileDigests.keep_unvisited``)."""
    from newsdesk.digests import FileDigests

    docs, state, pages, reads = _five_pages_and_their_reads(tmp_path, monkeypatch)
    write_pages(pages, docs, state)  # the pages were just written: racy, read again, now recorded
    monkeypatch.setattr(FileDigests, "RACY_NS", -10**18)
    write_pages([Page("articles/a0.md", "article 0, edited\n")], docs, state, only_these=True)
    reads.clear()
    report = write_pages([Page("articles/a0.md", "article 0, edited\n"), *pages[1:]], docs, state)
    assert report.unchanged == 5 and reads == ["a0.md"]  # only the page the preview wrote


def test_only_digests_that_could_be_reused_are_carried_over() -> None:
    from newsdesk.digests import FileDigests

    recorded = 10 * FileDigests.RACY_NS
    old = [1, 2, recorded - 2 * FileDigests.RACY_NS, 4, 5, "aa"]  # changed long before it was read
    racy = [1, 2, recorded - 1, 4, 5, "bb"]  # changed just before it was read
    known = FileDigests({"old": old, "racy": racy, "seen": old}, recorded)
    known.remember("seen", [9, 9, 9, 9, 9], b"\xcc")
    known.keep_unvisited()
    assert known.current == {"seen": [9, 9, 9, 9, 9, "cc"], "old": old}
