"""Search at scale: newsdesk's sharded search against Material's stock search (lunr).

    python -m bench.search [--articles 6000] [--workdir DIR] [--reuse] [--no-stock]

Builds, from N Wikinews articles (``../shared/corpora/wikinews/*/ID*.txt``: title, date,
blank line, body), two MkDocs Material sites of the same pages (title and body):

- ``site-ours``: Material's search and offline plugins off; newsdesk's index
  (``build_search_pages`` on SearchDocs made from the files) and search box;
- ``site-stock``: Material's ``search`` and ``offline`` plugins (lunr, whole index), with
  the vendored iframe-worker shim so it works from file:// without a CDN.

With ``--entities``, newsdesk's index also holds the entity and story pages newsdesk's
own analysis finds in those articles (as on a real newsdesk site: about 5,000 entity
pages for 6,000 articles); they are indexed, not built, and the stock site has none.

Then, in Debian's Chromium, for each query and each of: http (the sites served from a
sub-path, ``/site-ours/``), http throttled to 20 Mbit/s with 40 ms latency, and file://
with every non-file request aborted, on a fresh browser context (cold cache), right after
the home page has loaded: the time until the first results for the whole query are on
screen, the query being either pasted at once ("paste": timed from opening the search
with "/", when both systems start loading their index) or typed at 10 keys a second
("typed": timed from the last key, and ``ms_from_open``; every key gives results, so more
shards load); and the bytes of every search file the page loaded (response sizes over
http; sizes on disk for file://). The search script and stylesheet count too; Material's
main bundle (loaded on every page anyway) does not.

Prints JSON with both systems side by side (``summary``: the worst query per system and
mode); progress goes to stderr. Takes about 8 minutes for 6,000 articles here (1 for the
two ``mkdocs build`` runs, 5 for Material's searches); ``--entities`` adds about 2.
``--reuse`` measures the sites of an earlier run again. Not part of ``make test``.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit

from newsdesk.render.markdown import escape, escape_line, theme_safe
from newsdesk.search import INDEX_DIR, SEARCH_ASSETS, SearchDoc, build_search_files, overrides_dir
from newsdesk.search.query import SearchIndex

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews"
ASSETS = ROOT / "newsdesk" / "assets"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# name, the query typed, and whether it is meant for both systems (lunr has no phrases).
QUERIES = [
    ("name", "Obama"),
    ("two words", "prime minister"),
    ("phrase", '"prime minister"'),
    ("rare word", "Northrop"),
    ("prefix while typing", "parliam"),
]
THROTTLE = {"offline": False, "latency": 40, "downloadThroughput": 20e6 / 8, "uploadThroughput": 5e6 / 8}
RESULT_TIMEOUT_MS = 180_000

OURS_READY_JS = """
(query) => {
  const root = document.getElementById("nd-search");
  return !!root && root.getAttribute("data-nd-results") === query;
}
"""
# Material: results on screen whose ?h= (search.highlight) has the last word typed.
STOCK_READY_JS = """
(query) => {
  const meta = document.querySelector(".md-search-result__meta");
  if (!meta) return false;
  if (/no matching/i.test(meta.textContent)) return true;
  const link = document.querySelector(".md-search-result__item a.md-search-result__link");
  if (!link) return false;
  const words = query.toLowerCase().replace(/"/g, "").trim().split(/\\s+/);
  const last = words[words.length - 1].slice(0, 5);
  const h = (new URL(link.href).searchParams.get("h") || "").toLowerCase();
  return h.split(/\\s+/).some(w => w.startsWith(last));
}
"""


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


# --------------------------------------------------------------------------- the sites


def corpus_files(n: int) -> list[Path]:
    return sorted(CORPUS.glob("*/ID*.txt"), key=lambda p: (p.parent.name, int(p.stem[2:])))[:n]


def load_articles(n: int) -> list[dict]:
    articles = []
    for path in corpus_files(n):
        lines = path.read_text("utf-8").split("\n")
        title = lines[0].strip() or path.stem
        date = lines[1].strip() if len(lines) > 1 else ""
        body = " ".join(line.strip() for line in lines[3:] if line.strip())
        slug = f"{path.parent.name}-{path.stem.lower()}"
        articles.append({"slug": slug, "title": title, "date": date or None, "body": body})
    return articles


def search_docs(articles: list[dict]) -> list[SearchDoc]:
    return [SearchDoc(url=f"articles/{a['slug']}.html", title=a["title"], kind="article", source="Wikinews",
                      date=a["date"], text=a["body"]) for a in articles]


def entity_docs(work: Path, n: int) -> list[SearchDoc]:
    """The entity and story pages newsdesk would make of the same articles (rules backend:
    newsdesk's own analysis and linking, not its rendering), as SearchDocs."""
    from dataclasses import replace

    from newsdesk.analyse import analyse_seeds
    from newsdesk.config import load_settings
    from newsdesk.link import link
    from newsdesk.search import search_docs_from_corpus

    project = work / "pipeline"
    if not (project / "mkdocs.yml").exists():
        subprocess.run([sys.executable, "-m", "newsdesk.cli", "new", str(project), "--title", "bench"], check=True,
                       capture_output=True)
    seeds = []
    for path in corpus_files(n):
        target = project / "seeds" / f"{path.parent.name}-{path.name}"
        if not target.exists():
            shutil.copy2(path, target)
        seeds.append(target)
    settings = replace(load_settings(project), entity_backend="rules")
    started = time.perf_counter()
    analysis = analyse_seeds(sorted(seeds), settings)
    corpus = link(analysis.articles, analysis.problems)
    log(f"newsdesk analysis and linking: {len(corpus.entities)} entities in {time.perf_counter() - started:.0f} s")
    return [d for d in search_docs_from_corpus(corpus) if d.kind != "article"]


def write_docs(docs_dir: Path, articles: list[dict]) -> None:
    (docs_dir / "articles").mkdir(parents=True, exist_ok=True)
    for a in articles:
        page = (f"---\ntitle: {json.dumps(theme_safe(a['title']))}\n---\n\n# {escape(a['title'])}\n\n"
                f"{escape(a['date'] or 'undated')}\n\n{escape_line(a['body'])}\n")
        (docs_dir / "articles" / f"{a['slug']}.md").write_text(page, "utf-8")
    (docs_dir / "index.md").write_text(
        f"# Wikinews sample\n\n{len(articles)} articles from Wikinews (CC BY 2.5). Search them with the box above.\n",
        "utf-8")


def mkdocs_yml(name: str, site_dir: str, docs_dir: str, extra: str) -> str:
    return (
        f"site_name: {json.dumps(name)}\nuse_directory_urls: false\ndocs_dir: {docs_dir}\nsite_dir: {site_dir}\n"
        "theme:\n  name: material\n  font: false\n  features:\n    - search.highlight\n"
        "not_in_nav: |\n  /articles/*\nnav:\n  - Home: index.md\n" + extra
    )


def prepare(work: Path, n: int, stock: bool, entities: bool) -> dict:
    articles = load_articles(n)
    log(f"{len(articles)} articles from {CORPUS}")
    info: dict = {"articles": len(articles), "words": sum(len(a["body"].split()) for a in articles)}
    for docs in ("docs-ours", "docs-stock"):
        shutil.rmtree(work / docs, ignore_errors=True)
    write_docs(work / "docs-ours", articles)

    extra = entity_docs(work, n) if entities else []
    info["entity_and_story_docs"] = len(extra)
    start = time.perf_counter()
    files = build_search_files(search_docs(articles) + extra)
    info["index_build_seconds"] = round(time.perf_counter() - start, 2)
    for path, content in files.items():
        target = work / "docs-ours" / INDEX_DIR / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(content, "utf-8")
    assets = work / "docs-ours" / "assets" / "newsdesk"
    assets.mkdir(parents=True, exist_ok=True)
    for name, _role in SEARCH_ASSETS:
        shutil.copy2(ASSETS / name, assets / Path(name).name)
    info["index"] = index_sizes(files)
    extra_js = [f"assets/newsdesk/{Path(n).name}" for n, r in SEARCH_ASSETS if r == "script"]
    extra_css = [f"assets/newsdesk/{Path(n).name}" for n, r in SEARCH_ASSETS if r == "style"]
    (work / "mkdocs-ours.yml").write_text(mkdocs_yml(
        "newsdesk search", "site-ours", "docs-ours",
        f"plugins: []\nextra_javascript: {json.dumps(extra_js)}\nextra_css: {json.dumps(extra_css)}\n"
    ).replace("  font: false\n", f"  font: false\n  custom_dir: {json.dumps(str(overrides_dir()))}\n"), "utf-8")

    if stock:
        shutil.copytree(work / "docs-ours", work / "docs-stock", ignore=shutil.ignore_patterns("search-index", "newsdesk"))
        vendor = work / "docs-stock" / "assets" / "vendor"
        vendor.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ASSETS / "vendor" / "iframe-worker-shim.js", vendor / "iframe-worker-shim.js")
        (work / "mkdocs-stock.yml").write_text(mkdocs_yml(
            "stock search", "site-stock", "docs-stock",
            "plugins:\n  - search\n  - offline\nextra:\n  polyfills:\n    - assets/vendor/iframe-worker-shim.js\n"
        ), "utf-8")
    return info


def index_sizes(files: dict[str, str]) -> dict:
    groups: dict[str, list[int]] = {}
    for path, content in files.items():
        kind = path.split("/")[0] if "/" in path else path
        groups.setdefault(kind, []).append(len(content.encode()))
    names = {"manifest.js": "manifest", "t": "term shards", "p": "position shards", "d": "document chunks"}
    return {
        "total_bytes": sum(sum(v) for v in groups.values()),
        "files": sum(len(v) for v in groups.values()),
        **{names.get(k, k): {"files": len(v), "bytes": sum(v), "largest": max(v)} for k, v in sorted(groups.items())},
    }


def mkdocs_build(work: Path, config: str) -> subprocess.Popen:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.Popen([sys.executable, "-m", "mkdocs", "build", "-q", "-f", config], cwd=work, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def build_sites(work: Path, stock: bool) -> dict:
    """Both builds at once (one core each)."""
    started = time.perf_counter()
    jobs = {"ours": mkdocs_build(work, "mkdocs-ours.yml")}
    if stock:
        jobs["stock"] = mkdocs_build(work, "mkdocs-stock.yml")
    seconds = {}
    for name, job in jobs.items():
        output, _ = job.communicate()
        if job.returncode != 0:
            raise SystemExit(f"mkdocs build of site-{name} failed:\n{output[-3000:]}")
        seconds[name] = round(time.perf_counter() - started, 1)
        log(f"site-{name} built in {seconds[name]} s")
    return seconds


# --------------------------------------------------------------------------- measuring


class _Quiet(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as any real web server

    def log_message(self, format, *args):  # noqa: A002
        pass


def is_search_file(system: str, url: str) -> bool:
    path = urlsplit(url).path
    if system == "ours":
        return "/assets/search-index/" in path or "/newsdesk-search." in path
    return any(part in path for part in ("/search/search_index.", "/workers/search.", "/lunr/", "iframe-worker"))


def measure(browser, system: str, mode: str, method: str, base: str, query: str) -> dict:
    """One cold search on the home page (fresh context): ``paste`` puts the whole query in
    at once and times until its results are on screen; ``typed`` types it at 10 keys a
    second (results refresh on every key) and times from the last key."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    page = context.new_page()
    sizes: dict[str, int] = {}
    outside: list[str] = []

    def on_response(response):
        url = response.url
        if not is_search_file(system, url):
            return
        length = response.header_value("content-length")
        try:
            sizes[url] = int(length) if length else len(response.body())
        except Exception:  # noqa: BLE001 - a response without a body
            sizes[url] = 0

    def on_request(request):
        url = request.url
        if mode == "file":
            if url.startswith("file://") and is_search_file(system, url):
                path = Path(unquote(urlsplit(url).path))
                sizes[url] = path.stat().st_size if path.is_file() else 0
        elif urlsplit(url).hostname not in ("127.0.0.1", None) and not url.startswith(("data:", "blob:", "about:")):
            outside.append(url)

    context.on("request", on_request)
    if mode != "file":
        context.on("response", on_response)
    else:
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                      else (outside.append(route.request.url), route.abort("internetdisconnected")))
    if mode == "throttled":
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", THROTTLE)
    try:
        page.goto(base + "index.html", wait_until="load", timeout=RESULT_TIMEOUT_MS)
        start = time.perf_counter()
        page.keyboard.press("/")  # opens the search: both systems start loading their index here
        if method == "paste":
            page.keyboard.insert_text(query)
            page.keyboard.press("End")  # Material reads the field on key events
        else:
            for i, char in enumerate(query):
                if i:
                    time.sleep(0.1)
                page.keyboard.type(char)
        last_key = time.perf_counter()
        ready = OURS_READY_JS if system == "ours" else STOCK_READY_JS
        page.wait_for_function(ready, arg=query, timeout=RESULT_TIMEOUT_MS, polling="raf")
        done = time.perf_counter()
        links = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link", "as => as.map(a => a.href)")
        meta = page.locator(".md-search-result__meta").first.inner_text()
        page.wait_for_timeout(300)  # late requests
        return {
            "system": system, "mode": mode, "method": method, "query": query,
            "ms": round((done - (start if method == "paste" else last_key)) * 1000),
            "ms_from_open": round((done - start) * 1000),
            "search_bytes": sum(sizes.values()), "search_files": len(sizes),
            "results": meta.strip(), "first": [urlsplit(u).path.rsplit("/", 1)[-1] for u in links[:3]],
            "outside_requests": len(outside),
        }
    finally:
        context.close()


def run_browser(work: Path, systems: list[str], queries: list[tuple[str, str]]) -> list[dict]:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Quiet, directory=str(work))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    http_root = f"http://127.0.0.1:{server.server_address[1]}/"
    runs = []
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            try:
                for system in systems:
                    site = work / f"site-{system}"
                    for mode in ("http", "throttled", "file"):
                        base = site.as_uri() + "/" if mode == "file" else f"{http_root}site-{system}/"
                        for method in ("paste", "typed"):
                            for _name, query in queries:
                                run = measure(browser, system, mode, method, base, query)
                                log(f"{system:5} {mode:9} {method:5} {query!r:20} {run['ms']:6} ms "
                                    f"{run['search_bytes'] / 1e6:7.3f} MB  {run['results']}")
                                runs.append(run)
            finally:
                browser.close()
    finally:
        server.shutdown()
        server.server_close()
    return runs


def summary(runs: list[dict]) -> dict:
    """Per system and mode, the worst query: ms (pasted: from the paste; typed: from the
    last key) and bytes."""
    out: dict = {}
    for run in runs:
        entry = out.setdefault(run["system"], {}).setdefault(run["mode"], {"max_ms": 0, "max_bytes": 0})
        entry["max_ms"] = max(entry["max_ms"], run["ms"])
        entry["max_bytes"] = max(entry["max_bytes"], run["search_bytes"])
    for modes in out.values():
        for entry in modes.values():
            entry["under_1s_and_2MB"] = entry["max_ms"] < 1000 and entry["max_bytes"] <= 2_000_000
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.search", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=6000, help="how many Wikinews articles (default 6000: all 5,934)")
    parser.add_argument("--workdir", type=Path, default=Path("/tmp/newsdesk-bench-search"))
    parser.add_argument("--reuse", action="store_true", help="measure the sites already built in --workdir")
    parser.add_argument("--no-stock", action="store_true", help="only newsdesk's search")
    parser.add_argument("--entities", action="store_true",
                        help="also index the entity and story pages newsdesk finds in the articles (rules backend; "
                             "about 2 more minutes; those pages are indexed but not built)")
    args = parser.parse_args(argv)
    if not CORPUS.is_dir():
        parser.error(f"{CORPUS} is not there")
    if not Path(CHROMIUM).exists():
        parser.error(f"{CHROMIUM} is not installed (make browser-deps)")
    work = args.workdir.resolve()
    work.mkdir(parents=True, exist_ok=True)
    stock = not args.no_stock
    report: dict = {"corpus": str(CORPUS), "workdir": str(work)}
    started = time.perf_counter()
    if args.reuse and (work / "site-ours").is_dir():
        report["reused"] = True
        info = json.loads((work / "info.json").read_text()) if (work / "info.json").exists() else {}
    else:
        info = prepare(work, args.articles, stock, args.entities)
        info["mkdocs_build_seconds"] = build_sites(work, stock)
        (work / "info.json").write_text(json.dumps(info, indent=1))
    report.update(info)
    if stock and (work / "site-stock").is_dir():
        json_index = work / "site-stock" / "search" / "search_index.json"
        report["stock_index_bytes"] = json_index.stat().st_size if json_index.exists() else None
    # Sanity: newsdesk's index answers each query (same ranking as the browser).
    index = SearchIndex.from_folder(work / "site-ours" / INDEX_DIR)
    report["python_results"] = {q: len(index.search(q)) for _, q in QUERIES}
    systems = ["ours"] + (["stock"] if stock and (work / "site-stock").is_dir() else [])
    report["load_average_before"] = [round(x, 2) for x in os.getloadavg()]
    runs = run_browser(work, systems, QUERIES)
    report["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    report["cpus"] = os.cpu_count()
    report["runs"] = runs
    report["summary"] = summary(runs)
    report["seconds"] = round(time.perf_counter() - started, 1)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
