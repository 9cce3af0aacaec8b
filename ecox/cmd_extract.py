"""``ecox extract``: read Chinese news reports into reviewable actor and relation tables."""

from __future__ import annotations

import sys

import click

from ecox.loaders.extraction import extract_files
from ecox.loaders.extraction_eval import evaluate, format_scores

__all__ = ["extract"]


@click.command()
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@click.option("-o", "--output", metavar="DIR", help="where to write the two tables")
@click.option(
    "--eval",
    "gold",
    metavar="GOLD_DIR",
    help="print precision, recall and F1 against gold tables",
)
def extract(files: tuple[str, ...], output: str | None, gold: str | None) -> None:
    """Reads plain-text or HTML reports (UTF-8 or GBK/GB18030; a bulletin is split where a
    来源: line ends an article) and writes entities.csv and relations.csv in the gold layout
    for review; `ecox load DIR` loads them. Needs -o DIR, --eval GOLD_DIR, or both."""
    if output is None and gold is None:
        raise click.UsageError("ecox extract needs -o DIR, --eval GOLD_DIR, or both")
    extraction = extract_files(list(files))
    if output is not None:
        entities, relations = extraction.write(output)
        print(
            f"{len(extraction.entities)} actors, {len(extraction.relations)} relationships "
            f"from {len(extraction.reports)} articles: {entities}, {relations}",
            file=sys.stderr,
        )
    if gold is not None:
        print(format_scores(evaluate(extraction, gold)))
