"""``ecox cypher`` and ``ecox neo4j``: Cypher on a graph file or a Neo4j server, push and pull.

Examples
--------
::

    ecox cypher graph.json "MATCH (b:Bank)-[:LENT_TO]->(e) RETURN b.name AS bank, e.name AS firm"
    ecox cypher graph.json --named complete_triads --csv triads.csv
    ecox cypher --named path_between --param a=a_12 --param b=a_34 --neo4j
    ecox neo4j push graph.json          # NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD
    ecox neo4j pull -o copy.json
    ecox neo4j push deals.json --graph deals --replace   # a second graph beside the first

>>> import argparse
>>> parser = argparse.ArgumentParser()
>>> register(parser.add_subparsers())
>>> args = parser.parse_args(["cypher", "g.json", "--named", "complete_triads", "--json"])
>>> args.named, args.json, args.positionals
('complete_triads', True, ['g.json'])
>>> parse_params(["top=10", "a=a_1", "ratio=0.5", "name=x=y"])
{'top': 10, 'a': 'a_1', 'ratio': 0.5, 'name': 'x=y'}
"""

from __future__ import annotations

__all__ = ["demo", "parse_params", "register"]

import argparse
import json
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ecox.graph.claims import ClaimGraph
from ecox.queries.backend import Backend, InMemoryBackend, Neo4jBackend, named_queries, named_query
from ecox.store.files import read_graph, to_json, write_atomic
from ecox.store.neo4j import DEFAULT_GRAPH_NAME, Neo4jConnection, connect, pull, push


def parse_params(pairs: Sequence[str]) -> dict[str, Any]:
    """``k=v`` strings to parameters; integers and decimals become numbers.

    Quote a number to keep it a string: ``--param id='"42"'`` gives ``'42'``.
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise ValueError(f"--param expects NAME=VALUE, got {pair!r}")
        parsed: Any = value
        if re.fullmatch(r"-?\d+", value):
            parsed = int(value)
        elif re.fullmatch(r"-?\d+\.\d*(?:[eE]-?\d+)?", value):
            parsed = float(value)
        elif len(value) >= 2 and value[0] == value[-1] == '"':
            parsed = value[1:-1]
        params[key] = parsed
    return params


def _add_connection(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group(
        "Neo4j connection (defaults: NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD, NEO4J_DATABASE)"
    )
    group.add_argument(
        "--uri", help="bolt://host:7687, neo4j://host:7687 (cluster), neo4j+s://… (Aura)"
    )
    group.add_argument("--user", help="user name (default NEO4J_USER, else neo4j)")
    group.add_argument(
        "--password", help="password (prefer NEO4J_PASSWORD: arguments are visible to others)"
    )
    group.add_argument("--database", help="database name (default: the server's default)")


def _connection(args: argparse.Namespace) -> Neo4jConnection:
    return connect(args.uri, args.user, args.password, args.database)


def register(subparsers: Any) -> None:
    """Add ``cypher`` and ``neo4j`` (``push``, ``pull``) to the ``ecox`` command."""
    cypher = subparsers.add_parser(
        "cypher",
        help="run Cypher on a graph file (embedded engine) or on Neo4j",
        description=(
            "ecox cypher GRAPH.json QUERY | ecox cypher --neo4j QUERY | "
            "ecox cypher --named NAME [--param k=v] (GRAPH.json | --neo4j). "
            "QUERY may also be a .cypher file or - for standard input."
        ),
    )
    cypher.add_argument(
        "positionals", nargs="*", metavar="GRAPH.json|QUERY", help="graph file, then the query"
    )
    cypher.add_argument("--neo4j", action="store_true", help="run on the Neo4j server")
    cypher.add_argument("--named", metavar="NAME", help="run a named query (see --list)")
    cypher.add_argument(
        "--param",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="query parameter ($NAME); repeatable",
    )
    cypher.add_argument("--list", action="store_true", help="list the named queries and exit")
    out = cypher.add_mutually_exclusive_group()
    out.add_argument("--csv", metavar="OUT.csv", help="write the table as CSV")
    out.add_argument("--json", action="store_true", help="print the rows as JSON")
    _add_connection(cypher)
    cypher.set_defaults(handler=_cmd_cypher)

    neo = subparsers.add_parser("neo4j", help="push a graph to Neo4j or pull it back")
    actions = neo.add_subparsers(dest="neo4j_command", required=True, metavar="ACTION")
    push_p = actions.add_parser("push", help="write GRAPH.json into Neo4j (idempotent)")
    push_p.add_argument("graph", metavar="GRAPH.json")
    push_p.add_argument("--batch-size", type=int, default=10_000, help="rows per transaction")
    push_p.add_argument(
        "--replace",
        action="store_true",
        help="also delete the actors and claims of graph NAME that are not in GRAPH.json",
    )
    push_p.add_argument(
        "--graph",
        dest="graph_name",
        default=DEFAULT_GRAPH_NAME,
        metavar="NAME",
        help=f"name to store the graph under (default {DEFAULT_GRAPH_NAME!r})",
    )
    _add_connection(push_p)
    push_p.set_defaults(handler=_cmd_push)
    pull_p = actions.add_parser("pull", help="read the ecox graph from Neo4j into GRAPH.json")
    pull_p.add_argument("-o", "--output", required=True, metavar="GRAPH.json")
    pull_p.add_argument(
        "--graph",
        dest="graph_name",
        metavar="NAME",
        help="the ecox graph to read (default: the only one stored)",
    )
    _add_connection(pull_p)
    pull_p.set_defaults(handler=_cmd_pull)


def _read_query(text: str) -> str:
    if text == "-":
        return sys.stdin.read()
    if text.endswith(".cypher") and Path(text).is_file():
        return Path(text).read_text(encoding="utf-8")
    return text


def _cmd_cypher(args: argparse.Namespace) -> int:
    if args.list:
        for name, query in named_queries().items():
            needs = f" (params: {', '.join(query.params)})" if query.params else ""
            print(f"{name}{needs}\n    {query.description}")
        return 0
    positionals = list(args.positionals)
    wanted = (0 if args.neo4j else 1) + (0 if args.named else 1)
    if len(positionals) != wanted:
        where = "--neo4j" if args.neo4j else "GRAPH.json"
        what = "" if args.named else " QUERY"
        raise ValueError(
            f"expected {where}{what}"
            + (" (or --named NAME)" if not args.named else "")
            + f"; got {len(positionals)} argument(s)"
        )
    params = parse_params(args.param)
    if args.neo4j:
        with _connection(args) as conn:
            return _answer(Neo4jBackend(conn), args, positionals, params)
    graph = read_graph(positionals.pop(0))
    return _answer(InMemoryBackend(graph), args, positionals, params)


def _answer(
    backend: Backend, args: argparse.Namespace, positionals: list[str], params: dict[str, Any]
) -> int:
    if args.named:
        frame = backend.named(args.named, **params)
    else:
        frame = backend.cypher(_read_query(positionals[0]), params)
    _emit(frame, args)
    return 0


def _cell(value: Any) -> Any:
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, default=str)
    return value


def _emit(frame: pd.DataFrame, args: argparse.Namespace) -> None:
    if args.csv:
        write_atomic(Path(args.csv), frame.map(_cell).to_csv(index=False))
        print(f"wrote {args.csv}: {len(frame)} rows", file=sys.stderr)
    elif args.json:
        rows = frame.astype(object).where(frame.notna(), None).to_dict("records")
        print(json.dumps(rows, ensure_ascii=False, default=str))
    elif frame.empty:
        print("(no rows) " + ", ".join(map(str, frame.columns)))
    else:
        with pd.option_context("display.max_colwidth", 60, "display.width", 200):
            print(frame.map(_cell).to_string(index=False))


def _cmd_push(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    graph = read_graph(args.graph)
    total = len(graph.actors) + len(graph.claims)
    with (
        _connection(args) as conn,
        tqdm(total=total, unit="row", desc="push", disable=None, file=sys.stderr) as bar,
    ):

        def progress(done: int, _total: int) -> None:
            bar.update(done - bar.n)

        report = push(
            graph,
            conn,
            graph_name=args.graph_name,
            batch_size=args.batch_size,
            replace=args.replace,
            progress=progress,
        )
    print(
        f"pushed {report.actors} actors and {report.claims} claims to {conn.uri} "
        f"in {report.seconds:.1f} s ({report.claims_per_second:,.0f} claims/s)",
        file=sys.stderr,
    )
    return 0


def _cmd_pull(args: argparse.Namespace) -> int:
    with _connection(args) as conn:
        graph = pull(conn, graph_name=args.graph_name)
    write_atomic(Path(args.output), to_json(graph))
    print(
        f"wrote {args.output}: {len(graph.actors)} actors, {len(graph.claims)} claims",
        file=sys.stderr,
    )
    return 0


def demo(graph: ClaimGraph, out_dir: Path) -> list[Path]:
    """Write every parameter-free named query's table to ``out_dir/cypher/NAME.csv``.

    Examples
    --------
    >>> import ecox, tempfile
    >>> paths = demo(ecox.seed(), Path(tempfile.mkdtemp()))
    >>> sorted(p.name for p in paths)[:2]
    ['complete_triads.csv', 'fund_of_funds_chains.csv']
    """
    backend = InMemoryBackend(graph)
    written = []
    for name in named_queries():
        query = named_query(name)
        if query.params:
            continue
        path = out_dir / "cypher" / f"{name}.csv"
        write_atomic(path, backend.named(name).map(_cell).to_csv(index=False))
        written.append(path)
    return written
