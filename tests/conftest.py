"""Shared fixtures: paths to the bundled seeds and shared corpora, and project builders."""

from __future__ import annotations

import filecmp
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
GUM = SHARED / "corpora" / "gum-wikinews"
WIKINEWS = SHARED / "corpora" / "wikinews"
NEWSDESK = [sys.executable, "-m", "newsdesk.cli"]


def make_project(folder: Path, seeds: list[Path] | None = None, *, with_sidecars: bool = True) -> Path:
    """A newsdesk project in ``folder`` made with `newsdesk new`, holding copies of ``seeds``."""
    run_newsdesk("new", str(folder), "--title", "Test dossier")
    for seed in seeds or []:
        shutil.copy2(seed, folder / "seeds" / seed.name)
        sidecar = seed.with_suffix(".yml")
        if with_sidecars and sidecar.exists():
            shutil.copy2(sidecar, folder / "seeds" / sidecar.name)
    return folder


def copy_bundled(folder: Path) -> Path:
    """This repository's project in ``folder``: mkdocs.yml, the bundled seeds, docs/about.md."""
    shutil.copytree(SEEDS, folder / "seeds")
    (folder / "docs").mkdir(parents=True)
    shutil.copy2(ROOT / "mkdocs.yml", folder / "mkdocs.yml")
    shutil.copy2(ROOT / "docs" / "about.md", folder / "docs" / "about.md")
    return folder


def run_newsdesk(*args: str, check: bool = True, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    proc = subprocess.run([*NEWSDESK, *args], capture_output=True, text=True, env=full_env, cwd=ROOT)
    if check and proc.returncode != 0:
        raise AssertionError(f"newsdesk {' '.join(args)} exited {proc.returncode}\n{proc.stderr}")
    return proc


def mkdocs_build(project: Path, site: Path):
    """A strict ``mkdocs build`` of ``project`` into ``site`` in this process (so a test
    can look at the plugins afterwards); the loaded MkDocs config."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    config = load_config(config_file=str(project / "mkdocs.yml"), site_dir=str(site), strict=True)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        build(config)
    finally:
        config.plugins.on_shutdown()
    return config


def files_in(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder``, by its POSIX path relative to it, with its bytes (to
    compare two folders and see which files differ, which ``same_tree`` does not say)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def cold_docs(project: Path, folder: Path) -> dict[str, bytes]:
    """``files_in`` docs/ of a fresh bundled project at ``folder`` with ``project``'s seeds
    (and entities.yml), built once in this process without a session: what any rebuild
    of ``project`` must give."""
    from newsdesk.config import load_settings
    from newsdesk.pipeline import build

    fresh = copy_bundled(folder)
    shutil.rmtree(fresh / "seeds")
    shutil.copytree(project / "seeds", fresh / "seeds")
    if (project / "entities.yml").exists():
        shutil.copy2(project / "entities.yml", fresh / "entities.yml")
    build(load_settings(fresh))
    return files_in(fresh / "docs")


def same_tree(left: Path, right: Path) -> bool:
    """Whether two folders hold the same files with the same bytes."""
    def same(cmp: filecmp.dircmp) -> bool:
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        return (not cmp.left_only and not cmp.right_only and not mismatch and not errors
                and all(same(sub) for sub in cmp.subdirs.values()))

    return same(filecmp.dircmp(left, right))


def seed_files() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))


def needs(path: Path):
    """Skip (visibly) when a shared corpus is not beside the project."""
    return pytest.mark.skipif(not path.exists(), reason=f"{path} is not present")
