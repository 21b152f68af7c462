"""The immutable records that flow between pipeline stages.

Every stage takes records and returns new ones (changed with ``dataclasses.replace``);
nothing grows attributes along the way. ``Page`` is the only record the writer sees.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

# Where a metadata value came from. Shown in front-matter as ``<field>_source``.
FROM_TEXT = "text"  # found in the article text (headline, byline, masthead, dateline ...)
INFERRED = "inferred"  # deduced from indirect evidence (e.g. "told AFP" -> source AFP)
FROM_SIDECAR = "sidecar"  # the user's seeds/NAME.yml
FROM_FRONT_MATTER = "front-matter"  # the front-matter of a .md seed
GENERATED = "generated"  # made by newsdesk (a title written from the lead)
MISSING = "none"  # not known


@dataclass(frozen=True)
class Seed:
    """One input file, decoded: ``text`` is normalised Unicode with ``\\n`` line ends."""

    path: str  # relative to the project folder, POSIX separators
    sha256: str  # of the raw bytes
    text: str
    encoding: str
    front_matter: Mapping[str, Any] = field(default_factory=dict)  # from a .md seed
    sidecar: Mapping[str, Any] = field(default_factory=dict)  # from seeds/NAME.yml
    sidecar_sha256: str = ""


@dataclass(frozen=True)
class Line:
    """A line of the seed with its 1-based line number."""

    number: int
    text: str


@dataclass(frozen=True)
class RemovedLine:
    """A line the cleaner took out, and why (shown in the article's audit block)."""

    number: int
    text: str
    reason: str


@dataclass(frozen=True)
class Cleaned:
    """The seed split into the lines kept (non-blank) and the lines removed."""

    kept: tuple[Line, ...]
    removed: tuple[RemovedLine, ...]


@dataclass(frozen=True)
class Sourced:
    """A metadata value with where it came from."""

    value: Any
    source: str = MISSING


@dataclass(frozen=True)
class Mention:
    """A span of a seed line that names a person, organisation or place."""

    line: int  # seed line number (header or body line)
    start: int
    end: int
    surface: str
    kind: str  # what the recogniser said; the link stage decides the entity's kind by vote


@dataclass(frozen=True)
class DateRef:
    """A date written in a seed line, resolved against the article's own date."""

    line: int
    start: int
    end: int
    text: str
    value: str | None  # partial ISO date, None if it cannot be resolved
    precision: str  # day | month | year | unknown
    relative: bool  # depends on the article's date ("December 27", "Friday", "last month")
    certain: bool  # False: a best guess (a weekday against a month-precision date), never shown as exact


@dataclass(frozen=True)
class QuoteRef:
    """A direct quotation and its speaker as written (``extract.quotes``, where it is also
    called ``Quote``). ``line``, ``start``, ``end`` locate its (first part of) text: the
    line's ``text[start:end]`` is the start of ``text``."""

    line: int  # seed line number of the paragraph where the quote starts
    start: int
    end: int
    text: str  # without the quote marks; parts in later paragraphs joined with " "
    speaker: str | None
    speaker_line: int | None
    speaker_start: int | None
    speaker_end: int | None
    anonymous: bool
    verb: str | None


@dataclass(frozen=True)
class Article:
    """Everything the per-seed stages learn about one article. Knows nothing of the corpus."""

    seed: str  # project-relative path of the seed
    sha256: str
    title: Sourced
    kicker: str | None
    subtitle: Sourced
    source: Sourced
    authors: Sourced  # value: tuple[str, ...]
    dateline: Sourced
    published: Sourced  # value: "YYYY", "YYYY-MM" or "YYYY-MM-DD"
    url: Sourced
    tags: tuple[str, ...]
    header: tuple[tuple[str, Line], ...]  # (role, line) for headline, kicker, dek, date line, byline
    body: tuple[Line, ...]  # the cleaned text, one paragraph per line
    removed: tuple[RemovedLine, ...]
    summary: str
    words: int
    encoding: str
    mentions: tuple[Mention, ...] = ()
    # Spellings the text itself equates: ("Kataib Hezbollah", "KH") from "Kataib Hezbollah
    # (KH)", ("Islamic State", "ISIS") from "the Islamic State, also known as ISIS".
    alias_pairs: tuple[tuple[str, str], ...] = ()
    entity_backend: str = ""
    dates: tuple[DateRef, ...] = ()
    quotes: tuple[QuoteRef, ...] = ()
    slug: str = ""  # given by the link stage, which sees every article

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def line_texts(self) -> dict[int, str]:
        """The text of each line by its number: the header's lines and the body's (what a
        mention's or a date's ``line`` refers to)."""
        return {line.number: line.text for _, line in self.header} | {line.number: line.text for line in self.body}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> "Article":
        """Inverse of ``to_dict`` (used by the analysis cache)."""

        def sourced(d: Mapping[str, Any]) -> Sourced:
            value = d["value"]
            return Sourced(tuple(value) if isinstance(value, list) else value, d["source"])

        return cls(
            seed=data["seed"],
            sha256=data["sha256"],
            title=sourced(data["title"]),
            kicker=data["kicker"],
            subtitle=sourced(data["subtitle"]),
            source=sourced(data["source"]),
            authors=sourced(data["authors"]),
            dateline=sourced(data["dateline"]),
            published=sourced(data["published"]),
            url=sourced(data["url"]),
            tags=tuple(data["tags"]),
            header=tuple((role, Line(**line)) for role, line in data["header"]),
            body=tuple(Line(**line) for line in data["body"]),
            removed=tuple(RemovedLine(**r) for r in data["removed"]),
            summary=data["summary"],
            words=data["words"],
            encoding=data["encoding"],
            mentions=tuple(Mention(**m) for m in data.get("mentions", ())),
            alias_pairs=tuple(tuple(pair) for pair in data.get("alias_pairs", ())),  # type: ignore[misc]
            entity_backend=data.get("entity_backend", ""),
            dates=tuple(DateRef(**d) for d in data.get("dates", ())),
            quotes=tuple(QuoteRef(**q) for q in data.get("quotes", ())),
            slug=data.get("slug", ""),
        )


@dataclass(frozen=True)
class SeedProblem:
    """A seed that could not be published, with the reason (shown to the user, never fatal)."""

    path: str
    reason: str


@dataclass(frozen=True)
class Role:
    """How an article describes an entity: "Defense Secretary Mark T. Esper"."""

    text: str
    article: str  # slug


@dataclass(frozen=True)
class Entity:
    """One real-world person, organisation or place, merged across spellings and articles."""

    key: str  # slug, unique across the corpus; the page is <kind folder>/<key>.md
    name: str
    kind: str
    aliases: tuple[str, ...]  # the other spellings seen (and any from entities.yml)
    mentions: int
    articles: tuple[str, ...]  # slugs, in corpus order
    roles: tuple[Role, ...] = ()
    description: str | None = None  # from entities.yml
    has_page: bool = True


@dataclass(frozen=True)
class AttributedQuote:
    """A quotation with its speaker resolved to an entity where the speaker is named."""

    article: str  # slug
    line: int
    start: int
    text: str
    speaker: str | None  # as written ("Defense Secretary Mark T. Esper", "a senior U.S. official")
    entity: str | None  # the speaker's entity key; None for anonymous or unresolved speakers
    anonymous: bool


@dataclass(frozen=True)
class LinkedMention:
    """A mention resolved to its entity (``key``)."""

    line: int
    start: int
    end: int
    key: str


@dataclass(frozen=True)
class Corpus:
    """The whole collection after the cross-article stage; built once, then only read."""

    articles: tuple[Article, ...]  # sorted by slug
    problems: tuple[SeedProblem, ...] = ()
    entities: tuple[Entity, ...] = ()  # sorted by key
    mentions: Mapping[str, tuple[LinkedMention, ...]] = field(default_factory=dict)  # by article slug
    unresolved: tuple[tuple[str, str, str], ...] = ()  # (article slug, surface, why)
    related: Mapping[str, tuple[Any, ...]] = field(default_factory=dict)  # slug -> related.Related
    stories: tuple[Any, ...] = ()  # related.Story
    timeline: tuple[Any, ...] = ()  # timeline.Event, in date order
    quotes: tuple[AttributedQuote, ...] = ()  # in article order

    # Lookups the renderers make once per page. Each is an index built on first use from
    # the fields above (which never change), so rendering stays linear in the corpus size
    # instead of scanning every story, quote or event for every page.

    def _index(self, name: str, build):
        cache = self.__dict__.get(name)
        if cache is None:
            cache = build()
            object.__setattr__(self, name, cache)
        return cache

    def entity(self, key: str) -> Entity:
        return self._index("_entities_by_key", lambda: {e.key: e for e in self.entities})[key]

    def article(self, slug: str) -> Article:
        return self._index("_articles_by_slug", lambda: {a.slug: a for a in self.articles})[slug]

    def titles(self) -> dict[str, str]:
        """Article titles by slug (built once: pages link to articles by title)."""
        return self._index("_titles_by_slug", lambda: {a.slug: a.title.value for a in self.articles})

    def story_of(self, slug: str):
        return self._index("_story_by_article", lambda: {s: story for story in self.stories for s in story.articles}).get(slug)

    def linked_from(self, slug: str) -> list[str]:
        """Articles that list ``slug`` among their related articles, in slug order."""
        def build():
            found: dict[str, list[str]] = {}
            for source in sorted(self.related):
                for item in self.related[source]:
                    found.setdefault(item.slug, []).append(source)
            return found
        return self._index("_linked_from", build).get(slug, [])

    def quotes_in(self, slug: str) -> list[AttributedQuote]:
        return self._group("_quotes_by_article", self.quotes, lambda q: [q.article]).get(slug, [])

    def quotes_by(self, key: str) -> list[AttributedQuote]:
        return self._group("_quotes_by_entity", self.quotes, lambda q: [q.entity] if q.entity else []).get(key, [])

    def events_of(self, key: str) -> list[Any]:
        return self._group("_events_by_entity", self.timeline, lambda e: e.entities).get(key, [])

    def _group(self, name: str, items, keys_of) -> dict[str, list]:
        def build():
            grouped: dict[str, list] = {}
            for item in items:
                for key in dict.fromkeys(keys_of(item)):
                    grouped.setdefault(key, []).append(item)
            return grouped
        return self._index(name, build)


@dataclass(frozen=True, init=False)
class Page:
    """One file to write under docs/: Markdown with front-matter, or raw data (JSON).

    Made from text (``Page(path, content)``) but kept as the UTF-8 bytes the writer puts
    on disk (``data``): the build holds every page until it writes them, and a page's
    text is nearly always non-ASCII, which CPython stores at two bytes a character, so
    bytes take half the memory (12,000 articles: 393 MB instead of 770 MB) and the writer
    needs no second, encoded copy. ``content`` decodes them again when asked for;
    ``Page.encoded`` takes bytes already encoded (corpus.json, made piece by piece).
    """

    path: str  # relative to docs/, POSIX separators
    data: bytes  # the content, UTF-8

    def __init__(self, path: str, content: str) -> None:
        object.__setattr__(self, "path", path)
        object.__setattr__(self, "data", content.encode("utf-8"))

    @classmethod
    def encoded(cls, path: str, data: bytes) -> Page:
        """The page whose content is ``data``: UTF-8, as ``str.encode`` makes it."""
        page = cls.__new__(cls)
        object.__setattr__(page, "path", path)
        object.__setattr__(page, "data", data)
        return page

    @property
    def content(self) -> str:
        return self.data.decode("utf-8")
