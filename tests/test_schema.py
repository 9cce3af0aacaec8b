"""The enums mirror schema.yaml, and the endpoint rules accept what reports state."""

from __future__ import annotations

from importlib import resources

import pytest
import yaml

from ecox.graph.schema import SCHEMA, EdgeType, NodeType, Schema


def test_enums_mirror_the_yaml() -> None:
    assert [t.value for t in NodeType] == list(SCHEMA.nodes)
    assert [t.value for t in EdgeType] == list(SCHEMA.edges)
    assert len(NodeType) == 11 and len(EdgeType) == 13


def test_every_type_has_display_and_cues() -> None:
    for spec in SCHEMA.nodes.values():
        assert spec.colour.startswith("#") and len(spec.colour) == 7
        assert spec.shape
    for spec in SCHEMA.edges.values():
        assert spec.source and spec.target and spec.cues


def test_only_cooperation_is_symmetric() -> None:
    assert SCHEMA.symmetric == {"COOPERATES_WITH"}


@pytest.mark.parametrize(
    ("rel", "src", "tgt"),
    [
        ("INVESTED_IN", ["Investor"], ["Enterprise"]),
        ("INVESTED_IN", ["Fund"], ["Fund"]),
        ("LENT_TO", ["Bank"], ["Enterprise"]),
        ("COMMITTED_TO", ["Bank"], ["Fund"]),
        ("COMMITTED_TO", ["Fund"], ["Investor"]),
        ("MANAGES", ["Investor"], ["Fund"]),
        ("FOUNDED", ["Scientist", "Entrepreneur"], ["Enterprise"]),
        ("FOUNDED", ["Scientist"], ["Platform"]),
        ("LOCATED_IN", ["Enterprise"], ["Park", "Government"]),
        ("LOCATED_IN", ["Enterprise"], ["Institute"]),
        ("TRANSFERRED_TECH", ["Institute"], ["Enterprise"]),
        ("SERVES", ["Person"], ["Enterprise"]),
        ("BRANCH_OF", ["Government"], ["Government"]),
        ("ACQUIRED", ["Enterprise"], ["Enterprise"]),
    ],
)
def test_allowed_pairs(rel: str, src: list[str], tgt: list[str]) -> None:
    assert SCHEMA.allows(rel, src, tgt)


@pytest.mark.parametrize(
    ("rel", "src", "tgt"),
    [
        ("LENT_TO", ["Scientist"], ["Park"]),
        ("INVESTED_IN", ["Enterprise"], ["Scientist"]),
        ("FOUNDED", ["Bank"], ["Enterprise"]),
        ("MANAGES", ["Investor"], ["Enterprise"]),
        ("BRANCH_OF", ["Person"], ["Bank"]),
        ("TRANSFERRED_TECH", ["Bank"], ["Enterprise"]),
    ],
)
def test_forbidden_pairs(rel: str, src: list[str], tgt: list[str]) -> None:
    assert not SCHEMA.allows(rel, src, tgt)
    assert rel in SCHEMA.why_not(rel, src, tgt)


def test_schema_rejects_unknown_endpoint_types() -> None:
    text = resources.files("ecox.graph").joinpath("schema.yaml").read_text(encoding="utf-8")
    raw = yaml.safe_load(text)
    raw["edge_types"]["LENT_TO"]["target"].append("Martian")
    with pytest.raises(ValueError, match="Martian"):
        Schema(yaml.safe_dump(raw, allow_unicode=True))


def test_gold_relations_fit_the_schema() -> None:
    import csv

    from tests.conftest import shared_path

    gold = shared_path("gold", "seed")
    with open(gold / "entities.csv", encoding="utf-8") as f:
        types = {r["id"]: r["types"].split("|") for r in csv.DictReader(f)}
    with open(gold / "relations.csv", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            assert SCHEMA.allows(r["type"], types[r["source"]], types[r["target"]]), r
