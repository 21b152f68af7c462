"""The theme's navigation, rendered once per folder instead of once per page.

Material renders the site navigation (the sidebar, ``partials/nav.html``) and the tabs
(``partials/tabs.html``) into every page. On a page that is not in the nav itself (every
article, entity, story and timeline page: almost all of a newsdesk site), nothing in them
depends on the page but the folder its links are relative to, so all the pages of one
folder get the same HTML. At 600 articles, these two partials took 1.6 of the 4.2 ms
per page that Material's page template took (profiled), several times what the stock
site of the benchmark's baseline spends, whose nav has one entry; sharing them took
MkDocs' build of the 2,199 pages from 9.2 to 8.05 s.

newsdesk's theme overrides (``assets/overrides/partials/nav.html`` and ``tabs.html``)
wrap Material's own partials, loaded under the ``LOADER_PREFIX`` name this module adds,
in ``shared_partial``: for a page outside the nav, the first page of each folder renders
the partial and the others reuse its HTML; a page in the nav (the home page, the index
pages) always renders its own, as its entry is the active one. The HTML is the same, byte
for byte, as without the cache (tested on a whole site). The cache lives for one build:
``ThemeCache.start`` empties it when MkDocs makes the build's nav.
"""

from __future__ import annotations

from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from mkdocs.utils import get_theme_dir

LOADER_PREFIX = "newsdesk-material"  # "newsdesk-material/partials/nav.html": Material's own


class ThemeCache:
    """The shared partials of one build, by (partial, folder of the page)."""

    def __init__(self) -> None:
        self.rendered: dict[tuple[str, str], str] = {}
        self.nav_pages: set[int] = set()

    def start(self, nav) -> None:
        """A new build: its nav, and nothing rendered yet."""
        self.rendered.clear()
        self.nav_pages = {id(page) for page in nav.pages}

    def shared_partial(self, name: str, page, caller) -> str:
        """``caller()`` (the partial, rendered for ``page``), or the same partial as
        rendered for an earlier page outside the nav in the same folder."""
        url = getattr(page, "url", None)
        if not isinstance(url, str) or id(page) in self.nav_pages:  # (the 404 page has none)
            return caller()
        key = (name, url.rpartition("/")[0])
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = caller()
        return html

    def install(self, env) -> None:
        """Make Material's own templates loadable under ``LOADER_PREFIX`` and give the
        templates ``newsdesk_shared_partial``."""
        if "newsdesk_shared_partial" not in env.globals:  # (once per environment)
            material = FileSystemLoader(get_theme_dir("material"))
            env.loader = ChoiceLoader([env.loader, PrefixLoader({LOADER_PREFIX: material})])
        env.globals["newsdesk_shared_partial"] = self.shared_partial
