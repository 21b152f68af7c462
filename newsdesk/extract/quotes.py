"""Direct quotations in one article, and who said them.

Pure and per article: ``find_quotes(lines, mentions)`` takes the analysed lines (headline,
dek, body; one paragraph per line) and the recogniser's mentions of those lines, and
returns one ``Quote`` per direct quotation, in reading order.

What counts as a direct quotation
---------------------------------
Words inside double quote marks (curly “…” or straight "…"; single ‘…’ only nested inside
double ones, where they stay part of the text) that

- have at least three words when the quotation starts its own sentence (“The game has
  changed,” he said / X said: “We are …”), and at least four words when it is a fragment
  woven into the reporter's sentence (X said the attack had “left them holding the
  bag”). Shorter fragments - “bitter”, a “crushing” response, “crisis of trust” - are
  scare quotes or labels, and are skipped even when a verb of saying is near: the choice
  is deliberate, the gold annotations (``tests/gold/quotes/``) follow it;
- are not a title (every word capitalised: a website, a robot, a book);
- are attributed: a verb of saying (said, told, added, wrote, according to, ... see
  ``_VERB``) with a speaker next to the quotation or earlier in its sentence; or, for a
  quotation that starts its sentence, the speaker of the quotation or the sentence of
  saying just before it (“…,” he said. “Second quote.”; a paragraph that is only a
  quotation after “…,” said X or after “X tweeted:”). Anything else is not reported.

A quotation left open at the end of a paragraph continues into the next paragraph when
that one opens with a quote mark (the newspaper convention), or when its first quote mark
closes (a paragraph break inside a quotation): the parts are one ``Quote`` whose ``text``
joins them with a space, located at its first part.

Speakers
--------
``speaker`` is the phrase as written, located by ``speaker_line/start/end``; a named
speaker is the recogniser's mention at that place (person first, then organisation),
else the capitalised name next to the verb. Unnamed sources ("a senior U.S. official",
"one Western diplomat", "officials", "the source") are ``anonymous`` and are never given
a name: "the official" / "the second official" resolve to the most recent earlier
indefinite description with that head noun (and the same modifiers when there is one),
and stay anonymous. Pronouns resolve to an earlier phrase, and ``speaker`` and its span
are then those of that phrase: he/she to the most recent person who is the subject of a
sentence or a speaker before the quotation, it to the most recent named organisation
speaker, they to the most recent plural unnamed source. An unresolved pronoun gives
``speaker=None``.

The text is never searched with patterns that can backtrack badly: quote marks are found
one character at a time, and every search for a speaker looks at a bounded window.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterable, NamedTuple, Sequence

from ..records import Line, Mention, QuoteRef

__all__ = ["Quote", "find_quotes"]


# One record for a quotation, here and in the analysis cache (``records.QuoteRef``).
Quote = QuoteRef


# --- quote marks ---------------------------------------------------------------------------

_MARK = re.compile('[“”"]')
_OPEN, _CLOSE, _EITHER = 1, 2, 3
_OPENERS_BEFORE = "([{—–-/"


def _orientation(text: str, i: int) -> int:
    """Whether the mark at ``i`` opens or closes a quotation, from the characters around
    it first (a straight mark has no shape, and curly ones are sometimes typed the wrong
    way round), then from its shape."""
    prev = text[i - 1] if i else " "
    nxt = text[i + 1] if i + 1 < len(text) else " "
    if (prev.isspace() or prev in _OPENERS_BEFORE) and not nxt.isspace():
        return _OPEN
    if not prev.isspace() and (nxt.isspace() or nxt in ".,;:!?)]}—–-…'’"):
        return _CLOSE
    ch = text[i]
    return _OPEN if ch == "“" else _CLOSE if ch == "”" else _EITHER


@dataclass
class _Chain:
    """A quotation: its parts, one per paragraph (line index, start, end of the text)."""

    parts: list[tuple[int, int, int]]
    open_at: int  # index of the opening mark in the first line (-1: none)
    closed_at: int = -1  # index of the closing mark in the last line (-1: none)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    if start < end and not text[start].isspace() and not text[end - 1].isspace():
        return start, end
    piece = text[start:end]
    stripped = piece.strip()
    if not stripped:
        return start, start
    start += len(piece) - len(piece.lstrip())
    return start, start + len(stripped)


def _chains(texts: Sequence[str]) -> list[_Chain]:
    """Quotations in reading order, with the paragraph rules of the module docstring."""
    chains: list[_Chain] = []
    carried: _Chain | None = None  # a quotation left open at the end of the previous line
    for li, text in enumerate(texts):
        marks = [(m.start(), _orientation(text, m.start())) for m in _MARK.finditer(text)]
        lead = len(text) - len(text.lstrip())
        chain: _Chain | None = None
        start = -1
        k = 0
        if carried is not None and marks:
            first, orient = marks[0]
            if first == lead and orient != _CLOSE:
                chain, start, k = carried, first + 1, 1  # the paragraph opens with a quote mark
            elif orient == _CLOSE:
                a, b = _strip(text, lead, first)  # a paragraph break inside the quotation
                if b > a:
                    carried.parts.append((li, a, b))
                    carried.closed_at = first
                k = 1
        carried = None
        while k < len(marks):
            i, orient = marks[k]
            if chain is None:
                if orient == _CLOSE:
                    following = marks[k + 1][1] if k + 1 < len(marks) else None
                    if following not in (_CLOSE, _EITHER):
                        k += 1  # a stray closing mark
                        continue
                    # 'said," Words".': a mark typed the wrong way round opens the quotation
                chain, start = _Chain([], i), i + 1
                chains.append(chain)
            else:
                a, b = _strip(text, start, i)
                if b > a:
                    chain.parts.append((li, a, b))
                if orient == _OPEN:  # the previous quotation was never closed
                    if not chain.parts and chains and chains[-1] is chain:
                        chains.pop()
                    chain, start = _Chain([], i), i + 1
                    chains.append(chain)
                else:
                    chain.closed_at = i
                    if not chain.parts and chains and chains[-1] is chain:
                        chains.pop()
                    chain = None
            k += 1
        if chain is not None:
            a, b = _strip(text, start, len(text))
            if b > a:
                chain.parts.append((li, a, b))
                carried = chain
            elif not chain.parts and chains and chains[-1] is chain:
                chains.pop()
    return [c for c in chains if c.parts]


def _masked(text: str, spans: Iterable[tuple[int, int]]) -> str:
    """``text`` with quoted words replaced by "x" (same length), keeping a final . ! ? so
    that sentences still end where a quotation ends one."""
    pieces, position = [], 0
    for a, b in spans:
        pieces.append(text[position:a])
        keep = 1 if text[b - 1] in ".!?…" else 0
        pieces.append("x" * (b - a - keep) + text[b - keep:b])
        position = b
    pieces.append(text[position:])
    return "".join(pieces)


# --- sentences -----------------------------------------------------------------------------

_BOUNDARY = re.compile(r"""[.!?…][”"’')\]]*\s+(?=[“"‘'(\[]?[A-Z0-9])""")
_LAST_TOKEN = re.compile(r"([\w.’'-]+)$")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof gen lt col maj brig capt cmdr adm sgt cpl pvt gov sen rep rev st sr jr no vs etc "
    "inc ltd co corp jan feb mar apr aug sept sep oct nov dec u.s u.k u.n e.g i.e a.m p.m ft mt gens "
    "sens reps hon pres supt dept univ approx est fig".split()
)


def _sentence_starts(masked: str) -> list[int]:
    """Offsets where sentences start (the first is 0). Quoted words are masked, so a
    quotation of several sentences is one stretch of its enclosing sentence."""
    starts = [0]
    for match in _BOUNDARY.finditer(masked):
        dot = match.start()
        if masked[dot] == ".":
            token = _LAST_TOKEN.search(masked, max(0, dot - 20), dot)
            word = token.group(1).lstrip(".").casefold() if token else ""
            if (len(word) == 1 and word.isalpha()) or word in _ABBREVIATIONS:
                continue
        starts.append(match.end())
    return starts


# --- words ---------------------------------------------------------------------------------

_SAY = (
    "said says say saying told tells telling added adds adding wrote writes writing stated states stating "
    "asked asks replied replies continued continues explained explains noted notes warned warns insisted "
    "insists declared declares announced announces commented comments argued argues concluded concludes "
    "observed observes acknowledged acknowledges admitted admits recalled recalls reported reports reporting "
    "tweeted tweets posted asserted asserts claimed claims accused accuses called described describes "
    "characterized characterised characterizes characterises dubbed reasoned urged urges vowed vows remarked "
    "responded responds predicted conceded confirmed stressed stresses emphasized emphasised suggested "
    "cautioned complained quipped joked boasted testified reads citing cited"
).split()


def _alternation(words: Iterable[str], both_cases: bool = False) -> str:
    """A regex alternation of ``words`` grouped by first letter (much faster to scan than
    a flat or case-insensitive alternation; longest first within a group)."""
    groups: dict[str, list[str]] = {}
    for word in words:
        firsts = {word[0].lower(), word[0].upper()} if both_cases else {word[0]}
        for first in firsts:
            groups.setdefault(first, []).append(re.escape(word[1:]))
    return "|".join(
        re.escape(first) + "(?:" + "|".join(sorted(set(tails), key=len, reverse=True)) + ")"
        for first, tails in sorted(groups.items())
    )


_VERB = re.compile(r"(?<![\w-])(?:" + _alternation(
    ["According to", "according to", "In the words of", "in the words of", "issued a statement", "pointed out",
     "call for", "calls for", "called for", *_SAY]) + r")\b")
_INVERTED_VERBS = ("according to", "in the words of")
_VERB_AT_END = re.compile(r"\b(?:" + _alternation(_SAY) + r")$")
_ADVERBS = frozenset(
    "also then later did does do has have had was is were are would will could further again previously earlier "
    "repeatedly reportedly once separately subsequently recently quickly simply just still only first finally "
    "initially publicly privately bluntly flatly angrily".split()
)
_PRONOUNS = {"he": "person", "she": "person", "it": "it", "they": "they"}
_PRONOUN_BEFORE = re.compile(r"\b([Hh]e|[Ss]he|[Ii]t|[Tt]hey)((?:\s+[a-z]+){0,3}?)\s*,?\s*$")
_PREPOSITIONS = frozenset(
    "of to for with by from at in on about against toward towards into onto after before like including than "
    "between among over under via per upon without within through behind beside near despite unlike whom".split()
)
_DETERMINERS = frozenset("the a an this that these those his her its their our my your every each".split())
_OBJECT_VERBS = frozenset("send meet met thank thanked told tell asked ask urge urged call called named".split())
_HEADS = {
    h: h for h in (
        "official diplomat source spokesman spokeswoman spokesperson aide adviser advisor analyst officer expert "
        "observer witness resident employee staffer insider lawmaker negotiator investigator commander poster "
        "blogger author researcher member representative delegate activist worker soldier"
    ).split()
}
_HEADS.update({h + ("es" if h.endswith("ss") else "s"): h for h in list(_HEADS)})
_HEADS.update({"spokesmen": "spokesman", "spokeswomen": "spokeswoman", "spokespeople": "spokesperson"})
_HEAD = re.compile(r"\b(?:" + _alternation(_HEADS, both_cases=True) + r")\b")
_INDEFINITE = frozenset("a an one another two three four five six several some many other few".split())
_DEFINITE = frozenset({"the"})
_NOT_MODIFIERS = _PREPOSITIONS - {"of"} | frozenset(
    "and but or nor that which who whom when while as if because said says told added wrote he she it they "
    "we i you his her its their our this these those".split()
)
_ALNUM = re.compile(r"[^\W_]")
_WORD = re.compile(r"[\w.’'-]+")
_FUNCTION_WORDS = frozenset("a an the of and or for to in on at by with from vs vs. de la le".split())
_TITLE_WORD = re.compile(r"[A-Z0-9\[(#@]")
_NAME_BEFORE = re.compile(r"((?:[A-Z][\w’'.-]*\s+(?:(?:al|el|de|bin|van|von|da)[- ]\s*)?){0,3}[A-Z][\w’'.-]*)\s*,?\s*$")
_NAME_AFTER = re.compile(r"\s*((?:[A-Z][\w’'.-]*)(?:\s+(?:(?:al|el|de|bin|van|von|da)[- ])?[A-Z][\w’'.-]*){0,3})")
_NOT_NAMES = frozenset(
    "The A An One But And Or So Then This That These Those It He She They We I You There Here When While As If "
    "In On At For Of By With From After Before Now Yet Still Also Meanwhile However Earlier Later Today "
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December".split()
)
_DASH_NAME = re.compile(r"\s*[-–—]\s*")
_WINDOW = 300  # characters searched before a quotation for its attribution
_AFTER = 200  # ... and after it


class _Speaker(NamedTuple):
    text: str | None
    li: int | None
    start: int | None
    end: int | None
    kind: str  # person, organization, name, anonymous, pronoun
    verb: str | None = None
    definite: bool = False
    head: str = ""  # of an unnamed source, singular: "official"
    plural: bool = False  # an unnamed source in the plural ("officials")
    pronoun: str = ""  # what a pronoun stands for: person (he, she), it, they


def _words(text: str, enough: int = 1 << 30) -> int:
    """Words with a letter or digit in ``text`` (counting stops at ``enough``)."""
    count = 0
    for word in text.split(maxsplit=enough + 8) if enough < 1 << 30 else text.split():
        if word.isalnum() or _ALNUM.search(word):
            count += 1
            if count >= enough:
                break
    return count


def _is_title(text: str) -> bool:
    """Every word capitalised (function words aside), no sentence punctuation: a name."""
    if len(text) > 150:
        return False
    words = text.strip(" ,").split()
    if not words or len(words) > 8 or any(c in text.strip(" ,") for c in ".!?;:"):
        return False
    return all(_TITLE_WORD.match(w) or w.casefold() in _FUNCTION_WORDS for w in words)


def _starts_sentence_like(text: str) -> bool:
    body = text.lstrip(".…[( ")
    return bool(body) and (body[0].isupper() or body[0].isdigit())


# --- the article ---------------------------------------------------------------------------


class _Article:
    """Per-article indexes: masked texts, sentences, mentions by line, quotation spans."""

    def __init__(self, lines: Sequence[Line], mentions: Sequence[Mention]) -> None:
        self.lines = list(lines)
        self.texts = [line.text for line in self.lines]
        self.chains = _chains(self.texts)
        spans: list[list[tuple[int, int]]] = [[] for _ in self.lines]
        for chain in self.chains:
            for li, a, b in chain.parts:
                spans[li].append((a, b))
        self.quoted = [sorted(s) for s in spans]
        self.quoted_starts = [[a for a, _ in s] for s in self.quoted]
        self.masked = [_masked(t, s) for t, s in zip(self.texts, self.quoted)]
        self.sentences = [_sentence_starts(m) for m in self.masked]
        index = {line.number: li for li, line in enumerate(self.lines)}
        by_line: list[list[Mention]] = [[] for _ in self.lines]
        for mention in mentions:
            li = index.get(mention.line)
            if li is not None and 0 <= mention.start < mention.end <= len(self.texts[li]):
                by_line[li].append(mention)
        self.mentions = [sorted(ms, key=lambda m: (m.start, m.end)) for ms in by_line]
        self.mention_starts = [[m.start for m in ms] for ms in self.mentions]
        self.persons = _Timeline()  # antecedents of he/she: subjects, speakers
        self.organizations = _Timeline()  # antecedents of "it": named organisation speakers
        self.unnamed: dict[str, _Timeline] = {}  # indefinite unnamed sources by head noun ("the official")
        self.plural = _Timeline()  # plural unnamed sources (antecedents of "they")
        self._collect_antecedents()

    # -- lookups --

    def in_quote(self, li: int, position: int) -> bool:
        k = bisect.bisect_right(self.quoted_starts[li], position) - 1
        return k >= 0 and self.quoted[li][k][0] <= position < self.quoted[li][k][1]

    def sentence_start(self, li: int, position: int) -> int:
        starts = self.sentences[li]
        return starts[bisect.bisect_right(starts, position) - 1]

    def sentence_end(self, li: int, position: int) -> int:
        starts = self.sentences[li]
        k = bisect.bisect_right(starts, position)
        return starts[k] if k < len(starts) else len(self.texts[li])

    def mentions_in(self, li: int, a: int, b: int) -> list[Mention]:
        ms = self.mentions[li]
        k = bisect.bisect_left(self.mention_starts[li], a)
        out = []
        while k < len(ms) and ms[k].start < b:
            if ms[k].end <= b and not self.in_quote(li, ms[k].start):
                out.append(ms[k])
            k += 1
        return out

    def mention_over(self, li: int, a: int, b: int) -> Mention | None:
        for m in self.mentions_in(li, max(0, a - 60), b + 1):
            if m.start < b and m.end > a and m.kind != "place":
                return m
        return None

    # -- candidates --

    def is_subject(self, li: int, floor: int, start: int) -> bool:
        """A name at ``start`` is not the object of a preposition or a verb: only
        capitalised title words, determiners and role nouns stand between it and the
        start of its clause ("Defense Secretary X", "team member X", "Iran's leader, X")."""
        masked = self.masked[li]
        floor = max(floor, start - 200)
        cut = max(masked.rfind(",", floor, start), masked.rfind(";", floor, start), masked.rfind("(", floor, start), floor - 1)
        words = _WORD.findall(masked, cut + 1, start) if cut + 1 < start else []
        words = words[-12:]
        i = len(words)
        while i and (words[i - 1][:1].isupper() or words[i - 1] in ("of", "the", "and", "for", "a", "an")
                     or words[i - 1].endswith(("'s", "’s"))):
            i -= 1
        if not i:
            return True
        word = words[i - 1].casefold()
        if word in _PREPOSITIONS:
            return False
        if i >= 2 and words[i - 2].casefold() in _DETERMINERS:
            return True  # "after the meeting Wren said": a noun, not a verb taking an object
        return not (word in _OBJECT_VERBS or word.endswith(("ing", "ed")))

    def descriptions(self, li: int, a: int, b: int) -> list[_Speaker]:
        """Unnamed sources in ``[a, b)``: "a senior U.S. official", "Officials", "the source"."""
        masked = self.masked[li]
        out = []
        for match in _HEAD.finditer(masked, a, b):
            if self.in_quote(li, match.start()):
                continue
            head = match.group(0)
            word_matches = list(_WORD.finditer(masked, max(a, match.start() - 90), match.start()))
            floor = max(a, match.start() - 90)
            cut = max(masked.rfind(",", floor, match.start()), masked.rfind(";", floor, match.start()))
            words = [w for w in word_matches if w.start() > cut][-7:]
            start, det = match.start(), None
            for w in reversed(words):
                token = w.group(0)
                low = token.casefold()
                if low in _INDEFINITE or low in _DEFINITE:
                    start, det = w.start(), low
                    break
                if low in _NOT_MODIFIERS:
                    break
                start = w.start()
            if det is None:
                # no determiner: only a plural ("officials", "Senior officials")
                if _HEADS[head.casefold()] == head.casefold():
                    continue
                if start < match.start() and not masked[start].isupper():
                    start = match.start()
            singular = _HEADS[head.casefold()]
            out.append(_Speaker(self.texts[li][start:match.end()], li, start, match.end(), "anonymous",
                                definite=det in _DEFINITE, head=singular, plural=singular != head.casefold()))
        return out

    def named_in(self, li: int, a: int, b: int, floor: int) -> tuple[_Speaker | None, _Speaker | None]:
        """The first person and the first organisation in ``[a, b)`` that can be a subject."""
        person = org = None
        for m in self.mentions_in(li, a, b):
            if m.kind == "place" or not self.is_subject(li, floor, m.start):
                continue
            speaker = _Speaker(m.surface, li, m.start, m.end, m.kind)
            if m.kind == "person" and person is None:
                person = speaker
            elif m.kind == "organization" and org is None:
                org = speaker
        return person, org

    def subject_before(self, li: int, a: int, verb_start: int) -> _Speaker | None:
        """The speaker of a verb of saying at ``verb_start`` whose subject is in ``[a, verb_start)``."""
        masked = self.masked[li]
        segment = masked[a:verb_start]
        pronoun = _PRONOUN_BEFORE.search(segment)
        if pronoun and all(w in _ADVERBS for w in pronoun.group(2).split()):
            p = a + pronoun.start(1)
            return _Speaker(pronoun.group(1), li, p, p + len(pronoun.group(1)), "pronoun",
                            pronoun=_PRONOUNS[pronoun.group(1).casefold()])
        # A person or unnamed source right before the verb is its subject ("Boswell stating",
        # "with one poster writing"), unless it is the object of a preposition ("seen by X says").
        # (Not an organisation: "X of The Globe and Mail said" is X speaking.)
        end = _before_adverbs(masked, a, verb_start)
        verb = _WORD.match(masked, verb_start)
        participle = bool(verb) and verb.group(0).endswith("ing")  # type: ignore[union-attr]
        for m in reversed(self.mentions_in(li, max(a, end - 80), end)):
            if m.end == end and m.kind == "person" and (participle or self.is_subject(li, a, m.start)):
                return _Speaker(m.surface, li, m.start, m.end, m.kind)
        for d in self.descriptions(li, a, end):
            if d.end == end and (participle or d.start == a or self.is_subject(li, a, d.start)):
                return d
        bare = _NAME_BEFORE.search(masked, max(a, end - 80), end)
        if bare and bare.group(1).split()[0] not in _NOT_NAMES \
                and not any(m.start < bare.end(1) and m.end > bare.start(1) for m in self.mentions_in(li, max(a, bare.start(1) - 80), end)) \
                and (participle or self.is_subject(li, a, bare.start(1))):
            return self._name(li, bare.start(1), bare.end(1))  # a name the recogniser missed
        person, org = self.named_in(li, a, verb_start, a)
        if person:
            return person
        for d in self.descriptions(li, a, verb_start):
            if self.is_subject(li, a, d.start) or d.start == a:
                return self._extend(d, verb_start)
        if org:
            return org
        tail = max(0, len(segment) - 80)
        name = _NAME_BEFORE.search(segment, tail)
        if name and name.group(1).split()[0] not in _NOT_NAMES:
            start = a + name.start(1)
            if participle or self.is_subject(li, a, start):
                return self._name(li, start, start + len(name.group(1)))
        return None

    def subject_after(self, li: int, verb_end: int, limit: int) -> _Speaker | None:
        """The speaker right after an inverted verb: ", said Robert Ford of ...",
        "according to X", "said a senior Iraqi official"."""
        masked = self.masked[li]
        b = min(limit, verb_end + 90)
        window_words = list(_WORD.finditer(masked, verb_end, b))[:8]
        if not window_words:
            return None
        b = window_words[-1].end()
        stop = re.search(r"[.;:]\s", masked[verb_end:b])
        if stop:
            b = verb_end + stop.start()
        mentions = self.mentions_in(li, verb_end, b)
        candidates = [(m.start, 0 if m.kind == "person" else 2, _Speaker(m.surface, li, m.start, m.end, m.kind))
                      for m in mentions if m.kind != "place"]
        candidates += [(d.start, 1, d) for d in self.descriptions(li, verb_end, b)]
        name = _NAME_AFTER.match(masked, verb_end, b)
        if name and name.group(1).split()[0] not in _NOT_NAMES and not any(
                m.start < name.end(1) and m.end > name.start(1) for m in mentions):
            candidates.append((name.start(1), 3, self._name(li, name.start(1), name.end(1))))  # missed by the recogniser
        if not candidates:
            return None
        # In the noun phrase right after the verb (up to a comma) a person comes first ("said
        # CTV reporter Joel Bowey"), then an unnamed source, an organisation, a bare name;
        # else the first phrase after the verb.
        comma = masked.find(",", verb_end, b)
        first_phrase = [c for c in candidates if comma < 0 or c[0] < comma]
        if first_phrase:
            return min(first_phrase, key=lambda c: (c[1], c[0]))[2]
        return min(candidates, key=lambda c: (c[0], c[1]))[2]

    def _name(self, li: int, start: int, end: int) -> _Speaker:
        mention = self.mention_over(li, start, end)
        if mention is not None:
            return _Speaker(mention.surface, li, mention.start, mention.end, mention.kind)
        text = self.texts[li][start:end].rstrip(" ,")
        return _Speaker(text, li, start, start + len(text), "name")

    def _extend(self, d: _Speaker, verb_start: int) -> _Speaker:
        """"a top US defence official deployed in Iraq told": the description runs to the verb."""
        text = self.texts[d.li]
        tail = text[d.end:verb_start]
        if "," in tail or not tail.strip() or len(tail.split()) > 6:
            return d
        words = tail.split()
        while words and words[-1] in _ADVERBS:
            words.pop()
        if not words:
            return d
        end = d.end + _offset_after_words(tail, len(words))
        return d._replace(text=text[d.start:end], end=end)

    # -- antecedents --

    def _collect_antecedents(self) -> None:
        """Persons who are the subject of a sentence (the first one of each sentence) or
        the speaker after an inverted verb ("said Jean-Pierre Filiu"), and unnamed sources,
        everywhere outside quotations."""
        for li, masked in enumerate(self.masked):
            starts = self.sentences[li] + [len(masked)]
            for a, b in zip(starts, starts[1:]):
                for m in self.mentions_in(li, a, b):
                    if m.kind == "person" and self.is_subject(li, a, m.start):
                        self.persons.add(li, m.start, _Speaker(m.surface, li, m.start, m.end, "person"))
                        break
                for verb in _VERB.finditer(masked, a, b):
                    if self.in_quote(li, verb.start()) or not any(
                            m.kind == "person" for m in self.mentions_in(li, verb.end(), min(b, verb.end() + 40))):
                        continue
                    after = self.subject_after(li, verb.end(), b)
                    if after is not None and after.kind == "person" and not masked[verb.end():after.start].strip(" ,"):
                        self.persons.add(li, after.start, after)  # type: ignore[arg-type]
                for d in self.descriptions(li, a, b):
                    verb = _VERB.search(masked, d.end, min(b, d.end + 60))
                    d = self._extend(d, verb.start()) if verb else d
                    if d.plural:
                        self.plural.add(li, d.start, d)  # type: ignore[arg-type]
                    if not d.definite:
                        self.unnamed.setdefault(d.head, _Timeline()).add(li, d.start, d)  # type: ignore[arg-type]

    def remember(self, speaker: _Speaker) -> None:
        """A named speaker of a quotation becomes an antecedent of later pronouns."""
        if speaker.li is None or speaker.start is None:
            return
        if speaker.kind == "person":
            self.persons.add(speaker.li, speaker.start, speaker)
        elif speaker.kind in ("organization", "name"):
            self.organizations.add(speaker.li, speaker.start, speaker)
            if speaker.kind == "name":
                self.persons.add(speaker.li, speaker.start, speaker)

    def resolve(self, speaker: _Speaker, li: int, position: int) -> _Speaker:
        """Pronouns and "the official" to what they stand for (see the module docstring);
        only phrases before (li, position) are considered."""
        if speaker.kind == "pronoun":
            if speaker.pronoun == "person":
                found = self.persons.latest(li, position)
            elif speaker.pronoun == "it":
                found = self.organizations.latest(li, position)
            else:
                found = self.plural.latest(li, position)
                if found is not None and found.definite:
                    found = self.resolve(found, found.li, found.start)  # type: ignore[arg-type]
            if found is None:
                return _Speaker(None, None, None, None, "pronoun", speaker.verb)
            return found._replace(verb=speaker.verb)
        if speaker.kind == "anonymous" and speaker.definite:
            timeline = self.unnamed.get(speaker.head)
            if timeline is not None:
                modifiers = {w.casefold() for w in _WORD.findall(speaker.text or "")[1:-1]}
                candidates = timeline.before(li, position, 50)
                fitting = [c for c in candidates if modifiers <= {w.casefold() for w in _WORD.findall(c.text or "")}]
                chosen = (fitting or candidates)[:1]
                if chosen:
                    return chosen[0]._replace(verb=speaker.verb)
        return speaker


class _Timeline:
    """Speakers sorted by position, to find the latest one before a place quickly."""

    def __init__(self) -> None:
        self.keys: list[tuple[int, int]] = []
        self.items: list[_Speaker] = []

    def add(self, li: int, position: int, item: _Speaker) -> None:
        k = bisect.bisect_right(self.keys, (li, position))
        self.keys.insert(k, (li, position))
        self.items.insert(k, item)

    def before(self, li: int, position: int, limit: int) -> list[_Speaker]:
        """Up to ``limit`` items before (li, position), latest first."""
        k = bisect.bisect_left(self.keys, (li, position))
        return self.items[max(0, k - limit):k][::-1]

    def latest(self, li: int, position: int) -> _Speaker | None:
        found = self.before(li, position, 1)
        return found[0] if found else None


def _before_adverbs(masked: str, a: int, position: int) -> int:
    """Where the subject of a verb at ``position`` ends: before "also", "did", "has" ..."""
    while True:
        while position > a and masked[position - 1].isspace():
            position -= 1
        word = _LAST_TOKEN.search(masked, max(a, position - 20), position)
        if word is None or word.group(1) not in _ADVERBS:
            return position
        position = word.start(1)


def _offset_after_words(text: str, n: int) -> int:
    """Offset just after the ``n``-th whitespace-separated word of ``text``."""
    position = 0
    for _ in range(n):
        while position < len(text) and text[position].isspace():
            position += 1
        while position < len(text) and not text[position].isspace():
            position += 1
    return position


# --- attribution ---------------------------------------------------------------------------


def _with_verb(speaker: _Speaker | None, verb: str) -> _Speaker | None:
    return None if speaker is None else speaker._replace(verb=verb)


_LEADING_CLAUSE = frozenset("and but or then which that who when while because if so".split())


def _after(art: _Article, li: int, close: int) -> _Speaker | None:
    """Attribution right after a closing mark: ',” said X' / ',” X said' / ',” X, <role>,
    said' / '” according to X' / '" - Name' (a pull-quote's credit)."""
    masked = art.masked[li]
    end = min(art.sentence_end(li, close), close + 1 + _AFTER)
    next_quote = bisect.bisect_right(art.quoted_starts[li], close)
    if next_quote < len(art.quoted_starts[li]):
        end = min(end, art.quoted_starts[li][next_quote] - 1)
    start = close + 1
    dash = _DASH_NAME.match(masked, start)
    if dash and masked[start:dash.end()].strip():
        for m in art.mentions_in(li, dash.end(), dash.end() + 80)[:1]:
            rest = masked[m.end:m.end + 81].strip()
            if m.start == dash.end() and m.kind == "person" and len(rest) <= 80 \
                    and (not rest or (rest.startswith(",") and _words(rest) <= 6)):
                return _Speaker(m.surface, li, m.start, m.end, "person", "-")  # the credit ends the paragraph
    while start < end and masked[start] in " ,;:-–—":
        start += 1
    if start >= end:
        return None
    verb = _VERB.search(masked, start, end)
    if verb is None:
        return None
    if verb.start() == start:
        return _with_verb(art.subject_after(li, verb.end(), end), verb.group(0))
    segment = masked[start:verb.start()]
    words = segment.split()
    if not words or words[0].strip(",;:").casefold() in _LEADING_CLAUSE:
        return None  # '” and, in a message, said ...': another clause, not an attribution
    if len(words) > 20 or (len(words) > 8 and "," not in segment):
        return None  # too long for a speaker (with an apposition) before the verb
    speaker = art.subject_before(li, start, verb.start())
    if speaker is None or speaker.start is None or speaker.start > start + 60:
        return None
    return _with_verb(speaker, verb.group(0))


def _before(art: _Article, li: int, open_mark: int) -> _Speaker | None:
    """Attribution earlier in the quotation's sentence: 'X said: “' / 'X told AFP “' /
    'X, <role>, said “' / 'X added that … “' / 'According to X, “'."""
    return _last_saying(art, li, max(art.sentence_start(li, open_mark), open_mark - _WINDOW), open_mark)


def _sentence_before(art: _Article, li: int, open_mark: int) -> tuple[int, int, int] | None:
    """(line, start, end) of the sentence before the one starting at ``open_mark``."""
    start = art.sentence_start(li, open_mark)
    if open_mark - start > 400 or art.masked[li][start:open_mark].strip():
        return None  # the quotation does not start its sentence
    if start > 0:
        return li, art.sentence_start(li, start - 1), start
    if li == 0:
        return None
    prev = li - 1
    end = len(art.texts[prev])
    return prev, art.sentence_start(prev, max(0, end - 1)), end


_INVERTIBLE = frozenset("said says added adds wrote writes asked asks continued explained noted replied".split())


def _last_saying(art: _Article, li: int, a: int, b: int) -> _Speaker | None:
    """The speaker of the last verb of saying in ``[a, b)`` that has one: before a
    quotation in its sentence, or in the sentence before it ("Wilkins also said Warhol
    was ..." then "“As a way to ...”"; "Barack Obama tweeted using his account:")."""
    masked = art.masked[li]
    for verb in reversed([v for v in _VERB.finditer(masked, a, b) if not art.in_quote(li, v.start())]):
        if verb.group(0).casefold() in _INVERTED_VERBS:
            speaker = art.subject_after(li, verb.end(), b)
        else:
            speaker = art.subject_before(li, a, verb.start())
            if speaker is None and verb.group(0) in _INVERTIBLE:  # 'said Ford: “...'
                after = art.subject_after(li, verb.end(), b)
                if after is not None and masked[verb.end():after.start].strip(" ,") == "":
                    speaker = after
        if speaker is not None:
            return _with_verb(speaker, verb.group(0))
    return None


def _quoted_in(attributed: list[tuple[int, int, _Speaker]], li: int, a: int, b: int) -> _Speaker | None:
    """The speaker of the last kept quotation that opens in line ``li`` within ``[a, b)``."""
    for qli, qopen, speaker in reversed(attributed):
        if (qli, qopen) < (li, a):
            return None
        if qli == li and qopen < b:
            return speaker
    return None


# --- the entry point -------------------------------------------------------------------------


def find_quotes(lines: list[Line], mentions: list[Mention]) -> list[Quote]:
    """Every direct quotation of one article with its speaker (see the module docstring)."""
    art = _Article(lines, mentions)
    out: list[Quote] = []
    attributed: list[tuple[int, int, _Speaker]] = []  # (line, opening, resolved speaker) of kept quotes
    for chain in art.chains:
        li, a, b = chain.parts[0]
        text = " ".join(art.texts[pli][pa:pb] for pli, pa, pb in chain.parts)
        open_mark = chain.open_at if chain.open_at >= 0 else a
        words = _words(text, 4)
        if words < 3 or _is_title(text):
            continue
        preceding = art.masked[li][max(0, open_mark - 40):open_mark].rstrip()
        standalone = _starts_sentence_like(text) and (
            not preceding or preceding[-1] in ".!?:;,—–-…”\"’" or bool(_VERB_AT_END.search(preceding)))
        if words < 4 and not standalone:
            continue
        speaker = None
        if chain.closed_at >= 0 and len(chain.parts) == 1:
            speaker = _after(art, li, chain.closed_at)
        if speaker is None and chain.open_at >= 0:
            speaker = _before(art, li, chain.open_at)
        if speaker is None and len(chain.parts) > 1 and chain.closed_at >= 0:
            speaker = _after(art, chain.parts[-1][0], chain.closed_at)
        if speaker is None and standalone:
            previous = _sentence_before(art, li, open_mark)
            if previous is not None:
                pli, pa, pb = previous
                speaker = _quoted_in(attributed, pli, pa, pb) or _last_saying(art, pli, pa, pb)
        if speaker is None:
            continue
        where = (li, open_mark)
        if speaker.li is not None and speaker.start is not None:
            where = min(where, (speaker.li, speaker.start))
        resolved = art.resolve(speaker, *where)
        if resolved.kind in ("person", "organization", "name") and resolved is speaker:
            art.remember(resolved)
        attributed.append((li, open_mark, resolved))
        out.append(Quote(
            line=art.lines[li].number, start=a, end=b, text=text, speaker=resolved.text,
            speaker_line=art.lines[resolved.li].number if resolved.li is not None else None,
            speaker_start=resolved.start, speaker_end=resolved.end,
            anonymous=resolved.kind == "anonymous", verb=resolved.verb,
        ))
    return out
