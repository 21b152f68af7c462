"""Whole builds with the real `mkdocs build --strict` and Material: the bundled seeds, a
folder of articles never seen before, determinism, incremental regeneration, user files,
bad seeds and hostile markup."""

from __future__ import annotations

import filecmp
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from newsdesk.clean import clean
from newsdesk.read import decode, normalise

from .conftest import GUM, ROOT, SEEDS, WIKINEWS, copy_bundled, files_in, make_project, mkdocs_build, needs, same_tree, run_newsdesk, seed_files
from .test_clean import SEED_BOILERPLATE

pytestmark = pytest.mark.slow


class _ArticleText(HTMLParser):
    """Text of the page's <article>, split into the body and the collapsed audit block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth_article = 0
        self.depth_details = 0
        self.body: list[str] = []
        self.audit: list[str] = []
        self.tags: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        if self.depth_article:
            self.tags.append((tag, attrs))  # only what the article's content made
        if tag == "article":
            self.depth_article += 1
        elif tag == "details" and self.depth_article:
            self.depth_details += 1

    def handle_endtag(self, tag):
        if tag == "article":
            self.depth_article -= 1
        elif tag == "details" and self.depth_details:
            self.depth_details -= 1

    def handle_data(self, data):
        if self.depth_article:
            (self.audit if self.depth_details else self.body).append(data)


def page_text(path: Path) -> _ArticleText:
    parser = _ArticleText()
    parser.feed(path.read_text("utf-8"))
    return parser


def squash(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Path:
    project = copy_bundled(tmp_path_factory.mktemp("bundled") / "project")
    run_newsdesk("build", "--strict", "-C", str(project))
    return project


def article_pages(project: Path) -> dict[str, Path]:
    """seed path -> built article page, via the generated front-matter."""
    pages = {}
    for md in (project / "docs" / "articles").glob("*.md"):
        match = re.search(r'^seed: "?([^"\n]+)"?$', md.read_text("utf-8"), re.M)
        if match:
            pages[match.group(1)] = project / "site" / "articles" / (md.stem + ".html")
    return pages


def test_strict_build_of_bundled_seeds(bundled: Path) -> None:
    site = bundled / "site"
    assert (site / "index.html").exists()
    # newsdesk's search: the index the pipeline wrote, the script, the box in the header;
    # none of Material's search (nor the iframe-worker shim its file:// mode needed).
    assert (site / "assets" / "search-index" / "manifest.js").exists()
    assert list((site / "assets" / "search-index" / "t").glob("*.js"))
    assert (site / "assets" / "newsdesk" / "newsdesk-search.js").exists()
    assert not (site / "search").exists()
    assert not list(site.rglob("*iframe-worker*"))
    home = (site / "index.html").read_text("utf-8")
    assert home.count('id="nd-search"') == 1 and 'data-md-component="search"' not in home
    assert (site / "data" / "corpus.json").exists()
    assert len(list((site / "articles").glob("*.html"))) == 6  # five articles + the index


def test_no_page_loads_anything_from_an_outside_host(bundled: Path) -> None:
    """Scripts, styles, images, frames, fonts: all local. (Plain links a reader may click,
    such as Material's "Made with" credit, are not requests.)"""
    loads = re.compile(r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc=["']?(?:https?:)?//|"""
                       r"""<link\b[^>]*\bhref=["']?(?:https?:)?//|url\(["']?(?:https?:)?//""", re.I)
    for page in (bundled / "site").rglob("*.html"):
        assert not loads.search(page.read_text("utf-8")), page
    for sheet in (bundled / "site").rglob("*.css"):
        assert not re.search(r"url\([\"']?(?:https?:)?//", sheet.read_text("utf-8")), sheet


@pytest.mark.parametrize("seed", [p.name for p in seed_files()])
def test_every_seed_line_is_on_its_page_and_boilerplate_only_in_the_audit(bundled: Path, seed: str) -> None:
    page = page_text(article_pages(bundled)[f"seeds/{seed}"])
    body, audit = squash("".join(page.body)), squash("".join(page.audit))
    text = normalise(decode((SEEDS / seed).read_bytes())[0])
    boilerplate = set(SEED_BOILERPLATE[seed])
    removed = {r.text for r in clean(text).removed}
    assert boilerplate <= removed
    for line in filter(None, (l.strip() for l in text.split("\n"))):
        if line in removed:
            assert squash(line) in audit, line
        else:
            assert squash(line) in body, line
    for line in boilerplate:
        # Boilerplate never appears as a paragraph of the body ("ADVERTISEMENT" as a word
        # inside a sentence would be fine, so compare whole paragraphs).
        paragraphs = [squash(p) for p in page.body]
        assert squash(line) not in paragraphs, line


def test_front_matter_fields(bundled: Path) -> None:
    import yaml

    md = next((bundled / "docs" / "articles").glob("in-major-escalation*.md")).read_text("utf-8")
    meta = yaml.safe_load(md.split("---\n")[1])
    for key in ("title", "title_source", "subtitle", "source", "authors", "published", "dateline", "words",
                "reading_time", "summary", "seed", "sha256", "tags"):
        assert key in meta, key
    assert meta["seed"] == "seeds/004_7507c6e2ecf09481.txt"
    import hashlib

    assert meta["sha256"] == hashlib.sha256((SEEDS / "004_7507c6e2ecf09481.txt").read_bytes()).hexdigest()
    assert (meta["published"], meta["published_precision"]) == ("2020-01", "month")


def test_two_builds_are_byte_identical(tmp_path: Path) -> None:
    # Different hash seeds, so any output that depends on set or dict order shows up.
    one, two = copy_bundled(tmp_path / "one"), copy_bundled(tmp_path / "two")
    run_newsdesk("build", "--strict", "-C", str(one), env={"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "1"})
    run_newsdesk("build", "--strict", "-C", str(two), env={"SOURCE_DATE_EPOCH": "1700000000", "PYTHONHASHSEED": "2"})
    for folder in ("docs", "site"):
        a, b = files_in(one / folder), files_in(two / folder)
        assert sorted(a) == sorted(b), folder
        assert [p for p in a if a[p] != b[p]] == [], folder


def test_regenerating_is_incremental_and_keeps_user_files(tmp_path: Path) -> None:
    project = copy_bundled(tmp_path / "p")
    (project / "docs" / "articles").mkdir()
    (project / "docs" / "articles" / "my-notes.md").write_text("# My notes\n")
    run_newsdesk("generate", "-C", str(project))
    docs = project / "docs"
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}

    # Nothing changed: nothing rewritten.
    proc = run_newsdesk("generate", "-C", str(project))
    assert "nothing changed since the last build" in proc.stderr
    assert {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")} == before
    # A generated page deleted by hand comes back.
    (docs / "sources.md").unlink()
    run_newsdesk("generate", "-C", str(project))
    assert (docs / "sources.md").exists()
    before = {p: p.stat().st_mtime_ns for p in docs.rglob("*.md")}

    # Edit one seed: its page and the indexes change, other articles do not.
    seed = project / "seeds" / "002_5adceb2b319e5a58.txt"
    seed.write_text(seed.read_text("utf-8").replace("Terror Threat\n", "Terror Threat\n\n"), "utf-8")
    (project / "seeds" / "002_5adceb2b319e5a58.yml").write_text('published: "2014-06"\ntags: [iraq]\n')
    proc = run_newsdesk("generate", "-C", str(project))
    assert "1 written" not in proc.stderr  # the article, corpus.json and the tags are rewritten
    changed = {p for p in docs.rglob("*.md") if before.get(p) != p.stat().st_mtime_ns}
    assert {p.name for p in changed} == {"iraq-wants-america-back-to-fight-al-qaeda-with-air-strikes.md"}

    # Delete a seed: its page goes, the user's note stays; add a seed: a page appears.
    (project / "seeds" / "003_4462df2f5df68d6c.txt").unlink()
    shutil.copy2(GUM / "GUM_news_crane.txt", project / "seeds" / "crane.txt")
    run_newsdesk("generate", "-C", str(project))
    names = {p.name for p in (docs / "articles").glob("*.md")}
    assert "kerry-flies-to-baghdad-in-last-ditch-effort-to-unify-iraqis-against-isis.md" not in names
    assert "at-least-107-killed-in-mecca-crane-collapse.md" in names
    assert (docs / "articles" / "my-notes.md").read_text() == "# My notes\n"
    assert (docs / "about.md").exists()
    index = (docs / "articles" / "index.md").read_text("utf-8")
    assert "Mecca crane collapse" in index and "Kerry flies" not in index
    assert not (docs / "people" / "john-kerry.md").exists()  # only the deleted article named him
    assert (docs / "places" / "mecca.md").exists()

    # Incremental regeneration gives exactly what a cold build of the same seeds gives.
    fresh = tmp_path / "fresh"
    shutil.copytree(project / "seeds", fresh / "seeds")
    (fresh / "docs" / "articles").mkdir(parents=True)
    shutil.copy2(project / "mkdocs.yml", fresh / "mkdocs.yml")
    for mine in ("articles/my-notes.md", "about.md"):  # the user's pages: the search index holds about.md
        shutil.copy2(project / "docs" / mine, fresh / "docs" / mine)
    run_newsdesk("generate", "-C", str(fresh))
    generated = {p for p in files_in(project / "docs")} - {"articles/my-notes.md", "about.md"}
    assert {p: files_in(project / "docs")[p] for p in generated} == {
        p: b for p, b in files_in(fresh / "docs").items() if p not in ("articles/my-notes.md", "about.md")}
    run_newsdesk("build", "--strict", "-C", str(project))


def test_bad_seed_does_not_stop_the_others(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p", seed_files()[:2])
    (project / "seeds" / "broken.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (project / "seeds" / "empty.txt").write_bytes(b"")
    proc = run_newsdesk("build", "-C", str(project))
    assert "seeds/broken.txt: looks like a binary file" in proc.stderr
    assert "seeds/empty.txt: is empty" in proc.stderr
    assert len(list((project / "site" / "articles").glob("*.html"))) == 3
    home = (project / "docs" / "index.md").read_text("utf-8")
    assert "2 seed file(s) could not be published" in home
    strict = run_newsdesk("build", "--strict", "-C", str(project), check=False)
    assert strict.returncode == 1


HOSTILE_SEED = """<script>alert('headline')</script>

<img src=x onerror="alert(1)"> and [a link](javascript:alert(2)) and ![i](data:text/html,x) in a paragraph long enough to be one.

{{ config.site_name }} {% raw %} <!-- comment --> <iframe src="//example.com"></iframe>

!!! danger "not an admonition"

---

--8<-- "/etc/passwd"

[TOC]

Text with attributes {: onclick="alert(3)" } and <svg onload=alert(4)>.
"""


def test_hostile_markup_shows_as_text(tmp_path: Path) -> None:
    project = make_project(tmp_path / "p")
    (project / "seeds" / "hostile.txt").write_text(HOSTILE_SEED, "utf-8")
    (project / "seeds" / "ok.txt").write_text("A fine headline\n\nA fine paragraph of text that is long enough to be the lead of the article.\n")
    run_newsdesk("build", "--strict", "-C", str(project))
    hostile = article_pages(project)["seeds/hostile.txt"]
    html_text = hostile.read_text("utf-8")
    parsed = page_text(hostile)
    article_tags = {tag for tag, _ in parsed.tags}
    assert not article_tags & {"iframe", "svg", "img"}
    assert not re.search(r"<script>alert", html_text)
    assert "javascript:alert" not in re.findall(r'href="([^"]*)"', html_text)
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name, _v in attrs)
    body = squash("".join(parsed.body))
    for line in HOSTILE_SEED.split("\n"):
        if line.strip() and line.strip() != "---":
            assert squash(line) in body or squash(line) in squash("".join(parsed.audit)), line


@needs(GUM)
@needs(WIKINEWS)
def test_unseen_articles_build_strict_and_lose_no_text(tmp_path: Path) -> None:
    unseen = sorted(GUM.glob("GUM_news_*.txt")) + sorted((WIKINEWS / "economy").glob("*.txt"))[::25]
    project = make_project(tmp_path / "p", unseen)
    run_newsdesk("build", "--strict", "-C", str(project))
    pages = article_pages(project)
    assert len(pages) == len(unseen)
    for seed in unseen:
        parsed = page_text(pages[f"seeds/{seed.name}"])
        shown = squash("".join(parsed.body) + " " + "".join(parsed.audit))
        text = normalise(decode(seed.read_bytes())[0])
        for line in filter(None, (l.strip() for l in text.split("\n"))):
            assert squash(line) in shown, (seed.name, line[:80])


def test_build_site_py_regenerates_markdown(tmp_path: Path) -> None:
    project = copy_bundled(tmp_path / "p")
    proc = subprocess.run([sys.executable, str(ROOT / "build_site.py"), "-C", str(project)],
                          capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    assert len(list((project / "docs" / "articles").glob("*.md"))) == 6
    assert not (project / "site").exists()


def test_new_project_builds_empty_and_refuses_to_overwrite(tmp_path: Path) -> None:
    project = make_project(tmp_path / "fresh")
    assert sorted(p.name for p in project.iterdir()) == [".gitignore", "docs", "mkdocs.yml", "seeds"]
    run_newsdesk("build", "--strict", "-C", str(project))
    assert (project / "site" / "index.html").exists()
    again = run_newsdesk("new", str(project), check=False)
    assert again.returncode == 2 and "never overwrites" in again.stderr


def test_help_lists_commands_and_exit_codes() -> None:
    out = run_newsdesk("--help").stdout
    for word in ("new", "generate", "build", "serve", "exit codes"):
        assert word in out
    for command in ("new", "generate", "build", "serve"):
        assert run_newsdesk(command, "--help").returncode == 0


def test_mkdocs_build_alone_regenerates(tmp_path: Path) -> None:
    """`mkdocs build` (not only `newsdesk build`) runs the pipeline through the plugin."""
    project = copy_bundled(tmp_path / "p")
    mkdocs = Path(sys.executable).with_name("mkdocs")
    proc = subprocess.run([str(mkdocs), "build", "--strict"], cwd=project, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert proc.returncode == 0, proc.stderr
    assert (project / "site" / "articles" / "index.html").exists()
    assert filecmp.cmp(project / "docs" / "index.md", ROOT / "tests" / "golden" / "index.md", shallow=False)


def test_pages_let_go_of_their_text_during_the_build_and_the_site_is_the_same(tmp_path: Path, monkeypatch) -> None:
    """The plugin empties each MkDocs page's Markdown once it is converted and its HTML
    once the page is written (what MkDocs would otherwise hold for every page to the end
    of the build: see NewsdeskPlugin.on_page_content). The site is byte for byte the one
    built with both texts kept."""
    from mkdocs.structure.pages import Page as MkDocsPage

    from newsdesk.plugin import NewsdeskPlugin

    project = copy_bundled(tmp_path / "p")
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # MkDocs checks anchors on every page after the last page is written: what each page
    # still holds then is what it holds to the end of the build.
    held: dict[str, tuple[str | None, str | None]] = {}
    check = MkDocsPage.validate_anchor_links

    def record(page, **kwargs):
        held[page.file.src_uri] = (page.markdown, page.content)
        return check(page, **kwargs)

    monkeypatch.setattr(MkDocsPage, "validate_anchor_links", record)

    mkdocs_build(project, tmp_path / "site")
    assert len(held) > 20 and "index.md" in held and "articles/index.md" in held
    assert {texts for texts in held.values()} == {("", "")}

    # The same build with both hooks passing everything through (hooks are registered
    # when the config is loaded, so the class is patched first).
    monkeypatch.setattr(NewsdeskPlugin, "on_page_content", lambda self, html, page, config, files: html)
    monkeypatch.setattr(NewsdeskPlugin, "on_post_page", lambda self, output, page, config: output)
    held.clear()
    mkdocs_build(project, tmp_path / "site-kept")
    assert all(markdown and content for markdown, content in held.values())
    assert same_tree(tmp_path / "site", tmp_path / "site-kept")


def test_zip_and_feed(tmp_path: Path) -> None:
    """`newsdesk build --zip` packs the site (same bytes twice); the RSS feed is valid XML
    listing the articles, with absolute links when the site's URL is known."""
    import xml.etree.ElementTree as ET
    import zipfile

    project = copy_bundled(tmp_path / "p")
    env = {"SOURCE_DATE_EPOCH": "1700000000", "NEWSDESK_SITE_URL": "https://example.org/dossier/"}
    for name in ("one", "two"):
        (tmp_path / name).mkdir()
        run_newsdesk("build", "--strict", "--zip", str(tmp_path / name / "dossier.zip"), "-C", str(project), env=env)
    assert (tmp_path / "one" / "dossier.zip").read_bytes() == (tmp_path / "two" / "dossier.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "one" / "dossier.zip") as archive:
        names = archive.namelist()
    assert "dossier/index.html" in names and "dossier/assets/search-index/manifest.js" in names
    assert len(names) == sum(1 for p in (project / "site").rglob("*") if p.is_file())

    feed = ET.parse(project / "site" / "feed.xml").getroot()
    links = [item.findtext("link") for item in feed.iter("item")]
    assert len(links) == 5 and all(link.startswith("https://example.org/dossier/articles/") for link in links)
    sitemap = (project / "site" / "sitemap.xml").read_text("utf-8")
    assert "https://example.org/dossier/articles/" in sitemap


# --------------------------------------------------------------------------- search


def _index(project: Path):
    """newsdesk's search index in docs/, read from the files its manifest lists."""
    import hashlib
    import json

    from newsdesk.search import INDEX_DIR
    from newsdesk.search.query import SearchIndex

    owned = json.loads((project / ".newsdesk" / "manifest.json").read_text("utf-8"))["files"]
    files = {p: (project / "docs" / p).read_text("utf-8") for p in owned if p.startswith(INDEX_DIR + "/")}
    for path, sha in owned.items():
        if path.startswith(INDEX_DIR + "/"):
            assert hashlib.sha256((project / "docs" / path).read_bytes()).hexdigest() == sha, path
    return SearchIndex(files), {p.removeprefix(INDEX_DIR + "/") for p in files}


def test_search_index_follows_the_seeds_and_the_users_pages(tmp_path: Path) -> None:
    """The index is written with the other generated pages: stale shards are deleted, the
    user's files beside them and the user's pages are never touched, an edited hand-written
    page is re-indexed, and every page names the manifest's version."""
    import hashlib

    project = copy_bundled(tmp_path / "p")
    folder = project / "docs" / "assets" / "search-index"
    folder.mkdir(parents=True)
    (folder / "mine.js").write_text("// the user's\n")
    run_newsdesk("build", "--strict", "-C", str(project))
    index, files = _index(project)
    assert {"manifest.js", "t/0.js", "d/0.js"} <= files and "mine.js" not in files
    assert [h.url for h in index.search("Soleimani")][0] == "people/qasem-soleimani.html"
    assert [h.url for h in index.search("boilerplate mastheads")] == ["about.html"]  # docs/about.md, written by hand
    version = hashlib.sha256((folder / "manifest.js").read_bytes()).hexdigest()[:12]
    for page in ("index.html", "about.html", "articles/index.html", "people/qasem-soleimani.html"):
        assert f'data-nd-version="{version}"' in (project / "site" / page).read_text("utf-8"), page

    # A hand-written page edited: nothing else changed, but the index follows it.
    about = project / "docs" / "about.md"
    about.write_text(about.read_text("utf-8") + "\nZanzibarian footnote.\n", "utf-8")
    proc = run_newsdesk("generate", "-C", str(project))
    assert "nothing changed since the last build" not in proc.stderr
    assert [h.url for h in _index(project)[0].search("zanzibarian")] == ["about.html"]
    proc = run_newsdesk("generate", "-C", str(project))
    assert "nothing changed since the last build" in proc.stderr

    # Fewer seeds: fewer documents, so shards and chunks the index no longer has are deleted.
    for seed in sorted((project / "seeds").glob("*.txt"))[:3]:
        seed.unlink()
    run_newsdesk("build", "--strict", "-C", str(project))
    index, smaller = _index(project)
    on_disk = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
    assert on_disk == smaller | {"mine.js"}, sorted(on_disk ^ (smaller | {"mine.js"}))
    assert files - smaller, "no index file went away: the test proves nothing"
    assert (folder / "mine.js").read_text() == "// the user's\n"
    assert index.manifest["docs"] < 110
    new_version = hashlib.sha256((folder / "manifest.js").read_bytes()).hexdigest()[:12]
    assert new_version != version and f'data-nd-version="{new_version}"' in (project / "site" / "index.html").read_text("utf-8")
    assert (project / "site" / "assets" / "search-index" / "mine.js").exists()  # the user's file is published as any


def _with_plugins(project: Path, *names: str) -> None:
    """Add Material plugins to the project's mkdocs.yml (edited as text: it uses !ENV)."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    assert "\n  - tags\n" in text
    config.write_text(text.replace("\n  - tags\n", "\n  - tags\n" + "".join(f"  - {n}\n" for n in names)), "utf-8")


def test_materials_search_left_in_mkdocs_yml_gives_one_search_box_and_a_warning(tmp_path: Path) -> None:
    """A project made before newsdesk had its own search still lists Material's `search`
    and `offline`: the site gets Material's search only (one box), the build says how to
    switch, and --strict fails on that warning."""
    project = copy_bundled(tmp_path / "p")
    _with_plugins(project, "search", "offline")
    proc = run_newsdesk("build", "-C", str(project))
    assert "Material's search plugin is enabled in mkdocs.yml" in proc.stderr and "remove `- search`" in proc.stderr
    site = project / "site"
    assert (site / "search" / "search_index.json").exists()
    for page in ("index.html", "about.html"):
        html = (site / page).read_text("utf-8")
        assert html.count('data-md-component="search"') == 1 and 'id="nd-search"' not in html, page
        assert "newsdesk-search.js" not in html, page
    strict = run_newsdesk("build", "--strict", "-C", str(project), check=False)
    assert strict.returncode == 1 and "Material's search plugin is enabled" in strict.stderr


def test_offline_plugin_alone_loads_nothing_from_outside(tmp_path: Path) -> None:
    """Material's `offline` plugin would add a script from unpkg.com to every page for a
    search that is not there: newsdesk drops it and says to remove the plugin."""
    project = copy_bundled(tmp_path / "p")
    _with_plugins(project, "offline")
    proc = run_newsdesk("build", "-C", str(project))
    assert "offline plugin" in proc.stderr and "Remove `- offline`" in proc.stderr
    for page in (project / "site").rglob("*.html"):
        html = page.read_text("utf-8")
        assert "unpkg.com" not in html and "iframe-worker" not in html, page
    html = (project / "site" / "index.html").read_text("utf-8")
    assert html.count('id="nd-search"') == 1 and 'data-md-component="search"' not in html
