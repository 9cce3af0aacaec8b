"""Benchmark: Neo4j push rate, and each named query on the embedded engine next to Neo4j.

Usage::

    python bench/bench_neo4j.py                 # starts the test server (tests/neo4j_server)
    python bench/bench_neo4j.py --uri bolt://…  # or NEO4J_URI: use that server (it is WIPED)
    python bench/bench_neo4j.py --sizes 10000 --push-claims 100000
    python bench/bench_neo4j.py --no-neo4j --sizes 100000   # the embedded engine only
    python bench/bench_neo4j.py --no-neo4j --sizes --graph g1m.parquet   # a graph file

1. Push: a synthetic ecosystem (``graph.synthetic.synthetic_claim_graph``) with about
   ``--push-claims`` claims into an empty database, then the same push again (idempotent
   re-push), then again after deleting everything (the store files are then already
   grown and the server's JIT warm), then into a database shared with someone else's
   graph of the same size (``:Actor`` nodes under their own uniqueness constraint on
   ``:Actor(id)``, which the collision check must look every actor up in); prints claims
   per second against the 20,000/s target. Every push includes its final verification pass.
2. Named queries: for each size in ``--sizes`` (actors; about 5.8 claims per actor), the
   graph is pushed, then every named query runs, the same ``.cypher`` text, on the embedded
   engine (``InMemoryBackend``: LadybugDB; wall and CPU seconds) and on Neo4j. Times are of
   one run (Neo4j after one warm-up run); the embedded store is built once per size (into a
   temporary cache folder) and timed separately.
"""

from __future__ import annotations

__all__ = ["main", "server_connection"]

import argparse
import logging
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ecox.graph.claims import ClaimGraph  # noqa: E402
from ecox.graph.synthetic import synthetic_claim_graph  # noqa: E402
from ecox.queries.backend import InMemoryBackend, Neo4jBackend, named_queries  # noqa: E402
from ecox.store.embedded import open_store  # noqa: E402
from ecox.store.files import read_graph  # noqa: E402
from ecox.store.neo4j import Neo4jConnection, connect, push  # noqa: E402

logger = logging.getLogger("bench_neo4j")
CLAIMS_PER_ACTOR = 5.8  # what synthetic_claim_graph gives at claims_per_actor=5


def _wipe(conn: Neo4jConnection) -> None:
    with conn.driver.session(database=conn.database) as session:
        session.run(
            "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
        ).consume()


def _params(graph: ClaimGraph, wanted: list[str]) -> dict[str, Any]:
    claims = graph.claims[["source", "target"]].head(100_000)  # a whole self-join is GBs at 1M
    second = claims.merge(claims, left_on="target", right_on="source")
    second = second[second["source_x"] != second["target_y"]]
    a, b = second.iloc[0][["source_x", "target_y"]] if len(second) else ("x", "y")
    values = {"top": 20, "a": str(a), "b": str(b)}
    return {k: values[k] for k in wanted}


def _embedded(backend: InMemoryBackend, name: str, params: dict[str, Any]) -> str:
    """Wall and CPU seconds (every thread of the process: LadybugDB runs several)."""
    t0, c0 = time.perf_counter(), time.process_time()
    rows = len(backend.named(name, **params))
    return f"{time.perf_counter() - t0:7.2f} s / {time.process_time() - c0:.2f} CPU ({rows} rows)"


def _neo4j(conn: Neo4jConnection, name: str, params: dict[str, Any]) -> str:
    backend = Neo4jBackend(conn)
    backend.named(name, **params)  # warm-up: plan cache, page cache
    t0 = time.perf_counter()
    rows = len(backend.named(name, **params))
    return f"{time.perf_counter() - t0:8.2f} s ({rows} rows)"


def _foreign_movies(conn: Neo4jConnection, n: int) -> None:
    """Someone else's data: ``n`` ``:Actor`` nodes, unique ids of their own, one movie each."""
    with conn.driver.session(database=conn.database) as session:
        session.run(
            "CREATE CONSTRAINT bench_movie_actor_id IF NOT EXISTS "
            "FOR (a:Actor) REQUIRE a.id IS UNIQUE"
        ).consume()
        session.run(
            "UNWIND range(1, $n) AS i CALL (i) { CREATE (:Actor {id: 'm_' + i, name: 'actor ' + i})"
            "-[:ACTED_IN]->(:Movie {title: 'movie ' + i}) } IN TRANSACTIONS OF 10000 ROWS",
            n=n,
        ).consume()


def bench_push(conn: Neo4jConnection, claims: int, batch_size: int) -> None:
    graph = synthetic_claim_graph(round(claims / CLAIMS_PER_ACTOR), seed=11)
    print(f"\n## push: {len(graph.actors):,} actors, {len(graph.claims):,} claims")
    _wipe(conn)
    reports = [("into a new database", push(graph, conn, batch_size=batch_size))]
    reports.append(("same push again", push(graph, conn, batch_size=batch_size)))
    _wipe(conn)
    reports.append(("into the emptied database", push(graph, conn, batch_size=batch_size)))
    _wipe(conn)
    _foreign_movies(conn, len(graph.actors))
    reports.append(("beside a foreign graph", push(graph, conn, batch_size=batch_size)))
    _wipe(conn)
    with conn.driver.session(database=conn.database) as session:
        session.run("DROP CONSTRAINT bench_movie_actor_id IF EXISTS").consume()
    for label, report in reports:
        rate = report.claims_per_second
        print(
            f"{label:26s} {report.seconds:7.1f} s  {rate:10,.0f} claims/s  "
            f"({rate / 20_000:.2f}x the 20,000/s target)"
        )


def _graphs(sizes: list[int], files: tuple[Path, ...]) -> Iterator[ClaimGraph]:
    """The synthetic graph of each size, then each graph file (read when its turn comes)."""
    for n in sizes:
        yield synthetic_claim_graph(n, seed=12)
    for file in files:
        yield read_graph(file)


def bench_queries(
    conn: Neo4jConnection | None, sizes: list[int], batch: int, files: tuple[Path, ...] = ()
) -> None:
    os.environ.setdefault("ECOX_CACHE_DIR", tempfile.mkdtemp(prefix="ecox-bench-cache-"))
    for graph in _graphs(sizes, files):
        print(f"\n## named queries: {len(graph.actors):,} actors, {len(graph.claims):,} claims")
        if conn is not None:
            _wipe(conn)
            report = push(graph, conn, batch_size=batch)
            print(f"(pushed in {report.seconds:.1f} s)")
        t0, c0 = time.perf_counter(), time.process_time()
        open_store(graph)
        print(
            f"embedded store built and opened in {time.perf_counter() - t0:.1f} s "
            f"({time.process_time() - c0:.1f} s CPU)"
        )
        backend = InMemoryBackend(graph)
        head = ("query", "embedded (LadybugDB)", "Neo4j")
        print(f"{head[0]:28s} {head[1]:>36s} {head[2]:>24s}")
        for name, query in named_queries().items():
            params = _params(graph, query.params)
            emb = _embedded(backend, name, params)
            neo = _neo4j(conn, name, params) if conn is not None else "-"
            print(f"{name:28s} {emb:>36s} {neo:>24s}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"))
    parser.add_argument("--push-claims", type=int, default=100_000)
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--no-neo4j", action="store_true", help="time the embedded engine only")
    parser.add_argument(
        "--graph", type=Path, action="append", default=[], help="also a graph file (repeatable)"
    )
    parser.add_argument("--batch-size", type=int, default=10_000)
    parser.add_argument("--heap", default="2g", help="server heap (started server only)")
    parser.add_argument("--pagecache-mb", type=int, default=1024, help="(started server only)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING)
    if args.no_neo4j:
        bench_queries(None, args.sizes, args.batch_size, tuple(args.graph))
        return 0
    with server_connection(args.uri, args.heap, args.pagecache_mb) as conn:
        if args.push_claims:
            bench_push(conn, args.push_claims, args.batch_size)
        if args.sizes or args.graph:
            bench_queries(conn, args.sizes, args.batch_size, tuple(args.graph))
    return 0


@contextmanager
def server_connection(
    uri: str | None, heap: str, pagecache_mb: int, java_opts: tuple[str, ...] = ()
) -> Iterator[Neo4jConnection]:
    """A connection to ``uri``, else to a test server started here and stopped afterwards."""
    server = None
    if uri:
        conn = connect(uri)
    else:
        server, started = _launch(heap, pagecache_mb, java_opts)
        conn = connect(started, database="neo4j")
    try:
        yield conn
    finally:
        conn.close()
        if server is not None:
            server.terminate()
            server.wait(60)


def _launch(
    heap: str, pagecache_mb: int, java_opts: tuple[str, ...] = ()
) -> tuple[subprocess.Popen[bytes], str]:
    """Start the test server's jar with a bigger heap and page cache than the test fixture's
    (``java_opts`` come after the fixture's JVM flags, so they win)."""
    from tests.neo4j_fixture import _JAR, _JVM_FLAGS, _MAIN_CLASS, _TARGET, _java, build_server
    from tests.neo4j_fixture import find_free_port as free_port

    build_server()
    home = Path(tempfile.mkdtemp(prefix="ecox-bench-neo4j-")) / "home"
    port = free_port()
    log = home.parent / "server.log"
    cmd = [
        _java(), f"-Xmx{heap}", *_JVM_FLAGS, *java_opts,
        "-cp", f"{_JAR}{os.pathsep}{_TARGET / 'lib' / '*'}",
        _MAIN_CLASS, "--home", str(home), "--port", str(port),
        "--pagecache-mb", str(pagecache_mb), "--exit-on-stdin-eof",
    ]  # fmt: skip
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 180
    while "NEO4J_READY" not in log.read_text(errors="replace"):
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"Neo4j did not start; see {log}")
        time.sleep(0.5)
    print(f"started the Neo4j test server at bolt://127.0.0.1:{port} "
          f"(heap {heap}, page cache {pagecache_mb} MB)")  # fmt: skip
    return proc, f"bolt://127.0.0.1:{port}"


if __name__ == "__main__":
    sys.exit(main())
