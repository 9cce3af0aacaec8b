"""``ecox triads``, ``census``, ``gaps``: thin wrappers over queries/triads.py and queries/gaps.py.

Each shows its table as a readable table, CSV or JSON (``--format``, ``-o``).
``ecox demo`` gets ``triads.csv`` (complete and one-short triads, with a ``status`` column) and
``gaps.csv`` (every kind of gap, with a ``kind`` column).

Examples
--------
>>> from click.testing import CliRunner
>>> import ecox, json
>>> seed_json = ecox.to_json(ecox.seed())
>>> done = CliRunner().invoke(triads, ["-", "--open", "--format", "json"], input=seed_json)
>>> done.exit_code, len(json.loads(done.stdout))  # the seed's three one-short triads
(0, 3)
"""

from __future__ import annotations

import sys
from pathlib import Path

import click
import pandas as pd

from ecox.graph.claims import ClaimGraph
from ecox.graph.machine import reuse_freed_memory
from ecox.options import as_of_option, graph_argument, read_graph_argument, table_output, top_option
from ecox.output import TableOutput, csv_text, write_output
from ecox.queries.triads import complete_triads, open_triads, triad_census

__all__ = ["census", "demo", "gaps", "gaps_table", "triads", "triads_table"]

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
    from ecox.queries.gaps import (  # imported here: `ecox triads` does not need it
        community_holes,
        fill_candidates,
        missing_links,
        under_connected,
    )

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


@click.command()
@graph_argument
@top_option()
@as_of_option
@click.option("--open", "one_short", is_flag=True, help="triads one link short instead")
@table_output
def triads(
    graph: str, top: int | None, as_of: str | None, one_short: bool, out: TableOutput
) -> None:
    """Enterprises with a scientist, an entrepreneur and a capital role (three distinct
    actors), or with one of the three missing (--open, column `missing`)."""
    reuse_freed_memory()
    roles = ["scientist_name", "entrepreneur_name", "investor_name", "reason"]
    # the graph is not kept while the table is written: its memory (and its merge) go first;
    # names and reasons are built for the --top rows only
    if one_short:
        frame = open_triads(read_graph_argument(graph), as_of=as_of, limit=top)
        shown = ["enterprise_name", "missing", *roles]
    else:
        frame = complete_triads(read_graph_argument(graph), as_of=as_of, limit=top)
        shown = ["enterprise_name", *roles]
    out.emit(frame, shown=shown, top=top)


@click.command()
@graph_argument
@top_option()
@as_of_option
@click.option(
    "--types", nargs=3, metavar="A B C", help="one triple of actor types, B in the middle"
)
@table_output
def census(
    graph: str,
    top: int | None,
    as_of: str | None,
    types: tuple[str, str, str] | None,
    out: TableOutput,
) -> None:
    """Paths A–B–C between typed actors, how many are closed by an A–C tie, and the ratio."""
    reuse_freed_memory()
    frame = triad_census(read_graph_argument(graph), types or None, as_of=as_of)
    out.emit(
        frame, shown=["a_type", "b_type", "c_type", "paths", "closed", "open", "closure"], top=top
    )


@click.command()
@graph_argument
@top_option()
@as_of_option
@click.option(
    "--kind",
    type=click.Choice(_KINDS),
    default="fill",
    show_default=True,
    help="fill: candidates for a one-short triad; under: under-connected actors; "
    "links: likely missing links; communities: holes between communities",
)
@click.option(
    "--per-triad",
    type=click.IntRange(min=1),
    default=5,
    show_default=True,
    metavar="K",
    help="candidates per one-short triad (fill)",
)
@click.option("--seed", type=int, default=0, show_default=True, help="Louvain seed (communities)")
@table_output
def gaps(
    graph: str,
    top: int | None,
    as_of: str | None,
    kind: str,
    per_triad: int,
    seed: int,
    out: TableOutput,
) -> None:
    """What to broker next, each row with its reason. ``-o FILE.html`` writes the gaps view
    (``ecox render --view gaps``: suggestions and under-connected actors) instead."""
    from ecox.queries.gaps import (  # imported here: `ecox triads` does not need it
        community_holes,
        fill_candidates,
        missing_links,
        under_connected,
    )

    reuse_freed_memory()
    claims = read_graph_argument(graph)
    if out.page:
        from ecox.cmd_views import write_view

        write_view(claims, "gaps", out.target, top=top, as_of=as_of)
        return
    if kind == "fill":
        frame = fill_candidates(claims, top=per_triad, as_of=as_of, limit=top)  # --top rows only
        shown = ["enterprise_name", "missing", "rank", "candidate_name", "score", "reason"]
    elif kind == "under":
        frame = under_connected(claims, as_of=as_of)
        shown = ["name", "type", "gap", "reason"]
    elif kind == "links":
        frame = missing_links(claims, top=top or 20, as_of=as_of)
        shown = ["source_name", "target_name", "relation", "score", "reason"]
    else:
        frame = community_holes(claims, seed=seed, top=top or 20, as_of=as_of)
        shown = ["community_a", "community_b", "ties", "expected", "ratio", "spanners"]
    why_empty = _no_fill_reason(claims, as_of) if frame.empty and kind == "fill" else None
    del claims  # the graph is not kept while the table is written: its memory goes first
    out.emit(frame, shown=shown, top=top)
    if why_empty:
        print(why_empty, file=sys.stderr)


def _no_fill_reason(graph: ClaimGraph, as_of: str | None) -> str:
    """Why ``gaps --kind fill`` found nothing: no venture is one role short.

    >>> import ecox
    >>> empty = ecox.ClaimGraph.from_tables(ecox.seed().actors.iloc[:0], [])
    >>> _no_fill_reason(empty, None)  # doctest: +ELLIPSIS
    'no enterprise is one role short of a venture (0 complete ventures); ...'
    """
    done = complete_triads(graph, as_of=as_of)["enterprise"].nunique()
    return (
        f"no enterprise is one role short of a venture ({done} complete ventures); "
        "a venture needs two of scientist, entrepreneur and capital to be one short "
        "(`ecox triads` lists them); try --kind under, links or communities"
    )


def demo(graph: ClaimGraph, out_dir: Path) -> list[Path]:
    """Write ``triads.csv`` and ``gaps.csv`` for ``ecox demo``."""
    triads_path, gaps_path = out_dir / "triads.csv", out_dir / "gaps.csv"
    write_output(triads_path, csv_text(triads_table(graph)))
    write_output(gaps_path, csv_text(gaps_table(graph)))
    return [triads_path, gaps_path]
