"""One vocabulary: venture roles from the schema, and one column contract in Python and Cypher.

Contract: a column ``<x>`` holding an actor holds its id and ``<x>_name`` its
name; a single-actor table starts ``node, name``; roles are named as in the
``roles:`` section of ``graph/schema.yaml`` (scientist, entrepreneur, investor).
"""

from __future__ import annotations

import re

import pytest

import ecox
from ecox.graph.schema import SCHEMA
from ecox.queries.backend import named_queries
from ecox.queries.gaps import UNDER_COLUMNS
from ecox.queries.paths import PATH_COLUMNS
from ecox.queries.syndicates import SYNDICATE_COLUMNS
from ecox.queries.triads import OPEN_COLUMNS, ROLES, TRIAD_COLUMNS

#: Named query → the Python query answering the same question, and its columns.
TWINS = {
    "complete_triads": TRIAD_COLUMNS,
    "triads_missing_scientist": OPEN_COLUMNS,
    "triads_missing_entrepreneur": OPEN_COLUMNS,
    "triads_missing_capital": OPEN_COLUMNS,
    "unfunded_enterprises": UNDER_COLUMNS,
    "idle_research": (*UNDER_COLUMNS, "types"),
    "investors_without_ventures": (*UNDER_COLUMNS, "types"),
    "parks_without_capital": UNDER_COLUMNS,
    "investor_syndicates": (*SYNDICATE_COLUMNS, "source_name", "target_name", "venture",
                            "venture_name"),  # one row per shared venture
    "direct_relations": (*PATH_COLUMNS, "claim", "source_doc"),
}  # fmt: skip


def test_roles_come_from_the_schema():
    assert ROLES == ("scientist", "entrepreneur", "investor") == tuple(SCHEMA.roles)
    for role in ROLES:
        assert {role, f"{role}_name"} <= set(TRIAD_COLUMNS)
    assert SCHEMA.role("investor").types == SCHEMA.group("capital")


def _role_pattern(role: str) -> re.Pattern[str]:
    spec = SCHEMA.role(role)
    arrow = "-" if SCHEMA.symmetric.intersection(spec.relations) else "->"
    return re.compile(
        rf"\(\w+:{re.escape('|'.join(spec.types))}\)-\[:{re.escape('|'.join(spec.relations))}\]"
        rf"{re.escape(arrow)}\("
    )


@pytest.mark.parametrize("name", [n for n in TWINS if "triads" in n])
def test_cypher_role_patterns_match_the_schema(name):
    """Every role a triad query matches is written exactly as the schema defines it."""
    text = named_queries()[name].text
    body = "\n".join(line for line in text.splitlines() if not line.startswith("//"))
    for role in ROLES:
        label = SCHEMA.role(role).types[0]
        if f":{label}" in body:
            assert _role_pattern(role).search(body), (name, role)
    assert body.count("MATCH") >= 2


@pytest.mark.parametrize("name", sorted(TWINS))
def test_named_query_columns_are_those_of_its_python_twin(name):
    columns = named_queries()[name].columns
    assert set(columns) <= set(TWINS[name]), set(columns) - set(TWINS[name])


@pytest.mark.parametrize("name", sorted(named_queries()))
def test_id_and_name_columns_on_the_seed(name):
    """``<x>`` holds actor ids and ``<x>_name`` their names, in every named query."""
    graph = ecox.seed()
    name_of = dict(zip(graph.actors["id"], graph.actors["name"], strict=True))
    query = named_queries()[name]
    ids = graph.actors["id"].tolist()
    params = {"a": ids[0], "b": ids[1], "top": 10}
    frame = ecox.InMemoryBackend(graph).named(name, **{p: params[p] for p in query.params})
    pairs = [(c, f"{c}_name") for c in frame.columns if f"{c}_name" in frame.columns]
    if "node" in frame.columns:
        pairs.append(("node", "name"))
    assert pairs or name == "direct_relations", name
    for id_column, name_column in pairs:
        for actor, label in zip(frame[id_column], frame[name_column], strict=True):
            assert name_of[actor] == label, (name, id_column)


def test_python_triads_and_named_cypher_give_the_same_table():
    graph = ecox.seed()
    python = ecox.complete_triads(graph).drop(columns=["reason", "reason_zh"])
    cypher = ecox.InMemoryBackend(graph).named("complete_triads")
    assert list(python.columns) == list(cypher.columns)
    assert sorted(map(tuple, python.values.tolist())) == sorted(map(tuple, cypher.values.tolist()))
