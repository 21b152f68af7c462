"""The ``newsdesk`` command: argument parsing, logging, exit codes.

Every command works on a project folder (``-C DIR``, default: the current folder) that
holds ``mkdocs.yml``, ``seeds/`` and ``docs/``. Errors print ``Error: ...`` on stderr.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from importlib import resources
from pathlib import Path

from . import __version__

EXIT_OK = 0
EXIT_FAILED = 1  # the build failed, or --strict and something was reported
EXIT_USAGE = 2  # bad arguments or configuration

EPILOG = """\
exit codes:
  0  success (seeds that could not be published are reported as warnings, and listed
     on the home page, but do not fail the build without --strict)
  1  the build failed: the message says which file, the line where known, what is
     wrong and what to do (e.g. a full disk or a read-only folder; docs/ and site/ are
     then left as they were); or --strict was given and a warning was reported (a seed
     not published, a sidecar or entities.yml ignored, invalid bytes replaced, an
     MkDocs warning); or the build was interrupted; or an internal error (a bug: run
     again with -v to see the traceback, and report it)
  2  bad arguments, or an unusable project configuration (mkdocs.yml missing or
     invalid, a bad option of the newsdesk plugin)

Seeds are raw article files (.txt or .md) in the project's seeds/ folder; a file
seeds/NAME.yml next to seeds/NAME.txt may set title, subtitle, source, authors,
published (YYYY, YYYY-MM or YYYY-MM-DD), dateline, url and tags.
"""

log = logging.getLogger("newsdesk")


class _Formatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if record.levelno >= logging.ERROR:
            return f"Error: {message}"
        if record.levelno >= logging.WARNING:
            return f"Warning: {message}"
        return message


def _setup_logging(verbosity: int) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    level = logging.WARNING if verbosity < 0 else logging.DEBUG if verbosity > 0 else logging.INFO
    for name in ("newsdesk", "mkdocs"):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="newsdesk",
        description="Turn a folder of raw news articles into a cross-linked, searchable MkDocs site.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"newsdesk {__version__}")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("-C", "--project", metavar="DIR", type=Path, default=Path("."),
                        help="the project folder (default: the current folder)")
    common.add_argument("-v", "--verbose", action="count", default=0, help="more detail")
    common.add_argument("-q", "--quiet", action="store_true", help="only warnings and errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    new = sub.add_parser("new", help="create a new project folder", epilog=EPILOG,
                         formatter_class=argparse.RawDescriptionHelpFormatter,
                         description="Create DIR with mkdocs.yml, an empty seeds/ and docs/. Never overwrites files.")
    new.add_argument("directory", metavar="DIR", type=Path, help="folder to create (may exist if empty)")
    new.add_argument("--title", default=None, help="the site's name (default: the folder name)")
    new.add_argument("-v", "--verbose", action="count", default=0, help=argparse.SUPPRESS)
    new.add_argument("-q", "--quiet", action="store_true", help=argparse.SUPPRESS)

    generate = sub.add_parser("generate", parents=[common], epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
                              help="regenerate the Markdown in docs/ from seeds/ (no HTML)",
                              description="Regenerate the Markdown pages in docs/ from the seeds. Writes only files whose bytes changed.")
    generate.add_argument("--strict", action="store_true", help="exit 1 if any seed could not be published or any warning was given")

    build = sub.add_parser("build", parents=[common], epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
                           help="regenerate docs/ and build the HTML site into site/",
                           description="Regenerate docs/ from the seeds, then run `mkdocs build` (Material theme) into site/.")
    build.add_argument("--strict", action="store_true", help="fail (exit 1) on any warning")
    build.add_argument("--site-dir", type=Path, default=None, help="where to write the site (default: from mkdocs.yml, usually site/)")
    build.add_argument("--zip", nargs="?", const=True, default=None, metavar="FILE",
                       help="also write the site as a zip a reader can unpack and open offline "
                            "(default FILE: site.zip next to the site folder)")

    serve = sub.add_parser("serve", parents=[common], epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter,
                           help="preview the site with live reload",
                           description="Run `mkdocs serve`: regenerates and reloads when a seed, a sidecar or a page changes.")
    serve.add_argument("-a", "--dev-addr", default=None, metavar="IP:PORT", help="address to serve on (default 127.0.0.1:8000)")
    serve.add_argument("--strict", action="store_true", help="fail on any warning (implies --full-rebuilds)")
    serve.add_argument("--full-rebuilds", action="store_true",
                       help="let MkDocs rebuild every page on each change (default: only the pages newsdesk rewrote)")
    return parser


def main(argv: list[str] | None = None) -> int:
    # Material prints a banner about its end of life on every build; it is not a
    # warning about this site (see README: "Choices").
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    args = _parser().parse_args(argv)
    _setup_logging(-1 if args.quiet else args.verbose)
    try:
        if args.command == "new":
            return _new(args.directory, args.title)
        if args.command == "generate":
            return _generate(args.project, args.strict)
        if args.command == "build":
            return _build(args.project, args.strict, args.site_dir, args.zip)
        if args.command == "serve":
            return _serve(args.project, args.dev_addr, args.strict, args.full_rebuilds)
    except KeyboardInterrupt:
        log.error("interrupted; docs/ and site/ are left as they were before this build")
        return EXIT_FAILED
    except Exception as exc:  # a bug: say so plainly, with the traceback on request
        if args.verbose:
            import traceback

            log.error("internal error; this is a bug in newsdesk %s, please report it with this traceback:\n%s",
                      __version__, traceback.format_exc().rstrip())
        else:
            log.error("internal error (%s: %s); this is a bug in newsdesk %s: run again with -v for the traceback, "
                      "and report it", type(exc).__name__, exc, __version__)
        return EXIT_FAILED
    return EXIT_USAGE


def _new(directory: Path, title: str | None) -> int:
    if directory.exists() and (not directory.is_dir() or any(directory.iterdir())):
        log.error("%s already exists and is not an empty folder; newsdesk new never overwrites files", directory)
        return EXIT_USAGE
    templates = resources.files("newsdesk").joinpath("templates")
    name = title or directory.resolve().name.replace("-", " ").replace("_", " ").strip() or "News dossier"
    config = templates.joinpath("mkdocs.yml").read_text("utf-8").replace("{site_name}", json.dumps(name, ensure_ascii=False))
    (directory / "seeds").mkdir(parents=True)
    (directory / "docs").mkdir()
    (directory / "mkdocs.yml").write_text(config, encoding="utf-8")
    (directory / ".gitignore").write_text(templates.joinpath("gitignore").read_text("utf-8"), encoding="utf-8")
    log.info("Created %s. Put article files (.txt, .md) in %s, then run: newsdesk build -C %s",
             directory, directory / "seeds", directory)
    return EXIT_OK


def _generate(project: Path, strict: bool) -> int:
    from .config import ConfigError, load_settings
    from .pipeline import build
    from .write import WriteError

    try:
        settings = load_settings(project)
    except ConfigError as exc:
        log.error("%s", exc)
        return EXIT_USAGE
    try:
        result = build(settings)
    except (WriteError, OSError) as exc:
        log.error("%s", exc)
        return EXIT_FAILED
    if strict and (result.corpus.problems or result.warnings):
        log.error("--strict: %d seed(s) not published, %d other warning(s) (listed above); fix them, or run without --strict",
                  len(result.corpus.problems), len(result.warnings))
        return EXIT_FAILED
    return EXIT_OK


def _mkdocs_config(project: Path, strict: bool, **overrides):
    from mkdocs.config import load_config

    config_file = project / "mkdocs.yml"
    if not config_file.is_file():
        raise FileNotFoundError(f"{config_file}: not found (is {project} a newsdesk project? `newsdesk new DIR` makes one)")
    return load_config(config_file=str(config_file), strict=strict, **overrides)


def _build(project: Path, strict: bool, site_dir: Path | None, zip_to: Path | bool | None = None) -> int:
    from mkdocs.commands.build import build
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    overrides = {"site_dir": str(site_dir.resolve())} if site_dir else {}
    try:
        config = _mkdocs_config(project, strict, **overrides)
    except (FileNotFoundError, ConfigurationError) as exc:
        log.error("%s", exc)
        return EXIT_USAGE
    plugin = config.plugins.get("newsdesk")
    if plugin is not None:
        # newsdesk's own options: a bad one is a configuration error (exit 2), not a failed build.
        from .config import ConfigError, settings_from_mkdocs

        try:
            settings_from_mkdocs(config, plugin.config)
        except ConfigError as exc:
            log.error("%s", exc)
            return EXIT_USAGE
    from .write import staged_site

    # MkDocs builds into a fresh folder beside the site folder, which replaces it only
    # when the build succeeded: a failed or killed build leaves the previous site whole.
    final_site = Path(config.site_dir)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        with staged_site(final_site) as building:
            config["site_dir"] = str(building)
            build(config)
    except PluginError as exc:
        log.error("%s", exc)
        return EXIT_FAILED
    except Abort as exc:
        log.error("%s%s; the previous site is unchanged", exc, " (--strict makes every warning above fail the build)" if strict else "")
        return EXIT_FAILED
    except OSError as exc:
        log.error("%s: the site cannot be written (%s); the previous site is unchanged",
                  exc.filename or final_site, exc.strerror or exc)
        return EXIT_FAILED
    finally:
        config["site_dir"] = str(final_site)
        config.plugins.on_shutdown()
    log.info("Site written to %s (open %s in a browser, or serve the folder)", config.site_dir,
             Path(config.site_dir) / "index.html")
    if zip_to:
        from .package import zip_site

        target = Path(config.site_dir).with_suffix(".zip") if zip_to is True else Path(zip_to)
        try:
            count = zip_site(Path(config.site_dir), target)
        except OSError as exc:
            log.error("%s: cannot be written (%s)", target, exc.strerror or exc)
            return EXIT_FAILED
        log.info("Zip written to %s (%d files): unpack it and open index.html, no server needed", target, count)
    return EXIT_OK


class _DropDirtyBuildNotice(logging.Filter):
    """MkDocs warns on every dirty build that navigation may be stale; newsdesk's is not."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def _serve(project: Path, dev_addr: str | None, strict: bool, full_rebuilds: bool = False) -> int:
    from mkdocs.commands.serve import serve
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    config_file = project / "mkdocs.yml"
    if not config_file.is_file():
        log.error("%s: not found (is %s a newsdesk project?)", config_file, project)
        return EXIT_USAGE
    kwargs = {"dev_addr": dev_addr} if dev_addr else {}
    # newsdesk rewrites only the pages whose bytes change, so MkDocs' "dirty" rebuilds (only
    # files newer than their HTML) show every change after a seed edit while rendering a
    # handful of pages instead of the whole site. Its navigation is fixed (sections, not
    # articles), so what dirty builds get wrong elsewhere does not apply; a deleted seed's
    # old page stays in the preview's folder, unlinked. --strict builds everything: MkDocs
    # counts its notice about dirty builds as a warning.
    dirty = not (full_rebuilds or strict)
    if dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_DropDirtyBuildNotice())
        log.info("newsdesk serve: after a change, MkDocs rebuilds only the pages newsdesk rewrote (--full-rebuilds: all)")
    try:
        serve(config_file=str(config_file), livereload=True, strict=strict, build_type="dirty" if dirty else None, **kwargs)
    except (ConfigurationError, PluginError, Abort) as exc:
        log.error("%s", exc)
        return EXIT_FAILED
    return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
