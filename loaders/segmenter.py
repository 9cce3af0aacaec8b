"""jieba's accurate mode with its HMM for unknown words, the same words, faster.

:class:`Segmenter` reads a :class:`jieba.Tokenizer`'s dictionary and cuts text the
way ``Tokenizer.cut(text, HMM=True)`` does (blocks of Han characters, letters and
digits; the word graph of each block; the most probable route through it; runs of
single unknown characters cut by jieba's HMM, its Viterbi path found here the same way),
with the word graph and the route computed in one backward pass over plain lists and the
log-probability of each word, the HMM's cut of each unknown run and the words of each block
remembered (clauses recur across the articles of a bulletin: 来源 lines, titles, stock
phrases). The tokenizer's dictionary must not change afterwards.

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
    """``jieba.finalseg.cut(run)``: a run of Han characters through :func:`_hmm_words`."""
    from jieba import finalseg

    if finalseg.Force_Split_Words or not finalseg.re_han.fullmatch(run):
        return tuple(finalseg.cut(run))
    return _hmm_words(run, _hmm_model())


@lru_cache(maxsize=1)
def _hmm_model() -> tuple[Any, ...]:
    """jieba's HMM: the start and transition log-probabilities of the four states
    (B, M, S, E; a transition it lacks is its ``MIN_FLOAT``) and the emission tables."""
    from jieba.finalseg import MIN_FLOAT, emit_P, start_P, trans_P

    start = [start_P[y] for y in "BMSE"]
    pairs = ["EB", "SB", "MM", "BM", "SS", "ES", "BE", "ME"]  # (from, to)
    moves = [trans_P[pair[0]].get(pair[1], MIN_FLOAT) for pair in pairs]
    return start, moves, [emit_P[y] for y in "BMSE"], MIN_FLOAT


def _hmm_words(run: str, model: tuple[Any, ...]) -> tuple[str, ...]:
    """The words of jieba's ``finalseg`` Viterbi path through ``run`` (Han characters
    only): the same sums in the same order and the same choice on a tie (the later
    state letter), with back pointers in place of copied paths.

    >>> "".join(_hmm_words("张三丰来到了", _hmm_model())) == "张三丰来到了"
    True
    """
    start, (eb, sb, mm, bm, ss, es, be, me), (em_b, em_m, em_s, em_e), low = model
    c = run[0]
    v_b, v_m = start[0] + em_b.get(c, low), start[1] + em_m.get(c, low)
    v_s, v_e = start[2] + em_s.get(c, low), start[3] + em_e.get(c, low)
    back: list[tuple[int, int, int, int]] = []  # 0 B, 1 M, 2 S, 3 E: the state before
    for c in run[1:]:
        x, y = v_e + eb + em_b.get(c, low), v_s + sb + em_b.get(c, low)
        n_b, p_b = (x, 3) if x > y else (y, 2)
        x, y = v_m + mm + em_m.get(c, low), v_b + bm + em_m.get(c, low)
        n_m, p_m = (x, 1) if x >= y else (y, 0)
        x, y = v_s + ss + em_s.get(c, low), v_e + es + em_s.get(c, low)
        n_s, p_s = (x, 2) if x >= y else (y, 3)
        x, y = v_b + be + em_e.get(c, low), v_m + me + em_e.get(c, low)
        n_e, p_e = (x, 0) if x > y else (y, 1)
        v_b, v_m, v_s, v_e = n_b, n_m, n_s, n_e
        back.append((p_b, p_m, p_s, p_e))
    state = 3 if v_e > v_s else 2
    states = [state]
    for step in reversed(back):
        state = step[state]
        states.append(state)
    states.reverse()
    words: list[str] = []
    begin = done = 0
    for i, state in enumerate(states):
        if state == 0:
            begin = i
        elif state == 3:
            words.append(run[begin : i + 1])
            done = i + 1
        elif state == 2:
            words.append(run[i])
            done = i + 1
    if done < len(run):
        words.append(run[done:])
    return tuple(words)
