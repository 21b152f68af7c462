"""The MkDocs plugin: regenerates docs/ from the seeds on every build and serve.

``mkdocs build``, ``mkdocs serve`` and ``newsdesk build/serve`` all go through here:
- ``on_config`` adds newsdesk's assets (the table sorter, the stylesheets, the search script)
  and its theme overrides (the header that holds newsdesk's search box);
- ``on_pre_build`` runs the pipeline (which also writes the search index into
  ``docs/assets/search-index/``), before MkDocs collects the files in docs/;
- ``on_files`` publishes the assets from the installed package;
- ``on_nav`` and ``on_env`` let the theme render its navigation once per folder rather than
  once per page (``shared_partials``), and give the templates the search index's version
  (see ``search_version``);
- ``on_page_content`` and ``on_post_page`` let go of each page's Markdown and HTML once read
  (MkDocs would hold both for every page to the end of the build);
- ``on_serve`` watches the seeds folder and entities.yml, so editing either rebuilds, and
  the folder where the pipeline asks for the full rebuild after a preview of an edit.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import replace
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from .config import DEFAULT_SEEDS_DIR, DEFAULT_STATE_DIR, ConfigError, configured_site_url, settings_from_mkdocs
from .pipeline import Session, build, prepare_previews
from .search import INDEX_DIR, SEARCH_ASSETS, add_theme_overrides, material_search_enabled, plugin_enabled
from .shared_partials import ThemeCache
from .write import WriteError

log = logging.getLogger("mkdocs.plugins.newsdesk")

ASSET_PREFIX = "assets/newsdesk"
SERVE_FOLDER = "serve"  # in the state folder: the file that asks a `serve` for the next rebuild
# (file in newsdesk/assets, role) -- role says how the theme loads it.
ASSETS = (
    ("vendor/tablesort.min.js", "script"),
    ("newsdesk.js", "script"),
    ("newsdesk.css", "style"),
    ("a11y.css", "style"),  # after newsdesk.css: contrast and link fixes on Material's defaults
    # MIT licences of the vendored files travel with them.
    ("vendor/tablesort.LICENSE", "file"),
    # Loaded by the graph page only.
    ("vendor/cytoscape.min.js", "file"),
    ("vendor/cytoscape.LICENSE", "file"),
    ("graph.js", "file"),
)


# The last one passes newsdesk's generated HTML blocks through unparsed (render/html.py).
REQUIRED_EXTENSIONS = ("toc", "tables", "admonition", "pymdownx.details", "md_in_html", "newsdesk.render.passthrough")
# What Material's offline plugin adds to every page for its search from file:// (a CDN).
OFFLINE_SHIM = "https://unpkg.com/iframe-worker/shim"


def search_version(docs_dir: Path) -> str:
    """A hash of the search index's manifest.js, written into every page: the search box
    loads ``manifest.js?v=<hash>``, so a browser never uses a manifest cached from an
    earlier build (the manifest in turn versions the shards it loads)."""
    try:
        return hashlib.sha256((docs_dir / INDEX_DIR / "manifest.js").read_bytes()).hexdigest()[:12]
    except OSError:
        return ""


class NewsdeskConfig(Config):
    seeds_dir = opt.Type(str, default=DEFAULT_SEEDS_DIR)
    state_dir = opt.Type(str, default=DEFAULT_STATE_DIR)
    cache = opt.Type(bool, default=True)
    # auto: spaCy's statistical model if installed, else the model-free rules.
    entity_backend = opt.Type(str, default="auto")
    # Entities mentioned fewer times keep their place in corpus.json but get no page.
    # 0: automatic (every entity below AUTO_PAGE_THRESHOLD articles, then 2, then 3).
    entity_page_min_mentions = opt.Type(int, default=0)
    entities_file = opt.Type(str, default="entities.yml")
    # Worker processes for analysing new seeds (0: one per core; NEWSDESK_JOBS overrides).
    jobs = opt.Type(int, default=0)


class NewsdeskPlugin(BasePlugin[NewsdeskConfig]):
    def __init__(self) -> None:
        self.settings = None
        self.material_search = False  # Material's search plugin is on: its search box, not ours
        self.search_version = ""
        self.session: Session | None = None
        self.theme_cache = ThemeCache()

    def on_startup(self, *, command, dirty):
        # Defining on_startup makes MkDocs keep this plugin object for a whole
        # `mkdocs serve`, so each rebuild can start from what the last one knew. Previews
        # of edits (``preview``) need rebuilds of only the pages that changed: with full
        # rebuilds, MkDocs would render the whole site twice.
        self.session = Session(previews=dirty) if command == "serve" else None

    def _assets(self):
        """(file, role) of every asset published: newsdesk's search script and stylesheet
        only when the site uses newsdesk's search."""
        return ASSETS if self.material_search else ASSETS + SEARCH_ASSETS

    @event_priority(100)
    def on_config(self, config):
        try:
            self.settings = settings_from_mkdocs(config, self.config)
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        if self.session is not None:  # `serve`: config.site_url is the local server's address now
            self.settings = replace(self.settings, site_url=configured_site_url(config))
        # Generated pages link to each other's .html files (in HTML blocks and in the search
        # index): the only layout that also works when the pages are opened as files.
        if config.use_directory_urls:
            raise PluginError(
                "newsdesk needs `use_directory_urls: false` in mkdocs.yml: its pages link to each other's "
                ".html files, so that the site also works when opened from files, without a server."
            )
        # The Markdown extensions generated pages are written for.
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        # newsdesk's search is the site's search. A project whose mkdocs.yml still enables
        # Material's search (as `newsdesk new` did before) gets Material's search box instead,
        # never both (partials/header.html picks one), and a warning.
        self.material_search = material_search_enabled(config)
        offline_on = plugin_enabled(config, "material/offline")
        if self.material_search:
            log.warning(
                "Material's search plugin is enabled in mkdocs.yml, so the site uses Material's search (it loads "
                "its whole index before the first result, and from file:// needs the offline plugin and a script "
                "from unpkg.com) instead of newsdesk's own. To use newsdesk's search, remove `- search`%s from "
                "`plugins:` (and search.suggest/search.highlight from `theme.features`).",
                " and `- offline`" if offline_on else "",
            )
        elif offline_on:
            log.warning(
                "Material's offline plugin in mkdocs.yml only serves Material's search, which is off: newsdesk "
                "removes the script it would load from unpkg.com on every page. Remove `- offline` from `plugins:`."
            )
        for name, role in self._assets():
            url = f"{ASSET_PREFIX}/{Path(name).name}"
            if role == "script" and url not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(url)
            elif role == "style" and url not in config.extra_css:
                config.extra_css.append(url)
        # Template overrides (the header holding newsdesk's search box; an accessible name
        # for Material's search dialog when a project enables it), below a project's own
        # custom_dir so a project can still override them.
        add_theme_overrides(config)
        return config

    def on_pre_build(self, config):
        if not self.material_search:
            # Added by Material's offline plugin (after on_config above); nothing uses it.
            polyfills = config.extra.get("polyfills")
            if isinstance(polyfills, list) and OFFLINE_SHIM in polyfills:
                polyfills.remove(OFFLINE_SHIM)
        try:
            build(self.settings, self.session)
        except (WriteError, OSError) as exc:
            raise PluginError(f"newsdesk could not write the generated pages: {exc}") from None
        self.search_version = search_version(self.settings.docs_dir)

    def on_files(self, files, config):
        package = resources.files("newsdesk").joinpath("assets")
        for name, _role in self._assets():
            with resources.as_file(package.joinpath(name)) as source:
                uri = f"{ASSET_PREFIX}/{Path(name).name}"
                files.append(File.generated(config, uri, abs_src_path=str(source)))
        return files

    def on_nav(self, nav, config, files):
        self.theme_cache.start(nav)
        return nav

    def on_env(self, env, config, files):
        env.globals["newsdesk_search_version"] = self.search_version
        self.theme_cache.install(env)
        return env

    # MkDocs (1.6) converts every page's Markdown to HTML before it renders the first
    # template, and each Page keeps both texts to the end of the build: at 12,000 articles
    # (27,000 pages) that is MkDocs' largest use of memory. Each text is let go once nothing
    # reads it any more. Both run last (priority -100), after every other plugin's hook.
    # They set "" rather than None: Page.title reads None as "not read yet", and with ""
    # it returns the same title as with the full text (the title from the rendered H1 or
    # the front-matter once the page is converted, else the file name).

    @event_priority(-100)
    def on_page_content(self, html, page, config, files):
        # The Markdown has been converted; later steps read the HTML, the toc and the
        # front-matter (page.meta). Material's tags plugin reads the Markdown in
        # on_page_markdown, before this.
        page.markdown = ""
        return html

    @event_priority(-100)
    def on_post_page(self, output, page, config):
        # The page's template is rendered (output is what MkDocs writes); other pages'
        # templates read this page's title and url, never its HTML; MkDocs' anchor check
        # after the last page uses page.present_anchor_ids. A rebuild by `mkdocs serve`
        # makes new Page objects.
        page.content = ""
        return output

    def on_serve(self, server, config, builder):
        if self.settings is not None:
            server.watch(str(self.settings.seeds_dir))
            if self.settings.entities_file is not None and self.settings.entities_file.exists():
                server.watch(str(self.settings.entities_file))
            if self.session is not None and self.session.previews:
                # After a preview, the pipeline writes a file here: the server rebuilds again.
                folder = self.settings.state_dir / SERVE_FOLDER
                folder.mkdir(parents=True, exist_ok=True)
                server.watch(str(folder))
                self.session.rebuild_trigger = folder / "rebuild-requested"
                prepare_previews(self.settings, self.session)
        return server
