"""Benchmark: the broker measures at 10k, 100k and 1M actors, against networkx in the same run.

Graphs come from :func:`graph.synthetic.synthetic_analysis_graph` (heavy-tailed
typed ecosystems, 5 links per actor); without that module, a seeded
Chung–Lu-style typed graph is drawn as arrays here. Every measurement runs in
a fresh child process (so its peak memory is its own: graph included), on the
undirected skeleton the broker table uses:

- ``betweenness``: igraph, 256 sampled sources
  (:func:`queries.betweenness.betweenness_pairs`, igraph graph built inside
  the timing) vs
  ``networkx.betweenness_centrality(G, k=256, seed=0)`` (same sources; the
  maximum difference is printed);
- ``burt``: :func:`queries.brokers.burt_arrays` (constraint and effective size
  from the triangles) vs ``nx.constraint(G)`` plus ``nx.effective_size(G)``
  (the latter builds a dense ``n × n`` matrix: only up to ``--nx-esize-max``);
- ``roles``: Gould–Fernandez counts, :func:`queries.brokerage.brokerage_counts`
  on the symmetric skeleton with the primary type as group;
- ``table``: the whole :func:`queries.brokers.brokers` table (``top=100``,
  betweenness sampled), from the analysis graph.

Times are wall seconds and CPU seconds (this process and its workers): on a
shared machine the CPU column is what the run costs without the other load;
ratios are networkx CPU / ours CPU. Our betweenness runs on ``--workers``
forked processes (default 2), networkx on one. networkx runs up to
``--nx-max`` actors (default 100k; its sampled betweenness takes minutes
there).

``--exact-graph FILE`` instead times the exact broker table of a graph file
(e.g. the Crunchbase records after ``ecox load``) in a fresh process, as
``ecox brokers FILE --exact`` runs it, and prints its top 10 and how many of
them the default (sampled, 256 sources) table shares. Usage::

    python bench/bench_brokers.py                       # 10k, 100k, 1M
    python bench/bench_brokers.py --sizes 10000 --nx-max 10000
    python bench/bench_brokers.py --exact-graph cb.json --workers 2
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.forked import run_forked

K = 256


def _analysis_graph(n: int, seed: int) -> Any:
    try:
        from ecox.graph.synthetic import synthetic_analysis_graph
    except ImportError:  # pragma: no cover - before graph.synthetic existed
        return _fallback_graph(n, seed)
    return synthetic_analysis_graph(n, seed=seed)


def _fallback_graph(n: int, seed: int) -> Any:
    """Heavy-tailed typed graph of COOPERATES_WITH links, drawn as arrays."""
    import pandas as pd

    from ecox.graph.analysis import AnalysisGraph

    rng = np.random.default_rng(seed)
    w = (np.arange(n) + 10.0) ** (-1.0 / 1.8)
    w /= w.sum()
    src = rng.permutation(n)[rng.choice(n, size=5 * n, p=w)]
    dst = rng.integers(0, n, size=5 * n)
    keys = np.unique(np.minimum(src, dst) * n + np.maximum(src, dst))
    keys = keys[keys // n != keys % n]
    ids = np.array([f"a{i:08d}" for i in range(n)], dtype=object)
    types = np.array(["Enterprise", "Scientist", "Entrepreneur", "Investor", "Fund", "Bank"])
    kind = types[rng.choice(len(types), size=n, p=[0.4, 0.3, 0.15, 0.08, 0.05, 0.02])]
    actors = pd.DataFrame({"id": ids, "name": ids, "types": kind, "aliases": "", "type": kind})
    links = pd.DataFrame(
        {
            "source": ids[keys // n],
            "target": ids[keys % n],
            "type": "COOPERATES_WITH",
            "weight": 1,
            "claims": 1,
            "first_date": None,
            "last_date": None,
        }
    )
    return AnalysisGraph(actors=actors, links=links)


def _peak_mb() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


def _cpu() -> float:
    """CPU seconds of this process and its finished workers (other sessions' load excluded)."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def _networkx(a: sp.csr_array) -> Any:
    import networkx as nx

    from ecox.queries.betweenness import undirected_edges

    lo, hi = undirected_edges(a)
    graph = nx.Graph()
    graph.add_nodes_from(range(a.shape[0]))
    graph.add_edges_from(zip(lo.tolist(), hi.tolist(), strict=True))
    return graph


def _child(kind: str, n: int, seed: int, esize_max: int, workers: int, queue: Any) -> None:
    from ecox.queries.betweenness import betweenness_pairs, broker_scores, skeleton
    from ecox.queries.brokerage import brokerage_counts
    from ecox.queries.brokers import brokers, burt_arrays

    t0 = time.perf_counter()
    ag = _analysis_graph(n, seed)
    a = skeleton(ag.adjacency.undirected())
    out: dict[str, Any] = {"build_s": time.perf_counter() - t0, "edges": a.nnz // 2}
    out["max_deg"] = int(np.diff(a.indptr).max())
    t0 = time.perf_counter()
    c0 = _cpu()
    if kind == "betweenness":
        betweenness_pairs(a, method="sampled", k=K, seed=0, workers=workers, progress=False)
        out["seconds"] = time.perf_counter() - t0
    elif kind == "burt":
        burt_arrays(a)
        out["seconds"] = time.perf_counter() - t0
    elif kind == "roles":
        counts = brokerage_counts(a, ag.adjacency.primary)
        out["seconds"] = time.perf_counter() - t0
        out["two_paths"] = int(counts.sum())
    elif kind == "table":
        table = brokers(ag, top=100, betweenness="sampled", k=K, seed=0, workers=workers)
        out["seconds"] = time.perf_counter() - t0
        out["top"] = str(table.loc[0, "type"])
    elif kind == "nx_betweenness":
        import networkx as nx

        graph = _networkx(a)
        out["nx_build_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        c0 = _cpu()
        ref = nx.betweenness_centrality(graph, k=K, seed=0)
        out["seconds"] = time.perf_counter() - t0
        out["cpu_s"] = _cpu() - c0
        ours = broker_scores(betweenness_pairs(a, method="sampled", k=K, seed=0, workers=1)[0])
        out["max_diff"] = float(np.max(np.abs(ours - np.array([ref[i] for i in range(n)]))))
    elif kind == "nx_burt":
        import networkx as nx

        graph = _networkx(a)
        out["nx_build_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        c0 = _cpu()
        con = nx.constraint(graph)
        out["constraint_s"] = time.perf_counter() - t0
        out["cpu_s"] = _cpu() - c0
        ours_c, ours_e = burt_arrays(a)
        ref_c = np.array([con[i] for i in range(n)])
        out["max_diff"] = float(np.nanmax(np.abs(ours_c - ref_c)))
        out["seconds"] = out["constraint_s"]
        if n <= esize_max:
            t1 = time.perf_counter()
            eff = nx.effective_size(graph)
            out["esize_s"] = time.perf_counter() - t1
            out["seconds"] += out["esize_s"]
            ref_e = np.array([eff[i] for i in range(n)])
            out["max_diff"] = max(out["max_diff"], float(np.nanmax(np.abs(ours_e - ref_e))))
    else:
        raise ValueError(kind)
    out["cpu_s"] = _cpu() - c0
    out["peak_mb"] = _peak_mb()
    queue.put(out)


def _exact_child(path: str, workers: int, queue: Any) -> None:
    from ecox.queries.brokers import brokers
    from ecox.store.files import read_graph

    t0 = time.perf_counter()
    c0 = _cpu()
    graph = read_graph(Path(path))
    exact = brokers(graph, betweenness="exact", workers=workers)
    out: dict[str, Any] = {"seconds": time.perf_counter() - t0, "cpu_s": _cpu() - c0}
    out["peak_mb"] = _peak_mb()
    out["actors"] = len(exact)
    out["top"] = exact["name"].head(10).tolist()
    out["scores"] = exact["broker_score"].head(10).tolist()
    sampled = brokers(graph, betweenness="sampled", k=K, seed=0, workers=1, progress=False)
    out["shared"] = len(set(out["top"]) & set(sampled["name"].head(10)))
    queue.put(out)


def run_exact(path: str, workers: int) -> None:
    """Time the exact broker table of a graph file in a fresh process and print its top 10."""
    out = run_forked(_exact_child, (path, workers))
    if out is None:
        raise SystemExit(f"exact broker table of {path} failed")
    print(
        f"{path}: {out['actors']:,} actors, exact broker table (read included) in "
        f"{out['seconds']:.1f} s wall, {out['cpu_s']:.1f} s CPU on {workers} process(es), "
        f"peak {out['peak_mb']:.0f} MB"
    )
    for rank, (name, score) in enumerate(zip(out["top"], out["scores"], strict=True), start=1):
        print(f"{rank:>3}. {name}  {score:.4f}")
    print(f"the default table (sampled, {K} sources) shares {out['shared']} of these 10")


def run(kind: str, n: int, seed: int, esize_max: int, workers: int) -> dict[str, Any]:
    out = run_forked(_child, (kind, n, seed, esize_max, workers))
    if out is None:
        raise SystemExit(f"{kind} at {n} actors failed")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--nx-max", type=int, default=100_000, help="largest size for networkx")
    parser.add_argument(
        "--nx-esize-max",
        type=int,
        default=20_000,
        help="largest size for nx.effective_size (dense n x n matrix)",
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--workers", type=int, default=2, help="processes for our betweenness (networkx: 1)"
    )
    parser.add_argument("--exact-graph", metavar="FILE", help="time the exact table of FILE")
    args = parser.parse_args()
    if args.exact_graph:
        run_exact(args.exact_graph, args.workers)
        return
    print(
        f"synthetic typed ecosystems, 5 links per actor, seed={args.seed}; {K} sampled "
        f"sources; our betweenness on {args.workers} processes. Wall seconds (s) and CPU "
        "seconds (cpu, workers included: what the run costs without other load)."
    )
    header = (
        f"{'actors':>9} {'edges':>9} {'maxdeg':>6} | {'measure':<11} {'ours s':>7} {'cpu':>7} "
        f"{'peak MB':>7} | {'nx s':>8} {'cpu':>8} {'peak MB':>7} {'ratio':>6} {'max diff':>8}"
    )
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        for kind in ("betweenness", "burt", "roles", "table"):
            ours = run(kind, n, args.seed, args.nx_esize_max, args.workers)
            row = (
                f"{n:>9,} {ours['edges']:>9,} {ours['max_deg']:>6,} | {kind:<11} "
                f"{ours['seconds']:>7.2f} {ours['cpu_s']:>7.2f} {ours['peak_mb']:>7.0f} | "
            )
            if kind in ("betweenness", "burt") and n <= args.nx_max:
                ref = run(f"nx_{kind}", n, args.seed, args.nx_esize_max, 1)
                note = ""
                if kind == "burt" and "esize_s" not in ref:
                    note = "  (nx: constraint only; effective_size needs a dense n x n matrix)"
                row += (
                    f"{ref['seconds']:>8.2f} {ref['cpu_s']:>8.2f} {ref['peak_mb']:>7.0f} "
                    f"{ref['cpu_s'] / ours['cpu_s']:>6.1f} {ref['max_diff']:>8.1e}{note}"
                )
            else:
                row += f"{'-':>8} {'-':>8} {'-':>7} {'-':>6} {'-':>8}"
            print(row, flush=True)
        print(f"{'':>9} (graph build in each child: {ours['build_s']:.1f} s)", flush=True)


if __name__ == "__main__":
    main()
