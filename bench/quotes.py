"""Quote extraction quality and speed against hand-made gold annotations.

    python -m bench.quotes [--set seeds|gum|all] [--backend auto|hybrid|spacy|rules]

Runs the real per-article pipeline on each article (read_seed -> clean -> extract ->
find_mentions, then find_quotes) and scores it against ``tests/gold/quotes/<stem>.yml``:

- detection: a predicted quote matches a gold one when the gold ``text_start`` is the
  start of the predicted text, ignoring case, quote marks and whitespace (one-to-one).
  Precision = matched predictions / predictions; recall = matched gold / gold.
- attribution precision: share of matched predictions whose speaker is right. A gold
  named speaker is right when the predicted speaker, titles stripped, equals the gold
  name, is a suffix of it or it of the predicted one ("Esper" for "Mark T. Esper"), is
  a spelling variant of it (same surname within a small edit distance: "Bauchtman" for
  "Buchtmann"), or its initials ("KCNA"); and the prediction is not anonymous. A gold
  anonymous speaker is right when the prediction is anonymous.

Throughput: quotes found per second of ``find_quotes`` alone, and per second of the whole
per-article pipeline (cleaning, metadata and recognition included), one process, cold.

Prints JSON on stdout; a table, every wrong attribution, every miss and every spurious
quote on stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from pathlib import Path

import yaml
from rapidfuzz.fuzz import ratio

from newsdesk.clean import clean
from newsdesk.entities import FUZZY_NAME, fold, strip_titles
from newsdesk.extract.entities import get_backend
from newsdesk.extract.mentions import analysed_lines, find_mentions
from newsdesk.extract.metadata import extract
from newsdesk.extract.quotes import Quote, find_quotes
from newsdesk.read import read_seed

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "quotes"
SHARED = ROOT.parent / "shared"


def _seeds() -> list[Path]:
    folder = SHARED / "seeds" if (SHARED / "seeds").is_dir() else ROOT / "seeds"
    return sorted(folder.glob("*.txt"))


SETS = {
    "seeds": _seeds,
    "gum": lambda: sorted((SHARED / "corpora" / "gum-wikinews").glob("GUM_news_*.txt")),
}
_QUOTE_CHARS = re.compile("[“”\"‘’'«»„]")
_SKIP_IN_INITIALS = {"of", "the", "and", "for", "a", "an", "in", "on", "at", "to"}


def norm_text(text: str) -> str:
    return " ".join(_QUOTE_CHARS.sub("", text).casefold().split())


def name_tokens(name: str) -> list[str]:
    return strip_titles(fold(name)).split()


def same_speaker(predicted: str | None, gold: str) -> bool:
    """Named speakers: equal, suffix either way, spelling variant, or initials."""
    if not predicted:
        return False
    p, g = name_tokens(predicted), name_tokens(gold)
    if not p or not g:
        return False
    if p == g or g[-len(p):] == p or p[-len(g):] == g:
        return True
    if ratio(p[-1], g[-1]) >= FUZZY_NAME and (len(p) == 1 or ratio(p[0], g[0]) >= FUZZY_NAME):
        return True
    initials = "".join(t[0] for t in g if t not in _SKIP_IN_INITIALS)
    return len(p) == 1 and len(initials) > 1 and p[0] == initials


def load_gold(path: Path) -> list[dict]:
    data = yaml.safe_load((GOLD / f"{path.stem}.yml").read_text("utf-8"))
    return list(data.get("quotes") or [])


def run(paths: list[Path], backend_name: str):
    backend = get_backend(backend_name)
    backend.find(["Warm-up of the model, not timed."])
    results, pipeline_time, quote_time, words = [], 0.0, 0.0, 0
    for path in paths:
        seed, _ = read_seed(path, path.parent.parent if path.parent.name == "seeds" else path.parent)
        started = time.perf_counter()
        article = extract(seed, clean(seed.text))
        mentions, _ = find_mentions(article, backend)
        lines = analysed_lines(article)
        before_quotes = time.perf_counter()
        quotes = find_quotes(lines, list(mentions))
        finished = time.perf_counter()
        pipeline_time += finished - started
        quote_time += finished - before_quotes
        words += sum(len(line.text.split()) for line in lines)
        results.append((path, quotes))
    return results, pipeline_time, quote_time, words


def score(results: list[tuple[Path, list[Quote]]]) -> dict:
    gold_total = predicted_total = matched = right = 0
    wrong, missed, spurious = [], [], []
    for path, quotes in results:
        gold = load_gold(path)
        gold_total += len(gold)
        predicted_total += len(quotes)
        used: set[int] = set()
        for q in quotes:
            text = norm_text(q.text)
            index = next((i for i, g in enumerate(gold) if i not in used and text.startswith(norm_text(g["text_start"]))), None)
            if index is None:
                spurious.append(f"{path.name}: L{q.line} {q.text[:60]!r} ({q.speaker})")
                continue
            used.add(index)
            matched += 1
            g = gold[index]
            ok = q.anonymous if g["anonymous"] else (not q.anonymous and same_speaker(q.speaker, g["speaker"]))
            if ok:
                right += 1
            else:
                expected = f"anonymous ({g.get('description')})" if g["anonymous"] else g["speaker"]
                got = f"{q.speaker!r}" + (" anonymous" if q.anonymous else "")
                wrong.append(f"{path.name}: L{q.line} {q.text[:50]!r}: predicted {got}, gold {expected}")
        for i, g in enumerate(gold):
            if i not in used:
                missed.append(f"{path.name}: {g['text_start']!r} ({g['speaker'] or g.get('description')})")
    p = matched / predicted_total if predicted_total else 0.0
    r = matched / gold_total if gold_total else 0.0
    return {
        "articles": len(results), "gold": gold_total, "predicted": predicted_total, "matched": matched,
        "detection": {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / (p + r), 3) if p + r else 0.0},
        "attribution": {"precision": round(right / matched, 3) if matched else 0.0, "right": right, "wrong": len(wrong)},
        "wrong_attributions": wrong, "missed": missed, "spurious": spurious,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="all", choices=["all", *SETS])
    parser.add_argument("--backend", default="auto", choices=["auto", "hybrid", "spacy", "rules"])
    args = parser.parse_args(argv)
    out = {}
    for name in (list(SETS) if args.set == "all" else [args.set]):
        paths = SETS[name]()
        results, pipeline_time, quote_time, words = run(paths, args.backend)
        result = score(results)
        found = sum(len(q) for _, q in results)
        result["throughput"] = {
            "quotes_per_second_find_quotes": round(found / quote_time) if quote_time else None,
            "words_per_second_find_quotes": round(words / quote_time) if quote_time else None,
            "quotes_per_second_pipeline": round(found / pipeline_time, 1) if pipeline_time else None,
        }
        out[name] = result
        d, a, t = result["detection"], result["attribution"], result["throughput"]
        print(f"\n{name} ({len(paths)} articles, backend {args.backend}): gold {result['gold']}, predicted "
              f"{result['predicted']}, matched {result['matched']}", file=sys.stderr)
        print(f"  detection   P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}", file=sys.stderr)
        print(f"  attribution P {a['precision']:.3f}  ({a['right']} right, {a['wrong']} wrong)", file=sys.stderr)
        print(f"  throughput  {t['quotes_per_second_find_quotes']} quotes/s ({t['words_per_second_find_quotes']} words/s) "
              f"in find_quotes; {t['quotes_per_second_pipeline']} quotes/s for the whole per-article pipeline", file=sys.stderr)
        for label, key in (("wrong attribution", "wrong_attributions"), ("missed", "missed"), ("spurious", "spurious")):
            for line in result[key]:
                print(f"    {label}: {line}", file=sys.stderr)
    json.dump(out, sys.stdout, indent=1, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
