"""The default ``hybrid`` backend: where spaCy's boundaries correct the rules' ones."""

from __future__ import annotations

import pytest

from newsdesk.extract.entities import ORGANIZATION, PERSON
from newsdesk.extract.ner_hybrid import HybridBackend


@pytest.fixture(scope="module")
def backend() -> HybridBackend:
    return HybridBackend()


def surfaces(backend: HybridBackend, text: str) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.kind) for s in backend.find([text])[0]]


def test_two_names_run_together_are_split_where_the_model_splits(backend):
    text = "Psychology major at University of Texas Arlington Amneh Jafari heard of the incident."
    found = surfaces(backend, text)
    assert ("Amneh Jafari", PERSON) in found
    assert not any("Jafari" in s and "Texas" in s for s, _ in found)


def test_an_organisation_the_rules_cut_at_a_possessive_is_whole(backend):
    found = surfaces(backend, "A spokesman for the Los Angeles County Sheriff's Department said nothing.")
    assert ("Los Angeles County Sheriff's Department", ORGANIZATION) in found


def test_a_word_in_front_of_a_rules_organisation_is_not_added():
    """The same organisation written with and without a leading word stays one name: a
    model span that only adds words in front of one rules span does not replace it."""
    from newsdesk.extract.entities import Span
    from newsdesk.extract.ner_hybrid import _extend_to_model_organisations

    text = "within the Islamic Revolutionary Guard Corps today"
    start = text.index("Islamic")
    rules = [Span(text.index("Revolutionary"), text.index(" today"), ORGANIZATION)]
    model = [Span(start, text.index(" today"), ORGANIZATION)]
    assert _extend_to_model_organisations(rules, model, text) == rules
    # Extending to the right (the rules stopped early) does replace it.
    text = "He wrote for LA Weekly in 2010."
    rules = [Span(13, 15, "place")]
    model = [Span(13, 22, ORGANIZATION)]
    assert _extend_to_model_organisations(rules, model, text) == model


def test_a_model_name_opening_a_sentence_with_an_ordinary_word_is_not_added(backend):
    """The model reads "Potential Goldsmith" as a name; the article writes "potential" in
    lowercase, so the capital is the sentence's (it became Lord Goldsmith's page title)."""
    paragraphs = ["Potential Goldsmith leak worries Labour, excites opposition.",
                  "There is potential for more."]
    found = [paragraphs[0][s.start:s.end] for s in backend.find(paragraphs)[0]]
    assert not any("Potential" in surface for surface in found)


def test_a_model_name_opening_a_sentence_is_kept_when_its_words_are_names(backend):
    paragraphs = ["Time Magazine reported it. The Boston Herald said so.", "Time will tell, and time passes."]
    found = [paragraphs[0][s.start:s.end] for s in backend.find(paragraphs)[0]]
    assert "Time Magazine" in found and any(surface.endswith("Boston Herald") for surface in found)
