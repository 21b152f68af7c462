"""The generated Markdown for the bundled seeds equals tests/golden/ byte for byte.

After an intended change: `make golden`, then review `git diff tests/golden`.
"""

from __future__ import annotations

from pathlib import Path

from .golden_update import GOLDEN, generate_bundled


def test_bundled_seeds_match_golden(tmp_path: Path) -> None:
    generated = generate_bundled(tmp_path)
    golden = {p.relative_to(GOLDEN).as_posix(): p.read_bytes() for p in GOLDEN.rglob("*") if p.is_file()}
    assert sorted(generated) == sorted(golden), "the set of generated files changed (run `make golden` if intended)"
    for path in sorted(golden):
        assert generated[path].decode() == golden[path].decode(), f"{path} differs from tests/golden (run `make golden` if intended)"
