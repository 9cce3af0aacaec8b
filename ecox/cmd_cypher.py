"""``ecox cypher``: Cypher on a graph file (the embedded engine) or on a Neo4j server.

Without ``--neo4j`` the query runs on the embedded engine (LadybugDB with Neo4j's
semantics, :mod:`ecox.queries.embedded_cypher`); with it, on the server in read mode.
A query text (the argument, ``-f FILE`` or ``-`` for standard input) may hold several
queries ended by ``;``: each is answered in turn.

Examples
--------
::

    ecox cypher graph.json "MATCH (b:Bank)-[:LENT_TO]->(e) RETURN b.name AS bank, e.name AS firm"
    ecox cypher graph.json -f questions.cypher --format csv -o answers.csv
    ecox cypher graph.json "MATCH (a) WHERE a.name IN $names RETURN a.id" \\
        --param names:='["甲基金", "乙公司"]'
    ecox cypher graph.json --named complete_triads --csv triads.csv
    ecox cypher --named path_between --param a=a_12 --param b=a_34 --neo4j

>>> from click.testing import CliRunner
>>> print(CliRunner().invoke(cypher, ["--list"]).stdout)  # doctest: +ELLIPSIS
complete_triads
    ...
>>> numbered_target("out/answers.csv", 2)
'out/answers-2.csv'
"""

from __future__ import annotations

__all__ = ["BuiltStore", "answer_queries", "cypher", "demo", "numbered_target", "show_error"]

import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ecox.cli import EXIT_INPUT
from ecox.graph.errors import EcoxError, InputError
from ecox.options import (
    connection_options,
    param_option,
    parse_params,
    read_graph_argument,
    table_output,
)
from ecox.output import STDOUT, TableOutput, csv_text, write_output
from ecox.queries.cypher import QueryText, split_queries
from ecox.queries.cypher_answer import Answer

if TYPE_CHECKING:
    import pandas as pd

    from ecox.graph.claims import ClaimGraph
    from ecox.queries.backend import Backend
    from ecox.store.embedded import EmbeddedStore


def _read_text(argument: str | None, file: str | None) -> str:
    """The query text: ``-f FILE``, else the argument (a ``.cypher`` file read); ``-`` = stdin."""
    source = file if file is not None else str(argument)
    if source == STDOUT:
        return sys.stdin.read()
    if file is None and not (source.endswith(".cypher") and Path(source).is_file()):
        return source
    try:
        return Path(source).read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        raise InputError(f"{source}: not UTF-8 text ({error.reason})") from error


def _list_named() -> None:
    from ecox.queries.catalogue import named_queries

    for name, query in named_queries().items():
        needs = f" (params: {', '.join(query.params)})" if query.params else ""
        print(f"{name}{needs}\n    {query.description}")


@click.command()
@click.argument("positionals", nargs=-1, metavar="[GRAPH.json] [QUERY]")
@click.option(
    "-f",
    "--file",
    "query_file",
    metavar="FILE|-",
    help="read the queries from FILE (several, each ended by ;)",
)
@click.option("--neo4j", "on_neo4j", is_flag=True, help="run on the Neo4j server (read mode)")
@click.option("--named", metavar="NAME", help="run a named query (see --list)")
@param_option
@click.option("--list", "list_named", is_flag=True, help="list the named queries and exit")
@table_output
@connection_options
def cypher(
    positionals: tuple[str, ...],
    query_file: str | None,
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
    """ecox cypher GRAPH.json (QUERY | -f FILE) | ecox cypher --neo4j (QUERY | -f FILE) |
    ecox cypher --named NAME [--param k=v] (GRAPH.json | --neo4j).
    Several queries ended by ; are answered in turn; with -o FILE the second result goes
    to FILE-2.ext and so on. GRAPH.json, QUERY and -f may be - for standard input (one of them).
    Read-only: writes and LOAD CSV are refused, and --neo4j opens the session in read mode."""
    if list_named:
        _list_named()
        return
    if named and query_file is not None:
        raise click.UsageError("give --named NAME or -f FILE, not both")
    wanted = (0 if on_neo4j else 1) + (0 if named or query_file is not None else 1)
    if len(positionals) != wanted:
        where = "--neo4j" if on_neo4j else "GRAPH.json"
        what = "" if named or query_file is not None else " QUERY"
        raise click.UsageError(
            f"expected {where}{what}"
            + (" (or -f FILE, or --named NAME)" if what else "")
            + f"; got {len(positionals)} argument(s)"
        )
    if [*positionals, query_file].count(STDOUT) > 1:
        raise click.UsageError("only one of GRAPH.json, QUERY and -f can be - (standard input)")
    values = parse_params(params)
    queries: list[QueryText] = []
    if not named:
        text = _read_text(None if query_file is not None else positionals[-1], query_file)
        queries, rest = split_queries(text)
        queries += [rest] if rest is not None else []
        if not queries:
            raise InputError(f"{query_file or 'QUERY'}: no query in it")
    if on_neo4j:
        _on_neo4j(named, queries, values, out, (uri, user, password, database))
    else:
        _answer(_embedded(positionals[0]), named, queries, values, out, query_file)


class BuiltStore:
    """A graph file's built store, answering as a :class:`~ecox.queries.backend.Backend`
    but with plain answers (:class:`~ecox.queries.cypher_answer.Answer`) that the command
    writes without pandas."""

    def __init__(self, store: EmbeddedStore) -> None:
        self.store = store

    def cypher(self, query: str, params: dict[str, Any] | None = None) -> Answer:
        """Run Cypher on the store (:func:`ecox.queries.embedded_cypher.answer`)."""
        from ecox.queries.embedded_cypher import answer

        return answer(self.store, query, params)

    def named(self, name: str, **params: Any) -> Answer:
        """Run a named query's Cypher on the store."""
        from ecox.queries.catalogue import run_named

        return run_named(self.cypher, name, params)


def _embedded(graph: str) -> Backend | BuiltStore:
    """The graph file's store when it is built (opened without reading the file's tables, or
    pandas); else the graph read whole, its store built on the first query."""
    if graph != STDOUT:
        from ecox.store.embedded import open_built_store
        from ecox.store.safe_write import note_input

        store = open_built_store(graph)
        if store is not None:
            note_input(Path(graph))
            return BuiltStore(store)
    from ecox.queries.backend import InMemoryBackend

    return InMemoryBackend(read_graph_argument(graph))


def _on_neo4j(
    named: str | None,
    queries: list[QueryText],
    params: dict[str, Any],
    out: TableOutput,
    connection: tuple[str | None, str | None, str | None, str | None],
) -> None:
    from ecox.queries.backend import Neo4jBackend
    from ecox.store.neo4j import connect

    with connect(*connection) as conn:
        _answer(Neo4jBackend(conn), named, queries, params, out, None)


def _answer(
    backend: Backend | BuiltStore,
    named: str | None,
    queries: list[QueryText],
    params: dict[str, Any],
    out: TableOutput,
    source: str | None,
) -> None:
    if named:
        _emit(out, backend.named(named, **params))
        return
    answer_queries(backend, queries, params, out, source)


def answer_queries(
    backend: Backend | BuiltStore,
    queries: Sequence[QueryText],
    params: dict[str, Any],
    out: TableOutput,
    source: str | None = None,
) -> None:
    """Answer each query in turn; stop at the first the engine refuses (exit status 1).

    One query: its table as ``out`` says. Several: on standard output each table after
    a ``// query N (line L)`` heading (readable tables) or a blank line (CSV, JSON); to a
    file, the Nth result to :func:`numbered_target` (``answers-2.csv``…).
    """
    several = len(queries) > 1
    for number, query in enumerate(queries, start=1):
        try:  # errors give the line and column in the whole text
            frame = backend.cypher(query.in_place(), params)
        except EcoxError as error:
            where = f"query {number}{f' of {source}' if source else ''}"
            show_error(error, where if several or source else None)
            raise click.exceptions.Exit(EXIT_INPUT) from error
        target = out.target
        if several and target != STDOUT:
            target = numbered_target(target, number)
        elif several:
            heading = f"// query {number} (line {query.line})\n" if out.format == "table" else ""
            sys.stdout.write(("\n" if number > 1 else "") + heading)
        _emit(TableOutput(out.format, target), frame)


def _emit(out: TableOutput, result: pd.DataFrame | Answer) -> None:
    if isinstance(result, Answer):
        out.emit_answer(result)
    else:
        out.emit(result)


def numbered_target(target: str, number: int) -> str:
    """Where the ``number``-th of several results goes: the first to ``target`` itself."""
    if number == 1:
        return target
    path = Path(target)
    return str(path.with_name(f"{path.stem}-{number}{path.suffix}"))


def show_error(error: Exception, where: str | None = None) -> None:
    """Print a query error for the analyst: ``ecox: [where: ]message``, its lines kept
    (a syntax error quotes the query line and puts a caret under the column)."""
    click.echo(f"ecox: {where + ': ' if where else ''}{error}", err=True)


def demo(graph: ClaimGraph, out_dir: Path) -> list[Path]:
    """Write every parameter-free named query's table to ``out_dir/cypher/NAME.csv``.

    Examples
    --------
    >>> import ecox, tempfile
    >>> paths = demo(ecox.seed(), Path(tempfile.mkdtemp()))
    >>> sorted(p.name for p in paths)[:2]
    ['complete_triads.csv', 'fund_of_funds_chains.csv']
    """
    from ecox.queries.backend import InMemoryBackend, named_queries, named_query

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
