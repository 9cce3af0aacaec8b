"""``ecox neo4j push`` and ``ecox neo4j pull``: a graph file into Neo4j and back.

Examples
--------
::

    ecox neo4j push graph.json          # NEO4J_URI / NEO4J_USER / NEO4J_PASSWORD
    ecox neo4j push graph.json --graph region-a --replace
    ecox neo4j pull -o copy.json

>>> from click.testing import CliRunner
>>> "push" in CliRunner().invoke(neo4j, ["--help"]).stdout
True
"""

from __future__ import annotations

__all__ = ["neo4j"]

import sys

import click

from ecox.options import connection_options, graph_argument, read_graph_argument
from ecox.output import write_output, write_outputs
from ecox.store.files import to_json
from ecox.store.neo4j import DEFAULT_BATCH_SIZE, DEFAULT_GRAPH_NAME, connect, pull, push


@click.group()
def neo4j() -> None:
    """NEO4J_URI, NEO4J_USER, NEO4J_PASSWORD and NEO4J_DATABASE give the connection
    unless --uri, --user, --password, --database do."""


_store_name_option = click.option(
    "--graph",
    "graph_name",
    default=DEFAULT_GRAPH_NAME,
    show_default=True,
    metavar="NAME",
    help="name to store the graph under (several graphs live side by side)",
)


@neo4j.command("push")
@graph_argument
@click.option(
    "--batch-size",
    type=click.IntRange(min=1),
    default=DEFAULT_BATCH_SIZE,
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
        f"in {report.seconds:.1f} s ({report.claims_per_second:,.0f} claims/s; "
        f"{report.sent} rows sent, the rest stored already)",
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
