"""A long-running process (``mkdocs serve``) rebuilds from what it remembers of its last
build (``pipeline.Session``), and gets exactly what a cold build gets."""

from __future__ import annotations

import shutil
from pathlib import Path

from newsdesk import analyse
from newsdesk.config import load_settings
from newsdesk.pipeline import Session, build

from .conftest import GUM, cold_docs, copy_bundled, files_in


def _docs(project: Path) -> dict[str, bytes]:
    return files_in(project / "docs")


def test_a_session_rebuild_uses_what_it_remembers_and_equals_a_cold_build(tmp_path: Path, monkeypatch) -> None:
    project = copy_bundled(tmp_path / "p")
    session = Session()
    first = build(load_settings(project), session)
    assert len(first.corpus.articles) == 5 and len(session.analyses) == 5
    # The seeds were copied just before that build: trust their stat all the same.
    monkeypatch.setattr(analyse.RememberedSeeds, "RACY_NS", -10**18)
    read = []
    real_read_seed = analyse.read_seed
    monkeypatch.setattr(analyse, "read_seed", lambda path, project_dir: read.append(path.name) or real_read_seed(path, project_dir))

    # With the cache on disk gone, only the session can supply the unchanged seeds.
    shutil.rmtree(load_settings(project).cache_dir)
    seeds = project / "seeds"
    edited = seeds / "002_5adceb2b319e5a58.txt"
    edited.write_text(edited.read_text("utf-8") + "\nA closing line added by the test, about Baghdad.\n", "utf-8")
    (seeds / "003_4462df2f5df68d6c.txt").unlink()
    shutil.copy2(GUM / "GUM_news_crane.txt", seeds / "crane.txt")
    second = build(load_settings(project), session)
    assert second.cache_hits == 3  # five seeds, one deleted, one edited: three from memory
    assert len(second.corpus.articles) == 5 and len(session.analyses) == 5  # the deleted seed is forgotten
    assert sorted(read) == ["002_5adceb2b319e5a58.txt", "crane.txt"]  # the others were not read again
    assert len(session.seeds.current) == 5

    assert _docs(project) == cold_docs(project, tmp_path / "fresh")


def test_a_build_without_cache_does_not_use_the_session(tmp_path: Path, monkeypatch) -> None:
    project = copy_bundled(tmp_path / "p")
    session = Session()
    build(load_settings(project), session)
    monkeypatch.setenv("NEWSDESK_NO_CACHE", "1")
    (project / "seeds" / "001_b0cd20c48cf146de.txt").write_text("Changed\n\nOne new paragraph about Baghdad.\n", "utf-8")
    result = build(load_settings(project), session)
    assert result.cache_hits == 0
