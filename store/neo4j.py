"""Push a claim graph to Neo4j and pull it back, with the official ``neo4j`` driver.

Storage layout
--------------
* Every actor is a node labelled ``:Actor`` plus one label per type of the
  schema vocabulary (an actor with two types has both labels), with the flat
  properties ``id, name, types, aliases`` (``types`` and ``aliases`` are lists
  of strings, the primary type first).
* Every claim is one relationship whose type is the claim's relation type,
  with the flat properties ``id, amount, currency, date, source_doc, outlet,
  published, evidence, span_start, span_end, extractor, confidence`` (missing
  values are absent properties).
* A claim with an unnamed side (:mod:`graph.unnamed`) links its actor to a
  node ``:EcoxUnnamed {id: <claim id>, type, count}`` of its own
  (:mod:`store.neo4j_unnamed`); a pull turns it back into the same claim.
* Uniqueness constraints: ``ecox_actor_id`` on ``:Actor(id)`` and one
  ``ecox_claim_id_<TYPE>`` relationship uniqueness constraint on ``id`` per
  relation type (both exist in Community Edition since 5.7; relationship *key*
  constraints would need Enterprise).

Writes are batched ``UNWIND $rows AS row MERGE …`` statements; every value
travels as a parameter. Relationship types and labels cannot be parameters, so
each statement is built from the schema's fixed vocabulary
(:class:`graph.schema.EdgeType`, :class:`graph.schema.NodeType`), never from
data. A push is idempotent: actors are merged on ``id``, claims on their ``id``
between their two endpoints, and properties and labels are set to exactly the
graph's values. Each batch commits on its own; if the server goes away, the
push raises :class:`Neo4jPushError` saying how far it got, and running the same
push again completes it (committed batches are merged again, not duplicated).
A final check counts the pushed ids in the database.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build([("A 基金", ["Fund"], []), ("B 公司", ["Enterprise"], [])],
...                      [{"source": "A 基金", "target": "B 公司", "type": "INVESTED_IN"}])
>>> sorted(row["types"][0] for row in actor_rows(g))
['Enterprise', 'Fund']
>>> sorted(claim_rows(g))
['INVESTED_IN']
>>> "$rows" in claim_statement("INVESTED_IN")
True
"""

from __future__ import annotations

__all__ = [
    "DEFAULT_BATCH_SIZE",
    "Neo4jConnection",
    "Neo4jPushError",
    "PushReport",
    "actor_rows",
    "claim_rows",
    "claim_statement",
    "connect",
    "ensure_constraints",
    "pull",
    "push",
]

import logging
import os
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

import neo4j
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from ecox.graph.claims import ClaimGraph, actor_frame, claim_frame, plain_value, split_field
from ecox.graph.errors import StoreError
from ecox.graph.schema import CLAIM_COLUMNS, EdgeType, NodeType
from ecox.graph.unnamed import unnamed_mask
from ecox.store.neo4j_unnamed import (
    UNNAMED_CONSTRAINT,
    pull_unnamed_rows,
    remove_other_unnamed,
    unnamed_claim_rows,
    unnamed_jobs,
)

logger = logging.getLogger(__name__)

#: Rows per ``UNWIND`` batch (one transaction each).
DEFAULT_BATCH_SIZE = 10_000

#: Claim properties stored on the relationship (``source``, ``target``, ``type`` are structure).
_REL_PROPERTIES: tuple[str, ...] = tuple(
    c for c in CLAIM_COLUMNS if c not in ("source", "target", "type")
)
_NODE_LABELS: tuple[str, ...] = tuple(t.value for t in NodeType)
_REL_TYPES: tuple[str, ...] = tuple(t.value for t in EdgeType)
_ACTOR_CONSTRAINT = "ecox_actor_id"


class Neo4jPushError(StoreError):
    """A push stopped part-way (server gone, constraint broken); re-running it completes it."""


@dataclass
class Neo4jConnection:
    """A driver and the database to use on it; close it (or use ``with``) when done.

    Attributes
    ----------
    driver : neo4j.Driver
        The official driver.
    database : str or None
        Database name; ``None`` means the server's default database.
    uri : str
        Where the driver points, for messages.

    Examples
    --------
    >>> conn = connect("bolt://127.0.0.1:7687", database="neo4j")
    >>> conn.database, conn.uri
    ('neo4j', 'bolt://127.0.0.1:7687')
    >>> conn.close()
    """

    driver: neo4j.Driver
    database: str | None = None
    uri: str = ""
    _owned: bool = field(default=True, repr=False)

    def close(self) -> None:
        """Close the driver if this connection opened it."""
        if self._owned:
            self.driver.close()

    def __enter__(self) -> Neo4jConnection:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def run(self, query: str, params: Mapping[str, Any] | None = None) -> list[dict[str, Any]]:
        """Run one read-or-write query in a managed transaction; rows as dicts.

        Examples
        --------
        >>> conn = connect("bolt://127.0.0.1:7687")
        >>> conn.run("RETURN $x AS x", {"x": 1})  # doctest: +SKIP
        [{'x': 1}]
        """
        records, _, _ = self.driver.execute_query(
            query, dict(params or {}), database_=self.database
        )
        return [r.data() for r in records]


def connect(
    uri: str | None = None,
    user: str | None = None,
    password: str | None = None,
    database: str | None = None,
    *,
    environ: Mapping[str, str] | None = None,
    **config: Any,
) -> Neo4jConnection:
    """Open a driver from explicit values, falling back to ``NEO4J_*`` variables.

    Parameters
    ----------
    uri : str, optional
        ``bolt://host:7687`` (one server), ``neo4j://host:7687`` (a cluster, with
        routing) or ``neo4j+s://xxxx.databases.neo4j.io`` (Aura, TLS); default
        ``NEO4J_URI``, else ``neo4j://localhost:7687``.
    user, password : str, optional
        Default ``NEO4J_USER`` (else ``neo4j``) and ``NEO4J_PASSWORD``. With neither
        a user nor a password given anywhere, no authentication is sent.
    database : str, optional
        Default ``NEO4J_DATABASE``, else the server's default database.
    environ : mapping, optional
        Where to read the variables (default ``os.environ``).
    **config
        Passed to :func:`neo4j.GraphDatabase.driver`.

    Returns
    -------
    Neo4jConnection
        Nothing is contacted until the first query.

    Examples
    --------
    >>> conn = connect(environ={"NEO4J_URI": "bolt://db:7687", "NEO4J_DATABASE": "eco"})
    >>> conn.uri, conn.database
    ('bolt://db:7687', 'eco')
    >>> conn.close()
    """
    env = os.environ if environ is None else environ
    uri = uri or env.get("NEO4J_URI") or "neo4j://localhost:7687"
    user = user if user is not None else env.get("NEO4J_USER")
    password = password if password is not None else env.get("NEO4J_PASSWORD")
    database = database or env.get("NEO4J_DATABASE") or None
    auth = None if user is None and password is None else (user or "neo4j", password or "")
    config.setdefault("connection_timeout", 15.0)
    driver = GraphDatabase.driver(uri, auth=auth, **config)
    return Neo4jConnection(driver=driver, database=database, uri=uri)


def _as_connection(target: Any, database: str | None) -> Neo4jConnection:
    if isinstance(target, Neo4jConnection):
        if database is None:
            return target
        return Neo4jConnection(target.driver, database, target.uri, _owned=False)
    if isinstance(target, neo4j.Driver):
        return Neo4jConnection(target, database, "", _owned=False)
    raise TypeError(f"expected a Neo4jConnection or a neo4j.Driver, got {type(target).__name__}")


def _unavailable_message(conn: Neo4jConnection, error: Exception) -> str:
    where = conn.uri or "the Neo4j server"
    if isinstance(error, AuthError):
        return f"Neo4j at {where} refused the credentials ({error.message})"
    detail = " ".join(str(error).split())[:300]
    return f"cannot reach Neo4j at {where}: {detail}"


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
        "MERGE (a:Actor {id: row.id}) "
        "SET a.name = row.name, a.types = row.types, a.aliases = row.aliases "
        + label_updates
        + " RETURN count(*) AS n"
    )


def claim_statement(rel_type: str) -> str:
    """The batched statements that write one relation type's claims, ``;``-separated.

    ``update`` sets the properties of claims already stored (found by their id
    through the uniqueness constraint's index); ``create-missing`` creates the
    others between their two endpoints; ``create-all`` is the same without the
    existence test, used when ``update`` matched none of the batch (a first push).
    They run in one transaction.

    Parameters
    ----------
    rel_type : str
        A :class:`graph.schema.EdgeType` value; anything else raises ``ValueError``
        (types are pasted into the statement, so only the fixed vocabulary is allowed).

    Examples
    --------
    >>> update, create_missing, create_all = claim_statement("LENT_TO").split(";")
    >>> create_all.split("CREATE")[1].split("{")[0].strip()
    '(s)-[:LENT_TO'
    >>> claim_statement("x]->() DETACH DELETE n //")
    Traceback (most recent call last):
    ...
    ValueError: not a relation type of the schema: 'x]->() DETACH DELETE n //'
    """
    if rel_type not in _REL_TYPES:
        raise ValueError(f"not a relation type of the schema: {rel_type!r}")
    sets = ", ".join(f"old.{p} = row.{p}" for p in _REL_PROPERTIES if p != "id")
    values = ", ".join(f"{p}: row.{p}" for p in _REL_PROPERTIES)
    # Index hints: a plan cached while the database was empty would otherwise scan.
    update = (
        f"UNWIND $rows AS row MATCH ()-[old:{rel_type} {{id: row.id}}]->() "
        f"USING INDEX SEEK old:{rel_type}(id) SET {sets} RETURN count(*) AS n"
    )
    endpoints = (
        "UNWIND $rows AS row "
        "MATCH (s:Actor {id: row.source}) USING INDEX SEEK s:Actor(id) "
        "MATCH (t:Actor {id: row.target}) USING INDEX SEEK t:Actor(id) "
    )
    create = f"CREATE (s)-[:{rel_type} {{{values}}}]->(t) RETURN count(*) AS n"
    missing = (
        f"WHERE NOT EXISTS {{ MATCH ()-[x:{rel_type} {{id: row.id}}]->() "
        f"USING INDEX SEEK x:{rel_type}(id) }} "
    )
    return f"{update};{endpoints}{missing}{create};{endpoints}{create}"


def ensure_constraints(
    conn: Neo4jConnection | neo4j.Driver, *, database: str | None = None
) -> None:
    """Create the actor-id and claim-id uniqueness constraints if they are missing.

    Examples
    --------
    >>> ensure_constraints(connect())  # doctest: +SKIP
    """
    c = _as_connection(conn, database)
    statements = [
        f"CREATE CONSTRAINT {_ACTOR_CONSTRAINT} IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE"
    ]
    statements += [
        f"CREATE CONSTRAINT ecox_claim_id_{rel} IF NOT EXISTS "
        f"FOR ()-[r:{rel}]-() REQUIRE r.id IS UNIQUE"
        for rel in _REL_TYPES
    ]
    statements.append(UNNAMED_CONSTRAINT)
    with c.driver.session(database=c.database) as session:
        for statement in statements:
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
    seconds : float
        Wall time of the whole push, constraints and verification included.
    """

    actors: int
    claims: int
    batches: int
    seconds: float

    @property
    def claims_per_second(self) -> float:
        """Claims pushed per second of wall time."""
        return self.claims / self.seconds if self.seconds > 0 else float("inf")


def _batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


def push(
    graph: ClaimGraph,
    driver_or_connection: Neo4jConnection | neo4j.Driver,
    *,
    database: str | None = None,
    batch_size: int = DEFAULT_BATCH_SIZE,
    replace: bool = False,
    workers: int = 2,
    verify: bool = True,
    progress: Callable[[int, int], None] | None = None,
) -> PushReport:
    """Write a claim graph into Neo4j, idempotently (see the module docstring).

    Parameters
    ----------
    graph : ClaimGraph
        The graph to push; other data in the database is left alone.
    driver_or_connection : Neo4jConnection or neo4j.Driver
        Where to push.
    database : str, optional
        Database name (default: the connection's, else the server default).
    batch_size : int
        Rows per transaction.
    replace : bool
        Afterwards delete the ``:Actor`` nodes and schema-typed relationships between
        actors that are not in ``graph`` (so a pull gives back exactly ``graph``).
    workers : int
        Sessions writing claim batches at once (actors are written first, on one).
    verify : bool
        After writing, look every actor and claim id up in the database. Each batch is
        already checked (its statements report how many rows they wrote); this final
        pass also catches data removed meanwhile by someone else.
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
    Neo4jPushError
        The server went away or refused a batch; the message says how far the push
        got. Batches already committed stay; re-running the same push completes it.

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build([("A 基金", ["Fund"], [])], [])
    >>> push(g, connect()).actors  # doctest: +SKIP
    1
    """
    if batch_size < 1:
        raise ValueError("batch_size must be at least 1")
    conn = _as_connection(driver_or_connection, database)
    t0 = time.perf_counter()
    actors = actor_rows(graph)
    claims = claim_rows(graph)
    unnamed = unnamed_claim_rows(graph, _REL_PROPERTIES)
    total = len(actors) + sum(len(rows) for rows in (*claims.values(), *unnamed.values()))
    counter = _Progress(total, progress)
    try:
        conn.driver.verify_connectivity()
    except (ServiceUnavailable, SessionExpired, AuthError, DriverError, OSError) as error:
        raise ConnectionError(_unavailable_message(conn, error)) from error
    stage = "creating constraints"
    try:
        ensure_constraints(conn)
        stage = "writing actors"
        with conn.driver.session(database=conn.database) as session:
            for batch in _batches(actors, batch_size):
                counter.add(session.execute_write(_run_write, _actor_statement(), batch), batch)
        stage = "writing claims"
        jobs = [
            (claim_statement(rel), batch)
            for rel in sorted(claims)
            for batch in _batches(claims[rel], batch_size)
        ]
        jobs += unnamed_jobs(unnamed, _REL_PROPERTIES, batch_size)
        _run_parallel(conn, jobs, counter, max(1, workers))
        with conn.driver.session(database=conn.database) as session:
            if replace:
                stage = "removing what the graph does not have"
                _remove_others(session, actors, claims)
                remove_other_unnamed(session, [r["id"] for b in unnamed.values() for r in b])
            if verify:
                stage = "verifying"
                everything = {rel: list(rows) for rel, rows in claims.items()}
                for (rel, _), rows in unnamed.items():
                    everything.setdefault(rel, []).extend(rows)
                _verify(session, actors, everything, batch_size)
    except (ServiceUnavailable, SessionExpired, DriverError, OSError) as error:
        raise Neo4jPushError(
            f"push to {conn.uri or 'Neo4j'} interrupted while {stage} "
            f"({counter.done} of {total} actor and claim rows written): "
            f"{_unavailable_message(conn, error)}. Nothing is duplicated by a retry: "
            "run the same push again to complete it."
        ) from error
    except Neo4jError as error:
        raise Neo4jPushError(
            f"Neo4j refused the push while {stage} ({counter.done} of {total} rows written): "
            f"{error.code}: {error.message}"
        ) from error
    seconds = time.perf_counter() - t0
    n_claims = total - len(actors)
    logger.info(
        "pushed %d actors and %d claims in %d batches, %.1f s",
        len(actors),
        n_claims,
        counter.batches,
        seconds,
    )
    return PushReport(actors=len(actors), claims=n_claims, batches=counter.batches, seconds=seconds)


class _Progress:
    """Rows written so far (thread-safe), checked batch by batch."""

    def __init__(self, total: int, callback: Callable[[int, int], None] | None) -> None:
        self.total = total
        self.done = 0
        self.batches = 0
        self._callback = callback
        self._lock = threading.Lock()

    def add(self, written: int, batch: list[dict[str, Any]]) -> None:
        if written != len(batch):
            raise Neo4jPushError(
                f"a batch wrote {written} of {len(batch)} rows (an endpoint missing?); "
                "nothing was lost: run the same push again"
            )
        with self._lock:
            self.done += written
            self.batches += 1
            if self._callback is not None:
                self._callback(self.done, self.total)


def _run_parallel(
    conn: Neo4jConnection,
    jobs: list[tuple[str, list[dict[str, Any]]]],
    counter: _Progress,
    workers: int,
) -> None:
    """Run the claim batches on ``workers`` sessions; the first error stops the rest."""
    pending = iter(jobs)
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work() -> None:
        with conn.driver.session(database=conn.database) as session:
            while True:
                with lock:
                    if errors:
                        return
                    job = next(pending, None)
                if job is None:
                    return
                statement, batch = job
                try:
                    counter.add(session.execute_write(_run_write, statement, batch), batch)
                except BaseException as error:
                    with lock:
                        errors.append(error)
                    return

    if workers == 1:
        work()
    else:
        threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]


def _run_write(tx: neo4j.ManagedTransaction, statement: str, rows: list[dict[str, Any]]) -> int:
    """Run a statement (or a claim statement's parts); the number of rows accounted for."""

    def run(part: str) -> int:
        record = tx.run(part, rows=rows).single()
        return int(record["n"]) if record is not None else 0

    parts = statement.split(";")
    if len(parts) == 1:
        return run(parts[0])
    update, create_missing, create_all = parts
    updated = run(update)
    if updated == len(rows):
        return updated
    return updated + run(create_all if updated == 0 else create_missing)


def _remove_others(
    session: neo4j.Session, actors: list[dict[str, Any]], claims: dict[str, list[dict[str, Any]]]
) -> None:
    keep_claims = [row["id"] for rows in claims.values() for row in rows]
    session.run(
        "MATCH (:Actor)-[r]->(:Actor) WHERE type(r) IN $types AND NOT r.id IN $ids "
        "CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS",
        types=list(_REL_TYPES),
        ids=keep_claims,
    ).consume()
    session.run(
        "MATCH (a:Actor) WHERE NOT a.id IN $ids "
        "CALL (a) { DETACH DELETE a } IN TRANSACTIONS OF 10000 ROWS",
        ids=[row["id"] for row in actors],
    ).consume()


def _verify(
    session: neo4j.Session,
    actors: list[dict[str, Any]],
    claims: dict[str, list[dict[str, Any]]],
    batch_size: int,
) -> None:
    """Look every actor id and claim id up (index seeks); raise if one is missing."""
    chunk = max(batch_size * 10, 100_000)
    ids = [row["id"] for row in actors]
    found = 0
    for start in range(0, len(ids), chunk):
        rec = session.run(
            "UNWIND $ids AS id MATCH (a:Actor {id: id}) USING INDEX SEEK a:Actor(id) "
            "RETURN count(a) AS n",
            ids=ids[start : start + chunk],
        ).single()
        found += int(rec["n"]) if rec is not None else 0
    if found != len(ids):
        raise Neo4jPushError(f"verification failed: {found} of {len(ids)} actors in the database")
    for rel in sorted(claims):
        rel_ids = [row["id"] for row in claims[rel]]
        found = 0
        for start in range(0, len(rel_ids), chunk):
            rec = session.run(
                f"UNWIND $ids AS id MATCH ()-[r:{rel} {{id: id}}]->() "
                f"USING INDEX SEEK r:{rel}(id) RETURN count(r) AS n",
                ids=rel_ids[start : start + chunk],
            ).single()
            found += int(rec["n"]) if rec is not None else 0
        if found != len(rel_ids):
            raise Neo4jPushError(
                f"verification failed: {found} of {len(rel_ids)} {rel} claims in the database"
            )


# ---------------------------------------------------------------------- pull
def pull(connection: Neo4jConnection | neo4j.Driver, *, database: str | None = None) -> ClaimGraph:
    """Read every ``:Actor`` and every schema-typed relationship between actors.

    Parameters
    ----------
    connection : Neo4jConnection or neo4j.Driver
        Where to read.
    database : str, optional
        Database name (default: the connection's, else the server default).

    Returns
    -------
    ClaimGraph
        Equal (``==``) to the graph that was pushed, when nothing else wrote ecox
        data there.

    Examples
    --------
    >>> pull(connect())  # doctest: +SKIP
    """
    conn = _as_connection(connection, database)
    try:
        with conn.driver.session(database=conn.database) as session:
            actors = session.run(
                "MATCH (a:Actor) RETURN a.id AS id, a.name AS name, "
                "a.types AS types, a.aliases AS aliases"
            ).data()
            claims = session.run(
                "MATCH (s:Actor)-[r]->(t:Actor) WHERE type(r) IN $types "
                "RETURN s.id AS source, t.id AS target, type(r) AS type, properties(r) AS props",
                types=list(_REL_TYPES),
            ).data()
            claims += pull_unnamed_rows(session, list(_REL_TYPES))
    except (ServiceUnavailable, SessionExpired, AuthError) as error:
        raise ConnectionError(_unavailable_message(conn, error)) from error
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
