"""newsdesk's own site search: a sharded index of small JavaScript files plus a search box.

Material's stock search (lunr) loads its whole index, about 36 MB for 5,000 pages, before
the first result, and from file:// only through the offline plugin's inlined copy. This
package writes an index that the browser loads piece by piece with ``<script>`` tags (the
same way over http, from file:// and under a sub-path): the manifest when the search box is
first used, then the term shards of the words typed and the document chunks of the results
on screen. See ``index.py`` for the format and ``newsdesk/assets/search/newsdesk-search.js``
for the browser side.

How newsdesk uses it:

- ``pipeline.render`` adds ``build_search_pages(search_docs_from_corpus(corpus) + ...)`` to
  the pages it writes (``docs/assets/search-index/``, through the same manifest and staged
  writes as every generated page), ``...`` being the hand-written pages
  (``search_docs_from_markdown_files``; their text is part of the build's fingerprint);
- the plugin publishes ``SEARCH_ASSETS`` (script and stylesheet), calls
  ``add_theme_overrides(config)`` in ``on_config`` so the header holds the search box, and
  gives the pages a hash of ``manifest.js`` (``data-nd-version``) against stale caches;
- ``mkdocs.yml`` does not enable Material's ``search`` plugin (nor ``offline``, which only
  served it). If a project does, the site gets Material's search box instead of this one
  (never both) and the build warns.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from .docs import GENERATED_FOLDERS, search_docs_from_corpus, search_docs_from_markdown_files
from .index import INDEX_DIR, KINDS, DocTermsCache, SearchDoc, build_search_files, build_search_pages
from .tokenize import normalize, tokenize

__all__ = [
    "GENERATED_FOLDERS",
    "INDEX_DIR",
    "KINDS",
    "SEARCH_ASSETS",
    "SearchDoc",
    "add_theme_overrides",
    "DocTermsCache",
    "build_search_files",
    "build_search_pages",
    "material_search_enabled",
    "normalize",
    "overrides_dir",
    "plugin_enabled",
    "search_docs_from_corpus",
    "search_docs_from_markdown_files",
    "tokenize",
]

# (file in newsdesk/assets, role), in the form of newsdesk.plugin.ASSETS.
SEARCH_ASSETS = (
    ("search/newsdesk-search.js", "script"),
    ("search/newsdesk-search.css", "style"),
)


def overrides_dir() -> Path:
    """The theme folder holding newsdesk's ``partials/header.html`` (search box) override."""
    return Path(str(resources.files("newsdesk").joinpath("assets", "overrides")))


def plugin_enabled(config, name: str) -> bool:
    """Whether MkDocs plugin ``name`` ("material/search") is listed in ``config`` and not
    switched off with ``enabled: false``."""
    plugin = config.plugins.get(name) if hasattr(config.plugins, "get") else None
    return bool(plugin is not None and getattr(plugin, "config", {}).get("enabled", True))


def material_search_enabled(config) -> bool:
    return plugin_enabled(config, "material/search")


def add_theme_overrides(config) -> None:
    """Put the overrides folder in the theme's search path: after the project's own
    ``custom_dir`` (which still wins), before Material's templates. Idempotent."""
    theme = config.theme
    folder = str(overrides_dir())
    if folder in theme.dirs:
        return
    custom = config.theme.custom_dir if hasattr(config.theme, "custom_dir") else None
    at = 1 if custom and theme.dirs and Path(theme.dirs[0]) == Path(custom) else 0
    theme.dirs.insert(at, folder)
