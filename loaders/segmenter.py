"""jieba's accurate mode with its HMM for unknown words, the same words, faster.

:class:`Segmenter` reads a :class:`jieba.Tokenizer`'s dictionary and cuts text the
way ``Tokenizer.cut(text, HMM=True)`` does (blocks of Han characters, letters and
digits; the word graph of each block; the most probable route through it; runs of
single unknown characters handed to jieba's HMM), with the word graph and the route
computed in one backward pass over plain lists and the log-probability of each word,
the HMM's cut of each unknown run and the words of each block remembered (clauses recur
across the articles of a bulletin: 来源 lines, titles, stock phrases). The tokenizer's
dictionary must not change afterwards.

Examples
--------
>>> import jieba
>>> tk = jieba.Tokenizer()
>>> text = "江南星河智能装备有限公司获得宁波银行余杭支行发放的贷款 800万元。"
>>> Segmenter(tk).cut(text) == list(tk.cut(text, HMM=True))
True
"""

from __future__ import annotations

import sys
from functools import lru_cache
from math import log
from typing import Any

__all__ = ["Segmenter", "import_jieba"]

_BLOCK_LIMIT = 1 << 16  # blocks remembered before the memo starts afresh


def import_jieba() -> Any:
    """The ``jieba`` module, imported without ``pkg_resources``: jieba only asks it for
    its own dictionary file, which it then opens by path instead, and importing
    setuptools' ``pkg_resources`` took about a tenth of the time ``ecox extract`` spends
    before its worker processes start.

    >>> import_jieba().__name__
    'jieba'
    """
    hidden = "pkg_resources" not in sys.modules
    if hidden:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]  # an ImportError
    try:
        import jieba
    finally:
        if hidden:
            del sys.modules["pkg_resources"]
    return jieba


class _LogProbability(dict):  # type: ignore[type-arg]
    """word → log of its dictionary frequency (1 when unknown) less log of the total."""

    def __init__(self, freq: dict[str, int], total: float) -> None:
        super().__init__()
        self.freq, self.log_total = freq, log(total)

    def __missing__(self, word: str) -> float:
        value = self[word] = log(self.freq.get(word) or 1) - self.log_total
        return value


class Segmenter:
    """Cuts text as ``tokenizer.cut(text, HMM=True)`` does (see the module)."""

    def __init__(self, tokenizer: Any) -> None:
        import jieba

        tokenizer.check_initialized()
        self.freq: dict[str, int] = tokenizer.FREQ
        self.logp = _LogProbability(self.freq, tokenizer.total)
        self.blocks, self.skip = jieba.re_han_default, jieba.re_skip_default
        self.block_words: dict[str, tuple[str, ...]] = {}

    def cut(self, text: str) -> list[str]:
        """The words of ``text``, in order; they join back to ``text``."""
        out: list[str] = []
        han, skip = self.blocks, self.skip
        for block in han.split(text):
            if not block:
                continue
            if han.match(block):
                words = self.block_words.get(block)
                if words is None:
                    words = self._block_words(block)
                out.extend(words)
                continue
            for part in skip.split(block):
                if skip.match(part):
                    out.append(part)
                else:
                    out.extend(part)
        return out

    def _route(self, sentence: str) -> list[int]:
        """For each position, the end (exclusive) of the word the best route takes there:
        the word graph and jieba's route through it, in one backward pass."""
        get, logp, n = self.freq.get, self.logp, len(sentence)
        score = [0.0] * (n + 1)
        best_end = [0] * (n + 1)
        for k in range(n - 1, -1, -1):
            best_s, best_x = 0.0, 0
            i = k + 1
            word = sentence[k]
            freq = get(word)
            while freq is not None:  # the dictionary holds every prefix of its words
                if freq:
                    s = logp[word] + score[i]
                    # max over (score, end): a tie goes to the longer word, as in jieba
                    if not best_x or s >= best_s:
                        best_s, best_x = s, i
                if i >= n:
                    break
                i += 1
                word = sentence[k:i]
                freq = get(word)
            if not best_x:  # no word starts here: the character alone
                best_s, best_x = logp[sentence[k]] + score[k + 1], k + 1
            score[k], best_end[k] = best_s, best_x
        return best_end

    def _block_words(self, sentence: str) -> tuple[str, ...]:
        """The words of one block of Han characters, letters and digits, remembered."""
        out: list[str] = []
        best_end = self._route(sentence)
        get, n = self.freq.get, len(sentence)
        x, buf = 0, ""
        while x < n:
            y = best_end[x]
            if y - x == 1:
                buf += sentence[x]
            else:
                if buf:
                    self._flush(buf, out, get)
                    buf = ""
                out.append(sentence[x:y])
            x = y
        if buf:
            self._flush(buf, out, get)
        if len(self.block_words) >= _BLOCK_LIMIT:
            self.block_words.clear()
        words = self.block_words[sentence] = tuple(out)
        return words

    @staticmethod
    def _flush(buf: str, out: list[str], get: Any) -> None:
        """Single characters in a row: one word, jieba's HMM cut of an unknown run, or
        the characters of a known word."""
        if len(buf) == 1:
            out.append(buf)
        elif not get(buf):
            out.extend(_hmm_cut(buf))
        else:
            out.extend(buf)


@lru_cache(maxsize=1 << 16)
def _hmm_cut(run: str) -> tuple[str, ...]:
    from jieba import finalseg

    return tuple(finalseg.cut(run))
