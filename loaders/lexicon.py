"""General-knowledge dictionaries for reading Chinese tech-finance news.

The word lists live in ``loaders/lexicon/*.txt`` (banks, exchanges, universities, government
bodies, places, surnames, titles, organisation endings, generic words, name parts, and the
stop words and cue words of the mention rules, read with :func:`word_list`). They hold
general knowledge only, never the names of one report. :func:`get_lexicon` loads
them once and builds a private jieba tokenizer that knows these words, so that
"建设银行" or "科技局" come out as one token.

Examples
--------
>>> lex = get_lexicon()
>>> lex.bank_forms["浦发银行"]
('上海浦东发展银行', 'Bank')
>>> lex.title_info("副行长")
('LEADS', 'Person')
>>> "陕西" in lex.places
True
>>> [t.word for t in lex.tokenize("招商银行北京分行")]
['招商银行', '北京', '分行']
"""

from __future__ import annotations

import hashlib
import logging
import marshal
import os
import re
from array import array
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate, repeat
from pathlib import Path
from typing import Any, NamedTuple

from ecox.graph.machine import cache_dir
from ecox.graph.schema import NodeType
from ecox.loaders.segmenter import Segmenter, import_jieba

__all__ = ["Lexicon", "Token", "get_lexicon", "word_list", "word_starts", "words_regex"]

log = logging.getLogger(__name__)

_DIR = Path(__file__).with_name("lexicon")

_GOV_ENDINGS = ("厅", "局", "委", "委员会", "办")


class Token(NamedTuple):
    """One token of the segmented text.

    Attributes
    ----------
    word : str
        The token text.
    start, end : int
        Character offsets in the segmented string.
    tag : str
        Part-of-speech tag from jieba's dictionary (``"?"`` for unknown words,
        ``"w"`` for punctuation, ``"x"`` for digits and Latin letters).
    """

    word: str
    start: int
    end: int
    tag: str


def _lines(name: str) -> list[str]:
    text = (_DIR / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def word_list(name: str) -> tuple[str, ...]:
    """The entries of ``lexicon/<name>.txt`` in file order (``#`` lines are comments).

    Examples
    --------
    >>> word_list("found_cues")[:3]
    ('发起成立', '牵头设立', '出资设立')
    """
    return tuple(_lines(f"{name}.txt"))


def words_regex(words: Iterable[str]) -> re.Pattern[str]:
    """One pattern for these words that matches the longest where several start at one
    place (for :func:`word_starts`)."""
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def word_starts(rx: re.Pattern[str], text: str) -> Iterator[re.Match[str]]:
    """The match of ``rx`` (:func:`words_regex`) at each place of ``text`` where one
    starts, overlapping ones included: each search starts a character after the last
    match's start (several times faster than a lookahead tried at every character).

    >>> [m.group() for m in word_starts(words_regex(["放贷", "贷款"]), "发放贷款")]
    ['放贷', '贷款']
    """
    m = rx.search(text)
    while m is not None:
        yield m
        m = rx.search(text, m.start() + 1)


def _sections(name: str) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    current = ""
    for ln in _lines(name):
        if ln.startswith("[") and ln.endswith("]"):
            current = ln[1:-1]
            out.setdefault(current, [])
        else:
            out.setdefault(current, []).extend(ln.split())
    return out


_PUNCT = re.compile(r"[\s\W_]", re.UNICODE)
_ASCII = re.compile(r"^[0-9A-Za-z.+\-%]+$")


@dataclass
class Lexicon:
    """The loaded dictionaries and the tokenizer built from them.

    Use :func:`get_lexicon` rather than building one: loading takes about a second.
    """

    #: banks and exchanges: surface form → (canonical name, node type)
    bank_forms: dict[str, tuple[str, str]] = field(default_factory=dict)
    institute_forms: dict[str, str] = field(default_factory=dict)
    gov_stems: list[str] = field(default_factory=list)
    gov_bodies: set[str] = field(default_factory=set)
    places: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    compound_surnames: set[str] = field(default_factory=set)
    titles: dict[str, tuple[str, str]] = field(default_factory=dict)
    suffixes: list[tuple[str, tuple[str, ...], bool]] = field(default_factory=list)
    generic_modifiers: set[str] = field(default_factory=set)
    generic_names: set[str] = field(default_factory=set)
    _tags: dict[str, str] = field(default_factory=dict, repr=False)
    _freq: dict[str, int] = field(default_factory=dict, repr=False)
    _tokenizer: object = field(default=None, repr=False)
    _segmenter: Segmenter | None = field(default=None, repr=False)
    _place_memo: dict[str, bool] = field(default_factory=dict, repr=False)
    _ending_forms: frozenset[str] | None = field(default=None, repr=False)

    # ------------------------------------------------------------------ loading
    @classmethod
    def load(cls) -> Lexicon:
        """Read every list under ``loaders/lexicon`` and build the tokenizer."""
        lex = cls()
        for ln in _lines("banks.txt"):
            parts = ln.split("\t")
            ntype: str = NodeType.BANK
            if parts[-1] in {NodeType.GOVERNMENT, NodeType.BANK, NodeType.PLATFORM}:
                ntype = parts.pop()
            for form in parts:
                lex.bank_forms[form] = (parts[0], ntype)
        for ln in _lines("exchanges.txt"):
            parts = ln.split("\t")
            for form in parts:
                lex.bank_forms[form] = (parts[0], NodeType.PLATFORM)
        for ln in _lines("universities.txt"):
            parts = ln.split("\t")
            for form in parts:
                lex.institute_forms[form] = parts[0]
        gov = _sections("government.txt")
        lex.gov_stems = sorted(gov.get("stem", []), key=len, reverse=True)
        lex.gov_bodies = set(gov.get("body", []))
        for p in _lines("places.txt"):
            lex.places.add(p)
            if len(p) >= 2 and p not in {"中国", "中原", "长三角", "珠三角", "京津冀", "成渝"}:
                lex.places.update({p + "省", p + "市"})
        for ln in _lines("surnames.txt"):
            for s in ln.split():
                (lex.compound_surnames if len(s) == 2 else lex.surnames).add(s)
        for ln in _lines("titles.txt"):
            title, rel, ptype = ln.split("\t")
            lex.titles[title] = (rel, ptype)
        sufs = []
        for ln in _lines("suffixes.txt"):
            suf, types, strength = ln.split("\t")
            sufs.append((suf, tuple(types.split("|")), strength == "strong"))
        lex.suffixes = sorted(sufs, key=lambda s: len(s[0]), reverse=True)
        generic = _sections("generic.txt")
        lex.generic_modifiers = set(generic.get("modifier", []))
        lex.generic_names = set(generic.get("name", []))
        lex._build_tokenizer()
        return lex

    def _build_tokenizer(self) -> None:
        """jieba's dictionary with the lexicon's words added; read from the cache
        (:func:`_dictionary_cache`) when an earlier process saved the same."""
        jieba = import_jieba()

        logging.getLogger("jieba").setLevel(logging.WARNING)
        jieba.setLogLevel(logging.WARNING)
        tk = jieba.Tokenizer()
        path = _dictionary_cache()
        cached = _read_dictionary(path)
        if cached is not None:
            tk.FREQ, tk.total, self._tags = cached
            tk.initialized = True
        else:
            self._add_words(tk)
            _write_dictionary(path, tk.FREQ, tk.total, self._tags)
        self._freq = tk.FREQ
        self._tokenizer = tk
        self._segmenter = Segmenter(tk)

    def _add_words(self, tk: Any) -> None:
        import jieba.posseg

        tk.initialize()
        self._tags = dict(jieba.posseg.dt.word_tag_tab)

        def add(word: str, tag: str) -> None:
            tk.add_word(word, freq=max(tk.FREQ.get(word, 0) or 0, 2000000), tag=tag)
            self._tags[word] = tag

        for form in self.bank_forms:
            add(form, "nt")
        for form in self.institute_forms:
            add(form, "nt")
        for body in self.gov_bodies:
            add(body, "nt")
        for stem in self.gov_stems:
            for end in _GOV_ENDINGS:
                add(stem + end, "nt")
        for place in self.places:
            if len(place) >= 2:
                add(place, "ns")
        for title in self.titles:
            add(title, "nn")
        for word in _lines("namewords.txt"):
            add(word, "nz")
        for word in _lines("role_nouns.txt"):
            add(word, "n")
        for suf, _types, _strong in self.suffixes:
            if len(suf) >= 2 and suf.isalpha():
                tk.add_word(suf, freq=max(tk.FREQ.get(suf, 0) or 0, 50000))
                self._tags.setdefault(suf, "n")

    # ------------------------------------------------------------------ queries
    def tokenize(self, text: str) -> list[Token]:
        """Segment ``text`` into :class:`Token` objects with offsets and tags (made
        column by column, each token by ``tuple.__new__``: no Python call per token)."""
        assert self._segmenter is not None
        words = self._segmenter.cut(text)
        ends = list(accumulate(map(len, words)))
        tags = list(map(self._tags.get, words))
        if None in tags:
            untagged = self._untagged
            tags = [untagged(w) if t is None else t for w, t in zip(words, tags, strict=True)]
        cells = zip(words, [0, *ends][:-1], ends, tags, strict=True)
        return list(map(tuple.__new__, repeat(Token), cells))

    def tag(self, word: str) -> str:
        """Part-of-speech tag of ``word``: jieba's, ``w`` for punctuation, ``?`` unknown."""
        tag = self._tags.get(word)
        return self._untagged(word) if tag is None else tag

    @staticmethod
    @lru_cache(maxsize=1 << 16)
    def _untagged(word: str) -> str:
        if _ASCII.match(word):
            return "x"
        if _PUNCT.match(word):
            return "w"
        return "?"

    def known(self, word: str) -> bool:
        """Whether jieba's dictionary (or ours) has ``word``."""
        return bool(self._freq.get(word)) or word in self._tags

    def title_info(self, title: str) -> tuple[str, str] | None:
        """``(relation, person type)`` for a title, or None."""
        return self.titles.get(title)

    def is_place(self, text: str) -> bool:
        """Whether ``text`` is made only of place names (陕西省西安市, 温州, 龙湾区)."""
        if not text:
            return False
        memo = self._place_memo
        if text in memo:
            return memo[text]
        memo[text] = answer = self._is_place(text)
        return answer

    def _is_place(self, text: str) -> bool:
        """Whether ``text`` is the longest place name (2 to 8 characters, in ``places`` or
        tagged ``ns``) at its start, then again at the rest. Each of those names is in the
        tokenizer's dictionary, which also holds every prefix of its words: the heads are
        tried from the shortest up, until one is not even a prefix there."""
        places, tags, freq = self.places, self._tags, self._freq
        rest = text
        while rest:
            longest = 0
            for n in range(2, min(len(rest), 8) + 1):
                head = rest[:n]
                if head not in freq:
                    break
                if head in places or tags.get(head) == "ns":
                    longest = n
            if not longest:
                return False
            rest = rest[longest:]
        return True

    def ending(self, name: str) -> str:
        """The longest organisation ending (``lexicon/suffixes.txt``) that ``name`` ends
        with, or ``""``: a look-up per length, not a test per ending.

        >>> get_lexicon().ending("江南星河智能装备有限公司"), get_lexicon().ending("星河")
        ('有限公司', '')
        """
        forms = self._ending_forms
        if forms is None:
            forms = self._ending_forms = frozenset(s for s, _t, _strong in self.suffixes)
        longest = len(self.suffixes[0][0]) if self.suffixes else 0
        for n in range(min(len(name), longest), 0, -1):
            if name[-n:] in forms:
                return name[-n:]
        return ""

    def is_surname_start(self, text: str) -> int:
        """Length of the surname that ``text`` starts with (0, 1 or 2)."""
        if text[:2] in self.compound_surnames:
            return 2
        return 1 if text[:1] in self.surnames else 0


def _dictionary_cache() -> Path:
    """Where the built dictionary is cached: named by the lexicon files, this module,
    jieba's version and its dictionary file, so a change to any of them rebuilds it
    (:func:`ecox.graph.machine.cache_dir`, folder ``lexicon``)."""
    import jieba

    digest = hashlib.sha256(b"ecox-lexicon-1")
    for path in [Path(__file__), *sorted(_DIR.glob("*.txt"))]:
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    source = Path(jieba.__file__).with_name(jieba.DEFAULT_DICT_NAME)
    stat = source.stat()
    digest.update(f"{jieba.__version__}|{source}|{stat.st_size}|{stat.st_mtime_ns}".encode())
    return cache_dir() / "lexicon" / f"jieba-{digest.hexdigest()[:24]}.bin"


def _read_dictionary(path: Path) -> tuple[dict[str, int], int, dict[str, str]] | None:
    """The word frequencies, total and tags saved by :func:`_write_dictionary`, or None."""
    try:
        words, counts, total, tagged, tags = marshal.loads(path.read_bytes())
        numbers = array("q")
        numbers.frombytes(counts)
        freq = dict(zip(words.split("\n"), numbers.tolist(), strict=True))
        return freq, total, dict(zip(tagged.split("\n"), tags.split("\n"), strict=True))
    except (OSError, ValueError, TypeError, EOFError):
        return None


def _write_dictionary(
    path: Path, freq: dict[str, int], total: int, tags: dict[str, str]
) -> None:
    """Save the dictionary for the next process (under a temporary name, then renamed);
    nothing when a word holds a newline or the folder cannot be written."""
    if any("\n" in w for w in [*freq, *tags, *tags.values()]):
        return
    blob = marshal.dumps(
        ("\n".join(freq), array("q", freq.values()).tobytes(), total,
         "\n".join(tags), "\n".join(tags.values()))
    )  # fmt: skip
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(blob)
        os.replace(tmp, path)
    except OSError as exc:
        log.debug("lexicon cache not written to %s: %s", path, exc)


@lru_cache(maxsize=1)
def get_lexicon() -> Lexicon:
    """Load the lexicon once per process (about a second, then cached)."""
    log.debug("loading lexicon from %s", _DIR)
    return Lexicon.load()
