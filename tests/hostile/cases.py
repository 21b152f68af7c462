"""Hostile input, generated at run time (nothing big or binary is committed), and one shared
build of all of it.

``write_project(folder)`` makes a newsdesk project whose seeds/, sidecars and entities.yml
hold every hostile case at once, and returns the ``Case`` list saying what must happen to
each: published (its lines shown as text), published with a warning naming the file,
refused with a message naming the file and the reason, or skipped (hidden files and
non-seeds, listed at info level). One build of that project stands for all the cases:
every case that is not refused must still be published next to the others.

``hostile_build(tmp_path_factory)`` builds it once per test session (the hostile tests and
the browser test share it) with the real ``newsdesk build`` (MkDocs + Material).

Markup payloads all try to set ``window.__pwned`` (``PWNED``) or to load something from
``EVIL_HOST``, so a browser can tell whether any of them ran.
"""

from __future__ import annotations

import base64
import os
import socket
import struct
import subprocess
import sys
import time
import unicodedata
import zlib
from html.parser import HTMLParser
from dataclasses import dataclass, field
from pathlib import Path

from tests.conftest import ROOT, run_newsdesk

PWNED = "window.__pwned"
EVIL_HOST = "evil.example"
SECRET = "TOP-SECRET-OUTSIDE-THE-SEEDS-FOLDER"

# Text of a normal paragraph (long enough to be an article's lead), so each case's own
# lines are what is odd about it.
LEAD = ("Officials in the capital said on Monday that the committee would meet again next week to "
        "discuss the budget, the report and the questions raised by members of the public.")


@dataclass(frozen=True)
class Case:
    path: str  # as newsdesk shows it, relative to the project ("seeds/x.txt")
    group: str  # bytes | markup | names | yaml
    expect: str  # published | warned | refused | skipped
    says: tuple[str, ...] = ()  # what the message naming the file must say
    shows: tuple[str, ...] = ()  # text the article page must show (whitespace-normalised)
    hides: tuple[str, ...] = ()  # text that must appear nowhere in the built site
    title: str | None = None  # the article's title (front-matter), when it matters
    note: str = ""

    @property
    def id(self) -> str:
        return f"{self.group}:{self.path}:{self.expect}:{(self.says or ('',))[0]}"


@dataclass
class Project:
    folder: Path
    cases: list[Case] = field(default_factory=list)

    @property
    def seeds(self) -> Path:
        return self.folder / "seeds"

    def add(self, name: str, data: bytes | str, group: str, expect: str, shown: str | None = None, **kwargs) -> Case:
        """A seed file ``seeds/<name>`` with ``data``, and what must happen to it. ``shown``:
        the name as newsdesk shows it, when that differs (escaped characters)."""
        path = self.seeds / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return self.expect(f"seeds/{shown or name}", group, expect, **kwargs)

    def expect(self, shown: str, group: str, expect: str, **kwargs) -> Case:
        case = Case(shown, group, expect, **kwargs)
        self.cases.append(case)
        return case


def article(headline: str, *lines: str) -> str:
    return "\n\n".join([headline, LEAD, *lines]) + "\n"


# --------------------------------------------------------------------------- bytes


def tiny_png() -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    raw = b"".join(b"\x00" + bytes([200, 30, 30]) * 4 for _ in range(4))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def tiny_jpeg() -> bytes:
    # SOI, APP0 (JFIF), a quantisation table, EOI: the start of every camera JPEG.
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    dqt = b"\xff\xdb" + struct.pack(">H", 67) + b"\x00" + bytes(range(1, 65))
    return b"\xff\xd8" + app0 + dqt + bytes(range(256)) * 4 + b"\xff\xd9"


def add_bytes_cases(p: Project) -> None:
    g = "bytes"
    p.add("bytes-empty.txt", b"", g, "refused", says=("is empty",))
    p.add("bytes-whitespace.txt", " \n\t\n \r\n\u3000\n".encode(), g, "refused", says=("is empty",))
    p.add("bytes-only-invisible.txt", "\u200b\u202e\u2066\ufeff\n\u200b\n".encode(), g, "refused",
          says=("no visible text",))
    p.add("bytes-nul.txt", b"A headline\n\nSome text\x00with a NUL byte in it and more text after it.\n", g, "refused",
          says=("binary", "NUL"))
    p.add("bytes-png-renamed.txt", tiny_png(), g, "refused", says=("binary",))
    p.add("bytes-jpeg-renamed.txt", tiny_jpeg(), g, "refused", says=("binary",))
    noise = bytes((i * 7919 + 13) % 255 + 1 for i in range(20_000))  # no NUL byte, mostly controls and high bytes
    p.add("bytes-noise.txt", noise, g, "refused", says=("binary", "control characters"))
    p.add("bytes-invalid-utf8.txt",
          article("Invalid UTF-8 in a café’s report", "The naïve café served crème brûlée \xff\xfe and more — to everyone.")
          .encode("utf-8", "surrogateescape").replace(b"\xc3\xbf\xc3\xbe", b"\xff\xfe"),
          g, "warned", says=("2 byte sequence(s) are not valid UTF-8", "re-save"),
          shows=("The naïve café served crème brûlée \ufffd\ufffd and more — to everyone.",))
    p.add("bytes-utf8-bom-invalid.txt", codecs_bom_utf8() + article("BOM and a bad byte", "Price: 5 \x80 only.")
          .encode().replace(b"\xc2\x80", b"\x80"), g, "warned", says=("1 byte sequence(s) are not valid UTF-8",))
    p.add("bytes-cp1252.txt", article("Zürich façade “quoted” — 5 €", "Ærø, São Paulo and naïve résumés.").encode("cp1252"),
          g, "published", shows=("Ærø, São Paulo and naïve résumés.",), title="Zürich façade “quoted” — 5 €")
    text16 = article("UTF-16 without a byte-order mark: Zürich", "Second paragraph with “quotes” and 100 €.")
    p.add("bytes-utf16le-nobom.txt", text16.encode("utf-16-le"), g, "published",
          shows=("Second paragraph with “quotes” and 100 €.",), title="UTF-16 without a byte-order mark: Zürich")
    p.add("bytes-utf16be-nobom.txt", text16.replace("Zürich", "Genève").encode("utf-16-be"), g, "published",
          shows=("Second paragraph with “quotes” and 100 €.",))
    p.add("bytes-utf16-bom.txt", b"\xff\xfe" + article("UTF-16 with a BOM: Athens Αθήνα", "Ελληνικά κείμενα.").encode("utf-16-le"),
          g, "published", shows=("Ελληνικά κείμενα.",))
    p.add("bytes-utf16-lone-surrogate.txt", b"\xff\xfe" + "Headline\n".encode("utf-16-le") + b"\x00\xd8" + b"a\x00",
          g, "refused", says=("byte-order mark but is not utf-16-le",))
    p.add("bytes-mixed-endings.txt",
          b"Mixed line endings in one file\r\n\r\n" + LEAD.encode() + b"\rOld Mac line.\nUnix line.\r\nWindows line.\x0bVT\x0cFF"
          + "\u2028LS\u2029PS\x85NEL".encode() + b"\n",
          g, "published", shows=("Old Mac line.", "Unix line.", "Windows line.", "VT", "FF", "LS", "PS", "NEL"))
    p.add("bytes-bom-in-the-middle.txt", "\ufeffHeadline with a BOM first\n\nA paragraph with a BOM \ufeffin the middle, and one\ufeff more.\n\n"
          f"{LEAD}\n", g, "published", shows=("A paragraph with a BOM in the middle, and one more.",),
          title="Headline with a BOM first")
    controls = "".join(chr(c) for c in range(1, 32) if chr(c) not in "\t\n\r\x0b\x0c\x1c\x1d\x1e") + "\x7f\x80\x9b\x9f"
    p.add("bytes-control-characters.txt", article("Control characters in the text", f"Bell{controls}and escape \x1b[31mred\x1b[0m here.",
                                                  *[LEAD] * 4),
          g, "published", shows=("Belland escape [31mred[0m here.",))
    p.add("bytes-zero-width.txt", article("Zero\u200bwidth\u2060 spaces in a head\u200bline",
                                          "Iraq\u200b and I\u200br\u200ba\u200bq and emoji 👩\u200d💻 and Persian می\u200cخواهم."),
          g, "published", shows=("Iraq and Iraq and emoji 👩\u200d💻 and Persian می\u200cخواهم.",),
          title="Zerowidth spaces in a headline")
    p.add("bytes-bidi-override.txt",
          article("Bidi \u202eesrever\u202c override in a headline",
                  "Invoice for \u202etxt.exe\u202c and \u2067isolated\u2069 and \u202aembedded\u202c text.",
                  "Hebrew with marks: שלום\u200f, Arabic: مرحبا\u061c."),
          g, "published", shows=("Invoice for txt.exe and isolated and embedded text.", "Hebrew with marks: שלום\u200f, Arabic: مرحبا\u061c."),
          title="Bidi esrever override in a headline")
    p.add("bytes-tag-characters.txt", article("Tag characters hide text", "Visible" + "".join(chr(0xE0000 + ord(c)) for c in "ignore all")
                                              + " text and a flag 🏴."), g, "published", shows=("Visible text and a flag 🏴.",))
    p.add("bytes-noncharacters.txt", article("Noncharacters", "One\ufffftwo\ufdd0three\U0001fffe."), g, "published",
          shows=("Onetwothree.",))
    p.add("bytes-nfd.txt", article(unicodedata.normalize("NFD", "Décomposé headline"), unicodedata.normalize("NFD", "Crème brûlée.")),
          g, "published", shows=("Crème brûlée.",), title="Décomposé headline")
    # Size and line limits (newsdesk.read.MAX_SEED_BYTES, MAX_LINE_CHARS).
    big = p.seeds / "bytes-50mb.txt"
    with open(big, "wb") as handle:
        block = (LEAD + "\n\n").encode() * 4096
        while handle.tell() < 50 * 1024 * 1024:
            handle.write(block)
    p.expect("seeds/bytes-50mb.txt", g, "refused", says=("MiB", "are not read", "split it"))
    p.add("bytes-1mb-line.txt", "A headline over a one-megabyte line\n\n" + ("word " * 199_999) + "words\n", g, "refused",
          says=("line 3 is 1,000,000 characters long", "over 500,000 characters"))
    long_line = " ".join([LEAD] * 540)[:99_000].rsplit(" ", 1)[0] + "."
    p.add("bytes-99k-line.txt", "A headline over a very long paragraph\n\n" + long_line + "\n", g, "published",
          shows=(long_line[:2000],))


def codecs_bom_utf8() -> bytes:
    return b"\xef\xbb\xbf"


# --------------------------------------------------------------------------- markup

P = PWNED
DATA_HTML = base64.b64encode("<script>parent.__pwned='data-uri'</script>".encode()).decode()
MARKUP = {
    "markup-html.txt": (
        f"<img src=x onerror=\"{P}='headline'\"> Markup <b>in</b> a headline",
        f"<script>{P}='script'</script>",
        f"<img src=x onerror=\"{P}='onerror'\">",
        f"<svg><script>{P}='svg-script'</script></svg>",
        f"<svg onload=\"{P}='svg-onload'\"><circle r=\"1\"/></svg>",
        "<iframe src=\"javascript:parent.__pwned='iframe-js'\"></iframe>",
        "<iframe srcdoc=\"<script>parent.__pwned='srcdoc'</script>\"></iframe>",
        f"<iframe src=\"https://{EVIL_HOST}/frame\"></iframe>",
        f"<details open ontoggle=\"{P}='ontoggle'\">details</details>",
        f"<input autofocus onfocus=\"{P}='onfocus'\">",
        f"<body onload=\"{P}='body'\">",
        f"<meta http-equiv=\"refresh\" content=\"0;url=javascript:{P}='refresh'\">",
        f"<base href=\"https://{EVIL_HOST}/\">",
        f"<object data=\"javascript:{P}='object'\"></object> <embed src=\"javascript:{P}='embed'\">",
        f"<form action=\"javascript:{P}='form'\"><button>go</button></form>",
        f"<math><mtext><table><mglyph><style><img src=x onerror=\"{P}='mxss'\">",
        f"<noscript><p title=\"</noscript><img src=x onerror={P}='noscript'>\">",
        f"<div markdown=\"1\">*md in html* <script>{P}='md-in-html'</script></div>",
        f"<!-- an HTML comment --><script>{P}='after-comment'</script><!-- -->",
        f"<![CDATA[<script>{P}='cdata'</script>]]>",
        f"<script src=\"https://{EVIL_HOST}/x.js\"></script> <img src=\"https://{EVIL_HOST}/pixel.png\">",
        f"<link rel=\"stylesheet\" href=\"https://{EVIL_HOST}/x.css\">",
    ),
    "markup-css.txt": (
        "Style sheets and CSS expressions in the text",
        f"<div style=\"background:url(javascript:{P}='css-url')\">css url</div>",
        f"<div style=\"width: expression({P}='css-expression')\">css expression</div>",
        f"<style>@import url(https://{EVIL_HOST}/x.css); body {{ background: url(https://{EVIL_HOST}/bg.png) }}</style>",
        f"<p style=\"background-image: url('https://{EVIL_HOST}/bg2.png')\">styled</p>",
    ),
    "markup-links.txt": (
        "Links in Markdown and HTML form",
        f"[a Markdown link](javascript:{P}='md-link')",
        f"[spaced](  javascript:{P}='md-link-spaced' )",
        f"<a href=\"javascript:{P}='html-link'\">an HTML link</a>",
        f"<a href=\"&#106;avascript:{P}='entity-link'\">entity-encoded scheme</a>",
        f"![an image](data:text/html;base64,{DATA_HTML})",
        f"<a href=\"data:text/html;base64,{DATA_HTML}\">a data link</a>",
        f"<javascript:{P}='autolink'>",
        f"<https://{EVIL_HOST}/autolink> and https://{EVIL_HOST}/bare",
        "[a reference link][evil]",
        f"[evil]: javascript:{P}='reference'",
        f"[img]: https://{EVIL_HOST}/ref.png",
    ),
    "markup-extensions.txt": (
        "Markdown extension syntax in the text",
        '!!! danger "Not an admonition"',
        '??? note "Not a details block"',
        "???+ note",
        '--8<-- "/etc/passwd"',
        '--8<-- "mkdocs.yml"',
        "[TOC]",
        f"Text with attributes {{: onclick=\"{P}='attr-list'\" }}",
        f"{{: #an-id .a-class onclick=\"{P}='attr-alone'\" }}",
        f"# Not a heading {{: onmouseover=\"{P}='heading-attr'\" }}",
        "## Not a heading either",
        "```html",
        f"<script>{P}='fenced'</script>",
        "```",
        "    indented, not code <script>",
        "| not | a | table |",
        "|---|---|---|",
        "[^1]: not a footnote",
        "*[HTML]: not an abbreviation",
        "Term",
        ": not a definition",
        "$$ not math $$ and \\(nor this\\)",
        "==mark== ^^insert^^ ~~delete~~ ++ctrl+alt+del++",
        "/// admonition | not a block",
    ),
    "markup-templates.txt": (
        "Template syntax {{ config.site_name }} in a headline",
        "{{ config.site_name }} {{ ''.__class__.__mro__ }}",
        "{% include 'base.html' %} {% raw %} {% endraw %}",
        "{#- a Jinja comment -#}",
        "${7*7} #{7*7} <%= 7*7 %>",
    ),
    "markup-rules.txt": (
        "Lines that are rules, setext underlines and YAML",
        "---",
        "***",
        "===",
        "___",
        "title: injected",
        "- - -",
    ),
    "markup-deep.txt": (
        "Deeply nested lists and quotes",
        "> " * 10_000 + "a quote ten thousand deep",
        "- " * 10_000 + "a list ten thousand deep",
        "1. " * 2_000 + "an ordered list two thousand deep",
        "<div>" * 2_000 + "nested divs" + "</div>" * 2_000,
        "[" * 1_000 + "brackets" + "]" * 1_000,
        "*" * 1_000 + "stars" + "*" * 1_000,
    ),
}


def add_markup_cases(p: Project) -> None:
    g = "markup"
    for name, (headline, *lines) in MARKUP.items():
        text = "\n\n".join([headline, LEAD, *lines]) + "\n"
        p.add(name, text, g, "published", shows=tuple([headline, *lines]))
    # YAML-like lines at the top of a .txt seed are text, not front-matter.
    top = f"title: <script>{P}='txt-yaml'</script>\ntags: [injected]\n---\nA headline after YAML-like lines\n\n{LEAD}\n"
    p.add("markup-yaml-top.txt", top, g, "published",
          shows=(f"title: <script>{P}='txt-yaml'</script>", "tags: [injected]", "A headline after YAML-like lines"))
    # Front-matter of a .md seed: used (title, tags, source), and made safe for the theme.
    md = (f"---\ntitle: \"<script>{P}='fm-title'</script> Front-matter title\"\n"
          f"source: '\"><svg onload={P}=\"fm-source\">'\n"
          f"tags: [\"<img src=x onerror={P}='fm-tag'>\", \"../../etc\"]\n---\nThe headline in the text\n\n{LEAD}\n")
    p.add("markup-front-matter.md", md, g, "published", shows=("The headline in the text",),
          title=f"＜script＞{P}='fm-title'＜/script＞ Front-matter title")
    bad_md = f"---\ntitle: [unclosed\n---\nA headline under broken front-matter\n\n{LEAD}\n"
    p.add("markup-bad-front-matter.md", bad_md, g, "warned", says=("front-matter ignored", "line 3", "invalid YAML"),
          shows=("A headline under broken front-matter",))
    p.add("markup-unknown-front-matter.md", f"---\ntemplate: ../../../etc/passwd\nhide: [navigation]\n---\nUnknown keys in front-matter\n\n{LEAD}\n",
          g, "warned", says=("front-matter ignored", "unknown key 'template'"), shows=("Unknown keys in front-matter",))


# --------------------------------------------------------------------------- names


def add_name_cases(p: Project) -> None:
    g = "names"
    p.add("names with spaces (and) [brackets] & more.txt", article("A seed whose name has spaces"), g, "published",
          title="A seed whose name has spaces")
    p.add("日本語のニュース.txt", article("日本語の見出し", "東京で会議が開かれた。"), g, "published", shows=("東京で会議が開かれた。",))
    p.add("café.txt", article("Same name, composed"), g, "published", title="Same name, composed")
    p.add(unicodedata.normalize("NFD", "café.txt"), article("Same name, decomposed"), g, "published",
          title="Same name, decomposed")
    p.add("a..b.txt", article("Two dots inside a name"), g, "published")
    p.add("sub/folder/nested.txt", article("A seed in a sub-folder"), g, "published")
    p.add("Case.txt", article("Names differing only by case"), g, "published")
    p.add("case.txt", article("Names differing only by case"), g, "published")
    p.add("same-title-1.txt", article("Two seeds with one title"), g, "published")
    p.add("same-title-2.txt", article("Two seeds with one title"), g, "published")
    long_name = "long-" + "x" * 246 + ".txt"
    assert len(long_name.encode()) == 255
    p.add(long_name, article("A seed whose name is 255 bytes long"), g, "published")
    long_unicode = "é" * 125 + "a.txt"
    assert len(long_unicode.encode()) == 255
    p.add(long_unicode, article("A 255-byte name in two-byte characters"), g, "published")
    # Shown with escapes: a control character, a bidi override, bytes that are not UTF-8.
    p.add("bidi-\u202etxt.exe.txt", article("A seed whose name has a bidi override"), g, "published",
          shown="bidi-\\u202etxt.exe.txt")
    p.add("new\nline.txt", article("A seed whose name has a newline"), g, "published", shown="new\\u000aline.txt")
    with open(os.fsencode(p.seeds) + b"/bad-\xff-bytes.txt", "wb") as handle:
        handle.write(article("A seed whose name is not UTF-8").encode())
    p.expect("seeds/bad-\\xff-bytes.txt", g, "refused", says=("not valid UTF-8", "rename the file"))
    p.add(f"<img src=x onerror={P}='file-name'>.txt", article("A seed whose name is markup"), g, "published")
    # Hidden files and folders, and files that are not seeds: skipped, and said so.
    p.add(".hidden.txt", article("Hidden"), g, "skipped", says=("hidden",))
    p.add("..two-leading-dots.txt", article("Hidden too"), g, "skipped", says=("hidden",))
    p.add(".git/inside-hidden-folder.txt", article("Hidden folder"), g, "skipped", shown=".git/", says=("hidden",))
    p.add("notes.docx", b"PK\x03\x04 not a seed", g, "skipped", says=("not seeds",))
    p.add("orphan.yml", "title: No seed beside me\n", g, "skipped", says=("no seed of the same name",))
    # Symbolic links, folders, FIFOs, sockets: refused without being opened.
    outside = p.folder / "outside-secret.txt"
    outside.write_text(article(f"{SECRET} headline", f"{SECRET} body."), "utf-8")
    os.symlink(outside, p.seeds / "link-outside.txt")
    p.expect("seeds/link-outside.txt", g, "refused", says=("links outside the seeds folder",), hides=(SECRET,))
    os.symlink("/etc/hostname", p.seeds / "link-etc.txt")
    p.expect("seeds/link-etc.txt", g, "refused", says=("links outside the seeds folder",))
    os.symlink("sub/folder/nested.txt", p.seeds / "link-inside.txt")
    p.expect("seeds/link-inside.txt", g, "published")
    os.symlink("does-not-exist.txt", p.seeds / "link-broken.txt")
    p.expect("seeds/link-broken.txt", g, "refused", says=("broken symbolic link",))
    os.symlink("link-loop.txt", p.seeds / "link-loop.txt")
    p.expect("seeds/link-loop.txt", g, "refused", says=("symbolic link",))
    (p.seeds / "folder.txt").mkdir()
    p.add("folder.txt/inner.txt", article("A seed inside a folder named like a seed"), g, "published")
    p.expect("seeds/folder.txt", g, "refused", says=("is a folder",))
    os.mkfifo(p.seeds / "fifo.txt")
    p.expect("seeds/fifo.txt", g, "refused", says=("not a regular file",))
    with socket.socket(socket.AF_UNIX) as sock:
        here = os.getcwd()
        os.chdir(p.seeds)  # a socket path must be short
        try:
            sock.bind("socket.txt")
        finally:
            os.chdir(here)
    p.expect("seeds/socket.txt", g, "refused", says=("not a regular file",))


# --------------------------------------------------------------------------- sidecars, entities.yml

BILLION_LAUGHS = "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},"
    f"*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)},*{chr(97 + i)}]\n" for i in range(8)) + "title: *i\n"
TAGS = ["../../etc", "a/b", f"<script>{P}='tag'</script>", "C:\\Windows\\System32", "%2e%2e%2f", "index", "..", ".", "tags"]
HOSTILE_PERSON = f"<script>{P}='entity-name'</script>"
HOSTILE_DESCRIPTION = f"\"><script>{P}='entity-description'</script><meta x=\""


def add_yaml_cases(p: Project) -> None:
    g = "yaml"

    def seed_with_sidecar(name: str, sidecar: bytes | str | None, warning: tuple[str, ...] = (), **seed) -> None:
        """seeds/<name>.txt (always published) with the sidecar seeds/<name>.yml; ``warning``:
        what the warning naming the sidecar must say (none: the sidecar is used)."""
        p.add(f"{name}.txt", article(f"Sidecar case {name}", "John Hostile said the plan was sound, and "
                                     "John Hostile added that it was cheap."), g, "published", **seed)
        if sidecar is not None:
            (p.seeds / f"{name}.yml").write_bytes(sidecar.encode() if isinstance(sidecar, str) else sidecar)
        if warning:
            p.expect(f"seeds/{name}.yml", g, "warned", says=warning)

    seed_with_sidecar("yaml-invalid", "title: 'unclosed\n", ("sidecar ignored", "invalid YAML"))
    seed_with_sidecar("yaml-types", "title: [a, b]\nauthors: 5\ntags: {a: b}\n", ("sidecar ignored", "'title' must be text", "'authors' must be a list of text", "'tags'"))
    seed_with_sidecar("yaml-unknown-keys", "colour: red\ntemplate: ../../x\n", ("sidecar ignored", "unknown key 'colour'", "unknown key 'template'"))
    seed_with_sidecar("yaml-billion-laughs", BILLION_LAUGHS, ("sidecar ignored", "aliases"))
    seed_with_sidecar("yaml-deep", "tags: " + "[" * 500 + "]" * 500 + "\n", ("sidecar ignored", "nested"))
    seed_with_sidecar("yaml-big-int", "title: " + "9" * 5000 + "\n", ("sidecar ignored", "invalid value"))
    seed_with_sidecar("yaml-bad-date", "published: 2020-13-45\n", ("sidecar ignored", "invalid value", "quote it"))
    seed_with_sidecar("yaml-python-tag", "title: !!python/object/apply:os.system ['touch /tmp/newsdesk-pwned']\n", ("sidecar ignored", "invalid YAML"))
    seed_with_sidecar("yaml-list", "- a\n- b\n", ("sidecar ignored", "mapping"))
    seed_with_sidecar("yaml-binary", tiny_png(), ("sidecar ignored", "binary"))
    seed_with_sidecar("yaml-huge", "title: x\n" + "# padding\n" * 30_000, ("sidecar ignored", "at most 256 KiB"))
    seed_with_sidecar("yaml-folder", None, ("sidecar ignored", "is a folder"))
    (p.seeds / "yaml-folder.yml").mkdir()
    seed_with_sidecar("yaml-fifo", None, ("sidecar ignored", "not a regular file"))
    os.mkfifo(p.seeds / "yaml-fifo.yml")
    stolen = p.folder / "stolen.yml"
    stolen.write_text(f"title: {SECRET}\n")
    seed_with_sidecar("yaml-link-outside", None, ("sidecar ignored", "links outside"), hides=(SECRET,))
    os.symlink(stolen, p.seeds / "yaml-link-outside.yml")
    seed_with_sidecar("yaml-tags", "tags:\n" + "".join(f"  - {yaml_quote(t)}\n" for t in TAGS)
                      + f"url: \"javascript:{P}='url'\"\nsource: \"<img src=x onerror={P}='source'>\"\n"
                      + f"title: \"Tags that look like paths <b onmouseover={P}='title'>\"\n",
                      title=f"Tags that look like paths ＜b onmouseover={P}='title'＞")
    seed_with_sidecar("yaml-invisible", "title: \"Sidecar \\u202eredaeh\\u202c and zero\\u200bwidth\"\n"
                      "authors: [\"Ann \\u2066Writer\\u2069\"]\n", title="Sidecar redaeh and zerowidth")
    # entities.yml: hostile names and descriptions are shown as text; wrong parts are reported.
    (p.folder / "entities.yml").write_text(
        "aliases:\n"
        f"  {yaml_quote(HOSTILE_PERSON)}: [John Hostile]\n"
        "describe:\n"
        f"  {yaml_quote(HOSTILE_PERSON)}: {yaml_quote(HOSTILE_DESCRIPTION)}\n"
        "kinds: {Jordan: planet}\n"
        "merge: not a list\n"
        "colour: red\n", "utf-8")
    p.expect("entities.yml", g, "warned", says=("unknown key 'colour'",))
    p.expect("entities.yml", g, "warned", says=("kind of 'Jordan' must be one of",))
    p.expect("entities.yml", g, "warned", says=("merge must be a list",))


def yaml_quote(text: str) -> str:
    import json

    return json.dumps(text)  # a JSON string is a YAML double-quoted scalar


# --------------------------------------------------------------------------- the project


def write_project(folder: Path) -> Project:
    """A newsdesk project holding every hostile case."""
    run_newsdesk("new", str(folder), "--title", "Hostile input")
    project = Project(folder)
    add_bytes_cases(project)
    add_markup_cases(project)
    add_name_cases(project)
    add_yaml_cases(project)
    (folder / "docs" / "about.md").write_text("# About\n\nA page the user wrote.\n", "utf-8")
    return project


@dataclass
class Built:
    project: Project
    stderr: str
    returncode: int
    seconds: float

    @property
    def folder(self) -> Path:
        return self.project.folder

    @property
    def site(self) -> Path:
        return self.folder / "site"


_BUILT: dict[str, Built] = {}


def hostile_build(tmp_path_factory) -> Built:
    """The hostile project, built once per test session with `newsdesk build`."""
    if "hostile" not in _BUILT:
        project = write_project(tmp_path_factory.mktemp("hostile") / "project")
        start = time.perf_counter()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1700000000"}
        proc = subprocess.run([sys.executable, "-m", "newsdesk.cli", "build", "-C", str(project.folder)],
                              capture_output=True, text=True, env=env, cwd=ROOT, timeout=900)
        _BUILT["hostile"] = Built(project, proc.stderr, proc.returncode, time.perf_counter() - start)
        (project.seeds / "bytes-50mb.txt").unlink()  # 50 MB less in pytest's kept temp folders
    return _BUILT["hostile"]


# --------------------------------------------------------------------------- reading the result


class ArticleHTML(HTMLParser):
    """Text of a page's <article>, split into the body and the collapsed removed-lines audit,
    and every start tag (with attributes) of the whole page and of the article."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.in_article = 0
        self.in_details = 0
        self.body: list[str] = []
        self.audit: list[str] = []
        self.article_tags: list[tuple[str, list]] = []
        self.all_tags: list[tuple[str, list]] = []
        self.title: list[str] = []
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.all_tags.append((tag, attrs))
        if self.in_article:
            self.article_tags.append((tag, attrs))
        if tag == "article":
            self.in_article += 1
        elif tag == "details" and self.in_article:
            self.in_details += 1
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag == "article":
            self.in_article -= 1
        elif tag == "details" and self.in_details:
            self.in_details -= 1
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        if self._in_title:
            self.title.append(data)
        if self.in_article:
            (self.audit if self.in_details else self.body).append(data)

    @property
    def text(self) -> str:
        return squash("".join(self.body) + " " + "".join(self.audit))


def parse_page(path: Path) -> ArticleHTML:
    parser = ArticleHTML()
    parser.feed(path.read_text("utf-8"))
    return parser


def squash(text: str) -> str:
    return " ".join(text.split())


def article_pages(project: Path) -> dict[str, dict]:
    """seed path (as shown) -> {"meta": front-matter, "md": Markdown file, "html": built page}."""
    import yaml

    pages = {}
    for md in sorted((project / "docs" / "articles").glob("*.md")):
        text = md.read_text("utf-8")
        if not text.startswith("---\n"):
            continue
        meta = yaml.safe_load(text[4:text.index("\n---\n", 3)])
        if isinstance(meta, dict) and meta.get("seed"):
            pages[meta["seed"]] = {"meta": meta, "md": md, "html": project / "site" / "articles" / f"{md.stem}.html"}
    return pages
