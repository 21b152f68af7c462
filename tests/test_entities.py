"""Merging mentions into entities, on made-up articles whose mentions are given directly
(the recogniser is not under test here), and the project's entities.yml."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsdesk.entities import find_role, fold, load_overrides, merge_entities, strip_titles
from newsdesk.records import Article, Line, Mention, Sourced


def article(slug: str, text: str, spans: list[tuple[str, str]], pairs=()) -> Article:
    """An article of one line; ``spans`` are (surface, kind) found left to right."""
    mentions, position = [], 0
    for surface, kind in spans:
        start = text.index(surface, position)
        mentions.append(Mention(1, start, start + len(surface), surface, kind))
        position = start + len(surface)
    none = Sourced(None)
    return Article(
        seed=f"seeds/{slug}.txt", sha256="0" * 64, title=Sourced(slug, "text"), kicker=None, subtitle=none,
        source=none, authors=Sourced(()), dateline=none, published=none, url=none, tags=(), header=(),
        body=(Line(1, text),), removed=(), summary="", words=len(text.split()), encoding="utf-8",
        mentions=tuple(mentions), alias_pairs=tuple(pairs), slug=slug,
    )


def names(result) -> dict[str, tuple[str, tuple[str, ...]]]:
    return {e.name: (e.kind, e.aliases) for e in result.entities}


@pytest.mark.parametrize(
    "surface, key",
    [("the U.S.'s", "us"), ("Nuri al-Maliki’s", "nuri al maliki"), ("Abdul-Mahdi", "abdul mahdi"), ("Café Zürich", "cafe zurich")],
)
def test_fold(surface: str, key: str) -> None:
    assert fold(surface) == key


def test_strip_titles() -> None:
    assert strip_titles(fold("Maj. Gen. Qasem Soleimani")) == "qasem soleimani"
    assert strip_titles(fold("Defense Secretary Mark T. Esper")) == "mark t esper"
    assert strip_titles("president") == "president"  # never strips to nothing


def test_surname_attaches_to_full_name_in_the_article_and_takes_its_kind() -> None:
    a = article("a", "Robert Ford said so. Ford was a diplomat and Ford knew it.",
                [("Robert Ford", "person"), ("Ford", "organization"), ("Ford", "organization")])
    result = merge_entities([a])
    assert names(result) == {"Robert Ford": ("person", ("Ford",))}
    assert result.entities[0].mentions == 3


def test_surname_alone_attaches_across_articles_when_unique() -> None:
    a = article("a", "President Barack Obama spoke.", [("Barack Obama", "person")])
    b = article("b", "Later Obama agreed.", [("Obama", "person")])
    result = merge_entities([a, b])
    assert names(result) == {"Barack Obama": ("person", ("Obama",))}
    assert result.entities[0].articles == ("a", "b")


def test_ambiguous_surname_stays_unlinked_and_is_reported() -> None:
    a = article("a", "George Smith met Anna Smith.", [("George Smith", "person"), ("Anna Smith", "person")])
    b = article("b", "Smith declined.", [("Smith", "person")])
    result = merge_entities([a, b])
    assert "Smith" not in names(result)
    assert result.unresolved and result.unresolved[0][:2] == ("b", "Smith")
    assert "b" not in result.mentions


def test_spelling_variants_and_titles_merge_but_different_middle_initials_do_not() -> None:
    a = article("a", "Prime Minister Nouri al-Maliki, Gen. Maliki and Nouri al-Maliki",
                [("Nouri al-Maliki", "person"), ("Gen. Maliki", "person"), ("Nouri al-Maliki", "person")])
    b = article("b", "Nuri Kamal al-Maliki spoke", [("Nuri Kamal al-Maliki", "person")])
    c = article("c", "George W. Bush and George H. W. Bush", [("George W. Bush", "person"), ("George H. W. Bush", "person")])
    got = names(merge_entities([a, b, c]))
    assert got["Nouri al-Maliki"][1] == ("Gen. Maliki", "Nuri Kamal al-Maliki")
    assert "George W. Bush" in got and "George H. W. Bush" in got


def test_bracketed_acronym_and_also_known_as_merge() -> None:
    a = article("a", "Kataib Hezbollah (KH) fired. KH denied it.", [("Kataib Hezbollah", "person"), ("KH", "organization"), ("KH", "organization")],
                pairs=[("Kataib Hezbollah", "KH")])
    b = article("b", "the Islamic State, also known as ISIS, grew", [("Islamic State", "organization"), ("ISIS", "organization")],
                pairs=[("Islamic State", "ISIS")])
    got = names(merge_entities([a, b]))
    assert got["Kataib Hezbollah"] == ("organization", ("KH",))  # the kind by vote over the group
    assert got["Islamic State"] == ("organization", ("ISIS",))


def test_acronym_matches_the_initials_of_exactly_one_name() -> None:
    a = article("a", "the Popular Mobilization Forces and later the PMF", [("Popular Mobilization Forces", "organization"), ("PMF", "organization")])
    got = names(merge_entities([a]))
    assert got == {"Popular Mobilization Forces": ("organization", ("PMF",))}


def test_us_spellings_are_one_place() -> None:
    a = article("a", "U.S. troops, the US embassy, America and the United States", [("U.S.", "place"), ("US", "organization"), ("America", "place"), ("United States", "place")])
    assert names(merge_entities([a])) == {"United States": ("place", ("America", "U.S.", "US"))}


def test_kind_by_vote_and_countries_are_places() -> None:
    a = article("a", "Soleimani, Soleimani and Soleimani; Jordan", [("Soleimani", "person"), ("Soleimani", "organization"), ("Soleimani", "person"), ("Jordan", "person")])
    got = names(merge_entities([a]))
    assert got["Soleimani"][0] == "person"
    assert got["Jordan"][0] == "place"


def test_furniture_and_title_words_are_never_entities() -> None:
    a = article("a", "Advertisement and State said", [("Advertisement", "organization"), ("State", "organization")])
    assert names(merge_entities([a])) == {}


def test_overrides_win(tmp_path: Path) -> None:
    path = tmp_path / "entities.yml"
    path.write_text(
        "aliases:\n  Qasem Soleimani: [Qassem Suleimani]\n"
        "kinds:\n  Jordan: person\n"
        "merge:\n  - [Kataib Hezbollah, Hezbollah Brigades]\n"
        "split: [Ford]\n"
        "describe:\n  Qasem Soleimani: Commander of the Quds Force.\n"
        "ignore: [Fox News]\n"
    )
    overrides, problems = load_overrides(path)
    assert problems == []
    a = article("a", "Qasem Soleimani and Qassem Suleimani; Jordan; Robert Ford; Ford; Fox News; Kataib Hezbollah; Hezbollah Brigades",
                [("Qasem Soleimani", "person"), ("Qassem Suleimani", "person"), ("Jordan", "place"), ("Robert Ford", "person"),
                 ("Ford", "person"), ("Fox News", "organization"), ("Kataib Hezbollah", "organization"), ("Hezbollah Brigades", "organization")])
    result = merge_entities([a], overrides)
    got = names(result)
    assert got["Qasem Soleimani"][1] == ("Qassem Suleimani",)
    assert got["Jordan"][0] == "person"
    assert "Ford" in got and "Robert Ford" in got  # split: the surname is kept apart
    assert "Fox News" not in got
    assert got["Kataib Hezbollah"][1] == ("Hezbollah Brigades",)
    soleimani = next(e for e in result.entities if e.name == "Qasem Soleimani")
    assert soleimani.description == "Commander of the Quds Force."


@pytest.mark.parametrize(
    "text, problem",
    [
        ("kinds:\n  X: animal\n", "kind of 'X' must be one of"),
        ("colour: red\n", "unknown key 'colour'"),
        ("aliases: [a, b]\n", "aliases must be a mapping"),
        ("a: &x 1\nb: *x\n", "aliases (*name) are not allowed"),
        ("aliases:\n  X: [1, 2]\n", "must be a list of names"),
    ],
)
def test_bad_overrides_are_reported_with_the_file(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "entities.yml"
    path.write_text(text)
    _, problems = load_overrides(path)
    assert problems and all(p.startswith("entities.yml:") for p in problems)
    assert any(problem in p for p in problems), problems


def test_min_mentions_for_page_keeps_the_entity_in_the_data() -> None:
    a = article("a", "Baghdad and Baghdad and Kirkuk", [("Baghdad", "place"), ("Baghdad", "place"), ("Kirkuk", "place")])
    result = merge_entities([a], min_mentions_for_page=2)
    pages = {e.name: e.has_page for e in result.entities}
    assert pages == {"Baghdad": True, "Kirkuk": False}


@pytest.mark.parametrize(
    "text, surface, kind, role",
    [
        ("Defense Secretary Mark T. Esper said the Pentagon acted.", "Mark T. Esper", "person", "Defense Secretary Mark T. Esper"),
        ("said Robert Ford of the Middle East Institute.", "Robert Ford", "person", "Robert Ford of the Middle East Institute"),
        ("were Abu Mahdi al-Muhandis, the leader of Kataib Hezbollah, and others", "Abu Mahdi al-Muhandis", "person", "the leader of Kataib Hezbollah"),
        ("The weather in Baghdad was fine.", "Baghdad", "place", None),
    ],
)
def test_roles_and_descriptions(text: str, surface: str, kind: str, role: str | None) -> None:
    start = text.index(surface)
    assert find_role(text, Mention(1, start, start + len(surface), surface, kind)) == role


def test_merging_is_deterministic() -> None:
    arts = [article("a", "Ann Lee met Lee and the PMF", [("Ann Lee", "person"), ("Lee", "person"), ("PMF", "organization")]),
            article("b", "Popular Mobilization Forces and Lee", [("Popular Mobilization Forces", "organization"), ("Lee", "person")])]
    one, two = merge_entities(arts), merge_entities(list(reversed(arts)))
    assert [(e.key, e.name, e.aliases) for e in one.entities] == [(e.key, e.name, e.aliases) for e in two.entities]



def test_a_title_does_not_make_a_character_the_country():
    """ "Captain America" (a person) must not merge with America, the United States;
    titles still go from ordinary names ("Gen. Soleimani" is Soleimani)."""
    from newsdesk.entities import _mention_key
    from newsdesk.records import Mention

    assert _mention_key(Mention(line=0, start=0, end=15, surface="Captain America", kind="person")) == "captain america"
    assert _mention_key(Mention(line=0, start=0, end=14, surface="Gen. Soleimani", kind="person")) == "soleimani"


def test_organisations_named_with_title_words_keep_them_and_do_not_merge():
    """At 6,000 Wikinews articles, stripping "title" words from organisations' names merged
    the Defence, Foreign, Interior and Justice ministries into one "Ministry", the Defense,
    Justice and State departments into one "Department", and China's State Council with
    Romania's Supreme Defense Council into one "Council". (In Washington: each is then the
    United States' own.)"""
    text = ("In Washington the Defense Ministry, the Foreign Ministry, the State Department, the Justice "
            "Department, the State Council, the Supreme Defense Council, the Supreme Court and "
            "General Motors. Defense Secretary Mark Esper spoke.")
    generic = ["Defense Ministry", "Foreign Ministry", "State Department", "Justice Department",
               "State Council", "Supreme Defense Council", "Supreme Court"]
    organisations = [f"{name} (United States)" for name in generic] + ["General Motors"]
    a = article("a", text, [("Washington", "place")] + [(name, "organization") for name in generic + ["General Motors"]]
                + [("Defense Secretary Mark Esper", "organization")])
    b = article("b", "Mark Esper said so. Mark Esper left.", [("Mark Esper", "person"), ("Mark Esper", "person")])
    got = names(merge_entities([a, b]))
    assert sorted(n for n, (kind, _) in got.items() if kind == "organization") == sorted(organisations)
    assert all(aliases == (n.split(" (")[0],) for n, (_, aliases) in got.items() if n in organisations[:-1])
    assert got["General Motors"] == ("organization", ())
    # a person the recogniser took for an organisation still loses the title and joins the person
    assert got["Mark Esper"] == ("person", ("Defense Secretary Mark Esper",))


def test_a_title_alone_is_not_an_entity_and_is_not_its_last_word():
    """ "Prime Minister" names nobody: it was an organisation "Minister" with 1,416
    mentions at 6,000 articles (with "PM" as an alias). One title word alone may be a
    surname, so it is still a name ("King", attached to Martin Luther King)."""
    a = article("a", "The Prime Minister and the Defense Secretary met. Martin Luther King spoke; King left.",
                [("Prime Minister", "organization"), ("Defense Secretary", "person"),
                 ("Martin Luther King", "person"), ("King", "person")])
    assert names(merge_entities([a])) == {"Martin Luther King": ("person", ("King",))}


def test_an_acronym_defined_as_two_different_names_merges_neither():
    """ "GM" is General Motors in one article and genetically modified in another: each
    article's "GM" goes to its own definition, and a "GM" no article defines stays apart.
    Definitions that are spellings or shorter forms of one name still merge (ISIS)."""
    a = article("a", "General Motors (GM) said GM would grow.",
                [("General Motors", "organization"), ("GM", "organization")], pairs=[("General Motors", "GM")])
    b = article("b", "Genetically Modified (GM) crops: GM seed.",
                [("Genetically Modified", "organization"), ("GM", "organization")], pairs=[("Genetically Modified", "GM")])
    c = article("c", "GM shares fell.", [("GM", "organization")])
    d = article("d", "Islamic State (ISIS) and the Islamic State of Iraq and Syria (ISIS) and ISIS.",
                [("Islamic State", "organization"), ("ISIS", "organization"), ("Islamic State of Iraq and Syria", "organization"),
                 ("ISIS", "organization"), ("ISIS", "organization")],
                pairs=[("Islamic State", "ISIS"), ("Islamic State of Iraq and Syria", "ISIS")])
    e = article("e", "The World Health Organisation (WHO) and the World Health Organization (WHO).",
                [("World Health Organisation", "organization"), ("WHO", "organization"),
                 ("World Health Organization", "organization"), ("WHO", "organization")],
                pairs=[("World Health Organisation", "WHO"), ("World Health Organization", "WHO")])
    result = merge_entities([a, b, c, d, e])
    got = names(result)
    assert got["General Motors"] == ("organization", ("GM",))
    assert got["Genetically Modified"] == ("organization", ("GM",))
    assert got["GM"] == ("organization", ())
    by_key = {e.key: e for e in result.entities}
    linked = {slug: {by_key[m.key].name for m in ms} for slug, ms in result.mentions.items()}
    assert linked["a"] == {"General Motors"} and linked["b"] == {"Genetically Modified"} and linked["c"] == {"GM"}
    assert got["ISIS"] == ("organization", ("Islamic State", "Islamic State of Iraq and Syria"))
    assert got["World Health Organization"] == ("organization", ("WHO", "World Health Organisation"))
    assert len(got) == 5


def test_a_surname_that_is_different_people_in_different_articles_merges_neither():
    """At 6,000 Wikinews articles "Laura Bush" was merged with George W. Bush, and John E.
    McLaughlin with Mark McLaughlin: each article's bare surname joined that article's
    person, and through the one surname key the people joined each other."""
    a = article("a", "Mark McLaughlin, the chief executive, spoke. McLaughlin said so.",
                [("Mark McLaughlin", "person"), ("McLaughlin", "person")])
    b = article("b", "John E. McLaughlin, the CIA's acting director, testified. McLaughlin left.",
                [("John E. McLaughlin", "person"), ("McLaughlin", "person")])
    c = article("c", "Later McLaughlin agreed.", [("McLaughlin", "person")])
    result = merge_entities([a, b, c])
    got = names(result)
    assert got == {"Mark McLaughlin": ("person", ("McLaughlin",)), "John E. McLaughlin": ("person", ("McLaughlin",))}
    by_key = {e.key: e for e in result.entities}
    linked = {slug: [by_key[m.key].name for m in ms] for slug, ms in result.mentions.items()}
    assert linked == {"a": ["Mark McLaughlin"] * 2, "b": ["John E. McLaughlin"] * 2}
    # elsewhere the surname could be either: it is left unlinked and reported
    assert [(slug, surface) for slug, surface, _ in result.unresolved] == [("c", "McLaughlin")]


def test_a_place_run_into_the_front_of_a_name_is_that_person_but_a_given_name_is_not():
    a = article("a", "Prime Minister of Israel Ehud Olmert spoke.", [("Israel Ehud Olmert", "person")])
    b = article("b", "Ehud Olmert left.", [("Ehud Olmert", "person")])
    c = article("c", "Fatin Abdel-Rahman and Raouf Abdel-Rahman met Abdel Rahman.",
                [("Fatin Abdel-Rahman", "person"), ("Raouf Abdel-Rahman", "person"), ("Abdel Rahman", "person")])
    got = names(merge_entities([a, b, c]))
    assert got["Ehud Olmert"] == ("person", ("Israel Ehud Olmert",))
    assert {"Fatin Abdel-Rahman", "Raouf Abdel-Rahman"} <= set(got)


def test_a_name_without_a_middle_name_does_not_join_two_people_it_could_be():
    """ "George Bush" fits George W. Bush and George H. W. Bush: it joins neither, and
    they stay two. With only one of them in the corpus it joins that one."""
    a = article("a", "George W. Bush and George H. W. Bush and George Bush.",
                [("George W. Bush", "person"), ("George H. W. Bush", "person"), ("George Bush", "person")])
    assert set(names(merge_entities([a]))) == {"George W. Bush", "George H. W. Bush", "George Bush"}
    b = article("b", "George W. Bush and George Bush.", [("George W. Bush", "person"), ("George Bush", "person")])
    assert names(merge_entities([b])) == {"George W. Bush": ("person", ("George Bush",))}


def test_an_acronym_joins_a_name_by_its_initials_only_where_they_are_named_together():
    a = article("a", "The CBC reported it.", [("CBC", "organization")])
    b = article("b", "Cleveland Borough Council met.", [("Cleveland Borough Council", "organization")])
    assert set(names(merge_entities([a, b]))) == {"CBC", "Cleveland Borough Council"}
    c = article("c", "The Popular Mobilization Forces, or PMF, fought.", [("Popular Mobilization Forces", "organization"), ("PMF", "organization")])
    d = article("d", "The PMF fought again.", [("PMF", "organization")])
    assert names(merge_entities([c, d])) == {"Popular Mobilization Forces": ("organization", ("PMF",))}


def test_a_surname_that_is_also_a_place_is_left_unlinked_where_it_could_be_several_people():
    """ "Bush" is a place name (GeoNames) but its mentions are a person's: where no full
    name is in the article and several fit, it is reported and not linked, rather than
    becoming an entity "Bush" of its own (485 mentions at 6,000 Wikinews articles)."""
    a = article("a", "First Lady Laura Bush flew in. Bush said so.", [("Laura Bush", "person"), ("Bush", "person")])
    b = article("b", "George W. Bush spoke. Bush left.", [("George W. Bush", "person"), ("Bush", "person")])
    c = article("c", "Later Bush agreed.", [("Bush", "person")])
    result = merge_entities([a, b, c])
    assert set(names(result)) == {"Laura Bush", "George W. Bush"}
    assert "c" not in result.mentions
    assert [(slug, surface) for slug, surface, _ in result.unresolved] == [("c", "Bush")]
