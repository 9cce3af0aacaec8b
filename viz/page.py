"""Self-contained HTML pages: inline assets, safe embedding of untrusted text.

Every page ecox writes carries its scripts and styles inline and asks no other
host for anything, so it works when emailed to someone offline. pyvis 0.3.2
cannot produce such a page by itself: its ``cdn_resources="in_line"`` mode
inlines vis-network but still links Bootstrap from a CDN, and ``local`` loads
vis-network from a CDN (pyvis issues #228, #229). So the page shell here is our
own, around the vis-network build that ships inside the pyvis package, and
:func:`remote_urls` checks a page for any reference to another host.

Names, aliases and evidence come from news text: they reach a page only as
HTML-escaped text (:func:`esc`) or as JSON inside a ``<script>`` element with
``<``, ``>``, ``&`` and the JavaScript line separators escaped
(:func:`script_json`), and the page's script writes them with ``textContent``.
A Content-Security-Policy in the page allows no other host and runs only the
page's own scripts, by their SHA-256: were a payload ever to reach the DOM, its
inline handler or script would still be refused.

Examples
--------
>>> script_json({"name": "</script><script>alert(1)</script>"})
'{"name":"\\\\u003c/script\\\\u003e\\\\u003cscript\\\\u003ealert(1)\\\\u003c/script\\\\u003e"}'
>>> esc('<img src=x onerror="alert(1)">')
'&lt;img src=x onerror=&quot;alert(1)&quot;&gt;'
>>> remote_urls('<script src="https://cdn.example/x.js"></script><a href="#top">top</a>')
['https://cdn.example/x.js']
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from collections.abc import Mapping, Sequence
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from ecox.graph.characters import neutralise_bidi
from ecox.graph.schema import SCHEMA
from ecox.viz.messages import catalogue, message

__all__ = [
    "VIS_NETWORK_VERSION",
    "asset_text",
    "esc",
    "packed_rows",
    "page",
    "page_words",
    "remote_urls",
    "script_json",
    "vis_network_js",
]

#: The vis-network build shipped in pyvis 0.3.2 that every page inlines.
VIS_NETWORK_VERSION = "9.1.2"

_SCRIPT_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}
_SCRIPT_JSON_PATTERN = re.compile("[<>&\u2028\u2029]")

#: References that make a browser fetch something: src/href/action attributes,
#: CSS ``@import`` and ``url(...)``; remote means ``http(s)://`` or protocol-relative ``//``.
_REMOTE_PATTERNS = (
    re.compile(
        r"""\b(?:src|href|action|poster|data|srcset)\s*=\s*["']?\s*((?:https?:)?//[^"'\s>]+)""",
        re.I,
    ),
    re.compile(r"""@import\s+(?:url\()?\s*["']?\s*((?:https?:)?//[^"')\s;]+)""", re.I),
    re.compile(r"""url\(\s*["']?\s*((?:https?:)?//[^"')\s]+)""", re.I),
)


def esc(text: object) -> str:
    """HTML-escape any value for element content or a quoted attribute (``None`` → ``''``).

    >>> esc(None), esc(3), esc("a & b")
    ('', '3', 'a &amp; b')
    """
    if text is None:
        return ""
    return html.escape(neutralise_bidi(str(text)), quote=True)


def script_json(data: Any) -> str:
    """JSON safe to place inside a ``<script>`` element.

    ``<``, ``>`` and ``&`` become ``\\u003c``-style escapes (so no text can
    close the element or open a comment), as do U+2028 and U+2029. ``NaN`` and
    infinities are refused.

    >>> script_json(["a\\u2028b", "x & y"])
    '["a\\\\u2028b","x \\\\u0026 y"]'
    """
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return _SCRIPT_JSON_PATTERN.sub(lambda m: _SCRIPT_JSON_ESCAPES[m.group(0)], text)


def packed_rows(rows: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """Rows of a page's data as columns, a column of few distinct values as codes.

    Field names are written once instead of once per row, and a value repeated across
    rows (a document, a relation) once per column; ``viz/assets/dom.js`` ``unpackRows``
    gives the rows back, each without the fields it lacked.

    >>> packed = packed_rows([{"doc": "a.csv", "n": 1}, {"doc": "a.csv"}, {"doc": "a.csv"}])
    >>> packed["columns"]["doc"], packed["columns"]["n"]
    ({'values': ['a.csv'], 'codes': [0, 0, 0]}, [1, None, None])
    """
    fields = list(dict.fromkeys(f for row in rows for f in row))
    columns: dict[str, Any] = {}
    for name in fields:
        cells = [row.get(name) for row in rows]
        values = list(dict.fromkeys(c for c in cells if c is not None))
        if all(isinstance(v, str) for v in values) and len(values) * 2 <= len(cells):
            code = {v: i for i, v in enumerate(values)}
            codes = [-1 if c is None else code[c] for c in cells]
            columns[name] = {"values": values, "codes": codes}
        else:
            columns[name] = cells
    return {"n": len(rows), "columns": columns}


def remote_urls(text: str) -> list[str]:
    """Every URL of another host that a page would load (src, href, ``@import``, ``url()``).

    Plain text that merely mentions an address (a licence comment, the SVG
    namespace) is not a request and is not listed.

    >>> remote_urls("<style>@import url('//fonts.example/a.css');</style>")
    ['//fonts.example/a.css']
    >>> remote_urls('<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    []
    """
    found: list[str] = []
    for pattern in _REMOTE_PATTERNS:
        found.extend(m.group(1) for m in pattern.finditer(text))
    return sorted(set(found))


def _safe_inline_script(code: str) -> str:
    # A script element ends at the first "</script"; "<!--" may switch parsing modes.
    return re.sub(r"<(/?script|!--)", r"<\\\1", code, flags=re.I)


@cache
def vis_network_js() -> str:
    """The vis-network standalone script shipped inside the pyvis package."""
    lib = resources.files("pyvis") / "lib" / f"vis-{VIS_NETWORK_VERSION}" / "vis-network.min.js"
    return _safe_inline_script(lib.read_text(encoding="utf-8"))


@cache
def asset_text(name: str) -> str:
    """A file from ``viz/assets`` (the page's own script and style)."""
    # beside this module (not importlib.resources: an editable install may expose
    # viz as a namespace package, which resources cannot read from)
    return (Path(__file__).resolve().parent / "assets" / name).read_text(encoding="utf-8")


#: Message keys handed to the page script (``js.*``: its own words; ``gap.*``: gap names).
_SCRIPT_MESSAGES = ("js.", "gap.")


def page_words(lang: str) -> dict[str, Any]:
    """What every page script reads besides its data: labels and words in ``lang``.

    Type and relation labels come from the schema, the script's words from the
    message catalogue (keys starting ``js.`` or ``gap.``).

    >>> page_words("en")["typeLabels"]["Government"], page_words("zh")["messages"]["js.aliases"]
    ('government body', '别名')
    """
    return {
        "lang": lang,
        "typeLabels": SCHEMA.type_labels(lang),
        "relationLabels": SCHEMA.relation_labels(lang),
        "symmetric": sorted(SCHEMA.symmetric),
        "messages": {
            key: message(key, lang) for key in catalogue() if key.startswith(_SCRIPT_MESSAGES)
        },
    }


def page(
    title: str,
    body: str,
    data: dict[str, Any],
    *,
    network: bool = True,
    lang: str = "zh",
    script: str = "app.js",
    style: str | None = None,
) -> str:
    """A complete offline HTML document.

    Parameters
    ----------
    title
        Plain text (escaped here).
    body
        Trusted HTML built by this package (every untrusted piece already escaped).
    data
        What the page script reads, embedded with :func:`script_json`.
    network
        Inline vis-network (needed when ``body`` holds a network view).
    lang
        The page's language (``zh`` or ``en``), for the ``lang`` attribute.
    script
        The page's own script, a file of ``viz/assets`` (after ``dom.js``, the shared helpers).
    style
        A style sheet of ``viz/assets`` added after ``page.css``.

    >>> doc = page("<T>", "<p>hi</p>", {"x": 1}, network=False)
    >>> "<title>&lt;T&gt;</title>" in doc, remote_urls(doc)
    (True, [])
    """
    codes = [vis_network_js()] if network else []
    network_page = script == "app.js"  # the network pages also explore (viz/assets/explore.js)
    names = ("dom.js", script, "explore.js") if network_page else ("dom.js", script)
    codes += [_safe_inline_script(asset_text(name)) for name in names]
    scripts = [f"<script>{code}</script>" for code in codes]
    # belt and braces: the browser itself refuses anything from another host, and runs
    # only these exact scripts (by hash): no injected element or inline handler would run
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"
        for code in codes
    )
    return (
        "<!DOCTYPE html>\n"
        f'<html lang="{"zh-Hans" if lang == "zh" else esc(lang)}">\n'
        '<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        f"script-src {hashes}; style-src 'unsafe-inline'; img-src data:; "
        "font-src data:; connect-src 'none'\">\n"
        f"<title>{esc(title)}</title>\n"
        f"<style>{asset_text('page.css')}{asset_text('explore.css') if network_page else ''}"
        f"{asset_text(style) if style else ''}</style>\n"
        "</head>\n<body>\n"
        f"{body}\n"
        f'<script type="application/json" id="ecox-data">{script_json(data)}</script>\n'
        + "\n".join(scripts)
        + "\n</body>\n</html>\n"
    )
