"""Queries whose required MATCH names a label or type nothing has, answered on an empty store
of the same schema (queries/cypher_absent.py): which queries qualify, and that their answers
are the engine's own on the real store."""

from __future__ import annotations

__all__: list[str] = []

import pytest

from ecox.graph.claims import ClaimGraph
from ecox.queries.cypher_absent import empty_twin, matches_nothing
from ecox.queries.cypher_parse import parse
from ecox.queries.embedded_cypher import answer, plain_result, prepare
from ecox.store.embedded import EmbeddedStore, open_store


@pytest.fixture(scope="module")
def store() -> EmbeddedStore:
    """A fund, a bank, two enterprises, an unnamed counterpart; no claim of ACQUIRED."""
    actors = [
        ("甲基金", ["Fund", "Investor"], []),
        ("戊银行", ["Bank"], []),
        ("乙公司", ["Enterprise"], []),
        ("丙公司", ["Enterprise"], []),
    ]
    claims = [
        {"source": "甲基金", "target": "乙公司", "type": "INVESTED_IN", "amount": 5e6},
        {"source": "甲基金", "target": "丙公司", "type": "INVESTED_IN"},
        {"source": "戊银行", "target": "丙公司", "type": "LENT_TO", "date": "2024-01-02"},
        {"source": "乙公司", "target": "丙公司", "type": "COOPERATES_WITH"},
        {"source": "", "target": "乙公司", "type": "INVESTED_IN", "counterpart_type": "Fund"},
    ]
    return open_store(ClaimGraph.build(actors, claims))


EMPTY = [
    "MATCH (a:Nonexistent) RETURN count(*) AS n",
    "MATCH (a:Nonexistent)-[rs*1..3]-(b) RETURN count(*) AS n, min(b.name) AS lo, "
    "sum(size(rs)) AS s",
    "MATCH (a:Nonexistent|Missing)-[r]->(b) RETURN a.name, count(*) AS n",
    "MATCH (a:Fund:Nonexistent) RETURN collect(a.name) AS xs, max(a.name) AS top",
    "MATCH (a)-[r:NOT_A_TYPE*1..3]-(b) RETURN count(*) AS n, avg(size(r)) AS mean",
    "MATCH (a)-[r:ACQUIRED]->(b) RETURN count(*) AS n, sum(r.amount) AS total",
    "MATCH (a)-[rs:ACQUIRED|NOT_A_TYPE*..2]->(b) RETURN a.name AS a, size(rs) AS k",
    "MATCH (a:Bank) WITH a MATCH (a)-[:ACQUIRED]->(b) RETURN a.name, b.name",
    "MATCH (a)-[r]->(b) WHERE a:Nonexistent AND r.amount > 0 RETURN count(*) AS n",
    "MATCH (a:Fund)-[r]->(b) MATCH (b:Nonexistent) RETURN count(*) AS n, collect(r) AS rs",
    "MATCH (a:Nonexistent) WITH count(*) AS n RETURN n, [x IN range(1, 3) | x * n] AS xs",
    "MATCH (a:Nonexistent) RETURN a.name AS x "
    "UNION ALL MATCH (b)-[:NOT_A_TYPE]->() RETURN b.name AS x",
]
NOT_EMPTY = [
    "MATCH (a:Bank) RETURN count(*) AS n",
    "MATCH (a:Nonexistent|Bank)-[r]->(b) RETURN count(*) AS n",
    "MATCH (u:EcoxUnnamed) RETURN count(*) AS n",
    "OPTIONAL MATCH (a:Nonexistent)-[r]-(b) RETURN count(*) AS n, count(b) AS m",
    "MATCH (a:Bank) OPTIONAL MATCH (a)-[r:ACQUIRED]->(b) RETURN a.name, b.name",
    "MATCH (a) WHERE a:Nonexistent OR a:Bank RETURN count(*) AS n",
    "MATCH (a) WHERE NOT a:Nonexistent RETURN count(*) AS n",
    "MATCH (a) WHERE NOT (a)-[:ACQUIRED]->() RETURN count(*) AS n",
    "MATCH (a)-[r]->(b) WHERE r:Nonexistent RETURN count(*) AS n",
    "MATCH (a)-[rs:NOT_A_TYPE*0..2]-(b) RETURN count(*) AS n",
    "MATCH (a:Nonexistent) WITH count(*) AS n MATCH (b:Bank) RETURN n, b.name",
    "MATCH (a:Nonexistent) WITH count(*) AS n RETURN n, COUNT { MATCH (b:Bank) } AS banks",
    "MATCH (a:Nonexistent) RETURN a.name AS x UNION MATCH (b:Bank) RETURN b.name AS x",
]


@pytest.mark.parametrize("query", EMPTY)
def test_a_required_match_of_an_absent_label_or_type_matches_nothing(
    store: EmbeddedStore, query: str
) -> None:
    assert matches_nothing(parse(query), store)


@pytest.mark.parametrize("query", NOT_EMPTY)
def test_optional_or_negated_or_followed_by_a_read_is_not_empty(
    store: EmbeddedStore, query: str
) -> None:
    assert not matches_nothing(parse(query), store)


@pytest.mark.parametrize("query", EMPTY)
def test_the_empty_answer_is_the_engines_own(store: EmbeddedStore, query: str) -> None:
    """On the twin as on the real store: the same columns and rows (aggregates over no rows
    included)."""
    text, columns = prepare(query, store.claim_properties, store.claim_constants)
    _, rows = store.execute(text)
    found = answer(store, query)
    assert found.columns == columns
    assert found.frame().values.tolist() == [plain_result(row) for row in rows]


def test_the_twin_has_the_schema_and_no_rows(store: EmbeddedStore) -> None:
    twin = empty_twin(store)
    assert twin.claim_properties == store.claim_properties
    assert twin.claim_constants == store.claim_constants
    assert twin.rows("MATCH (a) RETURN count(*)") == [[0]]
    assert twin.rows("MATCH ()-[r]->() RETURN count(*)") == [[0]]
    kept = "CALL table_info('LENT_TO') RETURN name"
    assert sorted(twin.rows(kept)) == sorted(store.rows(kept))
    assert empty_twin(store) is twin


def test_a_path_of_no_claim_of_an_unknown_type_matches_each_node(store: EmbeddedStore) -> None:
    """``*0..`` of types no claim has: the path of no relationship, as in Neo4j (not none)."""
    query = "MATCH (a:Enterprise)-[rs:NOT_A_TYPE*0..2]-(b) RETURN a.name, b.name, size(rs) AS k"
    rows = answer(store, query).frame().values.tolist()
    assert sorted(rows) == [["丙公司", "丙公司", 0], ["乙公司", "乙公司", 0]]
