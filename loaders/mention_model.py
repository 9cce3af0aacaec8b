"""The learned mention tagger: a character CRF (python-crfsuite) for actor names.

Each character gets features: itself and its neighbours, hashed bigrams, its
place in a jieba token and that token's tag, whether an organisation ending
from ``lexicon/suffixes.txt`` or a title ends there, and surnames; the rules'
candidates are not features (trained with them, the tagger only copied the
rules). Labels are ``B-<type>``, ``I-<type>`` or ``O`` from the gold tables of
the annotated reports. :func:`add_learned_mentions` adds the names the tagger is
sure of where no rule candidate lies (brand and short names without an
organisation ending) and trims rule candidates with a word glued to one end, so
the rest of the mention pipeline merges, aliases and types them like any other.

The model file ``loaders/models/mentions.crfsuite`` is trained by
``python -m ecox.loaders.train`` (:mod:`ecox.loaders.train`). Multi-character
features are hashed, so the file holds no text of a report.

Examples
--------
>>> from ecox.loaders.candidates import ActorFinder
>>> from ecox.loaders.lexicon import get_lexicon
>>> f = ActorFinder("宁波银行余杭支行向企业放贷。", get_lexicon())
>>> feats = char_features(f)
>>> len(feats) == len(f.text), "c0=宁" in feats[0], "suffix_end=支行" in feats[7]
(True, True, True)
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

from ecox.graph.schema import NodeType
from ecox.loaders.actors import Mention
from ecox.loaders.candidates import ActorFinder

__all__ = [
    "MENTION_MODEL_PATH",
    "add_learned_mentions",
    "char_features",
    "gold_labels",
    "tagger_from",
]

MENTION_MODEL_PATH = Path(__file__).with_name("models") / "mentions.crfsuite"
_HASH = 1 << 16
_PEOPLE = {NodeType.SCIENTIST, NodeType.ENTREPRENEUR, NodeType.PERSON}
_GLUE_CHARS = frozenset("的了和与及在向为由被把从对给将是有获等所同已")
_KIND_NOUNS = ("企业", "平台", "机构", "公司", "银行", "基金", "园区", "集团", "团队", "单位")
_MIN_TRIM = 0.5  # a rule candidate is trimmed to a learned name at least this sure
_MIN_MARGINAL = 0.8  # a new learned name (no rule candidate there) needs this much
_current: list[Path] = [MENTION_MODEL_PATH]


@lru_cache(maxsize=1 << 16)
def _h(prefix: str, text: str) -> str:
    return f"{prefix}#{zlib.crc32(text.encode()) % _HASH:x}"


def _kind(ch: str) -> str:
    if "\u4e00" <= ch <= "\u9fff":
        return "han"
    if ch.isdigit():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    return "punct" if not ch.isspace() else "space"


def char_features(f: ActorFinder) -> list[list[str]]:
    """Features of each character of ``f.text``."""
    text, lex = f.text, f.lex
    n = len(text)
    feats: list[list[str]] = [[] for _ in range(n)]
    for t in f.tokens:
        size = t.end - t.start
        if size == 1:
            if t.start < n:
                feats[t.start] += _token("S", t.tag, 1)
            continue
        for i in range(t.start, min(t.end, n)):
            where = "B" if i == t.start else "E" if i == t.end - 1 else "M"
            feats[i] += _token(where, t.tag, min(size, 4))
    for i, suffix in _endings(text, tuple(s for s, _t, _strong in lex.suffixes)):
        feats[i].append(f"suffix_end={suffix}")
    for i, title in _endings(text, tuple(lex.titles)):
        if i + 1 < n:
            feats[i + 1].append("after_title")
            feats[i + 1].append(f"after_title={title}")
    padded = ["<edge>", "<edge>", *text, "<edge>", "<edge>"]
    window = map(_window, padded, padded[1:], text, padded[3:], padded[4:])
    for row, extra in zip(feats, window, strict=True):
        row += extra
    surnames, compound = lex.surnames, lex.compound_surnames
    for i in [i for i, ch in enumerate(text) if ch in surnames]:
        feats[i].append("surname")
    for i in sorted({i for name in compound for i in _occurrences(text, name)}):
        if text[i] not in surnames:
            feats[i].append("surname")
    return feats


def _occurrences(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


@lru_cache(maxsize=1 << 17)
def _window(a: str, b: str, ch: str, c: str, d: str) -> tuple[str, ...]:
    """The features a character takes from itself and its two neighbours on each side
    (``<edge>`` beyond the text)."""
    row = [*_own(ch), f"c-2={a}", f"c-1={b}", f"c1={c}", f"c2={d}"]
    if b != "<edge>":
        row.append(_h("b-1", b + ch))
    if c != "<edge>":
        row.append(_h("b+1", ch + c))
    return tuple(row)


@lru_cache(maxsize=1 << 12)
def _token(where: str, tag: str, size: int) -> tuple[str, str, str]:
    return f"tok={where}", f"tag={tag}", f"tok_len={size}"


@lru_cache(maxsize=1 << 14)
def _own(ch: str) -> tuple[str, str]:
    return f"c0={ch}", f"k0={_kind(ch)}"


def _endings(text: str, words: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """(index of the last character, word) for each occurrence of the longest word ending there."""
    rx = _ending_regex(words)
    for m in rx.finditer(text):
        yield m.start() + len(m.group(1)) - 1, m.group(1)


@lru_cache(maxsize=4)
def _ending_regex(words: tuple[str, ...]):  # type: ignore[no-untyped-def]
    import re

    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(f"(?=({alternation}))")


def gold_labels(text: str, names: dict[str, str]) -> list[str]:
    """BIO labels of ``text`` for the gold ``names`` (name or alias → node type),
    longest names first, occurrences not overlapping.

    >>> gold_labels("甲银行贷款给乙公司", {"甲银行": "Bank", "乙公司": "Enterprise"})
    ['B-Bank', 'I-Bank', 'I-Bank', 'O', 'O', 'O', 'B-Enterprise', 'I-Enterprise', 'I-Enterprise']
    """
    labels = ["O"] * len(text)
    for name in sorted(names, key=len, reverse=True):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if all(lab == "O" for lab in labels[start:end]):
                labels[start] = f"B-{names[name]}"
                for i in range(start + 1, end):
                    labels[i] = f"I-{names[name]}"
            start = text.find(name, end)
    return labels


def _is_glue(prefix: str, suffix: str) -> bool:
    """Whether what a learned name cuts from a rule candidate is glue rather than part of
    the name: a prefix ending in a function word or a noun of kind (人为X, 已同X, 企业X),
    a suffix starting with a function word (X等机构, X和…). Places and organisation
    endings are never cut."""
    if prefix and not (prefix[-1] in _GLUE_CHARS or prefix.endswith(_KIND_NOUNS)):
        return False
    return not suffix or suffix[0] in _GLUE_CHARS


@contextmanager
def tagger_from(path: Path) -> Iterator[None]:
    """Use the model file at ``path`` inside the ``with`` block (cross-validation folds)."""
    _current.append(path)
    try:
        yield
    finally:
        _current.pop()


@lru_cache(maxsize=8)
def _tagger(path: str, mtime: float):  # type: ignore[no-untyped-def]
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


def add_learned_mentions(f: ActorFinder) -> None:
    """Add to ``f.cands`` the names the tagger is sure of where no rule candidate lies,
    and trim a rule candidate that shares one end with a learned name inside it
    (a verb or a noun glued to the name: 人为X有限公司, X基金等机构)."""
    path = _current[-1]
    if not path.exists() or not f.text:
        return
    tagger = _tagger(str(path), path.stat().st_mtime)
    labels = tagger.tag(char_features(f))
    start = None
    for i, lab in enumerate([*labels, "O"]):
        if start is not None and not lab.startswith("I-"):
            _add(f, tagger, labels, start, i)
            start = None
        if lab.startswith("B-"):
            start = i


def _add(f: ActorFinder, tagger, labels: list[str], start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    if end - start < 2:
        return
    sure = min(tagger.marginal(labels[i], i) for i in range(start, end))
    if sure < _MIN_TRIM:
        return
    text = f.text[start:end]
    over = [c for c in f.cands if c.start < end and start < c.end]
    if not over:
        if sure >= _MIN_MARGINAL:
            ntype = labels[start][2:]
            kind = "person" if ntype in _PEOPLE else "org"
            f.cands.append(Mention(start, end, text, kind, (ntype,), "learned"))
        return
    for c in over:
        inside = c.start <= start and end <= c.end and (c.start, c.end) != (start, end)
        glued = _is_glue(f.text[c.start : start], f.text[end : c.end])
        if inside and (c.start == start or c.end == end) and glued:
            f.cands.remove(c)
            f.cands.append(Mention(start, end, text, c.kind, c.types, "learned-trim", c.specific))
