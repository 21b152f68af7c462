"""The default backend: the rules backend, completed by spaCy's statistical model.

Measured on held-out news (README, "Entity quality"), the two make different mistakes:
the rules are precise about what they find and about kinds (gazetteers, titles, head
words), the model finds names the rules have no cue for. So: every span the rules find is
kept, with the rules' kind; a span only the model finds is added when it has at least two
words (single capitalised words are where the model guesses most: products, topics,
nationalities) and does not open a sentence with a word the article also writes in
lowercase ("Potential Goldsmith leak worries Labour"). Overlaps are resolved in favour of
the rules.
"""

from __future__ import annotations

from typing import Sequence

from .entities import Span
from .ner_rules import ORG_TAILS, RulesBackend, lowercase_words, starts_sentence
from .ner_spacy import SpacyBackend

_VERSION = "3"


class HybridBackend:
    name = "hybrid"

    def __init__(self) -> None:
        self._model = SpacyBackend()
        self._rules = RulesBackend()
        self.version = f"hybrid-{_VERSION}+{self._rules.version}+{self._model.version}"

    def find(self, paragraphs: Sequence[str]) -> list[list[Span]]:
        result = []
        common = lowercase_words(paragraphs)
        for text, ruled, modelled in zip(paragraphs, self._rules.find(paragraphs), self._model.find(paragraphs)):
            spans = [piece for span in ruled for piece in _split_where_model_does(span, modelled)]
            spans = _extend_to_model_organisations(spans, modelled, text)
            for span in modelled:
                words = text[span.start:span.end].split()
                if len(words) < 2 or _starts_with_an_ordinary_word(text, span.start, words, common):
                    continue
                if any(r.start < span.end and r.end > span.start for r in ruled):
                    continue
                spans.append(span)
            result.append(sorted(spans, key=lambda s: s.start))
        return result


_ARTICLES = frozenset({"The", "A", "An"})


def _starts_with_an_ordinary_word(text: str, start: int, words: list[str], common: set[str]) -> bool:
    """A model span that begins a sentence with a word the article also writes in
    lowercase ("Potential Goldsmith leak worries Labour", "Suspects Mancao and Aquino
    left"): the capital is the sentence's, not a name's. A leading article is passed over
    ("The Boston Herald"), and a span ending in an organisation's head word is a name
    ("Time Magazine")."""
    first = words[1] if words[0] in _ARTICLES and len(words) > 2 else words[0]
    return first.lower() in common and words[-1] not in ORG_TAILS and starts_sentence(text, start)


def _split_where_model_does(span: Span, modelled: Sequence[Span]) -> list[Span]:
    """A rules span the model reads as two or more names is those names.

    Text without punctuation between two names runs them together for capitalisation rules
    ("... at University of Texas Arlington Amneh Jafari heard"); the model's boundaries are
    kept when at least two of its spans lie inside the rules span and one is a person.
    """
    inside = [m for m in modelled if span.start <= m.start and m.end <= span.end and (m.start, m.end) != (span.start, span.end)]
    if len(inside) < 2 or not any(m.kind == "person" for m in inside):
        return [span]
    return inside


def _extend_to_model_organisations(spans: list[Span], modelled: Sequence[Span], text: str) -> list[Span]:
    """A model organisation that ends in an organisation head word and holds rules spans
    replaces them: the rules stop at a possessive or a spaced hyphen the name runs over
    ("Los Angeles County Sheriff's Department", "LA Weekly"). A model span that only adds
    words in front of one rules span does not: the same organisation named without them
    elsewhere would become a second entity."""
    for model in modelled:
        words = text[model.start:model.end].split()
        if model.kind != "organization" or len(words) < 2 or words[-1] not in ORG_TAILS:
            continue
        inside = [s for s in spans if model.start <= s.start and s.end <= model.end]
        crossing = [s for s in spans if s.start < model.end and s.end > model.start and s not in inside]
        if not inside or crossing or any((s.start, s.end) == (model.start, model.end) for s in inside):
            continue
        if len(inside) == 1 and inside[0].end == model.end:
            continue  # only a word added in front ("Islamic Revolutionary Guard Corps"): the rules' name stands
        spans = [s for s in spans if s not in inside] + [model]
    return spans
