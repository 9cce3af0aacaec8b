"""``ecox render`` and ``ecox report``: offline HTML pages of a graph (thin wrappers over viz/).

Examples
--------
>>> import argparse
>>> parser = argparse.ArgumentParser(prog="ecox")
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["render", "g.json", "-o", "p.html", "--view", "ego", "--hops", "2"])
>>> args.view, args.hops, args.size_by
('ego', 2, None)
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ecox.graph.claims import ClaimGraph
from ecox.output import write_output
from ecox.store.files import read_graph
from ecox.viz.network import SIZE_BY
from ecox.viz.report import report
from ecox.viz.views import VIEWS, ViewInput, render, top_broker

__all__ = ["demo", "register"]


def _cmd_render(args: argparse.Namespace) -> int:
    graph = read_graph(args.graph)
    html = render(
        graph,
        view=args.view,
        focus=args.focus,
        hops=args.hops,
        top=args.top,
        as_of=args.as_of,
        size_by=args.size_by,
    )
    write_output(Path(args.output), html)
    print(f"wrote {args.output} ({args.view} view)", file=sys.stderr)
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    graph = read_graph(args.graph)
    write_output(Path(args.output), report(graph, as_of=args.as_of, top=args.top))
    print(f"wrote {args.output}", file=sys.stderr)
    return 0


def register(subparsers: Any) -> None:
    """Add ``render`` and ``report`` to the ``ecox`` command."""
    cmd = subparsers.add_parser("render", help="one network view as an offline HTML page")
    cmd.add_argument("graph", metavar="GRAPH.json")
    cmd.add_argument("-o", "--output", required=True, metavar="PAGE.html")
    cmd.add_argument("--view", choices=VIEWS, default="ecosystem")
    cmd.add_argument("--focus", metavar="ACTOR", help="ego view: name, alias or id")
    cmd.add_argument("--hops", type=int, default=1, metavar="N", help="ego view radius")
    cmd.add_argument(
        "--top", type=int, metavar="N", help="keep the N most important actors (or query rows)"
    )
    cmd.add_argument("--as-of", metavar="DATE", help="only what was reported by DATE")
    cmd.add_argument("--size-by", choices=SIZE_BY, help="node size score")
    cmd.set_defaults(handler=_cmd_render)

    rep = subparsers.add_parser("report", help="the operator report as an offline HTML page")
    rep.add_argument("graph", metavar="GRAPH.json")
    rep.add_argument("-o", "--output", required=True, metavar="REPORT.html")
    rep.add_argument("--as-of", metavar="DATE", help="only what was reported by DATE")
    rep.add_argument("--top", type=int, metavar="N", help="rows per table, actors in the network")
    rep.set_defaults(handler=_cmd_report)


def demo(graph: ClaimGraph, out_dir: Path) -> list[Path]:
    """Write ``report.html`` and the five views (the ego view centred on the top broker)."""
    written = [out_dir / "report.html"]
    write_output(written[0], report(graph))
    focus = top_broker(ViewInput.of(graph))
    for view in VIEWS:
        path = out_dir / f"{view}.html"
        write_output(path, render(graph, view=view, focus=focus if view == "ego" else None))
        written.append(path)
    return written
