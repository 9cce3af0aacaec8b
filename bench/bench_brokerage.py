"""Benchmark: exact brokerage roles, sparse core against the per-node Python oracle.

Generates a seeded heavy-tailed typed directed graph straight as arrays
(Chung–Lu style: arc ends drawn with weights ``(i + 10) ** (-1 / (gamma - 1))``,
independently permuted for out- and in-degree; self-loops and repeats dropped;
11 groups with skewed sizes, like the ecox node types), 5 arcs per node, then
times in a fresh child process per measurement:

- ``sparse``: :func:`queries.brokerage.brokerage_counts` on the CSR;
- ``nx build``: building the ``networkx.DiGraph`` from the same arrays;
- ``nx front``: :func:`queries.brokerage.brokerage_roles` on it (converts once);
- ``oracle``: :func:`queries.brokerage.brokerage_roles_python` (10k and 100k only).

Peak memory is the child's ``ru_maxrss`` (whole process, graph included), with
the resident size just before the timed call. Ratios are oracle / sparse, in
this run. Usage::

    python bench/bench_brokerage.py                 # 10k, 100k, 1M
    python bench/bench_brokerage.py --sizes 10000 --gamma 2.3
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.forked import run_forked
from ecox.queries.brokerage import (
    brokerage_counts,
    brokerage_roles,
    brokerage_roles_python,
)

TYPES = (
    "Enterprise", "Person", "Investor", "Entrepreneur", "Scientist", "Fund",
    "Bank", "Institute", "Government", "Park", "Platform",
)  # fmt: skip
TYPE_SHARE = np.array([30, 14, 12, 10, 8, 7, 6, 5, 4, 2, 2], dtype=float)


def make_arrays(
    n: int, seed: int, gamma: float, per_node: int = 5, correlated: bool = False
) -> dict[str, Any]:
    """Heavy-tailed typed digraph as (src, dst, groups) arrays; no networkx.

    With ``correlated`` the same nodes are hubs for in- and out-arcs (far more
    two-paths through them).
    """
    rng = np.random.default_rng(seed)
    w = (np.arange(n) + 10.0) ** (-1.0 / (gamma - 1.0))
    w /= w.sum()
    m = per_node * n
    perm_out = rng.permutation(n)
    perm_in = perm_out if correlated else rng.permutation(n)
    src = perm_out[rng.choice(n, size=m, p=w)]
    dst = perm_in[rng.choice(n, size=m, p=w)]
    keys = np.unique(src[src != dst] * n + dst[src != dst])
    groups = rng.choice(len(TYPES), size=n, p=TYPE_SHARE / TYPE_SHARE.sum())
    return {"src": keys // n, "dst": keys % n, "groups": groups, "n": n}


def _rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * resource.getpagesize() / 2**20


def _child(kind: str, n: int, seed: int, gamma: float, correlated: bool, queue: Any) -> None:
    g = make_arrays(n, seed, gamma, correlated=correlated)
    result: dict[str, Any] = {"arcs": len(g["src"])}
    indeg = np.bincount(g["dst"], minlength=n)
    outdeg = np.bincount(g["src"], minlength=n)
    result["max_deg"] = int(max(indeg.max(), outdeg.max()))
    result["two_paths"] = int(np.dot(indeg, outdeg))
    if kind == "sparse":
        t0 = time.perf_counter()
        a = sp.csr_array(
            (np.ones(len(g["src"]), dtype=np.int8), (g["src"], g["dst"])), shape=(n, n)
        )
        result["csr_s"] = time.perf_counter() - t0
        before = _rss_mb()
        t0 = time.perf_counter()
        counts = brokerage_counts(a, g["groups"])
        result["seconds"] = time.perf_counter() - t0
        result["checksum"] = counts.sum(axis=0).tolist()
    else:
        import networkx as nx

        t0 = time.perf_counter()
        graph = nx.DiGraph()
        graph.add_nodes_from(
            (i, {"type": TYPES[c]}) for i, c in enumerate(g["groups"].tolist())
        )
        graph.add_edges_from(zip(g["src"].tolist(), g["dst"].tolist(), strict=True))
        result["nx_build_s"] = time.perf_counter() - t0
        before = _rss_mb()
        t0 = time.perf_counter()
        front = brokerage_roles(graph)
        result["front_s"] = time.perf_counter() - t0
        t0 = time.perf_counter()
        oracle = brokerage_roles_python(graph)
        result["seconds"] = time.perf_counter() - t0
        cols = ["coordinator", "itinerant", "representative", "gatekeeper", "liaison"]
        result["checksum"] = oracle[cols].sum().tolist()
        result["front_equal"] = bool(front.equals(oracle))
    result["rss_before_mb"] = before
    result["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    queue.put(result)


def run(kind: str, n: int, seed: int, gamma: float, correlated: bool) -> dict[str, Any]:
    out = run_forked(_child, (kind, n, seed, gamma, correlated))
    if out is None:
        raise SystemExit(f"{kind} at {n} actors failed")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--oracle-max", type=int, default=100_000)
    parser.add_argument("--gamma", type=float, default=2.5, help="degree exponent")
    parser.add_argument("--seed", type=int, default=20260101)
    parser.add_argument(
        "--correlated", action="store_true", help="same hubs for in- and out-arcs"
    )
    args = parser.parse_args()
    print(f"heavy-tailed typed digraph, 5 arcs/node drawn, gamma={args.gamma}, "
          f"correlated={args.correlated}, seed={args.seed}")
    header = (
        f"{'nodes':>9} {'arcs':>9} {'maxdeg':>7} {'two-paths':>13} | {'sparse s':>8} "
        f"{'peak MB':>8} | {'nx build':>8} {'nx front':>8} {'oracle s':>9} {'peak MB':>8} "
        f"| {'oracle/sparse':>13} {'front/sparse':>12} agree"
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"load average before the run: {load} (2-core machine shared with other work)")
    print(header)
    print("-" * len(header))
    for n in args.sizes:
        fast = run("sparse", n, args.seed, args.gamma, args.correlated)
        row = (
            f"{n:>9,} {fast['arcs']:>9,} {fast['max_deg']:>7,} {fast['two_paths']:>13,} | "
            f"{fast['seconds']:>8.2f} {fast['peak_mb']:>8.0f} | "
        )
        if n <= args.oracle_max:
            slow = run("oracle", n, args.seed, args.gamma, args.correlated)
            agree = slow["checksum"] == fast["checksum"] and slow["front_equal"]
            row += (
                f"{slow['nx_build_s']:>8.2f} {slow['front_s']:>8.2f} {slow['seconds']:>9.2f} "
                f"{slow['peak_mb']:>8.0f} | {slow['seconds'] / fast['seconds']:>13.1f} "
                f"{slow['front_s'] / fast['seconds']:>12.1f} {agree}"
            )
        else:
            row += f"{'-':>8} {'-':>8} {'-':>9} {'-':>8} | {'-':>13} {'-':>12} -"
        print(row, flush=True)
        print(f"    sparse role totals: {fast['checksum']}", flush=True)


if __name__ == "__main__":
    main()
