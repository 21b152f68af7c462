"""Search at scale: newsdesk's search against Material's stock search (lunr), one run.

    python -m bench.search [--articles 6000] [--backend rules] [--workdir DIR] [--reuse] [--no-stock]

Makes a newsdesk project of N Wikinews articles (``../shared/corpora/wikinews/*/ID*.txt``:
title, date, blank line, body; all 5,934 by default) as seeds, with the project's
``mkdocs.yml`` as ``newsdesk new`` writes it (plus ``entity_backend``: ``rules`` by default,
for time; the search does not depend on the backend beyond which entity pages exist).
``newsdesk generate`` runs the pipeline once (articles, entity, story and index pages, and
the search index in ``docs/assets/search-index/``); then, at the same time, from the same
``docs/``:

- ``site-ours``: ``newsdesk build`` -- the site as newsdesk ships it, with its own search;
- ``site-stock``: ``mkdocs build`` of the same project with Material's ``search`` and
  ``offline`` plugins added (lunr, whole index; ``search.highlight``) and the iframe-worker
  shim (``bench/vendor``, MIT) as a local polyfill, so the stock search works from file://
  with no network (as shipped, it loads the shim from unpkg.com). newsdesk then leaves the
  search to Material, so both sites have the same pages and differ only in their search.

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
mode); progress goes to stderr. ``--reuse`` measures the sites of an earlier run again.
Not part of ``make test``.
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

from newsdesk.search import INDEX_DIR
from newsdesk.search.query import SearchIndex

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpora" / "wikinews"
SHIM = Path(__file__).resolve().parent / "vendor" / "iframe-worker-shim.js"
NEWSDESK = [sys.executable, "-m", "newsdesk.cli"]
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


def _env() -> dict:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1"}


def _run(args: list[str], cwd: Path) -> subprocess.Popen:
    return subprocess.Popen(args, cwd=cwd, env=_env(), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)


def _wait(name: str, job: subprocess.Popen, started: float) -> tuple[float, str]:
    output, _ = job.communicate()
    if job.returncode != 0:
        raise SystemExit(f"{name} failed ({job.returncode}):\n{output[-4000:]}")
    seconds = round(time.perf_counter() - started, 1)
    log(f"{name}: {seconds} s")
    return seconds, output


def make_project(work: Path, n: int, backend: str) -> Path:
    """``newsdesk new`` + N Wikinews seeds + the entity backend; ``mkdocs-stock.yml`` beside
    it: the same project with Material's search and offline plugins."""
    project = work / "project"
    shutil.rmtree(project, ignore_errors=True)
    subprocess.run([*NEWSDESK, "new", str(project), "--title", "Wikinews sample"], check=True, capture_output=True,
                   env=_env())
    for path in corpus_files(n):
        shutil.copy2(path, project / "seeds" / f"{path.parent.name}-{path.name}")
    config = (project / "mkdocs.yml").read_text("utf-8")
    assert "      seeds_dir: seeds\n" in config and "\n  - tags\n" in config, "the template of `newsdesk new` changed"
    config = config.replace("      seeds_dir: seeds\n", f"      seeds_dir: seeds\n      entity_backend: {backend}\n")
    (project / "mkdocs.yml").write_text(config, "utf-8")
    # The stock site: Material's search (as newsdesk projects had it before), the shim local.
    vendor = project / "docs" / "assets" / "vendor"
    vendor.mkdir(parents=True, exist_ok=True)
    shutil.copy2(SHIM, vendor / SHIM.name)
    stock = config.replace("\n  - tags\n", "\n  - tags\n  - search\n  - offline\n")
    stock = stock.replace("    - navigation.tabs\n", "    - navigation.tabs\n    - search.highlight\n")
    stock += f"\nsite_dir: ../site-stock\nextra:\n  polyfills:\n    - assets/vendor/{SHIM.name}\n"
    (project / "mkdocs-stock.yml").write_text(stock, "utf-8")
    return project


def build_sites(work: Path, n: int, backend: str, stock: bool) -> dict:
    project = make_project(work, n, backend)
    info: dict = {"articles": len(corpus_files(n)), "entity_backend": backend}
    info["words"] = sum(len(p.read_text("utf-8").split()) for p in (project / "seeds").glob("*.txt"))
    log(f"{info['articles']} articles ({info['words']:,} words) from {CORPUS}; running the pipeline")
    started = time.perf_counter()
    info["pipeline_seconds"], output = _wait("newsdesk generate", _run([*NEWSDESK, "generate", "-C", str(project)], work),
                                             started)
    info["pipeline_log"] = [line for line in output.splitlines() if line.startswith("newsdesk:")][-1:]
    # Both sites at once (one core each), from the docs/ the pipeline wrote (it finds
    # nothing changed in either build).
    started = time.perf_counter()
    jobs = {"site-ours": _run([*NEWSDESK, "build", "-q", "-C", str(project), "--site-dir", str(work / "site-ours")], work)}
    if stock:
        jobs["site-stock"] = _run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs-stock.yml")],
                                  project)
    info["mkdocs_build_seconds"] = {name: _wait(f"build of {name}", job, started)[0] for name, job in jobs.items()}
    info["html_pages"] = sum(1 for _ in (work / "site-ours").rglob("*.html"))
    files = {p.relative_to(project / "docs" / INDEX_DIR).as_posix(): p.read_text("utf-8")
             for p in (project / "docs" / INDEX_DIR).rglob("*.js")}
    info["index"] = index_sizes(files)
    info["index"]["documents"] = {k: end - start for k, start, end in SearchIndex(files).manifest["kinds"]}
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
    """Per system and mode, the worst query: ``max_ms`` (pasted: from the paste; typed: from
    the last key), ``max_ms_from_open`` (from opening the search, typing included: where a
    page's main thread is busy loading an index, the keys themselves wait, so the time from
    the last key alone says little) and ``max_bytes``."""
    out: dict = {}
    for run in runs:
        entry = out.setdefault(run["system"], {}).setdefault(run["mode"], {"max_ms": 0, "max_ms_from_open": 0, "max_bytes": 0})
        entry["max_ms"] = max(entry["max_ms"], run["ms"])
        entry["max_ms_from_open"] = max(entry["max_ms_from_open"], run["ms_from_open"])
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
    parser.add_argument("--backend", default="rules", choices=("rules", "hybrid", "spacy", "auto"),
                        help="newsdesk's entity backend (default rules: the fastest; it decides the entity pages)")
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
        for site in ("site-ours", "site-stock"):
            shutil.rmtree(work / site, ignore_errors=True)
        info = build_sites(work, args.articles, args.backend, stock)
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
