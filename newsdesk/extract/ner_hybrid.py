"""The default backend: the rules backend, completed by spaCy's statistical model.

Measured on held-out news (README, "Entity quality"), the two make different mistakes:
the rules are precise about what they find and about kinds (gazetteers, titles, head
words), the model finds names the rules have no cue for. So: every span the rules find is
kept, with the rules' kind; a span only the model finds is added when it has at least two
words (single capitalised words are where the model guesses most: products, topics,
nationalities). Overlaps are resolved in favour of the rules.
"""

from __future__ import annotations

from typing import Sequence

from .entities import Span
from .ner_rules import RulesBackend
from .ner_spacy import SpacyBackend

_VERSION = "1"


class HybridBackend:
    name = "hybrid"

    def __init__(self) -> None:
        self._model = SpacyBackend()
        self._rules = RulesBackend()
        self.version = f"hybrid-{_VERSION}+{self._rules.version}+{self._model.version}"

    def find(self, paragraphs: Sequence[str]) -> list[list[Span]]:
        result = []
        for text, ruled, modelled in zip(paragraphs, self._rules.find(paragraphs), self._model.find(paragraphs)):
            spans = list(ruled)
            for span in modelled:
                if len(text[span.start:span.end].split()) < 2:
                    continue
                if any(r.start < span.end and r.end > span.start for r in ruled):
                    continue
                spans.append(span)
            result.append(sorted(spans, key=lambda s: s.start))
        return result
