"""``ecox triads``, ``census``, ``gaps``: thin wrappers over queries/triads.py and queries/gaps.py.

Each prints a readable table on stdout (``pandas.DataFrame.to_string``), or
writes the whole table as CSV with ``--csv OUT``. ``ecox demo`` gets
``triads.csv`` (complete and one-short triads, with a ``status`` column) and
``gaps.csv`` (every kind of gap, with a ``kind`` column).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="ecox")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["triads", "g.json", "--open", "--top", "5"])
>>> args.open, args.top
(True, 5)
>>> parser.parse_args(["gaps", "g.json", "--kind", "links"]).kind
'links'
>>> parser.parse_args(["census", "g.json", "--types", "Scientist", "Enterprise", "Bank"]).types
['Scientist', 'Enterprise', 'Bank']
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

from ecox.graph.claims import ClaimGraph
from ecox.output import emit_table
from ecox.queries.gaps import community_holes, fill_candidates, missing_links, under_connected
from ecox.queries.triads import complete_triads, open_triads, triad_census
from ecox.store.files import read_graph, write_atomic

__all__ = ["demo", "gaps_table", "register", "triads_table"]

_KINDS = ("fill", "under", "links", "communities")


def triads_table(graph: ClaimGraph, *, as_of: str | None = None) -> pd.DataFrame:
    """Complete and one-short triads in one table (``status``; ``missing`` empty when complete).

    >>> from ecox.loaders.load import load_inputs, seed_path
    >>> t = triads_table(load_inputs([seed_path()]).graph)
    >>> sorted(set(t["status"]))
    ['complete', 'one_short']
    """
    done = complete_triads(graph, as_of=as_of)
    done.insert(0, "status", "complete")
    done.insert(len(done.columns) - 1, "missing", None)
    short = open_triads(graph, as_of=as_of)
    short.insert(0, "status", "one_short")
    return pd.concat([done, short], ignore_index=True)


def gaps_table(
    graph: ClaimGraph, *, top: int = 5, seed: int = 0, as_of: str | None = None
) -> pd.DataFrame:
    """Every kind of gap stacked: ``kind``, ``node``/``source``, ``target``, ``name``, ``detail``,
    ``score``, ``reason``.

    >>> from ecox.loaders.load import load_inputs, seed_path
    >>> g = gaps_table(load_inputs([seed_path()]).graph)
    >>> sorted(set(g["kind"]))  # fill: the seed's 3 one-short triads, each with its reason
    ['communities', 'fill', 'links', 'under']
    """
    fill = fill_candidates(graph, top=top, as_of=as_of)
    under = under_connected(graph, as_of=as_of)
    links = missing_links(graph, top=20, as_of=as_of)
    holes = community_holes(graph, seed=seed, as_of=as_of)
    parts = [
        pd.DataFrame(
            {
                "kind": "fill",
                "source": fill["candidate"],
                "target": fill["enterprise"],
                "name": fill["candidate_name"] + " → " + fill["enterprise_name"],
                "detail": "missing " + fill["missing"],
                "score": fill["score"],
                "reason": fill["reason"],
            }
        ),
        pd.DataFrame(
            {
                "kind": "under",
                "source": under["node"],
                "target": None,
                "name": under["name"],
                "detail": under["gap"],
                "score": None,
                "reason": under["reason"],
            }
        ),
        pd.DataFrame(
            {
                "kind": "links",
                "source": links["source"],
                "target": links["target"],
                "name": links["source_name"] + " → " + links["target_name"],
                "detail": links["relation"],
                "score": links["score"],
                "reason": links["reason"],
            }
        ),
        pd.DataFrame(
            {
                "kind": "communities",
                "source": holes["community_a"],
                "target": holes["community_b"],
                "name": holes["spanners"],
                "detail": "ties " + holes["ties"].astype(str),
                "score": holes["ratio"],
                "reason": holes["reason"],
            }
        ),
    ]
    return pd.concat([p for p in parts if len(p)], ignore_index=True)


def _cmd_triads(args: argparse.Namespace) -> int:
    graph = read_graph(args.graph)
    if args.open:
        frame = open_triads(graph, as_of=args.as_of)
        shown = [
            "enterprise_name",
            "missing",
            "scientist_name",
            "entrepreneur_name",
            "investor_name",
            "reason",
        ]
    else:
        frame = complete_triads(graph, as_of=args.as_of)
        shown = [
            "enterprise_name",
            "scientist_name",
            "entrepreneur_name",
            "investor_name",
            "reason",
        ]
    emit_table(frame, args, shown)
    return 0


def _cmd_census(args: argparse.Namespace) -> int:
    graph = read_graph(args.graph)
    frame = triad_census(graph, tuple(args.types) if args.types else None, as_of=args.as_of)
    emit_table(frame, args, ["a_type", "b_type", "c_type", "paths", "closed", "open", "closure"])
    return 0


def _cmd_gaps(args: argparse.Namespace) -> int:
    graph = read_graph(args.graph)
    top = args.top if args.top is not None else None
    if args.kind == "fill":
        frame = fill_candidates(graph, top=args.per_triad, as_of=args.as_of)
        shown = ["enterprise_name", "missing", "rank", "candidate_name", "score", "reason"]
    elif args.kind == "under":
        frame = under_connected(graph, as_of=args.as_of)
        shown = ["name", "type", "gap", "reason"]
    elif args.kind == "links":
        frame = missing_links(graph, top=top or 20, as_of=args.as_of)
        shown = ["source_name", "target_name", "relation", "score", "reason"]
    else:
        frame = community_holes(graph, seed=args.seed, top=top or 20, as_of=args.as_of)
        shown = ["community_a", "community_b", "ties", "expected", "ratio", "spanners"]
    emit_table(frame, args, shown)
    return 0


def _common(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("graph", metavar="GRAPH.json")
    parser.add_argument("--csv", metavar="OUT", help="write the whole table as CSV")
    parser.add_argument("--top", type=int, metavar="N", help="only the first N rows")
    parser.add_argument("--as-of", dest="as_of", metavar="DATE", help="only ties known by DATE")


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add ``triads``, ``census`` and ``gaps``."""
    triads = subparsers.add_parser(
        "triads", help="scientist–entrepreneur–capital ventures (三位一体), complete or one short"
    )
    _common(triads)
    triads.add_argument("--open", action="store_true", help="triads one link short instead")
    triads.set_defaults(handler=_cmd_triads)

    census = subparsers.add_parser("census", help="typed triad census: open and closed paths")
    _common(census)
    census.add_argument(
        "--types", nargs=3, metavar=("A", "B", "C"), help="one triple, B in the middle"
    )
    census.set_defaults(handler=_cmd_census)

    gaps = subparsers.add_parser("gaps", help="who could fill a triad, who is left out, holes")
    _common(gaps)
    gaps.add_argument("--kind", choices=_KINDS, default="fill", help="which gaps (default fill)")
    gaps.add_argument(
        "--per-triad",
        dest="per_triad",
        type=int,
        default=5,
        metavar="K",
        help="candidates per one-short triad (fill)",
    )
    gaps.add_argument("--seed", type=int, default=0, help="Louvain seed (communities)")
    gaps.set_defaults(handler=_cmd_gaps)


def demo(graph: ClaimGraph, out_dir: Path) -> list[Path]:
    """Write ``triads.csv`` and ``gaps.csv`` for ``ecox demo``."""
    triads_path, gaps_path = out_dir / "triads.csv", out_dir / "gaps.csv"
    write_atomic(triads_path, triads_table(graph).to_csv(index=False))
    write_atomic(gaps_path, gaps_table(graph).to_csv(index=False))
    return [triads_path, gaps_path]
