"""What ecox owns in a Neo4j database it shares with other data, and how it keeps off the rest.

ecox's nodes carry the label ``:EcoxActor`` and the property ``ecox_graph`` (the name the
graph was pushed under); ecox's relationships carry ``ecox_graph`` too. Nothing else in the
database is ecox's: it is never matched, changed or deleted by a push, a ``--replace`` or a
pull. The checks here run before a push writes anything:

* :func:`check_collisions`: a uniqueness constraint that is not ecox's (on ``:Actor``, a
  type label or a relation type) would reject one of the graph's nodes or claims because
  of a node or relationship ecox did not write (another user's data, another ecox graph);
* :func:`check_removable`: ``--replace`` would have to cut a relationship ecox did not
  write to delete one of its own nodes.

Either raises :class:`Neo4jCollisionError` naming the node or relationship. After writing,
:func:`remove_others` deletes what the graph no longer has.

Examples
--------
>>> check_graph_name("deals-2025")
'deals-2025'
>>> check_graph_name("")
Traceback (most recent call last):
...
ecox.graph.errors.InputError: a graph name must be a non-empty string, got ''
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_GRAPH_NAME",
    "ECOX_LABEL",
    "GRAPH_PROPERTY",
    "Neo4jCollisionError",
    "Neo4jPushError",
    "check_collisions",
    "check_graph_name",
    "check_removable",
    "graph_names",
    "remove_others",
]

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ecox.graph.errors import InputError, StoreError

if TYPE_CHECKING:  # annotations only: the embedded Cypher engine imports this module without
    import neo4j  # loading the Neo4j driver

#: Label of every node ecox writes (besides ``:Actor`` and one label per type).
ECOX_LABEL = "EcoxActor"
#: Property holding the graph name, on ecox's nodes and relationships.
GRAPH_PROPERTY = "ecox_graph"
#: Graph name of a push that gives none.
DEFAULT_GRAPH_NAME = "default"

_ROW_SIZE_LIMIT = 100_000
_SHOWN = 3


class Neo4jPushError(StoreError):
    """A push stopped part-way (server gone, constraint broken); re-running it completes it."""


class Neo4jCollisionError(StoreError):
    """A push or ``--replace`` would touch data ecox did not write; nothing was written."""


def check_graph_name(name: object) -> str:
    """``name`` if it can name a graph (a non-empty string), else :class:`InputError`."""
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"a graph name must be a non-empty string, got {name!r}")
    return name


def graph_names(session: neo4j.Session) -> list[str]:
    """The names of the ecox graphs in the database, sorted.

    Examples
    --------
    >>> graph_names(session)  # doctest: +SKIP
    ['default', 'deals-2025']
    """
    rows = session.run(
        f"MATCH (a:{ECOX_LABEL}) WHERE a.{GRAPH_PROPERTY} IS NOT NULL "
        f"RETURN DISTINCT a.{GRAPH_PROPERTY} AS name ORDER BY name"
    ).data()
    return [str(row["name"]) for row in rows]


def _foreign_unique_constraints(session: neo4j.Session) -> list[dict[str, Any]]:
    """Uniqueness and key constraints that are not ecox's (ecox names its own ``ecox_*``)."""
    rows = session.run(
        "SHOW CONSTRAINTS YIELD name, type, entityType, labelsOrTypes, properties "
        "WHERE type IN ['UNIQUENESS', 'NODE_KEY', 'RELATIONSHIP_UNIQUENESS', "
        "'RELATIONSHIP_KEY'] AND NOT name STARTS WITH 'ecox_' "
        "RETURN name, entityType, labelsOrTypes, properties"
    ).data()
    return [row for row in rows if len(row["labelsOrTypes"]) == 1]


def _same_values(variable: str, properties: list[str]) -> str:
    return " AND ".join(
        f"{variable}.`{p}` = $graph" if p == GRAPH_PROPERTY else f"{variable}.`{p}` = row.`{p}`"
        for p in properties
    )


def check_collisions(
    session: neo4j.Session,
    graph_name: str,
    actors: list[dict[str, Any]],
    claims: dict[str, list[dict[str, Any]]],
) -> None:
    """Raise :class:`Neo4jCollisionError` if another user's constraint would reject the graph.

    Only uniqueness (and key) constraints on a label or relation type ecox writes, over
    properties ecox sets, can reject a push; for each, the graph's rows are looked up
    against the nodes or relationships that are not this graph's own.

    Examples
    --------
    >>> check_collisions(session, "default", actor_rows(g), claim_rows(g))  # doctest: +SKIP
    """
    labels = {"Actor"} | {label for row in actors for label in row["labels"]}
    node_properties = {GRAPH_PROPERTY, *(actors[0] if actors else ())} - {"labels"}
    for constraint in _foreign_unique_constraints(session):
        name, props = constraint["name"], list(constraint["properties"])
        target = constraint["labelsOrTypes"][0]
        if constraint["entityType"] == "NODE":
            if target not in labels or not set(props) <= node_properties:
                continue
            query = (
                "UNWIND $rows AS row WITH row WHERE $label = 'Actor' OR $label IN row.labels "
                f"MATCH (n:`{target}`) WHERE {_same_values('n', props)} "
                f"AND NOT coalesce(n:{ECOX_LABEL} AND n.{GRAPH_PROPERTY} = $graph, false) "
                "RETURN row.id AS id, row.name AS name, labels(n) AS labels, "
                f"properties(n) AS theirs LIMIT {_SHOWN}"
            )
            _raise_on_rows(session, query, actors, graph_name, target, name, "actor")
            continue
        rows = claims.get(target, [])
        rel_properties = {GRAPH_PROPERTY, *(rows[0] if rows else ())} - {"source", "target"}
        if not rows or not set(props) <= rel_properties:
            continue
        query = (
            f"UNWIND $rows AS row MATCH (a)-[r:`{target}`]->(b) WHERE {_same_values('r', props)} "
            f"AND NOT coalesce(r.{GRAPH_PROPERTY} = $graph, false) "
            "RETURN row.id AS id, $label AS name, [type(r)] AS labels, "
            f"properties(r) AS theirs LIMIT {_SHOWN}"
        )
        _raise_on_rows(session, query, rows, graph_name, target, name, "claim")


def _run_chunked(
    session: neo4j.Session, query: str, rows: list[dict[str, Any]], **params: Any
) -> Iterator[dict[str, Any]]:
    """Run ``query`` on ``rows`` (as ``$rows``) a chunk at a time; its records as dicts."""
    for start in range(0, len(rows), _ROW_SIZE_LIMIT):
        chunk = rows[start : start + _ROW_SIZE_LIMIT]
        yield from session.run(query, rows=chunk, **params).data()


def _raise_on_rows(
    session: neo4j.Session,
    query: str,
    rows: list[dict[str, Any]],
    graph_name: str,
    label: str,
    constraint: str,
    what: str,
) -> None:
    hit = next(_run_chunked(session, query, rows, graph=graph_name, label=label), None)
    if hit is not None:
        theirs = {k: v for k, v in hit["theirs"].items() if k != GRAPH_PROPERTY}
        raise Neo4jCollisionError(
            f"{what} {hit['id']} ({hit['name']}) of graph {graph_name!r} collides with "
            f"{':'.join(hit['labels'])} {theirs} that this graph did not write "
            f"(constraint {constraint!r}); nothing was written"
        )


def check_removable(session: neo4j.Session, graph_name: str, keep_ids: list[str]) -> None:
    """Raise :class:`Neo4jCollisionError` if ``--replace`` would cut a foreign relationship.

    The nodes of ``graph_name`` whose id is not in ``keep_ids`` are to be deleted; a
    relationship that links one of them and is not this graph's own stops the push.

    Examples
    --------
    >>> check_removable(session, "default", ["a_1", "a_2"])  # doctest: +SKIP
    """
    found = session.run(
        f"MATCH (a:{ECOX_LABEL} {{{GRAPH_PROPERTY}: $graph}}) WHERE NOT a.id IN $ids "
        f"MATCH (a)-[r]-(other) WHERE NOT coalesce(r.{GRAPH_PROPERTY} = $graph, false) "
        "RETURN a.id AS id, a.name AS name, type(r) AS type, labels(other) AS other "
        f"LIMIT {_SHOWN}",
        graph=graph_name,
        ids=keep_ids,
    ).data()
    if found:
        hit = found[0]
        raise Neo4jCollisionError(
            f"--replace would delete actor {hit['id']} ({hit['name']}) of graph {graph_name!r}, "
            f"but a :{hit['type']} relationship to {':'.join(hit['other'])} not written by ecox "
            "links it; delete that relationship first or push without --replace; "
            "nothing was written"
        )


def remove_others(
    session: neo4j.Session,
    graph_name: str,
    actors: list[dict[str, Any]],
    claims: dict[str, list[dict[str, Any]]],
) -> None:
    """Delete the claims, then the actors, of ``graph_name`` that the pushed graph lacks.

    Only this graph's own relationships and nodes are matched; a node still linked by a
    relationship ecox did not write is not deleted (the delete fails instead).

    Examples
    --------
    >>> remove_others(session, "default", actor_rows(g), claim_rows(g))  # doctest: +SKIP
    """
    keep = [f"{rel}:{row['id']}" for rel, rows in claims.items() for row in rows]
    session.run(
        f"MATCH (:{ECOX_LABEL} {{{GRAPH_PROPERTY}: $graph}})-[r]->() "
        f"WHERE r.{GRAPH_PROPERTY} = $graph AND NOT type(r) + ':' + r.id IN $keep "
        "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
        graph=graph_name,
        keep=keep,
    ).consume()
    session.run(
        f"MATCH (a:{ECOX_LABEL} {{{GRAPH_PROPERTY}: $graph}}) WHERE NOT a.id IN $ids "
        "CALL (a) { DELETE a } IN TRANSACTIONS OF 10000 ROWS",
        graph=graph_name,
        ids=[row["id"] for row in actors],
    ).consume()
