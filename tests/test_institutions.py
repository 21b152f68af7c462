"""Generic names of public bodies (Senate, Supreme Court, Liberal Party) are merged only
within one country (``newsdesk.institutions``, used by the link stage's merge)."""

from __future__ import annotations

from newsdesk.entities import merge_entities
from newsdesk.institutions import is_local, split_generic

from .test_entities import article, names


def test_a_generic_name_is_found_with_the_place_written_in_it():
    assert split_generic("senate") == (None, "senate")
    assert split_generic("australian senate") == ("Australia", "senate")
    assert split_generic("us supreme court") == ("United States", "supreme court")
    assert split_generic("supreme court of india") == ("India", "supreme court")
    assert split_generic("new zealand labour party") == ("New Zealand", "labour party")
    assert split_generic("un security council") == ("United Nations", "security council")
    assert split_generic("texas senate") == ("Texas", "senate")
    assert split_generic("british house of commons") == ("United Kingdom", "house of commons")
    # proper names, and a head word alone that names no body, are not generic
    for key in ("quds force", "islamic state", "white house", "court", "party", "office", "ministry of",
                "russian federation", "general motors"):
        assert split_generic(key) is None, key
    assert is_local("city council") and is_local("state senate") and not is_local("state department")


def test_the_senates_of_two_countries_are_two_entities():
    """At 6,000 Wikinews articles one "Senate" held the United States', Australia's and
    Iraq's (259 articles), one "Liberal Party" Canada's and Australia's."""
    a = article("a", "The Australian Senate voted. The Senate met in Canberra.",
                [("Australian Senate", "organization"), ("Senate", "organization"), ("Canberra", "place")])
    b = article("b", "The Senate in Washington voted. Washington agreed.",
                [("Senate", "organization"), ("Washington", "place"), ("Washington", "place")])
    c = article("c", "The U.S. Senate passed it.", [("U.S. Senate", "organization")])
    got = names(merge_entities([a, b, c]))
    assert got["Senate (Australia)"] == ("organization", ("Australian Senate", "Senate"))
    assert got["Senate (United States)"] == ("organization", ("Senate", "U.S. Senate"))
    assert "Senate" not in got


def test_a_place_just_before_the_name_places_it_and_every_mention_of_it_in_the_article():
    a = article("a", "Iraq's Parliament met. Later Parliament voted. Kurds in Turkey said so.",
                [("Iraq", "place"), ("Parliament", "organization"), ("Parliament", "organization"),
                 ("Turkey", "place")])
    merged = merge_entities([a])
    entity = next(e for e in merged.entities if e.name == "Parliament (Iraq)")
    assert entity.mentions == 2


def test_a_name_news_uses_for_one_body_means_it_unless_the_article_says_otherwise():
    a = article("a", "The State Department and the Security Council spoke in Baghdad and Baghdad.",
                [("State Department", "organization"), ("Security Council", "organization"),
                 ("Baghdad", "place"), ("Baghdad", "place")])
    got = names(merge_entities([a]))
    assert "State Department (United States)" in got and "Security Council (United Nations)" in got


def test_a_name_no_rule_places_is_an_entity_of_its_article_alone():
    """No place written, no usual meaning, and the places named split evenly: the two
    articles' Supreme Courts are two entities, each linked in its article."""
    a = article("a", "The Supreme Court ruled. Paris and Berlin reacted.",
                [("Supreme Court", "organization"), ("Paris", "place"), ("Berlin", "place")])
    b = article("b", "The Supreme Court ruled.", [("Supreme Court", "organization")])
    merged = merge_entities([a, b])
    courts = [e for e in merged.entities if e.name == "Supreme Court"]
    assert sorted(e.articles for e in courts) == [("a",), ("b",)]
    assert merged.unresolved == []


def test_a_local_body_is_placed_only_by_what_is_written_beside_it():
    """Every city has a City Council: the article's country says nothing of which; the
    longer name the article gives it does."""
    a = article("a", "The City Council met in Chicago. The Chicago City Council voted.",
                [("City Council", "organization"), ("Chicago", "place"), ("Chicago City Council", "organization")])
    b = article("b", "The City Council met in Houston, Houston.",
                [("City Council", "organization"), ("Houston", "place"), ("Houston", "place")])
    c = article("c", "The City Council met in Houston.", [("City Council", "organization"), ("Houston", "place")])
    merged = merge_entities([a, b, c])
    council = sorted((e.name, e.mentions, e.articles) for e in merged.entities if "Council" in e.name)
    assert council == [("Chicago City Council", 2, ("a",)), ("City Council", 1, ("b",)), ("City Council", 1, ("c",))]


def test_an_acronym_defined_in_the_text_joins_the_placed_name():
    a = article("a", "The Federal Election Commission (FEC) ruled. The FEC said so.",
                [("Federal Election Commission", "organization"), ("FEC", "organization"), ("FEC", "organization")],
                pairs=[("Federal Election Commission", "FEC")])
    got = names(merge_entities([a]))
    assert got["Federal Election Commission (United States)"] == ("organization", ("FEC", "Federal Election Commission"))


def test_entities_yml_can_name_a_placed_body():
    from newsdesk.entities import Overrides

    a = article("a", "The Australian Senate voted.", [("Australian Senate", "organization")])
    got = names(merge_entities([a], Overrides(aliases={"Senate of Australia": ["Senate (Australia)"]})))
    assert "Senate of Australia" in got
