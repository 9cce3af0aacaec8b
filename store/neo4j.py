"""Push a claim graph to Neo4j and pull it back, with the official ``neo4j`` driver.

Storage layout
--------------
* Every actor is a node labelled ``:EcoxActor:Actor`` plus one label per type of the
  schema vocabulary (an actor with two types has both labels), with the flat
  properties ``ecox_graph, id, name, types, aliases`` (``types`` and ``aliases`` are
  lists of strings, the primary type first). ``ecox_graph`` is the name the graph was
  pushed under (default ``"default"``): several ecox graphs live side by side, each with
  its own nodes, so an actor in two graphs keeps each graph's types.
* Every claim is one relationship whose type is the claim's relation type,
  with the flat properties ``ecox_graph, id, amount, currency, date, source_doc, outlet,
  published, evidence, span_start, span_end, extractor, confidence`` (missing
  values are absent properties).
* A claim with an unnamed side (:mod:`graph.unnamed`) links its actor to a
  node ``:EcoxUnnamed {ecox_graph, id: <claim id>, type, count}`` of its own
  (:mod:`store.neo4j_unnamed`); a pull turns it back into the same claim.
* Uniqueness constraints on ecox's data only: ``ecox_actor_key`` on
  ``:EcoxActor(ecox_graph, id)``, ``ecox_unnamed_key`` on ``:EcoxUnnamed(ecox_graph, id)``
  and one ``ecox_claim_key_<TYPE>`` on ``(ecox_graph, id)`` per relation type (all exist
  in Community Edition since 5.7).

Everything else in the database (other labels, other ``:Actor`` nodes, relationships
without ``ecox_graph``) is never matched, changed or deleted; a push that another user's
uniqueness constraint would make collide stops before writing
(:mod:`ecox.store.neo4j_ownership`).

Writes are batched ``UNWIND $rows AS row …`` statements; every value travels as a
parameter. Relationship types and labels cannot be parameters, so each statement is built
from the schema's fixed vocabulary (:class:`graph.schema.EdgeType`,
:class:`graph.schema.NodeType`), never from data. A push first reads what the database
holds under the graph name (:mod:`ecox.store.neo4j_changes`) and sends only what differs:
new actors are created by one ``CREATE`` statement per set of type labels, then new claims
by ``MATCH`` of both ends (index seeks) and ``CREATE``, one relation type per batch; changed
actors and claims are set to exactly the graph's values, a claim whose endpoints changed is
moved, and what is stored as it is costs nothing. So a push is idempotent and incremental:
actors are keyed on graph name and ``id``, claims on graph name, relation type and ``id``.
Batches run on ``workers`` sessions at once, actors before claims. Each batch commits on
its own; if the server goes away, the push raises :class:`Neo4jPushError` saying how far
it got, and running the same push again completes it (it reads what was committed and sends
the rest). A final read finds every actor and every claim between its two endpoints with
the graph's values.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build([("A 基金", ["Fund"], []), ("B 公司", ["Enterprise"], [])],
...                      [{"source": "A 基金", "target": "B 公司", "type": "INVESTED_IN"}])
>>> sorted(row["types"][0] for row in actor_rows(g))
['Enterprise', 'Fund']
>>> sorted(claim_rows(g))
['INVESTED_IN']
>>> "$rows" in claim_statement("INVESTED_IN").create
True
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "DEFAULT_GRAPH_NAME",
    "ClaimStatements",
    "Neo4jCollisionError",
    "Neo4jConnection",
    "Neo4jPushError",
    "PushReport",
    "actor_rows",
    "as_connection",
    "claim_rows",
    "claim_statement",
    "connect",
    "ensure_constraints",
    "graph_names",
    "pull",
    "push",
    "verify_stored",
]

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, NamedTuple

import neo4j
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from ecox.graph.claims import ClaimGraph, actor_frame, claim_frame, plain_value, split_field
from ecox.graph.errors import StoreError
from ecox.graph.schema import CLAIM_COLUMNS, EdgeType, NodeType
from ecox.graph.unnamed import unnamed_mask
from ecox.store import neo4j_ownership as owned
from ecox.store.neo4j_batches import Job, Progress, batches, run_parallel
from ecox.store.neo4j_changes import plan_changes, read_rows, read_stored
from ecox.store.neo4j_connection import Neo4jConnection, as_connection, connect
from ecox.store.neo4j_ownership import (
    DEFAULT_GRAPH_NAME,
    ECOX_LABEL,
    GRAPH_PROPERTY,
    Neo4jCollisionError,
    Neo4jPushError,
)
from ecox.store.neo4j_unnamed import (
    LEGACY_UNNAMED_CONSTRAINT,
    UNNAMED_CONSTRAINT,
    pull_unnamed_rows,
    remove_other_unnamed,
    unnamed_claim_rows,
    unnamed_jobs,
    verify_unnamed,
)

logger = logging.getLogger(__name__)

#: Rows per ``UNWIND`` batch (one transaction each): 20,000 wrote 100k claims faster than
#: 10,000 with one session and with two (bench/bench_push.py).
DEFAULT_BATCH_SIZE = 20_000

#: Claim properties stored on the relationship (``source``, ``target``, ``type`` are structure).
_REL_PROPERTIES: tuple[str, ...] = tuple(
    c for c in CLAIM_COLUMNS if c not in ("source", "target", "type")
)
_NODE_LABELS: tuple[str, ...] = tuple(t.value for t in NodeType)
_REL_TYPES: tuple[str, ...] = tuple(t.value for t in EdgeType)
_ACTOR_CONSTRAINT = "ecox_actor_key"
#: Constraints of earlier ecox versions (on every ``:Actor``, not only ecox's); dropped.
_LEGACY_CONSTRAINTS = (
    "ecox_actor_id",
    LEGACY_UNNAMED_CONSTRAINT,
    *(f"ecox_claim_id_{rel}" for rel in _REL_TYPES),
)
#: An ecox node of the push's graph, found by the ``row`` field given (index seek).
_OWN_NODE = (
    f":{ECOX_LABEL} {{{GRAPH_PROPERTY}: $graph, id: row.%s}}) "
    f"USING INDEX SEEK %s:{ECOX_LABEL}({GRAPH_PROPERTY}, id)"
)


# ---------------------------------------------------------------------- rows


def actor_rows(graph: ClaimGraph) -> list[dict[str, Any]]:
    """One parameter row per actor: ``id, name, types, aliases, labels``.

    ``labels`` are the actor's types that are schema node types (the only labels
    ever set besides ``Actor``).

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build([("张三", ["Scientist", "Entrepreneur"], ["老张"])], [])
    >>> row = actor_rows(g)[0]
    >>> row["name"], row["types"], row["aliases"], row["labels"]
    ('张三', ['Scientist', 'Entrepreneur'], ['老张'], ['Scientist', 'Entrepreneur'])
    """
    rows = []
    for rec in graph.actors.to_dict("records"):
        types = split_field(rec["types"])
        rows.append(
            {
                "id": str(rec["id"]),
                "name": plain_value(rec["name"]),
                "types": types,
                "aliases": split_field(rec["aliases"]),
                "labels": [t for t in types if t in _NODE_LABELS],
            }
        )
    return rows


def claim_rows(graph: ClaimGraph) -> dict[str, list[dict[str, Any]]]:
    """Claim parameter rows grouped by relation type: ``{type: [row, ...]}``.

    A row holds ``source``, ``target`` and every relationship property, ``None``
    where the claim has no value (Neo4j then stores no property). Claims with an
    unnamed side are left to :func:`store.neo4j_unnamed.unnamed_claim_rows`.

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build([("A 基金", ["Fund"], []), ("B 公司", ["Enterprise"], [])],
    ...     [{"source": "A 基金", "target": "B 公司", "type": "INVESTED_IN", "amount": 2.5}])
    >>> row = claim_rows(g)["INVESTED_IN"][0]
    >>> row["amount"], row["currency"]
    (2.5, None)
    """
    frame = graph.claims[~unnamed_mask(graph.claims)]
    out: dict[str, list[dict[str, Any]]] = {}
    if not len(frame):
        return out
    columns = {c: frame[c].astype(object).tolist() for c in CLAIM_COLUMNS}
    for i in range(len(frame)):
        rel = str(columns["type"][i])
        props = {c: plain_value(columns[c][i]) for c in _REL_PROPERTIES}
        props["source"] = str(columns["source"][i])
        props["target"] = str(columns["target"][i])
        out.setdefault(rel, []).append(props)
    return out


# ---------------------------------------------------------------------- statements
def _actor_statement() -> str:
    label_updates = " ".join(
        f"FOREACH (_ IN CASE WHEN '{label}' IN row.labels THEN [1] ELSE [] END | SET a:{label}) "
        f"FOREACH (_ IN CASE WHEN '{label}' IN row.labels THEN [] ELSE [1] END | REMOVE a:{label})"
        for label in _NODE_LABELS
    )
    return (
        "UNWIND $rows AS row "
        f"MERGE (a:{ECOX_LABEL} {{{GRAPH_PROPERTY}: $graph, id: row.id}}) "
        "SET a:Actor, a.name = row.name, a.types = row.types, a.aliases = row.aliases "
        + label_updates
        + " RETURN count(*) AS n"
    )


class ClaimStatements(NamedTuple):
    """The batched statements that write one relation type's claims.

    Attributes
    ----------
    update : str
        Sets the values of claims stored between the same two endpoints (found by graph
        name and id through the uniqueness constraint's index).
    move : str
        Deletes this graph's claims whose id is in the batch but whose endpoints changed
        (run before ``create`` in the same transaction).
    create : str
        Creates the batch's claims between their endpoints (no existence test: the push
        sends only claims the database does not hold, :mod:`ecox.store.neo4j_changes`).
    """

    update: str
    move: str
    create: str


def claim_statement(rel_type: str) -> ClaimStatements:
    """The statements that write one relation type's claims (parameters ``$rows, $graph``).

    Parameters
    ----------
    rel_type : str
        A :class:`graph.schema.EdgeType` value; anything else raises ``ValueError``
        (types are pasted into the statement, so only the fixed vocabulary is allowed).

    Examples
    --------
    >>> statements = claim_statement("LENT_TO")
    >>> statements.create.split("CREATE")[1].split("{")[0].strip()
    '(s)-[:LENT_TO'
    >>> "s.id = row.source AND t.id = row.target" in statements.update
    True
    >>> claim_statement("x]->() DETACH DELETE n //")
    Traceback (most recent call last):
    ...
    ValueError: not a relation type of the schema: 'x]->() DETACH DELETE n //'
    """
    if rel_type not in _REL_TYPES:
        raise ValueError(f"not a relation type of the schema: {rel_type!r}")
    sets = ", ".join(f"old.{p} = row.{p}" for p in _REL_PROPERTIES if p != "id")
    values = ", ".join([f"{GRAPH_PROPERTY}: $graph", *(f"{p}: row.{p}" for p in _REL_PROPERTIES)])
    # Index hints: a plan cached while the database was empty would otherwise scan.
    stored = (
        f"UNWIND $rows AS row MATCH (s)-[old:{rel_type} {{{GRAPH_PROPERTY}: $graph, id: row.id}}]"
        f"->(t) USING INDEX SEEK old:{rel_type}({GRAPH_PROPERTY}, id) "
    )
    endpoints = (
        f"UNWIND $rows AS row MATCH (s{_OWN_NODE % ('source', 's')} "
        f"MATCH (t{_OWN_NODE % ('target', 't')} "
    )
    return ClaimStatements(
        update=f"{stored}WHERE s.id = row.source AND t.id = row.target SET {sets} "
        "RETURN count(*) AS n",
        move=f"{stored}WHERE s.id <> row.source OR t.id <> row.target DELETE old "
        "RETURN count(*) AS n",
        create=f"{endpoints}CREATE (s)-[:{rel_type} {{{values}}}]->(t) RETURN count(*) AS n",
    )


def _new_actor_statement(labels: tuple[str, ...]) -> str:
    """Creates actors of one set of type labels (schema node types only: pasted as labels).

    >>> _new_actor_statement(("Bank", "Fund")).split(" {")[0]
    'UNWIND $rows AS row CREATE (a:EcoxActor:Actor:Bank:Fund'
    """
    if not set(labels) <= set(_NODE_LABELS):
        raise ValueError(f"not node types of the schema: {labels!r}")
    names = "".join(f":{label}" for label in (ECOX_LABEL, "Actor", *labels))
    return (
        f"UNWIND $rows AS row CREATE (a{names} {{{GRAPH_PROPERTY}: $graph, id: row.id, "
        "name: row.name, types: row.types, aliases: row.aliases}) RETURN count(*) AS n"
    )


def ensure_constraints(
    conn: Neo4jConnection | neo4j.Driver, *, database: str | None = None
) -> None:
    """Create ecox's uniqueness constraints if missing; drop those of earlier versions.

    Examples
    --------
    >>> ensure_constraints(connect())  # doctest: +SKIP
    """
    c = as_connection(conn, database)
    statements = [
        f"CREATE CONSTRAINT {_ACTOR_CONSTRAINT} IF NOT EXISTS FOR (a:{ECOX_LABEL}) "
        f"REQUIRE (a.{GRAPH_PROPERTY}, a.id) IS UNIQUE"
    ]
    statements += [
        f"CREATE CONSTRAINT ecox_claim_key_{rel} IF NOT EXISTS "
        f"FOR ()-[r:{rel}]-() REQUIRE (r.{GRAPH_PROPERTY}, r.id) IS UNIQUE"
        for rel in _REL_TYPES
    ]
    statements.append(UNNAMED_CONSTRAINT)
    with c.driver.session(database=c.database) as session:
        existing = {row["name"] for row in session.run("SHOW CONSTRAINTS YIELD name").data()}
        for legacy in sorted(existing.intersection(_LEGACY_CONSTRAINTS)):
            logger.info("dropping constraint %s of an earlier ecox version", legacy)
            session.run(f"DROP CONSTRAINT {legacy} IF EXISTS").consume()
        for statement in statements:
            if statement.split()[2] not in existing:
                session.run(statement).consume()


@dataclass(frozen=True)
class PushReport:
    """What a push wrote and how long it took.

    Attributes
    ----------
    actors, claims : int
        Actors and claims of the graph, all present in the database afterwards.
    batches : int
        Transactions committed.
    sent : int
        Actor and claim rows sent; the others were stored as they are already.
    seconds : float
        Wall time of the whole push, constraints and verification included.
    """

    actors: int
    claims: int
    batches: int
    seconds: float
    sent: int = 0

    @property
    def claims_per_second(self) -> float:
        """Claims pushed per second of wall time."""
        return self.claims / self.seconds if self.seconds > 0 else float("inf")


def push(
    graph: ClaimGraph,
    driver_or_connection: Neo4jConnection | neo4j.Driver,
    *,
    database: str | None = None,
    graph_name: str = DEFAULT_GRAPH_NAME,
    batch_size: int = DEFAULT_BATCH_SIZE,
    replace: bool = False,
    workers: int = 2,
    verify: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> PushReport:
    """Write a claim graph into Neo4j under a graph name, idempotently (see the module docstring).

    Parameters
    ----------
    graph : ClaimGraph
        The graph to push; data ecox did not write, and other ecox graphs, are left alone.
    driver_or_connection : Neo4jConnection or neo4j.Driver
        Where to push.
    database : str, optional
        Database name (default: the connection's, else the server default).
    graph_name : str
        The name the graph is stored under (``ecox_graph``); pushing again under the same
        name updates it, another name stores a second graph beside it.
    batch_size : int
        Rows per transaction.
    replace : bool
        Afterwards delete the actors and claims of ``graph_name`` that are not in ``graph``
        (so a pull gives back exactly ``graph``); nothing else is deleted.
    workers : int
        Sessions writing claim batches at once (actors are written first, on one).
    verify : bool
        After writing, find every actor and every claim between its two endpoints
        (:func:`verify_stored`). Each batch is already checked (its statements report how
        many rows they wrote); this final pass also catches data changed meanwhile.
    progress : callable, optional
        Called as ``progress(done, total)`` after each batch (rows of actors and claims),
        from the writing threads.

    Returns
    -------
    PushReport

    Raises
    ------
    ConnectionError
        The server cannot be reached or refuses the credentials (nothing written).
    Neo4jCollisionError
        Another user's uniqueness constraint would reject an actor or claim because of data
        ecox did not write, or ``replace`` would cut such a relationship (nothing written).
    Neo4jPushError
        The server went away or refused a batch; the message says how far the push
        got. Batches already committed stay; re-running the same push completes it.

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build([("A 基金", ["Fund"], [])], [])
    >>> push(g, connect(), graph_name="deals").actors  # doctest: +SKIP
    1
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    graph_name = owned.check_graph_name(graph_name)
    conn = as_connection(driver_or_connection, database)
    t0 = time.perf_counter()
    actors = actor_rows(graph)
    claims = claim_rows(graph)
    unnamed = unnamed_claim_rows(graph, _REL_PROPERTIES)
    total = len(actors) + sum(len(rows) for rows in (*claims.values(), *unnamed.values()))
    logger.debug("push rows built: %.2f s", time.perf_counter() - t0)
    counter = Progress(total, progress, graph_name)
    with conn.failures_as_connection_error():
        conn.driver.verify_connectivity()
    with _failures_as_push_error(conn, counter):
        _write(conn, actors, claims, unnamed, counter, batch_size, max(1, workers), replace, verify)
    counter.stage = "done"
    return _push_report(len(actors), counter, time.perf_counter() - t0)


def _push_report(n_actors: int, counter: Progress, seconds: float) -> PushReport:
    """Log what a finished push wrote, and report it."""
    n_claims = counter.total - n_actors
    logger.info(
        "pushed %d actors and %d claims (%d rows sent) in %d batches, %.1f s",
        n_actors,
        n_claims,
        counter.sent,
        counter.batches,
        seconds,
    )
    return PushReport(
        actors=n_actors,
        claims=n_claims,
        batches=counter.batches,
        seconds=seconds,
        sent=counter.sent,
    )


@contextmanager
def _failures_as_push_error(conn: Neo4jConnection, counter: Progress) -> Iterator[None]:
    """Turn a lost connection or a refused batch into :class:`Neo4jPushError`.

    The message says at which stage and after how many of the rows the push stopped.
    """
    try:
        yield
    except (ServiceUnavailable, SessionExpired, DriverError, OSError) as error:
        raise Neo4jPushError(
            f"push to {conn.uri or 'Neo4j'} interrupted while {counter.stage} "
            f"({counter.done} of {counter.total} actor and claim rows written): "
            f"{conn.describe(error)}. Nothing is duplicated by a retry: "
            "run the same push again to complete it."
        ) from error
    except Neo4jError as error:
        raise Neo4jPushError(
            f"Neo4j refused the push while {counter.stage} ({counter.done} of {counter.total} "
            f"rows written): {error.code}: {error.message}"
        ) from error


def _write(
    conn: Neo4jConnection,
    actors: list[dict[str, Any]],
    claims: dict[str, list[dict[str, Any]]],
    unnamed: dict[tuple[str, str], list[dict[str, Any]]],
    counter: Progress,
    batch_size: int,
    workers: int,
    replace: bool,
    verify: bool,
) -> None:
    """The stages of a push, each named in ``counter.stage`` for error messages."""
    graph_name = counter.graph_name
    with conn.driver.session(database=conn.database) as session:
        owned.check_collisions(session, graph_name, actors, claims)
        if replace:
            owned.check_removable(session, graph_name, [row["id"] for row in actors])
    counter.stage = "creating constraints"
    ensure_constraints(conn)
    counter.stage = "reading what is stored"
    with conn.driver.session(database=conn.database) as session:
        changes = plan_changes(actors, claims, read_stored(session, graph_name))
    counter.skip(changes.unchanged)
    counter.stage = "writing actors"
    jobs: list[Job] = [
        ((_new_actor_statement(labels),), batch)
        for labels, rows in sorted(changes.new_actors.items())
        for batch in batches(rows, batch_size)
    ]
    jobs += [((_actor_statement(),), b) for b in batches(changes.changed_actors, batch_size)]
    run_parallel(conn, jobs, counter, workers)  # nodes of their own: no lock is shared
    counter.stage = "writing claims"
    jobs = [
        (statements, batch)
        for kind, by_type in (
            ("create", changes.new_claims),
            ("update", changes.changed_claims),
            ("move", changes.moved_claims),
        )
        for rel, rows in sorted(by_type.items())
        for statements in [_claim_job(rel, kind)]
        for batch in batches(rows, batch_size)
    ]
    jobs += [((st,), batch) for st, batch in unnamed_jobs(unnamed, _REL_PROPERTIES, batch_size)]
    run_parallel(conn, jobs, counter, workers)
    with conn.driver.session(database=conn.database) as session:
        if replace:
            counter.stage = "removing what the graph does not have"
            everything = {rel: list(rows) for rel, rows in claims.items()}
            for (rel, _side), rows in unnamed.items():
                everything.setdefault(rel, []).extend(rows)
            # unnamed nodes first: their claims may point at an actor that goes
            keep_unnamed = [r["id"] for b in unnamed.values() for r in b]
            remove_other_unnamed(session, graph_name, keep_unnamed)
            owned.remove_others(session, graph_name, actors, everything)
        if verify:  # the rows sent; the first read found the others as they are
            counter.stage = "verifying"
            _verify(session, graph_name, *changes.sent())
            verify_unnamed(session, graph_name, unnamed)


def _claim_job(rel: str, kind: str) -> tuple[str, ...]:
    """The statements of one kind of claim batch (:class:`ClaimStatements`)."""
    statements = claim_statement(rel)
    if kind == "create":
        return (statements.create,)
    if kind == "update":
        return (statements.update,)
    return (statements.move, statements.create)


def _verify(
    session: neo4j.Session,
    graph_name: str,
    actors: list[dict[str, Any]],
    claims: dict[str, list[dict[str, Any]]],
) -> None:
    """Raise :class:`Neo4jPushError` unless the database holds these actors and claims as given
    (looked up by index seeks)."""
    stored = read_rows(session, graph_name, actors, claims)
    changes = plan_changes(actors, claims, stored)
    missing = [row for rows in changes.new_actors.values() for row in rows]
    if missing or changes.changed_actors:
        row = (missing or changes.changed_actors)[0]
        raise Neo4jPushError(
            f"verification failed: {len(missing)} of {len(actors)} actors of graph "
            f"{graph_name!r} are not in the database and {len(changes.changed_actors)} differ, "
            f"e.g. {row['id']} ({row['name']}); run the same push again"
        )
    for kind, by_type in (
        ("are not in the database between their endpoints", changes.new_claims),
        ("are in the database between other endpoints", changes.moved_claims),
        ("are in the database with other values", changes.changed_claims),
    ):
        for rel, rows in sorted(by_type.items()):
            raise Neo4jPushError(
                f"verification failed: {len(rows)} of {len(claims[rel])} {rel} claims of graph "
                f"{graph_name!r} {kind}, e.g. {rows[0]['id']} from {rows[0]['source']} to "
                f"{rows[0]['target']}; run the same push again"
            )


def verify_stored(
    graph: ClaimGraph,
    connection: Neo4jConnection | neo4j.Driver,
    *,
    database: str | None = None,
    graph_name: str = DEFAULT_GRAPH_NAME,
) -> None:
    """Raise :class:`Neo4jPushError` unless every actor and claim of ``graph`` is stored.

    Actors are looked up by graph name and id, claims by graph name, id, relation type
    and both endpoints (what :func:`push` checks at its end).

    Examples
    --------
    >>> verify_stored(g, connect(), graph_name="deals")  # doctest: +SKIP
    """
    conn = as_connection(connection, database)
    with conn.driver.session(database=conn.database) as session:
        _verify(session, graph_name, actor_rows(graph), claim_rows(graph))


def graph_names(
    connection: Neo4jConnection | neo4j.Driver, *, database: str | None = None
) -> list[str]:
    """The names of the ecox graphs stored in the database, sorted.

    Examples
    --------
    >>> graph_names(connect())  # doctest: +SKIP
    ['default']
    """
    conn = as_connection(connection, database)
    with conn.failures_as_connection_error(), conn.driver.session(database=conn.database) as s:
        return owned.graph_names(s)


def _chosen_graph(session: neo4j.Session, graph_name: str | None) -> str:
    """``graph_name``, else the only graph in the database (``"default"`` when none)."""
    if graph_name is not None:
        return owned.check_graph_name(graph_name)
    names = owned.graph_names(session)
    if len(names) > 1:
        raise StoreError(
            f"the database holds {len(names)} ecox graphs ({', '.join(map(repr, names))}): "
            "name the one to read (--graph NAME, graph_name=)"
        )
    return names[0] if names else DEFAULT_GRAPH_NAME


# ---------------------------------------------------------------------- pull
def pull(
    connection: Neo4jConnection | neo4j.Driver,
    *,
    database: str | None = None,
    graph_name: str | None = None,
) -> ClaimGraph:
    """Read one ecox graph: its ``:EcoxActor`` nodes and the claims between them.

    Parameters
    ----------
    connection : Neo4jConnection or neo4j.Driver
        Where to read.
    database : str, optional
        Database name (default: the connection's, else the server default).
    graph_name : str, optional
        The graph to read; by default the only ecox graph in the database (an error
        naming them when there are several; an empty graph when there is none).

    Returns
    -------
    ClaimGraph
        Equal (``==``) to the graph last pushed under that name with ``replace`` (or
        into a database without that graph). Other data in the database is not read.

    Examples
    --------
    >>> pull(connect(), graph_name="deals")  # doctest: +SKIP
    """
    conn = as_connection(connection, database)
    node = f"{ECOX_LABEL} {{{GRAPH_PROPERTY}: $graph}}"
    with conn.failures_as_connection_error(), conn.driver.session(database=conn.database) as s:
        name = _chosen_graph(s, graph_name)
        actors = s.run(
            f"MATCH (a:{node}) RETURN a.id AS id, a.name AS name, "
            "a.types AS types, a.aliases AS aliases",
            graph=name,
        ).data()
        claims = s.run(
            f"MATCH (s:{node})-[r]->(t:{node}) "
            f"WHERE r.{GRAPH_PROPERTY} = $graph AND type(r) IN $types "
            "RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props",
            graph=name,
            types=list(_REL_TYPES),
        ).data()
        claims += pull_unnamed_rows(s, name, list(_REL_TYPES))
    actor_table = actor_frame(
        {
            "id": row["id"],
            "name": row["name"],
            "types": _join(row["types"]),
            "aliases": _join(row["aliases"]) or "",
        }
        for row in actors
    )
    claim_table = claim_frame(
        [
            {
                **{k: v for k, v in row["props"].items() if k in _REL_PROPERTIES},
                "source": row["source"],
                "target": row["target"],
                "type": row["type"],
            }
            for row in claims
        ]
    )
    graph = ClaimGraph(actor_table, claim_table)
    graph.validate()
    return graph


def _join(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return "|".join(str(v) for v in value)
    return str(value)
