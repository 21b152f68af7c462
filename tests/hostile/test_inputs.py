"""Hostile input through one real `newsdesk build` (MkDocs + Material): every case of
``cases.py`` at once, in one project.

Each case must be published (its lines shown as text), published with a warning naming the
file, refused with a message naming the file and the reason, or skipped and said so; and
all the other seeds must still be published. Checked per group (bytes, markup, names,
sidecars and entities.yml), each test listing every case that went wrong. Then, over the
whole site: no markup from a seed became an element, attribute or link; no bidirectional
override or control character reached a page; no file outside the seeds folder was read;
nothing was written outside the project; MkDocs itself warned about nothing; and
``--strict`` turns the warnings into exit code 1.
"""

from __future__ import annotations

import json
import re

import pytest

from tests.conftest import run_newsdesk

from .cases import EVIL_HOST, PWNED, SECRET, Built, Case, article_pages, hostile_build, parse_page, squash

pytestmark = pytest.mark.slow

# Elements no seed text may ever become (the article's own markup uses none of them).
FORBIDDEN_TAGS = {"script", "iframe", "frame", "object", "embed", "svg", "math", "img", "style", "link", "meta",
                  "base", "form", "input", "button", "noscript", "template", "video", "audio", "source"}
BIDI_AND_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Built:
    result = hostile_build(tmp_path_factory)
    assert result.returncode == 0, f"newsdesk build exited {result.returncode}:\n{result.stderr[-5000:]}"
    return result


def check_cases(built: Built, group: str) -> None:
    cases = [c for c in built.project.cases if c.group == group]
    assert cases, group
    pages = article_pages(built.folder)
    corpus = json.loads((built.folder / "docs" / "data" / "corpus.json").read_text("utf-8"))
    problems = {p["seed"]: p["reason"] for p in corpus["problems"]}
    lines = built.stderr.splitlines()
    failures = [f"{case.id}: {why}" for case in cases for why in case_failures(case, pages, problems, lines)]
    assert not failures, f"{len(failures)} problem(s):\n" + "\n".join(failures)


def case_failures(case: Case, pages: dict, problems: dict, lines: list[str]) -> list[str]:
    wrong = []
    is_seed = case.path.startswith("seeds/") and not case.path.endswith((".yml", "/"))
    if case.expect in ("published", "warned") and is_seed:
        if case.path not in pages:
            return [f"not published (problem: {problems.get(case.path)})"]
        page = pages[case.path]
        if not page["html"].is_file():
            return [f"{page['html']} was not built"]
        shown = parse_page(page["html"])
        for text in case.shows:
            if squash(text) not in shown.text:
                wrong.append(f"the page does not show {text[:80]!r}")
        if case.title is not None and page["meta"]["title"] != case.title:
            wrong.append(f"title {page['meta']['title']!r}, expected {case.title!r}")
        if case.path in problems:
            wrong.append("published, but also listed as not published")
    if case.expect == "warned":
        said = [line for line in lines if line.startswith("Warning: ") and f"{case.path}:" in line]
        if not any(all(s in line for s in case.says) for line in said):
            wrong.append(f"no warning naming the file and saying {case.says}; said: {said}")
    if case.expect == "refused":
        said = [line for line in lines if line.startswith(f"Warning: Seed not published: {case.path}: ")]
        if not any(all(s in line for s in case.says) for line in said):
            wrong.append(f"no 'Seed not published' warning saying {case.says}; said: {said}")
        if case.path not in problems:
            wrong.append("not listed among the problems in corpus.json (and on the home page)")
        if case.path in pages:
            wrong.append("refused, but published anyway")
    if case.expect == "skipped":
        said = [line for line in lines if case.path in line and not line.startswith(("Warning", "Error"))]
        if not any(all(s in line for s in case.says) for line in said):
            wrong.append(f"no message naming the file and saying {case.says}")
        if case.path in pages or case.path in problems:
            wrong.append("skipped, but published or listed as a problem")
    return wrong


def test_the_hostile_project_builds(built: Built) -> None:
    assert (built.site / "index.html").is_file()
    assert built.seconds < 300, f"the hostile build took {built.seconds:.0f}s"
    errors = [line for line in built.stderr.splitlines() if line.startswith("Error")]
    assert not errors, errors


def test_bytes_and_encodings(built: Built) -> None:
    check_cases(built, "bytes")


def test_markup_in_the_text(built: Built) -> None:
    check_cases(built, "markup")


def test_file_names(built: Built) -> None:
    check_cases(built, "names")


def test_sidecars_and_entities_yml(built: Built) -> None:
    check_cases(built, "yaml")


def test_every_other_seed_is_published(built: Built) -> None:
    """Everything not refused or skipped is an article, whatever happened to its neighbours."""
    pages = article_pages(built.folder)
    expected = {c.path for c in built.project.cases if c.expect in ("published", "warned")
                and c.path.startswith("seeds/") and not c.path.endswith((".yml", "/"))}
    assert expected - set(pages) == set()
    refused = {c.path for c in built.project.cases if c.expect in ("refused", "skipped")}
    assert refused & set(pages) == set()


def test_only_newsdesk_warned(built: Built) -> None:
    """Every warning names a seed, a sidecar or entities.yml: MkDocs found nothing wrong
    with the generated pages (no broken link, no bad front-matter, no unrecognised path)."""
    warnings = [line for line in built.stderr.splitlines() if line.startswith("Warning")]
    others = [w for w in warnings if not re.match(r"Warning: (Seed not published: )?(seeds/|entities\.yml: )", w)]
    assert not others, others


def test_no_seed_markup_became_markup(built: Built) -> None:
    site = built.site
    problems = []
    for page in sorted(site.rglob("*.html")):
        parsed = parse_page(page)
        rel = page.relative_to(site).as_posix()
        for tag, attrs in parsed.article_tags:
            src = dict(attrs).get("src") or ""
            if tag == "script" and src and "://" not in src and not src.startswith(("//", "data:", "javascript:")):
                continue  # newsdesk's own script files (the graph page)
            if tag in FORBIDDEN_TAGS:
                problems.append(f"{rel}: <{tag}> inside the article")
        for tag, attrs in parsed.all_tags:
            for name, value in attrs:
                if name.startswith("on"):
                    problems.append(f"{rel}: <{tag} {name}=...>")
                if name in ("href", "src", "action", "data", "srcdoc", "formaction") and value:
                    lowered = re.sub(r"\s", "", value).lower()
                    if lowered.startswith(("javascript:", "data:", "vbscript:")) or EVIL_HOST in lowered:
                        problems.append(f"{rel}: <{tag} {name}={value[:60]!r}>")
        if "<" in "".join(parsed.title):
            problems.append(f"{rel}: <title> holds markup: {''.join(parsed.title)!r}")
        raw = page.read_text("utf-8")
        if re.search(r"<script[^>]*>\s*" + re.escape(PWNED), raw) or re.search(r"<\w+[^>]*\son\w+\s*=\s*[\"']?" + re.escape(PWNED), raw):
            problems.append(f"{rel}: a payload survives as markup")
        if re.search(r'content="[^"]*"\s+\S+=', raw):
            problems.append(f"{rel}: a <meta content> attribute was broken out of")
    assert not problems, "\n".join(problems[:50])


def test_no_bidi_override_or_control_character_reaches_a_page(built: Built) -> None:
    found = []
    for path in sorted(built.site.rglob("*")):
        if path.suffix in (".html", ".json", ".xml") and path.is_file():
            for match in BIDI_AND_CONTROLS.finditer(path.read_text("utf-8")):
                found.append(f"{path.relative_to(built.site)}: U+{ord(match.group()):04X}")
    assert not found, found[:20]


def test_nothing_outside_the_seeds_folder_is_read_or_written(built: Built) -> None:
    for folder in (built.site, built.folder / "docs"):
        for path in folder.rglob("*"):
            if path.is_file():
                assert SECRET not in path.read_text("utf-8", errors="replace"), path
    # The project's parent holds only the project; the project only what a build makes.
    assert [p.name for p in built.folder.parent.iterdir()] == ["project"]
    assert {p.name for p in built.folder.iterdir()} == {
        ".gitignore", ".newsdesk", "docs", "entities.yml", "mkdocs.yml", "outside-secret.txt", "seeds", "site", "stolen.yml"}
    assert (built.folder / "docs" / "about.md").read_text("utf-8") == "# About\n\nA page the user wrote.\n"
    for path in built.site.rglob("*"):
        assert path.resolve().is_relative_to(built.site.resolve()), path
    # Tags that look like paths ("../../etc", "a/b", "index") are shown, never made into files.
    tags = built.site / "tags.html"
    text = squash("".join(parse_page(tags).body))
    for tag in ("../../etc", "a/b", "C:\\Windows\\System32", "%2e%2e%2f"):
        assert tag in text, tag
    assert not (built.folder / "etc").exists() and not (built.site / "etc").exists()


def test_strict_turns_the_warnings_into_a_failure(built: Built) -> None:
    proc = run_newsdesk("generate", "--strict", "-C", str(built.folder), check=False)
    assert proc.returncode == 1
    last = proc.stderr.strip().splitlines()[-1]
    assert re.match(r"Error: --strict: \d+ seed\(s\) not published, \d+ other warning\(s\)", last), last
    assert "Warning: Seed not published: seeds/bytes-nul.txt: looks like a binary file" in proc.stderr
