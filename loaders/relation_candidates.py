"""Relation candidates: every typed actor pair that may be related, with its features.

The candidate stage aims at recall. Within each sentence every pair of actor
mentions becomes a candidate for each relation type the schema allows between
their types (both directions; a symmetric type once); members of a coordinated
list (``A、B和C``) are placed where the list is, so each member gets the
features of the list. Every relation a rule found is a candidate as well (rules
also link across sentences, through pronouns). The learned classifier of
:mod:`ecox.loaders.relation_model` then decides which candidates are relations.

Features are strings, each prefixed with the relation type: the rule that
found the claim (or the reverse claim, or another type for the pair), the
endpoint types, order, distance, mentions between, clause distance, list
membership, first sentence, the schema's cue words and the lexicon's title and
founding cue words between and around the pair, and character bigrams between
and beside it and the characters of a short link between (hashed, so the model
file holds no text of a report); each cue word is also joined with the pair's
order. A pair mentioned more than once takes the features of its nearest mention
pair. Those are kept once per pair, without the
type (``Candidate.shared``, the same set for every type of the pair), so that
:meth:`ecox.loaders.relation_model.RelationModel.probabilities` weighs them for
all types at once; ``Candidate.features`` spells them out with the type.

Examples
--------
>>> from ecox.loaders.mentions import find_actors
>>> from ecox.loaders.cues import find_relations
>>> actors = find_actors("宁波银行余杭支行向江南星河智能装备有限公司发放贷款。")
>>> cands = find_candidates(actors, find_relations(actors))
>>> sorted(c.type for c in cands if c.source == "宁波银行余杭支行")
['BRANCH_OF', 'COOPERATES_WITH', 'LENT_TO', 'SERVES']
>>> lent = next(c for c in cands if c.type == "LENT_TO")
>>> lent.rule, sorted(f for f in lent.features if f.startswith("LENT_TO|cue"))
('lending', ['LENT_TO|cue_after=放贷', 'LENT_TO|cue_after=贷款', 'LENT_TO|cue_between=向'])
>>> "LENT_TO|order=forward&cue_between=向" in lent.features
True
"""

from __future__ import annotations

import re
import zlib
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache, partial
from itertools import repeat
from operator import add

from ecox.graph.schema import SCHEMA, EdgeType
from ecox.loaders.actors import ActorSet, Mention
from ecox.loaders.lexicon import word_list, word_starts, words_regex
from ecox.loaders.rules.article import Article, Relation
from ecox.loaders.rules.reference import resolve

__all__ = ["Candidate", "anaphor_mentions", "cue_vocabulary", "find_candidates"]

_SENT_END = re.compile(r"[。！？!?\n]")
_CLAUSE_MARK = re.compile(r"[，,；;：:]")
# what may stand between two members of a coordinated list
_LIST_GLUE = re.compile(r"^(?:、|和|及|与|以及|，|,|“|”|\s)+$")
_DISTANCES = (0, 2, 5, 10, 20, 40)
_WINDOW = 8
_MAX_BIGRAM_SPAN = 24
_MAX_UNIGRAM_SPAN = 4
_HASH_SIZE = 1 << 18
_CUE_KINDS = ("cue_between=", "cue_before=", "cue_after=", "cue_before_second=")
# 他/她 inside a word (其他, 他们, 他人, 吉他) stand for no one person
_NOT_A_PRONOUN = re.compile(r"[其吉利][他她]|[他她][们人乡]")


@dataclass(slots=True)
class Candidate:
    """A possible relation ``source -[type]-> target`` (entity keys) and its evidence.

    ``span_start``/``span_end`` index the article text (the closest mention pair,
    or the span of the rule that found it); ``rule`` is that rule's name, if any.
    ``shared`` are the type-free features of the pair (one set for all its types),
    ``own`` the features written out in full (the rules' findings).
    """

    source: str
    target: str
    type: str
    span_start: int
    span_end: int
    shared: frozenset[str] = frozenset()
    own: set[str] = field(default_factory=set)
    rule: str | None = None
    relation: Relation | None = None

    @property
    def features(self) -> frozenset[str]:
        """Every feature, the shared ones prefixed with the type (``LENT_TO|cue_between=向``)."""
        prefix = self.type + "|"
        return frozenset([prefix + f for f in self.shared]).union(self.own)

    def drop_features(self) -> None:
        """Forget the features (what a worker process does once it has scored them)."""
        self.shared, self.own = frozenset(), set()


@lru_cache(maxsize=1)
def cue_vocabulary() -> tuple[str, ...]:
    """Cue words the features look for: the schema's relation cues, titles, founding cues.

    >>> "贷款" in cue_vocabulary() and "董事长" in cue_vocabulary()
    True
    """
    words = {w for spec in SCHEMA.edges.values() for w in spec.cues}
    for table in ("found_cues",):
        words.update(word_list(table))
    words.update(line.split()[0] for line in word_list("titles") if line.split())
    words.update(("被", "由", "向", "对", "为", "支持", "合作", "旗下", "子公司", "管理人"))
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


# a one-character cue that ends a common word is not that cue there: 认为, 作为, 因为 …
_NOT_CUE_AFTER = {"为": "认以因作成更较极尤最广称视"}


@lru_cache(maxsize=1)
def _cue_words() -> tuple[re.Pattern[str], frozenset[str]]:
    """The cue words as one pattern (:func:`ecox.loaders.lexicon.words_regex`) and as a set."""
    words = cue_vocabulary()
    return words_regex(words), frozenset(words)


class _Cues:
    """The cue words of an article, found in one pass, for any stretch of it: each
    stretch (between, before, after a pair, a sentence) is looked up, not scanned again.

    :meth:`within` gives at each place of the stretch the longest cue word inside it,
    overlapping ones included (发放贷款 gives 放贷 and 贷款), in order.

    >>> _Cues("业内认为,该行为企业发放贷款").within(0, 14)
    ['为', '放贷', '贷款']
    >>> _Cues("认为").within(1, 2)  # 为 opening the stretch is a cue
    ['为']
    """

    def __init__(self, text: str) -> None:
        rx, vocabulary = _cue_words()
        self.text = text
        self.starts: list[int] = []
        self.words: list[list[str]] = []  # at each start, its cue words, longest first
        for m in word_starts(rx, text):
            longest = m.group()
            self.starts.append(m.start())
            self.words.append(
                [longest[:k] for k in range(len(longest), 0, -1) if longest[:k] in vocabulary]
            )

    def within(self, start: int, end: int) -> list[str]:
        """The cue words of ``text[start:end]``, at each place the longest that fits."""
        text, starts, out = self.text, self.starts, []
        for k in range(bisect_left(starts, start), len(starts)):
            at = starts[k]
            if at >= end:
                break
            for word in self.words[k]:
                if at + len(word) <= end and (
                    at == start or text[at - 1] not in _NOT_CUE_AFTER.get(word, "")
                ):
                    out.append(word)
                    break
        return out


@lru_cache(maxsize=1)
def _anaphors() -> tuple[re.Pattern[str], dict[str, str]]:
    """The anaphor words (``lexicon/anaphors.txt``) as one pattern, and what each is
    resolved as."""
    table: dict[str, str] = {}
    for line in word_list("anaphors"):
        word, _tab, resolved_as = line.partition("\t")
        table[word] = resolved_as or word
    words = sorted(table, key=lambda w: (-len(w), w))
    # 其 inside a word (其中, 尤其, 及其) and 公司 after a kind (子公司, 投资公司) are no anaphors
    rx = re.compile(
        r"(?<![子母分尤极及与])(" + "|".join(map(re.escape, words)) + r")(?![中他它余实次])"
    )
    return rx, table


def anaphor_mentions(actors: ActorSet) -> list[Mention]:
    """Each anaphor word outside a name, as a mention of the actor it refers to.

    >>> from ecox.loaders.mentions import find_actors
    >>> a = find_actors("江南星河智能装备有限公司成立于2019年。宁波银行余杭支行向该公司发放贷款。")
    >>> [(m.text, m.key) for m in anaphor_mentions(a)]
    [('该公司', '江南星河智能装备有限公司')]
    """
    rx, table = _anaphors()
    text, ents = actors.text, actors.entities
    not_a_pronoun = _NOT_A_PRONOUN
    taken = sorted((m.start, m.end) for m in actors.mentions)
    art: Article | None = None
    out = []
    for m in rx.finditer(text):
        k = bisect_right(taken, (m.start(), 1 << 30))
        if (k and taken[k - 1][1] > m.start()) or (k < len(taken) and taken[k][0] < m.end()):
            continue
        if not_a_pronoun.search(text, max(0, m.start() - 1), m.end() + 1):
            continue  # 其他, 他们: no person
        art = art or Article(actors, None)
        key = resolve(art, table[m.group(1)], m.start())
        if key is not None and key in ents:
            e = ents[key]
            out.append(Mention(m.start(), m.end(), m.group(1), e.kind, tuple(e.types), "anaphor",
                               key=key))  # fmt: skip
    return out


@lru_cache(maxsize=1 << 16)
def _bigrams(where: str, text: str) -> tuple[str, ...]:
    """The character bigrams of ``text`` as hashed features: the model file holds no
    report text (kept by text: the stretches between and beside names recur)."""
    return tuple(map(_hashed, repeat(where), map(add, text, text[1:])))


@lru_cache(maxsize=1 << 16)
def _hashed(where: str, bigram: str) -> str:
    return f"{where}#{zlib.crc32(bigram.encode()) % _HASH_SIZE:x}"


def _bucket(value: int) -> int:
    return next((b for b in _DISTANCES if value <= b), _DISTANCES[-1] + 1)


def _spans(text: str, rx: re.Pattern[str]) -> list[tuple[int, int]]:
    out, start = [], 0
    for m in rx.finditer(text):
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _list_extent(text: str, ms: list[Mention]) -> list[tuple[int, int]]:
    """For each mention of a sentence, the extent of the coordinated list it belongs to."""
    extent = [(m.start, m.end) for m in ms]
    i = 0
    while i < len(ms):
        j = i
        while j + 1 < len(ms) and _LIST_GLUE.match(text[ms[j].end : ms[j + 1].start]):
            j += 1
        for k in range(i, j + 1):
            extent[k] = (ms[i].start, ms[j].end)
        i = j + 1
    return extent


class _Sentence:
    """Position helpers for the mentions of one sentence."""

    def __init__(self, cues: _Cues, start: int, end: int, ms: list[Mention], first: bool) -> None:
        text = cues.text
        self.cues, self.text = cues, text
        self.start, self.end, self.ms, self.first = start, end, ms, first
        self.extent = _list_extent(text, ms)
        self.clause_ends = [e for _s, e in _spans(text[start:end], _CLAUSE_MARK)]
        self._before: dict[int, list[str]] = {}  # features before mention i, by i
        self._after: dict[int, list[str]] = {}  # features after mention j, by j

    def clause_of(self, pos: int) -> int:
        return bisect_right(self.clause_ends, pos - self.start)

    def pair_features(self, i: int, j: int) -> tuple[list[str], tuple[int, int]]:
        """Type-free features of the mention pair ``i < j`` (anaphors included) and its
        evidence span."""
        text, a, b = self.text, self.ms[i], self.ms[j]
        (a0, a1), (b0, b1) = self.extent[i], self.extent[j]
        same_list = (a0, a1) == (b0, b1)
        left, right = (a1, b0) if not same_list else (a.end, b.start)
        between = text[left:right] if right > left else ""
        feats = [f"dist={_bucket(len(between))}", f"nbetween={min(j - i - 1, 3)}"]
        clauses = self.clause_of(b.start) - self.clause_of(a.start)
        feats.append(f"clauses={min(clauses, 3)}")
        if same_list:
            feats.append("same_list")
        elif a1 - a0 > a.end - a.start or b1 - b0 > b.end - b.start:
            feats.append("in_list")
        if self.first:
            feats.append("first_sentence")
        feats += [f"cue_between={w}" for w in self.cues.within(left, right)]
        if len(between) <= _MAX_BIGRAM_SPAN:
            feats += _bigrams("between", between)
        if len(between) <= _MAX_UNIGRAM_SPAN:
            # a short link (的, 与, 向, 旗下的) has few or no bigrams: its characters count
            feats += [_hashed("between1", ch) for ch in between]
        feats += self._features_before(i) + self._features_after(j) + _via_anaphor(a, b)
        clause = self.clause_ends[min(self.clause_of(b.end - 1), len(self.clause_ends) - 1)]
        end = self.start + clause
        while end > b.end and (_CLAUSE_MARK.match(text[end - 1]) or _SENT_END.match(text[end - 1])):
            end -= 1
        return feats, (a.start, end)

    def _features_before(self, i: int) -> list[str]:
        """Cue words and the last bigrams before mention ``i`` (its list)."""
        feats = self._before.get(i)
        if feats is None:
            a0 = self.extent[i][0]
            left = max(self.start, a0 - _WINDOW)
            before = self.text[left:a0]
            feats = [f"cue_before={w}" for w in self.cues.within(left, a0)]
            feats += _bigrams("before", before[-5:])
            self._before[i] = feats
        return feats

    def _features_after(self, j: int) -> list[str]:
        """Cue words and the first bigrams after mention ``j`` (its list)."""
        feats = self._after.get(j)
        if feats is None:
            b1 = self.extent[j][1]
            right = min(self.end, b1 + _WINDOW)
            after = self.text[b1:right]
            feats = [f"cue_after={w}" for w in self.cues.within(b1, right)]
            feats += _bigrams("after", after[:5])
            self._after[j] = feats
        return feats


def _next_sentence_features(
    cues: _Cues, a: Mention, b: Mention, s0: int, s1: int
) -> tuple[list[str], tuple[int, int]]:
    """Features of ``a`` (in the previous sentence) and ``b`` (in this one, ``s0..s1``)."""
    text = cues.text
    feats = ["next_sentence"]
    feats += [f"cue_before_second={w}" for w in cues.within(s0, b.start)]
    feats += [f"cue_after={w}" for w in cues.within(b.end, min(s1, b.end + _WINDOW))]
    if b.start - s0 <= 2:
        feats.append("second_opens_sentence")
    end = s1
    while end > b.end and (_CLAUSE_MARK.match(text[end - 1]) or _SENT_END.match(text[end - 1])):
        end -= 1
    return feats, (a.start, end)


class _Pairs:
    """The candidates of an article, one per (source, target, type), each with the
    features of its nearest mention pair.

    The type-free features of the nearest mention pair of each directed actor pair
    (and, for symmetric types, of each unordered pair, forward mentions only) are kept
    while the article is read (a union over every mention pair let cues of other
    sentences vote: worse held-out F1); :meth:`candidates` shares them among the
    pair's types.
    """

    def __init__(self, ents: dict) -> None:
        self.types = {k: tuple(e.types) for k, e in ents.items()}  # of each actor
        self.keys: dict[tuple[str, str, str], None] = {}  # in order of first evidence
        self.nearest_features: dict[tuple[str, str] | frozenset[str], tuple[str, ...]] = {}
        self.closest: dict[tuple[str, str] | frozenset[str], tuple[int, tuple[int, int]]] = {}
        self.seen: set[tuple[str, str, str]] = set()

    def add(
        self,
        a: Mention,
        b: Mention,
        distance: int,
        features: Callable[[], tuple[list[str], tuple[int, int]]],
    ) -> None:
        """Both directions of the mention pair ``a`` before ``b``, every allowed type;
        ``features()`` (the type-free features and the span) is called only when the
        pair is the nearest yet of its actors."""
        base: list[str] | None = None
        cues: list[str] = []  # the cue features of base
        span = (0, 0)
        closest, seen = self.closest, self.seen
        for src, tgt, order in ((a.key, b.key, "forward"), (b.key, a.key, "backward")):
            pair = (src, tgt)
            if (src, tgt, order) not in seen:
                seen.add((src, tgt, order))
                self._new_keys(src, tgt, order, self.types[src], self.types[tgt])
            shape: tuple[str, ...] | None = None
            for pool in (pair, frozenset(pair)) if order == "forward" else (pair,):
                nearest = closest.get(pool)
                if nearest is not None and distance >= nearest[0]:
                    continue
                if base is None:
                    base, span = features()
                    cues = [f for f in base if f.startswith(_CUE_KINDS)]
                if shape is None:
                    st, tt = self.types[src], self.types[tgt]
                    shape = (*base, f"order={order}", f"types={st[0]}>{tt[0]}",
                             *_with_order(cues, order))  # fmt: skip
                closest[pool] = (distance, span)
                self.nearest_features[pool] = shape

    def _new_keys(self, src: str, tgt: str, order: str, st: tuple, tt: tuple) -> None:
        keys = self.keys
        for t in _allowed(st, tt):
            # a symmetric type once per pair, oriented as its first forward mention
            if t not in SCHEMA.symmetric or (order == "forward" and (tgt, src, t) not in keys):
                keys.setdefault((src, tgt, t))

    def candidates(self) -> dict[tuple[str, str, str], Candidate]:
        """One candidate per key, sharing its nearest pair's features with the pair's
        other types."""
        shared: dict[tuple[str, str] | frozenset[str], frozenset[str]] = {}
        # a pair's features and those of its unordered pool are often of one mention
        # pair: one set for both (scored once, by id)
        made: dict[int, frozenset[str]] = {}  # by id of a nearest mention pair's features
        out = {}
        symmetric = SCHEMA.symmetric
        for key in self.keys:
            src, tgt, t = key
            pool = frozenset((src, tgt)) if t in symmetric else (src, tgt)
            feats = shared.get(pool)
            if feats is None:
                nearest = self.nearest_features[pool]
                feats = made.get(id(nearest))
                if feats is None:
                    feats = made[id(nearest)] = frozenset((*nearest, "bias"))
                shared[pool] = feats
            out[key] = Candidate(src, tgt, t, *self.closest[pool][1], feats)
        return out


def _with_order(cues: list[str], order: str) -> list[str]:
    """Each cue feature joined with the pair's order, so that a cue after the later
    mention tells whether it follows the source or the target (X任总经理 after a company
    named first is said of the source).

    >>> _with_order(["cue_after=总经理"], "backward")
    ['order=backward&cue_after=总经理']
    """
    return [f"order={order}&{f}" for f in cues]


@lru_cache(maxsize=512)
def _allowed(source_types: tuple[str, ...], target_types: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(t for t in SCHEMA.edges if SCHEMA.allows(t, source_types, target_types))


def _rule_features(
    c: Candidate, by_rule: dict[tuple[str, str, str], Relation], pair_types: dict[frozenset, set]
) -> None:
    others = pair_types.get(frozenset((c.source, c.target)))
    if others is None:  # no rule found anything between the two
        return
    t = c.type
    found = by_rule.get((c.source, c.target, t))
    if found is None and t in SCHEMA.symmetric:
        found = by_rule.get((c.target, c.source, t))
    if found is not None:
        c.rule, c.relation = found.rule, found
        c.own.update(
            (
                f"{t}|rule={found.rule}",
                f"{t}|rule_found",
                "rule_found",
                f"rule_conf={found.confidence}",
            )
        )
    elif (c.target, c.source, t) in by_rule:
        c.own.add(f"{t}|rule_reverse")
    for other in sorted(others - {t}):
        c.own.add(f"{t}|rule_other={other}")


def _via_anaphor(a: Mention, b: Mention) -> list[str]:
    return [f"anaphor={m.text}" for m in (a, b) if m.rule == "anaphor"]


def _across(
    following: dict[int, tuple[list[str], tuple[int, int]]],
    cues: _Cues,
    a: Mention,
    b: Mention,
    s0: int,
    s1: int,
) -> tuple[list[str], tuple[int, int]]:
    """Features and span of ``a`` in the previous sentence and ``b`` in this one
    (``s0..s1``); those of ``b`` kept in ``following`` by its id, the same for every
    ``a`` but the span's start."""
    if id(b) not in following:
        following[id(b)] = _next_sentence_features(cues, a, b, s0, s1)
    feats, (_start, end) = following[id(b)]
    return [*feats, *_via_anaphor(a, b)], (a.start, end)


def _add_topic_pairs(
    pairs: _Pairs, ms: list[Mention], cues: _Cues, sentences: list[tuple[int, int]]
) -> None:
    """Pair the article's topic (its actor mentioned most, the first of equals) with each
    actor never named in its sentence or the next (科技局给予贴息 three sentences after the
    company): the first mention of the actor and the topic's mention nearest before it
    (else the first), with the cue words of the actor's sentence."""
    counts = Counter(m.key for m in ms)
    if len(counts) < 2:
        return
    topic = max(counts, key=lambda k: counts[k])  # the first of equals: insertion order
    topic_ms = [m for m in ms if m.key == topic]
    done = {topic}
    for m in ms:
        if m.key in done or (m.key, topic) in pairs.closest or (topic, m.key) in pairs.closest:
            continue
        done.add(m.key)
        t = next((x for x in reversed(topic_ms) if x.start < m.start), topic_ms[0])
        a, b = (t, m) if t.start < m.start else (m, t)
        s0, s1 = sentences[bisect_right(sentences, (m.start, 1 << 30)) - 1]
        pairs.add(a, b, 2000 + b.start - a.end, partial(_topic_features, cues, (s0, s1), a, b))


def _topic_features(
    cues: _Cues, sentence: tuple[int, int], a: Mention, b: Mention
) -> tuple[list[str], tuple[int, int]]:
    """``topic_pair`` and the cue words of the ``sentence`` (its start and end) of the
    topic's partner."""
    words = [f"cue_topic={w}" for w in cues.within(*sentence)]
    return ["topic_pair", *words, *_via_anaphor(a, b)], (a.start, b.end)


def _starts_with_other(ents: dict) -> list[tuple[str, str]]:
    """(child, parent) actor keys where a name of the child begins with a name of the
    parent (大学|技术转移中心, 集团|创业投资有限公司): a unit named after its parent.

    >>> from ecox.loaders.actors import Entity
    >>> ents = {"u": Entity("东山大学", "org", ["Institute"]),
    ...         "c": Entity("东山大学科技园", "org", ["Park"])}
    >>> _starts_with_other(ents)
    [('c', 'u')]
    """
    rank = {k: i for i, k in enumerate(ents)}
    owners: dict[str, list[str]] = {}  # a name → the actors it names
    for k, e in ents.items():
        for name in {e.name, *e.aliases}:
            owners.setdefault(name, []).append(k)
    out = []
    for child, e in ents.items():
        parents = {
            parent
            for n in {e.name, *e.aliases}
            for end in range(2, len(n))
            for parent in owners.get(n[:end], ())
        }
        parents.discard(child)
        out += [(child, parent) for parent in sorted(parents, key=rank.__getitem__)]
    return out


def _add_nested(
    cands: dict[tuple[str, str, str], Candidate], ents: dict, named: list[Mention]
) -> None:
    """A unit named after its parent is a BRANCH_OF candidate of it, wherever the two
    are named; the feature ``BRANCH_OF|parent_name_first`` says so."""
    first: dict[str, Mention] = {}
    for m in named:
        first.setdefault(m.key, m)
    for child, parent in _starts_with_other(ents):
        if child not in first or EdgeType.BRANCH_OF not in _allowed(
            tuple(ents[child].types), tuple(ents[parent].types)
        ):
            continue
        key = (child, parent, EdgeType.BRANCH_OF)
        if key not in cands:
            m = first[child]
            types = f"types={ents[child].types[0]}>{ents[parent].types[0]}"
            cands[key] = Candidate(*key, m.start, m.end, frozenset(("bias", "no_sentence", types)))
        cands[key].own.add(f"{EdgeType.BRANCH_OF}|parent_name_first")


def find_candidates(actors: ActorSet, relations: list[Relation]) -> list[Candidate]:
    """Every typed, directed actor pair of one article that may be a relation.

    Parameters
    ----------
    actors : ActorSet
        From :func:`ecox.loaders.mentions.find_actors`.
    relations : list of Relation
        What the rules found (:func:`ecox.loaders.cues.find_relations`); each is a
        candidate and a feature of the candidates of its pair.

    Returns
    -------
    list of Candidate
        In order of first evidence; one per (source, target, type), a symmetric
        type once per pair.
    """
    text = actors.text
    ents = actors.entities
    by_rule = {(r.source, r.target, r.type): r for r in relations}
    pair_types: dict[frozenset, set] = {}
    for r in relations:
        pair_types.setdefault(frozenset((r.source, r.target)), set()).add(r.type)
    named = [m for m in actors.mentions if m.key in ents]
    ms = sorted([*named, *anaphor_mentions(actors)], key=lambda m: (m.start, m.end))
    pairs = _Pairs(ents)
    cues = _Cues(text)
    prev: list[Mention] = []
    k = 0
    sentences = _spans(text, _SENT_END)
    for n, (s0, s1) in enumerate(sentences):
        while k < len(ms) and ms[k].start < s0:
            k += 1
        sm = []
        while k < len(ms) and ms[k].end <= s1:
            sm.append(ms[k])
            k += 1
        following: dict[int, tuple[list[str], tuple[int, int]]] = {}  # by id of b
        for a in prev if len(sm) else ():
            for b in sm:
                if a.key != b.key:
                    pairs.add(
                        a,
                        b,
                        1000 + b.start - a.end,
                        partial(_across, following, cues, a, b, s0, s1),
                    )
        prev = sm
        if len(sm) < 2:
            continue
        sent = _Sentence(cues, s0, s1, sm, n == 0)
        for i in range(len(sm)):
            for j in range(i + 1, len(sm)):
                a, b = sm[i], sm[j]
                if a.key != b.key:
                    pairs.add(a, b, b.start - a.end, partial(sent.pair_features, i, j))
    _add_topic_pairs(pairs, ms, cues, sentences)
    cands = pairs.candidates()
    _add_nested(cands, ents, named)
    for r in relations:
        key = (r.source, r.target, r.type)
        if key not in cands and not (
            r.type in SCHEMA.symmetric and (r.target, r.source, r.type) in cands
        ):
            src0, tgt0 = ents[r.source].types[0], ents[r.target].types[0]
            shared = frozenset(("bias", "no_sentence", f"types={src0}>{tgt0}"))
            cands[key] = Candidate(*key, r.span_start, r.span_end, shared)
    out = list(cands.values())
    ruled = {(r.source, r.target) for r in relations} | {(r.target, r.source) for r in relations}
    for c in out:
        if (c.source, c.target) not in ruled:
            continue  # no rule found anything between the two
        _rule_features(c, by_rule, pair_types)
        if c.relation is not None:
            c.span_start, c.span_end = c.relation.span_start, c.relation.span_end
    out.sort(key=lambda c: (c.span_start, c.span_end, c.type))
    return out
