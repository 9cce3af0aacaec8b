"""``ecox extract``: read Chinese news reports into reviewable actor and relation tables."""

from __future__ import annotations

import sys

import click

from ecox.graph.machine import reuse_freed_memory
from ecox.loaders.extraction import extract_files
from ecox.loaders.relation_model import get_model

__all__ = ["extract"]


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("-o", "--output", metavar="DIR", help="where to write the tables")
@click.option(
    "--eval",
    "gold",
    metavar="GOLD_DIR",
    help="print precision, recall and F1 against gold tables",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.0, 1.0),
    default=None,
    metavar="P",
    help=f"accept relations with probability at least P (default {get_model().threshold:g}, "
    "chosen by cross-validation); the others go to candidates.csv",
)
def extract(
    files: tuple[str, ...], output: str | None, gold: str | None, threshold: float | None
) -> None:
    """Reads plain-text or HTML reports (UTF-8 or GBK/GB18030; a bulletin is split where a
    来源: line ends an article) and writes entities.csv and relations.csv in the gold layout
    for review, with a calibrated probability per relation, and candidates.csv (relations
    below the threshold, with their evidence); `ecox load DIR` loads the first two.
    Needs -o DIR, --eval GOLD_DIR, or both."""
    if output is None and gold is None:
        raise click.UsageError("ecox extract needs -o DIR, --eval GOLD_DIR, or both")
    # the tables of a large text are built from short-lived arrays: their pages are kept
    # for reuse instead of being zeroed again by the kernel (about a third of a second at 1 MB)
    reuse_freed_memory()
    extraction = extract_files(list(files), threshold=threshold)
    if output is not None:
        entities, relations = extraction.write(output)
        print(
            f"{len(extraction.entities)} actors, {len(extraction.relations)} relationships "
            f"({len(extraction.candidates)} candidates below the threshold) "
            f"from {len(extraction.reports)} articles: {entities}, {relations}",
            file=sys.stderr,
        )
    if gold is not None:
        from ecox.loaders.extraction_eval import evaluate, format_scores  # needs pandas

        print(format_scores(evaluate(extraction, gold)))
