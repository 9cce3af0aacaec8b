"""Benchmark: the embedded Cypher engine side by side with Neo4j on one synthetic ecosystem.

Usage::

    nice python bench/bench_cypher.py                      # 100k actors, no Neo4j
    nice python bench/bench_cypher.py --actors 1000000 --neo4j --timeout 60
    nice python bench/bench_cypher.py --only '*1..' --only shortestPath --neo4j
    nice python bench/bench_cypher.py --kuzu-only          # the same store built in Kùzu

For a synthetic graph of ``--actors`` actors (about 5.8 claims each):

1. Build: the LadybugDB store (:func:`ecox.store.embedded.build_store`, COPY from the claim
   tables), then re-opening the cached store; with ``--neo4j`` also the push into the Neo4j
   test server. ``--kuzu-only`` builds the same layout in Kùzu 0.11.3 instead (the two
   engines cannot be loaded in one process: both register the pybind type ``Database``).
2. Queries: the first ``--queries`` analyst queries of the differential suite that the
   embedded engine answers (``--only TEXT``, repeatable: those whose text holds one of the
   TEXTs; ``--named``: the named queries instead), each on LadybugDB (through
   :func:`ecox.queries.embedded_cypher.run`, stopped after ``--timeout``; wall and CPU
   seconds) and, with ``--neo4j``, on Neo4j (after one warm-up run). Wall seconds of one
   run, all measured in the same run, side by side with the ratio LadybugDB / Neo4j; a
   baseline query (``MATCH (a) RETURN count(*)``) is timed on each engine in the same run,
   so runs on a busy machine can be compared; medians and worst cases at the end.
"""

from __future__ import annotations

__all__ = ["main"]

import argparse
import statistics
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ecox.graph.claims import ClaimGraph  # noqa: E402
from ecox.graph.errors import StoreError  # noqa: E402
from ecox.graph.synthetic import synthetic_claim_graph  # noqa: E402
from ecox.queries.catalogue import named_queries  # noqa: E402
from ecox.queries.cypher_parse import CypherFeatureRefused, CypherSyntaxError  # noqa: E402
from ecox.queries.embedded_cypher import prepare, run  # noqa: E402
from ecox.store import embedded  # noqa: E402
from tests.cypher_analyst_queries import ANALYST_QUERIES, analyst_params  # noqa: E402


def _kuzu_build(graph: ClaimGraph, path: Path) -> Any:
    """The store's layout in Kùzu (same DDL and COPY), or None when kuzu cannot be imported.

    Call it before any LadybugDB database is opened in the process: once one is, importing
    kuzu fails (both register the pybind type ``Database``).
    """
    try:
        import kuzu
    except ImportError as error:
        print(f"Kùzu: cannot import ({error})")
        return None
    real = embedded.ladybug
    embedded.ladybug = kuzu  # the same Python API; build_store only calls Database/Connection
    try:
        embedded.build_store(graph, path)
    finally:
        embedded.ladybug = real
    return kuzu.Connection(kuzu.Database(str(path), read_only=True))


def _timed(fn: Any, *args: Any) -> float:
    started = time.perf_counter()
    fn(*args)
    return time.perf_counter() - started


BASELINE = "MATCH (a) RETURN count(*) AS n"


def _params(graph: ClaimGraph) -> dict[str, Any]:
    """Parameter values: the analyst suite's and the named queries' (the two actors with
    most claims and a top-10)."""
    import pandas as pd

    degree = pd.concat([graph.claims["source"], graph.claims["target"]]).value_counts()
    a, b = (str(actor) for actor in degree.index[degree.index != ""][:2])
    return {**analyst_params(graph), "a": a, "b": b, "top": 10}


def _timed_or_timeout(graph: ClaimGraph, query: str, params: dict[str, Any]) -> float | str:
    """Wall seconds of one run on LadybugDB (its CPU seconds, all threads, are printed)."""
    cpu = time.process_time()
    try:
        seconds = _timed(run, graph, query, params)
        print(f"{seconds:8.3f} {time.process_time() - cpu:8.3f} CPU", end="", flush=True)
        return seconds
    except CypherSyntaxError as error:  # LadybugDB's query timeout arrives as a run error
        if "interrupted" in str(error).lower():
            print(" timeout", end="")
            return "timeout"
        print(f" error: {str(error).splitlines()[0][:160]}", end="")
        return "error"


def _fmt(value: float | str | None) -> str:
    return f"{value:8.3f}" if isinstance(value, float) else f"{value or '-':>8}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--neo4j", action="store_true", help="also start and time Neo4j")
    parser.add_argument(
        "--only", action="append", metavar="TEXT", help="the queries holding TEXT (repeatable)"
    )
    parser.add_argument("--kuzu-only", action="store_true", help="only build the store in Kùzu")
    parser.add_argument("--named", action="store_true", help="time the named queries")
    args = parser.parse_args(argv)

    graph = synthetic_claim_graph(args.actors, seed=7)
    print(f"synthetic graph: {len(graph.actors):,} actors, {len(graph.claims):,} claims")
    import os

    # a given ECOX_CACHE_DIR keeps the store between runs; else a fresh folder
    folder = Path(os.environ.get("ECOX_CACHE_DIR") or tempfile.mkdtemp(prefix="ecox-bench-"))
    os.environ["ECOX_CACHE_DIR"] = str(folder)
    if args.kuzu_only:
        started = time.perf_counter()
        try:
            _kuzu_build(graph, folder / "kuzu.kz")
            print(f"Kùzu: build + open {time.perf_counter() - started:.1f} s")
        except StoreError as error:
            print(f"Kùzu: build failed ({str(error).splitlines()[0][-100:]})")
        return 0
    params = _params(graph)
    if args.named:
        chosen = [q.text for _name, q in sorted(named_queries().items())]
    else:
        chosen = [q for q in ANALYST_QUERIES if _answered(q)]
        if args.only:
            chosen = [q for q in chosen if any(text in q for text in args.only)]
        chosen = chosen[: args.queries]
    rows: dict[str, dict[str, float | str | None]] = {q: {} for q in chosen}
    cpu = time.process_time()
    seconds = _timed(embedded.open_store, graph)
    print(
        f"LadybugDB {version('ladybug')}: build + open {seconds:.1f} s "
        f"({time.process_time() - cpu:.1f} s CPU in this process)"
    )
    embedded._OPEN.clear()
    print(f"LadybugDB: open the cached store {_timed(embedded.open_store, graph):.2f} s")
    embedded.open_store(graph).connection.set_query_timeout(int(args.timeout * 1000))
    baseline = {"ladybug": min(_timed(run, graph, BASELINE, {}) for _ in range(3))}
    for query in chosen:
        used = {k: v for k, v in params.items() if f"${k}" in query}
        rows[query]["ladybug"] = _timed_or_timeout(graph, query, used)
        print(f"  {' '.join(query.split())[:110]}", flush=True)
    if args.neo4j:
        conn = _neo4j(graph)
        _neo4j_timed(conn, BASELINE, {}, args.timeout)
        baseline["neo4j"] = min(_neo4j_timed(conn, BASELINE, {}, args.timeout) for _ in range(3))
        for query in chosen:
            used = {k: v for k, v in params.items() if f"${k}" in query}
            warm = _neo4j_timed(conn, query, used, args.timeout)  # warm-up: plan and page cache
            rows[query]["neo4j"] = warm if isinstance(warm, str) else (
                _neo4j_timed(conn, query, used, args.timeout)
            )
            print(f"  Neo4j {_fmt(rows[query]['neo4j'])}  {' '.join(query.split())[:100]}")
    print(
        "baseline (" + BASELINE + "): " + ", ".join(f"{k} {v:.4f} s" for k, v in baseline.items())
    )
    print(f"\n{'ladybug':>8} {'neo4j':>8} {'lb/neo4j':>8}  query")
    times: dict[str, list[float]] = {"ladybug": [], "neo4j": []}
    for query, row in rows.items():
        for key, value in row.items():
            if isinstance(value, float):
                times[key].append(value)
        mine, theirs = row.get("ladybug"), row.get("neo4j")
        ratio = mine / theirs if isinstance(mine, float) and isinstance(theirs, float) else None
        cells = [_fmt(row.get(k)) for k in times] + [_fmt(ratio)]
        print(" ".join(cells), "", " ".join(query.split())[:110])
    print()
    for key, values in times.items():
        if values:
            print(
                f"{key:>8}: {len(values)} answered, median {statistics.median(values):.3f} s, "
                f"worst {max(values):.3f} s"
            )
    return 0


def _answered(query: str) -> bool:
    try:
        prepare(query)
    except CypherFeatureRefused:
        return False
    return True


def _neo4j(graph: ClaimGraph) -> Any:
    from bench.bench_neo4j import _launch
    from ecox.store.neo4j import connect, push

    _proc, uri = _launch("2g", 1024)
    conn = connect(uri)
    started = time.perf_counter()
    push(graph, conn)
    print(f"Neo4j: push {time.perf_counter() - started:.1f} s")
    return conn


def _neo4j_timed(conn: Any, query: str, params: dict[str, Any], timeout: float) -> float | str:
    """Wall seconds of one run on Neo4j, every record fetched; ``timeout`` after ``timeout`` s
    (the server's transaction timeout)."""
    import neo4j
    from neo4j.exceptions import ClientError

    started = time.perf_counter()
    try:
        with conn.driver.session(database=conn.database) as session:
            session.run(neo4j.Query(query, timeout=timeout), params).values()
    except ClientError as error:
        timed_out = "timeout" in str(error.code).lower() or "terminated" in str(error).lower()
        return "timeout" if timed_out else "error"
    return time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
