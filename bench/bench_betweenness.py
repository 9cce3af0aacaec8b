"""Benchmark: betweenness estimators against exact, and their time at a million actors.

On synthetic ecosystems (:func:`graph.synthetic.synthetic_analysis_graph`, 5
links per actor), on the undirected skeleton the broker table uses, every
estimator's broker scores are compared with the exact ones
(:func:`queries.betweenness.betweenness_pairs`, ``method="exact"``, both
cores): how many of the exact top 100 and top 1,000 it ranks there too, its
largest error and its mean error over the exact top 100 (broker score, in
``[0, 1]``). Estimators:

- ``sampled k``: ``k`` sampled sources (igraph searches, both cores), as
  ``networkx.betweenness_centrality(k=…)``;
- ``kadabra eps``: networkit's KADABRA, rescaled to the broker score
  (``method="kadabra"``, both threads);
- ``estimate k``: networkit's ``EstimateBetweenness`` (``k`` sampled sources,
  Brandes–Pich, both threads).

Times are wall and CPU seconds of this process and its workers. ``--no-exact``
times the estimators alone (1M actors: exact takes days). The exact scores of a
size are kept in ``--exact-dir`` (default the system temporary folder) and
reused. Usage::

    python bench/bench_betweenness.py --sizes 10000 100000
    python bench/bench_betweenness.py --sizes 1000000 --no-exact --only kadabra
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ecox.graph.synthetic import synthetic_analysis_graph
from ecox.queries.betweenness import betweenness_pairs, broker_scores, skeleton, undirected_edges

FloatArray = np.ndarray


def _cpu() -> float:
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def _estimators(a: object) -> dict[str, Callable[[], FloatArray]]:
    import networkit as nk

    n = a.shape[0]  # type: ignore[attr-defined]
    lo, hi = undirected_edges(a)  # type: ignore[arg-type]
    graph = nk.GraphFromCoo(
        (np.ones(len(lo)), (lo.astype(np.uint64), hi.astype(np.uint64))),
        n=n, directed=False, weighted=False,
    )  # fmt: skip

    def ours(method: str, **kw: float) -> Callable[[], FloatArray]:
        return lambda: broker_scores(
            betweenness_pairs(a, method=method, workers=2, progress=False, **kw)[0]  # type: ignore
        )

    def estimate(k: int) -> Callable[[], FloatArray]:
        def run() -> FloatArray:
            nk.setNumberOfThreads(2)
            est = nk.centrality.EstimateBetweenness(graph, k, True, True)
            est.run()
            return np.asarray(est.scores())

        return run

    return {
        "sampled 256": ours("sampled", k=256),
        "sampled 1024": ours("sampled", k=1024),
        "kadabra 0.01": ours("kadabra", eps=0.01),
        "kadabra 0.005": ours("kadabra", eps=0.005),
        "estimate 256": estimate(256),
        "estimate 1024": estimate(1024),
    }


def _compare(exact: FloatArray, score: FloatArray) -> str:
    def top(values: FloatArray, k: int) -> set[int]:
        return set(np.argsort(-values, kind="stable")[:k].tolist())

    best = np.argsort(-exact, kind="stable")[:100]
    error = np.abs(score - exact)
    hundred, thousand = (
        len(top(exact, 100) & top(score, 100)),
        len(top(exact, 1000) & top(score, 1000)),
    )
    return f"{hundred:>7} {thousand:>8} {error.max():>9.2e} {error[best].mean():>11.2e}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--no-exact", action="store_true", help="time the estimators only")
    parser.add_argument("--only", nargs="+", help="estimator names starting with these")
    parser.add_argument("--exact-dir", type=Path, default=Path(tempfile.gettempdir()))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print(f"{'actors':>9} {'estimator':>14} {'wall s':>8} {'CPU s':>8} {'top100':>7} "
          f"{'top1000':>8} {'max err':>9} {'mean err100':>11}")  # fmt: skip
    for n in args.sizes:
        a = skeleton(synthetic_analysis_graph(n, seed=args.seed).adjacency.undirected())
        exact = None
        if not args.no_exact:
            stored = args.exact_dir / f"ecox-exact-betweenness-{n}-{args.seed}.npy"
            if stored.exists():
                exact = np.load(stored)
            else:
                t0, c0 = time.perf_counter(), _cpu()
                exact = broker_scores(betweenness_pairs(a, method="exact", workers=2)[0])
                np.save(stored, exact)
                print(f"{n:>9} {'exact':>14} {time.perf_counter() - t0:>8.1f} "
                      f"{_cpu() - c0:>8.1f}", flush=True)  # fmt: skip
        for name, run in _estimators(a).items():
            if args.only and not any(name.startswith(o) for o in args.only):
                continue
            t0, c0 = time.perf_counter(), _cpu()
            score = run()
            wall, cpu = time.perf_counter() - t0, _cpu() - c0
            cells = _compare(exact, score) if exact is not None else ""
            print(f"{n:>9} {name:>14} {wall:>8.1f} {cpu:>8.1f} {cells}", flush=True)


if __name__ == "__main__":
    main()
