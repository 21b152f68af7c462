"""Entity recognition: the interface every backend implements, and choosing one.

A backend finds spans of people, organisations and places in paragraphs of plain text.
It knows nothing of other articles: merging spellings into entities across the corpus is
the link stage's work (``newsdesk.entities``). Backends:

- ``hybrid``: the rules, completed by the model's multi-word names (the default: the
  best measured quality; see ``ner_hybrid``);
- ``spacy``: spaCy's small English model alone (statistical);
- ``rules``: capitalisation, cue words and gazetteers; no model, about 20 times faster.

Each backend has a ``version`` that changes whenever its output may change; it is part of
the analysis cache key, so an unchanged seed is never analysed twice by the same backend.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Protocol, Sequence

PERSON, ORGANIZATION, PLACE = "person", "organization", "place"
KINDS = (PERSON, ORGANIZATION, PLACE)
BACKENDS = ("hybrid", "spacy", "rules")
DEFAULT_BACKEND = "auto"  # hybrid if spaCy's model loads, else rules


@dataclass(frozen=True)
class Span:
    """A mention found in one paragraph: ``text[start:end]`` is the mention."""

    start: int
    end: int
    kind: str  # one of KINDS


class Backend(Protocol):
    name: str
    version: str

    def find(self, paragraphs: Sequence[str]) -> list[list[Span]]:
        """Spans for each paragraph, in order, non-overlapping, sorted by start."""
        ...


class BackendUnavailable(RuntimeError):
    """The backend cannot run here (e.g. spaCy or its model is not installed)."""


@functools.cache
def get_backend(name: str) -> Backend:
    """The backend called ``name`` (``auto``: hybrid if spaCy is available, else rules)."""
    if name == "auto":
        try:
            return get_backend("hybrid")
        except BackendUnavailable:
            return get_backend("rules")
    if name == "hybrid":
        from .ner_hybrid import HybridBackend

        return HybridBackend()
    if name == "spacy":
        from .ner_spacy import SpacyBackend

        return SpacyBackend()
    if name == "rules":
        from .ner_rules import RulesBackend

        return RulesBackend()
    raise ValueError(f"unknown entity backend {name!r} (choose from auto, {', '.join(BACKENDS)})")
