"""The learned relation decision: candidates, calibrated probabilities, the threshold,
candidates.csv, and a training script that reproduces its model byte for byte."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from ecox.cli import ecox
from ecox.graph.schema import SCHEMA
from ecox.loaders.extraction import extract_text
from ecox.loaders.load import load_inputs
from ecox.loaders.mention_model import gold_labels, tagger_from
from ecox.loaders.mentions import find_actors
from ecox.loaders.relation_candidates import anaphor_mentions, find_candidates
from ecox.loaders.relation_model import MODEL_PATH, RelationModel, get_model
from ecox.loaders.train import _RULE_BONUS, _fit, annotated_sets, main, read_set, train
from tests.ecox_process import run_ecox

DATA = Path(__file__).resolve().parent / "data" / "extract"
TEXT = (
    "2025年9月,江南星河智能装备有限公司获得宁波银行余杭支行发放的贷款800万元。"
    "杭州云栖创业投资有限公司、钱塘科创基金和西溪天使基金共同参与了本轮融资。"
)


def test_every_pair_in_a_list_is_a_candidate():
    actors = find_actors(TEXT)
    cands = find_candidates(actors, [])
    invested = {(c.source, c.target) for c in cands if c.type == "INVESTED_IN"}
    funders = [k for k, e in actors.entities.items() if {"Investor", "Fund"} & set(e.types)]
    assert len(funders) >= 2
    for key in funders:
        assert any(s == key for s, _t in invested), key
    members = [c for c in cands if c.source in funders and c.target in funders]
    assert any("|same_list" in f for c in members for f in c.features)


def test_an_anaphor_links_the_actor_it_stands_for_beyond_the_next_sentence():
    text = (
        "江南星河智能装备有限公司成立于2019年,主要生产工业机器人。"
        "近年来,企业订单持续增长。"
        "宁波银行余杭支行向该公司发放贷款800万元。"
    )
    actors = find_actors(text)
    company = next(k for k, e in actors.entities.items() if "Enterprise" in e.types)
    bank = next(k for k, e in actors.entities.items() if "Bank" in e.types)
    lent = [c for c in find_candidates(actors, []) if c.type == "LENT_TO"]
    assert [(c.source, c.target) for c in lent] == [(bank, company)]
    assert "LENT_TO|anaphor=该公司" in lent[0].features
    # without the anaphor the two are three sentences apart: only the topic pair links
    # them (the company, named first, is the article's topic), with no anaphor feature
    plain = find_actors(text.replace("该公司", "多家企业"))
    far = [c for c in find_candidates(plain, []) if c.type == "LENT_TO"]
    assert [(c.source, c.target) for c in far] == [(bank, company)]
    assert "LENT_TO|topic_pair" in far[0].features
    assert not [f for f in far[0].features if "anaphor" in f or "next_sentence" in f]


def test_an_organisation_ending_said_alone_stands_for_the_actor_named_with_it():
    text = (
        "东岭微光研究院副研究员周明远长期从事光学研究。湖州晨曦光电科技有限公司成立于2019年。"
        "今年3月,研究院将两项专利独占许可给湖州晨曦光电科技有限公司。"
    )
    actors = find_actors(text)
    inst = next(k for k, e in actors.entities.items() if "Institute" in e.types)
    tech = [c for c in find_candidates(actors, []) if c.type == "TRANSFERRED_TECH"]
    (cand,) = [c for c in tech if c.source == inst]
    assert "TRANSFERRED_TECH|anaphor=研究院" in cand.features
    assert text[cand.span_start : cand.span_end].startswith("研究院将")
    # without the ending said alone the pair is only two sentences apart, seen across them
    plain = find_actors(text.replace("研究院将", "团队将"))
    (far,) = [c for c in find_candidates(plain, []) if c.type == "TRANSFERRED_TECH"]
    assert "TRANSFERRED_TECH|next_sentence" in far.features


def test_people_named_after_general_titles_and_before_their_post():
    text = (
        "湖州晨曦光电科技有限公司由工程师吴思源于2018年创立,技术经纪人邱雨桐促成了合作。"
        "欧阳青禾任总经理。阎若川毕业于江东理工大学。"
    )
    people = {k for k, e in find_actors(text).entities.items() if e.kind == "person"}
    assert {"吴思源", "邱雨桐", "欧阳青禾", "阎若川"} <= people
    # after 由 with no title, before 曾在…从事, and a given name ending in 和 before speech
    text = (
        "湖州晨曦光电科技有限公司由吴思源于2018年创办,江南星河智能装备有限公司由阎若川创办。"
        "邱雨桐曾在东岭微光研究院从事光学研究。宁波银行余杭支行行长张德和说,贷款已发放。"
    )
    people = {k for k, e in find_actors(text).entities.items() if e.kind == "person"}
    assert {"吴思源", "阎若川", "邱雨桐", "张德和"} <= people
    assert "张德" not in people


def test_more_general_titles_and_a_post_verb_before_the_title():
    text = (
        "湖州晨曦光电科技有限公司由东岭大学教授吴思源和他的博士后邱雨桐共同创立。"
        "吴思源任首席科学家,企业家阎若川出任董事长。"
    )
    people = {k for k, e in find_actors(text).entities.items() if e.kind == "person"}
    assert {"吴思源", "邱雨桐", "阎若川"} <= people
    assert not any(p.endswith("任") or "他" in p for p in people)


def test_a_name_stops_at_a_role_noun_before_it():
    for text, name in (
        ("该基金的基金管理人为湖州晨曦私募基金管理有限公司。", "湖州晨曦私募基金管理有限公司"),
        ("基金管理人湖州晨曦创业投资有限公司负责日常管理。", "湖州晨曦创业投资有限公司"),
        ("链主企业江南星河智能装备有限公司投资了该项目。", "江南星河智能装备有限公司"),
        ("该公司被上市公司江南星河智能装备有限公司收购。", "江南星河智能装备有限公司"),
        ("岳阳晨曦重工集团有限公司旗下的投资公司参与了本轮融资。", "岳阳晨曦重工集团有限公司"),
    ):
        assert name in find_actors(text).entities, text


def test_a_kind_word_or_a_personal_pronoun_stands_for_the_actor_before_it():
    text = (
        "湖州晨曦光电科技有限公司由工程师吴思源创办。"
        "岳阳市概念验证中心为其提供了验证经费。中心主任邱雨桐介绍,公司的核心技术来自她的团队,"
        "其他企业也在跟进,他们很关注。"
    )
    actors = find_actors(text)
    said = {(m.text, m.key) for m in anaphor_mentions(actors)}
    assert ("中心", "岳阳市概念验证中心") in said
    assert ("她", "邱雨桐") in said
    assert not any(word == "他" for word, _key in said)  # 其他, 他们: no person
    led = [c for c in find_candidates(actors, []) if c.type == "LEADS"]
    assert any(c.source == "邱雨桐" and c.target == "岳阳市概念验证中心" for c in led)


def test_a_verb_before_a_name_is_not_part_of_it():
    names = set(find_actors("该基金委托湖州晨曦创业投资管理有限公司管理。").entities)
    assert "湖州晨曦创业投资管理有限公司" in names
    names = set(find_actors("晨曦产业园隶属于湖州南浔高新区。").entities)
    assert "湖州南浔高新区" in names


def test_names_end_at_a_school_a_firm_kind_and_a_funding_verb():
    for text, name, not_name in (
        ("吴思源是东岭理工学院材料学院教授。", "东岭理工学院", "东岭理工学院材料学院"),
        ("公司收购了封测企业湖州晨曦电子科技有限公司。", "湖州晨曦电子科技有限公司",
         "封测企业湖州晨曦电子科技有限公司"),
        ("西溪基金领投湖州晨曦光电科技有限公司A轮融资。", "湖州晨曦光电科技有限公司",
         "西溪基金领投湖州晨曦光电科技有限公司"),
        ("湖州晨曦创业投资合伙企业（有限合伙）投资了该公司。",
         "湖州晨曦创业投资合伙企业（有限合伙）", "湖州晨曦创业投资合伙企业"),
    ):  # fmt: skip
        names = set(find_actors(text).entities)
        assert name in names and not_name not in names, text


def test_fund_and_incubator_words_said_alone_stand_for_the_actor_named_before():
    text = (
        "湖州市产业引导基金出资设立湖州晨曦数字产业子基金。湖州市产业引导基金认缴2亿元。"
        "子基金向江南星河智能装备有限公司投资3000万元。湖州晨曦光电投资基金成立于2024年,"
        "基金还向湖州晨曦光电科技有限公司投资2000万元。"
        "湖州南浔科创孵化器成立于2020年。孵化器总经理吴思源说,入驻企业已有40家。"
    )
    actors = find_actors(text)
    assert "孵化器" not in actors.entities
    feats = {(c.source, c.type, c.target): c.features for c in find_candidates(actors, [])}
    for pair, word in (
        (("湖州晨曦数字产业子基金", "INVESTED_IN", "江南星河智能装备有限公司"), "子基金"),
        (("湖州晨曦光电投资基金", "INVESTED_IN", "湖州晨曦光电科技有限公司"), "基金"),
        (("吴思源", "LEADS", "湖州南浔科创孵化器"), "孵化器"),
    ):
        assert f"{pair[1]}|anaphor={word}" in feats[pair], pair


def test_a_pair_takes_the_features_of_its_nearest_mentions_only():
    text = (
        "宁波银行余杭支行与江南星河智能装备有限公司签署协议。"
        "江南星河智能装备有限公司此前向宁波银行余杭支行转让了一项专利。"
    )
    cands = find_candidates(find_actors(text), [])
    pair = [c for c in cands if c.type == "COOPERATES_WITH"]
    assert len(pair) == 1
    features = pair[0].features
    assert "COOPERATES_WITH|cue_between=与" in features  # the nearest mentions: first sentence
    assert "COOPERATES_WITH|cue_between=向" not in features  # the other sentence's cue: no vote
    assert "COOPERATES_WITH|next_sentence" not in features


def test_rule_findings_are_a_fixed_bonus_not_a_learned_weight():
    features = [["LENT_TO|bias", "LENT_TO|rule_found", "rule_found", "LENT_TO|rule=lending"],
                ["LENT_TO|bias", "LENT_TO|cue_between=向"], ["LENT_TO|bias"]] * 4
    weights, _bias = _fit(features, [1, 1, 0] * 4)
    assert weights["LENT_TO|rule_found"] == _RULE_BONUS
    assert "rule_found" not in weights and "LENT_TO|rule=lending" not in weights
    assert weights["LENT_TO|cue_between=向"] > 0


def test_candidates_respect_the_schema_endpoints():
    actors = find_actors(TEXT)
    for c in find_candidates(actors, []):
        s, t = actors.entities[c.source].types, actors.entities[c.target].types
        assert SCHEMA.allows(c.type, s, t), (c.source, c.type, c.target)


def test_threshold_moves_relations_to_candidates():
    default = extract_text(TEXT, published="2026-01-10")
    assert len(default.relations) >= 1
    assert default.relations["probability"].between(get_model().threshold, 1).all()
    assert (default.candidates["probability"] < get_model().threshold).all()
    none = extract_text(TEXT, published="2026-01-10", threshold=1.0)
    assert none.relations.empty
    lent = none.candidates[none.candidates["type"] == "LENT_TO"]
    assert len(lent) == 1 and "贷款" in lent.iloc[0]["evidence"]


def test_cli_writes_candidates_that_load_leaves_out(tmp_path):
    report = tmp_path / "r.txt"
    report.write_text(TEXT, encoding="utf-8")
    out = tmp_path / "out"
    top = extract_text(TEXT, threshold=0.0).relations["probability"].max()
    args = ["extract", str(report), "-o", str(out), "--threshold", f"{top - 1e-4:.4f}"]
    result = CliRunner().invoke(ecox, args)
    assert result.exit_code == 0, result.output
    rels = pd.read_csv(out / "relations.csv")
    cands = pd.read_csv(out / "candidates.csv")
    assert "probability" in rels.columns and (rels["probability"] >= top - 1e-4).all()
    assert len(cands) > len(rels) >= 1 and (cands["probability"] < top).all()
    loaded = load_inputs([out])
    assert loaded.relation_rows == len(rels)
    bad = CliRunner().invoke(ecox, ["extract", str(report), "-o", str(out), "--threshold", "2"])
    assert bad.exit_code != 0 and "2" in bad.output


def test_probabilities_match_how_often_candidates_are_right():
    """Calibration, coarsely, on one annotated set (in the training data): candidates
    given a high probability are mostly gold relations, those given a low one mostly not,
    and the mean probability is near the share of gold relations."""
    data = read_set(annotated_sets(DATA)[0])
    model = get_model()
    probs = [model.probability(f) for f in data.features]
    high = [y for p, y in zip(probs, data.labels, strict=True) if p >= 0.5]
    low = [y for p, y in zip(probs, data.labels, strict=True) if p < 0.5]
    assert len(high) > 10 and sum(high) / len(high) >= 0.8
    assert sum(low) / len(low) <= 0.1
    assert abs(sum(probs) / len(probs) - sum(data.labels) / len(data.labels)) < 0.05


def test_model_file_round_trips():
    text = MODEL_PATH.read_text(encoding="utf-8")
    assert RelationModel.from_json(text).to_json() == text
    assert "cross_validation" in get_model().meta


@pytest.mark.slow
def test_training_reproduces_its_model_byte_for_byte(tmp_path):
    data = tmp_path / "sets"
    data.mkdir()
    for name in ("held_out", "held_out_2"):
        shutil.copy(DATA / f"{name}.txt", data)
        shutil.copytree(DATA / f"gold_{name}", data / f"gold_{name}")
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["--data", str(data), "--models", str(one)]) == 0
    assert main(["--data", str(data), "--models", str(two)]) == 0
    for name in ("relations.json", "mentions.crfsuite"):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name
    model = RelationModel.from_json((one / "relations.json").read_text(encoding="utf-8"))
    assert model.meta["sets"] == ["held_out", "held_out_2"]
    assert set(model.meta["cross_validation"]) == {"held_out", "held_out_2", "all"}
    assert model.meta["rule_bonus"] == _RULE_BONUS
    assert model.weights and 0 < model.threshold < 1


def test_training_refuses_the_frozen_split(tmp_path):
    with pytest.raises(ValueError, match="frozen"):
        annotated_sets(tmp_path / "frozen")
    with pytest.raises(ValueError, match="two"):
        train(annotated_sets(DATA)[:1], tmp_path)


def test_tagger_trims_a_verb_glued_to_a_name(tmp_path):
    text = "该基金的日常管理交由杭州云栖股权投资管理有限公司负责，规模5亿元。"
    with tagger_from(tmp_path / "no-tagger.crfsuite"):
        rules_alone = [m.text for m in find_actors(text).mentions]
    assert rules_alone == ["交由杭州云栖股权投资管理有限公司"]
    assert [m.text for m in find_actors(text).mentions] == ["杭州云栖股权投资管理有限公司"]


def test_gold_labels_mark_each_name_once():
    labels = gold_labels("甲乙投资和甲乙投资基金", {"甲乙投资": "Investor", "甲乙投资基金": "Fund"})
    assert labels[:4] == ["B-Investor", "I-Investor", "I-Investor", "I-Investor"]
    assert labels[4] == "O" and labels[5] == "B-Fund" and labels[-1] == "I-Fund"


def test_extraction_is_the_same_in_every_process(tmp_path):
    """Two fresh processes with different string hashing write the same tables, so a
    speed-up that changed what is extracted (or made it depend on set order) shows."""
    text = DATA / "train" / "train_1.txt"
    outs = []
    for seed in ("1", "2"):
        env = {**os.environ, "PYTHONHASHSEED": seed}
        result = run_ecox("extract", text, "-o", tmp_path / seed, env=env)
        assert result.returncode == 0, result.stderr
        outs.append({p.name: p.read_bytes() for p in sorted((tmp_path / seed).iterdir())})
    assert set(outs[0]) == {"entities.csv", "relations.csv", "candidates.csv"}
    assert outs[0] == outs[1]
    assert outs[0]["relations.csv"].count(b"\n") > 10
