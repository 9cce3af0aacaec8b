"""Benchmark: the user's path through the CLI, in fresh processes, against plain networkx/pandas.

For each size (``--sizes``, default 10k and 100k actors, 5 links per actor) a
seeded synthetic claim graph (:func:`graph.synthetic.synthetic_claim_graph`)
is written as the two CSV tables ``ecox export`` writes, in one folder (not timed). Then each
command runs in its own fresh process, as a user runs it, one after the other
on the graph file ``ecox load`` wrote (``--suffix``, default ``.parquet``, the working
file; ``.json`` for graph JSON)::

    load     ecox load tables/ -o g.parquet       (actors.csv, claims.csv)
    info     ecox info g.parquet
    brokers  ecox brokers g.parquet --top 20 --csv …
    triads   ecox triads g.parquet --csv …
    gaps     ecox gaps g.parquet --csv …         (fill candidates)
    render   ecox render g.parquet --top 2000 -o …
    report   ecox report g.parquet -o …

with a fresh cache folder (``ECOX_CACHE_DIR``) per size, so ``report`` may
reuse what ``brokers`` cached. Each row gives wall seconds, CPU seconds (user +
system of the process and its workers, from ``os.wait4``) and peak resident
memory (its ``ru_maxrss``). Beside them, the same work in plain networkx and
pandas, also one fresh process per step (:func:`baseline`): ``load`` reads the
CSVs with pandas, builds a networkx graph and writes it as node-link JSON; every
later step reads that JSON back; ``brokers`` is
``networkx.betweenness_centrality(k=256)`` and degrees; ``triads`` the
networkx oracle of complete triads with a named table; ``gaps`` the careful
two-hop fill loop of ``bench/bench_queries.py``; ``render`` a pyvis page of
the 2,000 highest-degree actors; ``report`` brokers + triads + gaps in one
process. The networkx side runs up to ``--nx-max`` actors (default 100k;
above, it takes hours and is skipped, said so in the table).

``--markdown`` prints the same rows once more at the end as a Markdown table for the
README, with the load average when each step ended and, at 1M actors, the issue's target
for the step judged on wall seconds and peak memory (:data:`TARGETS`).

``--startup`` instead measures command start: the median CPU of ``ecox
--help`` and ``ecox --version`` against bare Python (target ≤ 0.5 s). Usage::

    python bench/bench_cli.py                          # 10k and 100k
    python bench/bench_cli.py --sizes 1000000 --nx-max 0 --tables-dir t1m/ --work-dir b1m/
    python bench/bench_cli.py --startup [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

__all__ = ["baseline", "cpu_seconds", "main", "measure"]

TARGET = 0.5
STEPS = ("load", "info", "brokers", "triads", "gaps", "render", "report")
# issue 15's targets at 1M actors (wall seconds of a fresh process), each also ≤ 6 GB
TARGETS = {"load": 60, "info": 3, "brokers": 60, "triads": 15, "gaps": 20, "render": 20,
           "report": 90}  # fmt: skip
TARGET_SIZE, TARGET_GB = 1_000_000, 6.0


def measure(argv: list[str], env: dict[str, str] | None = None, timeout: float = 3600) -> dict:
    """Wall seconds, CPU seconds and peak memory (GB) of a fresh process running ``argv``."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    deadline = time.monotonic() + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            proc.kill()
            _, status, usage = os.wait4(proc.pid, 0)
            proc.returncode = os.waitstatus_to_exitcode(status)
            return {"error": f">{timeout:.0f} s"}
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
    if proc.returncode != 0:
        return {"error": f"exit {proc.returncode}: {err.strip().splitlines()[-1:]}"}
    return {
        "wall": time.perf_counter() - t0,
        "cpu": usage.ru_utime + usage.ru_stime,
        "peak": usage.ru_maxrss / 1024**2,
    }


def cpu_seconds(argv: list[str]) -> float:
    """CPU seconds (user + system) that a fresh process running ``argv`` used."""
    out = measure(argv)
    if "error" in out:
        raise RuntimeError(f"{argv}: {out['error']}")
    return float(out["cpu"])


def _ecox() -> list[str]:
    script = Path(sys.executable).with_name("ecox")  # the installed console script
    return [str(script)] if script.exists() else [sys.executable, "-m", "ecox.cli"]


def _write_tables(n: int, seed: int, folder: Path) -> list[Path]:
    from ecox.graph.synthetic import synthetic_claim_graph
    from ecox.store.files import to_csv_tables

    tables = to_csv_tables(synthetic_claim_graph(n, seed=seed))
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in tables.items():  # one folder: its two tables are one input
        path = folder / f"{name}.csv"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _commands(tables: list[Path], graph: Path, out: Path) -> dict[str, list[str]]:
    ecox, g = _ecox(), str(graph)
    return {
        "load": [*ecox, "load", str(tables[0].parent), "-o", g],
        "info": [*ecox, "info", g],
        "brokers": [*ecox, "brokers", g, "--top", "20", "--csv", str(out / "brokers.csv")],
        "triads": [*ecox, "triads", g, "--csv", str(out / "triads.csv")],
        "gaps": [*ecox, "gaps", g, "--csv", str(out / "gaps.csv")],
        "render": [*ecox, "render", g, "--top", "2000", "-o", str(out / "view.html")],
        "report": [*ecox, "report", g, "-o", str(out / "report.html")],
    }


# --------------------------------------------------------------------------- plain side


def _nx_graph(tables: list[Path]) -> Any:
    """The claim tables as a networkx DiGraph the oracles read (pandas + loops)."""
    import networkx as nx
    import pandas as pd

    actors = pd.read_csv(tables[0], dtype=str, keep_default_na=False)
    claims = pd.read_csv(tables[1], dtype=str, keep_default_na=False)
    graph = nx.DiGraph()
    for row in actors.itertuples(index=False):
        graph.add_node(row.id, name=row.name, types=row.types, type=row.types.split("|")[0])
    for (source, target), rels in claims.groupby(["source", "target"])["type"]:
        graph.add_edge(source, target, relations="|".join(sorted(set(rels))), weight=len(rels))
    return graph


def _read_nx(path: Path) -> Any:
    import networkx as nx

    return nx.node_link_graph(json.loads(path.read_text()), edges="links")


def baseline(step: str, tables: list[Path], graph_file: Path, out: Path) -> None:
    """One step of the user's path in plain networkx/pandas (run in its own process)."""
    import networkx as nx
    import pandas as pd

    from bench.bench_queries import fill_loop, fill_table, triad_table
    from ecox.queries import triads_oracle as oracle

    if step == "load":
        data = nx.node_link_data(_nx_graph(tables), edges="links")
        graph_file.write_text(json.dumps(data, ensure_ascii=False))
        return
    graph = _read_nx(graph_file)
    if step == "info":
        types = pd.Series(dict(graph.nodes(data="type"))).value_counts()
        rels = pd.Series([r for *_, r in graph.edges(data="relations")]).str.split("|").explode()
        print(types.to_string(), rels.value_counts().to_string())
    if step in ("brokers", "report"):
        und = nx.Graph(graph)
        score = nx.betweenness_centrality(und, k=min(256, len(und)), seed=0)
        table = pd.DataFrame({"score": score, "degree": dict(und.degree())})
        table.nlargest(20, "score").to_csv(out / "nx_brokers.csv")
    if step in ("triads", "report"):
        triad_table(graph, oracle.complete_triads_nx(graph)).to_csv(out / "nx_triads.csv")
    if step in ("gaps", "report"):
        fill_table(graph, fill_loop(graph, top=5)).to_csv(out / "nx_gaps.csv")
    if step == "render":
        from pyvis.network import Network

        und = nx.Graph(graph)
        top = sorted(und.degree(), key=lambda d: -d[1])[:2000]
        page = Network(height="800px", width="100%")
        page.from_nx(und.subgraph([v for v, _ in top]).copy())
        (out / "nx_view.html").write_text(page.generate_html(), encoding="utf-8")


# --------------------------------------------------------------------------- driver


def _cell(result: dict | None) -> str:
    if result is None:
        return f"{'—':>8} {'':>8} {'':>7}"
    if "error" in result:
        return f"{result['error'][:25]:>25}"
    return f"{result['wall']:8.1f} {result['cpu']:8.1f} {result['peak']:7.2f}"


def verdict(n: int, step: str, result: dict) -> str:
    """The target of ``step`` at 1M actors and whether ``result`` meets it ('' below 1M).

    >>> verdict(1_000_000, "gaps", {"wall": 18.0, "cpu": 17.5, "peak": 2.0})
    '≤ 20 s ✔'
    >>> verdict(1_000_000, "report", {"wall": 80.0, "cpu": 79.0, "peak": 6.5})
    '≤ 90 s ✘ (6.5 GB)'
    """
    if n != TARGET_SIZE or "wall" not in result:
        return ""
    met = result["wall"] <= TARGETS[step] and result["peak"] <= TARGET_GB
    memory = "" if result["peak"] <= TARGET_GB else f" ({result['peak']:.1f} GB)"
    return f"≤ {TARGETS[step]} s {'✔' if met else '✘'}{memory}"


def markdown(rows: list[dict]) -> str:
    """The rows of a run as a Markdown table (wall, CPU, peak, load, target; networkx beside).

    >>> print(markdown([{"n": 10_000, "step": "info", "load": 1.2, "plain": None,
    ...                  "ours": {"wall": 0.9, "cpu": 0.8, "peak": 0.2}}]))
    | actors | step | wall s | CPU s | peak GB | load | target (1M, wall) | networkx CPU s | CPU × |
    |---|---|---|---|---|---|---|---|---|
    | 10,000 | info | 0.9 | 0.8 | 0.20 | 1.2 | | — | |
    """
    lines = [
        "| actors | step | wall s | CPU s | peak GB | load | target (1M, wall) | networkx CPU s "
        "| CPU × |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in rows:
        ours, plain = row["ours"], row["plain"]
        if "error" in ours:
            cells = f"{ours['error']} | | |"
        else:
            cells = f"{ours['wall']:.1f} | {ours['cpu']:.1f} | {ours['peak']:.2f}"
        nx_cpu, ratio = "—", ""
        if plain is not None:
            nx_cpu = plain["error"] if "error" in plain else f"{plain['cpu']:.1f}"
            if "cpu" in plain and "cpu" in ours:
                ratio = f"{plain['cpu'] / max(ours['cpu'], 1e-9):.1f}×"
        lines.append(
            f"| {row['n']:,} | {row['step']} | {cells} | {row['load']:.1f} "
            f"| {verdict(row['n'], row['step'], ours)} | {nx_cpu} | {ratio} |"
        )
    return "\n".join(lines)


def _given_tables(folder: Path) -> list[Path]:
    """The two tables of a folder written before (``actors.csv``, ``claims.csv``)."""
    tables = [folder / "actors.csv", folder / "claims.csv"]
    missing = [str(t) for t in tables if not t.is_file()]
    if missing:
        raise SystemExit(f"--tables-dir: missing {', '.join(missing)}")
    return tables


def run_path(
    n: int,
    seed: int,
    suffix: str,
    nx_max: int,
    timeout: float,
    tables_dir: Path | None = None,
    work_dir: Path | None = None,
    steps: tuple[str, ...] = STEPS,
) -> list[dict]:
    """Print the table rows of one size (tables read from ``tables_dir`` when given; the
    graph file and outputs kept in ``work_dir`` when given, its cache emptied first), for
    ``steps`` only (without ``load``, the graph file a previous run left in ``work_dir``);
    return them for :func:`markdown`."""
    rows = []
    with tempfile.TemporaryDirectory(prefix=f"ecox-bench-{n}-") as tmp:
        folder = Path(tmp) if work_dir is None else work_dir
        folder.mkdir(parents=True, exist_ok=True)
        me = [sys.executable, str(Path(__file__).resolve())]
        if tables_dir is None:
            # in a child process: a command's peak memory (ru_maxrss) starts from the
            # high-water mark of the process that forked it, so this one stays small
            argv = [*me, "--write-tables", str(n), "--seed", str(seed), "--out", str(folder)]
            subprocess.run(argv, check=True)
            tables = _given_tables(folder / "tables")
        else:
            tables = _given_tables(tables_dir)
        shutil.rmtree(folder / "cache", ignore_errors=True)
        env = dict(os.environ, ECOX_CACHE_DIR=str(folder / "cache"))
        commands = _commands(tables, folder / f"g{suffix}", folder)
        for step in steps:
            ours = measure(commands[step], env, timeout)
            plain = None
            if n <= nx_max:
                argv = [*me, "--baseline", step, "--tables", *map(str, tables),
                        "--graph", str(folder / "nx.json"), "--out", str(folder)]  # fmt: skip
                plain = measure(argv, env, timeout)
            ratio = ""
            if plain and "cpu" in plain and "cpu" in ours:
                ratio = f"{plain['cpu'] / max(ours['cpu'], 1e-9):6.1f}×"
            print(f"{n:>9} {step:>8} {_cell(ours)}   {_cell(plain)} {ratio:>7}", flush=True)
            rows.append({"n": n, "step": step, "ours": ours, "plain": plain,
                         "load": os.getloadavg()[0]})  # fmt: skip
        if n > nx_max:
            print(f"{n:>9} (networkx side skipped above {nx_max:,} actors)", flush=True)
    return rows


def startup(runs: int) -> int:
    """Median CPU seconds of ``ecox --help`` and ``--version`` against Python's own start."""
    ecox = _ecox()
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import pandas, networkx'": [sys.executable, "-c", "import pandas, networkx"],
        "python -c 'import ecox'": [sys.executable, "-c", "import ecox"],
        "ecox --help": [*ecox, "--help"],
        "ecox --version": [*ecox, "--version"],
    }
    medians = {}
    print(f"median CPU seconds of {runs} fresh processes (user + system)")
    for name, command in cases.items():
        times = [cpu_seconds(command) for _ in range(runs)]
        medians[name] = statistics.median(times)
        shown = " ".join(f"{r:.3f}" for r in times)
        print(f"{name:<38} {medians[name]:7.3f} s   runs: {shown}")
    bare, heavy = medians["python -c pass"], medians["python -c 'import pandas, networkx'"]
    for name in ("ecox --help", "ecox --version"):
        print(
            f"{name}: {medians[name] / bare:.1f}× bare Python, "
            f"{heavy / medians[name]:.1f}× faster than importing pandas + networkx"
        )
    ok = medians["ecox --help"] <= TARGET
    print(f"target ecox --help ≤ {TARGET} s CPU: {'met' if ok else 'missed'}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--suffix", default=".parquet", help="graph file `ecox load` writes")
    parser.add_argument(
        "--tables-dir",
        type=Path,
        help="use the actors.csv and claims.csv already in this folder (one size only)",
    )
    parser.add_argument(
        "--work-dir", type=Path, help="keep the graph file and outputs here (one size)"
    )
    parser.add_argument(
        "--steps", nargs="+", choices=STEPS, default=list(STEPS), help="the steps to run"
    )
    parser.add_argument("--nx-max", type=int, default=100_000, help="largest size for networkx")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds per step")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--markdown", action="store_true", help="end with a Markdown table")
    parser.add_argument("--startup", action="store_true", help="measure command start instead")
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per command (startup)")
    parser.add_argument("--baseline", choices=STEPS, help=argparse.SUPPRESS)
    parser.add_argument("--write-tables", type=int, metavar="N", help=argparse.SUPPRESS)
    parser.add_argument("--tables", type=Path, nargs="+", help=argparse.SUPPRESS)
    parser.add_argument("--graph", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.startup:
        return startup(args.runs)
    if args.write_tables:
        _write_tables(args.write_tables, args.seed, args.out / "tables")
        return 0
    if args.baseline:
        baseline(args.baseline, args.tables, args.graph, args.out)
        return 0
    print(f"{'':>9} {'':>8} {'ecox (fresh process)':^25}   {'networkx/pandas':^25}")
    print(f"{'actors':>9} {'step':>8} {'wall s':>8} {'CPU s':>8} {'peak GB':>7}   "
          f"{'wall s':>8} {'CPU s':>8} {'peak GB':>7} {'CPU ×':>7}")  # fmt: skip
    if (args.tables_dir or args.work_dir) and len(args.sizes) != 1:
        parser.error("--tables-dir and --work-dir go with one size")
    if "load" not in args.steps and args.work_dir is None:
        parser.error("without the load step, --work-dir names the graph file's folder")
    rows = []
    for n in args.sizes:
        rows += run_path(
            n,
            args.seed,
            args.suffix,
            args.nx_max,
            args.timeout,
            args.tables_dir,
            args.work_dir,
            tuple(args.steps),
        )
    if args.markdown:
        print(markdown(rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
