"""Benchmark: the embedded Cypher engine side by side with Neo4j on one synthetic ecosystem.

Usage::

    nice python bench/bench_cypher.py                      # 100k actors, no Neo4j
    nice python bench/bench_cypher.py --graph g100k.parquet --queries 300 --neo4j
    nice python bench/bench_cypher.py --actors 1000000 --neo4j --timeout 60
    nice python bench/bench_cypher.py --only '*1..' --only shortestPath --neo4j
    nice python bench/bench_cypher.py --kuzu-only          # the same store built in Kùzu

For a synthetic graph of ``--actors`` actors (about 5.8 claims each), or the graph file
``--graph``:

1. Build: the LadybugDB store (:func:`ecox.store.embedded.build_store`, COPY from the claim
   tables), then re-opening the cached store; with ``--neo4j`` also the push into the Neo4j
   test server. ``--kuzu-only`` builds the same layout in Kùzu 0.11.3 instead (the two
   engines cannot be loaded in one process: both register the pybind type ``Database``).
2. Queries: the first ``--queries`` analyst queries of the differential suite that the
   embedded engine answers (``--only TEXT``, repeatable: those whose text holds one of the
   TEXTs; ``--named``: the named queries too, ``--queries 0 --named`` only them), each on
   LadybugDB (through :func:`ecox.queries.embedded_cypher.run`, stopped after ``--timeout``)
   and, with ``--neo4j``, on Neo4j (after one warm-up run). For each: wall seconds and CPU
   seconds (LadybugDB: all threads of this process; Neo4j: the server process, from
   ``/proc``) of one run, and the CPU ratio LadybugDB / Neo4j; a baseline query (``MATCH (a)
   RETURN count(*)``) is timed on each engine in the same run, so runs on a busy machine can
   be compared; medians and worst cases at the end.
"""

from __future__ import annotations

__all__ = ["main"]

import argparse
import os
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
from ecox.store.files import read_graph  # noqa: E402
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


def _timed_or_timeout(
    graph: ClaimGraph, query: str, params: dict[str, Any]
) -> tuple[float, float] | str:
    """Wall and CPU seconds (all threads of this process) of one run on LadybugDB."""
    cpu = time.process_time()
    try:
        seconds = _timed(run, graph, query, params)
        used = time.process_time() - cpu
        print(f"{seconds:8.3f} {used:8.3f} CPU", end="", flush=True)
        return seconds, used
    except CypherSyntaxError as error:  # LadybugDB's query timeout arrives as a run error
        if "interrupted" in str(error).lower():
            print(" timeout", end="")
            return "timeout"
        print(f" error: {str(error).splitlines()[0][:160]}", end="")
        return "error"


def _fmt(value: float | str | tuple[float, float] | None) -> str:
    if isinstance(value, tuple):
        value = value[0]
    return f"{value:8.3f}" if isinstance(value, float) else f"{value or '-':>8}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actors", type=int, default=100_000)
    parser.add_argument(
        "--graph", type=Path, help="a graph file (ecox load's output) instead of a synthetic one"
    )
    parser.add_argument("--queries", type=int, default=40)
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--neo4j", action="store_true", help="also start and time Neo4j")
    parser.add_argument(
        "--only", action="append", metavar="TEXT", help="the queries holding TEXT (repeatable)"
    )
    parser.add_argument("--kuzu-only", action="store_true", help="only build the store in Kùzu")
    parser.add_argument(
        "--named", action="store_true", help="also time the named queries (after the analyst's)"
    )
    args = parser.parse_args(argv)

    graph = read_graph(args.graph) if args.graph else synthetic_claim_graph(args.actors, seed=7)
    name = args.graph or "synthetic graph"
    print(f"{name}: {len(graph.actors):,} actors, {len(graph.claims):,} claims")
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
    chosen = [q for q in ANALYST_QUERIES if _answered(q)]
    if args.only:
        chosen = [q for q in chosen if any(text in q for text in args.only)]
    chosen = chosen[: args.queries]
    if args.named:
        chosen += [q.text for _name, q in sorted(named_queries().items())]
    rows: dict[str, dict[str, tuple[float, float] | str]] = {q: {} for q in chosen}
    cpu = time.process_time()
    seconds = _timed(embedded.open_store, graph)
    print(
        f"LadybugDB {version('ladybug')}: build + open {seconds:.1f} s "
        f"({time.process_time() - cpu:.1f} s CPU in this process)"
    )
    embedded._OPEN.clear()
    print(f"LadybugDB: open the cached store {_timed(embedded.open_store, graph):.2f} s")
    embedded.open_store(graph).connection.set_query_timeout(int(args.timeout * 1000))
    baseline: dict[str, float] = {
        "ladybug": min(_timed(run, graph, BASELINE, {}) for _ in range(3))
    }
    for query in chosen:
        used = {k: v for k, v in params.items() if f"${k}" in query}
        rows[query]["ladybug"] = _timed_or_timeout(graph, query, used)
        print(f"  {' '.join(query.split())[:110]}", flush=True)
    if args.neo4j:
        conn, server = _neo4j(graph)
        _neo4j_timed(conn, server, BASELINE, {}, args.timeout)
        baseline["neo4j"] = min(
            _wall(_neo4j_timed(conn, server, BASELINE, {}, args.timeout)) for _ in range(3)
        )
        for query in chosen:
            used = {k: v for k, v in params.items() if f"${k}" in query}
            # the first run warms the plan cache and the page cache; the second is timed
            warm = _neo4j_timed(conn, server, query, used, args.timeout)
            rows[query]["neo4j"] = (
                warm
                if isinstance(warm, str)
                else (_neo4j_timed(conn, server, query, used, args.timeout))
            )
            print(f"  Neo4j {_fmt(rows[query]['neo4j'])}  {' '.join(query.split())[:100]}")
    print(
        "baseline (" + BASELINE + "): " + ", ".join(f"{k} {v:.4f} s" for k, v in baseline.items())
    )
    _table(rows)
    return 0


def _wall(timing: tuple[float, float] | str) -> float:
    return timing[0] if isinstance(timing, tuple) else float("inf")


def _table(rows: dict[str, dict[str, tuple[float, float] | str]]) -> None:
    """Wall and CPU seconds per engine, the CPU ratio LadybugDB / Neo4j, then medians."""
    heads = ("lb wall", "lb CPU", "neo wall", "neo CPU")
    print("\n" + " ".join(f"{h:>8}" for h in heads), f"{'CPU lb/neo':>10}  query")
    walls: dict[str, list[float]] = {"ladybug": [], "neo4j": []}
    for query, row in rows.items():
        cells = []
        for key in walls:
            timing = row.get(key)
            if isinstance(timing, tuple):
                walls[key].append(timing[0])
                cells += [_fmt(timing[0]), _fmt(timing[1])]
            else:
                cells += [_fmt(timing), _fmt(None)]
        mine, theirs = row.get("ladybug"), row.get("neo4j")
        ratio = None
        if isinstance(mine, tuple) and isinstance(theirs, tuple) and theirs[1] > 0:
            ratio = mine[1] / theirs[1]
        print(" ".join(cells), f"{_fmt(ratio):>10}", "", " ".join(query.split())[:110])
    print()
    for key, values in walls.items():
        if values:
            print(
                f"{key:>8}: {len(values)} answered, median {statistics.median(values):.3f} s, "
                f"worst {max(values):.3f} s wall"
            )


def _answered(query: str) -> bool:
    try:
        prepare(query)
    except CypherFeatureRefused:
        return False
    return True


def _neo4j(graph: ClaimGraph) -> tuple[Any, int]:
    """A connection to a fresh Neo4j test server holding ``graph``, and the server's pid."""
    from bench.bench_neo4j import _launch
    from ecox.store.neo4j import connect, push

    proc, uri = _launch("2g", 1024)
    conn = connect(uri)
    started = time.perf_counter()
    push(graph, conn)
    print(f"Neo4j: push {time.perf_counter() - started:.1f} s")
    return conn, proc.pid


def _server_cpu(pid: int) -> float:
    """CPU seconds (user + system, all threads) the server process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _neo4j_timed(
    conn: Any, server: int, query: str, params: dict[str, Any], timeout: float
) -> tuple[float, float] | str:
    """Wall seconds of one run on Neo4j, every record fetched, and the server's CPU seconds
    meanwhile; ``timeout`` after ``timeout`` s (the server's transaction timeout)."""
    import neo4j
    from neo4j.exceptions import ClientError

    started, cpu = time.perf_counter(), _server_cpu(server)
    try:
        with conn.driver.session(database=conn.database) as session:
            session.run(neo4j.Query(query, timeout=timeout), params).values()
    except ClientError as error:
        timed_out = "timeout" in str(error.code).lower() or "terminated" in str(error).lower()
        return "timeout" if timed_out else "error"
    return time.perf_counter() - started, _server_cpu(server) - cpu


if __name__ == "__main__":
    sys.exit(main())
