"""Benchmark: ``ecox neo4j push`` against a raw ``UNWIND`` of the same rows, in one run.

Usage::

    python bench/bench_push.py                       # starts the test server (C2 JIT)
    python bench/bench_push.py --uri bolt://…        # or that server (it is WIPED)
    python bench/bench_push.py --claims 100000 --batch-sizes 5000 10000 20000 --workers 1 2

A synthetic ecosystem (``graph.synthetic.synthetic_claim_graph``) of about ``--claims``
claims. The baseline is the least a driver client can do for the same rows: create an
index on the node key, ``UNWIND`` the actor rows into ``CREATE`` statements, then each
relation type's claim rows into ``MATCH`` both ends (index seeks) + ``CREATE`` (one
session, 10,000 rows per transaction, rows built before the clock starts). Both first run
twice on a 2,000-actor graph to warm the server's JIT. Then ``push`` (its row building,
collision check, constraints, reading what is stored and final verification included) for
each batch size and worker count into an emptied database, a repeat push of the same graph,
and an incremental push after 1 % of the claims changed. Prints claims per second and the
ratio to the baseline and to the 20,000 claims/s target (``--stages``: each push stage's
time too).
"""

from __future__ import annotations

__all__ = ["main"]

import argparse
import logging
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_neo4j import CLAIMS_PER_ACTOR, _wipe, server_connection  # noqa: E402
from ecox.graph.claims import ClaimGraph  # noqa: E402
from ecox.graph.synthetic import synthetic_claim_graph  # noqa: E402
from ecox.store.neo4j import (  # noqa: E402
    DEFAULT_BATCH_SIZE,
    Neo4jConnection,
    actor_rows,
    claim_rows,
    push,
)

TARGET = 20_000


def _drop_schema(conn: Neo4jConnection) -> None:
    with conn.driver.session(database=conn.database) as session:
        for row in session.run("SHOW CONSTRAINTS YIELD name").data():
            session.run(f"DROP CONSTRAINT {row['name']}").consume()
        for row in session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'").data():
            session.run(f"DROP INDEX {row['name']}").consume()


def _empty(conn: Neo4jConnection) -> None:
    _wipe(conn)
    _drop_schema(conn)


def raw_unwind(conn: Neo4jConnection, graph: ClaimGraph, batch: int = 10_000) -> float:
    """Seconds for the baseline: index, node CREATEs, then claims by MATCH (index seeks) +
    CREATE."""
    actors = [{k: r[k] for k in ("id", "name", "types", "aliases")} for r in actor_rows(graph)]
    claims = claim_rows(graph)
    t0 = time.perf_counter()
    with conn.driver.session(database=conn.database) as session:
        session.run("CREATE INDEX raw_key IF NOT EXISTS FOR (n:Raw) ON (n.id)").consume()
        session.run("CALL db.awaitIndexes()").consume()
        for start in range(0, len(actors), batch):
            session.run(
                "UNWIND $rows AS row CREATE (n:Raw {id: row.id, name: row.name, "
                "types: row.types, aliases: row.aliases})",
                rows=actors[start : start + batch],
            ).consume()
        for rel, rows in claims.items():
            props = ", ".join(f"{k}: row.{k}" for k in rows[0] if k not in ("source", "target"))
            for start in range(0, len(rows), batch):
                session.run(
                    "UNWIND $rows AS row MATCH (s:Raw {id: row.source}) USING INDEX s:Raw(id) "
                    "MATCH (t:Raw {id: row.target}) USING INDEX t:Raw(id) "
                    f"CREATE (s)-[:{rel} {{{props}}}]->(t)",
                    rows=rows[start : start + batch],
                ).consume()
    return time.perf_counter() - t0


def _changed(graph: ClaimGraph, share: float) -> ClaimGraph:
    """The graph with ``share`` of its claims given a new amount (a spread-out sample)."""
    claims = graph.claims.copy()
    step = max(1, round(1 / share))
    rows = claims.index[::step]
    claims.loc[rows, "amount"] = 123.0
    claims.loc[rows, "currency"] = "CNY"
    return ClaimGraph(graph.actors, claims)


def _line(label: str, seconds: float, claims: int, baseline: float | None) -> str:
    rate = claims / seconds
    vs = f"{baseline / seconds:5.2f}x raw" if baseline else " " * 10
    return f"{label:44s} {seconds:7.1f} s {rate:10,.0f} claims/s  {vs}  {rate / TARGET:.2f}x target"


def bench(conn: Neo4jConnection, claims: int, sizes: list[int], workers: list[int]) -> None:
    graph = synthetic_claim_graph(round(claims / CLAIMS_PER_ACTOR), seed=11)
    n = len(graph.claims)
    print(f"## {len(graph.actors):,} actors, {n:,} claims", flush=True)
    warm = synthetic_claim_graph(2_000, seed=3)  # the server's JIT warm for both sides
    for _ in range(2):
        _empty(conn)
        raw_unwind(conn, warm)
        _empty(conn)
        push(warm, conn, workers=1)
    _empty(conn)
    raw = raw_unwind(conn, graph)
    print(_line("raw UNWIND CREATE (baseline)", raw, n, raw), flush=True)
    for size in sizes:
        for count in workers:
            _empty(conn)
            report = push(graph, conn, batch_size=size, workers=count)
            label = f"push, new database, batch {size}, {count} workers"
            print(_line(label, report.seconds, n, raw), flush=True)
    size, count = sizes[0], workers[-1]
    report = push(graph, conn, batch_size=size, workers=count)
    print(_line("push again, nothing changed", report.seconds, n, raw), flush=True)
    changed = _changed(graph, 0.01)
    report = push(changed, conn, batch_size=size, workers=count)
    print(_line("push after 1 % of the claims changed", report.seconds, n, raw), flush=True)
    _empty(conn)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"))
    parser.add_argument("--claims", type=int, default=100_000)
    parser.add_argument("--batch-sizes", type=int, nargs="+", default=[DEFAULT_BATCH_SIZE])
    parser.add_argument("--workers", type=int, nargs="+", default=[2])
    parser.add_argument("--heap", default="2g", help="server heap (started server only)")
    parser.add_argument("--pagecache-mb", type=int, default=1024, help="(started server only)")
    parser.add_argument("--stages", action="store_true", help="log each push stage's time")
    args = parser.parse_args(argv)
    if args.stages:
        logging.basicConfig(format="    %(message)s")
        logging.getLogger("ecox.store.neo4j").setLevel(logging.DEBUG)
    c2_jit = ("-XX:TieredStopAtLevel=4",)
    with server_connection(args.uri, args.heap, args.pagecache_mb, c2_jit) as conn:
        bench(conn, args.claims, args.batch_sizes, args.workers)
    return 0


if __name__ == "__main__":
    sys.exit(main())
