#!/usr/bin/env python3
"""Regenerate the Markdown in docs/ from the articles in seeds/.

The same as `newsdesk generate`: `mkdocs build` and `mkdocs serve` also do this (through
the newsdesk MkDocs plugin), so run this only to look at the Markdown without building
the HTML. Options: see `python build_site.py --help`.
"""

import sys

from newsdesk.cli import main

if __name__ == "__main__":
    sys.exit(main(["generate", *sys.argv[1:]]))
