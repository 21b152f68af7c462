"""Dates written in news text, as partial ISO strings ("2020", "2020-01", "2020-01-03").

Owns the month names and the few date shapes newsdesk understands; every other module
asks here rather than parsing dates itself.
"""

from __future__ import annotations

import re

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+"
_YEAR = r"(?P<year>1[89]\d\d|20\d\d)"

# Whole-line date shapes: "2005-05-14", "Friday, July 21, 2017", "21 July 2017", "July 2017".
_DATE_LINE = [
    re.compile(rf"^{_YEAR}-(?P<month>\d\d)-(?P<day>\d\d)$"),
    re.compile(rf"^(?:{_WEEKDAY})?{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}$", re.I),
    re.compile(rf"^(?:{_WEEKDAY})?(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}$", re.I),
    re.compile(rf"^{_MONTH}\s+{_YEAR}$", re.I),
]
# A date inside a "Published ... / Updated ..." line.
_DATE_IN_TEXT = [
    re.compile(rf"\b{_YEAR}-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    re.compile(rf"\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I),
    re.compile(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}\b", re.I),
]


def _iso(match: re.Match[str]) -> str | None:
    year = int(match.group("year"))
    month_text = match.group("month")
    month = int(month_text) if month_text.isdigit() else MONTHS[month_text.casefold()]
    day = match.groupdict().get("day")
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    if not 1 <= int(day) <= _days_in_month(year, month):
        return None
    return f"{year:04d}-{month:02d}-{int(day):02d}"


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def parse_date_line(line: str) -> str | None:
    """The date if the whole line is a date, else None."""
    text = line.strip().rstrip(".")
    for pattern in _DATE_LINE:
        match = pattern.match(text)
        if match:
            return _iso(match)
    return None


def find_date(text: str) -> str | None:
    """The first full date written anywhere in ``text``, else None."""
    for pattern in _DATE_IN_TEXT:
        match = pattern.search(text)
        if match:
            iso = _iso(match)
            if iso:
                return iso
    return None


def precision(iso: str) -> str:
    """'year', 'month' or 'day' for a partial ISO date."""
    return {4: "year", 7: "month", 10: "day"}.get(len(iso), "unknown")


def display(iso: str) -> str:
    """A reader-facing form: "2020", "January 2020", "3 January 2020"."""
    names = MONTH_NAMES
    parts = iso.split("-")
    if len(parts) == 1:
        return parts[0]
    month = names[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    return f"{int(parts[2])} {month} {parts[0]}"
