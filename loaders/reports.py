"""News reports: read a file, strip HTML, split a bulletin into articles.

A report file holds one article or a bulletin of several. An article ends with
its ``来源:`` (or ``来源：``) line, which names the outlet and the publication
date (``来源:金融时报 张三 2026-01-22``). The encoding is detected (UTF-8 with or
without BOM, UTF-16 with BOM, GBK/GB18030), HTML pages are reduced to their text
(scripts and styles dropped), empty files give no article and binary files raise
:class:`~loaders.errors.SchemaError` (a ``ValueError``) naming the file.

Examples
--------
>>> text = ("标题一\\n正文。\\n来源:某某日报 2026-01-04\\n"
...         "标题二\\n正文二。\\n来源：某报 2026年1月5日\\n")
>>> [(r.article, r.title, r.outlet, r.published) for r in split_articles(text, "b.txt")]
[('A1', '标题一', '某某日报', '2026-01-04'), ('A2', '标题二', '某报', '2026-01-05')]
>>> strip_html("<html><script>x()</script><p>郑州&amp;高新区</p></html>")
'郑州&高新区'
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from ecox.loaders.errors import SchemaError
from ecox.loaders.textfile import decode_bytes

__all__ = ["Report", "load_reports", "read_report_text", "split_articles", "strip_html"]

log = logging.getLogger(__name__)

_SOURCE_LINE = re.compile(r"^[ \t\u3000]*来源[ \t]*[:：](?P<rest>.*)$", re.MULTILINE)
_DATE = re.compile(r"(?P<y>\d{4})\s*[-/.年]\s*(?P<m>\d{1,2})\s*[-/.月]\s*(?P<d>\d{1,2})\s*日?")
_HTML_HINT = re.compile(r"<\s*(?:!doctype\s+html|html|body|head|p|div|br|meta)\b", re.I)


@dataclass(frozen=True, slots=True)
class Report:
    """One article of a report file.

    Attributes
    ----------
    document : str
        The file name (or the ``document`` given to :func:`split_articles`).
    article : str
        ``A1``, ``A2``, … in the order of the file.
    title : str
        The first non-empty line of the article.
    text : str
        The article text, title included, ``来源`` line excluded.
    outlet : str or None
        The outlet named on the ``来源`` line.
    published : str or None
        The publication date, ``YYYY-MM-DD``.
    offset : int
        Character offset of ``text`` in the decoded file.
    """

    document: str
    article: str
    title: str
    text: str
    outlet: str | None
    published: str | None
    offset: int


class _TextOfHtml(HTMLParser):
    _SKIP = frozenset({"script", "style", "noscript", "template", "head"})
    _BLOCK = frozenset(
        {
            "p",
            "div",
            "br",
            "li",
            "tr",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "section",
            "article",
            "table",
            "ul",
            "ol",
            "title",
            "header",
            "footer",
            "blockquote",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP:
            self._skip = max(0, self._skip - 1)
        elif tag in self._BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def strip_html(html: str) -> str:
    """The visible text of an HTML page: markup, scripts and styles removed."""
    parser = _TextOfHtml()
    parser.feed(html)
    parser.close()
    lines = (
        re.sub(r"[ \t\u3000\xa0]+", " ", ln).strip() for ln in "".join(parser.parts).split("\n")
    )
    return "\n".join(ln for ln in lines if ln)


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))
    return controls > max(8, len(sample) // 50)


def read_report_text(path: str | os.PathLike[str]) -> str:
    """Decode a report file to text (HTML stripped); ``""`` for an empty file.

    Raises
    ------
    SchemaError
        (a ``ValueError``) when the file is binary or cannot be decoded; the
        message names the file.
    """
    data = Path(path).read_bytes()
    if not data.strip():
        log.warning("%s: empty report file", path)
        return ""
    if _looks_binary(data):
        raise SchemaError(str(path), None, None, "binary data, not a text report")
    text = decode_bytes(data, path).replace("\r\n", "\n").replace("\r", "\n")
    if _HTML_HINT.search(text[:4096]) or Path(path).suffix.lower() in {".html", ".htm"}:
        text = strip_html(text)
    return text


def _parse_source(rest: str) -> tuple[str | None, str | None]:
    rest = rest.strip()
    published = None
    m = _DATE.search(rest)
    if m:
        published = f"{int(m['y']):04d}-{int(m['m']):02d}-{int(m['d']):02d}"
        rest = (rest[: m.start()] + " " + rest[m.end() :]).strip()
    words = rest.split()
    return (words[0] if words else None), published


def split_articles(text: str, document: str = "doc") -> list[Report]:
    """Split a bulletin into articles, each ended by its ``来源`` line.

    Text after the last ``来源`` line becomes one more article without outlet;
    a text without any ``来源`` line is one article.
    """
    reports: list[Report] = []
    start = 0

    def add(end: int, outlet: str | None, published: str | None) -> None:
        body = text[start:end]
        stripped = body.strip()
        if not stripped:
            return
        offset = start + body.index(stripped[0])
        title = stripped.split("\n", 1)[0].strip()
        reports.append(
            Report(document, f"A{len(reports) + 1}", title, stripped, outlet, published, offset)
        )

    for m in _SOURCE_LINE.finditer(text):
        outlet, published = _parse_source(m["rest"])
        add(m.start(), outlet, published)
        start = m.end()
    add(len(text), None, None)
    return reports


def load_reports(paths: Iterable[str | os.PathLike[str]]) -> list[Report]:
    """Read and split every file; the document id is the file name."""
    out: list[Report] = []
    for path in paths:
        text = read_report_text(path)
        out.extend(split_articles(text, Path(path).name))
    return out
