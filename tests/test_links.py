"""Every link in the built example site resolves, and nothing is loaded from outside.

The bundled project (mkdocs.yml, seeds/, docs/about.md) is copied into a temp folder and
built with ``newsdesk build --strict``; then every HTML file of site/ is parsed (the
standard library's html.parser) and each URL in <a href>, <link href>, <script src> and
<img src> is checked:

- a relative URL (``?query`` and ``#fragment`` stripped, percent-escapes decoded) names a
  file that exists inside site/: not a folder (the site is opened from file:// too, where
  a folder is not its index.html) and not outside site/;
- a ``#fragment`` whose target is one of newsdesk's generated pages (articles/, people/,
  organizations/, places/, stories/, timeline/, and the index pages: home, sources, tags,
  quotes, graph) names an id (or <a name>) in that page; same-page fragments included;
- a root-relative URL (``/assets/...``) appears only in 404.html, where MkDocs writes them
  on purpose (that page is served at any depth); it must resolve from site/ too;
- an absolute http(s) URL is allowed only as the link to Material's "Made with" credit, and
  never as a resource (stylesheet, script, image, icon); no other scheme appears.

The counts are printed (``pytest -s`` shows them) and the test refuses to pass on a site so
small that it would prove nothing.
"""

from __future__ import annotations

import os
import posixpath
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from .conftest import copy_bundled

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
# Material's footer credit ("Made with Material for MkDocs"), partials/copyright.html.
ALLOWED_EXTERNAL_LINKS = frozenset({"https://squidfunk.github.io/mkdocs-material/"})
URL_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src"}
RESOURCE_TAGS = frozenset({"link", "script", "img"})
# Pages whose ids a #fragment from elsewhere (or from themselves) must match.
GENERATED_DIRS = ("articles/", "people/", "organizations/", "places/", "stories/", "timeline/")
INDEX_PAGES = frozenset({"index.html", "sources.html", "tags.html", "quotes.html", "graph.html"})
ROOT_RELATIVE_OK = frozenset({"404.html"})


@dataclass
class ParsedPage:
    urls: list[tuple[str, str, int]] = field(default_factory=list)  # (tag, url, line)
    ids: set[str] = field(default_factory=set)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = ParsedPage()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if attributes.get("id"):
            self.page.ids.add(attributes["id"])
        if tag == "a" and attributes.get("name"):
            self.page.ids.add(attributes["name"])
        attribute = URL_ATTRIBUTES.get(tag)
        if attribute and attributes.get(attribute) is not None:
            self.page.urls.append((tag, attributes[attribute].strip(), self.getpos()[0]))

    handle_startendtag = handle_starttag


def parse(path: Path) -> ParsedPage:
    collector = _Collector()
    collector.feed(path.read_text("utf-8"))
    collector.close()
    return collector.page


def fragment_checked(page: str) -> bool:
    return page.startswith(GENERATED_DIRS) or page in INDEX_PAGES or page.endswith("/index.html")


@pytest.fixture(scope="module")
def built_example(tmp_path_factory) -> Path:
    project = copy_bundled(tmp_path_factory.mktemp("newsdesk-links"))
    # The published address (mkdocs.yml: site_url from $NEWSDESK_SITE_URL) would add absolute
    # canonical and feed URLs; pages must work without it, so it is left unset here.
    env = {k: v for k, v in os.environ.items() if k != "NEWSDESK_SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    proc = subprocess.run(
        [sys.executable, "-m", "newsdesk.cli", "build", "--strict", "-C", str(project)],
        capture_output=True, text=True, cwd=project, timeout=600,
        env=env,
    )
    assert proc.returncode == 0, f"newsdesk build --strict exited {proc.returncode}\n{proc.stderr}\n{proc.stdout}"
    site = project / "site"
    assert (site / "index.html").is_file(), f"no site/index.html after the build\n{proc.stderr}"
    return site


def test_every_link_resolves(built_example: Path):
    site = built_example
    pages = {p.relative_to(site).as_posix(): parse(p) for p in sorted(site.rglob("*.html"))}
    files = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file()}
    folders = {p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_dir()}

    counts: Counter[str] = Counter()
    problems: list[str] = []

    for page, parsed in pages.items():
        for tag, url, line in parsed.urls:
            where = f"{page}:{line} <{tag} {URL_ATTRIBUTES[tag]}={url!r}>"
            counts[f"<{tag}>"] += 1
            parts = urlsplit(url)
            if parts.scheme or url.startswith("//"):
                if parts.scheme in ("http", "https") or url.startswith("//"):
                    if tag in RESOURCE_TAGS:
                        problems.append(f"{where}: loads a resource from outside the site")
                    elif url in ALLOWED_EXTERNAL_LINKS:
                        counts["allowed external links"] += 1
                    else:
                        problems.append(f"{where}: absolute link to outside the site (only Material's credit is allowed)")
                else:
                    problems.append(f"{where}: unexpected URL scheme {parts.scheme!r}")
                continue

            path = unquote(parts.path)
            if path.startswith("/"):
                if page not in ROOT_RELATIVE_OK:
                    problems.append(f"{where}: root-relative URL (breaks file:// and hosting under a sub-path)")
                    continue
                target = posixpath.normpath(path.lstrip("/")) if path.strip("/") else "index.html"
                counts["root-relative (404 page)"] += 1
            elif path:
                target = posixpath.normpath(posixpath.join(posixpath.dirname(page), path))
            else:
                target = page  # "#fragment" or "?query" alone: this page
            if target == "." or target.startswith("../") or target == "..":
                problems.append(f"{where}: points outside site/ ({target})")
                continue
            if target in folders:
                problems.append(f"{where}: points to the folder {target}/, not a file (fails from file://)")
                continue
            if target not in files:
                problems.append(f"{where}: {target} does not exist")
                continue
            counts["relative URLs resolved"] += 1

            fragment = unquote(parts.fragment)
            if fragment and target in pages and fragment_checked(target):
                counts["fragments checked"] += 1
                counts["fragments into this page" if target == page else "fragments into another page"] += 1
                if fragment not in pages[target].ids:
                    problems.append(f"{where}: {target} has no element with id {fragment!r}")

    summary = (
        f"{len(pages)} HTML pages, {sum(counts[f'<{t}>'] for t in URL_ATTRIBUTES)} URLs: "
        + ", ".join(f"{k} {v}" for k, v in sorted(counts.items()))
    )
    print(f"\nlinks: {summary}")
    assert not problems, f"{len(problems)} broken or disallowed URL(s) ({summary}):\n" + "\n".join(problems[:200]) + (
        f"\n... and {len(problems) - 200} more" if len(problems) > 200 else "")
    # a check that found almost nothing to check proves nothing
    assert len(pages) >= 50 and counts["<a>"] >= 1000 and counts["fragments checked"] >= 100, summary
    assert counts["<script>"] and counts["<link>"], summary
