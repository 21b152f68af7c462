"""Article metadata: headline, kicker, dek, source, authors, dateline, date, summary.

Each value carries where it came from (``records.FROM_TEXT``, ``INFERRED``,
``FROM_SIDECAR``, ``FROM_FRONT_MATTER``, ``GENERATED``). Overrides given by the user
(sidecar, then .md front-matter) always win over what is found in the text.

Pure: a ``Seed`` and its ``Cleaned`` text in, an ``Article`` out.
"""

from __future__ import annotations

import math
import re
from collections import Counter

from .. import clean as cleaning
from .. import outlets
from ..records import (
    FROM_FRONT_MATTER,
    FROM_SIDECAR,
    FROM_TEXT,
    GENERATED,
    INFERRED,
    MISSING,
    Article,
    Cleaned,
    Line,
    Seed,
    Sourced,
)
from ..text import sentences, word_count
from . import dates

READING_WORDS_PER_MINUTE = 230
SUMMARY_MAX_WORDS = 60
GENERATED_TITLE_MAX_WORDS = 16
_HEADER_MAX_LINES = 6
_PARAGRAPH_WORDS = 20

# "BAGHDAD, Iraq — ", "BAGHDAD — ", "WASHINGTON (Reuters) - ", "KABUL, Afghanistan (AP) —"
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’\- ]*[A-Z.])(?P<region>,\s*[A-Z][\w.'’ ]{1,40}?)?"
    r"(?:\s*\((?P<wire>[A-Za-z][\w .&-]{1,40})\))?\s*(?:—|–|--|-)\s+"
)
_BYLINE = re.compile(r"^by\s+(?P<names>[A-Z][\w.'’\- ]+(?:(?:,\s*|\s+and\s+)[A-Z][\w.'’\- ]+)*)$", re.I)
_MORE_BY = re.compile(r"^(?:[•·▪*\-]\s*)?more (?:by|from) (?P<name>[A-Z][\w.'’\- ]{2,60})$", re.I)
_BIO = re.compile(r"^(?:[•·▪*\-]\s*)?(?P<name>[A-Z][A-Z.'’\-]+(?: [A-Z][A-Z.'’\-]+){1,3}) (?:is|was|has been|writes)\b")
_TOLD = re.compile(r"\btold\s+(?P<name>(?:the\s+)?[A-Z][\w'’.&-]*(?:\s+[A-Z][\w'’.&-]*){0,3})")
_TERMINAL_STOP = re.compile(r"""[.;,]["”’']?$""")
_SOURCE_REASONS = {cleaning.PAYWALL, cleaning.FOOTER, cleaning.RECIRCULATION}


def extract(seed: Seed, cleaned: Cleaned) -> Article:
    """Build the ``Article`` for one seed from its cleaned text."""
    header, body = _split_header(list(cleaned.kept))
    roles = {role: line for role, line in header}

    dateline = _dateline(body)
    lead = _lead(body, dateline)

    title = _override(seed, "title") or (
        Sourced(roles["headline"].text, FROM_TEXT) if "headline" in roles else Sourced(_title_from_lead(lead), GENERATED)
    )
    subtitle = _override(seed, "subtitle") or (
        Sourced(roles["dek"].text, FROM_TEXT) if "dek" in roles else Sourced(None, MISSING)
    )
    published = _override(seed, "published") or _published(roles, cleaned)
    authors = _override(seed, "authors", tuple) or _authors(roles, cleaned)
    source = _override(seed, "source") or _source(cleaned, body, dateline)
    dateline_value = _override(seed, "dateline") or (
        Sourced(dateline.group("place").strip(), FROM_TEXT) if dateline else Sourced(None, MISSING)
    )
    url = _override(seed, "url") or Sourced(None, MISSING)
    tags = tuple(seed.sidecar.get("tags") or seed.front_matter.get("tags") or ())

    return Article(
        seed=seed.path,
        sha256=seed.sha256,
        title=title,
        kicker=roles["kicker"].text if "kicker" in roles else None,
        subtitle=subtitle,
        source=source,
        authors=authors,
        dateline=dateline_value,
        published=published,
        url=url,
        tags=tags,
        header=tuple(header),
        body=tuple(body),
        removed=cleaned.removed,
        summary=_summary(lead),
        words=sum(word_count(line.text) for line in body),
        encoding=seed.encoding,
    )


def reading_time(words: int) -> int:
    """Minutes to read ``words`` words, at least one."""
    return max(1, math.ceil(words / READING_WORDS_PER_MINUTE))


def _override(seed: Seed, key: str, kind: type | None = None) -> Sourced | None:
    for mapping, source in ((seed.sidecar, FROM_SIDECAR), (seed.front_matter, FROM_FRONT_MATTER)):
        if key in mapping:
            value = mapping[key]
            return Sourced(kind(value) if kind else value, source)
    return None


# --- the header: kicker, headline, dek, date line, byline ------------------------------


def _headline_shaped(text: str) -> bool:
    words = word_count(text)
    return 2 <= words <= 25 and not _TERMINAL_STOP.search(text) and not _DATELINE.match(text)


def _split_header(kept: list[Line]) -> tuple[list[tuple[str, Line]], list[Line]]:
    """Take the header lines off the top of the kept text: (roles, body lines).

    The header is what stands before the first real paragraph: optionally a kicker (a
    section label of one to three words), a headline, a dek (one sentence under the
    headline), a date line and a byline, in any order a site prints them.
    """
    header: list[tuple[str, Line]] = []
    index = 0
    limit = min(len(kept) - 1, _HEADER_MAX_LINES)  # always leave at least one body line
    while index < limit:
        line = kept[index]
        text = line.text
        taken = {role for role, _ in header}
        nxt = kept[index + 1].text if index + 1 < len(kept) else ""
        if "date" not in taken and dates.parse_date_line(text):
            role = "date"
        elif "byline" not in taken and _BYLINE.match(text) and word_count(text) <= 12:
            role = "byline"
        elif "headline" not in taken and "kicker" not in taken and word_count(text) <= 3 \
                and not _TERMINAL_STOP.search(text) and _headline_shaped(nxt):
            role = "kicker"
        elif "headline" not in taken and _headline_shaped(text) and word_count(text) < _PARAGRAPH_WORDS:
            role = "headline"
        elif "headline" in taken and "dek" not in taken and header[-1][0] == "headline" and _is_dek(text):
            role = "dek"
        else:
            break
        header.append((role, line))
        index += 1
    return header, kept[index:]


def _is_dek(text: str) -> bool:
    return (
        word_count(text) <= 45
        and len(sentences(text)) == 1
        and text.rstrip("”\"’'").endswith(".")
        and not _DATELINE.match(text)
    )


# --- body-derived fields -----------------------------------------------------------------


def _dateline(body: list[Line]) -> re.Match[str] | None:
    if not body:
        return None
    match = _DATELINE.match(body[0].text)
    if match and len(match.group("place")) >= 3 and match.group("place").upper() == match.group("place"):
        return match
    return None


def _lead(body: list[Line], dateline: re.Match[str] | None) -> str:
    for index, line in enumerate(body):
        text = line.text[dateline.end():] if index == 0 and dateline else line.text
        if word_count(text) >= 8:
            return text.strip()
    return body[0].text.strip() if body else ""


def _summary(lead: str) -> str:
    chosen: list[str] = []
    for sentence in sentences(lead):
        if chosen and word_count(" ".join(chosen + [sentence])) > SUMMARY_MAX_WORDS:
            break
        chosen.append(sentence)
    summary = " ".join(chosen)
    if word_count(summary) > SUMMARY_MAX_WORDS:
        summary = " ".join(summary.split()[:SUMMARY_MAX_WORDS]) + " …"
    return summary


def _title_from_lead(lead: str) -> str:
    """A short title from the lead's first sentence: a whole clause if one is short
    enough, else its first words with an ellipsis. Marked as generated by the caller."""
    first = (sentences(lead) or ["Untitled article"])[0].rstrip(".")
    if word_count(first) <= GENERATED_TITLE_MAX_WORDS:
        return first
    words = first.split()
    for end in range(GENERATED_TITLE_MAX_WORDS, 5, -1):
        if words[end - 1].endswith((",", ";", ":")) or (end < len(words) and words[end] in ("—", "–")):
            return " ".join(words[:end]).rstrip(",;:")
    return " ".join(words[:12]).rstrip(",;:") + "…"


def _published(roles: dict[str, Line], cleaned: Cleaned) -> Sourced:
    if "date" in roles:
        return Sourced(dates.parse_date_line(roles["date"].text), FROM_TEXT)
    # "Published June 10, 2014" near the top, removed from the body as a timestamp.
    first_kept = cleaned.kept[0].number if cleaned.kept else 0
    for removed in cleaned.removed:
        if removed.reason == cleaning.TIMESTAMP and removed.number <= first_kept + 6:
            found = dates.find_date(removed.text)
            if found:
                return Sourced(found, FROM_TEXT)
    return Sourced(None, MISSING)


def _name_case(name: str) -> str:
    name = name.strip().rstrip(".")
    return name.title() if name.isupper() else name


def _split_names(names: str) -> tuple[str, ...]:
    parts = re.split(r",\s*(?:and\s+)?|\s+and\s+", names)
    return tuple(_name_case(p) for p in parts if p.strip())


def _authors(roles: dict[str, Line], cleaned: Cleaned) -> Sourced:
    if "byline" in roles:
        match = _BYLINE.match(roles["byline"].text)
        if match:
            return Sourced(_split_names(match.group("names")), FROM_TEXT)
    for removed in cleaned.removed:
        match = _MORE_BY.match(removed.text)
        if match and removed.reason == cleaning.RECIRCULATION:
            return Sourced((_name_case(match.group("name")),), FROM_TEXT)
    # An author's note at the foot: "EMMA SKY is Director of ..."
    for line in reversed(cleaned.kept[-3:]):
        match = _BIO.match(line.text)
        if match:
            return Sourced((_name_case(match.group("name")),), INFERRED)
    return Sourced((), MISSING)


def _source(cleaned: Cleaned, body: list[Line], dateline: re.Match[str] | None) -> Sourced:
    """The publisher: a masthead, a wire credit in the dateline, the publisher's own
    subscription/footer blurbs (all found in the text); else the outlet the article's
    sources "told" most often (inferred: that is who interviewed them)."""
    for removed in cleaned.removed:
        if removed.reason == cleaning.MASTHEAD:
            found = outlets.leading_outlet(removed.text)
            if found:
                return Sourced(found[0].name, FROM_TEXT)
    if dateline and dateline.group("wire"):
        outlet = outlets.lookup(dateline.group("wire"))
        if outlet:
            return Sourced(outlet.name, FROM_TEXT)
    for removed in cleaned.removed:
        if removed.reason in _SOURCE_REASONS:
            named = outlets.find_mentions(removed.text)
            if named:
                return Sourced(named[0].name, FROM_TEXT)
    told: Counter[str] = Counter()
    for line in body:
        for match in _TOLD.finditer(line.text):
            words = match.group("name").split()
            # "told The Daily Beast on Wednesday": try the longest run of words first.
            for end in range(len(words), 0, -1):
                outlet = outlets.lookup(" ".join(words[:end]).rstrip(".,;:"))
                if outlet:
                    told[outlet.name] += 1
                    break
    if told:
        name, _ = max(told.items(), key=lambda item: (item[1], item[0]))
        return Sourced(name, INFERRED)
    return Sourced(None, MISSING)
