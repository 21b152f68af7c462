"""The MkDocs plugin: regenerates docs/ from the seeds on every build and serve.

``mkdocs build``, ``mkdocs serve`` and ``newsdesk build/serve`` all go through here:
- ``on_config`` adds newsdesk's assets (the vendored iframe-worker shim that lets search
  work from file:// with no network, the table sorter, the stylesheet);
- ``on_pre_build`` runs the pipeline, before MkDocs collects the files in docs/;
- ``on_files`` publishes the assets from the installed package;
- ``on_serve`` watches the seeds folder and entities.yml, so editing either rebuilds.
"""

from __future__ import annotations

import logging
from importlib import resources
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File

from .config import DEFAULT_SEEDS_DIR, DEFAULT_STATE_DIR, ConfigError, settings_from_mkdocs
from .pipeline import build
from .write import WriteError

log = logging.getLogger("mkdocs.plugins.newsdesk")

ASSET_PREFIX = "assets/newsdesk"
# (file in newsdesk/assets, role) -- role says how the theme loads it.
ASSETS = (
    ("vendor/iframe-worker-shim.js", "polyfill"),
    ("vendor/tablesort.min.js", "script"),
    ("newsdesk.js", "script"),
    ("newsdesk.css", "style"),
    ("a11y.css", "style"),  # after newsdesk.css: contrast and link fixes on Material's defaults
    # MIT licences of the vendored files travel with them.
    ("vendor/iframe-worker.LICENSE", "file"),
    ("vendor/tablesort.LICENSE", "file"),
    # Loaded by the graph page only.
    ("vendor/cytoscape.min.js", "file"),
    ("vendor/cytoscape.LICENSE", "file"),
    ("graph.js", "file"),
)


REQUIRED_EXTENSIONS = ("toc", "tables", "admonition", "pymdownx.details", "md_in_html")


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

    # Run before Material's offline plugin, which adds a CDN copy of iframe-worker unless a
    # polyfill whose URL contains "iframe-worker" is already listed.
    @event_priority(100)
    def on_config(self, config):
        try:
            self.settings = settings_from_mkdocs(config, self.config)
        except ConfigError as exc:
            raise PluginError(str(exc)) from None
        # The Markdown extensions generated pages are written for.
        for extension in REQUIRED_EXTENSIONS:
            if extension not in config.markdown_extensions:
                config.markdown_extensions.append(extension)
        polyfills = config.extra.setdefault("polyfills", [])
        for name, role in ASSETS:
            url = f"{ASSET_PREFIX}/{Path(name).name}"
            if role == "polyfill" and url not in polyfills:
                polyfills.append(url)
            elif role == "script" and url not in [str(s) for s in config.extra_javascript]:
                config.extra_javascript.append(url)
            elif role == "style" and url not in config.extra_css:
                config.extra_css.append(url)
        # Template overrides (an accessible name for Material's search dialog; the header
        # that hosts newsdesk's own search when Material's is off), below a project's own
        # custom_dir so a project can still override them.
        overrides = str(Path(__file__).parent / "assets" / "overrides")
        if overrides not in config.theme.dirs:
            config.theme.dirs.insert(1 if config.theme.custom_dir else 0, overrides)
        return config

    def on_pre_build(self, config):
        try:
            build(self.settings)
        except (WriteError, OSError) as exc:
            raise PluginError(f"newsdesk could not write the generated pages: {exc}") from None

    def on_files(self, files, config):
        package = resources.files("newsdesk").joinpath("assets")
        for name, _role in ASSETS:
            with resources.as_file(package.joinpath(name)) as source:
                uri = f"{ASSET_PREFIX}/{Path(name).name}"
                files.append(File.generated(config, uri, abs_src_path=str(source)))
        return files

    def on_serve(self, server, config, builder):
        if self.settings is not None:
            server.watch(str(self.settings.seeds_dir))
            if self.settings.entities_file is not None and self.settings.entities_file.exists():
                server.watch(str(self.settings.entities_file))
        return server
