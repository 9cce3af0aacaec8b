"""The ``ecox`` command: a thin front door over graph/, loaders/, queries/ and viz/.

Each area adds its subcommands from a module listed in ``_COMMAND_MODULES``:
such a module defines ``register(subparsers)``, and may define
``demo(graph, out_dir) -> list[Path]`` to add its outputs to ``ecox demo``.
Errors print as one line on stderr (``ecox: error: …``), with the traceback
only under ``--debug``.
"""

from __future__ import annotations

import argparse
import importlib
import json
import logging
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from types import ModuleType

from ecox.graph.claims import ClaimGraph
from ecox.loaders.load import load_inputs, rejects_csv, seed_path
from ecox.output import write_output
from ecox.store.files import read_graph, to_csv_tables, to_gexf, to_graphml, to_json
from ecox.store.safe_write import write_outputs

__all__ = ["main", "summary"]

#: Modules that add subcommands (and demo outputs); see the module docstring.
_COMMAND_MODULES: tuple[str, ...] = (
    "ecox.cmd_extract",
    "ecox.cmd_views",
    "ecox.cmd_brokers",
    "ecox.cmd_cypher",
    "ecox.cmd_gaps",
)

Handler = Callable[[argparse.Namespace], int]


def summary(graph: ClaimGraph) -> dict[str, object]:
    """Counts of actors by type and claims by relation, as ``ecox info --json`` prints them.

    An actor with several types is counted under each of them in ``actors_by_type``.

    >>> from ecox.loaders.load import load_inputs, seed_path
    >>> info = summary(load_inputs([seed_path()]).graph)
    >>> info["actors"], info["claims"], info["claims_by_type"]["LENT_TO"]
    (101, 90, 6)
    """
    by_type: Counter[str] = Counter()
    for types in graph.actors["types"]:
        by_type.update(str(types).split("|"))
    by_relation = Counter(graph.claims["type"])
    return {
        "actors": len(graph.actors),
        "claims": len(graph.claims),
        "actors_by_type": dict(sorted(by_type.items())),
        "claims_by_type": dict(sorted(by_relation.items())),
    }


def _cmd_load(args: argparse.Namespace) -> int:
    out = Path(args.output)
    result = load_inputs(args.inputs, skip_invalid=args.skip_invalid)
    outputs: dict[Path, str] = {out: to_json(result.graph)}
    if args.skip_invalid:
        rejects_path = Path(args.rejects) if args.rejects else out.with_suffix(".rejects.csv")
        outputs[rejects_path] = rejects_csv(result.rejects)
    write_outputs(outputs)
    counts = summary(result.graph)
    print(f"wrote {out}: {counts['actors']} actors, {counts['claims']} claims", file=sys.stderr)
    if result.duplicate_rows:
        print(f"{result.duplicate_rows} rows repeated a claim and were kept once", file=sys.stderr)
    if args.skip_invalid:
        print(f"rejected {len(result.rejects)} rows, listed in {rejects_path}", file=sys.stderr)
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    counts = summary(read_graph(args.graph))
    if args.json:
        print(json.dumps(counts, ensure_ascii=False))
        return 0
    print(f"{counts['actors']} actors, {counts['claims']} claims")
    for title, key in (
        ("actors by type", "actors_by_type"),
        ("claims by relation", "claims_by_type"),
    ):
        print(f"\n{title}:")
        table = counts[key]
        assert isinstance(table, dict)
        for name, count in sorted(table.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {name:<18} {count:>8}")
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    graph = read_graph(args.graph)
    out = Path(args.output)
    suffix = out.suffix.lower()
    if suffix == ".graphml":
        write_output(out, to_graphml(graph))
    elif suffix == ".gexf":
        write_output(out, to_gexf(graph))
    elif suffix == ".csv":
        tables = to_csv_tables(graph)
        write_outputs({out.with_name(f"{out.stem}_{n}.csv"): t for n, t in tables.items()})
        out = out.with_name(f"{out.stem}_{{actors,claims}}.csv")
    else:
        raise ValueError(f"{out}: unknown export format {suffix!r}; use .graphml, .gexf or .csv")
    print(f"wrote {out}", file=sys.stderr)
    return 0


def _cmd_demo(args: argparse.Namespace) -> int:
    out = Path(args.output)
    graph = load_inputs(args.inputs or [seed_path()]).graph
    written = [out / "graph.json"]
    write_output(written[0], to_json(graph))
    for module in _command_modules():
        demo = getattr(module, "demo", None)
        if demo is not None:
            written.extend(demo(graph, out))
    counts = summary(graph)
    print(f"ecox demo: {counts['actors']} actors, {counts['claims']} claims", file=sys.stderr)
    for path in written:
        print(path)
    return 0


def _command_modules() -> list[ModuleType]:
    return [importlib.import_module(name) for name in _COMMAND_MODULES]


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every subcommand."""
    parser = argparse.ArgumentParser(
        prog="ecox",
        description="Innovation-ecosystem explorer: typed claim graphs, brokers, triads, gaps.",
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks and debug logs")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    load = commands.add_parser("load", help="load tables, deal records or reports into a graph")
    load.add_argument("inputs", nargs="+", metavar="INPUT", help="folders and files")
    load.add_argument("-o", "--output", required=True, metavar="GRAPH.json")
    load.add_argument(
        "--skip-invalid",
        action="store_true",
        help="load the valid rows; list the rejected ones in a rejects file",
    )
    load.add_argument(
        "--rejects",
        metavar="FILE.csv",
        help="where --skip-invalid lists rejects (default GRAPH.rejects.csv)",
    )
    load.set_defaults(handler=_cmd_load)

    info = commands.add_parser("info", help="counts of actors by type and claims by relation")
    info.add_argument("graph", metavar="GRAPH.json")
    info.add_argument("--json", action="store_true", help="print the counts as JSON")
    info.set_defaults(handler=_cmd_info)

    export = commands.add_parser("export", help="export to GraphML, GEXF or CSV tables")
    export.add_argument("graph", metavar="GRAPH.json")
    export.add_argument("-o", "--output", required=True, metavar="FILE.{graphml,gexf,csv}")
    export.set_defaults(handler=_cmd_export)

    demo = commands.add_parser("demo", help="run everything on the seed ecosystem (or INPUTs)")
    demo.add_argument("inputs", nargs="*", metavar="INPUT", help="default: the seed ecosystem")
    demo.add_argument("-o", "--output", default="ecox-demo", metavar="DIR")
    demo.set_defaults(handler=_cmd_demo)

    for module in _command_modules():
        module.register(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``ecox`` command; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.debug else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    handler: Handler = args.handler
    try:
        return handler(args)
    except KeyboardInterrupt:
        print("ecox: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # output piped into head & co.
        sys.stderr.close()
        return 0
    except Exception as error:  # one readable line unless --debug
        if args.debug:
            raise
        message = " ".join(str(error).split()) or type(error).__name__
        print(f"ecox: error: {message}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
