"""``ecox extract``: read Chinese news reports into reviewable actor and relation tables."""

from __future__ import annotations

import argparse
import sys

from ecox.loaders.extraction import extract_files
from ecox.loaders.extraction_eval import evaluate, format_scores

__all__ = ["register"]


def _cmd_extract(args: argparse.Namespace) -> int:
    if args.output is None and args.eval is None:
        raise ValueError("ecox extract needs -o DIR, --eval GOLD_DIR, or both")
    extraction = extract_files(args.files)
    if args.output is not None:
        entities, relations = extraction.write(args.output)
        print(
            f"{len(extraction.entities)} actors, {len(extraction.relations)} relationships "
            f"from {len(extraction.reports)} articles: {entities}, {relations}",
            file=sys.stderr,
        )
    if args.eval is not None:
        print(format_scores(evaluate(extraction, args.eval)))
    return 0


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``ecox extract``."""
    extract = commands.add_parser(
        "extract",
        help="propose actors and relationships (with evidence) from report texts",
        description="Reads plain-text or HTML reports (UTF-8 or GBK/GB18030; a bulletin is "
        "split where a 来源: line ends an article) and writes entities.csv and "
        "relations.csv in the gold layout for review; `ecox load DIR` loads them.",
    )
    extract.add_argument("files", nargs="+", metavar="FILE")
    extract.add_argument("-o", "--output", metavar="DIR", help="where to write the two tables")
    extract.add_argument(
        "--eval", metavar="GOLD_DIR", help="print precision, recall and F1 against gold tables"
    )
    extract.set_defaults(handler=_cmd_extract)
