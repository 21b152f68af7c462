"""Golden output: the Markdown generated from the bundled seeds, kept in tests/golden/.

`make golden` (python -m tests.golden_update) rewrites tests/golden/ after an intended
change; review the diff with `git diff tests/golden` before committing it.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.conftest import copy_bundled

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"


def generate_bundled(workdir: Path) -> dict[str, bytes]:
    """Build the bundled project's Markdown in a copy under ``workdir``: {docs path: bytes}."""
    from newsdesk.config import load_settings
    from newsdesk.pipeline import build

    project = copy_bundled(workdir / "project")
    settings = load_settings(project)
    result = build(settings)
    return {page.path: page.content.encode("utf-8") for page in result.pages}


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        files = generate_bundled(Path(tmp))
    if GOLDEN.exists():
        shutil.rmtree(GOLDEN)
    for path, data in files.items():
        target = GOLDEN / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
    print(f"wrote {len(files)} golden files to {GOLDEN.relative_to(ROOT)}; review with: git diff --stat tests/golden")
    return 0


if __name__ == "__main__":
    sys.exit(main())
