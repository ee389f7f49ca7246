"""The HTML page every map is written into, and the helpers that keep it offline and safe.

A page is one self-contained file: the vis-network JS/CSS (viz/static, copied from
pyvis 0.3.2) and our runtime (viz/static/ukg-*.js joined into one script, unionkg.css)
are inlined, the
graph travels as JSON in a ``<script type="application/json">`` block, and a
Content-Security-Policy meta tag forbids every network request and every script
other than the two inlined ones (pinned by their SHA-256). Nothing in the page is
ever fetched, so it opens the same from a USB stick as from a web server.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import os
import re
import tempfile
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path
from urllib.parse import quote

__all__ = [
    "is_page",
    "script_json",
    "render_page",
    "write_page",
    "static_text",
    "safe_href",
    "back_links",
]

# Characters that could end a <script> block, open an HTML comment or break a JS
# string literal in old engines. Replaced by \\uXXXX escapes, which JSON.parse reads back.
_SCRIPT_UNSAFE = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def script_json(obj) -> str:
    """JSON for embedding inside a <script> element.

    ``<``, ``>``, ``&``, U+2028 and U+2029 become ``\\uXXXX`` escapes, so no value
    (a name containing ``</script>``, say) can end the block. Chinese stays readable.
    """
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    # One str.replace per character: much faster than str.translate on long
    # non-ASCII text (the explorer's JSON is tens of MB), same result, since no
    # replacement contains a character that is replaced.
    for char, escape in _SCRIPT_UNSAFE.items():
        if char in text:
            text = text.replace(char, escape)
    return text


@cache
def static_text(name: str) -> str:
    """The text of a file shipped in viz/static (package data)."""
    return resources.files("viz").joinpath("static", name).read_text(encoding="utf-8")


# Our runtime, one file per concern, joined in this order into one inlined script
# (one function scope, so the parts share their variables).
RUNTIME_PARTS = (
    "ukg-core.js",
    "ukg-panel.js",
    "ukg-article.js",
    "ukg-explorer.js",
    "ukg-spread.js",
    "ukg-view.js",
)


@cache
def runtime_js() -> str:
    """Our page runtime: the parts of ``RUNTIME_PARTS`` in one strict-mode function."""
    body = "\n".join(static_text(name) for name in RUNTIME_PARTS)
    return '(function () {\n  "use strict";\n' + body + "\n})();\n"


def _csp_hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


_PAGE = """<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="unionkg viz (pyvis {pyvis_version}, vis-network 9.1.2)">
<title>{title}</title>
<style>{vis_css}</style>
<style>{ukg_css}</style>
</head>
<body class="ukg-kind-{kind}">
<header id="ukg-header"><h1 id="ukg-title">{title}</h1><div id="ukg-subtitle">{subtitle}</div></header>
<div id="ukg-note" hidden></div>
<main id="ukg-main">
<aside id="ukg-controls"></aside>
<div id="ukg-network-wrap"><div id="ukg-network" role="img" aria-label="{title}"></div><div id="ukg-legend"></div></div>
<aside id="ukg-panel"><p class="ukg-hint">点击节点或连线查看证据句。
Click a node or edge to see its evidence.</p></aside>
</main>
<script type="application/json" id="unionkg-data">{data}</script>
<script>{vis_js}</script>
<script>{ukg_js}</script>
</body>
</html>
"""


# How every page starts, up to its generator tag (what is_page checks).
PAGE_HEAD = b'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
GENERATOR = b'<meta name="generator" content="unionkg viz '


def is_page(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a regular file that starts as the pages of this package do
    (their head and generator tag): a page unionkg wrote and may write again."""
    path = Path(path)
    if path.is_symlink() or not path.is_file():
        return False
    try:
        with path.open("rb") as fh:
            head = fh.read(4096)
    except OSError:
        return False
    return head.startswith(PAGE_HEAD) and GENERATOR in head


@lru_cache(maxsize=1)
def _csp() -> str:
    """The Content-Security-Policy of every page (the same for all: it pins the two
    inlined scripts, which are package data)."""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src "
            + _csp_hash(static_text("vis-network.min.js"))
            + " "
            + _csp_hash(runtime_js()),
            "style-src 'unsafe-inline'",
            "img-src data:",
            "font-src data:",
            "connect-src 'none'",
            "base-uri 'none'",
            "form-action 'none'",
        ]
    )


@lru_cache(maxsize=1)
def _pyvis_version() -> str:
    try:
        from importlib.metadata import version

        return version("pyvis")
    except Exception:  # pragma: no cover - metadata missing in odd installs
        return "?"


def render_page(kind: str, title: str, payload: dict, subtitle: str = "") -> str:
    """The complete HTML of one page.

    ``kind`` is one of our page kinds (a fixed identifier, not data); ``title`` and
    ``subtitle`` are untrusted and HTML-escaped; ``payload`` is embedded with
    :func:`script_json`.
    """
    if not kind.isidentifier():
        raise ValueError(f"page kind must be an identifier, got {kind!r}")
    vis_js = static_text("vis-network.min.js")
    ukg_js = runtime_js()
    return _PAGE.format(
        csp=_csp(),
        pyvis_version=html.escape(_pyvis_version()),
        title=html.escape(title),
        subtitle=html.escape(subtitle),
        kind=kind,
        vis_css=static_text("vis-network.css"),
        ukg_css=static_text("unionkg.css"),
        data=script_json({"kind": kind, "title": title, **payload}),
        vis_js=vis_js,
        ukg_js=ukg_js,
    )


def write_page(path: str | os.PathLike, page: str) -> Path:
    """Write ``page`` to ``path`` atomically (a crash never leaves half a page)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=".ukg-", suffix=".html.tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(page)
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a map is meant to be shared
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise
    return path


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")


def safe_href(href: str) -> str:
    """A relative link safe to put in a page (no scheme such as ``javascript:``,
    no protocol-relative ``//host``), percent-encoded."""
    from .errors import InvalidOptionError

    href = str(href)
    if (
        not href
        or _SCHEME.match(href)
        or href.startswith(("//", "\\"))
        or "\\" in href
        or any(ord(c) < 32 or ord(c) == 127 for c in href)
    ):
        raise InvalidOptionError(
            f"link {href!r} is not a relative path; give a file name such as 'spread-x.html'"
        )
    return quote(href, safe="/#?=&%.-_~")


def back_links(back_href: str | None) -> list[dict]:
    """The page's link back to the explorer, when it has one (``links`` of a payload)."""
    return [{"text": "← 探索页 Explorer", "href": safe_href(back_href)}] if back_href else []
