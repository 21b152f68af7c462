"""Pausing Python's cyclic garbage collector while the corpus stage runs.

The corpus stage (merging entities, related articles, rendering every page) makes no
reference cycles, but millions of objects that live until it ends. Whenever such
survivors grow by a quarter, CPython runs a full collection, which walks every object in
the process: the build's, and in ``mkdocs serve`` the previous site's too. At 6,000
articles the merge alone ran five full collections that found nothing, about a quarter
of its time. Reference counting still frees everything as usual while paused.
"""

from __future__ import annotations

import contextlib
import gc


@contextlib.contextmanager
def collector_paused():
    """Pause the cyclic garbage collector for the block (as a ``with`` or a decorator),
    then resume it if it was on. The switch is process-wide: other threads, such as
    `mkdocs serve`'s, wait those seconds for their cycles to be collected."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
