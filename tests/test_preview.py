"""Previews of edits (``newsdesk.preview``): in a `serve` session, a rebuild after a few
seeds were edited first writes only their article pages, then asks for the full rebuild,
whose output is exactly a cold build's. Where a preview could not be exact about which
pages exist, the rebuild is a full one at once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsdesk import pipeline, preview
from newsdesk.config import load_settings
from newsdesk.pipeline import Session, build
from newsdesk.records import Corpus, Entity

from .conftest import GUM, cold_docs, copy_bundled, files_in, mkdocs_build

EDITED = "002_5adceb2b319e5a58"  # "Iraq wants America back to fight al Qaeda with air strikes" (2014)
ADDED = "\nThe Zorblaxian delegation met officials in Baghdad on Monday, Esper said.\n"


def _docs(project: Path) -> dict[str, bytes]:
    return files_in(project / "docs")


def _serving(project: Path) -> Session:
    """A session as `newsdesk serve` has it after its first build and its preparation
    (``plugin.on_serve``)."""
    session = Session(previews=True)
    build(load_settings(project), session)
    session.rebuild_trigger = project / ".newsdesk" / "serve" / "rebuild-requested"
    session.rebuild_trigger.parent.mkdir(exist_ok=True)
    pipeline.prepare_previews(load_settings(project), session)
    session.preparing.join()
    assert session.corpus is not None
    return session


def _edit(project: Path, name: str = EDITED, text: str = ADDED) -> None:
    seed = project / "seeds" / f"{name}.txt"
    seed.write_text(seed.read_text("utf-8") + text, "utf-8")


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Path:
    """The bundled project built once (its analysis cache is copied with it below)."""
    project = copy_bundled(tmp_path_factory.mktemp("bundled") / "p")
    build(load_settings(project))
    return project


@pytest.fixture
def project(bundled: Path, tmp_path: Path) -> Path:
    copy = tmp_path / "p"
    shutil.copytree(bundled, copy)
    return copy


def test_an_edit_is_shown_first_then_the_full_rebuild_equals_a_cold_build(project: Path, tmp_path: Path) -> None:
    session = _serving(project)
    before = _docs(project)
    _edit(project)

    shown = build(load_settings(project), session)
    after = _docs(project)
    page = "articles/iraq-wants-america-back-to-fight-al-qaeda-with-air-strikes.md"
    assert [p.path for p in shown.pages] == [page]
    assert [path for path in after if before.get(path) != after[path]] == [page]  # nothing else was touched
    assert "Zorblaxian" in after[page].decode()
    # A name of the corpus links to its page (Esper is not in this 2014 article before the edit).
    assert 'on Monday, <a href="../people/mark-t-esper.html">Esper</a> said.' in after[page].decode()
    assert session.preview_shown and session.rebuild_trigger.is_file()
    # Every link of the preview goes to a page that exists: a strict MkDocs build passes.
    mkdocs_build(project, tmp_path / "site")

    full = build(load_settings(project), session)
    assert len(full.pages) > 100  # the whole site again
    assert not session.preview_shown
    assert "Zorblaxian" in _docs(project)["people/mark-t-esper.md"].decode()  # Esper's page lists the article now
    assert _docs(project) == cold_docs(project, tmp_path / "cold")


def test_an_edit_undone_before_the_full_rebuild_is_still_rebuilt(project: Path, tmp_path: Path) -> None:
    """docs/ holds the preview: even with every seed as it was, the next build is a full one,
    in the serving process and in a new one (the preview voided the last build's record)."""
    original = _docs(project)
    seed = project / "seeds" / f"{EDITED}.txt"
    text = seed.read_text("utf-8")

    session = _serving(project)
    _edit(project)
    build(load_settings(project), session)
    assert session.preview_shown
    seed.write_text(text, "utf-8")
    assert _docs(project) != original
    build(load_settings(project), session)
    assert _docs(project) == original

    session = _serving(project)  # its first build finds nothing changed: the corpus is prepared
    _edit(project)
    build(load_settings(project), session)
    assert session.preview_shown
    seed.write_text(text, "utf-8")
    build(load_settings(project))  # a new process: no session
    assert _docs(project) == original


def _retitle(project: Path) -> None:
    seed = project / "seeds" / f"{EDITED}.txt"
    text = seed.read_text("utf-8")
    seed.write_text(text.replace("Iraq Wants America Back", "Iraq Wants the Zorblaxians Back", 1), "utf-8")
    assert seed.read_text("utf-8") != text


def _write_entities(project: Path) -> None:
    (project / "entities.yml").write_text("ignore: [Baghdad]\n", "utf-8")


def _add_seed(project: Path) -> None:
    shutil.copy2(GUM / "GUM_news_crane.txt", project / "seeds" / "crane.txt")


def _delete_seed(project: Path) -> None:
    (project / "seeds" / "003_4462df2f5df68d6c.txt").unlink()


def _empty_seed(project: Path) -> None:
    (project / "seeds" / f"{EDITED}.txt").write_text("", "utf-8")


def _two_seeds(project: Path, monkeypatch) -> None:
    monkeypatch.setattr(pipeline, "MAX_PREVIEW_SEEDS", 1)
    _edit(project)
    _edit(project, "001_b0cd20c48cf146de")


@pytest.mark.parametrize("change", [_retitle, _write_entities, _add_seed, _delete_seed, _empty_seed, _two_seeds])
def test_no_preview_where_it_could_not_be_exact_about_the_pages(project: Path, tmp_path: Path, change, monkeypatch) -> None:
    """A new slug, entities.yml, a seed added or deleted, a seed that can no longer be
    published, more edited seeds than a preview takes: the rebuild is a full one at once."""
    session = _serving(project)
    if change is _two_seeds:
        change(project, monkeypatch)
    else:
        change(project)
    result = build(load_settings(project), session)
    assert not session.preview_shown and not session.rebuild_trigger.exists()
    assert len(result.pages) > 100
    assert _docs(project) == cold_docs(project, tmp_path / "cold")


def test_a_serve_started_after_a_build_prepares_its_previews(project: Path, tmp_path: Path) -> None:
    """The project was built before: the server's first build finds nothing changed and
    makes no corpus; ``prepare_previews`` makes it in the background, so the first edit
    is previewed too."""
    build(load_settings(project))  # `newsdesk build`
    session = Session(previews=True)
    first = build(load_settings(project), session)
    assert first.pages == [] and session.corpus is None  # nothing changed since the build
    session.rebuild_trigger = project / ".newsdesk" / "serve" / "rebuild-requested"
    session.rebuild_trigger.parent.mkdir(exist_ok=True)
    pipeline.prepare_previews(load_settings(project), session)
    _edit(project)
    shown = build(load_settings(project), session)  # waits for the preparation
    assert [p.path for p in shown.pages] == ["articles/iraq-wants-america-back-to-fight-al-qaeda-with-air-strikes.md"]
    assert session.preview_shown
    build(load_settings(project), session)
    assert _docs(project) == cold_docs(project, tmp_path / "cold")


def test_no_preview_without_a_server_to_ask_for_the_full_rebuild(project: Path) -> None:
    session = Session(previews=True)  # no rebuild_trigger: `mkdocs serve` has not called on_serve
    build(load_settings(project), session)
    _edit(project)
    result = build(load_settings(project), session)
    assert not session.preview_shown and len(result.pages) > 100


def test_a_spelling_two_entities_share_links_to_neither() -> None:
    def entity(key: str, name: str, *aliases: str) -> Entity:
        return Entity(key=key, name=name, kind="person", aliases=aliases, mentions=1, articles=("a",))

    corpus = Corpus(articles=(), entities=(entity("jon-smith", "Jon Smith", "Smith"), entity("ann-smith", "Ann Smith", "Smith"),
                                           entity("ali", "Ali al-Sistani", "al-Sistani", "Ali al Sistani")))
    spellings = preview._entities_by_spelling(corpus)
    assert spellings["smith"] is None and spellings["jon smith"] == "jon-smith"
    assert spellings["ali al sistani"] == "ali"  # two spellings of one entity that fold alike


def test_the_plugin_makes_previews_only_for_a_serve_with_dirty_rebuilds() -> None:
    """With full rebuilds (`--full-rebuilds`, `--strict`, plain `mkdocs serve`), MkDocs
    would render the whole site for the preview and again for the full rebuild."""
    from newsdesk.plugin import NewsdeskPlugin

    plugin = NewsdeskPlugin()
    plugin.on_startup(command="serve", dirty=True)
    assert plugin.session is not None and plugin.session.previews
    plugin.on_startup(command="serve", dirty=False)
    assert plugin.session is not None and not plugin.session.previews
    plugin.on_startup(command="build", dirty=False)
    assert plugin.session is None


def test_serve_keeps_the_configured_site_url_so_a_build_before_it_still_counts(project: Path, monkeypatch) -> None:
    """`mkdocs serve` replaces site_url with the local server's address before plugins see
    it; the pages (the feed's links) use the one mkdocs.yml sets, so the first build of a
    `serve` after a `newsdesk build` finds nothing to regenerate."""
    from mkdocs.config import load_config

    from newsdesk.plugin import NewsdeskPlugin

    monkeypatch.setenv("NEWSDESK_SITE_URL", "https://example.org/dossier/")  # the bundled mkdocs.yml reads it
    settings = None
    for command in ("build", "serve"):
        config = load_config(config_file=str(project / "mkdocs.yml"))
        assert config.site_url == "https://example.org/dossier/"
        plugin = config.plugins["newsdesk"]
        assert isinstance(plugin, NewsdeskPlugin)
        plugin.on_startup(command=command, dirty=True)
        if command == "serve":
            config.site_url = "http://127.0.0.1:8000/dossier/"  # what `mkdocs serve` does
        plugin.on_config(config)
        assert plugin.settings.site_url == "https://example.org/dossier/"
        if settings is None:
            settings = plugin.settings
            build(settings)
    result = build(plugin.settings, plugin.session)
    assert result.pages == []  # nothing changed since the build
