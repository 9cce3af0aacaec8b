"""``ecox update`` and ``ecox diff``: this week's reports into last week's graph, and what changed.

Examples
--------
>>> import tempfile, ecox
>>> from pathlib import Path
>>> from click.testing import CliRunner
>>> folder = Path(tempfile.mkdtemp())
>>> seed = ecox.seed()
>>> older = ecox.ClaimGraph.from_tables(seed.actors, seed.claims.iloc[:-3])
>>> write_outputs({folder / "old.json": ecox.to_json(older),
...                folder / "new.json": ecox.to_json(seed)})
>>> done = CliRunner().invoke(diff, [str(folder / "old.json"), str(folder / "new.json"),
...                                  "--format", "csv"])
>>> done.exit_code, done.stdout.splitlines()[0]
(0, 'section,change,key,name,type,before,after,detail,detail_zh')
"""

from __future__ import annotations

__all__ = ["diff", "update"]

import sys
from pathlib import Path

import click

from ecox.options import as_of_option, lang_option, read_graph_argument, table_output
from ecox.output import STDOUT, TableOutput, write_output, write_outputs


@click.command()
@click.argument("graph", metavar="GRAPH.json")
@click.argument("inputs", nargs=-1, required=True, metavar="INPUT...")
@click.option("-o", "--output", required=True, metavar="NEW.json", help="the updated graph")
@click.option("--skip-invalid", is_flag=True, help="load the valid rows; list the rejected ones")
def update(graph: str, inputs: tuple[str, ...], output: str, skip_invalid: bool) -> None:
    """Merge new reports or tables (INPUT) into GRAPH, resolving names against its actors.

    Every claim keeps its provenance; the old graph is never changed (NEW must be
    another file). Prints what was added.
    """
    from ecox.loaders.load import load_inputs, rejects_csv
    from ecox.queries.diff import tie_counts
    from ecox.store.files import to_json

    if output in (STDOUT, graph):
        raise click.UsageError("-o must name a new file: GRAPH itself is kept as it is")
    old = read_graph_argument(graph)
    result = load_inputs([graph, *inputs], skip_invalid=skip_invalid, graphs_read={graph: old})
    outputs = {output: to_json(result.graph)}
    if skip_invalid:
        outputs[str(Path(output).with_suffix(".rejects.csv"))] = rejects_csv(result.rejects)
    write_outputs(outputs)
    new = result.graph
    known = set(old.actors["id"])
    matched = sum(1 for a in new.actors["id"] if a in known)
    print(
        f"wrote {output}: {len(new.actors)} actors ({len(new.actors) - matched} new, "
        f"{matched} already known), {len(new.claims)} claims "
        f"({len(new.claims) - len(old.claims)} new, "
        f"{tie_counts(new) - tie_counts(old)} new ties)",
        file=sys.stderr,
    )
    if skip_invalid:
        print(f"rejected {len(result.rejects)} rows", file=sys.stderr)


@click.command()
@click.argument("old", metavar="OLD.json")
@click.argument("new", metavar="NEW.json")
@as_of_option
@lang_option
@table_output
def diff(old: str, new: str, as_of: str | None, lang: str, out: TableOutput) -> None:
    """What changed from OLD to NEW: actors, ties, ventures, gaps, brokers.

    ``-o FILE.html`` writes a page; otherwise a table (``--format``).
    """
    from ecox.queries.diff import graph_diff
    from ecox.viz.diff_page import diff_page, diff_summary

    changes = graph_diff(read_graph_argument(old), read_graph_argument(new), as_of=as_of)
    if out.page:
        write_output(out.target, diff_page(changes, Path(old).name, Path(new).name, lang=lang))
        print(f"wrote {out.target}: {diff_summary(changes, lang)}", file=sys.stderr)
        return
    out.emit(changes, shown=["section", "change", "name", "type", "before", "after"])
