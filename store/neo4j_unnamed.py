"""Claims with an unnamed side in Neo4j: the side is a node ``:EcoxUnnamed`` of its own.

A relationship needs two nodes, so a claim that names one actor only
(:mod:`graph.unnamed`) is stored as its relationship (typed by the relation,
with the claim's properties, ``ecox_graph``, ``counterpart_type`` and ``counterpart_count``
included) between the named ``:EcoxActor`` and one ``:EcoxUnnamed {ecox_graph, id, type,
count}`` node per claim, whose ``id`` is the claim id. ``:EcoxUnnamed`` nodes
carry no ``:Actor`` label, so queries over actors do not see them; a pull turns
each back into the same claim with an empty ``source`` or ``target``. The
uniqueness constraint ``ecox_unnamed_key`` covers ``:EcoxUnnamed(ecox_graph, id)``.

Statements are built from the schema's relation types only (never from data);
values travel as parameters.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build([("中国眼谷", ["Park"], [])],
...     [{"source": "中国眼谷", "target": "", "type": "COOPERATES_WITH",
...       "counterpart_type": "Investor", "counterpart_count": 92}])
>>> rows = unnamed_claim_rows(g, ("id", "counterpart_type", "counterpart_count"))
>>> [(rel, side, r["counterpart_count"]) for (rel, side), batch in rows.items() for r in batch]
[('COOPERATES_WITH', 'source', 92)]
>>> "MERGE (a)-[r:COOPERATES_WITH" in unnamed_statement("COOPERATES_WITH", "source", ("id",))
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ecox.graph.schema import EdgeType
from ecox.store.neo4j_ownership import ECOX_LABEL, GRAPH_PROPERTY, Neo4jPushError

if TYPE_CHECKING:  # for annotations only: the embedded engine reads UNNAMED_LABEL from here
    import neo4j

    from ecox.graph.claims import ClaimGraph

__all__ = [
    "LEGACY_UNNAMED_CONSTRAINT",
    "UNNAMED_CONSTRAINT",
    "UNNAMED_LABEL",
    "pull_unnamed_rows",
    "remove_other_unnamed",
    "unnamed_claim_rows",
    "unnamed_jobs",
    "unnamed_statement",
    "verify_unnamed",
]

#: The label of the node standing for a claim's unnamed side.
UNNAMED_LABEL = "EcoxUnnamed"
#: Creates the uniqueness constraint on the unnamed nodes' ids.
UNNAMED_CONSTRAINT = (
    f"CREATE CONSTRAINT ecox_unnamed_key IF NOT EXISTS "
    f"FOR (u:{UNNAMED_LABEL}) REQUIRE (u.{GRAPH_PROPERTY}, u.id) IS UNIQUE"
)
#: The constraint of earlier versions (without the graph name); dropped by a push.
LEGACY_UNNAMED_CONSTRAINT = "ecox_unnamed_id"
_REL_TYPES = frozenset(t.value for t in EdgeType)
_SIDES = ("source", "target")


def unnamed_claim_rows(
    graph: ClaimGraph, properties: tuple[str, ...]
) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """Parameter rows of the claims with an unnamed side, by ``(relation, side of the actor)``.

    A row holds ``actor`` (the named side's id) and the relationship ``properties``.
    """
    from ecox.graph.claims import plain_value
    from ecox.graph.unnamed import unnamed_mask

    frame = graph.claims[unnamed_mask(graph.claims)]
    out: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for record in frame.to_dict("records"):
        side = "source" if record["source"] else "target"
        row = {p: plain_value(record[p]) for p in properties}
        row["actor"] = str(record[side])
        out.setdefault((str(record["type"]), side), []).append(row)
    return out


def unnamed_statement(rel_type: str, side: str, properties: tuple[str, ...]) -> str:
    """The batched, idempotent statement writing one relation type's unnamed claims.

    ``side`` is where the named actor sits (``source`` or ``target``); ``rel_type``
    must be a schema relation type (it is pasted into the statement).

    >>> unnamed_statement("x]->() DETACH DELETE n //", "source", ("id",))
    Traceback (most recent call last):
    ...
    ValueError: not a relation type of the schema: 'x]->() DETACH DELETE n //'
    """
    if rel_type not in _REL_TYPES:
        raise ValueError(f"not a relation type of the schema: {rel_type!r}")
    if side not in _SIDES:
        raise ValueError(f"side must be source or target, not {side!r}")
    key = f"{{{GRAPH_PROPERTY}: $graph, id: row.id}}"
    pattern = f"(a)-[r:{rel_type} {key}]->(u)"
    if side == "target":
        pattern = f"(u)-[r:{rel_type} {key}]->(a)"
    sets = ", ".join(f"r.{p} = row.{p}" for p in properties if p != "id")
    return (
        "UNWIND $rows AS row "
        f"MATCH (a:{ECOX_LABEL} {{{GRAPH_PROPERTY}: $graph, id: row.actor}}) "
        f"USING INDEX SEEK a:{ECOX_LABEL}({GRAPH_PROPERTY}, id) "
        f"MERGE (u:{UNNAMED_LABEL} {key}) "
        "SET u.type = row.counterpart_type, u.count = row.counterpart_count "
        f"MERGE {pattern} " + (f"SET {sets} " if sets else "") + "RETURN count(*) AS n"
    )


def unnamed_jobs(
    rows: dict[tuple[str, str], list[dict[str, Any]]], properties: tuple[str, ...], size: int
) -> list[tuple[str, list[dict[str, Any]]]]:
    """``(statement, batch)`` pairs for the rows of :func:`unnamed_claim_rows`."""
    return [
        (unnamed_statement(rel, side, properties), batch[start : start + size])
        for (rel, side), batch in sorted(rows.items())
        for start in range(0, len(batch), size)
    ]


def remove_other_unnamed(session: neo4j.Session, graph_name: str, keep: list[str]) -> None:
    """Delete the graph's ``:EcoxUnnamed`` nodes (and claims) whose claim id is not in ``keep``."""
    session.run(
        f"MATCH (u:{UNNAMED_LABEL} {{{GRAPH_PROPERTY}: $graph}}) WHERE NOT u.id IN $ids "
        "CALL (u) { DETACH DELETE u } IN TRANSACTIONS OF 10000 ROWS",
        graph=graph_name,
        ids=keep,
    ).consume()


def verify_unnamed(
    session: neo4j.Session, graph_name: str, rows: dict[tuple[str, str], list[dict[str, Any]]]
) -> None:
    """Raise :class:`Neo4jPushError` unless every unnamed claim links its actor and node."""
    for (rel, side), batch in sorted(rows.items()):
        arrow = "(a)-[r]->(u)" if side == "source" else "(u)-[r]->(a)"
        found = session.run(
            f"UNWIND $rows AS row MATCH {arrow.replace('[r]', f'[r:{rel}]')} "
            f"WHERE r.{GRAPH_PROPERTY} = $graph AND r.id = row.id AND a.id = row.actor "
            f"AND a:{ECOX_LABEL} AND a.{GRAPH_PROPERTY} = $graph "
            f"AND u:{UNNAMED_LABEL} AND u.{GRAPH_PROPERTY} = $graph AND u.id = row.id "
            "RETURN count(DISTINCT r) AS n",
            rows=[{"id": r["id"], "actor": r["actor"]} for r in batch],
            graph=graph_name,
        ).single()
        if found is None or found["n"] != len(batch):
            raise Neo4jPushError(
                f"verification failed: {0 if found is None else found['n']} of {len(batch)} "
                f"{rel} claims with an unnamed {'target' if side == 'source' else 'source'} "
                f"of graph {graph_name!r} are in the database"
            )


def pull_unnamed_rows(
    session: neo4j.Session, graph_name: str, types: list[str]
) -> list[dict[str, Any]]:
    """The graph's unnamed claims, as ``source, target, type, props`` rows."""
    actor = f"{ECOX_LABEL} {{{GRAPH_PROPERTY}: $graph}}"
    unnamed = f"{UNNAMED_LABEL} {{{GRAPH_PROPERTY}: $graph}}"
    mine = f"type(r) IN $types AND r.{GRAPH_PROPERTY} = $graph"
    return session.run(
        f"MATCH (s:{actor})-[r]->(:{unnamed}) WHERE {mine} "
        "RETURN s.id AS source, '' AS target, type(r) AS type, properties(r) AS props "
        f"UNION ALL MATCH (:{unnamed})-[r]->(t:{actor}) WHERE {mine} "
        "RETURN '' AS source, t.id AS target, type(r) AS type, properties(r) AS props",
        graph=graph_name,
        types=types,
    ).data()
