"""Entity pages: what the sentence shown for a mention looks like."""

from __future__ import annotations

from newsdesk.render.entities import SENTENCE_WINDOW, _sentence_at
from newsdesk.text import sentence_spans


def sentence(text: str, name: str) -> str:
    return _sentence_at(text, sentence_spans(text), text.index(name))


def test_the_whole_sentence_of_an_ordinary_mention():
    text = "First things first. Shipbuilder Irving Shipbuilding bid for the contract. Then nothing."
    assert sentence(text, "Irving") == "Shipbuilder Irving Shipbuilding bid for the contract."


def test_a_flattened_table_is_cut_to_a_window_around_the_mention():
    """A wiki table flattened into one 'sentence' must not fill the page: whole words
    around the mention, marked as cut on both sides."""
    cells = " | ".join(f"County {i} 19{i:02d}" for i in range(300))
    text = f"Results: {cells} | Irving Shipbuilding 4212 | {cells}."
    shown = sentence(text, "Irving")
    assert "Irving Shipbuilding" in shown
    assert shown.startswith("… ") and shown.endswith(" …")
    assert len(shown) <= 2 * SENTENCE_WINDOW + 4
    inner = shown[2:-2]
    assert f" {inner} " in f" {text} "  # cut at spaces: no word is split
