"""Story pages (articles about one event, side by side), the stories index, and the
co-mention graph page."""

from __future__ import annotations

import json
from collections import Counter

from ..extract import dates
from ..extract.entities import KINDS
from ..extract.metadata import reading_time
from ..records import Corpus, Page
from ..slugs import DATA_DIR, STORIES_DIR, article_path, entity_path, html_path, relative_link, story_path
from . import html
from .entities import KIND_PLURAL
from .markdown import escape, front_matter, link, theme_safe

STORIES_INDEX = f"{STORIES_DIR}/index.md"
GRAPH = "graph.md"
GRAPH_DATA = f"{DATA_DIR}/graph.js"
GRAPH_NODES = 120
GRAPH_EDGES = 400
FALLBACK_NEIGHBOURS = 8


def render_story(story, corpus: Corpus) -> Page:
    """The story's articles side by side: an HTML table (see ``html``), one column per
    article. As a Markdown table, Python-Markdown took 1.76 ms a story page; now 0.31 to
    0.34 (300 story pages of the 6,000-article benchmark, separate runs)."""
    path = story_path(story.key)
    articles = [corpus.article(s) for s in story.articles]
    keys = {a.slug: {m.key for m in corpus.mentions.get(a.slug, ())} for a in articles}
    everyone = set.intersection(*keys.values()) if keys else set()
    rows = [
        ["Source", *(html.text(a.source.value or "not known") for a in articles)],
        ["Published", *(html.text(dates.display(a.published.value)) if a.published.value else "undated" for a in articles)],
        ["Length", *(f"{a.words:,} words, {reading_time(a.words)} min" for a in articles)],
    ]
    for kind in KINDS:
        cells = []
        for a in articles:
            others = set().union(*(keys[b.slug] for b in articles if b.slug != a.slug))
            only = sorted((corpus.entity(k) for k in keys[a.slug] - others if corpus.entity(k).kind == kind),
                          key=lambda e: (-e.mentions, e.name.casefold(), e.key))
            cells.append(", ".join(_entity(e, path) for e in only[:12]) + (" …" if len(only) > 12 else "") or "—")
        rows.append([f"{KIND_PLURAL[kind]} only here", *cells])
    # Who is quoted in one article and in no other: what each report adds in voices.
    speakers = {a.slug: {q.entity or q.speaker for q in corpus.quotes_in(a.slug)} - {None} for a in articles}
    cells = []
    for a in articles:
        others = set().union(*(speakers[b.slug] for b in articles if b.slug != a.slug))
        only = sorted(speakers[a.slug] - others, key=lambda k: _speaker_name(k, corpus).casefold())
        count = sum(1 for q in corpus.quotes_in(a.slug) if (q.entity or q.speaker) in only)
        cells.append(f"{count} from " + ", ".join(html.text(_speaker_name(k, corpus)) for k in only) if only else "—")
    rows.append(["Quotes only here", *cells])
    head = [("Article", "left")] + [(html.link(a.title.value, path, article_path(a.slug)), "left") for a in articles]
    blocks = [html.table(head, rows)]
    shared = sorted((corpus.entity(k) for k in everyone), key=lambda e: (-e.mentions, e.name.casefold(), e.key))
    if shared:
        blocks.append("<p><strong>Named in every article:</strong> " + ", ".join(_entity(e, path) for e in shared) + "</p>")
    lines = [
        front_matter({"title": theme_safe(story.title), "articles": list(story.articles), "generated_by": "newsdesk"}).rstrip("\n"),
        "",
        f"# {escape(story.title)}",
        "",
        f"{len(articles)} articles about the same event, side by side.",
        "",
        html.block("\n".join(blocks)),
    ]
    return Page(path, "\n".join(lines) + "\n")


def _speaker_name(key: str, corpus: Corpus) -> str:
    """An entity key's name, or an unnamed speaker's description as written."""
    try:
        return corpus.entity(key).name
    except KeyError:
        return key


def _entity(entity, path: str) -> str:
    """HTML: the entity's name, linked to its page if it has one."""
    if entity.has_page:
        return html.link(entity.name, path, entity_path(entity.kind, entity.key))
    return html.text(entity.name)


def render_stories_index(corpus: Corpus) -> Page:
    lines = [
        front_matter({"title": "Stories", "generated_by": "newsdesk"}).rstrip("\n"),
        "",
        "# Stories",
        "",
        "Groups of articles about the same event: published within weeks of each other and "
        "close in wording and in the people, organisations and places they name.",
        "",
    ]
    if not corpus.stories:
        lines += ["No two articles are about the same event yet.", ""]
    for story in corpus.stories:
        lines.append(f"- {link(story.title, relative_link(STORIES_INDEX, story_path(story.key)))} — {len(story.articles)} articles")
    return Page(STORIES_INDEX, "\n".join(lines) + "\n")


def graph_data(corpus: Corpus) -> dict:
    """The most mentioned entities with pages, and how many articles each pair shares."""
    nodes = sorted((e for e in corpus.entities if e.has_page), key=lambda e: (-e.mentions, e.key))[:GRAPH_NODES]
    chosen = {e.key for e in nodes}
    pairs: Counter[tuple[str, str]] = Counter()
    for mentions in corpus.mentions.values():
        keys = sorted({m.key for m in mentions} & chosen)
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                pairs[(a, b)] += 1
    edges = sorted(pairs.items(), key=lambda item: (-item[1], item[0]))[:GRAPH_EDGES]
    return {
        "nodes": [{"id": e.key, "name": e.name, "kind": e.kind, "mentions": e.mentions,
                   "url": html_path(entity_path(e.kind, e.key))} for e in nodes],
        "edges": [{"source": a, "target": b, "weight": w} for (a, b), w in edges],
    }


def render_graph(corpus: Corpus) -> list[Page]:
    data = graph_data(corpus)
    # A script rather than JSON: pages opened from file:// may load scripts but not fetch files.
    script = "window.newsdeskGraph = " + json.dumps(data, ensure_ascii=False, sort_keys=True) + ";\n"
    neighbours: dict[str, Counter[str]] = {n["id"]: Counter() for n in data["nodes"]}
    for edge in data["edges"]:
        neighbours[edge["source"]][edge["target"]] += edge["weight"]
        neighbours[edge["target"]][edge["source"]] += edge["weight"]
    lines = [
        front_matter({"title": "Graph", "generated_by": "newsdesk"}).rstrip("\n"),
        "",
        "# Who is mentioned with whom",
        "",
        f"The {len(data['nodes'])} most mentioned people, organisations and places; a line joins two that "
        "appear in the same articles (thicker: more articles), a larger dot has more mentions. "
        "Click a dot, or choose a name in the list, to see its neighbours; double-click to open its page.",
        "",
        '<div class="nd-graph-controls" markdown="0">',
        '<label for="nd-graph-select">Focus on</label>',
        '<select id="nd-graph-select"><option value="">(choose an entity)</option>',
    ]
    for node in sorted(data["nodes"], key=lambda n: (n["name"].casefold(), n["id"])):
        lines.append(f'<option value="{escape(node["id"])}">{escape(node["name"])}</option>')
    lines += [
        "</select>",
        '<div id="nd-graph-info" aria-live="polite"></div>',
        "</div>",
        "",
        '<div id="nd-graph" class="nd-graph" data-base="" role="img" '
        'aria-label="Network of entities mentioned in the same articles; the list below gives the same information"></div>',
        "",
        f'<script src="{GRAPH_DATA}"></script>',
        '<script src="assets/newsdesk/cytoscape.min.js"></script>',
        '<script src="assets/newsdesk/graph.js"></script>',
        "",
        "## The same, as a list",
        "",
    ]
    for node in data["nodes"]:
        near = sorted(neighbours[node["id"]].items(), key=lambda item: (-item[1], item[0]))[:FALLBACK_NEIGHBOURS]
        named = ", ".join(f"{link(corpus.entity(k).name, entity_path(corpus.entity(k).kind, k))} ({n})" for k, n in near)
        entry = link(node["name"], entity_path(node["kind"], node["id"]))
        lines.append(f"- {entry} — {node['mentions']} mentions" + (f"; with {named}" if named else ""))
    return [Page(GRAPH, "\n".join(lines) + "\n"), Page(GRAPH_DATA, script)]
