"""`newsdesk serve` (mkdocs serve with live reload) rebuilds when a seed or a sidecar changes.

A real server is started on a copy of the bundled project (mkdocs.yml, seeds/,
docs/about.md) in a pytest temp folder, on a free port of 127.0.0.1:
- it answers on /articles/index.html within SERVE_TIMEOUT seconds;
- editing a seed's headline puts the new headline in the served "All articles" page
  within REBUILD_TIMEOUT seconds (run with -s to see how long each rebuild took);
- adding ``tags: [liveedit]`` to that seed's sidecar puts the tag on the served article
  page or tags page within REBUILD_TIMEOUT seconds;
- a sentence added to another seed's text is served on its article page (the preview),
  then in data/corpus.json (the full rebuild the preview asks for).
The server (and its process group) is always terminated.
"""

from __future__ import annotations

import html
import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import copy_bundled

ROOT = Path(__file__).resolve().parent.parent
NEWSDESK_BIN = ROOT / ".venv" / "bin" / "newsdesk"
SEED = "003_4462df2f5df68d6c"
OLD_HEADLINE = "Kerry flies to Baghdad in last-ditch effort to unify Iraqis against ISIS"
NEW_HEADLINE = "Kerry flies to Baghdad in a test edit"
TAG = "liveedit"
SERVE_TIMEOUT = 90.0  # first build (entity recognition on every seed) and server start
REBUILD_TIMEOUT = 60.0
POLL = 0.5

pytestmark = pytest.mark.slow


@dataclass
class Server:
    project: Path
    base: str  # "http://127.0.0.1:PORT/"
    proc: subprocess.Popen
    log: Path

    def output(self) -> str:
        text = self.log.read_text("utf-8", errors="replace")
        tail = text[-6000:]
        return f"--- newsdesk serve output (exit code {self.proc.poll()}) ---\n{tail}"

    def get(self, path: str) -> tuple[int, str]:
        """(status, body) of a page; status 0 when the server did not answer."""
        try:
            with urllib.request.urlopen(self.base + path, timeout=5) as response:
                return response.status, response.read().decode("utf-8", errors="replace")
        except urllib.error.HTTPError as exc:
            return exc.code, ""
        except (urllib.error.URLError, ConnectionError, TimeoutError, socket.timeout):
            return 0, ""

    def wait_for(self, what: str, condition, timeout: float) -> float:
        """Poll ``condition()`` until true; seconds it took. Fails (with the server output) on timeout."""
        start = time.monotonic()
        while True:
            if condition():
                return time.monotonic() - start
            if self.proc.poll() is not None:
                pytest.fail(f"newsdesk serve exited while waiting for {what}\n{self.output()}", pytrace=False)
            elapsed = time.monotonic() - start
            if elapsed > timeout:
                pytest.fail(f"{what}: not seen after {elapsed:.1f} s (limit {timeout:.0f} s)\n{self.output()}",
                            pytrace=False)
            time.sleep(POLL)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _stop(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    for sig, wait in ((signal.SIGINT, 10), (signal.SIGTERM, 5), (signal.SIGKILL, 5)):
        try:
            os.killpg(proc.pid, sig)  # the server's own process group (start_new_session)
        except ProcessLookupError:
            return
        try:
            proc.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Server:
    assert NEWSDESK_BIN.exists(), f"{NEWSDESK_BIN} is missing (make test creates .venv)"
    project = copy_bundled(tmp_path_factory.mktemp("newsdesk-serve"))

    port = _free_port()
    log = project.parent / f"{project.name}-serve.log"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    with open(log, "wb") as out:
        proc = subprocess.Popen(
            [str(NEWSDESK_BIN), "serve", "-C", str(project), "-a", f"127.0.0.1:{port}"],
            cwd=project, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    srv = Server(project=project, base=f"http://127.0.0.1:{port}/", proc=proc, log=log)
    try:
        took = srv.wait_for("the served /articles/index.html", lambda: srv.get("articles/index.html")[0] == 200,
                            SERVE_TIMEOUT)
        print(f"\n[serve] first build served after {took:.1f} s")
        yield srv
    finally:
        _stop(proc)


def _kerry_article(srv: Server) -> str:
    """Path (relative to the site) of the served page of seed 003, whatever its title now is."""
    status, body = srv.get("articles/index.html")
    assert status == 200, f"/articles/index.html answered {status}\n{srv.output()}"
    for href, text in re.findall(r'<a href="([^"#?]+\.html)"[^>]*>(.*?)</a>', body, re.DOTALL):
        if html.unescape(re.sub(r"<[^>]+>", "", text)).startswith("Kerry flies to Baghdad"):
            return "articles/" + href
    pytest.fail(f"no link to the Kerry article on the served /articles/index.html:\n{body[-3000:]}", pytrace=False)


def test_seed_edit_is_served(server):
    status, body = server.get("articles/index.html")
    assert status == 200 and OLD_HEADLINE in html.unescape(body), "the original headline is not served"
    assert NEW_HEADLINE not in html.unescape(body)

    seed = server.project / "seeds" / f"{SEED}.txt"
    text = seed.read_text("utf-8")
    assert OLD_HEADLINE in text, f"{seed.name} no longer holds the headline this test edits"
    seed.write_text(text.replace(OLD_HEADLINE, NEW_HEADLINE, 1), encoding="utf-8")

    took = server.wait_for(
        f"the new headline {NEW_HEADLINE!r} on the served /articles/index.html",
        lambda: NEW_HEADLINE in html.unescape(server.get("articles/index.html")[1]),
        REBUILD_TIMEOUT,
    )
    print(f"\n[serve] seed edit served after {took:.1f} s")
    # the rebuilt page is the edited article, not a stale copy beside a new one
    body = html.unescape(server.get("articles/index.html")[1])
    assert OLD_HEADLINE not in body, "the old headline is still listed after the rebuild"
    page = _kerry_article(server)
    status, article = server.get(page)
    assert status == 200 and NEW_HEADLINE in html.unescape(article), f"{page} ({status}) lacks the new headline"
    # Serve rebuilds only the pages newsdesk rewrote ("dirty" builds): the pages that list
    # the article under its title were rewritten too, so they are rebuilt as well.
    assert "rebuilds only the pages newsdesk rewrote" in server.output()
    status, person = server.get("people/john-kerry.html")
    assert status == 200 and NEW_HEADLINE in html.unescape(person), "John Kerry's page still shows the old headline"


def test_sidecar_edit_is_served(server):
    tags_before = server.get("tags.html")[1]
    page = _kerry_article(server)
    assert TAG not in tags_before and TAG not in server.get(page)[1], f"{TAG!r} is served before the edit"

    sidecar = server.project / "seeds" / f"{SEED}.yml"
    text = sidecar.read_text("utf-8")
    sidecar.write_text(text.rstrip("\n") + f"\ntags: [{TAG}]\n", encoding="utf-8")

    def tagged() -> bool:
        # the article may get a new page if the rebuild renames it: look it up again
        return TAG in server.get("tags.html")[1] or TAG in server.get(_kerry_article(server))[1]

    took = server.wait_for(f"the tag {TAG!r} on the served article or tags page", tagged, REBUILD_TIMEOUT)
    print(f"\n[serve] sidecar edit served after {took:.1f} s")


def test_body_edit_is_shown_first_and_the_whole_site_follows(server):
    """An edit that keeps the article's title is previewed (``newsdesk.preview``): the
    article page first, then, from the rebuild the preview asks for, every page the text
    is in (corpus.json holds every article's text)."""
    marker = f"Zorblaxian{time.time_ns() % 10**9}"
    page = "articles/iraq-wants-america-back-to-fight-al-qaeda-with-air-strikes.html"
    assert server.get(page)[0] == 200, f"{page} is not served\n{server.output()}"
    seed = server.project / "seeds" / "002_5adceb2b319e5a58.txt"
    seed.write_text(seed.read_text("utf-8") + f"\nThe {marker} delegation reached Baghdad on Monday.\n", "utf-8")
    took = server.wait_for(f"{marker} on {page}", lambda: marker in server.get(page)[1], REBUILD_TIMEOUT)
    rest = server.wait_for(f"{marker} in data/corpus.json", lambda: marker in server.get("data/corpus.json")[1], REBUILD_TIMEOUT)
    print(f"\n[serve] body edit served after {took:.1f} s, the whole site {rest:.1f} s later")
    log = server.log.read_text("utf-8", errors="replace")
    shown = log.rfind("shown first")
    assert shown != -1 and re.search(r"newsdesk: \d+ seeds -> ", log[shown:]), f"no preview, then a full build:\n{server.output()}"


def test_serve_through_python_dash_m_reaches_mkdocs(tmp_path: Path):
    """`python -m newsdesk.cli serve` runs the module as __main__, so everything serve uses
    must be defined before the module's last lines run main(). An address MkDocs refuses
    makes it stop at once, after newsdesk's own set-up for dirty rebuilds has run."""
    project = copy_bundled(tmp_path)
    proc = subprocess.run(
        [str(ROOT / ".venv" / "bin" / "python"), "-m", "newsdesk.cli", "serve", "-C", str(project), "-a", "999.0.0.1:8000"],
        capture_output=True, text=True, timeout=120, cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert "internal error" not in proc.stderr, proc.stderr
    assert proc.returncode == 1 and "999.0.0.1" in proc.stderr, (proc.returncode, proc.stderr)
