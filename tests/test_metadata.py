"""Metadata of the bundled seeds (as the first issue states them) and of made-up headers."""

from __future__ import annotations


import pytest

from newsdesk.clean import clean
from newsdesk.extract.metadata import extract, reading_time
from newsdesk.read import read_seed
from newsdesk.records import Seed

from .conftest import ROOT, SEEDS


def seed_article(stem: str):
    seed, warnings = read_seed(next(SEEDS.glob(f"{stem}*.txt")), ROOT)
    assert warnings == []
    return extract(seed, clean(seed.text))


def text_article(text: str, **sidecar):
    seed = Seed(path="seeds/x.txt", sha256="0" * 64, text=text, encoding="utf-8", sidecar=sidecar)
    return extract(seed, clean(text))


EXPECTED = {
    # stem: (title, title_source, source, authors, dateline, published)
    "000": (None, "generated", "AFP", (), "BAGHDAD", "2020-01"),
    "001": (None, "generated", "Foreign Affairs", ("Emma Sky",), None, "2020-01"),
    "002": ("Iraq Wants America Back to Fight al Qaeda With Air Strikes", "text", "The Daily Beast", (), None, "2014-06"),
    "003": ("Kerry flies to Baghdad in last-ditch effort to unify Iraqis against ISIS", "text", "Hot Air", (), None, "2014-06"),
    "004": ("In major escalation, American strike kills top Iranian commander in Baghdad", "text",
            "The Washington Post", (), "BAGHDAD", "2020-01"),
}


@pytest.mark.parametrize("stem", sorted(EXPECTED))
def test_seed_metadata(stem: str) -> None:
    title, title_source, source, authors, dateline, published = EXPECTED[stem]
    a = seed_article(stem)
    if title is not None:
        assert a.title.value == title
    assert a.title.source == title_source
    assert a.source.value == source
    assert a.authors.value == authors
    assert a.dateline.value == dateline
    assert (a.published.value, a.published.source) == (published, "sidecar")


def test_generated_titles_are_short_and_from_the_lead() -> None:
    for stem in ("000", "001"):
        a = seed_article(stem)
        assert 5 <= len(a.title.value.split()) <= 16
        lead_words = a.body[0].text.replace("BAGHDAD, Iraq — ", "").split()
        title = a.title.value.rstrip("…")
        assert title == " ".join(lead_words[: len(title.split())]).rstrip(",;:")


def test_kicker_and_dek_of_002_are_not_the_title_or_body() -> None:
    a = seed_article("002")
    assert a.kicker == "Terror Threat"
    assert a.subtitle.value.startswith("Two and a half years after the last U.S. soldier departed")
    assert a.subtitle.source == "text"
    assert all(line.text not in ("Terror Threat", a.title.value, a.subtitle.value) for line in a.body)


def test_sources_say_where_they_came_from() -> None:
    assert seed_article("004").source.source == "text"  # the masthead
    assert seed_article("001").source.source == "text"  # "Subscribe to Foreign Affairs"
    assert seed_article("000").source.source == "inferred"  # "told AFP"
    assert seed_article("002").source.source == "inferred"  # "told The Daily Beast"


def test_summary_is_the_lead_without_dateline() -> None:
    a = seed_article("004")
    assert a.summary.startswith("A U.S. airstrike killed Iranian Quds Force commander Qasem Soleimani")
    assert len(a.summary.split()) <= 61


def test_word_count_and_reading_time() -> None:
    a = seed_article("002")
    assert a.words == sum(len(line.text.split()) for line in a.body)
    assert reading_time(0) == 1 and reading_time(230) == 1 and reading_time(231) == 2


def test_wikinews_style_header_title_and_iso_date() -> None:
    a = text_article("Mexican president defends emigration\n2005-05-14\n\nPresident of Mexico Vicente Fox spoke out on Friday in defense of Mexican workers headed north, saying the wall is wrong.\n")
    assert (a.title.value, a.title.source) == ("Mexican president defends emigration", "text")
    assert (a.published.value, a.published.source) == ("2005-05-14", "text")


def test_byline_and_written_date_line() -> None:
    text = ("Storm closes the port for a week\n\nBy Jane Roe and John Doe\n\nFriday, July 21, 2017\n\n"
            "LONDON — The port was closed on Friday after a storm damaged the cranes, officials said, and ships waited offshore.\n")
    a = text_article(text)
    assert a.authors.value == ("Jane Roe", "John Doe") and a.authors.source == "text"
    assert a.published.value == "2017-07-21"
    assert a.dateline.value == "LONDON"


def test_sidecar_overrides_everything() -> None:
    a = text_article("A headline in the text\n\nLONDON — Some body text that is long enough to be the lead of this article here.\n",
                     title="My title", source="My Source", authors=["A. Person"], published="2019", dateline="PARIS", tags=["x"])
    assert (a.title.value, a.title.source) == ("My title", "sidecar")
    assert (a.source.value, a.authors.value, a.published.value, a.dateline.value) == ("My Source", ("A. Person",), "2019", "PARIS")
    assert a.tags == ("x",)


def test_wire_credit_in_dateline_is_the_source() -> None:
    a = text_article("Talks collapse\n\nGENEVA (Reuters) - Talks collapsed on Monday after the delegations failed to agree on the text of a statement.\n")
    assert (a.source.value, a.source.source, a.dateline.value) == ("Reuters", "text", "GENEVA")
