"""The final ORDER BY applied to the answer (queries/cypher_order.py) gives the engine's order.

Each query is answered twice on the seed graph, whose unnamed counterparts have no name
(null keys): once through :func:`run` (the engine answers unsorted, the rows are sorted in
Arrow) and once with the engine's own ORDER BY (the translated text run as it is).
"""

from __future__ import annotations

__all__: list[str] = []

from pathlib import Path

import pandas as pd
import pytest

import ecox
from ecox.queries.cypher_order import answer_order
from ecox.queries.cypher_parse import parse
from ecox.queries.embedded_cypher import prepare, run
from ecox.store.embedded import open_store

SORTED_OUTSIDE = [
    # nulls last ascending, first descending; text, integers, booleans; two directions
    "MATCH (a)-[r]->(b) RETURN b.name AS n, type(r) AS t, r.id AS c ORDER BY n DESC, t, c",
    "MATCH (a)-[r]->(b) RETURN b.name AS n, r.id AS c ORDER BY n, c",
    "MATCH (a)-[r]->(b) RETURN a.id, count(*) AS k ORDER BY k DESC, a.id",
    "MATCH (a)-[r]->(b) RETURN DISTINCT a.name, b:Enterprise AS e ORDER BY e, a.name DESC",
    "MATCH (a) RETURN a.name AS n, a AS node ORDER BY n",  # a node column: rows sorted in Python
    "MATCH (a:Nonexistent) RETURN a.id AS n ORDER BY n",  # no rows
]
SORTED_BY_THE_ENGINE = [
    "MATCH (a) RETURN a.id AS n ORDER BY n LIMIT 3",  # LIMIT: the engine's top rows
    "MATCH (a)-[r]->() RETURN r.amount AS x, r.id AS c ORDER BY x, c",  # a float key
    "MATCH (a) RETURN a AS n ORDER BY n",  # a node
    "MATCH (a) RETURN a.name AS n ORDER BY a.id",  # a key not returned
    "MATCH (a) RETURN a.id AS n UNION MATCH (a) RETURN a.id AS n ORDER BY n",
]


@pytest.fixture(autouse=True)
def _cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ECOX_CACHE_DIR", str(tmp_path / "cache"))


@pytest.mark.parametrize("query", SORTED_OUTSIDE)
def test_rows_sorted_outside_the_engine_are_in_the_engines_order(query: str) -> None:
    graph = ecox.seed()
    assert answer_order(parse(query)) is not None
    store = open_store(graph)
    text, _ = prepare(query, store.claim_properties, store.claim_constants)
    engine = store.rows(text)
    mine = run(graph, query)
    keys = [i for i, _ in answer_order(parse(query)) or []]
    rows = [[None if _missing(v) else v for v in row] for row in mine.values.tolist()]
    assert len(rows) == len(engine)
    assert [[row[i] for i in keys] for row in rows] == [[row[i] for i in keys] for row in engine]
    if "node" not in query:
        assert sorted(map(repr, rows)) == sorted(map(repr, engine))


def _missing(value: object) -> bool:
    """A null as the frame holds it (a text column's null is NaN there)."""
    return not isinstance(value, list | dict) and bool(pd.isna(value))


def test_nulls_come_last_ascending_and_first_descending() -> None:
    names = run(ecox.seed(), "MATCH (a)-[r]->(b) RETURN b.name AS n ORDER BY n")["n"].tolist()
    assert _missing(names[-1]) and not _missing(names[0])
    down = run(ecox.seed(), "MATCH (a)-[r]->(b) RETURN b.name AS n ORDER BY n DESC")["n"]
    assert _missing(down.tolist()[0]) and not _missing(down.tolist()[-1])


@pytest.mark.parametrize("query", SORTED_BY_THE_ENGINE)
def test_other_orders_are_left_to_the_engine(query: str) -> None:
    assert answer_order(parse(query)) is None
