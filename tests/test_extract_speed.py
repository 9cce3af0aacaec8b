"""The extractor's fast paths give what the plain ones give: the segmenter cuts as jieba
does, the cached dictionary is the built one, the tagger reads the same labels from
the features its model knows as from every feature, and candidates scored by type at
once get the probabilities of their spelled-out features."""

from __future__ import annotations

import gc
import os
import random
import subprocess
import sys
from pathlib import Path

import jieba
import pytest

from bench.bench_extract import generated_text
from ecox.loaders import lexicon as lexicon_module
from ecox.loaders.cues import find_relations
from ecox.loaders.lexicon import Lexicon, get_lexicon
from ecox.loaders.mention_model import MENTION_MODEL_PATH, _rows, _tagger, char_features
from ecox.loaders.mentions import find_actors, rule_candidates
from ecox.loaders.relation_candidates import find_candidates
from ecox.loaders.relation_model import RelationModel, get_model
from ecox.loaders.segmenter import Segmenter, _hmm_cut, _hmm_model, _hmm_words

DATA = Path(__file__).resolve().parent / "data" / "extract"
ODD = [
    "",
    " ",
    "\r\n\r\n",
    "ABC-12.5%和\t3,000万元 ",
    "𠀀𠀁中文\u3000全角ＡＢＣ１２３",
    "张三李四王五赵六钱七",
    "。。！",
    "x" * 40,
]


def _texts() -> list[str]:
    files = [*sorted((DATA / "train").glob("*.txt")), DATA / "dev.txt", DATA / "held_out.txt"]
    return [p.read_text(encoding="utf-8") for p in files] + [generated_text(20)] + ODD


def test_segmenter_cuts_as_jieba_does():
    lex = get_lexicon()
    tk = lex._tokenizer
    plain = jieba.Tokenizer()
    for text in _texts():
        assert Segmenter(tk).cut(text) == list(tk.cut(text, HMM=True))  # type: ignore[attr-defined]
        assert Segmenter(plain).cut(text) == list(plain.cut(text, HMM=True))
    assert len(lex.tokenize(_texts()[0])) > 500


def test_hmm_cuts_unknown_runs_as_jieba_does():
    from jieba import finalseg

    rng = random.Random(7)
    text = "".join(_texts())
    han = sorted(set(finalseg.re_han.findall(text)))
    chars = sorted(set("".join(han)))
    runs = han + ["".join(rng.choices(chars, k=rng.randint(1, 10))) for _ in range(3000)]
    runs += ["".join(chr(rng.randint(0x4E00, 0x9FD5)) for _ in range(6)) for _ in range(300)]
    model = _hmm_model()
    assert [_hmm_words(r, model) for r in runs] == [tuple(finalseg.cut(r)) for r in runs]
    assert _hmm_cut("ab张三12") == tuple(finalseg.cut("ab张三12"))  # not all Han: jieba's own


def _plain_is_place(lex: Lexicon, text: str) -> bool:
    """The longest place name (8 characters down to 2) at the start, then at the rest."""
    rest = text
    while rest:
        for n in range(min(len(rest), 8), 1, -1):
            if rest[:n] in lex.places or lex.tag(rest[:n]) == "ns":
                rest = rest[n:]
                break
        else:
            return False
    return bool(text)


def test_is_place_reads_as_the_plain_longest_first_walk():
    lex = get_lexicon()
    assert all(lex._freq.get(p) for p in lex.places if len(p) >= 2)  # what the walk relies on
    text = "".join(_texts())
    places = sorted(lex.places)
    texts = [text[i : i + size] for size in (1, 2, 3, 5, 8, 12) for i in range(0, len(text), 7)]
    pairs = zip(places, places[::-7], strict=False)
    texts += [a + b + end for a, b in pairs for end in ("", "区", "的")]
    answers = [lex.is_place(t) for t in texts]
    assert answers == [_plain_is_place(lex, t) for t in texts]
    assert 100 < sum(answers) < len(texts) - 100


def test_cached_dictionary_is_the_built_one(tmp_path, monkeypatch):
    monkeypatch.setenv("ECOX_CACHE_DIR", str(tmp_path))
    built = Lexicon.load()
    cache = lexicon_module._dictionary_cache()
    assert cache.is_relative_to(tmp_path) and cache.exists()
    read = Lexicon.load()
    assert read._freq == built._freq and read._tags == built._tags
    assert read._tokenizer.total == built._tokenizer.total  # type: ignore[attr-defined]
    text = _texts()[1]
    assert read.tokenize(text) == built.tokenize(text)
    cache.write_bytes(b"not a dictionary")  # a damaged file is rebuilt, not trusted
    again = Lexicon.load()
    assert again._freq == built._freq and again._tags == built._tags
    assert lexicon_module._read_dictionary(cache) is not None


def test_jieba_is_imported_without_pkg_resources(tmp_path):
    """setuptools' pkg_resources (about a tenth of the start-up before the workers read)
    stays unloaded, and jieba still finds its own dictionary to build the lexicon's."""
    script = (
        "import sys\n"
        "from ecox.loaders.lexicon import get_lexicon\n"
        "lex = get_lexicon()\n"
        "assert 'pkg_resources' not in sys.modules, 'pkg_resources imported'\n"
        "print(len(lex._freq), lex._tokenizer.total)\n"
    )
    fresh = {**os.environ, "ECOX_CACHE_DIR": str(tmp_path)}  # no cached dictionary
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=300, env=fresh
    )
    assert done.returncode == 0, done.stderr
    lex = get_lexicon()
    assert done.stdout.split() == [str(len(lex._freq)), str(lex._tokenizer.total)]  # type: ignore[attr-defined]
    assert any(tmp_path.rglob("jieba-*.bin"))


def test_tagger_reads_the_same_labels_from_the_features_its_model_knows():
    if not MENTION_MODEL_PATH.exists():
        pytest.skip("no mention model")
    tagger, vocab = _tagger(str(MENTION_MODEL_PATH), MENTION_MODEL_PATH.stat().st_mtime)
    assert vocab.known is not None and "c0=银" in vocab.known
    lex = get_lexicon()
    for text in _texts()[:3] + ODD[1:]:
        f = rule_candidates(text, lex)
        full = char_features(f)
        kept = _rows(f, vocab)
        assert kept == [[a.encode() for a in row if a in vocab.known] for row in full]
        assert sum(map(len, kept)) < sum(map(len, full))
        assert tagger.tag(kept) == tagger.tag(full)


def test_units_named_after_another_actor_are_found_as_by_comparing_every_pair():
    import random

    from ecox.loaders.actors import Entity
    from ecox.loaders.relation_candidates import _starts_with_other

    def every_pair(ents):
        names = {k: {e.name, *e.aliases} for k, e in ents.items()}
        return [
            (child, parent)
            for child, own in names.items()
            for parent, theirs in names.items()
            if child != parent
            and any(n.startswith(p) and len(n) > len(p) >= 2 for n in own for p in theirs)
        ]

    rng = random.Random(3)
    found = 0
    for _ in range(500):
        def name():
            return "".join(rng.choice("东山大学院科技园") for _ in range(rng.randint(1, 6)))

        ents = {
            f"k{i}": Entity(name(), "org", ["Enterprise"], {name(), name()})
            for i in range(rng.randint(0, 10))
        }
        pairs = _starts_with_other(ents)
        assert pairs == every_pair(ents)
        found += len(pairs)
    assert found > 100


def test_candidates_scored_by_type_at_once_get_the_probability_of_their_features():
    shipped = get_model()
    # a model with a weight on a free feature, a type without weights and a missing one
    odd = RelationModel(
        {"rule_found": 1.5, "LENT_TO|bias": -0.5, "LENT_TO|order=forward": 0.25},
        0.1,
        (1.2, -0.3),
        0.5,
    )
    checked = 0
    for text in _texts()[:4]:
        actors = find_actors(text)
        cands = find_candidates(actors, find_relations(actors))
        for model in (shipped, odd):
            fast = model.probabilities(cands)
            plain = [model.probability(c.features) for c in cands]
            assert fast == pytest.approx(plain, abs=1e-12)
        checked += len(cands)
        shared = {id(c.shared) for c in cands}
        assert len(shared) < len(cands)  # the types of a pair share one feature set
    assert checked > 200
    assert shipped.probabilities([]) == []


def test_reading_pauses_the_garbage_collector_and_turns_it_back_on(monkeypatch):
    from ecox.loaders import extraction
    from ecox.loaders.reports import split_articles

    states = []
    plain = extraction.read_article

    def reading(report):
        states.append(gc.isenabled())
        return plain(report)

    monkeypatch.setattr(extraction, "read_article", reading)
    reports = split_articles(_texts()[0], "a.txt")
    assert gc.isenabled()
    readings = extraction.read_articles(reports, workers=1)
    assert states and not any(states) and gc.isenabled()
    assert len(extraction.assemble(reports, readings).relations) > 0
    gc.disable()  # a caller's own choice is kept
    try:
        extraction.read_articles(reports[:1], workers=1)
        assert not gc.isenabled()
    finally:
        gc.enable()

    def failing(report):
        raise RuntimeError("bad article")

    monkeypatch.setattr(extraction, "read_article", failing)
    with pytest.raises(RuntimeError):
        extraction.read_articles(reports, workers=1)
    assert gc.isenabled()


def test_worker_readings_come_back_as_read_here_without_features():
    from ecox.loaders import extraction
    from ecox.loaders.reports import split_articles

    reports = split_articles(_texts()[0] + _texts()[4], "a.txt")
    here = extraction.read_articles(reports, workers=1)
    there = extraction.read_articles(reports, workers=2)
    assert len(there) == len(reports) > 1
    with_amount = 0
    for plain, sent in zip(here, there, strict=True):
        probabilities = get_model().probabilities(plain.candidates)
        for c in plain.candidates:
            c.drop_features()
        assert sent.probabilities == probabilities
        assert sent.entities == plain.entities and sent.relations == plain.relations
        assert sent.candidates == plain.candidates
        for c in sent.candidates:  # the rule's relation is one object, as when read here
            assert c.relation is None or any(c.relation is r for r in sent.relations)
            with_amount += c.relation is not None and c.relation.amount is not None
    assert with_amount > 0


def test_a_candidate_whose_actor_is_named_in_a_later_article_is_kept():
    from ecox.loaders import extraction
    from ecox.loaders.actors import Entity
    from ecox.loaders.relation_candidates import Candidate
    from ecox.loaders.reports import Report

    reports = [Report("d.txt", f"a{i}", "甲乙", "甲乙丙丁戊己", None, None, 0) for i in (1, 2)]
    first = extraction.ArticleReading(
        [("甲", Entity("甲", "org", ["Enterprise"]))],
        [],
        [Candidate("甲", "乙", "INVESTED_IN", 0, 2), Candidate("甲", "丙", "INVESTED_IN", 0, 3)],
        [0.9, 0.9],
    )
    second = extraction.ArticleReading(
        [("乙", Entity("乙", "org", ["Investor"]))],
        [],
        [Candidate("乙", "甲", "LENT_TO", 1, 4)],
        [0.1],
    )
    ex = extraction.assemble(reports, [first, second])
    assert ex.entities.id.tolist() == ["e001", "e002"]
    # 乙 is named only in the second article, 丙 nowhere: the first pair stays, the second goes
    cells = ["source", "target", "article"]
    assert ex.relations[cells].values.tolist() == [["e001", "e002", "a1"]]
    assert ex.candidates[cells].values.tolist() == [["e002", "e001", "a2"]]


def test_rows_sent_by_a_worker_give_the_tables_of_the_readings_assembled_here(monkeypatch):
    """A worker makes the rows of an article whose candidates are between its own actors;
    an article with another actor comes back as read, and its rows are made at the end
    from all the actors, in its place."""
    from ecox.loaders import extraction
    from ecox.loaders.actors import Entity
    from ecox.loaders.relation_candidates import Candidate
    from ecox.loaders.reports import Report

    reports = [Report("d.txt", f"a{i}", "甲乙", "甲乙丙丁戊己", None, None, 0) for i in (1, 2, 3)]
    found = {
        "a1": (["甲"], [("甲", "乙", "INVESTED_IN", 0, 2), ("甲", "丙", "INVESTED_IN", 0, 3)]),
        "a2": (["丁", "戊"], [("戊", "丁", "LENT_TO", 3, 5)]),
        "a3": (["乙"], [("乙", "甲", "LENT_TO", 1, 4)]),
    }

    def read(report):
        names, pairs = found[report.article]
        actors = [(k, Entity(k, "org", ["Enterprise"])) for k in names]
        return extraction.ArticleReading(actors, [], [Candidate(*p) for p in pairs])

    monkeypatch.setattr(extraction, "read_article", read)
    here = extraction.assemble(reports, [read(r) for r in reports])
    model = get_model()
    gathered = extraction._Gathered(reports, model, model.threshold)
    articles = list(zip(reports, gathered.arts, strict=True))
    actors, pieces = extraction._read_rows(articles, model.threshold)
    assert [p.at for p in pieces if isinstance(p, extraction._Unread)] == [0, 2]
    gathered.add_read(actors, pieces)
    there = gathered.finish()
    for table in ("entities", "relations", "candidates"):
        assert getattr(here, table).equals(getattr(there, table))
    cells = ["source", "target", "article"]
    rows = there.relations[cells].values.tolist() + there.candidates[cells].values.tolist()
    # 甲 e001, 丁 e002, 戊 e003, 乙 e004 (named in the third article), 丙 nowhere
    assert sorted(rows) == [["e001", "e004", "a1"], ["e003", "e002", "a2"], ["e004", "e001", "a3"]]


def test_articles_read_twice_under_one_id_are_sorted_together():
    from ecox.loaders.extraction import extract_reports
    from ecox.loaders.reports import split_articles

    reports = split_articles(_texts()[0], "a.txt")
    once = extract_reports(reports, workers=1).relations
    twice = extract_reports(reports + reports, workers=1).relations
    assert len(twice) == 2 * len(once) > 20
    # the rows of an article id are sorted together, by span and type
    rank = {a: i for i, a in enumerate(dict.fromkeys(twice.article))}
    keys = twice.article.map(rank).to_frame().join(twice[["span_start", "span_end", "type"]])
    keys = list(keys.itertuples(index=False))
    assert keys == sorted(keys)
    assert twice.drop_duplicates().reset_index(drop=True).equals(once.drop_duplicates())



def test_reading_loads_no_pandas_until_the_workers_read():
    """The workers need no pandas, so the parent loads it only once they are reading
    (about half a second of start-up off the serial path); the tables still come out."""
    script = (
        "import sys\n"
        "from ecox.loaders import extraction\n"
        "from ecox.loaders.lexicon import get_lexicon\n"
        "from ecox.loaders.relation_model import get_model\n"
        "get_lexicon(); get_model().probabilities([])\n"
        "import ecox.cmd_extract\n"
        "assert 'pandas' not in sys.modules, 'imported before reading'\n"
        "text = open(sys.argv[1], encoding='utf-8').read()\n"
        "ex = extraction.extract_text(text * 2)\n"
        "assert 'pandas' in sys.modules and len(ex.relations) > 10\n"
    )
    train = DATA / "train" / "train_1.txt"
    done = subprocess.run(
        [sys.executable, "-c", script, str(train)], capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr
