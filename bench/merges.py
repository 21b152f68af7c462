"""Merged people that look like two people, on a corpus too large for gold annotations.

    python -m bench.merges [--articles 6000] [--backend rules] [--project DIR] [--show 20]

The gold sets of ``bench.entities`` hold 29 articles. Merging faults that need many
articles to appear (one surname standing for several people, one acronym for several
names, a name without a middle name fitting two people) do not show there. This builds
the entities of N Wikinews articles (as ``bench.build`` picks them) and counts the person
entities whose spellings carry two different given names: "Gordon Brown" with "Bob
Brown". Two given names are the same when one is a spelling (rapidfuzz ratio at least
``entities.FUZZY_NAME``) or an abbreviation of the other; titles and place names run into
the front of a name ("Israel Ehud Olmert") do not count as given names.

It is a count to watch, not a score: a few of the groups it lists are one person under a
nickname or a partial name that merging cannot tell apart. Prints JSON on stdout; with
``--project`` the analyses are cached in that project (``.newsdesk/cache``), so a second
run only merges.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

from rapidfuzz.fuzz import ratio

from newsdesk.analyse import analyse_seeds
from newsdesk.config import load_settings
from newsdesk.entities import FUZZY_NAME, PARTICLES, fold, run_into_front  # the merge's own idea of a name's words
from newsdesk.link import link
from newsdesk.read import find_seeds

from .build import make_project


def given_names(spellings: list[str]) -> list[str]:
    """The given names in a person's spellings: the first word of each spelling of two
    words or more (words as written: "Brown-Waite" is one), after titles, particles and
    place names run into its front."""
    found = set()
    for spelling in spellings:
        words = [fold(w) for w in spelling.split()]
        words = [w for w in words if w and w not in PARTICLES]
        while words and run_into_front(words[0].split()):  # "attorney-general" folds to two words
            words.pop(0)
        if len(words) >= 2:
            found.add(words[0])
    return sorted(found)


def same_given_name(a: str, b: str) -> bool:
    return a.startswith(b) or b.startswith(a) or ratio(a, b) >= FUZZY_NAME


def looks_like_two_people(spellings: list[str]) -> list[str] | None:
    names = given_names(spellings)
    if any(not same_given_name(a, b) for i, a in enumerate(names) for b in names[i + 1:]):
        return names
    return None


def measure(project: Path) -> dict:
    settings = load_settings(project)
    paths, _ = find_seeds(settings.seeds_dir)
    started = time.perf_counter()
    analysis = analyse_seeds(paths, settings)
    analysed = time.perf_counter() - started
    started = time.perf_counter()
    corpus = link(analysis.articles, [], None, settings.entity_page_min_mentions)
    linked = time.perf_counter() - started
    people = [e for e in corpus.entities if e.kind == "person"]
    suspicious = []
    for entity in people:
        names = looks_like_two_people([entity.name, *entity.aliases])
        if names:
            suspicious.append({"name": entity.name, "mentions": entity.mentions, "given_names": names,
                               "aliases": list(entity.aliases)})
    suspicious.sort(key=lambda s: (-s["mentions"], s["name"]))
    return {"articles": len(corpus.articles), "entities": len(corpus.entities), "people": len(people),
            "people_with_two_given_names": len(suspicious), "analyse_seconds": round(analysed, 2),
            "link_seconds": round(linked, 2), "largest": suspicious}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=6000)
    parser.add_argument("--backend", default="rules")
    parser.add_argument("--project", type=Path, help="an existing project (its analyses are cached there)")
    parser.add_argument("--show", type=int, default=20, help="how many of the largest suspicious groups to list")
    args = parser.parse_args(argv)
    if args.project is not None:
        result = measure(args.project)
    else:
        with tempfile.TemporaryDirectory(prefix="newsdesk-merges-") as work:
            project = Path(work) / "project"
            make_project(project, args.articles, args.backend, 0)
            result = measure(project)
    result["largest"] = result["largest"][:args.show]
    json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
