"""File digests remembered from one build to the next, reused while a file's ``stat`` is
unchanged, so an unchanged file is not read again.

Used for the seeds and sidecars (the build's fingerprint, ``pipeline``) and for the pages
in docs/ (what the writer compares its pages with, ``write``).
"""

from __future__ import annotations

import os
import time


class FileDigests:
    """Digests of files from the previous build, keyed by path, with the file's size,
    modification and change times (ns), inode and device when it was read.

    A build reuses a digest when all five are unchanged instead of reading the file again
    (6,000 seeds: 0.9 s of reading and hashing become a few milliseconds of stat; the
    13,500 pages of their site in docs/: about 2 s).
    Any write changes the change time, which no program can set back, so a rewrite with
    the same size and an old modification time is still seen. A file changed within
    ``RACY_NS`` before the previous build read it could have changed again in the same
    clock tick after it was read: such digests are never reused (as Git does with its index).
    """

    RACY_NS = 2_000_000_000

    def __init__(self, previous: dict | None = None, recorded_ns: int = 0) -> None:
        self.previous = previous or {}
        self.trusted_before = recorded_ns - self.RACY_NS
        self.current: dict[str, list] = {}
        self.started_ns = time.time_ns()

    @classmethod
    def from_record(cls, record: dict | None) -> "FileDigests":
        record = record or {}
        files, recorded = record.get("files"), record.get("files_recorded_ns")
        if not isinstance(files, dict) or not isinstance(recorded, int):
            return cls()
        return cls(files, recorded)

    def _reusable(self, entry) -> bool:
        """A well-formed entry for a file that had not changed within ``RACY_NS`` before
        the previous build read it."""
        return isinstance(entry, list) and len(entry) == 6 and isinstance(entry[2], int) and entry[2] < self.trusted_before

    def lookup(self, key: str, signature: list[int]) -> bytes | None:
        entry = self.previous.get(key)
        if self._reusable(entry) and entry[:5] == signature:
            try:
                found = bytes.fromhex(entry[5])
            except (TypeError, ValueError):
                return None
            self.current[key] = entry
            return found
        return None

    def remember(self, key: str, signature: list[int], digest: bytes) -> None:
        self.current[key] = [*signature, digest.hex()]

    def keep_unvisited(self) -> None:
        """Carry over the previous digests of the files this build did not look up (one
        that looks at only some files), those it could have reused: a digest that was
        racy then is still racy, and is dropped."""
        for key, entry in self.previous.items():
            if key not in self.current and self._reusable(entry):
                self.current[key] = entry

    def record(self) -> dict:
        return {"files": self.current, "files_recorded_ns": self.started_ns}

    @staticmethod
    def signature(info: os.stat_result) -> list[int]:
        """What identifies one version of a file: size, modification and change times, inode, device."""
        return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino, info.st_dev]
