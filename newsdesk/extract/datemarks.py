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
      year: always exact. "the last year", "the past week" etc. are durations, not dates,
      and are skipped.
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
    A number after a plain hyphen that is not a range ("F-1900") is not a year. Short
    range ends ("2004-06", "2019-20") are not read as years.

Which words are dates (conservative)
    Month names and weekdays must be capitalised (or all caps): "may" and "march" are
    verbs. A bare month (no day or year) must be a full name preceded by a cue ("in
    June", "since October", "end of March") or continue a month range ("between May and
    June"); "May" accepts only the strongest cues and is rejected after a capitalised
    word ("Theresa May 2019", "Mrs. May 5") or before a possessive. Names containing a
    weekday or holiday ("Sunday Times", "Black Friday", "Good Friday Agreement",
    "Christmas Island", "USA Today", ...) are consumed as non-dates. Bare "Christmas" or
    "Easter" needs a cue ("at Christmas"). "Independence Day" is not recognised: it is a
    different day in every country. Plural weekdays ("on Fridays") are habits, not dates.
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


# --- building blocks -------------------------------------------------------------------
# Whitespace between the words of one expression is bounded so no pattern can run over a
# huge blank stretch and backtrack through it.
_SP = r"\s{1,3}"
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _caps(words) -> str:
    """Title-case and all-caps spellings, longest first (so "Sept" is tried before "Sep")."""
    forms = {form for word in words for form in (word.title(), word.upper())}
    return "|".join(sorted(forms, key=lambda f: (-len(f), f)))


_ABBREVIATIONS = [name for name in MONTHS if name.title() not in MONTH_NAMES]
_MONTH_ANY = rf"(?P<month>(?:{_caps(MONTH_NAMES)}|{_caps(_ABBREVIATIONS)})\b)\.?"
_MONTH_FULL = rf"(?P<month>{_caps(MONTH_NAMES)})"
_WD = _caps(_WEEKDAYS)
_WD_PREFIX = rf"(?:(?P<wd>{_WD}),?{_SP})?"
# 3[01] before [12]\d before a single digit, and no digit may follow: "June 2014" is not
# "June 20"; an ordinal suffix is allowed ("27th").
_DAY = r"(?P<day>3[01]|[12]\d|0?[1-9])(?:st|nd|rd|th)?(?!\w)"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d|2100)(?![\w%]|[.,]\d)"
_QUAL = r"(?:(?<![\w-])(?P<q>[Ee]arly|[Ll]ate|[Mm]id|EARLY|LATE|MID)(?:-|" + _SP + r"))?"
_REL = r"(?:(?<![\w-])(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|LAST|NEXT|THIS)" + _SP + r")?"
_APOS = r"['’]"

# (kind, pattern) in priority order: at the same start the longest match wins, then the
# earlier kind here.
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    # Names that contain a date word but are not dates. Matched so their words are used up.
    ("block", re.compile(
        rf"\b(?:(?:Black|Bloody|Super|Cyber|Ash|Holy|Palm|Maundy|Man|Girl|Freaky){_SP}(?:{_WD})"
        rf"|(?:{_WD}){_SP}(?:Times|Telegraph|Mirror|Express|Herald|Post|Independent|Observer|Mail"
        rf"|People|Sport|Star|Tribune|Business|Night{_SP}Live|Night{_SP}Lights)"
        rf"|USA{_SP}Today|(?:Christmas|Easter){_SP}Island|Easter{_SP}Rising"
        rf"|Good{_SP}Friday{_SP}(?:Agreement|Accords?|agreement|accords?|deal))\b")),
    ("iso", re.compile(r"(?<![\w-])(?P<year>\d{4})-(?P<mm>\d\d)-(?P<dd>\d\d)(?![\w-]|\.\d)")),
    ("full", re.compile(rf"(?<!\w){_WD_PREFIX}{_MONTH_ANY}{_SP}{_DAY},?{_SP}{_YEAR}")),
    ("full", re.compile(rf"(?<![\w,.$£€-]){_WD_PREFIX}{_DAY}{_SP}(?:of{_SP})?{_MONTH_ANY},?{_SP}{_YEAR}")),
    ("month_day", re.compile(rf"(?<!\w){_WD_PREFIX}{_MONTH_ANY}{_SP}{_DAY}")),
    ("month_day", re.compile(rf"(?<![\w,.$£€-]){_WD_PREFIX}{_DAY}{_SP}(?:of{_SP})?{_MONTH_ANY}")),
    ("month_year", re.compile(rf"{_QUAL}(?<!\w){_MONTH_ANY},?{_SP}{_YEAR}")),
    ("named", re.compile(
        rf"(?<!\w)(?P<name>New{_SP}Year{_APOS}s{_SP}(?:Eve|Day|eve|day)|Christmas{_SP}(?:Eve|Day)"
        rf"|Christmas|Good{_SP}Friday|Easter{_SP}(?:Sunday|Monday)|Easter|Fourth{_SP}of{_SP}July"
        rf"|July{_SP}Fourth)\b(?:,?{_SP}{_YEAR})?")),
    # A month alone; not when a number follows (then it is a month-day or month-year).
    ("month", re.compile(rf"{_QUAL}{_REL}(?<!\w){_MONTH_FULL}\b(?!{_SP}\d)")),
    ("weekday", re.compile(rf"{_QUAL}{_REL}(?<!\w)(?P<wd>{_WD})\b")),
    ("unit", re.compile(
        rf"{_QUAL}(?<![\w-])(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|LAST|NEXT|THIS){_SP}(?P<unit>week|month|year)\b")),
    ("dayword", re.compile(
        rf"{_QUAL}(?<![\w-])(?P<dw>[Yy]esterday|[Tt]oday|[Tt]omorrow|YESTERDAY|TODAY|TOMORROW)\b")),
    ("decade", re.compile(rf"{_QUAL}(?<![\w$£€¥#/'’])(?<!\d[,.])(?P<decade>(?:1[89]|20)\d0){_APOS}?s\b")),
    ("year", re.compile(rf"{_QUAL}(?<![\w$£€¥#/])(?<!\d[,.]){_YEAR}")),
]

# --- context cues (looked up in a short window before the expression, case-insensitive) ---
_WINDOW = 40
# A cue that makes a 4-digit number a year even before a plural noun ("the 2010 elections").
_STRONG_YEAR_CUE = re.compile(
    r"(?:(?<![\w'’])(?:in|since|until|till|during|before|after|the|early|late|circa|c\.|year|summer|spring"
    r"|autumn|fall|winter|his|her|its|their|our)\s{1,3}|['’]s\s{1,3}|(?<!\w)(?:pre|post)-)\Z", re.I)
# Cues that only help years outside 1900-2099 ("by 1850"); a quantity noun still wins.
_WEAK_YEAR_CUE = re.compile(r"(?<![\w'’])(?:by|from|to|of|around|through|between|for|on|at|as)\s{1,3}\Z", re.I)
_MONTH_CUE = re.compile(
    r"(?<![\w'’])(?:in|since|until|till|during|before|after|by|from|through|throughout|between|for|of)"
    r"\s{1,3}\Z", re.I)
# "by May", "from May", "after May" are as likely Theresa May as the month.
_MAY_CUE = re.compile(
    r"(?:(?<![\w'’])(?:in|since|until|till|during|between|throughout)\s{1,3}"
    r"|(?<![\w'’])(?:end|beginning|start|middle|rest)\s{1,3}of\s{1,3})\Z", re.I)
_HOLIDAY_CUE = re.compile(
    r"(?<![\w'’])(?:on|at|over|before|after|since|until|till|by|for|during|of|this|last|next|around"
    r"|from|between)\s{1,3}\Z", re.I)
_DURATION_BEFORE = re.compile(r"(?<![\w'’])the\s{1,3}\Z", re.I)  # "the last year", "the next week"
# A capitalised word right before "May" makes it a surname ("Theresa May 2019").
_CAPITALISED_BEFORE = re.compile(r"(?<![\w.])([A-Z][\w'’.-]*)\s{1,3}\Z")
_NOT_A_NAME = frozenset(
    "in on at by of for from since until till during before after between through throughout "
    "early late mid last next this the and or to".split() + [w.lower() for w in _WEEKDAYS])
# Range continuations: "2004-2006", "from 2003 to 2004", "between May and June".
_CONNECTOR = re.compile(r"\s{0,3}(?:[-–—/&]|and|or|to|through|until|till)\s{0,3}", re.I)
_SENTENCE_START = re.compile(r"(?:\A|[.!?])[\s\"“‘'(\[]*\Z")

_QUANTITY_WORDS = frozenset(
    "people men women children police personnel staff troops soldiers feet ft km kg lb lbs m mph "
    "gmt utc bst est et cet hours hrs h percent metres meters tons tonnes acres dollars euros pounds "
    "yuan rupees head times".split())
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
    candidates = []
    for priority, (kind, pattern) in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            candidates.append((match.start(), -match.end(), priority, kind, match))
    candidates.sort(key=lambda c: c[:3])

    mentions: list[DateMention] = []
    used_until = 0
    previous: tuple[str, int] | None = None  # kind and end of the last mention, for ranges
    for start, _, _, kind, match in candidates:
        if start < used_until:
            continue
        if kind == "block":
            used_until = match.end()
            continue
        built = _BUILDERS[kind](text, match, base, previous)
        if built is None:
            continue
        value, relative, certain = built
        mentions.append(DateMention(
            start=start, end=match.end(), text=match.group(0), value=value,
            precision=precision(value) if value else "unknown", relative=relative,
            certain=certain and value is not None))
        used_until = match.end()
        previous = (kind, match.end())
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


# --- builders: (value, relative, certain) or None when the match is not a date ----------

def _build_iso(text, match, base, previous):
    # Not a date at all when the month/day are impossible (an identifier, not a typo).
    value = _iso(int(match.group("year")), int(match.group("mm")), int(match.group("dd")))
    return None if value is None else (value, False, True)


def _build_full(text, match, base, previous):
    if _is_surname(text, match):
        return None
    value = _iso(int(match.group("year")), _month(match), int(match.group("day")))
    return value, False, True


def _build_month_day(text, match, base, previous):
    if _is_surname(text, match):
        return None
    value, certain = _fixed_day(base, _month(match), int(match.group("day")))
    return value, True, certain


def _build_month_year(text, match, base, previous):
    if _is_surname(text, match):
        return None
    return f"{int(match.group('year')):04d}-{_month(match):02d}", False, True


def _build_named(text, match, base, previous):
    name = re.sub(r"\s+", " ", match.group("name")).replace("’", "'").lower()
    if name in ("christmas", "easter") and not (
            match.group("year") or _HOLIDAY_CUE.search(_before(text, match.start()))
            or _continues(text, match.start(), previous, {"named"})):
        return None
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


def _build_month(text, match, base, previous):
    month_word = match.group("month")
    rel = (match.group("rel") or "").lower() or None
    start = match.start()
    if not (match.group("q") or rel):
        before = _before(text, start)
        cue = _MAY_CUE if month_word.lower() == "may" else _MONTH_CUE
        if not (cue.search(before) or _continues(text, start, previous, _MONTH_KINDS)):
            return None
    if month_word.lower() == "may" and re.match(r"['’]s\b", text[match.end():match.end() + 3]):
        return None  # "in May's cabinet"
    value, certain = _month_alone(base, MONTHS[month_word.lower()], rel)
    return value, True, certain


def _build_weekday(text, match, base, previous):
    rel = (match.group("rel") or "").lower() or None
    value, certain = _weekday(base, _WEEKDAYS.index(match.group("wd").title()), rel)
    return value, True, certain


def _build_unit(text, match, base, previous):
    if not match.group("q") and _DURATION_BEFORE.search(_before(text, match.start())):
        return None  # "over the last year" is a period of time, not last year
    step = {"last": -1, "this": 0, "next": 1}[match.group("rel").lower()]
    value, certain = _unit(base, match.group("unit"), step)
    return value, True, certain


def _build_dayword(text, match, base, previous):
    step = {"yesterday": -1, "today": 0, "tomorrow": 1}[match.group("dw").lower()]
    if base is None:
        return None, True, False
    if base.day is None:
        return base.iso(), True, False
    return (base.date() + timedelta(step)).isoformat(), True, True


def _build_decade(text, match, base, previous):
    return match.group("decade"), False, False


def _build_year(text, match, base, previous):
    year = int(match.group("year"))
    start = match.start("year")
    before = _before(text, start)
    continues = _continues(text, start, previous, _YEAR_KINDS)
    if not match.group("q") and before.endswith(("-", "–", "—")) and not (
            continues or _STRONG_YEAR_CUE.search(before)):
        return None  # "F-1900": a hyphen that is neither a range nor pre-/post-
    strong = bool(match.group("q")) or continues or bool(
        _STRONG_YEAR_CUE.search(before) or _SENTENCE_START.search(before))
    if not strong:
        if _quantity_follows(text, match.end()):
            return None
        if not (1900 <= year <= 2099 or _WEAK_YEAR_CUE.search(before)):
            return None
    return f"{year:04d}", False, True


_BUILDERS = {
    "iso": _build_iso, "full": _build_full, "month_day": _build_month_day,
    "month_year": _build_month_year, "named": _build_named, "month": _build_month,
    "weekday": _build_weekday, "unit": _build_unit, "dayword": _build_dayword,
    "decade": _build_decade, "year": _build_year,
}


# --- context helpers -------------------------------------------------------------------

def _before(text: str, start: int) -> str:
    """The few characters before ``start``: enough for any cue, and a slice of fixed size
    keeps the cost per match constant whatever the paragraph length."""
    return text[max(0, start - _WINDOW):start]


def _continues(text: str, start: int, previous: tuple[str, int] | None, kinds) -> bool:
    """True when the expression at ``start`` continues a range begun by the previous mention
    ("2004-2006", "between May and June")."""
    if previous is None or previous[0] not in kinds or start - previous[1] > 12:
        return False
    return _CONNECTOR.fullmatch(text, previous[1], start) is not None


def _is_surname(text: str, match: re.Match[str]) -> bool:
    """ "May" right after a capitalised word that is no cue is a surname ("Theresa May 2019")."""
    if match.group("month").lower() != "may":
        return False
    found = _CAPITALISED_BEFORE.search(_before(text, match.start()))
    return bool(found) and found.group(1).rstrip(".").lower() not in _NOT_A_NAME


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
    """ISO day, or None when the calendar has no such day (``dates`` keeps its own checker
    private, so the check is done here with ``datetime.date``)."""
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
        if base.month is None:
            return f"{base.year - 1:04d}-{month:02d}", month == 12
        year = base.year if month < base.month else base.year - 1
        return f"{year:04d}-{month:02d}", True
    if rel == "next":
        if base.month is None:
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
    elif rel == "this":
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
    # week
    if base.day is None:
        return base.iso(), False
    return (base.date() + timedelta(7 * step)).isoformat(), False


def _easter(year: int) -> date:
    """Easter Sunday of ``year`` (Gregorian; the anonymous "Meeus/Jones/Butcher" algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (8 * b + 13) // 25
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 (the algorithm's own name)
    m = (a + 11 * h + 19 * l) // 433
    month = (h + l - 7 * m + 90) // 25
    return date(year, month, (h + l - 7 * m + 33 * month + 19) % 32)
