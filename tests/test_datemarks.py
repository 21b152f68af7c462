"""Date expressions found in made-up news paragraphs and resolved against an article date."""

from __future__ import annotations

import time

import pytest

from newsdesk.extract.datemarks import DateMention, find_dates

# (text, value, precision, relative, certain) for every mention, in order.
D, M, Y, U = "day", "month", "year", "unknown"

CASES = [
    # --- full dates: absolute, whatever the anchor -------------------------------------
    ("full-mdy", "The accord was signed on January 3, 2020, in Geneva.", None,
     [("January 3, 2020", "2020-01-03", D, False, True)]),
    ("full-abbrev", "Talks resumed Jan. 3, 2020 after a pause.", "2014-06",
     [("Jan. 3, 2020", "2020-01-03", D, False, True)]),
    ("full-dmy", "Voting closed on 3 January 2020 at noon.", "2020-01",
     [("3 January 2020", "2020-01-03", D, False, True)]),
    ("full-iso", "The filing is dated 2020-01-03 in the registry.", None,
     [("2020-01-03", "2020-01-03", D, False, True)]),
    ("full-iso-time", "Logged at 2020-01-03T10:00 by the desk.", None,
     [("2020-01-03", "2020-01-03", D, False, True)]),
    ("full-weekday-prefix", "The vote, held Friday, January 3, 2020, was close.", "2020-01",
     [("Friday, January 3, 2020", "2020-01-03", D, False, True)]),
    ("full-ordinal-of", "By the 3rd of January, 2020 the bridge had reopened.", None,
     [("3rd of January, 2020", "2020-01-03", D, False, True)]),
    ("full-impossible", "A memo dated February 30, 2019 was a forgery.", None,
     [("February 30, 2019", None, U, False, False)]),
    ("iso-impossible-is-no-date", "Case 2020-13-45 was closed.", None, []),

    # --- month + day without a year ----------------------------------------------------
    ("md-rollover", "Shelling resumed on December 27 near the port.", "2020-01",
     [("December 27", "2019-12-27", D, True, True)]),
    ("md-same-month", "The minister resigned on January 3 after the vote.", "2020-01",
     [("January 3", "2020-01-03", D, True, True)]),
    ("md-abbrev-ordinal", "Crowds gathered Dec. 27 and again on December 28th.", "2020-01-03",
     [("Dec. 27", "2019-12-27", D, True, True), ("December 28th", "2019-12-28", D, True, True)]),
    ("md-on-june", "Polls open on June 10 across the region.", "2020-06-01",
     [("June 10", "2020-06-10", D, True, True)]),
    ("md-year-anchor", "The ceasefire began on December 27.", "2020",
     [("December 27", "2020-12-27", D, True, True)]),
    ("md-no-anchor", "The ceasefire began on Jan. 3.", None,
     [("Jan. 3", None, U, True, False)]),
    ("md-day-first", "Markets reopened on 27 December.", "2020-01",
     [("27 December", "2019-12-27", D, True, True)]),
    ("md-weekday-prefix", "Officials met on Friday, Jan. 3, to plan.", "2020-01",
     [("Friday, Jan. 3", "2020-01-03", D, True, True)]),
    ("md-may-after-weekday", "Polls close Friday, May 3, and on Sunday May 5.", "2019-05-10",
     [("Friday, May 3", "2019-05-03", D, True, True), ("Sunday May 5", "2019-05-05", D, True, True)]),
    ("md-leap-day-missing", "Results are due February 29.", "2021-03",
     [("February 29", None, U, True, False)]),

    # --- month + year --------------------------------------------------------------------
    ("my", "The dam was finished in June 2014 and tested in January, 2020.", "2020-01-03",
     [("June 2014", "2014-06", M, False, True), ("January, 2020", "2020-01", M, False, True)]),
    ("my-qualified", "Fighting peaked in early March 2003.", None,
     [("early March 2003", "2003-03", M, False, True)]),

    # --- month alone ---------------------------------------------------------------------
    ("month-rollover", "Prices have doubled since October.", "2020-01",
     [("October", "2019-10", M, True, True)]),
    ("month-in", "The talks failed in June.", "2020-08-14",
     [("June", "2020-06", M, True, True)]),
    ("month-last", "The port has been closed since last December.", "2020-01",
     [("last December", "2019-12", M, True, True)]),
    ("month-last-same-month", "They met last January.", "2020-01-20",
     [("last January", "2019-01", M, True, True)]),
    ("month-next-this", "A vote is set for next March, a recount for this May.", "2020-04",
     [("next March", "2021-03", M, True, True), ("this May", "2020-05", M, True, True)]),
    ("month-year-anchor", "Exports fell in June and last June and next June.", "2020",
     [("June", "2020-06", M, True, True), ("last June", "2019-06", M, True, False),
      ("next June", "2021-06", M, True, False)]),
    ("month-last-december-year-anchor", "It rained last December.", "2020",
     [("last December", "2019-12", M, True, True)]),
    ("month-qualifiers", "Work stopped in mid-December and resumed in late January.", "2020-02",
     [("mid-December", "2019-12", M, True, True), ("late January", "2020-01", M, True, True)]),
    ("month-range", "Rain fell between May and June, and from January to March.", "2020-07",
     [("May", "2020-05", M, True, True), ("June", "2020-06", M, True, True),
      ("January", "2020-01", M, True, True), ("March", "2020-03", M, True, True)]),
    ("month-no-anchor", "Strikes spread in April.", None,
     [("April", None, U, True, False)]),
    ("month-end-of-may", "The mission ends at the end of May.", "2020-01",
     [("May", "2019-05", M, True, True)]),
    ("month-of", "Talks stalled in the first week of June and resumed at the end of March.", "2020-08",
     [("June", "2020-06", M, True, True), ("March", "2020-03", M, True, True)]),

    # --- years ---------------------------------------------------------------------------
    ("year-cues", "Troops left in 2011, returned by 2014 and have stayed since 2003.", None,
     [("2011", "2011", Y, False, True), ("2014", "2014", Y, False, True), ("2003", "2003", Y, False, True)]),
    ("year-attributive", "Memories of the 2003 invasion and the 2010 elections linger.", "2020-01",
     [("2003", "2003", Y, False, True), ("2010", "2010", Y, False, True)]),
    ("year-possessive", "The country's 2018 budget and a 2011 plot were debated.", None,
     [("2018", "2018", Y, False, True), ("2011", "2011", Y, False, True)]),
    ("year-range-hyphen", "She was posted abroad 2004-2006 and 2008–2010.", None,
     [("2004", "2004", Y, False, True), ("2006", "2006", Y, False, True),
      ("2008", "2008", Y, False, True), ("2010", "2010", Y, False, True)]),
    ("year-range-words", "He served from 1998 to 2001.", None,
     [("1998", "1998", Y, False, True), ("2001", "2001", Y, False, True)]),
    ("year-qualified", "Growth slowed in early 2014, stalled by mid-2015 and recovered in late 2016.", None,
     [("early 2014", "2014", Y, False, True), ("mid-2015", "2015", Y, False, True),
      ("late 2016", "2016", Y, False, True)]),
    ("year-pre-post", "The post-2003 order replaced pre-1990 rules.", None,
     [("2003", "2003", Y, False, True), ("1990", "1990", Y, False, True)]),
    ("year-sentence-start", "2014 marks a turning point.", None,
     [("2014", "2014", Y, False, True)]),
    ("year-1800s-need-cue", "The fort, built in 1850, held 1850 rifles.", None,
     [("1850", "1850", Y, False, True)]),
    ("year-short-range-end", "The 2019-20 season and the 2004-06 mandate.", None,
     [("2019", "2019", Y, False, True), ("2004", "2004", Y, False, True)]),
    ("decade", "Prices rose through the 1990s and fell in the late 2000s.", "2020-01",
     [("1990s", "1990", Y, False, False), ("late 2000s", "2000", Y, False, False)]),
    ("decade-apostrophe-range", "Tensions of the 1980's-1990s.", None,
     [("1980's", "1980", Y, False, False), ("1990s", "1990", Y, False, False)]),

    # --- named days ----------------------------------------------------------------------
    ("named-nye", "Protesters stormed the gate on New Year's Eve.", "2020-01",
     [("New Year's Eve", "2019-12-31", D, True, True)]),
    ("named-nye-curly", "Fireworks were banned on New Year’s Eve.", "2020-01-03",
     [("New Year’s Eve", "2019-12-31", D, True, True)]),
    ("named-nye-same-month", "Fireworks are planned for New Year's Eve.", "2019-12-20",
     [("New Year's Eve", "2019-12-31", D, True, True)]),
    ("named-nyd-christmas", "Shops shut on New Year's Day, at Christmas and on Christmas Eve.", "2020-01",
     [("New Year's Day", "2020-01-01", D, True, True), ("Christmas", "2019-12-25", D, True, True),
      ("Christmas Eve", "2019-12-24", D, True, True)]),
    ("named-with-year", "The truce of Christmas 2019 did not last.", "2020-06",
     [("Christmas 2019", "2019-12-25", D, False, True)]),
    ("named-easter", "Churches filled on Good Friday and Easter Sunday.", "2020-05",
     [("Good Friday", "2020-04-10", D, True, True), ("Easter Sunday", "2020-04-12", D, True, True)]),
    ("named-easter-rollover", "Attacks on Easter Sunday shocked the island.", "2020-01",
     [("Easter Sunday", "2019-04-21", D, True, True)]),
    ("named-fourth-of-july", "Parades on the Fourth of July were cancelled.", "2020-08",
     [("Fourth of July", "2020-07-04", D, True, True)]),
    ("named-no-anchor", "It ended on New Year's Day.", None,
     [("New Year's Day", None, U, True, False)]),

    # --- weekdays ------------------------------------------------------------------------
    # 2020-01-03 was a Friday.
    ("weekday-day-anchor", "Officials said Thursday that the strike hit on Friday.", "2020-01-03",
     [("Thursday", "2020-01-02", D, True, True), ("Friday", "2020-01-03", D, True, True)]),
    ("weekday-qualified", "The convoy was hit late Thursday, and mourners gathered early Sunday.", "2020-01-03",
     [("late Thursday", "2020-01-02", D, True, True), ("early Sunday", "2019-12-29", D, True, True)]),
    ("weekday-last-next", "He spoke last Tuesday and will travel next Tuesday.", "2020-01-03",
     [("last Tuesday", "2019-12-31", D, True, True), ("next Tuesday", "2020-01-07", D, True, True)]),
    ("weekday-last-same-day", "They met last Friday.", "2020-01-03",
     [("last Friday", "2019-12-27", D, True, True)]),
    ("weekday-this", "The summit is this Saturday.", "2020-01-03",
     [("this Saturday", "2020-01-04", D, True, False)]),
    ("weekday-month-anchor", "Officials said Thursday that the strike hit on Friday.", "2020-01",
     [("Thursday", "2020-01", M, True, False), ("Friday", "2020-01", M, True, False)]),
    ("weekday-year-anchor", "The vote is on Sunday.", "2020",
     [("Sunday", "2020", Y, True, False)]),
    ("weekday-no-anchor", "The vote is on Sunday.", None,
     [("Sunday", None, U, True, False)]),
    ("weekday-possessive", "Thursday's raid drew protests.", "2020-01-03",
     [("Thursday", "2020-01-02", D, True, True)]),

    # --- relative words ------------------------------------------------------------------
    ("rel-day-anchor", "Yesterday the port closed; today it reopened; tomorrow it may close.", "2020-01-03",
     [("Yesterday", "2020-01-02", D, True, True), ("today", "2020-01-03", D, True, True),
      ("tomorrow", "2020-01-04", D, True, True)]),
    ("rel-day-words-month-anchor", "The port closed yesterday.", "2020-01",
     [("yesterday", "2020-01", M, True, False)]),
    ("rel-weeks", "Rockets fell last week; talks come next week and this week.", "2020-01-03",
     [("last week", "2019-12-27", D, True, False), ("next week", "2020-01-10", D, True, False),
      ("this week", "2020-01-03", D, True, False)]),
    ("rel-week-month-anchor", "Rockets fell last week.", "2020-01",
     [("last week", "2020-01", M, True, False)]),
    ("rel-months", "Output fell last month and will rise next month.", "2020-01",
     [("last month", "2019-12", M, True, True), ("next month", "2020-02", M, True, True)]),
    ("rel-month-year-anchor", "Output fell last month.", "2020",
     [("last month", "2020", Y, True, False)]),
    ("rel-years", "He retired last year, returns next year and writes this year.", "2020-01",
     [("last year", "2019", Y, True, True), ("next year", "2021", Y, True, True),
      ("this year", "2020", Y, True, True)]),
    ("rel-year-year-anchor", "Exports grew this year.", "2014",
     [("this year", "2014", Y, True, True)]),
    ("rel-qualified", "The premier resigned late last year.", "2020-01",
     [("late last year", "2019", Y, True, True)]),
    ("rel-no-anchor", "Yesterday, last month and last year.", None,
     [("Yesterday", None, U, True, False), ("last month", None, U, True, False),
      ("last year", None, U, True, False)]),
    ("rel-durations-skipped", "Over the last year and the past week, during the next month, prices rose.", "2020-01-03",
     []),

    # --- things that are not dates -------------------------------------------------------
    ("no-may-verb", "Rain may fall and troops may march.", "2020-01", []),
    ("no-may-name", "Theresa May said the vote may slip; May God help us; a speech by May.", "2020-01", []),
    ("no-may-name-number", "Mrs. May 5 times refused; in May's cabinet.", "2020-01", []),
    ("no-march-name", "The March on Washington drew crowds.", "2020-01", []),
    ("no-bare-month-without-cue", "A February delivery of June bugs.", "2020-01", []),
    ("no-quantities", "Some 12,000 troops, 2,014 voters, $2014 in cash and 2014 people came.", None, []),
    ("no-units-and-labels", "Resolution 2003 passed at 2100 GMT; No. 1990 flew 1800 feet.", None, []),
    ("no-glued", "Route F-1900, code X2014 and the Midwest.", None, []),
    ("no-weekday-names", "The Sunday Times covered Black Friday, Super Tuesday and the Good Friday Agreement.",
     "2020-01-03", []),
    ("no-weekday-plural", "Markets close on Fridays.", "2020-01-03", []),
    ("no-holiday-names", "Flights to Christmas Island and Easter Island; a Christmas tree; USA Today.",
     "2020-01-03", []),
    ("no-lowercase-months", "in june, since october, by march.", "2020-01", []),
]


@pytest.mark.parametrize("text, anchor, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_mentions(text: str, anchor: str | None, expected: list[tuple]) -> None:
    found = find_dates(text, anchor)
    assert [(m.text, m.value, m.precision, m.relative, m.certain) for m in found] == expected
    _check_spans(text, found)


def _check_spans(text: str, found: list[DateMention]) -> None:
    for mention in found:
        assert text[mention.start:mention.end] == mention.text
        assert mention.precision == ({4: "year", 7: "month", 10: "day"}[len(mention.value)]
                                     if mention.value else "unknown")
        assert not (mention.value is None and mention.certain)
    # Sorted and non-overlapping.
    for before, after in zip(found, found[1:]):
        assert before.end <= after.start


PARAGRAPH = (
    "Late Thursday, a convoy was struck near the capital, officials said on Friday, Jan. 3. "
    "The attack followed a Dec. 27 raid and a siege that began on New Year's Eve. Since October, "
    "protesters have filled the squares, as they did in 2011 and again between 2004-2006. "
    "The minister, who took office in the late 1990s, will step down next month; last year he "
    "had promised to stay until June 2021. About 12,000 people marched yesterday."
)


@pytest.mark.parametrize("anchor", [None, "2020", "2020-01", "2020-01-03"])
def test_offsets_sorted_and_deterministic(anchor: str | None) -> None:
    found = find_dates(PARAGRAPH, anchor)
    _check_spans(PARAGRAPH, found)
    assert found == find_dates(PARAGRAPH, anchor)
    texts = [m.text for m in found]
    assert texts == ["Late Thursday", "Friday, Jan. 3", "Dec. 27", "New Year's Eve", "October", "2011",
                     "2004", "2006", "late 1990s", "next month", "last year", "June 2021", "yesterday"]
    # Absolute expressions resolve whatever the anchor; relative ones only with one.
    by_text = {m.text: m for m in found}
    assert by_text["June 2021"].value == "2021-06"
    assert by_text["late 1990s"].value == "1990"
    if anchor is None:
        assert all(m.value is None for m in found if m.relative)


def test_anchor_changes_only_relative_values() -> None:
    day, month = find_dates(PARAGRAPH, "2020-01-03"), find_dates(PARAGRAPH, "2020-01")
    assert [m.text for m in day] == [m.text for m in month]
    for a, b in zip(day, month):
        if not a.relative:
            assert a == b
    assert {m.text: m.value for m in day}["Late Thursday"] == "2020-01-02"
    assert {m.text: m.value for m in month}["Late Thursday"] == "2020-01"


@pytest.mark.parametrize("anchor", ["", "20", "2020-1", "2020-13", "2020-02-30", "January 2020"])
def test_bad_anchor(anchor: str) -> None:
    with pytest.raises(ValueError):
        find_dates("on Friday", anchor)


def test_empty_text() -> None:
    assert find_dates("", "2020-01-03") == []


def test_mention_is_frozen() -> None:
    mention = find_dates("in 2011", None)[0]
    with pytest.raises(AttributeError):
        mention.value = "2012"  # type: ignore[misc]


@pytest.mark.parametrize("name, text", [
    # Realistic prose, dense with dates, about 1 MB.
    ("prose", (PARAGRAPH + " ") * (1_000_000 // (len(PARAGRAPH) + 1) + 1)),
    # Inputs that would make a badly written pattern backtrack.
    ("digits", "1" * 1_000_000),
    ("blank-after-weekday", "Friday" + " " * 1_000_000 + "x"),
    ("partial-prefixes", ("Friday, January  2020-2020-3 of  late last " * 25_000)),
    ("hyphens-and-commas", "2004-1,2,-" * 100_000),
    ("months-without-cue", "January " * 125_000),
    ("apostrophes", "New Year's New Year's " * 45_000),
])
def test_one_megabyte_paragraph(name: str, text: str) -> None:
    # A guard against catastrophic regex backtracking, not a speed target.
    started = time.process_time()  # CPU time: other jobs on the machine do not count
    found = find_dates(text, "2020-01-03")
    elapsed = time.process_time() - started
    assert elapsed < 2.0, f"{name}: {elapsed:.2f} s for {len(text)} characters"
    if name == "prose":
        assert len(found) > 30_000
