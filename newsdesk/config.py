"""Build settings: where the seeds, docs and state live, and what the site is called.

Settings come from the project's ``mkdocs.yml`` (site name and description, ``docs_dir``
and the ``newsdesk`` plugin's options), read with MkDocs' own loader so there is one
source of truth whichever command runs. Problems are collected and reported together.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from .entities import OverridesFileError, read_overrides_file
from .extract.entities import BACKENDS
from .read import printable
from .yamlsafe import YamlError

log = logging.getLogger("mkdocs.plugins.newsdesk")

CONFIG_FILE = "mkdocs.yml"
DEFAULT_SEEDS_DIR = "seeds"
DEFAULT_STATE_DIR = ".newsdesk"


class ConfigError(Exception):
    """The project's configuration is unusable; the message lists every problem."""


@dataclass(frozen=True)
class Settings:
    project_dir: Path
    seeds_dir: Path
    docs_dir: Path
    state_dir: Path  # manifest of generated files, analysis cache
    site_name: str
    site_description: str
    site_url: str | None = None
    use_cache: bool = True
    entity_backend: str = "auto"
    entity_page_min_mentions: int = 0  # 0: automatic, by corpus size (see link.page_threshold)
    entities_file: Path | None = None  # the project's hand-edited entities.yml
    jobs: int = 0  # worker processes for analysis; 0: one per core

    @property
    def cache_dir(self) -> Path:
        return self.state_dir / "cache"


def settings_from_mkdocs(config, plugin_config) -> Settings:
    """Settings from a loaded MkDocs config and the newsdesk plugin's options."""
    project_dir = Path(config.config_file_path).resolve().parent if config.config_file_path else Path.cwd()
    problems = []
    seeds_dir = project_dir / plugin_config["seeds_dir"]
    if not seeds_dir.is_dir():
        problems.append(f"seeds_dir: {seeds_dir} is not a folder (create it, or set plugins.newsdesk.seeds_dir)")
    docs_dir = Path(config.docs_dir)
    state_dir = project_dir / plugin_config["state_dir"]
    for name, path in (("seeds_dir", seeds_dir), ("state_dir", state_dir)):
        try:
            path.resolve().relative_to(project_dir)
        except ValueError:
            problems.append(f"{name}: {path} is outside the project folder {project_dir}")
    try:
        seeds_dir.resolve().relative_to(docs_dir.resolve())
        problems.append("seeds_dir must not be inside docs_dir (seeds would be published as pages)")
    except ValueError:
        pass
    if plugin_config["entity_backend"] not in ("auto", *BACKENDS):
        problems.append(f"entity_backend: {plugin_config['entity_backend']!r} is not one of auto, {', '.join(BACKENDS)}")
    if plugin_config["entity_page_min_mentions"] < 0:
        problems.append("entity_page_min_mentions: must be 0 (automatic) or more")
    if problems:
        raise ConfigError("Invalid newsdesk configuration in mkdocs.yml:\n  - " + "\n  - ".join(problems))
    entities_file = project_dir / plugin_config["entities_file"]
    _check_entities_file(entities_file, project_dir)
    return Settings(
        project_dir=project_dir,
        seeds_dir=seeds_dir,
        docs_dir=docs_dir,
        state_dir=state_dir,
        site_name=config.site_name or "",
        site_description=config.site_description or "",
        site_url=config.site_url or None,
        use_cache=plugin_config["cache"] and os.environ.get("NEWSDESK_NO_CACHE", "") == "",
        entity_backend=plugin_config["entity_backend"],
        entity_page_min_mentions=plugin_config["entity_page_min_mentions"],
        entities_file=entities_file,
        jobs=int(os.environ.get("NEWSDESK_JOBS", plugin_config["jobs"])),
    )


def configured_site_url(config) -> str | None:
    """``site_url`` as mkdocs.yml sets it. `mkdocs serve` replaces ``config.site_url`` with
    the local server's address before any plugin sees it. The generated pages keep the
    configured one (the feed's links are absolute with it), so that `serve` after a
    `build` finds nothing to regenerate. None where the file cannot be read again."""
    from mkdocs.utils.yaml import yaml_load

    try:
        with open(config.config_file_path, "rb") as handle:
            data = yaml_load(handle)
    except Exception as exc:  # it was read once already: only a changed or odd file gets here
        log.debug("newsdesk: could not read site_url from %s again (%s)", config.config_file_path, exc)
        return None
    url = data.get("site_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url else None


def _check_entities_file(path: Path, project_dir: Path) -> None:
    """An entities.yml that cannot be used at all (a folder, binary, not UTF-8...) stops the
    build as a configuration error. What is wrong inside it (YAML syntax, unknown keys, too
    large) is reported by the build as a warning, and the file (or the wrong part) ignored."""
    try:
        shown = printable(path.relative_to(project_dir).as_posix())
    except ValueError:
        shown = printable(str(path))
    try:
        read_overrides_file(path, shown)
    except OverridesFileError as exc:
        raise ConfigError(str(exc)) from None
    except YamlError:
        pass


def load_settings(project_dir: Path) -> Settings:
    """Load ``project_dir/mkdocs.yml`` with MkDocs and return the newsdesk settings."""
    from mkdocs.config import load_config
    from mkdocs.exceptions import ConfigurationError

    config_file = project_dir / CONFIG_FILE
    if not config_file.is_file():
        raise ConfigError(f"{config_file}: not found (is {project_dir} a newsdesk project? `newsdesk new DIR` makes one)")
    try:
        config = load_config(config_file=str(config_file))
    except ConfigurationError as exc:
        raise ConfigError(f"{config_file}: {exc}") from None
    plugin = config.plugins.get("newsdesk")
    if plugin is None:
        raise ConfigError(f"{config_file}: the `newsdesk` plugin is not listed under `plugins:`")
    return settings_from_mkdocs(config, plugin.config)
