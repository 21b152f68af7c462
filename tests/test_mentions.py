"""Backend-independent repairs of a recogniser's spans (``extract.mentions``): what every
backend's organisations look like once the whole article has been seen."""

from __future__ import annotations

import pytest

from newsdesk.extract.entities import ORGANIZATION, PERSON, PLACE, Span, get_backend
from newsdesk.extract.mentions import mentions_from_spans
from newsdesk.records import Line


def organisation(text: str, name: str) -> Span:
    start = text.index(name)
    return Span(start, start + len(name), ORGANIZATION)


def surfaces(lines: list[str], spans: list[list[Span]]) -> list[str]:
    mentions, _ = mentions_from_spans([Line(n, t) for n, t in enumerate(lines, 1)], spans)
    return [m.surface for m in mentions]


@pytest.mark.parametrize("name", [
    "American Enterprise Institute", "Australian Medical Association", "Chinese Communist Party",
    "Iraqi National Congress",
])
def test_a_leading_demonym_stays_when_the_article_never_writes_the_rest_alone(name):
    """Dropping it made "Medical Association" of the American and the Australian one,
    merged across the corpus into one entity."""
    text = f"A report by the {name} was published."
    assert surfaces([text], [[organisation(text, name)]]) == [name]


def test_a_leading_demonym_goes_when_the_article_writes_the_rest_alone():
    lines = ["Iranian Quds Force commanders met in Baghdad.", "The Quds Force denied it."]
    place = lines[0].index("Baghdad")
    spans = [[organisation(lines[0], "Iranian Quds Force"), Span(place, place + len("Baghdad"), PLACE)],
             [organisation(lines[1], "Quds Force")]]
    assert surfaces(lines, spans) == ["Quds Force", "Baghdad", "Quds Force"]


def test_a_demonym_before_one_word_is_the_name():
    text = "The Palestinian Authority and the Authority's critics met."
    spans = [[organisation(text, "Palestinian Authority"), Span(text.index("Authority's"), text.index("'s"), ORGANIZATION)]]
    assert surfaces([text], spans)[0] == "Palestinian Authority"


@pytest.mark.parametrize("backend_name", ["rules", "spacy", "hybrid"])
def test_every_backend_keeps_a_demonym_that_belongs_to_the_name(backend_name):
    lines = ["The Australian Medical Association, an organisation of 27,000 doctors, objected.",
             "Lawyers for the American Enterprise Institute declined to comment."]
    found = surfaces(lines, get_backend(backend_name).find(lines))
    assert "Australian Medical Association" in found and "American Enterprise Institute" in found
    assert "Medical Association" not in found and "Enterprise Institute" not in found


@pytest.mark.parametrize("backend_name", ["rules", "spacy", "hybrid"])
def test_events_and_prizes_are_not_entities(backend_name):
    lines = ["Veterans of the Iraq War met at the G8 Summit before the Beijing Olympics.",
             "He won the Nobel Peace Prize after the General Election."]
    found = surfaces(lines, get_backend(backend_name).find(lines))
    for event in ("Iraq War", "G8 Summit", "Beijing Olympics", "Nobel Peace Prize", "General Election"):
        assert not any(event in surface for surface in found), (event, found)


@pytest.mark.parametrize("name", ["Medical Association for Prevention of War", "Commission on Elections"])
def test_an_organisation_named_after_an_event_stays(name):
    text = f"The {name} said so."
    assert surfaces([text], [[organisation(text, name)]]) == [name]


def test_elect_after_a_title_is_not_part_of_the_name():
    text = "President Elect Evo Morales announced the plan."
    start = text.index("Elect")
    assert surfaces([text], [[Span(start, start + len("Elect Evo Morales"), PERSON)]]) == ["Evo Morales"]


@pytest.mark.parametrize("backend_name", ["rules", "spacy", "hybrid"])
def test_a_known_outlet_replaces_the_shorter_names_read_inside_it(backend_name):
    lines = ["A report in USA Today and the Toronto Star said so."]
    found = surfaces(lines, get_backend(backend_name).find(lines))
    assert found == ["USA Today", "Toronto Star"]


def test_a_known_outlet_is_not_added_across_a_span_edge():
    text = "Tom Washington Post went home."
    person = Span(0, len("Tom Washington"), PERSON)
    assert surfaces([text], [[person]]) == ["Tom Washington"]
