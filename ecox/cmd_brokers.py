"""``ecox brokers``, ``path``, ``syndicates``, ``chains``, ``helix``: thin wrappers over queries/.

Each prints a readable table on stdout, or writes the whole table as CSV with
``--csv OUT``; ``ecox demo`` gets ``brokers.csv``, ``syndicates.csv``,
``chains.csv`` and ``helix.csv``.

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="ecox")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["brokers", "g.json", "--sample", "64", "--seed", "3"])
>>> args.sample, args.seed, args.exact
(64, 3, False)
>>> parser.parse_args(["path", "g.json", "瑞安农商银行", "庄约伟"]).b
'庄约伟'
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ecox.graph.claims import ClaimGraph
from ecox.output import emit_table, write_output
from ecox.queries.brokers import Method, brokers
from ecox.queries.chains import fund_chains
from ecox.queries.helix import helix
from ecox.queries.paths import find_path
from ecox.queries.syndicates import syndicates
from ecox.store.files import read_graph
from ecox.store.spreadsheet import to_safe_csv

__all__ = ["demo", "register"]


def _cmd_brokers(args: argparse.Namespace) -> int:
    method: Method = "exact" if args.exact else "sampled" if args.sample is not None else "auto"
    table = brokers(
        read_graph(args.graph),
        top=args.top,
        betweenness=method,
        k=args.sample if args.sample is not None else 256,
        seed=args.seed,
        as_of=args.as_of,
        workers=args.workers,
    )
    print(f"betweenness: {table.attrs['betweenness']}", file=sys.stderr)
    shown = ["name", "type", "degree", "broker_score", "constraint", "effective_size"]
    emit_table(table, args, [*shown, "brokerage", "reason"])
    return 0


def _cmd_path(args: argparse.Namespace) -> int:
    hops = find_path(read_graph(args.graph), args.a, args.b, as_of=args.as_of)
    if hops.attrs["path"] is None:
        print(f"no path between {args.a} and {args.b}", file=sys.stderr)
        return 1
    if args.csv:
        emit_table(hops, args, [])
    else:
        print(hops.attrs["path"])
        print(f"{len(hops)} hop{'s' if len(hops) != 1 else ''}", file=sys.stderr)
    return 0


def _cmd_syndicates(args: argparse.Namespace) -> int:
    table = syndicates(
        read_graph(args.graph), min_shared=args.min_shared, top=args.top, as_of=args.as_of
    )
    emit_table(table, args, ["shared", "reason"])
    return 0


def _cmd_chains(args: argparse.Namespace) -> int:
    table = fund_chains(read_graph(args.graph), max_hops=args.max_hops, as_of=args.as_of)
    if args.top is not None:
        table = table.head(args.top)
    totals = [c for c in table.columns if c.startswith("total_")]
    emit_table(table, args, ["hops", "path", *totals])
    return 0


def _cmd_helix(args: argparse.Namespace) -> int:
    table = helix(read_graph(args.graph), by=args.by, as_of=args.as_of)
    if args.top is not None:
        table = table.head(args.top)
    emit_table(table, args, ["name", "events", "U", "I", "G", "T"])
    return 0


def _common(cmd: argparse.ArgumentParser, *, top: bool = True) -> None:
    cmd.add_argument("graph", metavar="GRAPH.json")
    cmd.add_argument("--csv", metavar="OUT", help="write the whole table as CSV")
    if top:
        cmd.add_argument("--top", type=int, metavar="N", help="keep the first N rows")
    cmd.add_argument("--as-of", metavar="DATE", help="only what was reported by DATE")


def register(subparsers: Any) -> None:
    """Add ``brokers``, ``path``, ``syndicates``, ``chains`` and ``helix`` to ``ecox``."""
    cmd = subparsers.add_parser(
        "brokers", help="who bridges the ecosystem (betweenness, Burt, brokerage roles)"
    )
    _common(cmd)
    how = cmd.add_mutually_exclusive_group()
    how.add_argument("--exact", action="store_true", help="exact betweenness (slow above ~10k)")
    how.add_argument("--sample", type=int, metavar="K", help="betweenness from K sampled sources")
    cmd.add_argument("--seed", type=int, default=0, metavar="S", help="seed of the sample")
    cmd.add_argument(
        "--workers", type=int, default=1, metavar="N", help="processes for betweenness"
    )
    cmd.set_defaults(handler=_cmd_brokers)

    cmd = subparsers.add_parser("path", help="查关系: how two actors are connected")
    _common(cmd, top=False)
    cmd.add_argument("a", metavar="A", help="actor: id, name or alias")
    cmd.add_argument("b", metavar="B", help="actor: id, name or alias")
    cmd.set_defaults(handler=_cmd_path)

    cmd = subparsers.add_parser(
        "syndicates", help="investors, funds and banks backing the same ventures"
    )
    _common(cmd)
    cmd.add_argument("--min-shared", type=int, default=1, metavar="N")
    cmd.set_defaults(handler=_cmd_syndicates)

    cmd = subparsers.add_parser("chains", help="fund-of-funds chains down to enterprises")
    _common(cmd)
    cmd.add_argument("--max-hops", type=int, default=4, metavar="N")
    cmd.set_defaults(handler=_cmd_chains)

    cmd = subparsers.add_parser("helix", help="Triple Helix synergy T(UIG) per region or park")
    _common(cmd)
    cmd.add_argument("--by", choices=("component", "park", "all"), default="component")
    cmd.set_defaults(handler=_cmd_helix)


def demo(graph: ClaimGraph, out_dir: Path) -> list[Path]:
    """Write ``brokers.csv``, ``syndicates.csv``, ``chains.csv`` and ``helix.csv``."""
    tables = {
        "brokers.csv": brokers(graph),
        "syndicates.csv": syndicates(graph),
        "chains.csv": fund_chains(graph),
        "helix.csv": helix(graph),
    }
    written = []
    for name, frame in tables.items():
        path = out_dir / name
        write_output(path, to_safe_csv(frame))
        written.append(path)
    return written
