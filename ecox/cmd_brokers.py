"""``ecox brokers``, ``path``, ``syndicates``, ``chains``, ``helix``: thin wrappers over queries/.

Each shows its table as a readable table, CSV or JSON (``--format``, ``-o``);
``ecox demo`` gets ``brokers.csv``, ``syndicates.csv``, ``chains.csv`` and ``helix.csv``.

Examples
--------
>>> parse_types(("Bank,Fund", "Park"), intermediaries=False)
('Bank', 'Fund', 'Park')
>>> parse_types((), intermediaries=True)
('Bank', 'Platform', 'Park', 'Government', 'Fund')
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Literal

import click

from ecox.graph.claims import ClaimGraph
from ecox.graph.schema import NodeType
from ecox.options import as_of_option, graph_argument, read_graph_argument, table_output, top_option
from ecox.output import PRINT_ROWS, STDOUT, TableOutput, csv_text, write_output
from ecox.queries.brokers import INTERMEDIARIES, Method, broker_reasons
from ecox.queries.brokers import brokers as broker_table
from ecox.queries.chains import fund_chains
from ecox.queries.helix import helix as helix_table
from ecox.queries.paths import find_path
from ecox.queries.syndicates import syndicates as syndicate_table

__all__ = [
    "brokers",
    "chains",
    "demo",
    "helix",
    "parse_types",
    "path",
    "syndicates",
]

def parse_types(given: tuple[str, ...], *, intermediaries: bool) -> tuple[str, ...] | None:
    """The actor types of ``--types`` (comma-separated or repeated) and ``--intermediaries``.

    None when neither is given; a usage error for a type the schema does not know.
    """
    names = [name.strip() for value in given for name in value.split(",") if name.strip()]
    if intermediaries:
        names.extend(str(t) for t in INTERMEDIARIES)
    known = {str(t) for t in NodeType}
    unknown = [name for name in names if name not in known]
    if unknown:
        raise click.BadParameter(
            f"unknown actor type {', '.join(map(repr, unknown))}; "
            f"known: {', '.join(sorted(known))}",
            param_hint="'--types'",
        )
    return tuple(dict.fromkeys(names)) or None


@click.command()
@graph_argument
@top_option()
@as_of_option
@click.option(
    "--types",
    multiple=True,
    metavar="T1,T2",
    help="rank only actors of these types (comma-separated or repeated)",
)
@click.option(
    "--intermediaries",
    is_flag=True,
    help="rank only intermediaries (the schema's type group: banks, platforms, parks, "
    "government bodies, funds)",
)
@click.option("--exact", is_flag=True, help="exact betweenness (slow above ~10k actors)")
@click.option(
    "--sample", type=click.IntRange(min=1), metavar="K", help="betweenness from K sampled sources"
)
@click.option(
    "--seed", type=int, default=0, show_default=True, metavar="S", help="seed of the sample"
)
@click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    metavar="N",
    help="processes for exact betweenness (default: one per core)",
)
@table_output
def brokers(
    graph: str,
    top: int | None,
    as_of: str | None,
    types: tuple[str, ...],
    intermediaries: bool,
    exact: bool,
    sample: int | None,
    seed: int,
    workers: int | None,
    out: TableOutput,
) -> None:
    """Degree by counterpart type, betweenness, Burt's constraint and effective size,
    Gould–Fernandez brokerage roles; one row per actor, best brokers first.
    ``-o FILE.html`` writes the brokers view (``ecox render --view brokers``) instead."""
    if exact and sample is not None:
        raise click.UsageError("--exact and --sample K exclude each other")
    if out.page:
        from ecox.cmd_views import write_view

        write_view(read_graph_argument(graph), "brokers", out.target, top=top, as_of=as_of)
        return
    wanted = parse_types(types, intermediaries=intermediaries)
    method: Method = "exact" if exact else "sampled" if sample is not None else "auto"
    claims = read_graph_argument(graph)
    # a readable table on the terminal shows PRINT_ROWS rows: only those get their reasons
    clipped = out.format == "table" and out.target == STDOUT and top is None
    table = broker_table(
        claims,
        top=top,
        types=wanted,
        betweenness=method,
        k=sample if sample is not None else 256,
        seed=seed,
        as_of=as_of,
        workers=workers,
        reasons=not clipped,
    )
    if clipped:
        head = table.index[:PRINT_ROWS]
        words = broker_reasons(claims, table.loc[head, "node"], as_of=as_of)
        table.loc[head, ["reason", "reason_zh"]] = words.to_numpy()
    print(f"betweenness: {table.attrs['betweenness']}", file=sys.stderr)
    shown = ["name", "type", "degree", "pairs", "broker_score", "constraint", "effective_size"]
    out.emit(table, shown=[*shown, "brokerage", "reason"], top=top)


@click.command()
@graph_argument
@click.argument("a", metavar="A")
@click.argument("b", metavar="B")
@as_of_option
@table_output
def path(graph: str, a: str, b: str, as_of: str | None, out: TableOutput) -> int:
    """A and B: an actor's id, name or alias. A readable table shows the chain of relations;
    CSV and JSON give one row per hop. Exit status 1 when no chain joins them."""
    hops = find_path(read_graph_argument(graph), a, b, as_of=as_of)
    if hops.attrs["path"] is None:
        print(f"no path between {a} and {b}", file=sys.stderr)
        return 1
    if out.format == "table":
        out.emit_text(str(hops.attrs["path"]))
        print(f"{len(hops)} hop{'s' if len(hops) != 1 else ''}", file=sys.stderr)
    else:
        out.emit(hops)
    return 0


@click.command()
@graph_argument
@top_option()
@as_of_option
@click.option(
    "--min-shared",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    metavar="N",
    help="ventures two backers share at least",
)
@table_output
def syndicates(
    graph: str, top: int | None, as_of: str | None, min_shared: int, out: TableOutput
) -> None:
    """Pairs of backers weighted by the ventures they share."""
    table = syndicate_table(read_graph_argument(graph), min_shared=min_shared, top=top, as_of=as_of)
    out.emit(table, shown=["shared", "reason"], top=top)


@click.command()
@graph_argument
@top_option()
@as_of_option
@click.option(
    "--max-hops",
    type=click.IntRange(min=2),
    default=4,
    show_default=True,
    metavar="N",
    help="longest chain",
)
@table_output
def chains(graph: str, top: int | None, as_of: str | None, max_hops: int, out: TableOutput) -> None:
    """母基金 → 子基金 → enterprise chains, with the amounts committed and invested."""
    table = fund_chains(read_graph_argument(graph), max_hops=max_hops, as_of=as_of)
    totals = [c for c in table.columns if c.startswith("total_")]
    out.emit(table, shown=["hops", "path", *totals], top=top)


@click.command()
@graph_argument
@top_option()
@as_of_option
@click.option(
    "--by",
    type=click.Choice(("component", "park", "all")),
    default="component",
    show_default=True,
    help="one row per connected component, per park, or one for the whole graph",
)
@table_output
def helix(
    graph: str,
    top: int | None,
    as_of: str | None,
    by: Literal["component", "park", "all"],
    out: TableOutput,
) -> None:
    """University–industry–government synergy T(UIG), in bits."""
    table = helix_table(read_graph_argument(graph), by=by, as_of=as_of)
    out.emit(table, shown=["name", "events", "U", "I", "G", "T"], top=top)


def demo(graph: ClaimGraph, out_dir: Path) -> list[Path]:
    """Write ``brokers.csv``, ``syndicates.csv``, ``chains.csv`` and ``helix.csv``."""
    tables = {
        "brokers.csv": broker_table(graph),
        "syndicates.csv": syndicate_table(graph),
        "chains.csv": fund_chains(graph),
        "helix.csv": helix_table(graph),
    }
    written = []
    for name, frame in tables.items():
        written.append(out_dir / name)
        write_output(written[-1], csv_text(frame))
    return written
