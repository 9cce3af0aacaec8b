"""``ecox review``: the page on which a person checks and corrects what ``ecox extract`` found."""

from __future__ import annotations

import sys

import click

from ecox.output import write_output
from ecox.viz.review import review_page

__all__ = ["review"]


@click.command()
@click.argument("folder", metavar="DIR")
@click.option("-o", "--output", required=True, metavar="review.html", help="the page to write")
@click.option(
    "--text",
    "texts",
    multiple=True,
    metavar="FILE",
    help="a report the tables were extracted from (default: found by the recorded "
    "file names in the current directory or DIR); repeat for several",
)
@click.option("--lang", type=click.Choice(["zh", "en"]), default="zh", help="language of the page")
def review(folder: str, output: str, texts: tuple[str, ...], lang: str) -> None:
    """Writes an offline page showing each report sentence by sentence with the relations
    and candidates of an `ecox extract -o DIR` folder highlighted on the text. Accept,
    reject, retype or reverse each; click two mentions to add a missed one; save the
    corrected entities.csv and relations.csv (downloads), which `ecox load` reads."""
    write_output(output, review_page(folder, texts, lang=lang))
    print(f"wrote {output}", file=sys.stderr)
