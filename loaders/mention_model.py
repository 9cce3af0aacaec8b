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

import re
import tempfile
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import lru_cache
from itertools import chain
from operator import add
from pathlib import Path
from typing import Any

from ecox.graph.schema import NodeType
from ecox.loaders.actors import Mention
from ecox.loaders.candidates import ActorFinder
from ecox.loaders.lexicon import word_starts, words_regex

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
_TABLE_LIMIT = 1 << 18  # bigram features kept between articles
_NEIGHBOURS = ("c-2", "c-1", "c1", "c2")  # the features of the characters around one
_current: list[Path] = [MENTION_MODEL_PATH]


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
    return _rows(f, _vocabulary(None))


class _Table(dict):  # type: ignore[type-arg]
    """Feature strings by key (a character, a bigram, a token's tag and size), made
    on first use by ``make`` as the vocabulary keeps them."""

    def __init__(self, make: Callable[..., Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: Any) -> tuple:  # type: ignore[type-arg]
        value = self[key] = self.make(key)
        return value


class _Vocabulary:
    """The features of each template that a tagger reads: every one (``known`` None), or
    those in ``known`` as UTF-8 bytes (what python-crfsuite hands its tagger; a feature
    the model has never seen adds nothing, so leaving it out changes no score).
    A new character's features as its own and as each neighbour's are made at once,
    and so are a new bigram's before and after a character (one checksum); with
    ``known``, they are looked up by value rather than spelled out and filtered."""

    def __init__(self, known: frozenset[str] | None) -> None:
        self.known = known
        self.own = _Table(lambda ch: self._char(ch)[0])
        self.context = [_Table(lambda ch, i=i: self._char(ch)[i]) for i in range(1, 5)]
        self.left = _Table(lambda bigram: self._bigram(bigram)[0])
        self.right = _Table(lambda bigram: self._bigram(bigram)[1])
        self.token = _Table(lambda key: tuple(map(self.keep, _token_rows(key))))
        self.single = _Table(lambda word: self.keep((word,)))
        self.values = None if known is None else _known_values(known)

    def _char(self, ch: str) -> list[tuple[Any, ...]]:
        """A character's features as its own and as each neighbour's (c-2, c-1, c1, c2),
        put in their tables (with a vocabulary, looked up by the character: most of the
        features a new character would make are not in it)."""
        values = self.values
        feats: list[tuple[Any, ...]]
        if values is None:
            feats = [(f"c0={ch}", f"k0={_kind(ch)}")]
            feats += [(f"{at}={ch}",) for at in _NEIGHBOURS]
        else:
            feats = [values["c0="].get(ch, ()) + values["k0="].get(_kind(ch), ())]
            feats += [values[f"{at}="].get(ch, ()) for at in _NEIGHBOURS]
        for table, value in zip([self.own, *self.context], feats, strict=True):
            table[ch] = value
        return feats

    def _bigram(self, bigram: str) -> tuple[tuple[Any, ...], tuple[Any, ...]]:
        """A bigram's hashed feature before and after a character, put in their tables."""
        code = f"{zlib.crc32(bigram.encode()) % _HASH:x}"
        left: tuple[Any, ...]
        right: tuple[Any, ...]
        if self.values is None:
            left, right = (f"b-1#{code}",), (f"b+1#{code}",)
        else:
            left, right = self.values["b-1#"].get(code, ()), self.values["b+1#"].get(code, ())
        self.left[bigram], self.right[bigram] = left, right
        return left, right

    def keep(self, feats: tuple[str, ...]) -> tuple:  # type: ignore[type-arg]
        """``feats`` as the tagger reads them."""
        known = self.known
        if known is None:
            return feats
        return tuple([f.encode() for f in feats if f in known])

    def trim(self) -> None:
        """Forget the bigram tables when they grow large (text of many kinds)."""
        for table in (self.left, self.right):
            if len(table) > _TABLE_LIMIT:
                table.clear()


def _known_values(known: frozenset[str]) -> dict[str, dict[str, tuple[bytes, ...]]]:
    """The features of each character and bigram template that ``known`` holds, by
    template (``c0=``, ``b-1#``…) and value, as :meth:`_Vocabulary.keep` gives them."""
    heads = ["c0=", "k0=", *(f"{at}=" for at in _NEIGHBOURS), "b-1#", "b+1#"]
    out: dict[str, dict[str, tuple[bytes, ...]]] = {head: {} for head in heads}
    for feature in known:
        for size in (3, 4):  # the heads' lengths; no head starts another
            values = out.get(feature[:size])
            if values is not None:
                values[feature[size:]] = (feature.encode(),)
    return out


def _token_rows(key: tuple[str, int]) -> tuple[tuple[str, ...], ...]:
    """The token features of each character of a token with this tag and length."""
    tag, size = key
    if size == 1:
        return (("tok=S", f"tag={tag}", "tok_len=1"),)
    length = f"tok_len={min(size, 4)}"
    where = ["B", *["M"] * (size - 2), "E"]
    return tuple((f"tok={w}", f"tag={tag}", length) for w in where)


@lru_cache(maxsize=2)
def _vocabulary(known: frozenset[str] | None) -> _Vocabulary:
    return _Vocabulary(known)


def _rows(f: ActorFinder, vocab: _Vocabulary) -> list[list[Any]]:
    """Each character's features as ``vocab`` keeps them, in the order the model was
    trained with: token, endings, the character and its neighbours, surname."""
    text, lex = f.text, f.lex
    n = len(text)
    if not n:
        return []
    token = vocab.token
    tok = list(chain.from_iterable(token[(t.tag, t.end - t.start)] for t in f.tokens))[:n]
    padded = ["<edge>", "<edge>", *text, "<edge>", "<edge>"]
    bigrams = list(map(add, text, text[1:]))
    c2, c1, n1, n2 = vocab.context
    rows = [
        [*t, *o, *a, *b, *c, *d, *left, *right]
        for t, o, a, b, c, d, left, right in zip(
            tok,
            map(vocab.own.__getitem__, text),
            map(c2.__getitem__, padded[:n]),
            map(c1.__getitem__, padded[1 : n + 1]),
            map(n1.__getitem__, padded[3 : n + 3]),
            map(n2.__getitem__, padded[4 : n + 4]),
            [(), *map(vocab.left.__getitem__, bigrams)],
            [*map(vocab.right.__getitem__, bigrams), ()],
            strict=True,
        )
    ]
    extra: dict[int, list[Any]] = {}
    for i, suffix in _endings(text, tuple(s for s, _t, _strong in lex.suffixes)):
        extra.setdefault(i, []).extend(vocab.single[f"suffix_end={suffix}"])
    for i, title in _endings(text, tuple(lex.titles)):
        if i + 1 < n:
            words = vocab.single["after_title"] + vocab.single[f"after_title={title}"]
            extra.setdefault(i + 1, []).extend(words)
    for i, words in extra.items():
        at = len(tok[i])
        rows[i][at:at] = words
    surnames = lex.surnames
    at_surname = {i for i, ch in enumerate(text) if ch in surnames}
    at_surname.update(i for name in lex.compound_surnames for i in _occurrences(text, name))
    for i in at_surname:
        rows[i] += vocab.single["surname"]
    vocab.trim()
    return rows


def _occurrences(text: str, word: str) -> Iterator[int]:
    i = text.find(word)
    while i >= 0:
        yield i
        i = text.find(word, i + 1)


def _endings(text: str, words: tuple[str, ...]) -> Iterator[tuple[int, str]]:
    """(index of the last character, word) for the longest word starting at each place."""
    for m in word_starts(_ending_regex(words), text):
        yield m.end() - 1, m.group()


@lru_cache(maxsize=4)
def _ending_regex(words: tuple[str, ...]) -> re.Pattern[str]:
    return words_regex(words)


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
    endings (有限公司 after X基金 too) are never cut."""
    if prefix and not (prefix[-1] in _GLUE_CHARS or prefix.endswith(_KIND_NOUNS)):
        return False
    return not suffix or (suffix[0] in _GLUE_CHARS and not suffix.startswith("有限"))


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
    """The tagger of a model file and the vocabulary of features it reads."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger, _vocabulary(_model_attributes(tagger))


def _model_attributes(tagger) -> frozenset[str] | None:  # type: ignore[no-untyped-def]
    """Every feature string the model knows, read from its dump; None when the dump
    does not read back cleanly (then every feature is handed to the tagger)."""
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "model.txt"
        tagger.dump(str(dump))
        raw = dump.read_bytes()
    head = re.search(rb"num_attrs: (\d+)\n", raw)
    start = raw.find(b"\nATTRIBUTES = {\n")
    end = raw.find(b"\n}\n", start + 1)
    if head is None or start < 0 or end < 0:
        return None
    parts = re.split(rb"(?m)^ *(\d+): ", raw[start + 16 : end + 1])
    ids = [int(i) for i in parts[1::2]]
    if parts[0] or ids != list(range(int(head.group(1)))):
        return None
    try:
        return frozenset(value[:-1].decode("utf-8") for value in parts[2::2])
    except UnicodeDecodeError:
        return None


def add_learned_mentions(f: ActorFinder) -> None:
    """Add to ``f.cands`` the names the tagger is sure of where no rule candidate lies,
    and trim a rule candidate that shares one end with a learned name inside it
    (a verb or a noun glued to the name: 人为X有限公司, X基金等机构)."""
    path = _current[-1]
    if not path.exists() or not f.text:
        return
    tagger, vocab = _tagger(str(path), path.stat().st_mtime)
    labels = tagger.tag(_rows(f, vocab))
    n = len(labels)
    for start in [i for i, lab in enumerate(labels) if lab[0] == "B"]:  # B-<type>
        end = start + 1
        while end < n and labels[end][0] == "I":  # I-<type>
            end += 1
        _add(f, tagger, labels, start, end)


def _add(f: ActorFinder, tagger, labels: list[str], start: int, end: int) -> None:  # type: ignore[no-untyped-def]
    if end - start < 2:
        return
    text = f.text[start:end]
    over = [c for c in f.cands if c.start < end and start < c.end]
    if not over:
        if _sure(tagger, labels, start, end, _MIN_MARGINAL):
            ntype = labels[start][2:]
            kind = "person" if ntype in _PEOPLE else "org"
            f.cands.append(Mention(start, end, text, kind, (ntype,), "learned"))
        return
    trimmed = []
    for c in over:
        inside = c.start <= start and end <= c.end and (c.start, c.end) != (start, end)
        glued = _is_glue(f.text[c.start : start], f.text[end : c.end])
        if inside and (c.start == start or c.end == end) and glued:
            trimmed.append(c)
    if trimmed and _sure(tagger, labels, start, end, _MIN_TRIM):
        for c in trimmed:
            f.cands.remove(c)
            f.cands.append(Mention(start, end, text, c.kind, c.types, "learned-trim", c.specific))


def _sure(tagger, labels: list[str], start: int, end: int, least: float) -> bool:  # type: ignore[no-untyped-def]
    """Whether the tagger gives each label of ``start..end`` at least this marginal
    probability (asked only when a name would be added or trimmed: the first question
    of an article costs a forward-backward pass over it)."""
    return all(tagger.marginal(labels[i], i) >= least for i in range(start, end))
