"""``ecox cypher`` and ``ecox neo4j``: Cypher on a graph file or a Neo4j server, push and pull.

Examples
--------
::

    ecox cypher graph.json "MATCH (b:Bank)-[:LENT_TO]->(e) RETURN b.name AS bank, e.name AS firm"
    ecox cypher graph.json --named complete_triads --csv triads.csv
    ecox cypher --named path_between --param a=a_12 --param b=a_34 --neo4j
    ecox neo4j push graph.json          # NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD
    ecox neo4j pull -o copy.json

>>> from click.testing import CliRunner
>>> print(CliRunner().invoke(cypher, ["--list"]).stdout)  # doctest: +ELLIPSIS
complete_triads
    ...
>>> parse_params(["top=10", "a=a_1", "ratio=0.5", "name=x=y"])
{'top': 10, 'a': 'a_1', 'ratio': 0.5, 'name': 'x=y'}
"""

from __future__ import annotations

__all__ = ["cypher", "demo", "neo4j", "parse_params"]

import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click
from neo4j.exceptions import ClientError

from ecox.graph.claims import ClaimGraph
from ecox.graph.errors import InputError
from ecox.options import STDOUT, graph_argument, read_graph_argument, table_output
from ecox.output import TableOutput, csv_text, write_output, write_outputs
from ecox.queries.backend import Backend, InMemoryBackend, Neo4jBackend, named_queries, named_query
from ecox.store.files import to_json
from ecox.store.neo4j import DEFAULT_GRAPH_NAME, connect, pull, push

F = TypeVar("F", bound=Callable[..., Any])


def parse_params(pairs: Sequence[str]) -> dict[str, Any]:
    """``k=v`` strings to parameters; integers and decimals become numbers.

    Quote a number to keep it a string: ``--param id='"42"'`` gives ``'42'``.
    """
    params: dict[str, Any] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not re.fullmatch(r"[A-Za-z_]\w*", key):
            raise InputError(f"--param expects NAME=VALUE, got {pair!r}")
        parsed: Any = value
        if re.fullmatch(r"-?\d+", value):
            parsed = int(value)
        elif re.fullmatch(r"-?\d+\.\d*(?:[eE]-?\d+)?", value):
            parsed = float(value)
        elif len(value) >= 2 and value[0] == value[-1] == '"':
            parsed = value[1:-1]
        params[key] = parsed
    return params


def connection_options(func: F) -> F:
    """``--uri``, ``--user``, ``--password``, ``--database`` (defaults from NEO4J_* variables)."""
    for decorate in reversed(
        (
            click.option(
                "--uri",
                metavar="URI",
                help="bolt://host:7687, neo4j://host:7687 (cluster), neo4j+s://… (Aura); "
                "default NEO4J_URI",
            ),
            click.option(
                "--user", metavar="USER", help="user name (default NEO4J_USER, else neo4j)"
            ),
            click.option(
                "--password",
                metavar="PASSWORD",
                help="password (prefer NEO4J_PASSWORD: arguments are visible to others)",
            ),
            click.option(
                "--database",
                metavar="NAME",
                help="database name (default NEO4J_DATABASE, else the server's)",
            ),
        )
    ):
        func = decorate(func)
    return func


def _read_query(text: str) -> str:
    if text == STDOUT:
        return sys.stdin.read()
    if text.endswith(".cypher") and Path(text).is_file():
        return Path(text).read_text(encoding="utf-8")
    return text


def _list_named() -> None:
    for name, query in named_queries().items():
        needs = f" (params: {', '.join(query.params)})" if query.params else ""
        print(f"{name}{needs}\n    {query.description}")


@click.command()
@click.argument("positionals", nargs=-1, metavar="[GRAPH.json] [QUERY]")
@click.option("--neo4j", "on_neo4j", is_flag=True, help="run on the Neo4j server")
@click.option("--named", metavar="NAME", help="run a named query (see --list)")
@click.option(
    "--param",
    "params",
    multiple=True,
    metavar="NAME=VALUE",
    help="query parameter ($NAME); repeatable",
)
@click.option("--list", "list_named", is_flag=True, help="list the named queries and exit")
@table_output
@connection_options
def cypher(
    positionals: tuple[str, ...],
    on_neo4j: bool,
    named: str | None,
    params: tuple[str, ...],
    list_named: bool,
    out: TableOutput,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """ecox cypher GRAPH.json QUERY | ecox cypher --neo4j QUERY |
    ecox cypher --named NAME [--param k=v] (GRAPH.json | --neo4j).
    GRAPH.json may be - for standard input, and so may QUERY (or a .cypher file), not both."""
    if list_named:
        _list_named()
        return
    wanted = (0 if on_neo4j else 1) + (0 if named else 1)
    if len(positionals) != wanted:
        where = "--neo4j" if on_neo4j else "GRAPH.json"
        what = "" if named else " QUERY"
        raise click.UsageError(
            f"expected {where}{what}"
            + (" (or --named NAME)" if not named else "")
            + f"; got {len(positionals)} argument(s)"
        )
    if positionals.count(STDOUT) > 1:
        raise click.UsageError("only one of GRAPH.json and QUERY can be - (standard input)")
    values = parse_params(params)
    query = None if named else _read_query(positionals[-1])
    if on_neo4j:
        with connect(uri, user, password, database) as conn:
            try:
                _answer(Neo4jBackend(conn), named, query, values, out)
            except ClientError as error:  # the server refused the query: the user's to fix
                raise InputError(f"Neo4j: {error.message or error}") from error
    else:
        _answer(InMemoryBackend(read_graph_argument(positionals[0])), named, query, values, out)


def _answer(
    backend: Backend,
    named: str | None,
    query: str | None,
    params: dict[str, Any],
    out: TableOutput,
) -> None:
    if named:
        frame = backend.named(named, **params)
    else:
        assert query is not None
        frame = backend.cypher(query, params)
    out.emit(frame)


_store_name_option = click.option(
    "--graph",
    "graph_name",
    default=DEFAULT_GRAPH_NAME,
    show_default=True,
    metavar="NAME",
    help="name to store the graph under (several graphs live side by side)",
)


@click.group()
def neo4j() -> None:
    """NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE give the connection
    unless --uri, --user, --password, --database do."""


@neo4j.command("push")
@graph_argument
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=10_000,
    show_default=True,
    help="rows per transaction",
)
@click.option(
    "--replace",
    is_flag=True,
    help="also delete the actors and claims of graph NAME that are not in GRAPH.json",
)
@_store_name_option
@connection_options
def push_command(
    graph: str,
    batch_size: int,
    replace: bool,
    graph_name: str,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Write GRAPH.json into Neo4j (idempotent: run it again after an interruption)."""
    from tqdm import tqdm

    claims = read_graph_argument(graph)
    total = len(claims.actors) + len(claims.claims)
    with (
        connect(uri, user, password, database) as conn,
        tqdm(total=total, unit="row", desc="push", disable=None, file=sys.stderr) as bar,
    ):

        def progress(done: int, _total: int) -> None:
            bar.update(done - bar.n)

        report = push(
            claims,
            conn,
            graph_name=graph_name,
            batch_size=batch_size,
            replace=replace,
            progress=progress,
        )
    print(
        f"pushed {report.actors} actors and {report.claims} claims to {conn.uri} "
        f"in {report.seconds:.1f} s ({report.claims_per_second:,.0f} claims/s)",
        file=sys.stderr,
    )


@neo4j.command("export-admin")
@graph_argument
@click.argument("folder", metavar="DIR")
@_store_name_option
def export_admin_command(graph: str, folder: str, graph_name: str) -> None:
    """Write the CSV files of `neo4j-admin database import full` (a new database, in bulk)."""
    from pathlib import Path

    from ecox.store.neo4j_admin import admin_import_files, import_arguments

    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    files = admin_import_files(read_graph_argument(graph), graph_name)
    write_outputs({out / name: text for name, text in files.items()})
    arguments = " ".join(import_arguments(str(out.resolve())))
    print(f"wrote {len(files)} files to {out}; then run:", file=sys.stderr)
    print(f"neo4j-admin database import full {arguments} DATABASE")


@neo4j.command("pull")
@click.option(
    "-o", "--output", required=True, metavar="GRAPH.json", help="the graph file (- = stdout)"
)
@click.option(
    "--graph",
    "graph_name",
    metavar="NAME",
    help="the ecox graph to read (default: the only one stored)",
)
@connection_options
def pull_command(
    output: str,
    graph_name: str | None,
    uri: str | None,
    user: str | None,
    password: str | None,
    database: str | None,
) -> None:
    """Read one ecox graph from Neo4j into GRAPH.json."""
    with connect(uri, user, password, database) as conn:
        graph = pull(conn, graph_name=graph_name)
    write_output(output, to_json(graph))
    print(
        f"wrote {output}: {len(graph.actors)} actors, {len(graph.claims)} claims",
        file=sys.stderr,
    )


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
        write_output(path, csv_text(backend.named(name)))
        written.append(path)
    return written
