"""The cleaner: each kind of boilerplate on made-up lines, the bundled seeds line by line,
and articles the rules were not written against (nothing lost, little removed)."""

from __future__ import annotations

import pytest

from newsdesk import clean as c
from newsdesk.clean import clean
from newsdesk.read import decode, normalise

from .conftest import GUM, SEEDS, WIKINEWS, needs

PARA = ("This is a real paragraph of the article with enough words in it to count as body text "
        "for the cleaner, written for this test and for no other purpose at all.")
PARA2 = ("Another real paragraph follows here, also long enough to be a paragraph, so that the lines "
         "between the two are judged as lines standing inside the body of the article.")


def removed_reasons(text: str) -> dict[str, str]:
    return {r.text: r.reason for r in clean(text).removed}


@pytest.mark.parametrize(
    "line, reason",
    [
        ("Advertisement", c.AD),
        ("SPONSORED CONTENT", c.AD),
        ("Story continues below advertisement", c.AD),
        ("Read more:", c.RECIRCULATION),
        ("Most Popular", c.RECIRCULATION),
        ("Editor's Picks", c.RECIRCULATION),
        ("Recommended for you", c.RECIRCULATION),
        ("More from Politico", c.RECIRCULATION),
        ("Subscribe today", c.PAYWALL),
        ("You've reached your limit of free articles this month.", c.PAYWALL),
        ("Subscribe to The Example Times for unlimited digital access.", c.PAYWALL),
        ("Already a subscriber?", c.PAYWALL),
        ("Join the discussion", c.FOOTER),
        ("Trending on Example Radio", c.FOOTER),
        ("12 Comments", c.FOOTER),
        ("Officials inspect the damage on Monday. (Photo: Example Agency)", c.CAPTION),
        ("A protester waves a flag in the capital. (AP Photo/Some Photographer)", c.CAPTION),
        ("Jane Roe 9:45 AM | March 3, 2021", c.TIMESTAMP),
        ("Updated March 3, 2021", c.TIMESTAMP),
        ("Click here for the full report.", c.CALL_TO_ACTION),
        ("Skip to main content", c.NAVIGATION),
    ],
)
def test_each_kind_of_boilerplate(line: str, reason: str) -> None:
    text = f"Example headline for this test\n\n{PARA}\n\n{line}\n\n{PARA2}\n"
    assert removed_reasons(text) == {line: reason}


def test_masthead_with_glued_slogan_only_at_the_top() -> None:
    text = f"The New York TimesAll the News That's Fit to Print\n\nHeadline of the story\n\n{PARA}\n\nThe New York Times\n\n{PARA2}\n"
    got = removed_reasons(text)
    assert got == {"The New York TimesAll the News That's Fit to Print": c.MASTHEAD}


def test_paywall_block_takes_its_bullets_but_stops_at_a_paragraph() -> None:
    bio = "• JANE ROE is a fellow at an institute and the author of several books " + "about things " * 8
    text = f"{PARA}\n\nSubscribe to Example Weekly\n  • Unlimited reading\n  • Apps for phones\n{bio}\n"
    got = removed_reasons(text)
    assert set(got) == {"Subscribe to Example Weekly", "• Unlimited reading", "• Apps for phones"}
    assert bio.strip() not in got


def test_pull_quote_repeating_a_longer_paragraph_is_removed() -> None:
    quote = "The bridge was the longest in the region, a symbol of what the town hoped to become."
    long = ("Built in 1990, the bridge was the longest in the region, spanning four miles of water. "
            "It was a symbol of what the town hoped to become, and of how much it had spent.")
    text = f"{PARA}\n\n{long}\n\n{quote}\n\n{PARA2}\n"
    assert removed_reasons(text) == {quote: c.PULL_QUOTE}


def test_teaser_headline_between_paragraphs() -> None:
    teaser = "Minister resigns after weeks of pressure over the budget crisis"
    text = f"Headline here\n\n{PARA}\n\n{teaser}\n\n{PARA2}\n"
    assert removed_reasons(text) == {teaser: c.TEASER}


@pytest.mark.parametrize(
    "line",
    [
        "'Major setbacks'",  # a quoted subhead
        "Background",  # a short section heading
        "Group F — Sweden 1 – 0 Korea Republic",  # a results line
        "What happens next?",  # a question as a subhead
        "Subscribers to the service rose by 20 percent last year, the company said.",
    ],
)
def test_content_lines_that_look_like_boilerplate_are_kept(line: str) -> None:
    text = f"Headline here\n\n{PARA}\n\n{line}\n\n{PARA2}\n"
    assert removed_reasons(text) == {}


def test_first_line_headline_is_never_taken_for_recirculation() -> None:
    text = f"More from APEC: leaders fail to agree\n2005-11-16\n\n{PARA}\n"
    assert removed_reasons(text) == {}


# --- the bundled seeds: exactly these lines are boilerplate -----------------------------

SEED_BOILERPLATE = {
    "000_9538864381c97969.txt": {
        "ADVERTISEMENT": c.AD,
        "Read Next": c.RECIRCULATION,
        "EDITORS' PICK": c.RECIRCULATION,
        "MOST READ": c.RECIRCULATION,
    },
    "001_b0cd20c48cf146de.txt": {
        "The U.S. embassy in Baghdad was the largest in the world, symbolizing the high hopes that both countries had for the U.S.-Iraqi relationship.": c.PULL_QUOTE,
        "The aspirations of reform-minded demonstrators are likely to be drowned out by the escalating tensions between the United States and Iran.": c.PULL_QUOTE,
        "You are reading a free article.": c.PAYWALL,
        "Subscribe to Foreign Affairs to get unlimited access.": c.PAYWALL,
        "• Paywall-free reading of new articles and a century of archives": c.PAYWALL,
        "• Unlock access to iOS/Android apps to save editions for offline reading": c.PAYWALL,
        "• Six issues a year in print, online, and audio editions": c.PAYWALL,
        "Subscribe Now": c.PAYWALL,
        "• More By Emma Sky": c.RECIRCULATION,
    },
    "002_5adceb2b319e5a58.txt": {},
    "003_4462df2f5df68d6c.txt": {
        "Join the conversation as a VIP Member": c.FOOTER,
        "Trending on HotAir Videos": c.FOOTER,
        "David Strom 12:30 PM | April 23, 2024": c.TIMESTAMP,
    },
    "004_7507c6e2ecf09481.txt": {
        "The Washington PostDemocracy Dies in Darkness": c.MASTHEAD,
        "Get the latest updates here.": c.CALL_TO_ACTION,
        "Qasem Soleimani: Who was Iran’s powerful military leader?": c.TEASER,
        "Iran vows revenge after U.S. drone strike kills elite force commander": c.TEASER,
        "Supporters of Iranian-backed militia end siege of U.S. Embassy in Baghdad": c.TEASER,
        "Why Iraq is at the center of the dispute between Iran and the United States": c.TEASER,
    },
}
CAPTIONS_004 = 2  # two video captions, "(Video: The Washington Post)" and "(Video: Reuters)"


def _seed_text(name: str) -> str:
    return normalise(decode((SEEDS / name).read_bytes())[0])


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_seed_boilerplate_exactly(name: str) -> None:
    got = removed_reasons(_seed_text(name))
    captions = {t for t, r in got.items() if r == c.CAPTION}
    assert {t: r for t, r in got.items() if r != c.CAPTION} == SEED_BOILERPLATE[name]
    assert len(captions) == (CAPTIONS_004 if name.startswith("004") else 0)
    assert all(t.endswith(("(Video: The Washington Post)", "(Video: Reuters)")) for t in captions)


def _assert_nothing_lost(text: str) -> None:
    result = clean(text)
    non_blank = [(i, line.strip()) for i, line in enumerate(text.split("\n"), start=1) if line.strip()]
    accounted = sorted([(l.number, l.text) for l in result.kept] + [(r.number, r.text) for r in result.removed])
    assert accounted == non_blank


@pytest.mark.parametrize("name", sorted(SEED_BOILERPLATE))
def test_seed_every_line_kept_or_accounted_for(name: str) -> None:
    _assert_nothing_lost(_seed_text(name))


@needs(GUM)
def test_unseen_gum_articles_lose_nothing_and_keep_their_prose() -> None:
    files = sorted(GUM.glob("GUM_news_*.txt"))
    assert len(files) == 24
    removed_words = total_words = 0
    for path in files:
        text = normalise(decode(path.read_bytes())[0])
        _assert_nothing_lost(text)
        result = clean(text)
        total_words += len(text.split())
        removed_words += sum(len(r.text.split()) for r in result.removed)
        # Only captions and pull-quotes occur in these clean Wikinews articles.
        assert {r.reason for r in result.removed} <= {c.CAPTION, c.PULL_QUOTE}, path.name
    assert removed_words < 0.08 * total_words


@needs(WIKINEWS)
def test_unseen_wikinews_articles_are_left_whole() -> None:
    files = sorted((WIKINEWS / "politics").glob("*.txt"))[::10]
    assert len(files) > 300
    for path in files:
        text = normalise(decode(path.read_bytes())[0])
        _assert_nothing_lost(text)
        assert clean(text).removed == (), path.name
