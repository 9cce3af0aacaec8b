"""``ecox render`` and ``ecox report``: offline HTML pages of a graph (thin wrappers over viz/).

Examples
--------
>>> from click.testing import CliRunner
>>> import ecox
>>> done = CliRunner().invoke(
...     render, ["-", "-o", "-", "--view", "ego", "--focus", "瑞安农商银行"],
...     input=ecox.to_json(ecox.seed()),
... )
>>> done.exit_code, done.stdout.startswith("<!DOCTYPE html>")
(0, True)
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import click

from ecox.graph.claims import ClaimGraph
from ecox.options import (
    as_of_option,
    graph_argument,
    lang_option,
    read_graph_argument,
    top_option,
)
from ecox.output import write_output
from ecox.viz.network import SIZE_BY
from ecox.viz.report import report as report_page
from ecox.viz.views import VIEWS, ViewInput, top_broker
from ecox.viz.views import render as render_page

__all__ = ["demo", "render", "report", "write_view"]

F = TypeVar("F", bound=Callable[..., Any])


def _page_option(metavar: str) -> Callable[[F], F]:
    return click.option(
        "-o", "--output", required=True, metavar=metavar, help="the page to write (- = stdout)"
    )


@click.command()
@graph_argument
@_page_option("PAGE.html")
@click.option("--view", type=click.Choice(VIEWS), default="ecosystem", show_default=True)
@click.option("--focus", metavar="ACTOR", help="ego view: name, alias or id")
@click.option(
    "--hops",
    type=click.IntRange(min=0),
    default=1,
    show_default=True,
    metavar="N",
    help="ego view radius",
)
@top_option(
    "ecosystem: draw N actors (the most important, joined by shortest paths); other views: "
    "the first N query rows. A view draws at most 2,000 actors, or N when larger"
)
@as_of_option
@click.option("--size-by", type=click.Choice(SIZE_BY), help="node size score")
@lang_option
def render(
    graph: str,
    output: str,
    view: str,
    focus: str | None,
    hops: int,
    top: int | None,
    as_of: str | None,
    size_by: str | None,
    lang: str,
) -> None:
    """Views: ecosystem, ego (--focus NAME --hops N), triads, gaps, brokers."""
    write_view(
        read_graph_argument(graph),
        view,
        output,
        focus=focus,
        hops=hops,
        top=top,
        as_of=as_of,
        size_by=size_by,
        lang=lang,
    )


def write_view(graph: ClaimGraph, view: str, output: str, **options: Any) -> None:
    """Write the page of ``view`` (:func:`ecox.viz.views.render` with ``options``) to
    ``output``: what ``ecox brokers`` and ``ecox gaps`` do when ``-o`` names an HTML file."""
    write_output(output, render_page(graph, view=view, **options))
    print(f"wrote {output} ({view} view)", file=sys.stderr)


@click.command()
@graph_argument
@click.option("-o", "--output", metavar="REPORT.html", help="the page to write (- = stdout)")
@click.option(
    "--pdf", metavar="REPORT.pdf", help="also print the report to a PDF (needs headless Chromium)"
)
@as_of_option
@top_option("rows per table, actors in the network")
@lang_option
def report(
    graph: str, output: str | None, pdf: str | None, as_of: str | None, top: int | None, lang: str
) -> None:
    """Counts, charts, brokers, triads, gaps, under-connected actors and the network."""
    if output is None and pdf is None:
        raise click.UsageError("give -o REPORT.html, --pdf REPORT.pdf or both")
    html = report_page(read_graph_argument(graph), as_of=as_of, top=top, lang=lang)
    if output is not None:
        write_output(output, html)
        print(f"wrote {output}", file=sys.stderr)
    if pdf is not None:
        from ecox.viz.pdf import write_pdf

        print(f"wrote {write_pdf(html, pdf)}", file=sys.stderr)


def demo(graph: ClaimGraph, out_dir: Path, *, lang: str = "zh") -> list[Path]:
    """Write ``report.html`` and the five views (the ego view centred on the top broker)."""
    written = [out_dir / "report.html"]
    write_output(written[0], report_page(graph, lang=lang))
    focus = top_broker(ViewInput.of(graph))
    for view in VIEWS:
        path = out_dir / f"{view}.html"
        page = render_page(graph, view=view, focus=focus if view == "ego" else None, lang=lang)
        write_output(path, page)
        written.append(path)
    return written
