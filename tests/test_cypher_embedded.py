"""The default Cypher engine (LadybugDB with Neo4j's semantics) through ``run_cypher``,
the backend and ``ecox cypher``: answers, refusals, errors.

No server here: every expected table below is worked out by hand on ``small`` (see its comment).
"""

from __future__ import annotations

__all__: list[str] = []

import json
from pathlib import Path

import pandas as pd
import pytest

from ecox.cli import main
from ecox.graph.claims import ClaimGraph
from ecox.queries.backend import InMemoryBackend, named_queries, named_query
from ecox.queries.cypher import run_cypher
from ecox.queries.cypher_parse import CypherFeatureRefused
from ecox.store.files import to_json


@pytest.fixture(scope="module")
def small() -> ClaimGraph:
    """Two funds, one bank, two enterprises, one scientist, one entrepreneur.

    甲基金 → 乙公司 (INVESTED_IN, twice: two reports), 甲基金 → 丙公司, 丁基金 → 乙公司,
    戊银行 → 丙公司 (LENT_TO), 王教授 FOUNDED 乙公司, 李总 LEADS 乙公司,
    王教授 COOPERATES_WITH 丙公司 (stored 丙公司 → 王教授 to test undirected matching).
    """
    actors = [
        ("甲基金", ["Fund"], []),
        ("丁基金", ["Fund", "Investor"], []),
        ("戊银行", ["Bank"], []),
        ("乙公司", ["Enterprise"], ["乙"]),
        ("丙公司", ["Enterprise"], []),
        ("王教授", ["Scientist"], []),
        ("李总", ["Entrepreneur"], []),
    ]
    claims: list[dict[str, object]] = [
        {"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "amount": 5.0,
         "source_doc": "r1"},
        {"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "amount": 7.0,
         "source_doc": "r2"},
        {"source": "甲基金", "target": "丙公司", "type": "INVESTED_IN", "source_doc": "r1"},
        {"source": "丁基金", "target": "乙公司", "type": "INVESTED_IN", "source_doc": "r3"},
        {"source": "戊银行", "target": "丙公司", "type": "LENT_TO", "amount": 1.0,
         "source_doc": "r4"},
        {"source": "王教授", "target": "乙公司", "type": "FOUNDED", "source_doc": "r5"},
        {"source": "李总", "target": "乙公司", "type": "LEADS", "source_doc": "r5"},
        {"source": "丙公司", "target": "王教授", "type": "COOPERATES_WITH", "source_doc": "r6"},
    ]  # fmt: skip
    return ClaimGraph.build(actors, claims)


def _ids(graph: ClaimGraph) -> dict[str, str]:
    return dict(zip(graph.actors["name"], graph.actors["id"], strict=True))


def test_columns_follow_return_order_and_aliases(small: ClaimGraph) -> None:
    frame = run_cypher(
        small,
        "MATCH (f:Fund)-[r:INVESTED_IN]->(e:Enterprise) "
        "RETURN type(r) AS rel, f.name, e.name AS firm ORDER BY f.name, firm",
    )
    assert frame.columns.tolist() == ["rel", "f.name", "firm"]
    # 丁基金→乙公司, 甲基金→丙公司, 甲基金→乙公司 twice (one row per claim, as in Neo4j)
    assert frame.values.tolist() == [
        ["INVESTED_IN", "丁基金", "乙公司"],
        ["INVESTED_IN", "甲基金", "丙公司"],
        ["INVESTED_IN", "甲基金", "乙公司"],
        ["INVESTED_IN", "甲基金", "乙公司"],
    ]


def test_undirected_pattern_matches_both_directions(small: ClaimGraph) -> None:
    frame = run_cypher(
        small,
        "MATCH (s:Scientist)-[r]-(x) RETURN x.name AS other, type(r) AS rel ORDER BY other",
    )
    assert frame.values.tolist() == [["丙公司", "COOPERATES_WITH"], ["乙公司", "FOUNDED"]]
    bare = run_cypher(small, "MATCH (s:Scientist)--(x:Enterprise) RETURN COUNT(x) AS n")
    assert bare["n"].tolist() == [2]


def test_directed_untyped_pattern_follows_the_direction(small: ClaimGraph) -> None:
    out = run_cypher(small, "MATCH (s:Scientist)-[r]->(x) RETURN x.name AS x, type(r) AS t")
    assert out.values.tolist() == [["乙公司", "FOUNDED"]]
    into = run_cypher(small, "MATCH (x)-->(s:Scientist) RETURN x.name AS x")
    assert into["x"].tolist() == ["丙公司"]


def test_limit_is_applied_after_distinct_and_aggregation(small: ClaimGraph) -> None:
    distinct = run_cypher(
        small, "MATCH (f:Fund)-[:INVESTED_IN]->(e) RETURN DISTINCT e.name AS e LIMIT 2"
    )
    assert sorted(distinct["e"]) == ["丙公司", "乙公司"]
    counted = run_cypher(
        small,
        "MATCH (f:Fund)-[:INVESTED_IN]->(e) RETURN e.name AS e, count(*) AS n "
        "ORDER BY n DESC SKIP 1 LIMIT 5",
    )
    assert counted.values.tolist() == [["丙公司", 1]]


def test_two_equalities_on_connected_nodes_find_the_row(small: ClaimGraph) -> None:
    ids = _ids(small)
    frame = run_cypher(
        small,
        "MATCH (x:Actor)-[r]->(y:Actor) WHERE x.id = $a AND y.id = $b RETURN r.amount AS amount "
        "ORDER BY amount",
        {"a": ids["甲基金"], "b": ids["乙公司"]},
    )
    assert frame["amount"].tolist() == [5.0, 7.0]


def test_nulls_sort_last_ascending_and_first_descending(small: ClaimGraph) -> None:
    asc = run_cypher(small, "MATCH (f:Fund)-[r:INVESTED_IN]->(e) RETURN r.amount AS a ORDER BY a")[
        "a"
    ].tolist()
    assert asc[:2] == [5.0, 7.0] and all(pd.isna(v) for v in asc[2:])
    desc = run_cypher(
        small, "MATCH (f:Fund)-[r:INVESTED_IN]->(e) RETURN r.amount AS a ORDER BY a DESC"
    )["a"].tolist()
    assert all(pd.isna(v) for v in desc[:2]) and desc[2:] == [7.0, 5.0]


def test_an_alias_that_shadows_a_pattern_variable_is_what_order_by_sorts(
    small: ClaimGraph,
) -> None:
    names = run_cypher(small, "MATCH (a:Fund) RETURN a.name AS a ORDER BY a DESC")
    assert names.columns.tolist() == ["a"] and names["a"].tolist() == ["甲基金", "丁基金"]
    swapped = run_cypher(
        small,
        "MATCH (a:Fund)-[r]->(b) RETURN b.name AS a, a.name AS b ORDER BY a, b DESC LIMIT 2",
    )
    assert swapped.values.tolist() == [["丙公司", "甲基金"], ["乙公司", "甲基金"]]
    kept = run_cypher(
        small,
        "MATCH (a:Fund)-[r]->(b) WITH b.name AS a, a AS b ORDER BY a DESC, b.name LIMIT 1 "
        "WHERE b.name <> 'x' RETURN a, b.name AS fund",
    )
    assert kept.values.tolist() == [["乙公司", "丁基金"]]


def test_lower_case_keywords_star_counts_and_sum_over_nulls(small: ClaimGraph) -> None:
    frame = run_cypher(
        small,
        "match (f:Fund)-[r:INVESTED_IN]->(e) return f.name as f, count(*) as n, "
        "sum(r.amount) as total order by f",
    )
    assert frame.values.tolist() == [["丁基金", 1, 0], ["甲基金", 3, 12.0]]


def test_string_parameters_are_literals_not_syntax(small: ClaimGraph) -> None:
    for hostile in ['"}) DETACH DELETE n //', "x\\", 'a"b', "乙公司' OR 1=1 //"]:
        frame = run_cypher(
            small, "MATCH (a:Actor) WHERE a.name = $n RETURN a.id AS id", {"n": hostile}
        )
        assert frame.empty
    found = run_cypher(
        small, "MATCH (a:Actor) WHERE a.name = $n RETURN a.id AS id", {"n": "乙公司"}
    )
    assert found["id"].tolist() == [_ids(small)["乙公司"]]


def test_single_quoted_literals_work(small: ClaimGraph) -> None:
    frame = run_cypher(small, "MATCH (a:Bank) WHERE a.name = '戊银行' RETURN a.name AS n")
    assert frame["n"].tolist() == ["戊银行"]


@pytest.mark.parametrize(
    ("query", "feature"),
    [
        ("CREATE (a:Bank {name: 'x'}) RETURN a", "CREATE"),
        ("MATCH (a) SET a.name = 'x' RETURN a", "SET"),
        ("MERGE (a:Bank {id: 'x'}) RETURN a", "MERGE"),
        ("MATCH (a) DETACH DELETE a", "DELETE"),
        ("MATCH (a) REMOVE a.name RETURN a", "REMOVE"),
        ("LOAD CSV FROM 'file:///x.csv' AS row RETURN row", "LOAD CSV"),
        ("CALL db.labels()", "CALL"),
        ("MATCH (a)-[*]->(b) RETURN b.id", "variable-length"),
        ("MATCH (a) WITH a.name AS n ORDER BY n RETURN collect(n)", "ORDER BY in WITH"),
        (
            "MATCH (a)-[r]-(b) WITH b, count(r) AS k ORDER BY k DESC LIMIT 3 "
            "MATCH (b)-[s]-(c) WHERE s.amount > 1 RETURN count(DISTINCT c) AS n",
            "MATCH after a WITH with SKIP or LIMIT",
        ),
        ("MATCH (a) WITH a SKIP 1 OPTIONAL MATCH (a)--(b) RETURN count(b)", "MATCH after a WITH"),
        ("MATCH (a)-[rs*1..4]->(b) RETURN rs[0] AS r", "a whole node or relationship"),
        ("MATCH p = (a)-->(b) RETURN head(nodes(p)) AS n", "a whole node or relationship"),
        ("MATCH (a)-[rs*1..4]->(b) RETURN [x IN rs WHERE x.amount > 0] AS r", "variable-length"),
        (
            "MATCH p = (a)-[*1..4]->(b) RETURN [x IN nodes(p) | x.name + '!'] AS r",
            "variable-length",
        ),
    ],
)
def test_refusals_are_one_line_naming_the_feature(
    small: ClaimGraph, query: str, feature: str
) -> None:
    with pytest.raises(CypherFeatureRefused) as error:
        run_cypher(small, query)
    assert feature in str(error.value)
    assert "\n" not in str(error.value)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # 甲基金 invested in 乙公司 and 丙公司, 丁基金 in 乙公司; 戊银行 lent to none of them
        ("MATCH (f) WHERE f:Fund OR f:Bank OPTIONAL MATCH (f)-[:INVESTED_IN]->(e) "
         "RETURN f.name AS fund, count(e) AS n",
         [["丁基金", 1], ["戊银行", 0], ["甲基金", 3]]),
        ("MATCH (f:Fund)-[:INVESTED_IN]->(e) WITH f, count(DISTINCT e) AS n WHERE n > 1 "
         "RETURN f.name AS f, n", [["甲基金", 2]]),
        ("UNWIND ['乙公司', '无'] AS x OPTIONAL MATCH (e:Enterprise {name: x}) "
         "RETURN x, e.name AS e ORDER BY x", [["乙公司", "乙公司"], ["无", None]]),
        ("MATCH (e:Enterprise) RETURN e.name AS firm, CASE WHEN (e)<-[:LENT_TO]-() "
         "THEN 'loan' ELSE 'none' END AS credit", [["丙公司", "loan"], ["乙公司", "none"]]),
        ("MATCH (b:Bank) RETURN b.name AS n UNION MATCH (s:Scientist) RETURN s.name AS n",
         [["戊银行"], ["王教授"]]),
        ("MATCH (e:Enterprise) WHERE NOT (e)<-[:LEADS]-() RETURN e.name AS e", [["丙公司"]]),
        ("MATCH (f:Fund)-[r:INVESTED_IN]->() RETURN sum(r.amount) / 2 AS half", [[6.0]]),
        ("MATCH (a) WHERE a.name =~ '.*基金' RETURN count(*) AS n", [[2]]),
        ("MATCH (a:Fund:Investor) RETURN a.name AS a, 'Investor' IN labels(a) AS l, "
         "size(labels(a)) AS n", [["丁基金", True, 4]]),  # Actor, EcoxActor, Fund, Investor
    ],
)  # fmt: skip
def test_what_the_old_engine_refused_now_answers(
    small: ClaimGraph, query: str, expected: list[list[object]]
) -> None:
    frame = run_cypher(small, query)
    got = [[None if v is None or v != v else v for v in row] for row in frame.values.tolist()]
    assert sorted(got, key=repr) == sorted(expected, key=repr)


def test_a_string_that_looks_like_a_keyword_is_not_a_feature(small: ClaimGraph) -> None:
    frame = run_cypher(small, "MATCH (a:Actor) WHERE a.name = 'WITH x DELETE y' RETURN a.id AS id")
    assert frame.empty


def test_starts_with_is_not_with_and_commas_become_matches(small: ClaimGraph) -> None:
    starts = run_cypher(
        small,
        "MATCH (a:Actor) WHERE a.name STARTS WITH '甲' OR a.name ENDS WITH '银行' "
        "RETURN a.name AS n ORDER BY n",
    )
    assert starts["n"].tolist() == ["戊银行", "甲基金"]
    pairs = run_cypher(small, "MATCH (b:Bank), (f:Fund) RETURN count(*) AS n")
    assert pairs["n"].tolist() == [2]  # 1 bank x 2 funds
    nulls = run_cypher(
        small,
        "MATCH (f:Fund)-[r:INVESTED_IN]->(e) WHERE r.amount IS NOT NULL RETURN count(*) AS n",
    )
    assert nulls["n"].tolist() == [2]


def test_type_filter_on_an_undirected_pattern(small: ClaimGraph) -> None:
    frame = run_cypher(
        small, "MATCH (a)-[r]-(b) WHERE type(r) = 'LEADS' RETURN a.name AS name ORDER BY name"
    )
    assert frame["name"].tolist() == ["乙公司", "李总"]


def test_unknown_relationship_type_matches_nothing(small: ClaimGraph) -> None:
    assert run_cypher(small, "MATCH (a)-[:INVESTS]->(b) RETURN a.id").empty


def test_properties_not_stored_read_on_list_elements(small: ClaimGraph) -> None:
    """The graph name and a claim property no claim has (neither is stored) read on an
    element of nodes(p) / relationships(p) as on a pattern variable: Neo4j's answer."""
    frame = run_cypher(
        small,
        "MATCH p = (a)-[:LENT_TO]->(b) RETURN [x IN nodes(p) | x.ecox_graph] AS g, "
        "[r IN relationships(p) | r.span_start] AS s",
    )
    assert frame.values.tolist() == [[["default", "default"], [None]]]
    unwound = run_cypher(
        small, "MATCH p = (a)-[:LEADS]->(b) UNWIND relationships(p) AS r RETURN r.ecox_graph"
    )
    assert unwound.iloc[:, 0].tolist() == ["default"]


def test_a_variable_length_relationship_is_a_list_of_claims(small: ClaimGraph) -> None:
    """``rs`` of ``-[rs*1..2]->`` read as Neo4j's list: comprehension, size, index from 0
    (negative from the end, null out of range), UNWIND, and carried by a WITH."""
    frame = run_cypher(
        small,
        "MATCH (f:Fund)-[rs*1..2]->(e) WITH f, rs RETURN f.name AS f, "
        "[x IN rs | x.source_doc] AS docs, size(rs) AS n, rs[-1].amount AS last, "
        "head(rs).source_doc AS g, rs[2].id AS none",
    )
    got = sorted(
        ((f, list(docs), n, None if last != last else last, g, none)
         for f, docs, n, last, g, none in frame.itertuples(index=False)),
        key=repr,
    )  # fmt: skip
    # 甲基金 → 乙公司 twice (r1 5.0, r2 7.0), → 丙公司 (r1) → 王教授 (r6); 丁基金 → 乙公司 (r3)
    assert got == sorted(
        [
            ("丁基金", ["r3"], 1, None, "r3", None),
            ("甲基金", ["r1"], 1, 5.0, "r1", None),
            ("甲基金", ["r1"], 1, None, "r1", None),
            ("甲基金", ["r1", "r6"], 2, None, "r1", None),
            ("甲基金", ["r2"], 1, 7.0, "r2", None),
        ],
        key=repr,
    )
    unwound = run_cypher(
        small, "MATCH (f:Fund)-[rs*2]->(e) UNWIND rs AS r RETURN type(r) AS t, r.source_doc AS d"
    )
    assert sorted(unwound.values.tolist()) == [["COOPERATES_WITH", "r6"], ["INVESTED_IN", "r1"]]


def test_missing_parameter_is_named(small: ClaimGraph) -> None:
    with pytest.raises(ValueError, match=r"\$who"):
        run_cypher(small, "MATCH (a) WHERE a.name = $who RETURN a.id")


def test_input_graph_is_unchanged(small: ClaimGraph) -> None:
    before = (small.actors.copy(), small.claims.copy())
    for name, query in named_queries().items():
        params: dict[str, object] = dict.fromkeys(query.params, "x")
        if "top" in params:
            params["top"] = 3
        InMemoryBackend(small).named(name, **params)
    assert small.actors.equals(before[0]) and small.claims.equals(before[1])


def test_named_queries_on_small_graph(small: ClaimGraph) -> None:
    mem = InMemoryBackend(small)
    # 乙公司: scientist 王教授 (FOUNDED), entrepreneur 李总 (LEADS), capital 甲基金 and 丁基金.
    triads = mem.named("complete_triads")
    assert triads["enterprise_name"].tolist() == ["乙公司", "乙公司"]
    assert sorted(triads["investor_name"]) == ["丁基金", "甲基金"]
    # 丙公司: scientist 王教授 (cooperation, stored the other way) and capital, no entrepreneur.
    short = mem.named("triads_missing_entrepreneur")
    assert sorted(short["investor_name"]) == ["戊银行", "甲基金"]
    assert set(short["scientist_name"]) == {"王教授"}
    assert mem.named("triads_missing_capital").empty
    # 甲基金 and 丁基金 both invested in 乙公司 (甲 twice: still one row).
    syndicates = mem.named("investor_syndicates")
    assert len(syndicates) == 1 and syndicates["venture_name"].tolist() == ["乙公司"]
    brokers = mem.named("cross_type_brokers", top=2)
    # 乙公司: 2+1 investments, founded, led = 5 claims; 甲基金: 3; 丙公司: 甲, 戊, 王 = 3.
    assert brokers.values.tolist()[0][1:] == ["乙公司", 5]
    ids = _ids(small)
    path = mem.named("path_between", a=ids["李总"], b=ids["甲基金"])
    assert path[["via_name", "first_relation", "second_relation"]].values.tolist() == [
        ["乙公司", "LEADS", "INVESTED_IN"],
        ["乙公司", "LEADS", "INVESTED_IN"],
    ]


def test_a_label_holds_in_every_later_mention() -> None:
    graph = ClaimGraph.build(
        [("研究院", ["Institute"], []), ("公司", ["Enterprise"], []), ("张", ["Scientist"], []),
         ("李", ["Entrepreneur"], [])],
        [{"source": "张", "target": "研究院", "type": "AFFILIATED_WITH"},
         {"source": "李", "target": "研究院", "type": "LEADS"},
         {"source": "张", "target": "公司", "type": "AFFILIATED_WITH"},
         {"source": "李", "target": "公司", "type": "LEADS"}],
    )  # fmt: skip
    frame = run_cypher(
        graph,
        "MATCH (s:Scientist)-[:AFFILIATED_WITH]->(e:Enterprise) MATCH (f)-[:LEADS]->(e) "
        "RETURN e.name AS e",
    )
    assert frame["e"].tolist() == ["公司"]
    both = "MATCH (a:Scientist)-->(b) MATCH (a:Entrepreneur)-->(b) RETURN a.id"
    assert run_cypher(graph, both).empty  # a must carry both labels, as in Neo4j


def test_named_query_headers_are_complete() -> None:
    queries = named_queries()
    assert {
        "complete_triads",
        "triads_missing_capital",
        "triads_missing_entrepreneur",
        "triads_missing_scientist",
        "unfunded_enterprises",
        "idle_research",
        "investors_without_ventures",
        "parks_without_capital",
        "cross_type_brokers",
        "path_between",
        "direct_relations",
        "investor_syndicates",
        "fund_of_funds_chains",
    } <= set(queries)
    for query in queries.values():
        assert query.description, query.name
        assert "Returns:" in query.text and "Parameters:" in query.text, query.name
        assert query.columns, query.name
    with pytest.raises(KeyError, match="known"):
        named_query("nope")


def test_named_query_parameters_are_checked(small: ClaimGraph) -> None:
    with pytest.raises(ValueError, match="--param a=VALUE"):
        InMemoryBackend(small).named("path_between", b="x")
    with pytest.raises(ValueError, match="takes no parameter"):
        InMemoryBackend(small).named("complete_triads", top=3)


def test_cli_cypher_on_a_graph_file(
    small: ClaimGraph, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "g.json"
    path.write_text(to_json(small), encoding="utf-8")
    query = "MATCH (b:Bank)-[r:LENT_TO]->(e) RETURN b.name AS bank, e.name AS firm"
    assert main(["cypher", str(path), query, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == [{"bank": "戊银行", "firm": "丙公司"}]
    out_csv = tmp_path / "t.csv"
    assert main(["cypher", str(path), "--named", "complete_triads", "--csv", str(out_csv)]) == 0
    table = pd.read_csv(out_csv)
    assert len(table) == 2 and table.columns[0] == "enterprise"
    assert main(["cypher", str(path), "MATCH (a) WITH a SET a.x = 1 RETURN a.id"]) == 1
    assert "SET is not allowed" in capsys.readouterr().err
    assert main(["cypher", str(path)]) == 2  # usage: no query
    assert "expected GRAPH.json QUERY" in capsys.readouterr().err
    assert main(["cypher", "--list"]) == 0
    assert "fund_of_funds_chains" in capsys.readouterr().out
