"""Reading the index back and answering a query, as ``newsdesk-search.js`` does.

A twin of the browser's ranking, used by the tests (the format round-trips, the ranking is
what the docs say) and by ``python -m bench.search`` to check that a query has results.
The browser tests check that the page shows the same order.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field

from .index import INDEX_DIR, decode_varints
from .tokenize import tokenize

K1, B = 1.2, 0.75
MIN_LENGTH = 0.5  # lengths below half the average count as half the average
TITLE_BONUS, NAME_BONUS, SHORT_NAME_BONUS = 1.0, 0.8, 2.0
MAX_PREFIX_SHARDS, MAX_EXPANSIONS = 3, 64
TITLE, NAME = 1, 2
_REGISTER = re.compile(r"\A__newsdeskSearch\.register\((\"[^\"]+\"),(.*)\);\n\Z", re.DOTALL)


def parse_script(content: str) -> tuple[str, object]:
    match = _REGISTER.match(content)
    if not match:
        raise ValueError("not a search index file")
    return json.loads(match.group(1)), json.loads(match.group(2))


@dataclass
class Word:
    term: str
    prefix: bool = False
    expansions: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Hit:
    id: int  # document id (its chunk is id // manifest["chunk"])
    url: str
    title: str
    kind: str
    source: str | None
    tier: int  # 3 whole title/name, 2 all words in title/names, 1 full text, 0 some words only
    score: float


def parse_query(query: str) -> tuple[list[Word], list[list[str]]]:
    """(words, phrases) as the browser reads them; see ``parse`` in newsdesk-search.js."""
    parts = []
    for m in re.finditer(r'"([^"]*)("?)|([^"]+)', query):
        if m.group(3) is not None:
            parts.append((m.group(3), False, False))
        else:
            parts.append((m.group(1), True, m.group(2) == '"'))
    ends_open = not re.search(r'[\s"]$', query)
    words: list[Word] = []
    phrases: list[list[str]] = []
    seen: set[str] = set()
    for i, (text, is_phrase, closed) in enumerate(parts):
        tokens = tokenize(text)
        typing = ends_open and i == len(parts) - 1
        phrase = tokens[:-1] if is_phrase and typing and not closed else tokens
        if is_phrase and len(phrase) > 1:
            phrases.append(phrase)
        for j, token in enumerate(tokens):
            prefix = typing and j == len(tokens) - 1
            key = token + ("*" if prefix else "")
            if key in seen:
                continue
            seen.add(key)
            words.append(Word(token, prefix))
    words = [w for w in words if not (w.prefix and w.term in seen)]
    return words, phrases


class SearchIndex:
    """An index read from its files (``{path under INDEX_DIR: content}`` or a folder)."""

    def __init__(self, files: dict[str, str]) -> None:
        self.data = {}
        for path, content in files.items():
            path = path.removeprefix(INDEX_DIR + "/")
            name, data = parse_script(content)
            if name + ".js" != path:
                raise ValueError(f"{path} registers itself as {name!r}")
            self.data[name] = data
        m = self.manifest = self.data["manifest"]
        self.n = m["docs"]
        self.kind = [""] * self.n
        for kind, start, end in m["kinds"]:
            self.kind[start:end] = [kind] * (end - start)
        self.source = decode_varints(m["source"])
        self.length = decode_varints(m["length"])
        self.names = decode_varints(m["names"])
        self.avgdl = (sum(self.length) / self.n or 1.0) if self.n else 1.0
        self.length = [max(n, self.avgdl * MIN_LENGTH) for n in self.length]
        self.stop = set(m["stopwords"])

    @classmethod
    def from_folder(cls, folder) -> "SearchIndex":
        from pathlib import Path

        root = Path(folder)
        return cls({p.relative_to(root).as_posix(): p.read_text("utf-8") for p in root.rglob("*.js")})

    # -- lookups --------------------------------------------------------------------

    @staticmethod
    def _last_at_most(items: list[str], term: str) -> int:
        key = term.encode("utf-16-be")
        found = -1
        for i, item in enumerate(items):
            if item.encode("utf-16-be") <= key:
                found = i
            else:
                break
        return found

    def term_shards(self, term: str, prefix: bool) -> list[int]:
        terms = self.manifest["terms"]
        first = self._last_at_most(terms, term)
        out = [first] if first >= 0 else []
        if prefix:
            out += [i for i in range(first + 1, len(terms)) if terms[i].startswith(term)]
        return out

    def postings(self, term: str) -> list[tuple[int, int]] | None:
        shard = self.data.get(f"t/{self._last_at_most(self.manifest['terms'], term)}", {})
        if term not in shard:
            return None
        values = decode_varints(shard[term])
        out, doc = [], 0
        for gap, code in zip(values[::2], values[1::2]):
            doc += gap
            out.append((doc, code))
        return out

    def positions(self, term: str) -> dict[int, set[int]]:
        shard = self.data.get(f"p/{self._last_at_most(self.manifest['positions'], term)}", {})
        postings = self.postings(term) or []
        if term not in shard:
            return {}
        values, k, out = decode_varints(shard[term]), 0, {}
        for doc, _code in postings:
            count = values[k]
            k += 1
            position, found = 0, set()
            for _ in range(count):
                position += values[k]
                k += 1
                found.add(position)
            out[doc] = found
        return out

    def doc(self, doc_id: int) -> list:
        chunk = self.manifest["chunk"]
        return self.data[f"d/{doc_id // chunk}"][doc_id % chunk]

    def shards_for(self, query: str) -> list[str]:
        """The files a query loads (besides the manifest and the document chunks)."""
        words, phrases = parse_query(query)
        names = []
        for w in words:
            shards = self.term_shards(w.term, w.prefix)
            expand = w.prefix and len(shards) <= MAX_PREFIX_SHARDS
            names += [f"t/{s}" for s in (shards if expand else shards[:1])]
        for phrase in phrases:
            names += [f"p/{self._last_at_most(self.manifest['positions'], t)}" for t in phrase if t not in self.stop]
        return list(dict.fromkeys(n for n in names if not n.endswith("/-1")))

    # -- ranking --------------------------------------------------------------------

    def _idf(self, df: int) -> float:
        return math.log(1 + (self.n - df + 0.5) / (df + 0.5))

    def _match_word(self, word: Word):
        shards = self.term_shards(word.term, word.prefix)
        if word.prefix and len(shards) <= MAX_PREFIX_SHARDS:
            terms = [t for s in shards for t in self.data.get(f"t/{s}", {}) if t.startswith(word.term)]
            with_postings = [(t, self.postings(t)) for t in terms]
            with_postings.sort(key=lambda x: (x[0] != word.term, -len(x[1]), x[0].encode("utf-16-be")))
            with_postings = with_postings[:MAX_EXPANSIONS]
        else:
            p = self.postings(word.term)
            with_postings = [(word.term, p)] if p else []
        word.expansions = [t for t, _ in with_postings]
        weight: dict[int, float] = {}
        flags: dict[int, int] = {}
        for term, postings in with_postings:
            w = 1.0 if term == word.term else 0.5 + 0.4 * len(word.term) / len(term)
            f = self._idf(len(postings)) * w
            for doc, code in postings:
                tf, fl = code >> 2, code & 3
                s = f * (tf * (K1 + 1)) / (tf + K1 * (1 - B + B * self.length[doc] / self.avgdl))
                if fl & TITLE:
                    s += f * TITLE_BONUS
                elif fl & NAME:
                    s += f * NAME_BONUS
                weight[doc] = max(weight.get(doc, s), s)
                flags[doc] = flags.get(doc, 0) | fl
        first_idf = self._idf(len(with_postings[0][1])) if with_postings else 0.0
        return weight, flags, first_idf

    def _has_phrase(self, doc: int, phrase: list[str]) -> bool:
        parts = [(t, offset) for offset, t in enumerate(phrase) if t not in self.stop]
        if len(parts) < 2:
            return True
        sets = [self.positions(t).get(doc) for t, _ in parts]
        if any(s is None for s in sets):
            return False
        first_offset = parts[0][1]
        return any(all(p - first_offset + o in s for (_, o), s in zip(parts[1:], sets[1:])) for p in sets[0])

    def search(self, query: str) -> list[Hit]:
        words, phrases = parse_query(query)
        if not words:
            return []
        lists = [self._match_word(w) for w in words]
        nq = len(words)
        sum_idf = sum(l[2] for l in lists)
        count: dict[int, int] = {}
        score: dict[int, float] = {}
        in_title: dict[int, bool] = {}
        in_name: dict[int, bool] = {}
        for weight, flags, _ in lists:
            for doc in sorted(weight):
                count[doc] = count.get(doc, 0) + 1
                score[doc] = score.get(doc, 0.0) + weight[doc]
                in_title[doc] = in_title.get(doc, True) and bool(flags[doc] & TITLE)
                in_name[doc] = in_name.get(doc, True) and bool(flags[doc] & (TITLE | NAME))
        matches = [d for d in sorted(count) if count[d] == nq]
        if phrases:
            matches = [d for d in matches if all(self._has_phrase(d, p) for p in phrases)]
        if not matches and nq > 1 and not phrases:
            matches = sorted(count)
        hits = []
        for doc in matches:
            complete = count[doc] == nq
            tier, s = 1, score[doc]
            if complete and in_name[doc]:
                tier = 3 if nq >= self.names[doc] else 2
                s += sum_idf * SHORT_NAME_BONUS / max(self.names[doc], 1)
            if not complete:
                tier = 0
            title, url = self.doc(doc)[:2]
            source = self.manifest["sources"][self.source[doc] - 1] if self.source[doc] else None
            hits.append((-count[doc], -tier, -s, doc, Hit(doc, url, title, self.kind[doc], source, tier, s)))
        return [h[-1] for h in sorted(hits, key=lambda h: h[:4])]
