"""Cleaning: taking web boilerplate out of a seed's text, keeping an audit of what went.

The rules describe *kinds* of boilerplate (advertisement markers, recirculation blocks,
paywall blurbs, engagement footers, mastheads, captions, widget timestamps, call-to-action
links, related-link teasers, duplicated pull-quotes); none names a line of a particular
article. Every removed line is returned with its reason, and every other non-blank line
is returned unchanged, so nothing is lost silently.

Pure: text in, ``Cleaned`` out.
"""

from __future__ import annotations

import re
from collections import defaultdict

from . import outlets
from .records import Cleaned, Line, RemovedLine

AD = "advertisement marker"
RECIRCULATION = "recirculation block (read next, most read, editors' picks, related)"
PAYWALL = "subscription or paywall blurb"
FOOTER = "engagement footer (comments, sharing, trending, join the conversation)"
MASTHEAD = "masthead or slogan"
CAPTION = "photo or video caption"
TIMESTAMP = "widget timestamp"
CALL_TO_ACTION = "call-to-action link"
NAVIGATION = "site navigation"
TEASER = "related-article teaser headline"
PULL_QUOTE = "duplicated pull-quote"
REPEATED = "repeated paragraph"

_I = re.IGNORECASE
_APOS = "['’]"

# Whole-line markers (after trimming and removing a trailing colon).
_WHOLE_LINE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(advertisement|advertising|advertisements|sponsored( content| post| links?)?|paid (content|post|partner content)|"
                r"story continues below( advertisement)?|article continues below( advertisement)?|continue reading( below| the main story)?|"
                r"ad|ads|promoted( content| stories)?|partner content)", _I), AD),
    (re.compile(rf"(read next|read more|what to read next|more (stories|news|videos|coverage|on this story|to read)|"
                rf"most (read|popular|viewed|shared|emailed|commented)|editor(s|{_APOS}s|s{_APOS})? ?picks?|"
                rf"recommended( (for you|stories|reading|articles|videos))?|related( (articles?|stories|coverage|content|links|topics|news|reading))?|"
                rf"you (may|might) (also )?(like|be interested in)|top stories|latest (news|stories|videos|headlines)|"
                rf"up next|popular (now|stories|on .{{1,40}})|see also|watch (next|more|now)|also read|in other news|"
                rf"don{_APOS}t miss|trending( now| stories| topics| videos)?|more from .{{1,40}}|more by .{{1,60}})", _I), RECIRCULATION),
    (re.compile(r"(subscribe( now| today| here)?|sign (up|in)( now| here)?|log ?in|register|create (a )?free account|"
                r"already (a subscriber|have an account)\??|become a (member|subscriber|patron|vip( member)?)|"
                r"support (our|independent|quality) journalism|donate( now)?|get (full|unlimited|digital) access)", _I), PAYWALL),
    (re.compile(rf"(\d+ comments?|comments?|show comments|view comments|load comments|leave a comment|"
                rf"share( this( article| story| page)?)?|tweet( this)?|email( this)?|print( this)?|copy link|"
                rf"follow us( on .{{1,30}})?|like us on facebook|join the (conversation|discussion|debate)( .{{0,60}})?|"
                rf"trending (on|in|at) .{{1,60}}|what{_APOS}s trending|"
                rf"(click|tap) (here|to) (comment|share|subscribe)|newsletter|sign up for (our|the) .{{1,40}}newsletter.*)", _I), FOOTER),
    (re.compile(r"(menu|search|skip to (main )?content|home|close|open menu|toggle navigation|back to top|"
                r"previous( article)?|next( article)?|page \d+( of \d+)?)", _I), NAVIGATION),
]

# Phrases that mark a short line (at most _SHORT_LINE_WORDS words) as boilerplate.
_SHORT_LINE_WORDS = 30
_PHRASE_RULES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"\byou(?:'|’)?(re| are) reading (a|your) (free|complimentary|last free)\b|"
                r"\byou(?:'|’)?ve (read|reached|used) (all |your )?.{0,30}\b(free )?(articles?|stories) (this|for this)\b|"
                r"\bsubscribe (to|now|today|for|and)\b|\bunlimited (digital )?access\b|\bpaywall\b|"
                r"\bunlock (access|this|full|unlimited)\b|\b(issues|editions) a year\b|\balready a subscriber\b|"
                r"\bsupport (our|independent|quality) journalism\b|\bbecome a (member|subscriber|patron)\b|"
                r"\bsign up (for|to get) (our|the|a) .{0,30}(newsletter|briefing|alerts?)\b|"
                r"\bfree trial\b|\bcancel anytime\b", _I), PAYWALL),
    (re.compile(r"\bjoin the (conversation|discussion|debate)\b|\bshare (this|on) (article|story|facebook|twitter|x)\b|"
                r"\bfollow us on\b|\bcomments? (are|is) (closed|disabled)\b|\bview \d+ comments\b", _I), FOOTER),
]

# Captions: a credit in brackets at the end of the line, or a caption label at the start.
_CAPTION_END = re.compile(
    r"\((video|photo|photograph|picture|image|graphic|illustration|map|credit|footage|audio)s?\s*(:|by)\s*[^()]{1,80}\)\s*$|"
    r"\((AP|Reuters|AFP|Getty Images?|EPA(-EFE)?|Bloomberg|Shutterstock|AP Photo|File)( Photo| via Getty Images)?(/[^()]{1,60})?\)\s*$|"
    r"(?<=[.!?] )(image|photo|video|credit|photograph)s?:\s[^.!?]{1,80}\.?$",
    _I,
)
_CAPTION_START = re.compile(r"^(photo|image|video|caption|credit|pictured|above|file photo|watch|listen)s?:\s", _I)
_CAPTION_MAX_WORDS = 60

# Times of day as widgets print them ("12:30 PM", "5:56 p.m.").
_CLOCK = re.compile(r"\b\d{1,2}:\d{2}\s*(am|pm|a\.m\.|p\.m\.)(?![\w])", _I)
_TIMESTAMP_LABEL = re.compile(r"^(updated|published|posted|last updated|first published)( on| at)?\b", _I)
_TIMESTAMP_MAX_WORDS = 14

# "Get the latest updates here." / "Click here for more." / "Read the full report here".
_CALL_TO_ACTION = re.compile(
    r"^(get|see|read|click|tap|watch|listen|find|sign up|follow|download|view|check out)\b.{0,60}\b(here|now|below|app)\s*[.!]?$|"
    r"^(click|tap) here\b", _I
)
_CALL_TO_ACTION_MAX_WORDS = 10

_BULLET = re.compile(r"^[•·▪◦●‣∙*\-–]\s+")
_TERMINAL = re.compile(r"""[.!;:,”"’'»)]$""")
_QUOTE_OPENERS = "“\"‘'«"

# How long a line must be to count as a real paragraph (ends blocks, anchors teasers).
_PARAGRAPH_WORDS = 20


def clean(text: str) -> Cleaned:
    """Split ``text`` into kept lines and removed lines (with reasons)."""
    lines = [Line(i, t) for i, t in enumerate(text.split("\n"), start=1) if t.strip()]
    reasons: dict[int, str] = {}
    top = _top_region(lines)

    block: str | None = None  # the boilerplate block we are inside, if any
    for index, line in enumerate(lines):
        body = line.text.strip()
        reason = _line_reason(body, in_top=index < top, first=index == 0)
        if reason is None and block is not None and _continues_block(body):
            reason = block
        if reason in (RECIRCULATION, PAYWALL, FOOTER):
            block = reason
        elif reason is None:
            block = None
        if reason:
            reasons[line.number] = reason

    kept = [line for line in lines if line.number not in reasons]
    reasons.update(_teasers(kept, lines, top))
    kept = [line for line in lines if line.number not in reasons]
    header = {line.number for line in lines[:top]}
    reasons.update(_duplicates(kept, header))

    removed = tuple(RemovedLine(l.number, l.text.strip(), reasons[l.number]) for l in lines if l.number in reasons)
    kept_lines = tuple(Line(l.number, l.text.strip()) for l in lines if l.number not in reasons)
    return Cleaned(kept=kept_lines, removed=removed)


def _top_region(lines: list[Line]) -> int:
    """Index of the first real paragraph: lines before it are the page's header area."""
    for index, line in enumerate(lines):
        if _words(line.text) >= _PARAGRAPH_WORDS:
            return index
    return min(len(lines), 3)


def _words(text: str) -> int:
    return len(text.split())


def _line_reason(body: str, in_top: bool, first: bool = False) -> str | None:
    """Why a single line is boilerplate, judged on its own, or None.

    The first line of a seed is usually its headline, so only markers that could never
    be a headline ("ADVERTISEMENT", a masthead) are applied to it.
    """
    bare = _BULLET.sub("", body).strip().rstrip(":").strip()
    words = _words(bare)
    if not bare:
        return None
    for pattern, reason in _WHOLE_LINE_RULES:
        if pattern.fullmatch(bare) and not (first and words > 2):
            return reason
    if in_top and _is_masthead(bare):
        return MASTHEAD
    if words <= _SHORT_LINE_WORDS:
        for pattern, reason in _PHRASE_RULES:
            if pattern.search(bare):
                return reason
    if words <= _CAPTION_MAX_WORDS and (_CAPTION_END.search(bare) or _CAPTION_START.match(bare)):
        return CAPTION
    if words <= _TIMESTAMP_MAX_WORDS and _CLOCK.search(bare) and not _TERMINAL.search(bare.rstrip(".")):
        return TIMESTAMP
    if words <= _TIMESTAMP_MAX_WORDS and _TIMESTAMP_LABEL.match(bare) and re.search(r"\d", bare):
        return TIMESTAMP
    if words <= _CALL_TO_ACTION_MAX_WORDS and _CALL_TO_ACTION.match(bare):
        return CALL_TO_ACTION
    return None


def _is_masthead(line: str) -> bool:
    """A publisher's name at the top of the page, alone or with its slogan glued on."""
    found = outlets.leading_outlet(line)
    if found is None:
        return False
    outlet, rest = found
    rest = rest.strip(" |-–—:·•")
    if not rest:
        return True
    return any(rest.casefold() == slogan.casefold() for slogan in outlet.slogans)


def _continues_block(body: str) -> bool:
    """Inside a recirculation/paywall block: bullets and short headline-like lines."""
    words = _words(body)
    if _BULLET.match(body):
        return words <= 25
    return words <= 12 and not _TERMINAL.search(body)


def _teasers(kept: list[Line], lines: list[Line], top: int) -> dict[int, str]:
    """Headlines of other articles dropped between paragraphs ("Iran vows revenge ...").

    A teaser is a headline-shaped line in the body: 7 to 16 words, no closing punctuation
    (a question mark only after a "Name:" lead-in), not quoted, and standing between two
    real paragraphs. Short section headings (fewer than 7 words) and quoted subheads are
    never touched.
    """
    found = {}
    top_numbers = {line.number for line in lines[:top]}
    for i, line in enumerate(kept):
        body = line.text.strip()
        if line.number in top_numbers or i == 0 or i == len(kept) - 1:
            continue
        words = _words(body)
        if not 7 <= words <= 16 or body[0] in _QUOTE_OPENERS or _BULLET.match(body):
            continue
        if body.endswith("?"):
            if ":" not in body:
                continue
        elif _TERMINAL.search(body) or body.endswith("?"):
            continue
        if not body[0].isupper() or re.search(r"[\d—–|]", body):
            continue
        before, after = kept[i - 1].text, kept[i + 1].text
        if _words(before) >= _PARAGRAPH_WORDS and _words(after) >= _PARAGRAPH_WORDS and _TERMINAL.search(before.rstrip("”\"’")):
            found[line.number] = TEASER
    return found


def _shingles(text: str) -> list[tuple[str, str, str]]:
    words = re.findall(r"\w+", text.casefold())
    return list(zip(words, words[1:], words[2:]))


def _duplicates(kept: list[Line], header: set[int]) -> dict[int, str]:
    """Short paragraphs whose words mostly recur in a longer paragraph (pull-quotes), and
    later copies of a paragraph already printed."""
    found: dict[int, str] = {}
    shingles = [_shingles(line.text) for line in kept]
    where: dict[tuple[str, str, str], set[int]] = defaultdict(set)
    for index, grams in enumerate(shingles):
        for gram in grams:
            where[gram].add(index)
    seen_text: set[str] = set()
    for index, line in enumerate(kept):
        words = _words(line.text)
        folded = " ".join(re.findall(r"\w+", line.text.casefold()))
        if words >= 8 and folded in seen_text:
            found[line.number] = REPEATED
            continue
        seen_text.add(folded)
        grams = shingles[index]
        if line.number in header or not 6 <= words <= 50 or len(grams) < 4:
            continue
        counts: dict[int, int] = defaultdict(int)
        for gram in set(grams):
            for other in where[gram]:
                if other != index and _words(kept[other].text) > words:
                    counts[other] += 1
        if counts and max(counts.values()) >= 0.6 * len(set(grams)):
            found[line.number] = PULL_QUOTE
    return found
