"""The extractor's fast paths give what the plain ones give: the segmenter cuts as jieba
does, the cached dictionary is the built one, the tagger reads the same labels from
the features its model knows as from every feature, and candidates scored by type at
once get the probabilities of their spelled-out features."""

from __future__ import annotations

import gc
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
from ecox.loaders.segmenter import Segmenter

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
