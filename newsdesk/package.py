"""Packing a built site as a zip a reader can unpack and open offline.

Deterministic: entries sorted, one top-level folder named after the zip, every timestamp
the same (SOURCE_DATE_EPOCH if set, else 1980-01-01, the earliest zip allows), so two
builds of the same site give the same bytes.
"""

from __future__ import annotations

import os
import time
import zipfile
from pathlib import Path

from .write import atomic_write


def _timestamp() -> tuple[int, int, int, int, int, int]:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        stamp = time.gmtime(max(int(epoch), 315532800))  # zip cannot store dates before 1980
        return stamp[:6]
    return (1980, 1, 1, 0, 0, 0)


def zip_site(site_dir: Path, target: Path) -> int:
    """Write ``site_dir`` to ``target``; returns the number of files."""
    import io

    buffer = io.BytesIO()
    files = sorted(p for p in site_dir.rglob("*") if p.is_file())
    folder = target.stem
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for path in files:
            info = zipfile.ZipInfo(f"{folder}/{path.relative_to(site_dir).as_posix()}", date_time=_timestamp())
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, path.read_bytes())
    atomic_write(target, buffer.getvalue())
    return len(files)
