"""Per-article entity mentions: which lines are read, and the spellings the text equates.

Recognition runs on the headline, the dek and the body (never on removed boilerplate or
the kicker, so page furniture cannot become an entity). Besides the spans, the text
itself sometimes says two spellings are one thing: a bracketed acronym ("Kataib
Hezbollah (KH)") or "also known as" / "better known by his nom de guerre"; those pairs
are recorded for the link stage to merge.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from importlib import resources

from .. import gazetteer, outlets
from ..records import Article, Line, Mention
from .entities import Backend, Span

_KNOWN_AS = re.compile(
    r"^,?\s*(?:(?:who|which) (?:is|was|are)\s+)?(?:also |better |more commonly |commonly |widely |now |formerly )?"
    r"(?:known|called|referred to) (?:as|by (?:his|her|its|their) (?:nom de guerre|name|alias|initials))[,:]?\s+(?:the\s+)?$"
)
_HEADER_ROLES = ("headline", "dek")


def analysed_lines(article: Article) -> list[Line]:
    """The lines whose text is searched for entities and dates, in seed order."""
    header = [line for role, line in article.header if role in _HEADER_ROLES]
    return header + list(article.body)


def find_mentions(article: Article, backend: Backend) -> tuple[tuple[Mention, ...], tuple[tuple[str, str], ...]]:
    """Mentions and equated spellings of one article (see ``mentions_from_spans``)."""
    lines = analysed_lines(article)
    return mentions_from_spans(lines, backend.find([line.text for line in lines]))


def mentions_from_spans(lines: list[Line], spans_per_line: list[list[Span]]) -> tuple[tuple[Mention, ...], tuple[tuple[str, str], ...]]:
    """Turn a recogniser's spans for ``lines`` into mentions, repaired and completed
    the same way whichever backend found them, plus the spellings the text equates."""
    mentions: list[Mention] = []
    pairs: list[tuple[str, str]] = []
    texts = [line.text for line in lines]
    repaired_lines = _drop_demonyms_used_alone(
        texts, [_repair(text, [(s.start, s.end, s.kind) for s in spans]) for text, spans in zip(texts, spans_per_line)])
    for line, text, repaired in zip(lines, texts, repaired_lines):
        repaired, acronyms = _bracketed_acronyms(text, repaired)
        line_mentions = [Mention(line.number, a, b, text[a:b], kind) for a, b, kind in repaired]
        mentions += line_mentions
        pairs += acronyms + _known_as(text, line_mentions)
    return tuple(mentions), tuple(dict.fromkeys(pairs))


# Words that are a title or a generic word, never a name on their own ("Brig.", "Defense").
_NOT_ALONE = frozenset(
    "mr mrs ms dr gen maj brig lt col capt sgt adm gov sen rep president minister secretary general "
    "defense defence state foreign interior the a an".split()
)
_LEADING_ARTICLE = re.compile(r"(?:a|an|the|A|An|The)\s+")  # used with match(text, pos)
# "pro-Beijing Paul Tse", "Pan-democrat Lam Cheuk-ting": a descriptor, not part of the name.
# "President Elect Evo Morales": "Elect" ends the title.
_LEADING_DESCRIPTOR = re.compile(r"(?:(?:[Pp]ro|[Aa]nti|[Pp]an|[Nn]on)-[\w]+|Elect)\s+(?=[A-Z])")
_TRAILING_CREDIT = re.compile(r"\s+(?:Image|Photo|Video|Credit|Source)$")
_HYPHEN_TAIL = re.compile(r"-[a-z]+\b")
_INNER_POSSESSIVE = re.compile(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*['’]s\s+(?=[A-Z])")
_HYPHEN_PAIR = re.compile(r"^([A-Z][\w.]*)-([A-Z][\w.]*)$")


# Words after a name that make it a place ("the Turabil crossing", "the K1 military base").
_PLACE_AFTER = re.compile(r"\s+(?:military |air |naval |army |border )?(?:crossing|base|airport|province|region|"
                          r"district|city|town|village|border|river|valley|square|bridge|port|airbase|governorate|area)\b")
# A name ending in one of these words is a place (a building or named area).
_PLACE_TAIL = re.compile(r"\b(?:Palace|Airport|Square|Bridge|Stadium|Mosque|Zone|River|Base|Prison|Valley|"
                         r"Mountains?|Sea|Ocean|Gulf|Island|Islands|Street|Avenue|Park|Province|County)$")
# Words before a name that make it an organisation ("the leader of Asaib Ahl al-Haq").
_ORG_BEFORE = re.compile(r"\b(?:leader|leaders|head|chief|commander|member|members|spokesman|spokeswoman|"
                         r"founder|fighters|militiamen|wing) of (?:the )?$", re.I)
# Words after a name that make it a person (", the leader of ...", " said").
_PERSON_AFTER = re.compile(r"(?:,\s+(?:the |a |an )?(?:leader|head|chief|commander|deputy|spokesman|spokeswoman|"
                           r"founder|director|minister|president)\b| said\b| says\b| told\b)")
# Names of documents and agreements are not people, organisations or places.
_NOT_AN_ENTITY_TAIL = re.compile(r"\b(?:Agreement|Treaty|Accord|Accords|Act|Resolution|Doctrine|Plan|Initiative)$")
# Nor are events and prizes ("Iraq War", "Beijing Olympics", "G8 Summit", "Nobel Peace
# Prize"), unless a small word makes the last word part of an organisation's name
# ("Commission on Elections", "Medical Association for Prevention of War"). Words that
# are also surnames or end organisations' names ("Day", "Forum", "Conference", "Fair")
# are not here.
_EVENT_WORDS = frozenset(
    "War Wars Genocide Massacre Olympics Paralympics Games Summit Election Elections Award Awards "
    "Prize Festival Crisis Cup Championship Championships Bowl Marathon".split()
)
_ORGANISATION_CONNECTORS = frozenset("of for on the and".split())
_ROLE_WORDS = frozenset(
    "commanding general coordinator governorate director deputy secretary minister chief commander officer "
    "adviser advisor political senior fellow program president vice prime of the for and".split()
)


def _names_an_event(words: list[str]) -> bool:
    return words[-1] in _EVENT_WORDS and _ORGANISATION_CONNECTORS.isdisjoint(words)


def _repair(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Backend-independent fixes of span edges and kinds, from the words around them:
    no leading article, "Yale's" not glued to "Jackson Institute", "U.S.-Iran"
    as two places, job titles, treaty and event names dropped, and cue words deciding the kind
    ("the Turabil crossing" is a place, "the leader of X" an organisation)."""
    out = []
    for start, end, kind in spans:
        lead = _LEADING_ARTICLE.match(text, start, end) or _LEADING_DESCRIPTOR.match(text, start, end)
        if lead:
            start = lead.end()
        credit = _TRAILING_CREDIT.search(text, start, end)
        if credit and text.startswith(":", end):
            end = credit.start()  # "Ahmed Mohamed Image: ..." (a caption credit glued on)
        tail = _HYPHEN_TAIL.match(text, end)
        if tail and kind == "person":
            end = tail.end()  # "Wong Kwok-kin": the model stopped at the hyphen (but "US-led" is not a name)
        inner = _INNER_POSSESSIVE.match(text[start:end])
        if inner and kind == "organization":
            start += inner.end()
        pair = _HYPHEN_PAIR.match(text[start:end])
        if pair and kind == "place":
            middle = start + len(pair.group(1))
            out += [(start, middle, kind), (middle + 1, end, kind)]
            continue
        surface = text[start:end].strip(".")
        words = surface.split()
        if (end - start < 2 or surface.casefold() in _NOT_ALONE or not any(c.isupper() for c in surface)
                or surface in _demonyms() or _NOT_AN_ENTITY_TAIL.search(surface) or _names_an_event(words)
                or all(w.casefold() in _ROLE_WORDS for w in words)):
            continue
        kind = _kind_from_context(text, start, end, kind)
        out.append((start, end, kind))
    return _join_split_names(text, _add_outlets(text, out))


def _drop_demonyms_used_alone(texts: list[str], spans_per_line: list[list[tuple[int, int, str]]]) -> list[list[tuple[int, int, str]]]:
    """An organisation's leading demonym goes only where the article also writes the rest
    as a name of its own: "Iranian Quds Force" with "the Quds Force" elsewhere is the Quds
    Force, but "American Enterprise Institute" and "Australian Medical Association" keep
    theirs. Done for the whole article, whichever backend found the spans: dropping it
    everywhere made one "Medical Association" of the American and the Australian ones.
    (The rules backend applies the same rule to its own spans, so that its output stands
    alone; on that output this pass repeats it.)"""
    surfaces = {text[start:end] for text, spans in zip(texts, spans_per_line) for start, end, _ in spans}
    out = []
    for text, spans in zip(texts, spans_per_line):
        kept = []
        for start, end, kind in spans:
            demonym = _leading_demonym(text[start:end]) if kind == "organization" else 0
            if demonym and text[start + demonym:end] in surfaces:
                start += demonym
            kept.append((start, end, kind))
        out.append(kept)
    return out


def _join_split_names(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """"Jamal" + "Jaafar Ibrahimi" separated by one space: one person's name, cut in two."""
    out: list[tuple[int, int, str]] = []
    for span in sorted(spans):
        if out and "person" in (out[-1][2], span[2]) and text[out[-1][1]:span[0]] == " " \
                and (len(text[out[-1][0]:out[-1][1]].split()) == 1 or len(text[span[0]:span[1]].split()) == 1):
            out[-1] = (out[-1][0], span[1], "person")
        else:
            out.append(span)
    return out


def _add_outlets(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Publishers from the gazetteer that the recogniser missed ("Foreign Policy's Gordon
    Lubold") or read as shorter names ("USA Today" as the place "USA"): an outlet's name
    replaces the spans inside it, and is not added where a span runs across its edge.

    Spans are sorted by start; ``reach[i]`` is the furthest end of the first i + 1, so a
    span from before an outlet running into it is found without a scan. Outlet names
    never overlap one another, so each span is looked at for one outlet at most."""
    found = outlets.find_spans(text)
    by_start = sorted(spans)
    if not found:  # most lines
        return by_start
    starts = [start for start, _, _ in by_start]
    reach = list(itertools.accumulate((end for _, end, _ in by_start), max))
    replaced: set[int] = set()
    added = []
    for start, end in found:
        first, after = bisect.bisect_left(starts, start), bisect.bisect_left(starts, end)
        if first and reach[first - 1] > start or any(by_start[i][1] > end for i in range(first, after)):
            continue
        replaced.update(range(first, after))
        added.append((start, end, "organization"))
    return sorted([span for i, span in enumerate(by_start) if i not in replaced] + added)


def _kind_from_context(text: str, start: int, end: int, kind: str) -> str:
    if kind == "organization" and " " not in text[start:end] and text.startswith(" administration", end):
        return "person"  # "the Trump administration": a president, not an organisation
    if _PLACE_AFTER.match(text, end) or _PLACE_TAIL.search(text[start:end]):
        return "place"
    if _ORG_BEFORE.search(text, max(0, start - 40), start):
        return "organization"
    if kind == "place" and _PERSON_AFTER.match(text, end):
        # "Meehan said": a person. But "Baghdad said" is a city standing for its government.
        if len(text[start:end].split()) >= 2 or not gazetteer.is_place(text[start:end]):
            return "person"
    return kind


@functools.cache
def _demonyms() -> frozenset[str]:
    text = resources.files("newsdesk").joinpath("data/demonyms.txt").read_text("utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


def _leading_demonym(surface: str) -> int:
    """Length to skip if an organisation's span starts with a demonym ("Iranian Quds
    Force"), keeping names that need it ("European Union": one word would remain)."""
    words = surface.split(" ")
    for n in (2, 1):
        if len(words) > n + 1 and " ".join(words[:n]) in _demonyms():
            return len(" ".join(words[:n])) + 1
    return 0


_SKIP_IN_INITIALS = frozenset({"of", "and", "the", "for", "in", "on", "at", "to", "al", "de", "&"})
# A long form has one word per capital of its acronym and at most this many small words
# (``_SKIP_IN_INITIALS``) per capital: "Government of the Republic of the Philippines
# (GRP)" walks 7 words for 3 capitals, the longest in the seeds, GUM and Wikinews 10 for 5.
_SMALL_WORDS_PER_CAPITAL = 2
_ACRONYM_ANYWHERE = re.compile(r"\((?P<acronym>[A-Z][A-Za-z&.\-]{1,9})\)")


def _bracketed_acronyms(text: str, spans: list[tuple[int, int, str]]):
    """"Islamic State of Iraq and the Sham (ISIS)": the words before the bracket whose
    initials spell the acronym are the long form; it becomes one mention (replacing the
    pieces a recogniser may have found inside it) and the pair is recorded.

    Linear in the length of the line and the number of spans, however many brackets it
    holds: each long form is found by a bounded walk back from its bracket, which cannot
    pass the closing bracket of the previous acronym, so the long forms come in text
    order and never overlap, and each span is compared with one of them at most once."""
    pairs: list[tuple[str, str]] = []
    by_start = sorted(range(len(spans)), key=lambda i: spans[i][0])
    starts = {s[0] for s in spans}
    following = 0  # next span (in start order) not yet compared with a long form
    removed: set[int] = set()
    added: list[tuple[int, int, str]] = []
    for match in _ACRONYM_ANYWHERE.finditer(text):
        acronym = match.group("acronym")
        letters = [c for c in acronym if c.isupper()]
        if len(letters) < 2:
            continue
        long_start = _long_form_start(text, match.start(), "".join(letters))
        if long_start is None:
            continue
        long_end = _skip_space_back(text, match.start())
        # Spans overlapping the long form: every span starting before its end that is not
        # over yet. One ending at or before its start also ends before every later long form.
        near = []
        while following < len(by_start) and spans[by_start[following]][0] < long_end:
            near.append(by_start[following])
            following += 1
        overlapping = sorted(i for i in near if spans[i][1] > long_start)  # in the order given
        removed.update(overlapping)
        inside = [spans[i] for i in overlapping]
        kind = max((s[2] for s in inside), key=[s[2] for s in inside].count) if inside else "organization"
        if kind == "place" and len(letters) > 2:
            kind = "organization"  # a long name with an acronym is rarely a place
        added.append((long_start, long_end, kind))
        if match.start("acronym") not in starts:  # (no span added so far can start there)
            added.append((match.start("acronym"), match.end("acronym"), kind))
        pairs.append((text[long_start:long_end], acronym))
    return sorted([s for i, s in enumerate(spans) if i not in removed] + added), pairs


def _long_form_start(text: str, bracket: int, letters: str) -> int | None:
    """Walk back word by word from the bracket, matching initials right to left; at most
    ``_SMALL_WORDS_PER_CAPITAL`` small words per capital."""
    position = bracket
    needed = list(letters)
    small_words_left = _SMALL_WORDS_PER_CAPITAL * len(letters)
    start = None
    while needed:
        word = _word_before(text, position)
        if word is None:
            return None
        word_start, word_end = word
        first = text[word_start]
        if text[word_start:word_end].casefold() in _SKIP_IN_INITIALS:
            small_words_left -= 1
            if small_words_left < 0:
                return None
            position = word_start
            continue
        if not first.isupper() or first != needed[-1]:
            return None
        needed.pop()
        start = word_start
        position = word_start
    return start


def _is_word_char(char: str) -> bool:
    return char.isalnum() or char in "_’'.-"  # the regular expression class [\w’'.-]


def _skip_space_back(text: str, position: int) -> int:
    while position > 0 and text[position - 1].isspace():
        position -= 1
    return position


def _word_before(text: str, position: int) -> tuple[int, int] | None:
    """(start, end) of the word that ends ``text[:position]``, after any spaces, or None
    when something other than a space or a word comes first. Reads only that word."""
    end = _skip_space_back(text, position)
    start = end
    while start > 0 and _is_word_char(text[start - 1]):
        start -= 1
    return (start, end) if start < end else None


def _known_as(text: str, mentions: list[Mention]) -> list[tuple[str, str]]:
    pairs = []
    for index, mention in enumerate(mentions):
        if index + 1 < len(mentions):
            following = mentions[index + 1]
            if _KNOWN_AS.match(text[mention.end:following.start]):
                pairs.append((mention.surface, following.surface))
    return pairs
