"""newsdesk's search index (newsdesk/search): tokeniser, number code, shards, ranking,
determinism and sizes. The browser side is tested in tests/browser/test_scaled_search.py;
``newsdesk.search.query`` is the Python twin of its ranking."""

from __future__ import annotations

import random
import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from newsdesk.search import (
    INDEX_DIR,
    SearchDoc,
    add_theme_overrides,
    build_search_files,
    build_search_pages,
    overrides_dir,
    search_docs_from_corpus,
    search_docs_from_markdown_files,
    tokenize,
)
from newsdesk.search import index as index_module
from newsdesk.search.docs import GENERATED_FOLDERS
from newsdesk.search.index import ALPHABET, decode_varints, script, snippet_of, varint
from newsdesk.search.query import SearchIndex, parse_query, parse_script

from .conftest import ROOT, SEEDS, WIKINEWS, needs

# --------------------------------------------------------------------------- tokeniser


@pytest.mark.parametrize(
    ("text", "terms"),
    [
        ("Obama's U.S. policy", ["obama", "us", "policy"]),
        ("O’Brien doesn't", ["obrien", "doesnt"]),
        ("Sárközy, Ærø, Straße, ŁÓDŹ", ["sarkozy", "aero", "strasse", "lodz"]),
        ("al-Maliki's 2,000 men", ["al", "maliki", "2", "000", "men"]),
        ("U.N.-backed", ["un", "backed"]),
        ("İstanbul ﬁnance ℌ", ["istanbul", "finance", "h"]),
        ("Путин и Ἀθῆναι", ["путин", "и", "αθηναι"]),
        ("snake_case x" + "y" * 45, ["snake", "case"]),
        ("", []),
    ],
)
def test_tokenize(text: str, terms: list[str]) -> None:
    assert tokenize(text) == terms


def test_tokenize_is_idempotent_on_its_terms() -> None:
    text = "Kataib Hezbollah (KH) — Qassem Suleimani’s «Quds Force» in Kirkuk, 3 Jan. 2020"
    terms = tokenize(text)
    assert tokenize(" ".join(terms)) == terms


# --------------------------------------------------------------------------- format


@given(st.integers(min_value=0, max_value=2**40))
def test_varint_round_trip(n: int) -> None:
    code = varint(n)
    assert decode_varints(code) == [n]
    assert all(c in ALPHABET for c in code) and ALPHABET.index(code[-1]) < 32


@given(st.lists(st.integers(min_value=0, max_value=10**6), max_size=50))
def test_varint_sequences_round_trip(numbers: list[int]) -> None:
    assert decode_varints("".join(varint(n) for n in numbers)) == numbers


def test_small_numbers_take_one_character() -> None:
    assert [len(varint(n)) for n in (0, 31, 32, 1023, 1024)] == [1, 1, 2, 2, 3]


def test_script_is_a_registration_call() -> None:
    text = script("t/3", {"b": "x", "a": "é"})
    assert text == '__newsdeskSearch.register("t/3",{"a":"é","b":"x"});\n'
    assert parse_script(text) == ("t/3", {"a": "é", "b": "x"})


def test_snippet_is_cut_at_a_word() -> None:
    doc = SearchDoc(url="a.html", title="t", kind="article", text="word " * 100)
    snippet = snippet_of(doc)
    assert len(snippet) <= index_module.SNIPPET_CHARS + 2 and snippet.endswith("word …")
    assert snippet_of(SearchDoc(url="b.html", title="t", kind="article", text="x", snippet="Lead.")) == "Lead."


# --------------------------------------------------------------------------- a small corpus


def article(slug: str, title: str, text: str, *, source: str | None = "Wire", date: str | None = "2020-01-03") -> SearchDoc:
    return SearchDoc(url=f"articles/{slug}.html", title=title, kind="article", source=source, date=date, text=text)


DOCS = [
    article("obama-visits", "Obama visits Baghdad", "The president landed in Baghdad on Tuesday.", source="AP"),
    article("budget", "Congress passes the budget", "Barack Obama signed it. Obama said the prime minister agreed."),
    article("minister", "A minister resigns", "The prime minister of Iraq resigned; the minister for oil stayed."),
    article("ministers", "Ministers meet in Paris", "Prime ministers and a minister prime the talks.", source="AFP"),
    article("kirkuk", "Oil in Kirkuk", "Kirkuk's oil fields are contested.", date=None, source=None),
    SearchDoc(url="people/barack-obama.html", title="Barack Obama", kind="person", names=["Obama", "President Obama"],
              text="44th president of the United States"),
    SearchDoc(url="places/kirkuk.html", title="Kirkuk", kind="place", names=["Karkuk"], text="A city in Iraq"),
    SearchDoc(url="organizations/congress.html", title="Congress", kind="organization", text="The legislature"),
    SearchDoc(url="about.html", title="About this dossier", kind="page", text="How the articles were chosen."),
]


@pytest.fixture(scope="module")
def small() -> SearchIndex:
    return SearchIndex(build_search_files(DOCS))


def urls(hits) -> list[str]:
    return [h.url for h in hits]


def test_titles_and_names_rank_first(small: SearchIndex) -> None:
    hits = small.search("obama")
    assert urls(hits) == ["people/barack-obama.html", "articles/obama-visits.html", "articles/budget.html"]
    assert [h.tier for h in hits] == [3, 2, 1]
    assert urls(small.search("Kirkuk"))[:2] == ["places/kirkuk.html", "articles/kirkuk.html"]
    assert urls(small.search("Karkuk")) == ["places/kirkuk.html"]  # an alias


def test_every_word_is_required_and_the_last_is_a_prefix(small: SearchIndex) -> None:
    assert set(urls(small.search("prime minister"))) == {"articles/budget.html", "articles/minister.html", "articles/ministers.html"}
    # "minister " (typed, then a space) is a whole word: "ministers" alone does not match it.
    assert "articles/ministers.html" in urls(small.search("minis"))
    assert set(urls(small.search("oil minister "))) == {"articles/minister.html"}
    assert urls(small.search("congr")) == ["organizations/congress.html", "articles/budget.html"]


def test_quoted_phrase(small: SearchIndex) -> None:
    assert set(urls(small.search('"prime minister"'))) == {"articles/budget.html", "articles/minister.html"}
    # stopwords inside a phrase hold their place: "minister (of) iraq"
    assert urls(small.search('"minister of iraq"')) == ["articles/minister.html"]
    assert urls(small.search('"minister iraq"')) == []
    # words are not matched across the title and the text
    assert urls(small.search('"baghdad the president"')) == []


def test_no_document_with_all_words_falls_back_to_some(small: SearchIndex) -> None:
    hits = small.search("kirkuk budget")
    assert hits and all(h.tier == 0 for h in hits)
    assert {"articles/kirkuk.html", "articles/budget.html"} <= set(urls(hits))


def test_kinds_and_sources_are_in_the_manifest(small: SearchIndex) -> None:
    by_url = {h.url: h for q in ("obama", "kirkuk", "congress", "dossier", "minister") for h in small.search(q)}
    assert by_url["people/barack-obama.html"].kind == "person"
    assert by_url["places/kirkuk.html"].kind == "place"
    assert by_url["organizations/congress.html"].kind == "organization"
    assert by_url["about.html"].kind == "page"
    assert by_url["articles/obama-visits.html"].source == "AP"
    assert by_url["articles/kirkuk.html"].source is None
    assert small.manifest["sources"] == ["AFP", "AP", "Wire"]


def test_parse_query() -> None:
    words, phrases = parse_query('"prime minister" of Ira')
    assert [(w.term, w.prefix) for w in words] == [("prime", False), ("minister", False), ("of", False), ("ira", True)]
    assert phrases == [["prime", "minister"]]
    words, phrases = parse_query('"prime minis')  # a phrase being typed: its last word is a prefix
    assert [(w.term, w.prefix) for w in words] == [("prime", False), ("minis", True)] and phrases == []
    assert parse_query("iraq iraq")[0][0].prefix is False and len(parse_query("iraq iraq")[0]) == 1


def test_bad_documents_are_refused() -> None:
    with pytest.raises(ValueError, match="kind"):
        build_search_files([SearchDoc(url="x.html", title="x", kind="thing")])
    with pytest.raises(ValueError, match="two search documents"):
        build_search_files([article("a", "A", "x"), article("a", "B", "y")])


# --------------------------------------------------------------------------- shards


def test_every_term_is_in_the_shard_the_manifest_points_to(monkeypatch) -> None:
    monkeypatch.setattr(index_module, "TERM_SHARD_BYTES", 300)
    monkeypatch.setattr(index_module, "POSITION_SHARD_BYTES", 300)
    words = [f"w{i:03d}" for i in range(400)]
    rng = random.Random(7)
    docs = [article(f"d{i}", f"Title {i}", " ".join(rng.choice(words) for _ in range(60))) for i in range(60)]
    files = build_search_files(docs)
    index = SearchIndex(files)
    firsts = index.manifest["terms"]
    assert len(firsts) > 10 and firsts == sorted(firsts)
    seen = set()
    for n in range(len(firsts)):
        shard = index.data[f"t/{n}"]
        assert min(shard) == firsts[n]
        assert len(files[f"t/{n}.js"]) < 300 + 200 or len(shard) == 1
        for term in shard:
            assert term not in seen
            seen.add(term)
            assert index.postings(term)
    assert seen == {t for d in docs for t in tokenize(d.title + " " + d.text)}
    for term in rng.sample(sorted(seen), 20):
        expected = {d.url for d in docs if term in tokenize(d.title + " " + d.text)}
        assert {h.url for h in index.search(term + " ")} == expected


def test_pages_go_under_assets_search_index() -> None:
    pages = build_search_pages(DOCS)
    assert pages and all(p.path.startswith(INDEX_DIR + "/") and p.path.endswith(".js") for p in pages)
    assert f"{INDEX_DIR}/manifest.js" in {p.path for p in pages}
    assert [p.path for p in pages] == sorted(p.path for p in pages)


def test_bytes_are_deterministic_and_independent_of_input_order() -> None:
    shuffled = DOCS[:]
    random.Random(3).shuffle(shuffled)
    first, second = build_search_files(DOCS), build_search_files(shuffled)
    assert first == second
    assert not re.search(r"20\d\d-\d\d-\d\dT|\d{10}", first["manifest.js"])  # no timestamps
    changed = build_search_files(DOCS[:-1])
    assert changed["manifest.js"] != first["manifest.js"]


def test_remembered_terms_give_the_same_files_and_tokenise_only_changed_documents(monkeypatch) -> None:
    from dataclasses import replace

    from newsdesk.search import DocTermsCache, index

    tokenised = []
    real = index._doc_terms
    monkeypatch.setattr(index, "_doc_terms", lambda title, names, text: tokenised.append(title) or real(title, names, text))
    remembered = DocTermsCache()
    assert build_search_files(DOCS, remembered) == build_search_files(DOCS)
    edited = [replace(DOCS[0], text=DOCS[0].text + " zorblaxian"), *DOCS[1:]]
    tokenised.clear()
    assert build_search_files(edited, remembered) == build_search_files(edited)
    assert tokenised[: 1] == [DOCS[0].title] and len(tokenised) == 1 + len(DOCS)  # then all again, without memory


# --------------------------------------------------------------------------- from the corpus


@pytest.fixture(scope="module")
def seeds_corpus(tmp_path_factory):
    from newsdesk.config import load_settings
    from newsdesk.pipeline import build

    project = tmp_path_factory.mktemp("search-corpus")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    shutil.copytree(SEEDS, project / "seeds")
    (project / "docs").mkdir()
    return build(load_settings(project)).corpus


def test_search_docs_from_corpus(seeds_corpus) -> None:
    docs = search_docs_from_corpus(seeds_corpus)
    by_url = {d.url: d for d in docs}
    assert len(by_url) == len(docs)
    articles = [d for d in docs if d.kind == "article"]
    assert len(articles) == len(seeds_corpus.articles)
    for a in seeds_corpus.articles:
        doc = by_url[f"articles/{a.slug}.html"]
        assert doc.title == a.title.value and doc.source == a.source.value and doc.date == a.published.value
        assert all(line.text in doc.text for line in a.body)
    for e in seeds_corpus.entities:
        folder = {"person": "people", "organization": "organizations", "place": "places"}[e.kind]
        if e.has_page:
            doc = by_url[f"{folder}/{e.key}.html"]
            assert doc.kind == e.kind and doc.title == e.name and tuple(doc.names) == tuple(e.aliases)


def test_seeds_search_finds_kirkuk_and_soleimani(seeds_corpus) -> None:
    index = SearchIndex(build_search_files(search_docs_from_corpus(seeds_corpus)))
    for word in ("Kirkuk", "Soleimani"):
        pattern = re.compile(rf"\b{word}\b", re.IGNORECASE)
        expected = {f"articles/{a.slug}.html" for a in seeds_corpus.articles
                    if any(pattern.search(line.text) for line in a.body) or pattern.search(a.title.value)}
        hits = index.search(word)
        assert {h.url for h in hits if h.kind == "article"} == expected
        assert hits[0].kind != "article" and hits[0].tier == 3, f"{word}: the entity page comes first: {hits[:3]}"
    soleimani = index.search("Soleimani")[0]
    assert soleimani.kind == "person" and soleimani.url.startswith("people/")


def test_search_docs_from_markdown_files(tmp_path: Path) -> None:
    (tmp_path / "about.md").write_text("---\ntitle: About us\n---\n\n# Ignored\n\nWe [link](x.md) **bold** <b>html</b>.\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "notes.md").write_text("# Field notes\n\n- one\n- two\n")
    (tmp_path / "generated.md").write_text("# Generated\n")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "old.md").write_text("# Left from an earlier build\n")
    docs = search_docs_from_markdown_files(tmp_path, skip={"generated.md", *GENERATED_FOLDERS})
    assert [(d.url, d.title, d.kind) for d in docs] == [("about.html", "About us", "page"), ("sub/notes.html", "Field notes", "page")]
    assert docs[0].text == "Ignored We link bold html ."
    assert docs[1].text == "one two"  # the heading that gave the title is not repeated as text


def test_hand_written_pages_skip_hidden_and_generated_folders_in_path_order(tmp_path: Path) -> None:
    for rel in ("a-b.md", "a/b.md", "A.md", ".draft.md", ".git/c.md", "sub/.cache/d.md", "data/e.md",
                "sub/articles/f.md", "sub/gen/g.md", "sub/gen.md"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(f"# {rel}\n")
    docs = search_docs_from_markdown_files(tmp_path, skip={"sub/gen/", *GENERATED_FOLDERS})
    # Sorted as paths are (by folder, then name): "a/b" before "a-b"; a folder named like
    # a generated one deeper down is the user's.
    assert [d.url for d in docs] == ["A.html", "a/b.html", "a-b.html", "sub/articles/f.html", "sub/gen.html"]


# --------------------------------------------------------------------------- theme


def test_header_override_is_materials_header_with_the_search_block_changed() -> None:
    import material

    ours = (overrides_dir() / "partials" / "header.html").read_text("utf-8")
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text("utf-8")
    block = re.compile(r"    \{% if \"material/search\" in config.plugins %\}.*?\{% endif %\}\n    \{% endif %\}\n", re.DOTALL)
    ours_block = re.compile(r"    \{#- newsdesk: Material's own search.*?\n    \{% endif %\}\n", re.DOTALL)
    assert block.search(theirs), "Material's header.html changed: update newsdesk/assets/overrides/partials/header.html"
    strip = lambda text: re.sub(r"\A\{#-.*?-#\}\n", "", text, flags=re.DOTALL)  # noqa: E731
    assert strip(block.sub("", theirs)) == strip(ours_block.sub("", ours)), (
        "newsdesk's header.html differs from Material's outside the search block"
    )
    assert '{% include "partials/newsdesk-search.html" %}' in ours


def test_add_theme_overrides_keeps_the_projects_custom_dir_first() -> None:
    class Theme:
        def __init__(self, dirs, custom_dir=None):
            self.dirs, self.custom_dir = dirs, custom_dir

    class Config:
        def __init__(self, theme):
            self.theme = theme

    plain = Config(Theme(["/material", "/mkdocs"]))
    add_theme_overrides(plain)
    add_theme_overrides(plain)
    assert plain.theme.dirs == [str(overrides_dir()), "/material", "/mkdocs"]
    custom = Config(Theme(["/project/overrides", "/material"], custom_dir="/project/overrides"))
    add_theme_overrides(custom)
    assert custom.theme.dirs == ["/project/overrides", str(overrides_dir()), "/material"]


# --------------------------------------------------------------------------- at scale


def wikinews_docs(limit: int) -> list[SearchDoc]:
    docs = []
    for path in sorted(WIKINEWS.glob("*/ID*.txt"))[:limit]:
        lines = path.read_text("utf-8").split("\n")
        docs.append(SearchDoc(url=f"articles/{path.parent.name}-{path.stem.lower()}.html", title=lines[0],
                              kind="article", source="Wikinews", date=lines[1] or None, text=" ".join(lines[3:])))
    return docs


@needs(WIKINEWS)
@pytest.mark.slow
def test_sizes_at_six_thousand_articles() -> None:
    """Every Wikinews article (5,934): what a query loads stays far under 2 MB."""
    files = build_search_files(wikinews_docs(6000))
    index = SearchIndex(files)
    size = {path: len(content.encode()) for path, content in files.items()}
    n = index.manifest["docs"]
    assert n > 5000
    assert size["manifest.js"] < 10 * n  # a few bytes per document
    assert max(v for k, v in size.items() if k.startswith("t/")) < 2 * index_module.TERM_SHARD_BYTES
    assert max(v for k, v in size.items() if k.startswith("d/")) < 16_000
    for query in ("Obama", "prime minister", '"prime minister"', "Northrop", "parliam", "the"):
        hits = index.search(query)
        assert hits, query
        chunks = {f"d/{h.id // index.manifest['chunk']}" for h in hits[:10]}
        total = sum(size[name + ".js"] for name in {"manifest", *index.shards_for(query)} | chunks)
        assert total < 500_000, f"{query!r} loads {total} bytes"


def test_material_search_enabled(tmp_path: Path) -> None:
    from mkdocs.config import load_config

    from newsdesk.search import material_search_enabled

    (tmp_path / "docs").mkdir()
    for plugins, expected in (("[search]", True), ("[]", False), ("[{search: {enabled: false}}]", False)):
        (tmp_path / "mkdocs.yml").write_text(f"site_name: x\ntheme: {{name: material}}\nplugins: {plugins}\n")
        assert material_search_enabled(load_config(str(tmp_path / "mkdocs.yml"))) is expected, plugins
