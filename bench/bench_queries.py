"""Benchmark: triads and gaps on the sparse adjacency against plain networkx, in one run.

For each size (default 10k, 100k and 1M actors, 5 links per actor, from
:func:`graph.synthetic.synthetic_analysis_graph`) a fresh child process
builds the graph and its typed adjacency (timed apart: once per graph), then
times each query:

- ``triads``: :func:`queries.triads.complete_triads`;
- ``open``: :func:`queries.triads.open_triads`;
- ``census``: :func:`queries.triads.triad_census` for (Scientist, Enterprise, Investor);
- ``fill``: :func:`queries.gaps.fill_candidates` (top 5 per one-short triad);
- ``links``: :func:`queries.gaps.missing_links` (top 20).

The plain networkx versions of the same definitions, returning the same
table (names and a reason per row, built by loops), run in their own child
processes on ``AnalysisGraph.to_networkx()`` (its build time is reported
apart), up to ``--nx-max`` actors (default 100k; at 1M the networkx graph
alone takes minutes and gigabytes): the oracles of
:mod:`queries.triads_oracle` for triads, open triads, census and missing
links, and for fill candidates a careful two-hop loop (:func:`fill_loop`
below; the oracle's all-candidates loop is quadratic). At the smallest size
the loop's top-5 lists are checked against the fast ones. A baseline that
exceeds ``--timeout`` seconds is reported as ``>timeout``.

Each query gets wall seconds and CPU seconds of its process (``time.process_time``;
on a shared machine the wall time grows with the load, the CPU time much less);
ratios are of CPU seconds. Peak memory is the child's ``ru_maxrss`` (graph
included). The fast child keeps freed memory for reuse, as the ``ecox triads`` and
``ecox gaps`` commands do (:func:`graph.machine.reuse_freed_memory`; every thread on one
heap, :func:`graph.machine.one_heap`). Usage::

    python bench/bench_queries.py                      # 10k, 100k, 1M
    python bench/bench_queries.py --sizes 10000 100000 --nx-max 10000
"""

# ruff: noqa: E402 (every thread on one heap is set before pyarrow is imported)
from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import resource
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from ecox.graph.machine import one_heap, reuse_freed_memory

one_heap()  # before pyarrow starts a thread, as the `ecox` program does
import networkx as nx
import pandas as pd

from bench.forked import run_forked
from ecox.graph.synthetic import synthetic_analysis_graph
from ecox.queries import triads_oracle as oracle
from ecox.queries.gaps import fill_candidates, missing_links
from ecox.queries.triads import (
    ROLE_NEEDS,
    ROLE_RELATIONS,
    ROLE_TYPES,
    ROLES,
    complete_triads,
    open_triads,
    triad_census,
)

QUERIES = ("triads", "open", "census", "fill", "links")
CENSUS = ("Scientist", "Enterprise", "Investor")


def _peak_gb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2


def fill_loop(graph: nx.DiGraph, top: int = 5) -> dict[tuple[Any, str], list[Any]]:
    """Plain networkx fill candidates: two-hop loops from each one-short triad's enterprise.

    Same definition as :func:`queries.gaps.fill_candidates` (scores, support,
    exclusions, ties by id); returns (enterprise, missing) → ranked candidates.
    """
    und = nx.Graph(graph)
    und.remove_edges_from(nx.selfloop_edges(und))
    types = {v: set(str(d["types"]).split("|")) for v, d in und.nodes(data=True)}
    deg = dict(und.degree())
    holders = oracle.role_holders_nx(graph)
    roles_of: dict[Any, dict[str, set[Any]]] = defaultdict(lambda: defaultdict(set))
    for ent, roles in holders.items():  # actor → role → ventures
        for role, members in roles.items():
            for m in members:
                roles_of[m][role].add(ent)
    missing_at = {(o[0], o[4]) for o in oracle.open_triads_nx(graph)}
    out = {}
    for ent, missing in sorted(missing_at, key=str):
        team = set().union(*holders[ent].values())
        wanted = set(ROLE_TYPES[missing])
        score: dict[Any, float] = defaultdict(float)
        for w in und.neighbors(ent):
            if deg[w] < 2:  # a partner of ent alone is shared with nobody
                continue
            bonus = 1.0 / math.log(deg[w]) + 1.0 / deg[w] + ("Park" in types[w])
            for x in und.neighbors(w):
                if x != ent and x not in team and types[x] & wanted:
                    score[x] += bonus
        if missing == "investor":
            members = holders[ent]["scientist"] | holders[ent]["entrepreneur"]
            for m in members:
                backers = set()
                for v in roles_of[m]["scientist"] | roles_of[m]["entrepreneur"]:
                    backers |= holders[v]["investor"]
                for x in backers - team - {ent}:
                    score[x] += 1
        else:
            for c in holders[ent]["investor"]:
                held = set()
                for v in roles_of[c]["investor"]:
                    held |= holders[v][missing]
                for x in held - team - {ent}:
                    score[x] += 1
        ranked = sorted(score, key=lambda x: (-round(score[x], 12), str(x)))
        if ranked:
            out[(ent, missing)] = ranked[:top]
    return out


_VERBS = {
    "FOUNDED": "founded it", "LEADS": "leads it", "AFFILIATED_WITH": "works at it",
    "TRANSFERRED_TECH": "transferred technology to it", "COOPERATES_WITH": "cooperates with it",
    "INVESTED_IN": "invested in it", "LENT_TO": "lent to it",
}  # fmt: skip


def triad_table(graph: nx.DiGraph, rows: set[tuple]) -> pd.DataFrame:
    """The plain version of the output table: names and a reason per triad row, by loops."""
    name = nx.get_node_attributes(graph, "name")
    records = []
    for row in sorted(rows, key=lambda r: tuple(str(v) for v in r)):
        ent, members = row[0], row[1:4]
        phrases = []
        for role, actor in zip(ROLES, members, strict=True):
            if actor is None:
                continue
            rels = str(graph.edges[actor, ent]["relations"]).split("|")
            verb = " and ".join(_VERBS[r] for r in ROLE_RELATIONS[role] if r in rels)
            phrases.append(f"{name[actor]} {verb}")
        reason = ", ".join(phrases) + (f"; missing {ROLE_NEEDS[row[4]]}" if len(row) > 4 else "")
        records.append({"enterprise": ent, "enterprise_name": name[ent],
                        **{r: a for r, a in zip(ROLES, members, strict=True)},
                        **{f"{r}_name": name.get(a) for r, a in zip(ROLES, members, strict=True)},
                        "reason": reason})
    return pd.DataFrame(records)


def fill_table(graph: nx.DiGraph, ranked: dict[tuple[Any, str], list[Any]]) -> pd.DataFrame:
    """The plain version of the fill table: shared partners named and a reason per candidate."""
    und = nx.Graph(graph)
    name = nx.get_node_attributes(graph, "name")
    records = []
    for (ent, missing), candidates in ranked.items():
        for rank, cand in enumerate(candidates, 1):
            shared = sorted(set(und[ent]) & set(und[cand]), key=lambda w: (und.degree(w), str(w)))
            listed = ", ".join(name[w] for w in shared[:3])
            reason = (f"{name[cand]} could fill the {missing} role at {name[ent]}: shares "
                      f"{len(shared)} partners with {name[ent]}: {listed}")
            records.append({"enterprise": ent, "missing": missing, "rank": rank,
                            "candidate": cand, "candidate_name": name[cand], "reason": reason})
    return pd.DataFrame(records)


def _fast(n: int, seed: int, queue: mp.Queue) -> None:
    reuse_freed_memory()  # as `ecox triads` and `ecox gaps` do
    t0 = time.perf_counter()
    graph = synthetic_analysis_graph(n, seed=seed)
    build = time.perf_counter() - t0
    t0 = time.perf_counter()
    graph.adjacency.undirected()
    adjacency = time.perf_counter() - t0
    times, cpu, rows = {}, {}, {}
    calls = {
        "triads": lambda: complete_triads(graph),
        "open": lambda: open_triads(graph),
        "census": lambda: triad_census(graph, CENSUS),
        "fill": lambda: fill_candidates(graph, top=5),
        "links": lambda: missing_links(graph, top=20),
    }
    results = {}
    for name in QUERIES:
        t0, c0 = time.perf_counter(), time.process_time()
        frame = calls[name]()
        times[name], cpu[name] = time.perf_counter() - t0, time.process_time() - c0
        rows[name] = len(frame)
        results[name] = frame
    fill = results["fill"]
    scored = fill[(fill["common"] > 0) | (fill["co_investors"] > 0)]  # as fill_loop: supported
    fill_top = {
        (e, m): list(g["candidate"])
        for (e, m), g in scored.groupby(["enterprise", "missing"], sort=False)
    } if n <= 20_000 else None
    queue.put({"build": build, "adjacency": adjacency, "times": times, "cpu": cpu, "rows": rows,
               "peak": _peak_gb(), "links": len(graph.links), "fill_top": fill_top})


def _networkx(n: int, seed: int, name: str, queue: mp.Queue) -> None:
    graph = synthetic_analysis_graph(n, seed=seed)
    t0 = time.perf_counter()
    nxg = graph.to_networkx()
    build = time.perf_counter() - t0
    t0, c0 = time.perf_counter(), time.process_time()
    result: Any
    if name == "triads":
        result = len(triad_table(nxg, oracle.complete_triads_nx(nxg)))
    elif name == "open":
        result = len(triad_table(nxg, oracle.open_triads_nx(nxg)))
    elif name == "census":
        result = oracle.triad_census_nx(nxg, *CENSUS)
    elif name == "fill":
        result = fill_loop(nxg, top=5)
        fill_table(nxg, result)
    else:
        result = len(oracle.missing_links_nx(nxg, 20))
    queue.put({"build": build, "time": time.perf_counter() - t0,
               "cpu": time.process_time() - c0, "peak": _peak_gb(),
               "result": result if name == "fill" and n <= 20_000 else None})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--nx-max", type=int, default=100_000, help="largest size for networkx")
    parser.add_argument("--timeout", type=float, default=600, help="seconds per networkx query")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{'actors':>9} {'links':>9} {'query':>7} {'rows':>9} {'sparse s':>9} "
          f"{'networkx s':>11} {'cpu s':>7} {'nx cpu s':>9} {'ratio':>7} {'peak GB':>8} "
          f"{'nx peak':>8}")
    for n in args.sizes:
        fast = run_forked(_fast, (n, args.seed), 3600)
        if fast is None:
            print(f"{n:>9} fast run failed")
            continue
        print(f"{n:>9} {fast['links']:>9} {'build':>7} {'':>9} {fast['build']:>9.2f} "
              f"{'':>11} {'':>7} {fast['peak']:>8.2f}   (graph from arrays)")
        print(f"{n:>9} {'':>9} {'adj':>7} {'':>9} {fast['adjacency']:>9.2f}   "
              "(undirected adjacency, once per graph)")
        total = cpu_total = 0.0
        nx_total = nx_cpu_total = 0.0
        nx_complete = True
        for name in QUERIES:
            t, c = fast["times"][name], fast["cpu"][name]
            total += t
            cpu_total += c
            base = None
            if n <= args.nx_max:
                base = run_forked(_networkx, (n, args.seed, name), args.timeout)
            nx_cpu = ""
            if base is None:
                nx_cell, ratio, nx_peak = (
                    (f">{args.timeout:.0f}", "", "") if n <= args.nx_max else ("—", "", "")
                )
                nx_complete = False
            else:
                nx_total += base["time"]
                nx_cpu_total += base["cpu"]
                nx_cell, nx_cpu = f"{base['time']:.2f}", f"{base['cpu']:.2f}"
                ratio = f"{base['cpu'] / max(c, 1e-9):.0f}×"
                nx_peak = f"{base['peak']:.2f}"
                if name == "fill" and base["result"] is not None and fast["fill_top"] is not None:
                    agree = base["result"] == fast["fill_top"]
                    nx_cell += "" if agree else " (DIFFERS)"
            print(f"{n:>9} {'':>9} {name:>7} {fast['rows'][name]:>9} {t:>9.2f} {nx_cell:>11} "
                  f"{c:>7.2f} {nx_cpu:>9} {ratio:>7} {'':>8} {nx_peak:>8}")
        whole = nx_complete and n <= args.nx_max
        ratio_all = f"{nx_cpu_total / cpu_total:.0f}×" if whole else ""
        nx_all = f"{nx_total:.2f}" if whole else "—"
        nx_cpu_all = f"{nx_cpu_total:.2f}" if whole else "—"
        print(f"{n:>9} {'':>9} {'total':>7} {'':>9} {total:>9.2f} {nx_all:>11} "
              f"{cpu_total:>7.2f} {nx_cpu_all:>9} {ratio_all:>7} {fast['peak']:>8.2f}")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
