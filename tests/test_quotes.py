"""Quote extraction (newsdesk.extract.quotes) on made-up paragraphs.

Mentions are given by hand (the recogniser is not under test): every occurrence of each
name listed for a case becomes a mention of that kind. Every case also checks the offsets:
``lines[...].text[q.start:q.end]`` is the start of ``q.text``, and the speaker span is
the speaker phrase (or the mention standing for it).
"""

from __future__ import annotations

import re

import pytest

from newsdesk.extract.quotes import Quote, find_quotes
from newsdesk.records import Line, Mention
from tests.scaling import assert_linear


def make(paragraphs: list[str], names: dict[str, str]) -> tuple[list[Line], list[Mention]]:
    """Lines numbered 1, 3, 5 ... (blank lines between paragraphs, as in a seed) and a
    mention for every occurrence of every name (longest names first, no overlaps)."""
    lines = [Line(2 * i + 1, text) for i, text in enumerate(paragraphs)]
    mentions = []
    for line in lines:
        taken: list[tuple[int, int]] = []
        for surface in sorted(names, key=len, reverse=True):
            position = line.text.find(surface)
            while position >= 0:
                end = position + len(surface)
                if not any(a < end and position < b for a, b in taken):
                    taken.append((position, end))
                    mentions.append(Mention(line.number, position, end, surface, names[surface]))
                position = line.text.find(surface, end)
    return lines, sorted(mentions, key=lambda m: (m.line, m.start))


def run(paragraphs: list[str], names: dict[str, str] | None = None) -> list[Quote]:
    lines, mentions = make(paragraphs, names or {})
    quotes = find_quotes(lines, mentions)
    by_number = {line.number: line.text for line in lines}
    for q in quotes:
        located = by_number[q.line][q.start:q.end]
        assert located and q.text.startswith(located), (located, q.text)
        assert not located[0].isspace() and not located[-1].isspace()
        assert located[0] not in "“”\"" and located[-1] not in "“”\""
        if q.speaker_line is not None:
            assert by_number[q.speaker_line][q.speaker_start:q.speaker_end] == q.speaker
        else:
            assert q.speaker_start is None and q.speaker_end is None
    return quotes


def summary(quotes: list[Quote]) -> list[tuple[str, str | None, bool, str | None]]:
    """(first four words, speaker, anonymous, verb) of each quote."""
    return [(" ".join(q.text.split()[:4]), q.speaker, q.anonymous, q.verb) for q in quotes]


PEOPLE = {
    "Helena Marsh": "person", "Marsh": "person", "Tobias Wren": "person", "Wren": "person",
    "Lena Ostrova": "person", "Ostrova": "person", "Pavel Dunn": "person", "Dunn": "person",
    "Mira Voss": "person", "Arno Kess": "person", "Oskar Lind": "person", "Talia Berg": "person",
    "Kelby": "place", "Reuters": "organization", "AFP": "organization", "River Authority": "organization",
}

# --- every attribution pattern ------------------------------------------------------------

PATTERNS = [
    pytest.param(
        ["“The harvest will be late this year because of the rain,” said Helena Marsh, a farmer in the valley."],
        [("The harvest will be", "Helena Marsh", False, "said")], id="quote, said X"),
    pytest.param(
        ["“We have never seen the water this high,” Marsh said on Monday."],
        [("We have never seen", "Marsh", False, "said")], id="quote, X said"),
    pytest.param(
        ["Governor Tobias Wren said, “The bridge stays closed until the engineers are done.”"],
        [("The bridge stays closed", "Tobias Wren", False, "said")], id="X said, quote"),
    pytest.param(
        ["After the meeting Wren said: “Nobody crosses the river tonight.”"],
        [("Nobody crosses the river", "Wren", False, "said")], id="X said: quote"),
    pytest.param(
        ["Wren told Reuters “we will rebuild the whole embankment before winter.”"],
        [("we will rebuild the", "Wren", False, "told")], id="X told <outlet> quote"),
    pytest.param(
        ["Wren told AFP: “The pumps arrived this morning.”"],
        [("The pumps arrived this", "Wren", False, "told")], id="X told AFP: quote"),
    pytest.param(
        ["“The water is falling, but slowly,” Wren told reporters on Tuesday."],
        [("The water is falling,", "Wren", False, "told")], id="quote, X told reporters"),
    pytest.param(
        ["Lena Ostrova, the mayor of Kelby since 2019, said “the town has enough sandbags for a week.”"],
        [("the town has enough", "Lena Ostrova", False, "said")], id="X, apposition, said quote"),
    pytest.param(
        ["“The levee was never designed for a storm like this one,” according to Pavel Dunn, an engineer."],
        [("The levee was never", "Pavel Dunn", False, "according to")], id="quote according to X"),
    pytest.param(
        ["According to Dunn, “the levee will hold if the rain stops by Friday.”"],
        [("the levee will hold", "Dunn", False, "According to")], id="according to X, quote"),
    pytest.param(
        ["Dunn added that the repairs would need “at least three more months of work.”"],
        [("at least three more", "Dunn", False, "added")], id="X added that ... quote"),
    pytest.param(
        ["In a letter to residents, Ostrova wrote “Please stay away from the riverbank until further notice.”"],
        [("Please stay away from", "Ostrova", False, "wrote")], id="X wrote quote"),
    pytest.param(
        ["“We moved the cattle first,” Helena Marsh said, “and then the machines.”"],
        [("We moved the cattle", "Helena Marsh", False, "said"), ("and then the machines.", "Helena Marsh", False, "said")],
        id="interrupted quote"),
    pytest.param(
        ["“The first boats came at dawn,” said Mira Voss, a nurse. “By noon the clinic was full.”"],
        [("The first boats came", "Mira Voss", False, "said"), ("By noon the clinic", "Mira Voss", False, "said")],
        id="second quote of the paragraph, same speaker"),
    pytest.param(
        ["“The dam held for three days.” - Pavel Dunn"],
        [("The dam held for", "Pavel Dunn", False, "-")], id="pull-quote credited with a dash"),
]


@pytest.mark.parametrize("paragraphs, expected", PATTERNS)
def test_patterns(paragraphs: list[str], expected) -> None:
    assert summary(run(paragraphs, PEOPLE)) == expected


def test_speaker_span_is_the_mention_of_the_name() -> None:
    [q] = run(["“The bridge stays closed for now,” said Governor Tobias Wren."], PEOPLE)
    text = "“The bridge stays closed for now,” said Governor Tobias Wren."
    assert (q.speaker, q.speaker_line, q.speaker_start, q.speaker_end) == ("Tobias Wren", 1, text.index("Tobias"), len(text) - 1)


def test_a_name_the_recogniser_missed_is_still_the_speaker() -> None:
    [q] = run(["“The ferry will not run this week,” Quillan said."], {})
    assert (q.speaker, q.anonymous) == ("Quillan", False)


# --- continued quotes ----------------------------------------------------------------------


def test_quote_continued_into_the_next_paragraph() -> None:
    paragraphs = [
        "Mira Voss, a nurse at the clinic, said: “The first week was the hardest. We slept in shifts.",
        "“By the second week the boats were bringing supplies every morning.”",
        "The clinic closed in May.",
    ]
    [q] = run(paragraphs, PEOPLE)
    assert q.line == 1 and q.speaker == "Mira Voss"
    assert q.text == "The first week was the hardest. We slept in shifts. By the second week the boats were bringing supplies every morning."


def test_continued_quote_attributed_at_its_end() -> None:
    paragraphs = [
        "“We lost the east field entirely, and most of the orchard with it.",
        "“The west field may still be saved,” said Arno Kess.",
    ]
    [q] = run(paragraphs, PEOPLE)
    assert (q.line, q.speaker, q.verb) == (1, "Arno Kess", "said")
    assert q.text.endswith("The west field may still be saved,")


def test_an_unclosed_quote_does_not_swallow_a_narrative_paragraph() -> None:
    paragraphs = [
        "Wren said: “The pumps are running day and night.",
        "Engineers arrived on Friday.",
        "“The north gate will open on Monday,” Dunn said.",
    ]
    quotes = run(paragraphs, PEOPLE)
    assert summary(quotes) == [("The pumps are running", "Wren", False, "said"), ("The north gate will", "Dunn", False, "said")]
    assert quotes[0].text == "The pumps are running day and night."


def test_a_paragraph_break_inside_a_quotation() -> None:
    paragraphs = [
        "After the final, Arno Kess said, \"We played well in the first half.",
        "We were tired after that.\" The fans stayed until midnight.",
    ]
    [q] = run(paragraphs, PEOPLE)
    assert (q.text, q.speaker) == ("We played well in the first half. We were tired after that.", "Arno Kess")


def test_it_added_resolves_to_the_organisation_speaking() -> None:
    paragraphs = ["“The gates will stay shut until Friday,” said the River Authority. “Boats must keep away,” it added."]
    assert [(q.speaker, q.verb) for q in run(paragraphs, PEOPLE)] == [("River Authority", "said"), ("River Authority", "added")]


def test_a_paragraph_that_is_only_a_quote_continues_the_previous_speaker() -> None:
    paragraphs = [
        "“The school will reopen next week,” said Talia Berg, who runs it.",
        "“The children have lost enough time already, and the parents agree.”",
    ]
    assert [q.speaker for q in run(paragraphs, PEOPLE)] == ["Talia Berg", "Talia Berg"]


def test_a_quote_after_a_sentence_of_saying_takes_its_speaker() -> None:
    paragraphs = ["Ostrova said the town would pay for the repairs. “Every family will get help, whatever it costs.”"]
    assert summary(run(paragraphs, PEOPLE)) == [("Every family will get", "Ostrova", False, "said")]


# --- pronouns -------------------------------------------------------------------------------


def test_he_said_resolves_to_the_most_recent_person() -> None:
    paragraphs = ["Oskar Lind has run the ferry for twenty years.", "“The current is too strong for the small boats,” he said."]
    [q] = run(paragraphs, PEOPLE)
    assert (q.speaker, q.speaker_line, q.anonymous, q.verb) == ("Oskar Lind", 1, False, "said")


def test_she_told_afp_resolves_to_the_most_recent_named_speaker() -> None:
    paragraphs = [
        "“We have beds for two hundred people,” said Talia Berg.",
        "Water levels kept rising through the night.",
        "“If it rains again we will need the school gym too,” she told AFP.",
    ]
    assert [(q.speaker, q.verb) for q in run(paragraphs, PEOPLE)] == [("Talia Berg", "said"), ("Talia Berg", "told")]


def test_pronoun_resolves_to_the_subject_not_the_object() -> None:
    paragraphs = ["Wren thanked Oskar Lind for his help. “Without the ferry we would have lost the village,” he said."]
    [q] = run(paragraphs, PEOPLE)
    assert q.speaker == "Wren"


def test_pronoun_never_resolves_to_a_name_inside_a_quote() -> None:
    paragraphs = ["“Ask Oskar Lind, he knows the river better than anyone,” he said."]
    [q] = run(paragraphs, PEOPLE)
    assert q.speaker is None and not q.anonymous and q.speaker_line is None


# --- anonymous speakers ---------------------------------------------------------------------

ANONYMOUS = [
    pytest.param(["“There is no risk of a breach tonight,” a senior city official said."],
                 [("There is no risk", "a senior city official", True, "said")], id="a senior official"),
    pytest.param(["“The talks went badly for everyone,” one Western diplomat said, speaking on condition of anonymity."],
                 [("The talks went badly", "one Western diplomat", True, "said")], id="one Western diplomat"),
    pytest.param(["“The repairs are behind schedule,” said a River Authority source familiar with the work."],
                 [("The repairs are behind", "a River Authority source", True, "said")], id="a <organisation> source"),
    pytest.param(["“We were not warned at all,” a top police commander deployed in Kelby told AFP."],
                 [("We were not warned", "a top police commander deployed in Kelby", True, "told")], id="with a place in it"),
    pytest.param(["Officials said the dam was safe. “There is no risk of a breach,” they said."],
                 [("There is no risk", "Officials", True, "said")], id="officials, they said"),
    pytest.param(["Speaking after Ostrova's visit, a senior official said “the visit changed nothing at all here.”"],
                 [("the visit changed nothing", "a senior official", True, "said")], id="never the named person nearby"),
]


@pytest.mark.parametrize("paragraphs, expected", ANONYMOUS)
def test_anonymous_speakers(paragraphs: list[str], expected) -> None:
    assert summary(run(paragraphs, PEOPLE)) == expected


def test_the_official_resolves_to_the_earlier_description_and_stays_anonymous() -> None:
    paragraphs = [
        "“The first gate failed at midnight,” a senior police official told reporters.",
        "Lena Ostrova visited the site on Sunday.",
        "“We expect the second gate to hold,” the official said.",
    ]
    quotes = run(paragraphs, PEOPLE)
    assert [(q.speaker, q.speaker_line, q.anonymous) for q in quotes] == [
        ("a senior police official", 1, True), ("a senior police official", 1, True)]


def test_the_second_official_resolves_by_its_modifiers() -> None:
    paragraphs = [
        "A top police official said the gates were checked twice.",
        "A second police official said the checks were rushed.",
        "“Nobody looked at the north gate,” the second official said.",
        "“Every gate was checked twice,” the top official said.",
    ]
    quotes = run(paragraphs, PEOPLE)
    assert [(q.speaker, q.speaker_line) for q in quotes] == [
        ("A second police official", 3), ("A top police official", 1)]
    assert all(q.anonymous for q in quotes)


def test_the_source_with_no_antecedent_stays_as_written() -> None:
    [q] = run(["“The count is still going on,” the source said."], PEOPLE)
    assert (q.speaker, q.anonymous) == ("the source", True)


# --- what is not a quote --------------------------------------------------------------------

NOT_QUOTES = [
    pytest.param(["The council called the plan “reckless” and voted against it."], id="one scare-quoted word"),
    pytest.param(["Residents described a “wall of water” coming down the valley."], id="short scare phrase"),
    pytest.param(["Wren said the response would be “swift and crushing”."], id="attributed fragment under four words"),
    pytest.param(["The so-called “Blue Line” was breached on Sunday."], id="a name in quotes"),
    pytest.param(["Locals rebuilt the so-called “bridge of the seven arches” in a month."], id="so-called is no verb"),
    pytest.param(["On its website, “The Great River Restoration Project”, the council lists every repair."], id="a title"),
    pytest.param(["Chants of “Save the valley now” filled the square."], id="no verb of saying, no speaker"),
    pytest.param(["The report called for “an independent review of every dam in the region”."], id="no speaker for the verb"),
]


@pytest.mark.parametrize("paragraphs", NOT_QUOTES)
def test_not_quotes(paragraphs: list[str]) -> None:
    assert run(paragraphs, PEOPLE) == []


def test_a_short_full_sentence_quote_counts() -> None:
    assert summary(run(["“It is over,” Wren said."], PEOPLE)) == [("It is over,", "Wren", False, "said")]


# --- quote marks ----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "“The harvest will be late this year,” said Helena Marsh.",
    '"The harvest will be late this year," said Helena Marsh.',
    "“The harvest will be late this year,\" said Helena Marsh.",
])
def test_curly_and_straight_quote_marks(text: str) -> None:
    [q] = run([text], PEOPLE)
    assert (q.text, q.speaker) == ("The harvest will be late this year,", "Helena Marsh")


def test_nested_single_quotes_stay_in_the_text() -> None:
    [q] = run(["“He shouted ‘go home now’ and we ran,” said Helena Marsh."], PEOPLE)
    assert q.text == "He shouted ‘go home now’ and we ran,"


def test_straight_quotes_around_several_quotes_in_one_paragraph() -> None:
    text = 'Wren said, "The road is open." Dunn replied: "The road is not safe yet." "Wait," he said.'
    assert summary(run([text], PEOPLE)) == [
        ("The road is open.", "Wren", False, "said"), ("The road is not", "Dunn", False, "replied")]  # "Wait,": one word


def test_a_closing_mark_typed_the_wrong_way_round() -> None:
    [q] = run(['Wren said," The levee will hold until Friday at least".'], PEOPLE)
    assert (q.text, q.speaker) == ("The levee will hold until Friday at least", "Wren")


# --- performance ----------------------------------------------------------------------------
# A guard against patterns that backtrack (time quadratic or worse in the paragraph's length):
# each adversarial paragraph (an eighth of a megabyte, or larger until it takes a measurable
# time) must take about four times as long at four times the size (CPU time, compared: see
# tests/scaling.py), not sixteen. A fixed limit (2 s for a megabyte) was flaky on a busy machine.

MEGABYTE = 1_000_000


def _repeat(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


ADVERSARIAL = {
    "many quotes": lambda n: _repeat("“The water is rising fast near the old mill,” Wren said. ", n),
    "one unclosed quote": lambda n: "Wren said: “" + _repeat("the water keeps rising and nobody knows why ", n),
    "straight marks everywhere": lambda n: _repeat('"a "b c" d e "f ', n),
    "capitalised words": lambda n: _repeat("Aaa Bbb Ccc Ddd Eee Fff ", n),
    "unnamed sources": lambda n: _repeat("a senior official said the official told one official ", n),
    "pronouns": lambda n: _repeat("“Yes, it is,” he said, “and it is.” ", n),
    "one long word": lambda n: _repeat("x" * 999 + " ", n),
}


def _paragraph_with_mentions(paragraph: str) -> tuple[list[Line], list[Mention]]:
    mentions = [Mention(1, m.start(), m.end(), "Wren", "person") for m in re.finditer("Wren", paragraph)]
    return [Line(1, paragraph)], mentions


@pytest.mark.parametrize("name", list(ADVERSARIAL))
def test_a_long_adversarial_paragraph_takes_linear_time(name: str) -> None:
    make = ADVERSARIAL[name]
    assert_linear(lambda case: find_quotes(*case), lambda n: _paragraph_with_mentions(make(n)), MEGABYTE // 8, repeats=2)
