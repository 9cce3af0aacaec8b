"""Short variable-length relationships as one chain of single relationships per length
(queries/cypher_hops.py): which queries are rewritten and into what, the same answers as the
engine's own variable-length join on the seed, and the paths' relationships against trails
enumerated in Python; tests/test_cypher_differential.py compares them with Neo4j."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

import pytest

from ecox.graph.claims import ClaimGraph
from ecox.graph.synthetic import synthetic_claim_graph
from ecox.queries import cypher_translate, embedded_cypher
from ecox.queries.cypher_ast import Case, Func, ListLit, Literal, NodePat, Prop, Return, Var
from ecox.queries.cypher_hops import fixed_lengths, one_query_per_length
from ecox.queries.cypher_parse import parse
from ecox.queries.embedded_cypher import prepare, run

REWRITTEN = [
    "MATCH (a:Bank)-[rs*1..2]->(b) RETURN a.name AS bank, [x IN rs | type(x)] AS rels, "
    "[x IN rs | x.id] AS ids",
    "MATCH (a:Fund)-[rs*1..2]->(b) RETURN size(rs) AS hops, rs[0].id AS first, rs[-1].id AS last, "
    "rs[1].amount AS second, head(rs).date AS d, last(rs).currency AS c, rs[5].id AS none",
    "MATCH (a)<-[rs*1..2]-(b:Enterprise) RETURN a.name AS a, [x IN rs | x.id] AS ids",
    "MATCH (a:Bank)-[rs:LENT_TO|SERVES*2..3]-(b) RETURN [x IN rs | type(x)] AS rels, b.id AS b",
    "MATCH (a:Bank)-[rs*1..3]-(b) RETURN [x IN rs | x.amount] AS amounts, count(*) AS n",
    "MATCH (a)-[rs*2]->(b) WHERE rs[0].amount IS NOT NULL AND rs[1].date > '2020' "
    "RETURN count(*) AS n",
    "MATCH (a:Investor)-[rs*1..2]->(b) WITH a, rs RETURN a.name AS investor, "
    "[x IN rs | x.date] AS dates, size(rs) AS n",
    "MATCH (a:Bank)-[rs*1..2]->(b) RETURN rs",
    "MATCH (a:Bank)-[rs*1..2]-(b)-[r]->(c:Enterprise) RETURN [x IN rs | x.id] + [r.id] AS ids",
    "MATCH p = (a:Bank)-[*1..3]->(b) RETURN [n IN nodes(p) | n.name] AS names, length(p) AS k",
    "MATCH (a:Fund)-[rs*1..2]->(b) UNWIND rs AS r RETURN r.id AS id, size(rs) AS k",
]
KEPT = [
    "MATCH (a:Bank)-[rs*1..4]->(b) RETURN [x IN rs | x.id] AS ids",  # longer than MAX_HOPS
    "MATCH (a:Bank)-[rs*0..1]->(b) RETURN [x IN rs | x.id] AS ids",  # a path of no claims
    "MATCH (a:Bank)-[rs*1..2]->(b) RETURN [x IN rs | x.id] AS ids ORDER BY ids LIMIT 3",
    "MATCH (a:Bank)-[rs*1..2]->(b) WITH a, count(rs) AS k RETURN a.name AS a, k",
    "MATCH (a:Bank)-[rs*1..2]->(b) RETURN a.name AS a, collect(rs[0].id) AS ids",
    "MATCH (a:Bank)-[rs*1..2]->(b) RETURN DISTINCT a.name AS a",
    "MATCH p = (a:Bank)-[*1..2]->(b) RETURN p",
]
SPLIT = [
    "MATCH (a:Fund)-[rs*1..2]->(b) UNWIND rs AS r RETURN type(r) AS rel, count(*) AS n, "
    "sum(r.amount) AS total ORDER BY rel",
    "MATCH p = (a:Bank)-[*1..2]->(b) RETURN nodes(p)[0].name AS start, nodes(p)[-1].name AS stop, "
    "relationships(p)[1].id AS second, count(*) AS n",
    "MATCH (a:Bank)-[rs*1..3]-(b) RETURN count(*) AS n, min(b.name) AS lo, max(size(rs)) AS hi",
    "MATCH (a:Nonexistent)-[rs*1..3]-(b) RETURN count(*) AS n, min(b.name) AS lo",
]


def _returns(query: str) -> list[Return]:
    return [part[-1] for part in fixed_lengths(parse(query)).parts]  # type: ignore[misc]


def _plain(expr: object) -> str:
    """An expression's repr without the positions in the analyst's text."""
    return re.sub(r", pos=\d+", "", repr(expr))


def test_one_part_per_length_with_the_list_worked_out() -> None:
    one, two = _returns(REWRITTEN[1])
    assert [_plain(r.items[0].expr) for r in (one, two)] == [_plain(Literal(1)), _plain(Literal(2))]
    assert _plain(one.items[1].expr) == _plain(Prop(Var("rs_1"), "id"))
    assert _plain(two.items[2].expr) == _plain(Prop(Var("rs_2"), "id"))
    # past the end: a null with the type of the last relationship's property
    assert _plain(one.items[3].expr) == _plain(
        Case(None, [(Literal(False), Prop(Var("rs_1"), "amount"))], None)
    )
    assert _plain(two.items[3].expr) == _plain(Prop(Var("rs_2"), "amount"))
    assert isinstance(two.items[6].expr, Case)
    # a repeated expression in one part of a UNION is coalesce()d (a LadybugDB 0.22 fault)
    assert _plain(one.items[2].expr) == _plain(Func("coalesce", [Prop(Var("rs_1"), "id")]))
    assert _plain(two.items[2].expr) == _plain(Prop(Var("rs_2"), "id"))
    ids = _returns(REWRITTEN[0])[1].items[2].expr
    assert _plain(ids) == _plain(ListLit([Prop(Var("rs_1"), "id"), Prop(Var("rs_2"), "id")]))


def test_the_chain_keeps_types_direction_and_labels_its_middle_nodes_actor() -> None:
    query = fixed_lengths(parse(REWRITTEN[3]))
    assert len(query.parts) == 2 and query.union_all == [True]
    elements = query.parts[1][0].paths[0].elements  # type: ignore[attr-defined]
    rels = [e for e in elements if not isinstance(e, NodePat)]
    middles = [e for e in elements[2:-2] if isinstance(e, NodePat)]
    assert [(r.types, r.direction, r.hops) for r in rels] == [(["LENT_TO", "SERVES"], "", None)] * 3
    assert [m.groups for m in middles] == [[["Actor"]], [["Actor"]]]


def test_a_with_passes_the_relationships_on() -> None:
    text = prepare(REWRITTEN[6])[0]
    assert "WITH `a` AS `a`, `rs_1` AS `rs_1`, `rs_2` AS `rs_2`" in text
    assert "[`rs_1`.`date`, `rs_2`.`date`] AS `dates`, 2 AS `n`" in text


@pytest.mark.parametrize("query", KEPT)
def test_other_queries_are_not_rewritten(query: str) -> None:
    parsed = parse(query)
    assert fixed_lengths(parsed) is parsed
    assert one_query_per_length(parsed) is None


def test_aggregates_over_lengths_split_into_one_query_each() -> None:
    parts, how = one_query_per_length(parse(SPLIT[1]))  # type: ignore[misc]
    assert len(parts) == 2 and how == [None, None, None, "sum"]
    assert one_query_per_length(parse(REWRITTEN[4])) is None  # the lists' lengths differ
    assert one_query_per_length(parse(SPLIT[2]))[1] == ["sum", "min", "max"]  # type: ignore[index]
    # a count alone splits too (when queries/cypher_counts.py does not count it first)
    counted = parse("MATCH (a)-[rs*1..3]->(b) RETURN count(*) AS n")
    assert fixed_lengths(counted) is counted
    assert len(one_query_per_length(counted)[0]) == 3  # type: ignore[index]


def _both(graph: ClaimGraph, query: str, monkeypatch: pytest.MonkeyPatch) -> tuple[Any, Any]:
    rewritten = run(graph, query)
    with monkeypatch.context() as patch:
        patch.setattr(cypher_translate, "fixed_lengths", lambda query: query)
        patch.setattr(embedded_cypher, "one_query_per_length", lambda query: None)
        engine = run(graph, query)
    return rewritten, engine


def _multiset(frame: Any) -> list[str]:
    return sorted(map(repr, frame.values.tolist()))


@pytest.mark.parametrize("query", REWRITTEN + SPLIT)
def test_same_answers_as_the_variable_length_join(
    seed_graph: ClaimGraph, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    rewritten, engine = _both(seed_graph, query, monkeypatch)
    assert rewritten.columns.tolist() == engine.columns.tolist()
    assert len(rewritten) > 0
    if "ORDER BY" in query:
        assert repr(rewritten.values.tolist()) == repr(engine.values.tolist())
    assert _multiset(rewritten) == _multiset(engine)


def _trails(graph: ClaimGraph, low: int, high: int, directed: bool) -> Counter[tuple[str, ...]]:
    """The claim ids of every trail of low…high claims, by a walk in Python."""
    claims = graph.claims
    ends: dict[str, list[tuple[str, str]]] = {}
    assert (claims["source"] != "").all() and (claims["target"] != "").all()  # no unnamed ends
    for cid, source, target in zip(claims["id"], claims["source"], claims["target"], strict=True):
        ends.setdefault(source, []).append((cid, target))
        if not directed:
            ends.setdefault(target, []).append((cid, source))
    found: Counter[tuple[str, ...]] = Counter()

    def walk(node: str, used: tuple[str, ...]) -> None:
        if low <= len(used):
            found[used] += 1
        if len(used) < high:
            for cid, other in ends.get(node, []):
                if cid not in used:
                    walk(other, (*used, cid))

    for actor in graph.actors["id"]:
        walk(actor, ())
    return found


@pytest.mark.parametrize(("arrow", "directed"), [("->", True), ("-", False)])
def test_relationship_lists_are_the_trails(arrow: str, directed: bool) -> None:
    graph = synthetic_claim_graph(300, seed=5)
    query = f"MATCH (a:Actor)-[rs*1..3]{arrow}(b) RETURN [x IN rs | x.id] AS ids, rs[-1].id AS l"
    answer = run(graph, query)
    assert Counter(map(tuple, answer["ids"])) == _trails(graph, 1, 3, directed)
    assert answer["l"].tolist() == [ids[-1] for ids in answer["ids"]]


def test_relationships_returned_whole_are_the_claims(seed_graph: ClaimGraph) -> None:
    answer = run(seed_graph, "MATCH (a:Bank)-[rs*1..2]->(b) RETURN rs")
    claims = seed_graph.claims.set_index("id")
    assert len(answer) > 0
    for rels in answer["rs"]:
        assert 1 <= len(rels) <= 2
        for rel in rels:
            assert rel.pop("ecox_graph") == "default"
            stored = {"id": rel["id"], **claims.loc[rel["id"]].dropna().to_dict()}
            assert rel == {k: v for k, v in stored.items() if k not in ("source", "target", "type")}
