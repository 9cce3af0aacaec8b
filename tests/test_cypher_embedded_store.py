"""The embedded LadybugDB store and the Cypher front end (no Neo4j needed).

Expected values are worked out by hand on the small graph below:
甲基金 (Fund, Investor) invested 5e6 in 乙公司 and an unknown amount in 丙公司;
丁银行 (Bank) lent to 乙公司 and also serves it (two relationships, one pair).
"""

from __future__ import annotations

__all__: list[str] = []

import json
import multiprocessing
import os
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from ecox.graph.claims import ClaimGraph
from ecox.graph.errors import StoreError
from ecox.queries.cypher_parse import CypherFeatureRefused, CypherSyntaxError
from ecox.queries.embedded_cypher import run
from ecox.store import embedded


def _graph(extra_amount: float | None = None) -> ClaimGraph:
    claims = [
        {"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "amount": 5e6,
         "date": "2025-03-01"},
        {"source": "甲基金", "target": "丙公司", "type": "INVESTED_IN"},
        {"source": "丁银行", "target": "乙公司", "type": "LENT_TO", "amount": 1e6},
        {"source": "丁银行", "target": "乙公司", "type": "SERVES"},
    ]  # fmt: skip
    if extra_amount is not None:
        claims.append({"source": "丁银行", "target": "丙公司", "type": "LENT_TO",
                       "amount": extra_amount})  # fmt: skip
    return ClaimGraph.build(
        [("甲基金", ["Fund", "Investor"], []), ("乙公司", ["Enterprise"], ["乙"]),
         ("丙公司", ["Enterprise"], []), ("丁银行", ["Bank"], [])],
        claims,
    )  # fmt: skip


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("ECOX_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


def test_store_is_cached_by_content_and_rebuilt_when_the_graph_changes(_cache: Path) -> None:
    first = embedded.open_store(_graph())
    assert first.path.parent == _cache / "stores"
    assert embedded.open_store(_graph()) is first  # same content: same open store
    embedded._OPEN.clear()
    stamp = first.path.stat().st_mtime_ns
    again = embedded.open_store(_graph())
    assert again.path == first.path and again.path.stat().st_mtime_ns == stamp  # not rebuilt
    changed = embedded.open_store(_graph(extra_amount=2e6))
    assert changed.path != first.path
    assert changed.rows("MATCH ()-[r:LENT_TO]->() RETURN count(*)") == [[2]]
    leftovers = [p.name for p in (_cache / "stores").iterdir() if ".building-" in p.name]
    assert leftovers == []


def test_a_damaged_cache_file_is_reported_with_its_path(_cache: Path) -> None:
    graph = _graph(extra_amount=7.0)
    path = embedded.store_path(graph)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a database")
    with pytest.raises(StoreError, match="delete it to rebuild") as caught:
        embedded.open_store(graph)
    assert str(path) in str(caught.value)


def test_store_holds_types_as_lists_and_nulls_as_nulls() -> None:
    store = embedded.open_store(_graph())
    rows = store.rows("MATCH (a:Actor) RETURN a.name, a.types, a.aliases ORDER BY a.name")
    assert ["甲基金", ["Fund", "Investor"], []] in rows
    assert ["乙公司", ["Enterprise"], ["乙"]] in rows
    amounts = store.rows("MATCH ()-[r:INVESTED_IN]->() RETURN r.amount ORDER BY r.amount")
    assert amounts == [[5e6], [None]]


def test_empty_graph_builds_and_answers() -> None:
    empty = ClaimGraph.build([], [])
    assert run(empty, "MATCH (a) RETURN count(*) AS n")["n"].tolist() == [0]
    assert run(empty, "MATCH ()-[r]->() RETURN sum(r.amount) AS s")["s"].tolist() == [0]


def test_neo4j_semantics_on_the_small_graph() -> None:
    g = _graph()
    # multi-typed actor: both labels hold, and a label alternative
    assert run(g, "MATCH (a:Fund:Investor) RETURN a.name AS n")["n"].tolist() == ["甲基金"]
    assert run(g, "MATCH (a:Bank|Fund) RETURN count(*) AS n")["n"].tolist() == [2]
    # labels(a): 'Actor' then the types
    labels = run(g, "MATCH (a) WHERE a.name = '甲基金' RETURN labels(a) AS l")["l"][0]
    assert labels == ["EcoxActor", "Actor", "Fund", "Investor"]  # as ecox pushes it to Neo4j
    # null amounts: sum skips them, count(r.amount) does not count them, avg over known ones
    row = run(g, "MATCH ()-[r:INVESTED_IN]->() RETURN sum(r.amount) AS s, "
                 "count(r.amount) AS c, avg(r.amount) AS a").iloc[0]  # fmt: skip
    assert (row["s"], row["c"], row["a"]) == (5e6, 1, 5e6)
    # NOT over a null comparison stays null, so the row is dropped (Neo4j's three-valued logic)
    assert run(g, "MATCH ()-[r:INVESTED_IN]->() WHERE NOT r.amount > 1 RETURN count(*) AS n")[
        "n"
    ].tolist() == [0]
    # two relationships between the same pair are both kept
    pairs = run(g, "MATCH (b:Bank)-[:LENT_TO]->(e)<-[:SERVES]-(b) RETURN e.name AS e")
    assert pairs["e"].tolist() == ["乙公司"]
    # one relationship is not used twice in a pattern
    assert run(g, "MATCH (a)-[r1]->(b)<-[r2]-(a) RETURN count(*) AS n")["n"].tolist() == [2]
    # OR binds looser than AND: Bank OR (Fund AND target Bank) -> the bank's two claims
    n = run(g, "MATCH (a)-[r]->(b) WHERE a:Bank OR a:Fund AND b:Bank RETURN count(*) AS n")
    assert n["n"].tolist() == [2]


def test_result_shape_columns_nodes_and_relationships() -> None:
    frame = run(_graph(), "MATCH (a:Bank)-[r:LENT_TO]->(b) RETURN b, r.amount, a.name AS bank, r")
    assert frame.columns.tolist() == ["b", "r.amount", "bank", "r"]
    node = frame["b"][0]
    assert set(node) == {"id", "name", "types", "aliases", "ecox_graph"}
    assert node["name"] == "乙公司"
    rel = frame["r"][0]
    assert rel["amount"] == 1e6 and "date" not in rel and rel["id"].startswith("c_")


@pytest.mark.parametrize(
    ("query", "feature"),
    [
        ("MATCH (a) SET a.x = 1 RETURN a", "SET"),
        ("CREATE (a:Bank)", "CREATE"),
        ("MATCH (a) DETACH DELETE a", "DELETE"),
        ("MERGE (a:Bank {name: 'x'})", "MERGE"),
        ("MATCH (a) REMOVE a.name", "REMOVE"),
        ("LOAD CSV FROM 'file:///x' AS l RETURN l", "LOAD CSV"),
        ("CALL db.labels()", "CALL"),
        ("MATCH (a)-[*]->(b) RETURN count(*)", "upper bound"),
        ("MATCH (a) RETURN id(a)", "id()"),
        ("MATCH (a) FOREACH (x IN [1] | SET a.n = x) RETURN a", "FOREACH"),
        (
            "MATCH p = shortestPath((a)-[*..3]-(b)) WHERE all(r IN relationships(p) "
            "WHERE r.amount > 0) RETURN p",
            "shortest path",
        ),
        ("MATCH p = shortestPath((a)-[*2..3]-(b)) RETURN p", "minimum length"),
        ("MATCH ()-[r]->() RETURN toString(r.amount)", "toString() of a float"),
        ("UNWIND $xs AS x RETURN toInteger(x)", "unknown type"),
        ("MATCH (a) RETURN any(t IN a.types WHERE t = 'Bank')", "any(x IN"),
    ],
)
def test_refusals_are_one_line_naming_the_feature(query: str, feature: str) -> None:
    with pytest.raises(CypherFeatureRefused) as caught:
        run(_graph(), query)
    message = str(caught.value)
    assert feature in message and "\n" not in message and "line 1, column" in message


def test_syntax_errors_show_the_analysts_text_and_column() -> None:
    query = "MATCH (a:Bank)\nWHERE a.name = 'x' AND\nRETURN a.name"
    with pytest.raises(CypherSyntaxError) as caught:
        run(_graph(), query)
    message = str(caught.value)
    assert "line 3, column 1" in message and "RETURN a.name" in message and "^" in message
    with pytest.raises(CypherSyntaxError, match=r"mixing ':A:B' and ':A\|B'"):
        run(_graph(), "MATCH (a:Fund:Investor)-->(b:Bank|Enterprise) RETURN a")
    assert run(_graph(), "MATCH (a:Fund&Investor) RETURN count(*) AS n")["n"].tolist() == [1]
    with pytest.raises(CypherSyntaxError, match="variable `b` not defined"):
        run(_graph(), "MATCH (a) RETURN b.name")


def _with_unnamed() -> ClaimGraph:
    return ClaimGraph.build(
        [("中国眼谷", ["Park", "Enterprise"], []), ("丁银行", ["Bank"], [])],
        [{"source": "中国眼谷", "target": "", "type": "COOPERATES_WITH",
          "counterpart_type": "Investor", "counterpart_count": 92},
         {"source": "", "target": "中国眼谷", "type": "INVESTED_IN", "counterpart_type": "Fund"},
         {"source": "丁银行", "target": "中国眼谷", "type": "LENT_TO"}],
    )  # fmt: skip


def test_unnamed_counterparts_are_nodes_of_their_own_as_in_neo4j() -> None:
    g = _with_unnamed()
    assert run(g, "MATCH (a) RETURN count(*) AS n")["n"].tolist() == [4]
    assert run(g, "MATCH (a:Actor) RETURN count(*) AS n")["n"].tolist() == [2]
    assert run(g, "MATCH (a) WHERE NOT a:Bank RETURN count(*) AS n")["n"].tolist() == [3]
    out = run(
        g,
        "MATCH (a)-[r]->(u:EcoxUnnamed) RETURN a.name AS a, type(r) AS rel, "
        "u.type AS kind, u.count AS k, r.counterpart_count AS rk, labels(u) AS ls",
    )
    assert out.values.tolist() == [["中国眼谷", "COOPERATES_WITH", "Investor", 92, 92,
                                    ["EcoxUnnamed"]]]  # fmt: skip
    into = run(
        g, "MATCH (u)-[r:INVESTED_IN]->(p:Enterprise) RETURN u.type AS kind, u.id = r.id AS same"
    )
    assert into.values.tolist() == [["Fund", True]]
    kinds = run(g, "MATCH (a) RETURN a:EcoxUnnamed AS u, count(*) AS n ORDER BY u")
    assert kinds.values.tolist() == [[False, 2], [True, 2]]


def test_conversions_comparisons_and_in_as_neo4j() -> None:
    row = run(_graph(), "RETURN '1' = 1 AS a, '1' <> 1 AS b, 'a' < 1 AS c, 2 IN [1, null] AS d, "
                        "1 IN [1, null] AS e, null IN [] AS f, toInteger('12.7') AS g, "
                        "toInteger(-2.7) AS h, toInteger('x') AS i, toFloat('1e3') AS j, "
                        "toString(42) AS k, toString(true) AS l").iloc[0]  # fmt: skip
    assert row.tolist() == [False, True, None, None, True, False, 12, -2, None, 1000.0, "42",
                            "true"]  # fmt: skip
    # NOT over a null IN drops the row, as in Neo4j
    n = run(_graph(), "MATCH (a) WHERE NOT a.name IN ['x', null] RETURN count(*) AS n")
    assert n["n"].tolist() == [0]
    props = run(_graph(), "MATCH (a:Bank) RETURN properties(a) AS p, properties(a).name AS n")
    assert props["p"][0]["name"] == "丁银行" and props["n"][0] == "丁银行"


def test_shortest_paths_follow_types_and_direction() -> None:
    g = _graph()
    hops = run(g, "MATCH p = shortestPath((a:Fund)-[*]-(b:Bank)) RETURN length(p) AS n")
    assert hops["n"].tolist() == [2]  # Fund -> 乙公司 <- Bank
    directed = run(g, "MATCH p = shortestPath((a:Fund)-[*..4]->(b:Bank)) RETURN count(*) AS n")
    assert directed["n"].tolist() == [0]
    typed = run(g, "MATCH p = allShortestPaths((a:Fund)-[:INVESTED_IN|SERVES*..3]-(b:Bank)) "
                   "RETURN length(p) AS n")  # fmt: skip
    assert typed["n"].tolist() == [2]
    every = run(g, "MATCH p = allShortestPaths((a:Fund)-[*..3]-(b:Bank)) RETURN count(p) AS n")
    assert every["n"].tolist() == [2]  # over LENT_TO and over SERVES


def _query_in_child(graph: ClaimGraph, out: Any) -> None:
    out.put(run(graph, "MATCH (a)-[r]->(b) RETURN count(*) AS n")["n"].tolist())


def test_a_forked_child_reopens_the_store() -> None:
    graph = _graph()
    parent = embedded.open_store(graph)
    assert run(graph, "MATCH (a)-[r]->(b) RETURN count(*) AS n")["n"].tolist() == [4]
    context = multiprocessing.get_context("fork")
    out = context.Queue()
    child = context.Process(target=_query_in_child, args=(graph, out))
    child.start()
    child.join(60)
    assert child.exitcode == 0
    assert out.get(timeout=5) == [4]
    assert embedded.open_store(graph) is parent  # the parent's store is still the one in use


def test_claim_properties_no_claim_has_are_not_stored_and_read_as_null() -> None:
    graph = ClaimGraph.build(
        [("甲基金", ["Fund"], []), ("乙公司", ["Enterprise"], []), ("丙公司", ["Enterprise"], [])],
        [{"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "date": "2025-01"},
         {"source": "甲基金", "target": "丙公司", "type": "INVESTED_IN", "date": "2025-02"}],
    )  # fmt: skip
    store = embedded.open_store(graph)
    assert "amount" not in store.claim_properties and "date" in store.claim_properties
    assert "ecox_graph" not in store.claim_properties  # the same on every claim: not stored
    answer = run(
        graph,
        "MATCH ()-[r]->(b {name: '乙公司'}) RETURN r.amount AS a, sum(r.amount) AS s, "
        "count(r.amount) AS c, r.date AS d, r.ecox_graph AS g",
    )
    assert answer.iloc[0].tolist() == [None, 0, 0, "2025-01", "default"]
    assert run(graph, "MATCH ()-[r {amount: 5}]->() RETURN count(*) AS n")["n"][0] == 0
    anywhere = "MATCH (a {ecox_graph: 'default'})-[r {ecox_graph: 'default'}]->() RETURN count(*)"
    assert run(graph, anywhere).iloc[0, 0] == 2
    claim = run(graph, "MATCH ()-[r]->() RETURN r ORDER BY r.date")["r"][0]
    assert claim["ecox_graph"] == "default" and "amount" not in claim and claim["date"] == "2025-01"
    gone = run(graph, "MATCH (a:Enterprise) OPTIONAL MATCH (a)-[r:LENT_TO]->() "
                      "RETURN r.ecox_graph AS g, r.amount AS x")  # fmt: skip
    assert gone.iloc[0].tolist() == [None, None]


def test_a_text_property_the_same_on_every_claim_is_read_as_stored() -> None:
    """``outlet`` is 甲报 on every claim: not a column of the store, read as that value in
    every place a stored property is read."""
    graph = ClaimGraph.build(
        [("甲基金", ["Fund"], []), ("乙公司", ["Enterprise"], []), ("丙基金", ["Fund"], [])],
        [{"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "outlet": "甲报",
          "source_doc": "r1"},
         {"source": "甲基金", "target": "丙基金", "type": "COMMITTED_TO", "outlet": "甲报",
          "source_doc": "r2"}],
    )  # fmt: skip
    store = embedded.open_store(graph)
    assert store.claim_constants["outlet"] == "甲报"
    assert "outlet" not in store.claim_properties and "source_doc" in store.claim_properties
    read = run(graph, "MATCH ()-[r]->() RETURN r.outlet AS o, r.source_doc AS d ORDER BY d")
    assert read.values.tolist() == [["甲报", "r1"], ["甲报", "r2"]]
    assert run(graph, "MATCH ()-[r {outlet: '甲报'}]->() RETURN count(*)").iloc[0, 0] == 2
    assert run(graph, "MATCH ()-[r {outlet: '乙报'}]->() RETURN count(*)").iloc[0, 0] == 0
    assert run(graph, "MATCH ()-[r]->() WHERE r.outlet <> '甲报' RETURN count(*)").iloc[0, 0] == 0
    claim = run(graph, "MATCH ()-[r:COMMITTED_TO]->() RETURN r")["r"][0]
    assert claim["outlet"] == "甲报" and claim["source_doc"] == "r2"
    path = "MATCH p = ()-[:COMMITTED_TO]->() RETURN [x IN relationships(p) | x.outlet] AS o"
    assert run(graph, path)["o"][0] == ["甲报"]
    gone = run(graph, "MATCH (a:Enterprise) OPTIONAL MATCH (a)-[r:LENT_TO]->() "
                      "RETURN r.outlet AS o")  # fmt: skip
    assert gone["o"].tolist() == [None]


def test_a_cached_store_opens_without_reading_the_claims(tmp_path: Path) -> None:
    """The constant claim properties are written beside the store when it is built, so
    re-opening it from a graph file reads no claim column; a store without that file (built
    by an older ecox) gets it from the claims, and writes it."""
    from ecox.graph.deferred import stored_table
    from ecox.store.files import read_graph
    from ecox.store.parquet import to_parquet

    file = tmp_path / "g.parquet"
    file.write_bytes(to_parquet(_graph()))
    built = embedded.open_store(read_graph(file))
    sidecar = built.path.with_name(built.path.name + ".constants.json")
    assert json.loads(sidecar.read_text(encoding="utf-8")) == built.claim_constants
    embedded._OPEN.clear()
    graph = read_graph(file)
    again = embedded.open_store(graph)
    claims = stored_table(graph, "claims")
    assert not isinstance(claims, pd.DataFrame) and claims.read_names == []
    assert again.claim_constants == built.claim_constants
    sidecar.unlink()
    embedded._OPEN.clear()
    assert embedded.open_store(read_graph(file)).claim_constants == built.claim_constants
    assert sidecar.is_file()


def test_a_query_larger_than_half_the_memory_stops_with_the_engines_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The buffer pool is half the usable memory (here 64 MB → 32 MB): listing every 1–3-hop
    path of a 400-actor ecosystem (minutes and gigabytes with LadybugDB's default pool) stops
    at once with the engine's error instead of growing until the kernel kills the process."""
    from ecox.graph.synthetic import synthetic_claim_graph

    monkeypatch.setattr(embedded, "usable_memory", lambda: 64 << 20)
    store = embedded.open_store(synthetic_claim_graph(400, seed=3))
    with pytest.raises(RuntimeError, match="buffer pool is full"):
        store.connection.execute(
            "MATCH (a)-[r*1..3]-(b) RETURN a.name, b.name, r ORDER BY a.name"
        ).get_all()


def test_a_process_keeps_at_most_max_open_stores_open() -> None:
    """Each open store reserves 1 TB of address space (a process has about 128 TB): past
    MAX_OPEN_STORES the least recently used is let go (closed once nothing holds it), so a
    process may query any number of graphs one after the other (the test suite opened more
    than 125 and failed with "Mmap failed" before)."""
    first = embedded.open_store(_graph(1.0))
    for k in range(embedded.MAX_OPEN_STORES + 5):
        embedded.open_store(_graph(float(k + 2)))
        assert embedded.open_store(_graph(1.0)) is first  # used again: kept open
    assert len([key for key in embedded._OPEN if key[0] == os.getpid()]) <= embedded.MAX_OPEN_STORES
    assert first.rows("MATCH (a:Actor) RETURN count(*)") == [[4]]
