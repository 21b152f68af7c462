"""The theme's navigation rendered once per folder (newsdesk.shared_partials): the same
HTML as Material renders page by page, and really shared."""

from __future__ import annotations

import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
from mkdocs.utils import get_theme_dir

from newsdesk.shared_partials import ThemeCache

from .conftest import copy_bundled, mkdocs_build, same_tree


def _page(url: str) -> SimpleNamespace:
    return SimpleNamespace(url=url)


def test_pages_of_one_folder_outside_the_nav_share_the_partial() -> None:
    home, people_index = _page("index.html"), _page("people/index.html")
    cache = ThemeCache()
    cache.start(SimpleNamespace(pages=[home, people_index]))
    rendered: list[str] = []

    def render(page):
        def caller():
            rendered.append(page.url)
            return f"nav for {page.url}"
        return cache.shared_partial("nav", page, caller)

    # Pages in the nav render their own (their entry is the active one), every time.
    assert render(home) == "nav for index.html" and render(home) == "nav for index.html"
    assert render(people_index) == "nav for people/index.html"
    # Outside the nav: the first page of a folder renders it, the others reuse it.
    assert render(_page("people/a.html")) == "nav for people/a.html"
    assert render(_page("people/b.html")) == "nav for people/a.html"
    assert render(_page("places/c.html")) == "nav for places/c.html"
    assert render(_page("tags.html")) == "nav for tags.html"
    assert render(_page("about.html")) == "nav for tags.html"
    # Another partial is kept apart; a page without a URL (the 404 page) is never shared.
    assert cache.shared_partial("tabs", _page("people/d.html"), lambda: "tabs") == "tabs"
    assert cache.shared_partial("nav", None, lambda: "404 nav") == "404 nav"
    assert rendered == ["index.html", "index.html", "people/index.html", "people/a.html", "places/c.html", "tags.html"]
    # A new build starts empty.
    cache.start(SimpleNamespace(pages=[home]))
    assert render(_page("people/b.html")) == "nav for people/b.html"


@pytest.mark.slow
def test_site_is_byte_identical_to_materials_own_navigation(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    project = copy_bundled(tmp_path / "p")
    config = mkdocs_build(project, tmp_path / "shared")
    cache = config.plugins["newsdesk"].theme_cache
    # The partials were shared: one rendering per folder of pages outside the nav.
    assert {("nav", "articles"), ("tabs", "articles"), ("nav", "people"), ("tabs", "places")} <= set(cache.rendered)
    articles = len(list((tmp_path / "shared" / "articles").glob("*.html")))
    assert articles > 2

    # The same project with Material's own partials in its custom_dir (a project's
    # custom_dir wins over newsdesk's overrides): every page renders its own navigation.
    own = project / "overrides" / "partials"
    own.mkdir(parents=True)
    for name in ("nav.html", "tabs.html"):
        shutil.copy2(Path(get_theme_dir("material")) / "partials" / name, own / name)
    yml = project / "mkdocs.yml"
    yml.write_text(yml.read_text("utf-8").replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1), "utf-8")
    config = mkdocs_build(project, tmp_path / "own")
    assert not config.plugins["newsdesk"].theme_cache.rendered  # the wrappers were not used

    assert same_tree(tmp_path / "shared", tmp_path / "own")
