"""Entity extraction quality and speed against hand-made gold annotations.

    python -m bench.entities [--backend hybrid|spacy|rules|all] [--set seeds|gum-dev|gum-test|all] [--errors]

Gold files (tests/gold/entities/*.yml) list, per article, each distinct real-world
entity with its kind and every spelling used. Scores, per kind and overall:

- before merging: each distinct recognised spelling of an article is a prediction; it is
  right if it is a gold spelling of an entity of the same kind. Recall: share of gold
  entities with at least one spelling found with the right kind.
- after merging: each entity the article links to is a prediction; it is right if all
  its spellings in the article belong to one gold entity, of the same kind, not already
  claimed by another prediction (a split counts as a false positive). Mixed groups (one
  merged entity holding spellings of two gold entities, anywhere in the corpus) are
  counted separately: the target is none.

Throughput: words of the articles divided by the time of the per-article stages
(clean, metadata, recognition), one process, cold (no cache).

Prints JSON on stdout; a readable table on stderr.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from dataclasses import replace
from pathlib import Path

import yaml

from newsdesk.clean import clean
from newsdesk.entities import fold, strip_titles
from newsdesk.extract.entities import BACKENDS, KINDS, get_backend
from newsdesk.extract.mentions import analysed_lines, find_mentions
from newsdesk.extract.metadata import extract
from newsdesk.link import link
from newsdesk.read import read_seed

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "entities"
SHARED = ROOT.parent / "shared"
_GUM = lambda: sorted((SHARED / "corpora" / "gum-wikinews").glob("GUM_news_*.txt"))  # noqa: E731
# The 24 GUM articles are split in two: "gum-dev" (the first 12 by name) may be looked at
# to find what the rules get wrong; "gum-test" (the other 12) is only ever scored, never
# inspected, so its figures are those of articles the rules were not written against.
SETS = {
    "seeds": lambda: sorted((ROOT / "seeds").glob("*.txt")),
    "gum-dev": lambda: _GUM()[:12],
    "gum-test": lambda: _GUM()[12:],
}


def norm(spelling: str) -> str:
    return strip_titles(fold(spelling))


def load_gold(seed: Path, published_text: str) -> list[dict]:
    """Gold entities of one article, restricted to spellings that occur in the text
    newsdesk publishes and analyses (headline, dek, body): a name that only occurs in a
    removed caption or paywall blurb cannot be, and should not be, found."""
    data = yaml.safe_load((GOLD / f"{seed.stem}.yml").read_text("utf-8"))
    gold = []
    for e in data["entities"]:
        spellings = {norm(s) for s in e["spellings"] if s in published_text}
        if spellings:
            gold.append({"name": e["name"], "kind": e["kind"], "spellings": spellings})
    return gold


def analyse(paths: list[Path], backend_name: str):
    backend = get_backend(backend_name)
    backend.find(["Warm-up of the model, not timed."])
    articles, words, elapsed = [], 0, 0.0
    for path in paths:
        seed, _ = read_seed(path, path.parent.parent if path.parent.name == "seeds" else path.parent)
        start = time.perf_counter()
        article = extract(seed, clean(seed.text))
        mentions, pairs = find_mentions(article, backend)
        elapsed += time.perf_counter() - start
        words += len(seed.text.split())
        articles.append(replace(article, mentions=mentions, alias_pairs=pairs))
    return articles, words, elapsed


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3), "tp": tp, "fp": fp, "fn": fn}


def score(paths: list[Path], articles) -> dict:
    corpus = link(articles, [])
    by_seed = {a.seed.rsplit("/", 1)[-1]: a for a in corpus.articles}
    before = defaultdict(lambda: [0, 0, 0])
    after = defaultdict(lambda: [0, 0, 0])
    errors: list[str] = []
    # (merged entity key, gold entity) pairs; gold identities are read once every
    # article's gold is in, since a later article can join two earlier spellings.
    gold_of_entity: list[tuple[str, dict]] = []
    identity = _GoldIdentity()
    for path in paths:
        article = by_seed[path.name]
        gold = load_gold(path, "\n".join(line.text for line in analysed_lines(article)))
        for g in gold:
            identity.add(g)
        spelling_to_gold = {s: g for g in gold for s in g["spellings"]}

        # Before merging: distinct (spelling, kind) pairs.
        predicted = {(norm(m.surface), m.kind) for m in article.mentions if norm(m.surface)}
        found = set()
        for spelling, kind in predicted:
            g = spelling_to_gold.get(spelling)
            if g is not None and g["kind"] == kind:
                before[kind][0] += 1
                found.add(g["name"])
            else:
                before[kind][1] += 1
        for g in gold:
            if g["name"] not in found:
                before[g["kind"]][2] += 1

        # After merging: entities linked from this article.
        lines = {l.number: l.text for _, l in article.header}
        lines.update({l.number: l.text for l in article.body})
        surfaces = defaultdict(set)
        for m in corpus.mentions.get(article.slug, ()):
            surfaces[m.key].add(norm(lines[m.line][m.start:m.end]))
        claimed = set()
        for key, spellings in sorted(surfaces.items()):
            entity = corpus.entity(key)
            matched = {spelling_to_gold[s]["name"] for s in spellings if s in spelling_to_gold}
            gold_of_entity.extend((key, g) for g in gold if g["name"] in matched)
            g = next((x for x in gold if x["name"] in matched), None)
            if len(matched) == 1 and g["kind"] == entity.kind and g["name"] not in claimed:
                after[entity.kind][0] += 1
                claimed.add(g["name"])
            else:
                after[entity.kind][1] += 1
                errors.append(f"{path.name}: predicted {entity.name!r} ({entity.kind}) spellings {sorted(spellings)} -> gold {sorted(matched) or 'none'}")
        for g in gold:
            if g["name"] not in claimed:
                after[g["kind"]][2] += 1
                errors.append(f"{path.name}: missed {g['name']!r} ({g['kind']})")

    def table(counts) -> dict:
        out = {k: _prf(*counts[k]) for k in KINDS}
        total = [sum(counts[k][i] for k in KINDS) for i in range(3)]
        out["all"] = _prf(*total)
        return out

    gold_names_by_entity: dict[str, set[str]] = defaultdict(set)
    for key, g in gold_of_entity:
        gold_names_by_entity[key].add(identity.of(g))
    mixed = sorted(corpus.entity(k).name + " <- " + ", ".join(sorted(v)) for k, v in gold_names_by_entity.items() if len(v) > 1)
    return {"before_merging": table(before), "after_merging": table(after), "mixed_groups": mixed,
            "entities": len(corpus.entities), "errors": errors}


class _GoldIdentity:
    """Gold files are per article; the same real entity across articles is recognised by
    a shared (kind, spelling) - "Nuri al-Maliki" and "Nouri al-Maliki" share "maliki"."""

    def __init__(self) -> None:
        self.parent: dict[tuple[str, str], tuple[str, str]] = {}

    def _find(self, x):
        while self.parent[x] != x:
            x = self.parent[x]
        return x

    def add(self, g: dict) -> None:
        nodes = [(g["kind"], "name: " + g["name"])] + [(g["kind"], s) for s in g["spellings"]]
        for node in nodes:
            self.parent.setdefault(node, node)
        for node in nodes[1:]:
            a, b = self._find(nodes[0]), self._find(node)
            if a != b:
                self.parent[max(a, b)] = min(a, b)

    def of(self, g: dict) -> str:
        return " / ".join(self._find((g["kind"], "name: " + g["name"])))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backend", default="all", choices=["all", *BACKENDS])
    parser.add_argument("--set", default="all", choices=["all", *SETS])
    parser.add_argument("--errors", action="store_true", help="list every error on stderr")
    args = parser.parse_args(argv)
    backends = list(BACKENDS) if args.backend == "all" else [args.backend]
    sets = list(SETS) if args.set == "all" else [args.set]
    results = {}
    for backend in backends:
        for name in sets:
            paths = SETS[name]()
            articles, words, elapsed = analyse(paths, backend)
            result = score(paths, articles)
            result["words"] = words
            result["words_per_second"] = round(words / elapsed) if elapsed else None
            results[f"{backend}/{name}"] = result
            print(f"\n{backend} on {name} ({len(paths)} articles, {words} words, {result['words_per_second']} words/s one process)", file=sys.stderr)
            for stage in ("before_merging", "after_merging"):
                row = result[stage]
                cells = "  ".join(f"{k} P {row[k]['precision']:.2f} R {row[k]['recall']:.2f} F1 {row[k]['f1']:.2f}" for k in (*KINDS, "all"))
                print(f"  {stage:15} {cells}", file=sys.stderr)
            print(f"  mixed groups: {len(result['mixed_groups'])} {result['mixed_groups'][:5]}", file=sys.stderr)
            if args.errors and name != "gum-test":
                for error in result["errors"]:
                    print("   ", error, file=sys.stderr)
    for result in results.values():
        result.pop("errors")
    json.dump(results, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
