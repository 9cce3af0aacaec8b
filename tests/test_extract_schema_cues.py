"""The schema's relation cue words are the ones the extractor's rules search for."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ecox.graph.schema import SCHEMA
from ecox.loaders.extraction import extract_text
from ecox.loaders.rules.cuewords import cue_pattern, cue_words

RULES = Path(__file__).resolve().parents[1] / "loaders" / "rules"


def _used_relations() -> set[str]:
    source = "\n".join(p.read_text(encoding="utf-8") for p in RULES.glob("*.py"))
    return set(re.findall(r"cue_pattern\(EdgeType\.([A-Z_]+)\)", source))


def test_every_relation_has_cue_words_a_rule_uses() -> None:
    assert _used_relations() == set(SCHEMA.edges)
    for name in SCHEMA.edges:
        assert cue_words(name), name
        assert re.fullmatch(cue_pattern(name), cue_words(name)[0])


def test_node_types_carry_no_cue_words() -> None:
    # actor types come from the name endings and titles of loaders/lexicon/
    assert all("cues" not in vars(spec) for spec in SCHEMA.nodes.values())


@pytest.mark.parametrize(
    ("text", "relation"),
    [
        ("2025年3月,杭州云帆科技有限公司并购了苏州启明微电子有限公司。", "ACQUIRED"),
        ("杭州云帆科技有限公司于2024年落户杭州未来科技城。", "LOCATED_IN"),
        ("杭州银行余杭支行向杭州云帆科技有限公司放贷500万元。", "LENT_TO"),
    ],
)
def test_a_schema_cue_word_yields_its_relation(text: str, relation: str) -> None:
    word = next(w for w in cue_words(relation) if w in text)
    assert word
    found = extract_text(text, published="2025-06-01")
    assert relation in set(found.relations["type"])
