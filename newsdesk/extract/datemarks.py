"""Date expressions inside one paragraph, resolved against the article's own date.

Owns the recognition of dates written in running news prose ("on Jan. 3", "late
Thursday", "in the late 1990s", "New Year's Eve", "last month") and the rules that turn
them into partial ISO dates. Month names, the partial ISO shape and ``precision()`` come
from :mod:`newsdesk.extract.dates`; this module never looks at the clock, so the same text
and anchor always give the same mentions.

What ``text`` covers
    The bare date expression plus the words that change its meaning: a qualifier
    ("early", "late", "mid"/"mid-") and "last"/"next"/"this" ("late last year", "last
    December", "mid-2014", "early Friday"). A leading preposition ("on", "in", "since") is
    *not* included: it is used as evidence that a bare "June" or "2011" is a date, but it
    is not part of the date. A weekday written in front of a date ("Friday, Jan. 3,
    2020") is part of that one expression.

Resolution against the anchor (the publication date, "YYYY", "YYYY-MM" or "YYYY-MM-DD")
    * Absolute (relative=False): full dates, ISO dates, month + year, years, decades and
      named days with a year ("Christmas 2019") resolve without the anchor. Decades
      ("1990s", "late 1990s") give the decade's first year with certain=False. A
      qualifier never changes the value ("early 2014" is "2014": exact at year
      precision, so certain=True). A calendar-impossible date ("February 30, 2020") is
      still reported, with value None.
    * Month + day without a year, fixed named days (New Year's Eve/Day, Christmas
      Eve/Day, Christmas, Fourth of July) and Easter-based days (Good Friday, Easter,
      Easter Sunday/Monday): the anchor's year, or the year before when the anchor has a
      month and the date's month is later than it (news looks back: "December 27" in an
      article of January 2020 is 2019-12-27). certain=True whenever the anchor has a year.
    * A month alone ("in June", "since October"): the same rule. "last June" is the
      latest June strictly before the anchor's month, "next June" the first one after it,
      "this June" the anchor's year. With a year-only anchor, "last X"/"next X" guess the
      year before/after (certain=False, except "last December"/"next January", which are
      always right).
    * Weekdays: with a day anchor, the latest such weekday on or before the anchor ("last
      Tuesday": strictly before; "next Tuesday": strictly after; "this Tuesday": the
      first one on or after, certain=False as "this" is ambiguous). With a coarser anchor
      the value is the anchor itself (month or year precision), certain=False.
    * yesterday/today/tomorrow: exact with a day anchor; otherwise the anchor,
      certain=False. last/this/next week: anchor -7/0/+7 days, always certain=False (a
      week is not a day); coarser anchor -> the anchor. last/this/next month: exact month
      with a month or day anchor, else the anchor year with certain=False. last/this/next
      year: always exact. "the last year", "over the next month" are durations, not
      dates, and are skipped ("past week" is not recognised at all).
    * Each end of a range is resolved on its own ("from October to March" in an article
      of January 2020 gives 2019-10 and 2019-03).
    * With anchor None every relative expression gets value None, precision "unknown",
      certain=False; absolute ones still resolve.

Which numbers are years (conservative; years are 1800-2100)
    A 4-digit number glued to other digits, a currency sign, "#", "/" or a decimal/
    thousands separator is never a year ("$2014", "12,000", "2,014", "3.2014"). Otherwise
    it is a year when: it follows a strong cue (in, since, until, till, during, before,
    after, the, a possessive, a qualifier, a season, "year", "circa", "pre-"/"post-"),
    starts a sentence, or continues a year range ("2004-2006", "from 2003 to 2004":
    **one mention per year**, so both ends of a range are found with exact offsets); or,
    failing that, when it is in 1900-2099 (or follows a weak cue: by, from, to, of, ...)
    and the next word is not a quantity noun ("2014 people", "1990 troops", "2100 GMT").
    A number after a label ("No. 1990", "Resolution 2003", "Flight 1549") or after a plain
    hyphen that is not a range ("F-1900") is not a year. Short range ends ("2004-06",
    "2019-20") are not read as years.

Which words are dates (conservative)
    Month names and weekdays must be capitalised (or all caps): "may" and "march" are
    verbs. A bare month (no day or year) must be a full name preceded by a cue ("in
    June", "since October"; "of" only in "the end/beginning/first week... of March") or
    continue a month range ("between May and June"); "May" accepts only the strongest
    cues (not "by May", "after May") and is rejected after a capitalised word ("Theresa
    May 2019", "Mrs. May 5") or before a possessive. Names containing a weekday or
    holiday ("Sunday Times", "Black Friday", "Good Friday Agreement", "Christmas Island",
    "USA Today", ...) are consumed as non-dates. Bare "Christmas" or "Easter" needs a cue
    ("at Christmas"). "Independence Day" is not recognised: it is a different day in
    every country. Plural weekdays ("on Fridays") are habits, not dates. A year inside a
    surname guard is still a year ("Theresa May 2019" gives "2019").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from .dates import MONTH_NAMES, MONTHS, precision

__all__ = ["DateMention", "find_dates"]


@dataclass(frozen=True)
class DateMention:
    start: int          # offsets into the paragraph text given
    end: int
    text: str           # text[start:end] exactly
    value: str | None   # partial ISO date it resolves to, None if it cannot be resolved
    precision: str      # "day" | "month" | "year" | "unknown"
    relative: bool      # True if the value depends on the article's own date
    certain: bool       # False when the resolution is a guess


# --- recognition -----------------------------------------------------------------------
# Every pattern starts with its core (a month or weekday name, a holiday, a digit), never
# with an optional prefix or a lookbehind: the regex engine can then skip ahead by first
# character, which keeps a 1 MB paragraph fast. Prefixes ("early", "last", a weekday in
# front of a date) and "not glued to another word" are checked in Python on the few
# characters before the core. Whitespace inside an expression is bounded (1-3 characters),
# so no pattern can run over, and backtrack through, a huge blank stretch.
_SP = r"\s{1,3}"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _forms(words) -> list[str]:
    """Title-case and all-caps spellings, longest first (so "Sept" is tried before "Sep").
    Lower case is never a date: "may" and "march" are verbs."""
    return sorted({form for word in words for form in (word.title(), word.upper())}, key=lambda f: (-len(f), f))


_ABBREVIATIONS = [name for name in MONTHS if name.title() not in MONTH_NAMES]
_MONTH = rf"(?P<month>{'|'.join(_forms(MONTH_NAMES) + _forms(_ABBREVIATIONS))})\b\.?"
_FULL_MONTH = rf"(?P<month>{'|'.join(_forms(MONTH_NAMES))})\b"
# Ending an expression ("27 Dec."), the period is more likely the end of the sentence.
_MONTH_LAST = rf"(?P<month>{'|'.join(_forms(MONTH_NAMES) + _forms(_ABBREVIATIONS))})\b"
_WD = "|".join(_forms(_WEEKDAYS))
# No digit may follow the day, so "June 2014" is not "June 20"; 1-31 is checked in Python
# (a digit class as the first item keeps the fast first-character skip).
_DAY = r"(?P<day>\d\d?)(?:st|nd|rd|th)?(?!\w)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d|2100)(?![\w%]|[.,]\d)"
_APOS = r"['’]"

# Names that contain a date word but are not dates; matched so their words are used up.
# Each alternative starts with a literal (see above), hence the expansion.
_NOT_DATES = (
    [rf"{word}{_SP}(?:{_WD})" for word in
     ("Black", "Bloody", "Super", "Cyber", "Ash", "Holy", "Palm", "Maundy", "Man", "Girl", "Freaky")]
    + [rf"{day}{_SP}(?:Times|Telegraph|Mirror|Express|Herald|Post|Independent|Observer|Mail|People"
       rf"|Sport|Star|Tribune|Business|Night{_SP}Live|Night{_SP}Lights)" for day in _forms(_WEEKDAYS)]
    + [rf"USA{_SP}Today", rf"Christmas{_SP}Island", rf"Easter{_SP}(?:Island|Rising)",
       rf"Good{_SP}Friday{_SP}(?:Agreement|Accords?|agreement|accords?|deal)"])

# (kind, pattern) in priority order: among candidates at the same start the longest wins,
# then the earlier kind here.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [(kind, re.compile(source)) for kind, source in [
    ("block", rf"(?:{'|'.join(_NOT_DATES)})\b"),
    # "2020-01-03T10:00" is still a date; "2020-01-03-7" or "2020-01-034" is an identifier.
    ("iso", r"(?P<year>\d{4})-(?P<mm>\d\d)-(?P<dd>\d\d)(?:(?=T\d)|(?![\w-]|\.\d))"),
    ("full", rf"{_MONTH}{_SP}{_DAY},?{_SP}{_YEAR}"),
    ("full", rf"{_DAY}{_SP}(?:of{_SP})?{_MONTH},?{_SP}{_YEAR}"),
    ("month_day", rf"{_MONTH}{_SP}{_DAY}"),
    ("month_day", rf"{_DAY}{_SP}(?:of{_SP})?{_MONTH_LAST}"),
    ("month_year", rf"{_MONTH},?{_SP}{_YEAR}"),
    ("named", rf"(?P<name>New{_SP}Year{_APOS}s{_SP}(?:Eve|Day|eve|day)|Christmas{_SP}(?:Eve|Day)|Christmas"
              rf"|Good{_SP}Friday|Easter{_SP}(?:Sunday|Monday)|Easter|Fourth{_SP}of{_SP}July"
              rf"|July{_SP}Fourth)\b(?:,?{_SP}{_YEAR})?"),
    # A month alone; not when a number follows (that is a month-day or a month-year).
    ("month", rf"{_FULL_MONTH}(?!{_SP}\d)"),
    ("weekday", rf"(?P<wd>{_WD})\b"),  # \b: "Fridays" is a habit, not a date
    ("unit", rf"(?P<rel>last|next|this|Last|Next|This|LAST|NEXT|THIS){_SP}(?P<unit>week|month|year|Week|Month|Year|WEEK|MONTH|YEAR)\b"),
    ("dayword", r"(?P<dw>yesterday|today|tomorrow|Yesterday|Today|Tomorrow|YESTERDAY|TODAY|TOMORROW)\b"),
    ("decade", rf"(?P<decade>(?:1[89]|20)\d0){_APOS}?s\b"),
    ("year", _YEAR + r"(?!-\d\d-\d)"),  # the start of an impossible ISO date is no year either
]]

# --- context: the word before an expression ---------------------------------------------
# Matched on the reversed 17 characters before the core: constant cost per candidate. The
# separator is 1-3 spaces (a comma may follow the word, as in "Friday, Jan. 3") or a hyphen
# ("mid-2014", "post-2003").
_REVERSED_WORD = re.compile(r"(?P<sep>\s{1,3},?|-)(?P<word>[A-Za-z.'’]{1,12})(?![A-Za-z.'’])")
_WORD_SPAN = 17

_QUALIFIERS = frozenset({"early", "late", "mid"})
_RELATIONS = frozenset({"last", "next", "this"})
_WEEKDAY_WORDS = frozenset(day.lower() for day in _WEEKDAYS)
# A cue that makes a 4-digit number a year even before a plural noun ("the 2010 elections").
_STRONG_YEAR_CUES = frozenset(
    "in since until till during before after the circa c. year summer spring autumn fall winter "
    "his her its their our".split())
# Cues that only vouch for years outside 1900-2099 ("by 1850"); a quantity noun still wins.
_WEAK_YEAR_CUES = frozenset("by from to of around through between for on at as".split())
# A number after these is a label, not a year ("No. 1990", "Resolution 2003", "Flight 1549").
_LABELS = frozenset(
    "no no. nos nos. number resolution flight route room article section highway interstate model "
    "apartment suite bus chapter page item rule code unit platform gate channel line exit box".split())
_MONTH_CUES = frozenset(
    "in since until till during before after by from through throughout between for".split())
# "by May", "from May", "after May" are as likely Theresa May as the month.
_MAY_CUES = frozenset("in since until till during between throughout".split())
# "of" is a cue only after these ("the end of June", "the first week of May"), not in
# "a crate of June bugs".
_MONTH_OF = frozenset("end beginning start middle rest half week weeks days".split())
_HOLIDAY_CUES = frozenset(
    "on at over before after since until till by for during of this last next around from between".split())
# A capitalised word before "May" that is one of these does not make it a surname.
_NOT_A_NAME = _MONTH_CUES | _QUALIFIERS | _RELATIONS | _WEEKDAY_WORDS | {"on", "at", "the", "and", "or", "to"}
# Range continuations: "2004-2006", "from 2003 to 2004", "between May and June".
_CONNECTOR = re.compile(r"\s{0,3}(?:[-–—/&]|and|or|to|through|until|till)\s{0,3}", re.I)
_NUMBER_GLUE = frozenset("$£€¥#/")
_WEEKDAY_GAP = re.compile(r",?\s{1,3}")
_PREFIXED = frozenset({"month", "weekday", "month_year", "unit", "dayword", "decade", "year"})
_HYPHENS = frozenset("-–—")

_QUANTITY_WORDS = frozenset(
    "people men women children police personnel staff troops soldiers feet ft km kg lb lbs m mph "
    "gmt utc bst est et cet hours hrs h percent metres meters tons tonnes acres dollars euros pounds "
    "yuan rupees head times year years month months week weeks day days".split())  # "a 2000 year old tradition"
_NOT_PLURAL = frozenset(
    "thus this always perhaps whereas unless besides towards afterwards nevertheless news series "
    "species means politics economics plus versus".split())
_NEXT_WORD = re.compile(r"\s{1,3}([A-Za-z]+)")

_MONTH_KINDS = frozenset({"month", "month_day", "month_year", "full"})
_YEAR_KINDS = frozenset({"year", "decade", "month_year", "full", "iso"})
_FIXED_DAYS = {"new year's eve": (12, 31), "new year's day": (1, 1), "christmas eve": (12, 24),
               "christmas day": (12, 25), "christmas": (12, 25), "fourth of july": (7, 4),
               "july fourth": (7, 4)}
_EASTER_OFFSETS = {"good friday": -2, "easter": 0, "easter sunday": 0, "easter monday": 1}
_ANCHOR = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


class _Word:
    __slots__ = ("text", "start", "sep")

    def __init__(self, text: str, start: int, sep: str) -> None:
        self.text, self.start, self.sep = text, start, sep

    @property
    def key(self) -> str:
        """Lower case, without an opening quote: the form looked up in the cue sets."""
        return self.text.lower().lstrip("'’.")

    @property
    def spaced(self) -> bool:
        return self.sep.isspace()


def _word_before(text: str, start: int) -> _Word | None:
    if not start or not (text[start - 1].isspace() or text[start - 1] == "-"):
        return None  # the common case, decided without building a window
    found = _REVERSED_WORD.match(text[max(0, start - _WORD_SPAN):start][::-1])
    if not found:
        return None
    return _Word(found.group("word")[::-1], start - found.end(), found.group("sep")[::-1])


class _Candidate:
    __slots__ = ("start", "kind", "match", "qual", "rel", "cue")

    def __init__(self, start, kind, match, qual, rel, cue) -> None:
        self.start, self.kind, self.match, self.qual, self.rel, self.cue = start, kind, match, qual, rel, cue


@dataclass(frozen=True)
class _Anchor:
    year: int
    month: int | None
    day: int | None

    def iso(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def date(self) -> date:
        assert self.month is not None and self.day is not None
        return date(self.year, self.month, self.day)


_Resolved = tuple[str | None, bool]  # (value, certain)
_UNRESOLVED: _Resolved = (None, False)


def find_dates(text: str, anchor: str | None) -> list[DateMention]:
    """Date expressions in one paragraph, resolved against the article's publication date
    `anchor` (partial ISO, may be None or month-precision). Non-overlapping, sorted by start.

    Raises ValueError for an anchor that is not a partial ISO date."""
    base = _parse_anchor(anchor)
    # Every match of every pattern, by (start, longest first, pattern priority); the triple
    # is unique, so the sort never compares the match objects.
    found = [(match.start(), -match.end(), priority, kind, match)
             for priority, (kind, pattern) in enumerate(_PATTERNS) for match in pattern.finditer(text)]
    found.sort()

    mentions: list[DateMention] = []
    used_until = 0
    previous: tuple[str, int] | None = None  # kind and end of the last mention, for ranges
    for core, negative_end, _, kind, match in found:
        if core < used_until or _glued(text, core, kind):
            continue
        end = -negative_end
        if kind == "block":
            used_until = end
            continue
        # Context is looked at only now, for the few matches that survive overlap.
        candidate = _candidate(text, kind, match, used_until)
        built = _BUILDERS[kind](text, candidate, base, previous)
        if built is None:
            continue
        value, relative, certain = built
        start = candidate.start
        if kind in ("full", "month_day") and previous and previous[0] == "weekday" \
                and _WEEKDAY_GAP.fullmatch(text, previous[1], start):
            start = mentions.pop().start  # "Friday, Jan. 3, 2020" is one expression
        mentions.append(DateMention(
            start=start, end=end, text=text[start:end], value=value,
            precision=precision(value) if value else "unknown", relative=relative,
            certain=certain and value is not None))
        used_until = end
        previous = (kind, end)
    return mentions


def _parse_anchor(anchor: str | None) -> _Anchor | None:
    if anchor is None:
        return None
    match = _ANCHOR.fullmatch(anchor)
    if not match:
        raise ValueError(f"anchor is not a partial ISO date: {anchor!r}")
    year, month, day = (int(g) if g else None for g in match.groups())
    if month is not None and not 1 <= month <= 12 or day is not None and _iso(year, month, day) is None:
        raise ValueError(f"anchor is not a valid date: {anchor!r}")
    return _Anchor(year, month, day)


def _glued(text: str, core: int, kind: str) -> bool:
    """True when the match is part of a longer word or number: "Midwest", "12014", "$2014"."""
    if not core:
        return False
    before = text[core - 1]
    if before.isalnum() or before == "_":
        return True
    if text[core].isdigit():
        if before in _NUMBER_GLUE or before in ",." and core > 1 and text[core - 2].isdigit():
            return True  # "$2014", "1,2014", "3.2014"
        if before in _HYPHENS and kind not in ("year", "decade"):
            return True  # "x-2020-01-03", "12-13 June": not ours to read
    return False


def _candidate(text: str, kind: str, match: re.Match[str], used_until: int) -> _Candidate:
    """The match with the word before it and its prefixes ("late", "last", "mid-")."""
    core = match.start()
    cue = _word_before(text, core)
    start, qual, rel = core, None, None
    if kind in _PREFIXED:
        prefix = cue
        if kind in ("month", "weekday") and prefix and prefix.spaced and prefix.key in _RELATIONS:
            rel, start = prefix.key, prefix.start
            prefix = _word_before(text, start)
        if prefix and prefix.key in _QUALIFIERS and (prefix.spaced or prefix.sep == "-"):
            qual, start = prefix.key, prefix.start
        if start < used_until:  # never reach into the previous mention
            start, qual, rel = core, None, None
    return _Candidate(start, kind, match, qual, rel, cue)


# --- builders: (value, relative, certain), or None when the candidate is not a date -----

def _build_iso(text, cand, base, previous):
    match = cand.match
    # Impossible month/day: an identifier, not a date.
    value = _iso(int(match.group("year")), int(match.group("mm")), int(match.group("dd")))
    return None if value is None else (value, False, True)


def _build_full(text, cand, base, previous):
    match = cand.match
    day = int(match.group("day"))
    if not 1 <= day <= 31 or _is_surname(cand):
        return None
    # A day the calendar does not have ("February 30, 2020") is still a date mention.
    return _iso(int(match.group("year")), _month(match), day), False, True


def _build_month_day(text, cand, base, previous):
    day = int(cand.match.group("day"))
    if not 1 <= day <= 31 or _is_surname(cand):
        return None
    value, certain = _fixed_day(base, _month(cand.match), day)
    return value, True, certain


def _build_month_year(text, cand, base, previous):
    if _is_surname(cand):
        return None
    return f"{int(cand.match.group('year')):04d}-{_month(cand.match):02d}", False, True


def _build_named(text, cand, base, previous):
    match = cand.match
    name = re.sub(r"\s+", " ", match.group("name")).replace("’", "'").lower()
    if name in ("christmas", "easter") and not (
            match.group("year") or _cued(cand.cue, _HOLIDAY_CUES)
            or _continues(text, match.start(), previous, {"named"})):
        return None  # "Christmas tree", "Easter egg"
    if match.group("year"):
        year = int(match.group("year"))
        day = _easter(year) + timedelta(_EASTER_OFFSETS[name]) if name in _EASTER_OFFSETS \
            else date(year, *_FIXED_DAYS[name])
        return day.isoformat(), False, True
    if name in _FIXED_DAYS:
        value, certain = _fixed_day(base, *_FIXED_DAYS[name])
        return value, True, certain
    if base is None:
        return None, True, False
    day = _easter(base.year) + timedelta(_EASTER_OFFSETS[name])
    if base.month is not None and day.month > base.month:  # looking back, as for fixed days
        day = _easter(base.year - 1) + timedelta(_EASTER_OFFSETS[name])
    return day.isoformat(), True, True


def _build_month(text, cand, base, previous):
    match = cand.match
    is_may = match.group("month").lower() == "may"
    if not (cand.qual or cand.rel):
        cue = cand.cue
        if cue and cue.spaced and cue.key == "of":
            cue_before = _word_before(text, cue.start)
            cued = bool(cue_before and cue_before.spaced and cue_before.key in _MONTH_OF)
        else:
            cued = _cued(cue, _MAY_CUES if is_may else _MONTH_CUES)
        if not (cued or _continues(text, match.start(), previous, _MONTH_KINDS)):
            return None
    if is_may and re.match(r"['’]s\b", text[match.end():match.end() + 3]):
        return None  # "in May's cabinet"
    value, certain = _month_alone(base, MONTHS[match.group("month").lower()], cand.rel)
    return value, True, certain


def _build_weekday(text, cand, base, previous):
    value, certain = _weekday(base, _WEEKDAYS.index(cand.match.group("wd").title()), cand.rel)
    return value, True, certain


def _build_unit(text, cand, base, previous):
    if not cand.qual and _cued(cand.cue, {"the"}):
        return None  # "over the last year" is a stretch of time, not last year
    step = {"last": -1, "this": 0, "next": 1}[cand.match.group("rel").lower()]
    value, certain = _unit(base, cand.match.group("unit").lower(), step)
    return value, True, certain


def _build_dayword(text, cand, base, previous):
    step = {"yesterday": -1, "today": 0, "tomorrow": 1}[cand.match.group("dw").lower()]
    if base is None:
        return None, True, False
    if base.day is None:
        return base.iso(), True, False
    return (base.date() + timedelta(step)).isoformat(), True, True


def _build_decade(text, cand, base, previous):
    if not _year_hyphen_ok(text, cand, previous):
        return None
    return cand.match.group("decade"), False, False


def _build_year(text, cand, base, previous):
    if not _year_hyphen_ok(text, cand, previous):
        return None
    match, cue = cand.match, cand.cue
    year = int(match.group("year"))
    core = match.start()
    if cue and cue.spaced and cue.key.rstrip(".") in _LABELS:
        return None  # "No. 1990", "Resolution 2003"
    strong = bool(cand.qual) or _continues(text, core, previous, _YEAR_KINDS) \
        or _cued(cue, _STRONG_YEAR_CUES) or bool(cue and cue.spaced and cue.text.endswith(("'s", "’s"))) \
        or bool(cue and cue.sep == "-" and cue.key in ("pre", "post")) or _sentence_start(text, core, cue)
    if not strong:
        if _quantity_follows(text, match.end()):
            return None
        if not (1900 <= year <= 2099 or _cued(cue, _WEAK_YEAR_CUES)):
            return None
    return f"{year:04d}", False, True


_BUILDERS = {
    "iso": _build_iso, "full": _build_full, "month_day": _build_month_day,
    "month_year": _build_month_year, "named": _build_named, "month": _build_month,
    "weekday": _build_weekday, "unit": _build_unit, "dayword": _build_dayword,
    "decade": _build_decade, "year": _build_year,
}


# --- context checks --------------------------------------------------------------------

def _cued(cue: _Word | None, words) -> bool:
    return bool(cue and cue.spaced and cue.key in words)


def _continues(text: str, start: int, previous: tuple[str, int] | None, kinds) -> bool:
    """True when the expression at ``start`` continues a range begun by the previous mention
    ("2004-2006", "between May and June")."""
    if previous is None or previous[0] not in kinds or start - previous[1] > 12:
        return False
    return _CONNECTOR.fullmatch(text, previous[1], start) is not None


def _year_hyphen_ok(text: str, cand: _Candidate, previous) -> bool:
    """A year or decade right after a hyphen is one only as "mid-", "pre-"/"post-" or the end
    of a range ("2004-2006"); "F-1900" is a name."""
    core = cand.match.start()
    if not core or text[core - 1] not in _HYPHENS or cand.qual:
        return True
    if cand.cue and cand.cue.sep == "-" and cand.cue.key in ("pre", "post"):
        return True
    return _continues(text, core, previous, _YEAR_KINDS)


def _sentence_start(text: str, start: int, cue: _Word | None) -> bool:
    """News style spells out numbers that open a sentence, except years ("2014 marks...")."""
    head = text[max(0, start - 8):start].rstrip(" \t\r\n\u00a0\"“‘'([")
    if not head:
        return True
    if not head.endswith((".", "!", "?")):
        return False
    # "U.S. 2003", "Gen. 1900": an abbreviation, not the end of a sentence.
    return not (cue and cue.text.endswith(".") and ("." in cue.text[:-1] or len(cue.text) <= 4))


def _is_surname(cand: _Candidate) -> bool:
    """ "May" right after a capitalised word that is no cue is a surname ("Theresa May 2019",
    "Mrs. May 5")."""
    match = cand.match
    if match.group("month").lower() != "may" or match.start("month") != match.start():
        return False
    cue = cand.cue
    return bool(cue and cue.spaced and cue.text[:1].isupper() and cue.key.rstrip(".") not in _NOT_A_NAME)


def _quantity_follows(text: str, end: int) -> bool:
    """ "2014 people", "1990 troops", "2100 GMT": the number counts or measures something."""
    found = _NEXT_WORD.match(text, end, end + 40)
    if not found:
        return False
    word = found.group(1)
    if word.lower() in _QUANTITY_WORDS:
        return True
    return (word.islower() and len(word) > 3 and word.endswith("s")
            and not word.endswith(("ss", "us", "is")) and word not in _NOT_PLURAL)


# --- resolution ------------------------------------------------------------------------

def _month(match: re.Match[str]) -> int:
    return MONTHS[match.group("month").lower()]


def _iso(year: int, month: int, day: int) -> str | None:
    """ISO day, or None when the calendar has no such day (``dates`` keeps its day-count
    helper private, so the check is done here with ``datetime.date``)."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _fixed_day(base: _Anchor | None, month: int, day: int) -> _Resolved:
    """A month-day without a year: the anchor's year, or the year before when the anchor's
    month is earlier (news refers back)."""
    if base is None:
        return _UNRESOLVED
    year = base.year - 1 if base.month is not None and month > base.month else base.year
    value = _iso(year, month, day)
    return (value, True) if value else _UNRESOLVED


def _month_alone(base: _Anchor | None, month: int, rel: str | None) -> _Resolved:
    if base is None:
        return _UNRESOLVED
    if rel == "this":
        return f"{base.year:04d}-{month:02d}", True
    if rel == "last":
        if base.month is None:  # right whatever the month only for December
            return f"{base.year - 1:04d}-{month:02d}", month == 12
        year = base.year if month < base.month else base.year - 1
        return f"{year:04d}-{month:02d}", True
    if rel == "next":
        if base.month is None:  # right whatever the month only for January
            return f"{base.year + 1:04d}-{month:02d}", month == 1
        year = base.year if month > base.month else base.year + 1
        return f"{year:04d}-{month:02d}", True
    year = base.year - 1 if base.month is not None and month > base.month else base.year
    return f"{year:04d}-{month:02d}", True


def _weekday(base: _Anchor | None, weekday: int, rel: str | None) -> _Resolved:
    if base is None:
        return _UNRESOLVED
    if base.day is None:
        return base.iso(), False  # some day in the anchor's month (or year): a guess
    anchor_day = base.date()
    today = anchor_day.weekday()
    if rel == "last":
        offset = -((today - weekday - 1) % 7 + 1)
    elif rel == "next":
        offset = (weekday - today - 1) % 7 + 1
    elif rel == "this":  # "this Friday" usually looks ahead, but not always
        return (anchor_day + timedelta((weekday - today) % 7)).isoformat(), False
    else:
        offset = -((today - weekday) % 7)
    return (anchor_day + timedelta(offset)).isoformat(), True


def _unit(base: _Anchor | None, unit: str, step: int) -> _Resolved:
    if base is None:
        return _UNRESOLVED
    if unit == "year":
        return f"{base.year + step:04d}", True
    if unit == "month":
        if base.month is None:
            return base.iso(), False
        index = base.year * 12 + base.month - 1 + step
        return f"{index // 12:04d}-{index % 12 + 1:02d}", True
    if base.day is None:  # week
        return base.iso(), False
    return (base.date() + timedelta(7 * step)).isoformat(), False


def _easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian; the anonymous Meeus/Jones/Butcher algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    el = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 19 * el) // 433
    month = (h + el - 7 * m + 90) // 25
    return date(year, month, (h + el - 7 * m + 33 * month + 19) % 32)
