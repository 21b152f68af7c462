"""Hostile input, stage by stage and in-process (fast): the reader's refusals and text
policy, unreadable files (simulated: the tests run as root, where permissions are not
enforced), YAML that tries to exhaust or confuse the loader, a hostile entities.yml, and
slugs that collide with the pages newsdesk generates itself."""

from __future__ import annotations

import dataclasses
import errno
import os
import re
import sys
import threading
import time
import unicodedata
from pathlib import Path

import pytest

from newsdesk import read
from newsdesk.analyse import analyse_seeds
from newsdesk.config import Settings
from newsdesk.entities import load_overrides
from newsdesk.extract.entities import get_backend
from newsdesk.extract.mentions import _bracketed_acronyms, mentions_from_spans
from newsdesk.read import SeedError, find_seeds, normalise, printable, read_seed
from newsdesk.records import Line
from newsdesk.yamlsafe import YamlError, load_mapping

from tests.scaling import assert_linear

from .cases import BILLION_LAUGHS, LEAD, article, tiny_png


def seeds_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "seeds"
    folder.mkdir(exist_ok=True)
    return folder


def settings(tmp_path: Path) -> Settings:
    return Settings(project_dir=tmp_path, seeds_dir=seeds_dir(tmp_path), docs_dir=tmp_path / "docs",
                    state_dir=tmp_path / ".newsdesk", site_name="t", site_description="", use_cache=False,
                    entity_backend="rules", jobs=1)


# --------------------------------------------------------------------------- the text policy


def test_policy_removes_bidi_controls_zero_width_and_controls_and_keeps_marks() -> None:
    text = ("a\u202ab\u202bc\u202cd\u202de\u202ef\u2066g\u2067h\u2068i\u2069j"  # embeddings, overrides, isolates
            "\u200bk\u2060l\ufeffm\u180en\u2061o\ufff9p\U000e0041q\ufffer\x01s\x7ft\x9bu")
    assert normalise(text) == "abcdefghijklmnopqrstu\n"
    kept = "שלום\u200f עולם\u200e مرحبا\u061c 👩\u200d💻 می\u200cخواهم soft\u00adhyphen\ttab"
    assert normalise(kept) == kept + "\n"


def test_policy_counts_what_it_removed() -> None:
    _text, removed = read.strip_invisible("x\u202ey\u200bz\x01\ufffe")
    assert dict(removed) == {"bidirectional formatting character": 1, "zero-width or invisible character": 1,
                             "control character": 1, "Unicode noncharacter": 1}


def test_a_seed_with_bidi_overrides_is_published_without_them_and_the_build_says_so(tmp_path: Path, caplog) -> None:
    path = seeds_dir(tmp_path) / "a.txt"
    path.write_text(article("Head\u202eenil\u202c", "Pay \u202etxt.exe\u202c now."), "utf-8")
    with caplog.at_level("INFO", logger="mkdocs.plugins.newsdesk"):
        seed, warnings = read_seed(path, tmp_path)
    assert "\u202e" not in seed.text and "Headenil" in seed.text and "Pay txt.exe now." in seed.text
    assert warnings == []  # not a warning: --strict builds of right-to-left text must not fail
    assert any("seeds/a.txt: removed 4 bidirectional formatting characters" in r.getMessage() for r in caplog.records)


def test_sidecar_values_follow_the_policy(tmp_path: Path) -> None:
    path = seeds_dir(tmp_path) / "a.txt"
    path.write_text(article("Headline"), "utf-8")
    (path.parent / "a.yml").write_text('title: "A \\u202eb\\u202c c\\u200b"\ntags: ["x\\u2066y"]\n', "utf-8")
    seed, warnings = read_seed(path, tmp_path)
    assert warnings == [] and seed.sidecar == {"title": "A b c", "tags": ["xy"]}


@pytest.mark.parametrize("data, encoding, invalid", [
    ("café “quoted” naïve".encode() + b" \xff", "utf-8", 1),  # UTF-8 with a stray byte
    ("Zürich façade".encode("cp1252"), "cp1252", 0),  # a single-byte code page, never misread as UTF-8
    ("Straße”".encode("cp1252") + " and café".encode("cp1252"), "cp1252", 0),  # ß” happens to be valid UTF-8
])
def test_mostly_utf8_and_code_pages(data: bytes, encoding: str, invalid: int) -> None:
    text, found, bad = read._decode(data)
    assert (found, bad) == (encoding, invalid), text
    if encoding == "cp1252":
        assert text == data.decode("cp1252")


@pytest.mark.parametrize("data, reason", [
    (b"", "is empty"),
    (" \n\u3000\n".encode(), "is empty"),
    ("\u200b\u202e\n".encode(), "no visible text"),
    (b"text\x00more", "binary"),
    (tiny_png(), "binary"),
    (bytes(range(1, 256)) * 40, "binary"),
    (b"\xfe\xff\xd8\x00", "byte-order mark"),
])
def test_unusable_seeds_are_refused_naming_the_file(tmp_path: Path, data: bytes, reason: str) -> None:
    path = seeds_dir(tmp_path) / "x.txt"
    path.write_bytes(data)
    with pytest.raises(SeedError, match=reason) as info:
        read_seed(path, tmp_path)
    assert str(info.value).startswith("seeds/x.txt: ")


def test_size_and_line_limits(tmp_path: Path, monkeypatch) -> None:
    path = seeds_dir(tmp_path) / "x.txt"
    path.write_text("Headline\n\n" + "w" * (read.MAX_LINE_CHARS + 1) + "\n")
    with pytest.raises(SeedError, match=rf"line 3 is {read.MAX_LINE_CHARS + 1:,} characters long"):
        read_seed(path, tmp_path)
    path.write_text("Headline\n\n" + "w" * read.MAX_LINE_CHARS + "\n")
    assert read_seed(path, tmp_path)[0].text.endswith("w\n")
    monkeypatch.setattr(read, "MAX_SEED_BYTES", 1000)
    path.write_text(article("x") * 10)
    with pytest.raises(SeedError, match=r"seeds over 1000 B|seeds over 1 KiB|are not read"):
        read_seed(path, tmp_path)


def test_a_seed_that_grows_while_read_stops_at_the_limit(tmp_path: Path, monkeypatch) -> None:
    path = seeds_dir(tmp_path) / "x.txt"
    path.write_text(article("x") * 100)
    real_fstat = os.fstat
    monkeypatch.setattr(read.os, "fstat", lambda fd: os.stat_result((*real_fstat(fd)[:6], 10, *real_fstat(fd)[7:])))
    monkeypatch.setattr(read, "MAX_SEED_BYTES", 5000)
    with pytest.raises(SeedError, match="are not read"):
        read_seed(path, tmp_path)


# --------------------------------------------------------------------------- unreadable files


@pytest.mark.parametrize("error, says", [
    (errno.EACCES, "permission denied"),
    (errno.EIO, "Input/output error"),
    (errno.ENOENT, "disappeared"),
])
def test_an_unreadable_seed_is_refused_and_the_others_are_published(tmp_path: Path, monkeypatch, error: int, says: str) -> None:
    """chmod 000 means nothing to root, so the failure is injected where the file is opened."""
    folder = seeds_dir(tmp_path)
    (folder / "good.txt").write_text(article("A readable seed"), "utf-8")
    (folder / "locked.txt").write_text(article("A locked seed"), "utf-8")
    real_open = os.open

    def failing_open(path, flags, *args):
        if os.fspath(path).endswith("locked.txt"):
            raise OSError(error, os.strerror(error), os.fspath(path))
        return real_open(path, flags, *args)

    monkeypatch.setattr(read.os, "open", failing_open)
    paths, refused = find_seeds(folder)
    assert refused == []
    analysis = analyse_seeds(paths, settings(tmp_path))
    assert [a.seed for a in analysis.articles] == ["seeds/good.txt"]
    assert [(p.path, says in p.reason) for p in analysis.problems] == [("seeds/locked.txt", True)]


POISON = "Poisonberry"  # a word the failing recogniser below cannot take


def poisoned_backend(monkeypatch, calls: list[int] | None = None):
    """The rules recogniser, made to raise on any call that includes a paragraph with ``POISON``."""
    backend = get_backend("rules")
    real_find = backend.find

    def find(paragraphs):
        if calls is not None:
            calls.append(len(paragraphs))
        if any(POISON in p for p in paragraphs):
            raise RuntimeError(f"the model choked on {POISON}\nat line 3 of its tokenizer")
        return real_find(paragraphs)

    monkeypatch.setattr(backend, "find", find)
    return backend


def test_the_recogniser_failing_on_one_article_loses_that_article_only(tmp_path: Path, monkeypatch, caplog) -> None:
    folder = seeds_dir(tmp_path)
    names = ["a.txt", "b.txt", "c.txt", "d.txt"]
    for name in names:
        (folder / name).write_text(article(f"Seed {name}", "Mayor Ann Lee opened the bridge in Lyon."), "utf-8")
    (folder / "c.txt").write_text(article("A seed the recogniser fails on", f"The {POISON} Festival opened."), "utf-8")
    calls: list[int] = []
    poisoned_backend(monkeypatch, calls)
    with caplog.at_level("WARNING", logger="mkdocs.plugins.newsdesk"):
        analysis = analyse_seeds(find_seeds(folder)[0], settings(tmp_path))
    assert [a.seed for a in analysis.articles] == ["seeds/a.txt", "seeds/b.txt", "seeds/d.txt"]
    assert all(a.mentions for a in analysis.articles)
    [problem] = analysis.problems
    assert problem.path == "seeds/c.txt"
    assert problem.reason == ("could not be analysed: the entity recogniser (rules) failed on it "
                              f"(RuntimeError: the model choked on {POISON} at line 3 of its tokenizer)")
    assert f"Seed not published: seeds/c.txt: {problem.reason}" in caplog.messages
    assert len(calls) == 4  # one call for each article's paragraphs: never mixed (analyse._recognise)


KILLER = "Orcaquake"  # a word a worker process dies on, below


def test_a_seed_a_worker_process_dies_on_loses_that_seed_only(tmp_path: Path, monkeypatch, caplog) -> None:
    """A worker that dies outright (as on a crash in a model's native code, or when the
    system stops it for lack of memory) raises nothing the worker could catch: the pool
    breaks. The seeds it left are analysed again in smaller groups; only the seed the
    process dies on is lost, and the others are exactly what a single-process run gives."""
    import multiprocessing

    from newsdesk import analyse
    from newsdesk.extract.ner_rules import RulesBackend

    folder = seeds_dir(tmp_path)
    names = [f"{i:02d}.txt" for i in range(12)]
    for name in names:
        (folder / name).write_text(article(f"Seed {name}", "Mayor Ann Lee opened the bridge in Lyon."), "utf-8")
    (folder / "07.txt").write_text(article("A seed a worker dies on", f"The {KILLER} Festival opened in Lyon."), "utf-8")
    paths = find_seeds(folder)[0]
    real_find = RulesBackend.find
    parent = os.getpid()

    def find(self, paragraphs):
        if os.getpid() != parent and any(KILLER in p for p in paragraphs):
            os._exit(70)  # no exception, no clean-up: the process is simply gone
        return real_find(self, paragraphs)

    monkeypatch.setattr(RulesBackend, "find", find)
    monkeypatch.setattr(analyse, "PARALLEL_MIN_WORDS", 0)
    monkeypatch.setattr(analyse, "BATCH_ARTICLES", 2)  # chunks of four seeds
    monkeypatch.setattr(analyse, "_jobs", lambda settings: 2)
    # fork (as in a plain build) so that the workers run the patched recogniser
    monkeypatch.setattr(analyse, "_process_context", lambda name: multiprocessing.get_context("fork"))
    with caplog.at_level("WARNING", logger="mkdocs.plugins.newsdesk"):
        analysis = analyse_seeds(paths, settings(tmp_path))
    assert analysis.workers == 2
    [problem] = analysis.problems
    assert problem.path == "seeds/07.txt" and "stopped abruptly" in problem.reason, problem
    # the dead worker's chunk, and any other chunk unfinished when the pool broke
    left = [re.search(r"analysing the (\d+) seeds it left again", m) for m in caplog.messages]
    assert [int(m.group(1)) for m in left if m] in ([4], [8], [12]), caplog.messages
    assert [a.seed for a in analysis.articles] == [f"seeds/{n}" for n in names if n != "07.txt"]

    monkeypatch.setattr(RulesBackend, "find", real_find)
    monkeypatch.setattr(analyse, "_jobs", lambda settings: 1)
    single = analyse_seeds(paths, settings(tmp_path))
    assert [a.to_dict() for a in analysis.articles] == [a.to_dict() for a in single.articles if a.seed != "seeds/07.txt"]


def test_an_error_completing_one_article_loses_that_article_only(tmp_path: Path, monkeypatch) -> None:
    from newsdesk import analyse

    folder = seeds_dir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(article(f"Seed {name}", "“The bridge will open on time,” Ann Lee said."), "utf-8")
    real = analyse.find_article_quotes

    def failing(lines, mentions):
        if any("Seed b.txt" in line.text for line in lines):
            raise IndexError("list index out of range")
        return real(lines, mentions)

    monkeypatch.setattr(analyse, "find_article_quotes", failing)
    analysis = analyse_seeds(find_seeds(folder)[0], settings(tmp_path))
    assert [a.seed for a in analysis.articles] == ["seeds/a.txt"]
    assert [(p.path, p.reason) for p in analysis.problems] == [
        ("seeds/b.txt", "could not be analysed (IndexError: list index out of range)")]


def test_a_recogniser_that_returns_too_few_results_is_a_failure_not_a_shift(tmp_path: Path, monkeypatch) -> None:
    folder = seeds_dir(tmp_path)
    for name in ("a.txt", "b.txt"):
        (folder / name).write_text(article(f"Seed {name}", "Mayor Ann Lee opened the bridge in Lyon."), "utf-8")
    backend = get_backend("rules")
    real_find = backend.find
    monkeypatch.setattr(backend, "find", lambda paragraphs: real_find(paragraphs)[1:])
    analysis = analyse_seeds(find_seeds(folder)[0], settings(tmp_path))
    assert analysis.articles == []
    assert [(p.path, "returned results for" in p.reason) for p in analysis.problems] == [("seeds/a.txt", True), ("seeds/b.txt", True)]


def test_a_read_error_half_way_is_refused(tmp_path: Path, monkeypatch) -> None:
    path = seeds_dir(tmp_path) / "x.txt"
    path.write_text(article("x"))

    def failing_read(fd, n):
        raise OSError(errno.EIO, os.strerror(errno.EIO))

    monkeypatch.setattr(read.os, "read", failing_read)
    with pytest.raises(SeedError, match=r"seeds/x.txt: cannot be read \(Input/output error\)"):
        read_seed(path, tmp_path)


def test_a_fifo_named_like_a_seed_never_blocks(tmp_path: Path) -> None:
    folder = seeds_dir(tmp_path)
    os.mkfifo(folder / "pipe.txt")
    os.mkfifo(folder / "ok.yml")
    (folder / "ok.txt").write_text(article("Fine"))
    outcome = {}

    def run():
        outcome["found"] = find_seeds(folder)
        outcome["read"] = read_seed(folder / "ok.txt", tmp_path)
        try:
            read_seed(folder / "pipe.txt", tmp_path)  # even if asked directly
        except SeedError as exc:
            outcome["direct"] = exc.reason

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "reading blocked on a FIFO"
    found, refused = outcome["found"]
    assert [p.name for p in found] == ["ok.txt"]
    assert [str(e) for e in refused] == ["seeds/pipe.txt: is not a regular file (a FIFO, socket or device); skipped"]
    assert outcome["read"][1] == ["seeds/ok.yml: sidecar ignored: is not a regular file (a FIFO, socket or device)"]
    assert "not a regular file" in outcome["direct"]


def test_seed_order_does_not_depend_on_the_listing_order(tmp_path: Path, monkeypatch) -> None:
    folder = seeds_dir(tmp_path)
    names = ["b.txt", "a.txt", "C.txt", "sub/z.txt", "sub/a.md", "é.txt", "e\u0301.txt", "10.txt", "9.txt"]
    for name in names:
        (folder / name).parent.mkdir(exist_ok=True)
        (folder / name).write_text("x\n")
    first = find_seeds(folder)[0]
    real_walk = os.walk

    def reversed_walk(top, **kwargs):
        for here, dirs, files in real_walk(top, **kwargs):
            dirs.reverse()
            files.reverse()
            yield here, dirs, files

    monkeypatch.setattr(read.os, "walk", reversed_walk)
    assert find_seeds(folder)[0] == first
    assert [p.relative_to(folder).as_posix() for p in first] == sorted(names)


def test_names_are_shown_as_what_they_are() -> None:
    assert printable("seeds/a\u202etxt.exe") == "seeds/a\\u202etxt.exe"
    assert printable("new\nline\x1b") == "new\\u000aline\\u001b"
    assert printable(os.fsdecode(b"bad-\xff.txt")) == "bad-\\xff.txt"
    assert printable("日本語 café " + unicodedata.normalize("NFD", "é")) == "日本語 café " + unicodedata.normalize("NFD", "é")


# --------------------------------------------------------------------------- YAML


@pytest.mark.parametrize("text, says", [
    (BILLION_LAUGHS, "aliases"),
    ("a: &x {b: 1}\nc:\n  <<: *x\n", "aliases"),
    ("a: " + "[" * 10_000 + "]" * 10_000, "nested more than"),
    ("a: " + "{b: " * 200 + "1" + "}" * 200, "nested more than"),
    ("a: " + "9" * 5000, "invalid value"),
    ("published: 2020-13-45", "invalid value"),
    ("a: 2020-01-01 10:00:00+99:00", "invalid value"),
    ("a: !!python/object/apply:os.system ['true']", "invalid YAML"),
    ("a: !!binary 'not base64!'", "invalid YAML"),
    ("? [a, b]\n: c", "invalid YAML"),
    ("1: one", "keys must be text"),
    ("- a list", "expected a mapping"),
    ("a: 'x\x07y'", "invalid YAML"),
    ("a: x\n" * 60_000, "larger than 256 KiB"),
])
def test_yaml_that_attacks_the_loader_is_a_clear_error(text: str, says: str) -> None:
    with pytest.raises(YamlError, match=says):
        load_mapping(text)


def test_yaml_strings_lose_invisible_characters() -> None:
    assert load_mapping('a: "x\\u202ey"\n"k\\u200b": [1, "z\\u2066"]\n') == {"a": "xy", "k": [1, "z"]}


@pytest.mark.parametrize("text, says", [
    ("aliases: {a: [b\n", "invalid YAML"),
    (BILLION_LAUGHS, "aliases"),
    ("split: " + "[" * 300 + "]" * 300, "nested"),
    ("describe: {X: 2020-13-45}", "invalid value"),
    (tiny_png(), "ignored"),
    (b"aliases: {caf\xe9: [x]}\n", "ignored"),
    ("aliases: [a, b]\nmerge: {a: b}\nkinds: [x]\n", "must be"),
    ("kinds: {Jordan: planet}\n", "kind of 'Jordan' must be one of"),
    ("colour: red\n", "unknown key 'colour'"),
    ("ignore: [" + "a, " * 100_000 + "b]", "larger than"),
])
def test_a_hostile_entities_yml_is_reported_never_raised(tmp_path: Path, text, says: str) -> None:
    path = tmp_path / "entities.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode())
    _overrides, problems = load_overrides(path)
    assert problems and all(p.startswith("entities.yml: ") for p in problems)
    assert any(says in p for p in problems), problems


def _make_unusable_entities_yml(path: Path, what: str) -> None:
    if what == "folder":
        path.mkdir()
        (path / "inside.yml").write_text("aliases: {}\n")
    elif what == "fifo":
        os.mkfifo(path)
    elif what == "broken link":
        os.symlink("nowhere.yml", path)
    elif what == "binary":
        path.write_bytes(tiny_png())
    elif what == "not utf-8":
        path.write_bytes("aliases:\n  Café de Flore: [Flore]\n".encode("cp1252"))


UNUSABLE_ENTITIES_YML = {
    "folder": "is a folder, not a file",
    "fifo": "is not a regular file",
    "broken link": "is a broken symbolic link",
    "binary": "looks like a binary file",
    "not utf-8": "is not valid UTF-8 (byte 0xe9 on line 2",
}


@pytest.mark.parametrize("what", list(UNUSABLE_ENTITIES_YML))
def test_an_unusable_entities_yml_is_named_with_the_reason(tmp_path: Path, what: str) -> None:
    from newsdesk.entities import OverridesFileError, read_overrides_file

    path = tmp_path / "entities.yml"
    _make_unusable_entities_yml(path, what)
    with pytest.raises(OverridesFileError) as info:
        read_overrides_file(path)
    assert str(info.value).startswith("entities.yml: " + UNUSABLE_ENTITIES_YML[what]), str(info.value)
    # Should the build meet it anyway (it changed after the configuration was read), it is
    # reported and ignored like invalid YAML, never silently.
    overrides, problems = load_overrides(path)
    assert problems == ["entities.yml: ignored: " + info.value.reason] and overrides.aliases == {}


def test_entities_yml_may_start_with_a_byte_order_mark_and_must_be_small(tmp_path: Path) -> None:
    from newsdesk.entities import read_overrides_file

    path = tmp_path / "entities.yml"
    assert read_overrides_file(path) is None
    path.write_bytes(b"\xef\xbb\xbfaliases: {Caf\xc3\xa9: [Cafe]}\n")
    overrides, problems = load_overrides(path)
    assert problems == [] and overrides.aliases == {"Café": ["Cafe"]}
    path.write_text("# padding\n" * 30_000)
    with pytest.raises(YamlError, match="larger than 256 KiB"):
        read_overrides_file(path)


@pytest.mark.parametrize("what", ["folder", "binary", "not utf-8"])
def test_an_unusable_entities_yml_is_a_configuration_error(tmp_path: Path, what: str) -> None:
    """Exit code 2, as for a bad option in mkdocs.yml, with the file and the reason, and no
    traceback; nothing is generated."""
    from tests.conftest import make_project, run_newsdesk

    project = make_project(tmp_path / "p")
    (project / "seeds" / "a.txt").write_text(article("A seed"), "utf-8")
    _make_unusable_entities_yml(project / "entities.yml", what)
    for command in (("generate",), ("build",)) if what == "folder" else (("generate",),):
        proc = run_newsdesk(*command, "-C", str(project), check=False)
        assert proc.returncode == 2, (command, proc.stderr)
        assert f"Error: entities.yml: {UNUSABLE_ENTITIES_YML[what]}" in proc.stderr, proc.stderr
        assert "Traceback" not in proc.stderr and "internal error" not in proc.stderr
        assert not (project / "docs" / "index.md").exists()


# --------------------------------------------------------------------------- slugs


def test_a_title_that_slugs_to_index_does_not_stop_the_build(tmp_path: Path) -> None:
    from newsdesk.pipeline import build

    folder = seeds_dir(tmp_path)
    (folder / "a.txt").write_text(article("A normal headline"), "utf-8")
    (folder / "b.txt").write_text(article("Index"), "utf-8")
    (folder / "b.yml").write_text("title: Index\n", "utf-8")
    result = build(settings(tmp_path))
    assert len(result.corpus.articles) == 2


def test_many_seeds_with_one_title_get_distinct_slugs(tmp_path: Path) -> None:
    from newsdesk.link import link

    folder = seeds_dir(tmp_path)
    for i in range(5):
        (folder / f"s{i}.txt").write_text(article("One title for all"), "utf-8")
    (folder / "s5.txt").write_text(article("One title for all 2"), "utf-8")  # slugs like the second copy
    analysis = analyse_seeds(find_seeds(folder)[0], settings(tmp_path))
    slugs = [a.slug for a in link(analysis.articles, []).articles]
    assert len(set(slugs)) == 6, slugs
    assert LEAD  # the seeds had a real lead paragraph


# --------------------------------------------------------------------------- exit codes and messages


def test_help_documents_the_exit_codes() -> None:
    from tests.conftest import run_newsdesk

    for command in ((), ("build",), ("generate",)):
        out = run_newsdesk(*command, "--help").stdout
        assert "exit codes:" in out
        for code in ("  0  success", "  1  the build failed", "  2  bad arguments"):
            assert code in out, (command, code)


def test_a_bad_plugin_option_is_a_configuration_error(tmp_path: Path) -> None:
    from tests.conftest import make_project, run_newsdesk

    project = make_project(tmp_path / "p")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("      seeds_dir: seeds\n", "      seeds_dir: seeds\n      entity_backend: psychic\n"))
    for command in ("build", "generate"):
        proc = run_newsdesk(command, "-C", str(project), check=False)
        assert proc.returncode == 2, (command, proc.stderr)
        assert "entity_backend: 'psychic' is not one of" in proc.stderr
    missing = run_newsdesk("build", "-C", str(tmp_path / "nowhere"), check=False)
    assert missing.returncode == 2 and "mkdocs.yml: not found" in missing.stderr


def test_an_internal_error_says_it_is_a_bug(tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT, make_project

    project = make_project(tmp_path / "p")
    script = ("import sys, newsdesk.pipeline as p\n"
              "def boom(settings): raise RuntimeError('boom')\n"
              "p.build = boom\n"
              "from newsdesk.cli import main\n"
              f"sys.exit(main(sys.argv[1:] + ['-C', {str(project)!r}]))\n")
    quiet = subprocess.run([sys.executable, "-c", script, "generate"], cwd=ROOT, capture_output=True, text=True)
    assert quiet.returncode == 1
    assert "Error: internal error (RuntimeError: boom); this is a bug in newsdesk" in quiet.stderr
    assert "Traceback" not in quiet.stderr and "run again with -v" in quiet.stderr
    loud = subprocess.run([sys.executable, "-c", script, "generate", "-v"], cwd=ROOT, capture_output=True, text=True)
    assert loud.returncode == 1 and "Traceback" in loud.stderr and "RuntimeError: boom" in loud.stderr


# --------------------------------------------------------------------------- time that grows with the text

# Lines a recogniser's output is completed on (newsdesk.extract.mentions), repeated until
# the line is long: the work per line must grow linearly with it (see tests/scaling.py).
# Thousands of "X (KH)" in one line once took 64 s: each bracket searched the line from its
# start for the words before it.
REPEATED_IN_ONE_LINE = {
    "bracketed acronyms": "Kataib Hezbollah (KH) met. ",
    "small words before brackets": "Government of the of the of the of the Republic (GR) ",
    "outlet names next to names": "Foreign Policy and Reuters. ",
}


@pytest.mark.parametrize("name", list(REPEATED_IN_ONE_LINE))
def test_completing_the_mentions_of_a_long_line_takes_linear_time(name: str) -> None:
    backend = get_backend("rules")

    def make(n: int):
        text = REPEATED_IN_ONE_LINE[name] * n
        return [Line(1, text)], backend.find([text])

    assert_linear(lambda case: mentions_from_spans(*case), make, 250)


@pytest.mark.parametrize("text, pairs", [
    ("Talks with the Government of the Republic of the Philippines (GRP) resumed.",
     [("Government of the Republic of the Philippines", "GRP")]),
    ("Staff of the Center for the Study of Human Rights in the Americas (CSHRA) said so.",
     [("Center for the Study of Human Rights in the Americas", "CSHRA")]),
    ("Kataib Hezbollah (KH) met. Kataib Hezbollah (KH) met again.",
     [("Kataib Hezbollah", "KH"), ("Kataib Hezbollah", "KH")]),
    # More small words than a long form has (two per capital): not a long form.
    ("Alpha of the of the of the of the Beta (AB) met.", []),
    ("A wall (KH) of Kataib ) Hezbollah (KH)", []),
])
def test_the_long_form_of_a_bracketed_acronym(text: str, pairs: list) -> None:
    assert _bracketed_acronyms(text, [])[1] == pairs


# --------------------------------------------------------------------------- the whole-build fingerprint


class _Opened:
    def __init__(self) -> None:
        self.names: list[str] = []
        self.result = None


_OPENED: list[_Opened] = []


def _audit(event: str, args: tuple) -> None:
    if event == "open" and _OPENED and isinstance(args[0], (str, bytes, os.PathLike)):
        _OPENED[-1].names.append(os.path.basename(os.fsdecode(args[0])))


def _files_opened_during(func) -> _Opened:
    """The names of the files ``func`` opened, however it opened them (an audit hook sees
    ``open()``, ``Path.read_bytes()`` and ``os.open()`` alike), and what it returned."""
    if not getattr(_audit, "installed", False):
        sys.addaudithook(_audit)  # for the rest of the process; it records only inside this call
        _audit.installed = True  # type: ignore[attr-defined]
    record = _Opened()
    _OPENED.append(record)
    try:
        record.result = func()
    finally:
        _OPENED.pop()
    return record


def test_a_project_whose_folder_name_is_not_utf8_builds(tmp_path: Path) -> None:
    """Seeds below such a folder are published (their names relative to the project are
    fine); the whole-build fingerprint hashes names as bytes."""
    from newsdesk import pipeline

    project = Path(os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9-\xff"))
    project.mkdir()
    (seeds_dir(project) / "good.txt").write_text(article("A seed in a folder whose name is not UTF-8"), "utf-8")
    cached = dataclasses.replace(settings(project), use_cache=True)
    assert [a.seed for a in pipeline.build(cached).corpus.articles] == ["seeds/good.txt"]
    assert pipeline.build(cached).pages == []  # nothing changed: the build was skipped


def test_the_build_fingerprint_never_opens_a_seed_refused_for_its_size(tmp_path: Path, monkeypatch) -> None:
    """The build's fingerprint (``pipeline._inputs``: whether a whole build can be skipped) reads each file
    no further than the build does: a seed over the size limit is refused by its size, so
    its size is what counts. A content change changes the fingerprint even with the same
    size and time stamp."""
    from newsdesk import pipeline

    folder = seeds_dir(tmp_path)
    good, big = folder / "good.txt", folder / "big.txt"
    good.write_text(article("A seed of normal size"), "utf-8")
    big.write_bytes(b"x" * 5000)
    monkeypatch.setattr(read, "MAX_SEED_BYTES", 4096)
    result = pipeline.build(settings(tmp_path))
    assert [(p.path, "are not read" in p.reason) for p in result.corpus.problems] == [("seeds/big.txt", True)]

    paths, refused = find_seeds(folder)

    def fingerprint() -> str:
        return pipeline._inputs(paths, refused, settings(tmp_path), []).fingerprint()

    opened = _files_opened_during(fingerprint)
    first = opened.result
    assert "big.txt" not in opened.names and "good.txt" in opened.names, opened.names
    assert fingerprint() == first

    stamp = good.stat()
    good.write_bytes(good.read_bytes().replace(b"A seed", b"B seed"))  # same size
    os.utime(good, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    second = fingerprint()
    assert second != first
    big.write_bytes(b"x" * 5001)  # still refused, with another size in the message
    assert fingerprint() != second


def test_a_warm_build_reuses_the_digests_of_unchanged_seeds_only(tmp_path: Path, monkeypatch) -> None:
    """The previous build's digests (pipeline.FileDigests) stand in for reading a seed again
    only while its size, times, inode and device are unchanged: a rewrite with the same
    size and the old modification time still changes the change time, and is seen."""
    from newsdesk import pipeline

    folder = seeds_dir(tmp_path)
    one, two = folder / "one.txt", folder / "two.txt"
    one.write_text(article("A first seed"), "utf-8")
    two.write_text(article("A second seed"), "utf-8")
    time.sleep(0.05)
    # The seeds were written just now; trust digests of files older than the build itself.
    monkeypatch.setattr(pipeline.FileDigests, "RACY_NS", 0)
    cached = dataclasses.replace(settings(tmp_path), use_cache=True)
    assert len(pipeline.build(cached).corpus.articles) == 2

    warm = _files_opened_during(lambda: pipeline.build(cached))
    assert warm.result.pages == [], "nothing changed, yet the build ran"
    assert "one.txt" not in warm.names and "two.txt" not in warm.names, warm.names

    stamp = one.stat()
    one.write_bytes(one.read_bytes().replace(b"A first", b"B first"))  # same size
    os.utime(one, ns=(stamp.st_atime_ns, stamp.st_mtime_ns))
    rebuilt = _files_opened_during(lambda: pipeline.build(cached))
    assert rebuilt.result.pages, "a rewritten seed with its old size and time was taken as unchanged"
    assert "B first seed" in [a.title.value for a in rebuilt.result.corpus.articles]


def test_digests_of_files_changed_just_before_a_build_are_not_reused(tmp_path: Path) -> None:
    """A file changed within FileDigests.RACY_NS before the build read it may change again
    in the same clock tick: its digest is always recomputed."""
    from newsdesk.pipeline import FileDigests, _file_digest

    seed = tmp_path / "s.txt"
    seed.write_bytes(b"first")
    first = FileDigests()
    digest = _file_digest(seed, 1000, first)
    key = os.fsencode(seed).hex()
    signature = first.current[key][:5]
    # Read right after it was written: the next build does not reuse the digest...
    assert FileDigests.from_record(first.record()).lookup(key, signature) is None
    # ...which it would, had the previous build read it long after the file last changed.
    record = first.record()
    trusting = FileDigests(record["files"], record["files_recorded_ns"] + 10 * FileDigests.RACY_NS)
    assert trusting.lookup(key, signature) == digest
    assert "s.txt" not in _files_opened_during(lambda: _file_digest(seed, 1000, trusting)).names
