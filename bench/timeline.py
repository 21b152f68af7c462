"""Timeline date quality against hand-made gold annotations.

    python -m bench.timeline [--set seeds|gum|all] [--gold-anchor]

Gold files (tests/gold/dates/*.yml, see the README there) list every date expression of the
published text of an article with the date it refers to. Each article is read, cleaned and
extracted as newsdesk does (read_seed -> clean -> extract), then its dates are found in the
analysed lines (headline, dek, body) and resolved against the article's date as the pipeline
found it (``--gold-anchor``: against the gold anchor instead, to score the date rules alone).

Scores, for the seeds and for GUM separately:

- detection: a predicted date matches a gold one of the same article when their texts are
  equal after normalising whitespace and quotes, or one contains the other (one-to-one; pairs
  on the same line and equal texts are preferred). Precision, recall, F1. Predictions that
  match a date the gold lists as boilerplate (captions, bios, source lists) are counted apart.
- value precision: among matched dates, the share whose value and precision equal the gold's.
- exact but wrong: among matched dates predicted certain=True, the share whose value is wrong
  (neither the gold value nor a coarser prefix of it, e.g. "2014" for "2014-06"). This is the
  number that matters most: a date the site shows as exact although it is not.

On the seeds it also checks the timeline (``newsdesk.timeline.compute_timeline``) for the
events the timeline issue names, printed as PASS/FAIL lines.

Prints JSON on stdout; a table, every mismatch and the checks on stderr.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import replace
from pathlib import Path

import yaml

from newsdesk.analyse import find_article_dates
from newsdesk.clean import clean
from newsdesk.extract.mentions import analysed_lines
from newsdesk.extract.metadata import extract
from newsdesk.read import read_seed
from newsdesk.timeline import compute_timeline

ROOT = Path(__file__).resolve().parent.parent
GOLD = ROOT / "tests" / "gold" / "dates"
SHARED = ROOT.parent / "shared"
SETS = {
    # The project's own copies: the same texts as /work/shared/seeds, with the sidecars that
    # give their month of publication.
    "seeds": lambda: sorted((ROOT / "seeds").glob("*.txt")),
    "gum": lambda: sorted((SHARED / "corpora" / "gum-wikinews").glob("GUM_news_*.txt")),
}

_QUOTES = str.maketrans({"‘": "'", "’": "'", "‛": "'", "′": "'", "`": "'", "“": '"', "”": '"', "„": '"', "″": '"'})


def norm(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


def _same_text(a: str, b: str) -> bool:
    a, b = norm(a), norm(b)
    return a == b or a in b or b in a


def load_gold(path: Path) -> dict:
    return yaml.safe_load((GOLD / f"{path.stem}.yml").read_text("utf-8"))


def analyse(path: Path, gold_anchor: str | None):
    """The article as newsdesk extracts it, and its dates (DateRef) in the analysed lines."""
    seed, _ = read_seed(path, path.parent.parent if path.parent.name == "seeds" else path.parent)
    article = extract(seed, clean(seed.text))
    lines = analysed_lines(article)
    anchor = gold_anchor if gold_anchor is not None else article.published.value
    dates = find_article_dates(lines, anchor)
    return replace(article, dates=dates, slug=path.stem), {line.number for line in lines}, anchor


def match(predicted: list, gold: list[dict]) -> list[tuple[int, int]]:
    """One-to-one (prediction index, gold index) pairs. Passes from the strictest: same line
    and equal text, same line and containment, then anywhere in the article."""
    pairs, used_p, used_g = [], set(), set()
    passes = [(True, True), (True, False), (False, True), (False, False)]
    for same_line, equal in passes:
        for i, p in enumerate(predicted):
            if i in used_p:
                continue
            for j, g in enumerate(gold):
                if j in used_g or (same_line and p.line != g["line"]):
                    continue
                if (norm(p.text) == norm(g["text"])) if equal else _same_text(p.text, g["text"]):
                    pairs.append((i, j))
                    used_p.add(i)
                    used_g.add(j)
                    break
    return pairs


def _consistent(value: str | None, gold_value: str | None) -> bool:
    """The predicted value is the gold value or a coarser prefix of it ("2014" of "2014-06")."""
    if value is None or gold_value is None:
        return value == gold_value
    return value == gold_value or gold_value.startswith(value + "-")


def _ratio(a: int, b: int) -> float | None:
    return round(a / b, 3) if b else None


def _show(d) -> str:
    return f"{d.value or 'None'}/{d.precision}/{'certain' if d.certain else 'guess'}"


def _show_gold(g: dict) -> str:
    return f"{g['value'] or 'None'}/{g['precision']}/{'certain' if g['certain'] else 'guess'}"


def score(paths: list[Path], use_gold_anchor: bool) -> tuple[dict, list[str], list]:
    tp = fp = fn = boiler = 0
    exact = matched_certain = certain_wrong = certain_fp = certain_agree = 0
    by_kind = {"value": [], "detection_fp": [], "detection_fn": [], "anchor": [], "boilerplate": []}
    articles = []
    for path in paths:
        gold = load_gold(path)
        article, analysed, anchor = analyse(path, gold["anchor"] if use_gold_anchor else None)
        articles.append(article)
        name = path.stem
        if anchor != gold["anchor"]:
            by_kind["anchor"].append(f"{name}: resolved against {anchor!r}, gold anchor {gold['anchor']!r}")
        predicted = list(article.dates)
        golds = gold["dates"]
        pairs = match(predicted, golds)
        got_p = {i for i, _ in pairs}
        got_g = {j for _, j in pairs}
        for i, j in pairs:
            p, g = predicted[i], golds[j]
            tp += 1
            ok = p.value == g["value"] and p.precision == g["precision"]
            exact += ok
            certain_agree += ok and p.certain == g["certain"]
            if p.certain:
                matched_certain += 1
                wrong = not _consistent(p.value, g["value"])
                certain_wrong += wrong
            else:
                wrong = False
            if not ok or p.certain != g["certain"]:
                tag = "EXACT BUT WRONG" if wrong else ("value" if not ok else "certain flag")
                by_kind["value"].append(
                    f"{name}:{p.line} {tag}: {p.text!r} -> {_show(p)}, gold {g['text']!r} {_show_gold(g)}")
        boiler_entries = gold.get("boilerplate") or []
        for i, p in enumerate(predicted):
            if i in got_p:
                continue
            if any(b["line"] == p.line and _same_text(p.text, b["text"]) for b in boiler_entries):
                boiler += 1
                by_kind["boilerplate"].append(f"{name}:{p.line} {p.text!r} -> {_show(p)} (in page furniture kept by clean)")
                continue
            fp += 1
            certain_fp += bool(p.certain and p.value)
            by_kind["detection_fp"].append(f"{name}:{p.line} not a gold date: {p.text!r} -> {_show(p)}")
        for j, g in enumerate(golds):
            if j in got_g:
                continue
            fn += 1
            where = "" if g["line"] in analysed else " (line not in the analysed text)"
            by_kind["detection_fn"].append(f"{name}:{g['line']} missed: {g['text']!r} {_show_gold(g)}{where}")
    p = _ratio(tp, tp + fp)
    r = _ratio(tp, tp + fn)
    f1 = round(2 * p * r / (p + r), 3) if p and r else 0.0
    result = {
        "articles": len(paths), "gold": tp + fn, "predicted": tp + fp + boiler,
        "detection": {"precision": p, "recall": r, "f1": f1, "tp": tp, "fp": fp, "fn": fn,
                      "in_boilerplate": boiler},
        "value_precision": _ratio(exact, tp), "value_exact": exact,
        "certain_flag_agreement": _ratio(certain_agree, tp),
        "exact_but_wrong": _ratio(certain_wrong, matched_certain), "exact_but_wrong_count": certain_wrong,
        "matched_certain": matched_certain,
        "certain_false_positives": certain_fp,
        "anchor_mismatches": len(by_kind["anchor"]),
    }
    errors = [line for kind in ("anchor", "value", "detection_fp", "detection_fn", "boilerplate") for line in by_kind[kind]]
    return result, errors, articles


# --- the events the timeline issue names (seeds) -----------------------------------------

_NAMED_EVENTS = [
    ("the December 27 rocket attack", "2019-12-27", r"rocket"),
    ("the New Year's Eve embassy assault", "2019-12-31", r"[Ee]mbassy"),
    ("the January 3 strike", "2020-01-03", r"Soleimani|strike"),
]
_BACKGROUND_YEARS = ("2003", "2007", "2011", "2014")


def timeline_checks(articles) -> list[dict]:
    events = compute_timeline(articles, {})
    checks = []
    positions = []
    for label, value, pattern in _NAMED_EVENTS:
        hits = [k for k, e in enumerate(events) if e.value == value and re.search(pattern, e.sentence)]
        positions.append(hits[0] if hits else None)
        detail = (f"{len(hits)} event(s), first: {events[hits[0]].article}:{events[hits[0]].line} "
                  f"{events[hits[0]].date_text!r}") if hits else "no event with this date and wording"
        checks.append({"check": f"{label} ({value}) is in the timeline", "pass": bool(hits), "detail": detail})
    found = [k for k in positions if k is not None]
    in_order = len(found) == len(positions) and found == sorted(found)
    checks.append({"check": "the three events are in this order (rocket attack, embassy assault, strike)",
                   "pass": in_order, "detail": f"timeline positions {positions}"})
    for year in _BACKGROUND_YEARS:
        hits = [e for e in events if e.value == year and e.precision == "year"]
        detail = f"{len(hits)} event(s), e.g. {hits[0].article}:{hits[0].line} {hits[0].sentence[:70]!r}" if hits else "none"
        checks.append({"check": f"a {year} background event is in the timeline", "pass": bool(hits), "detail": detail})
    return checks


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", default="all", choices=["all", *SETS])
    parser.add_argument("--gold-anchor", action="store_true",
                        help="resolve against the gold anchors, not the dates the pipeline found")
    args = parser.parse_args(argv)
    names = list(SETS) if args.set == "all" else [args.set]
    results: dict = {"anchors": "gold" if args.gold_anchor else "pipeline"}
    for name in names:
        paths = SETS[name]()
        result, errors, articles = score(paths, args.gold_anchor)
        results[name] = result
        d = result["detection"]
        print(f"\n{name}: {result['articles']} articles, {result['gold']} gold dates, {result['predicted']} predicted"
              f" (anchors: {results['anchors']})", file=sys.stderr)
        print(f"  detection        P {d['precision']:.3f}  R {d['recall']:.3f}  F1 {d['f1']:.3f}"
              f"   tp {d['tp']}  fp {d['fp']}  fn {d['fn']}  in boilerplate {d['in_boilerplate']}", file=sys.stderr)
        print(f"  value precision  {result['value_precision']:.3f}  ({result['value_exact']}/{d['tp']} matched dates"
              f" with the gold value and precision); certain flag agrees on {result['certain_flag_agreement']:.3f}",
              file=sys.stderr)
        ebw = result["exact_but_wrong"]
        print(f"  exact but wrong  {ebw if ebw is None else f'{ebw:.3f}'}  ({result['exact_but_wrong_count']}/"
              f"{result['matched_certain']} matched dates shown as certain have a wrong value);"
              f" {result['certain_false_positives']} certain non-dates", file=sys.stderr)
        if result["anchor_mismatches"]:
            print(f"  anchor           {result['anchor_mismatches']} article(s) resolved against another date"
                  " than the gold anchor", file=sys.stderr)
        print(f"  mismatches ({len(errors)}):", file=sys.stderr)
        for error in errors:
            print("   ", error, file=sys.stderr)
        if name == "seeds":
            checks = timeline_checks(articles)
            results["seed_timeline_checks"] = checks
            print("  timeline checks:", file=sys.stderr)
            for c in checks:
                print(f"    {'PASS' if c['pass'] else 'FAIL'}  {c['check']}: {c['detail']}", file=sys.stderr)
    json.dump(results, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
