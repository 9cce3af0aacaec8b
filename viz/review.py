"""The review page of ``ecox review``: check what the extractor proposed, on the text.

:func:`review_page` reads an ``ecox extract -o DIR`` folder (``entities.csv``,
``relations.csv`` and, when the learned extractor wrote it, ``candidates.csv``)
and the report texts it was read from, and returns one offline page. Each
article is shown sentence by sentence with its mentions (every entity name or
alias found in the text) and each proposed relation highlighted on its evidence
span; under each sentence its relations and candidates are rows (source, type,
target, probability) that the reviewer accepts, rejects, retypes (among the
types the schema allows for the two ends) or reverses. Clicking two mentions
adds a missed relation. The page saves the corrected ``entities.csv`` and
``relations.csv`` as downloads, in the layout ``ecox load`` reads
(``viz/assets/review.js``).

Texts are found by the document names recorded in the tables (``file#article``),
beside the current directory or inside ``DIR``, or given as ``texts``.

Examples
--------
>>> sentence_spans("甲公司成立。乙银行贷款给甲公司！\\n丙")
[(0, 6), (6, 16), (17, 18)]
>>> find_mentions("华为与华为技术有限公司合作", {"e1": ["华为技术有限公司", "华为"]})
[(0, 2, 'e1'), (3, 11, 'e1')]
"""

from __future__ import annotations

import csv
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ecox.graph.errors import InputError
from ecox.graph.schema import SCHEMA
from ecox.loaders.reports import read_report_text, split_articles
from ecox.loaders.tables import read_tables
from ecox.loaders.textfile import read_text_lines
from ecox.store.spreadsheet import unescape_cell
from ecox.viz.messages import catalogue, message
from ecox.viz.page import page

__all__ = [
    "MIN_PROBABILITY",
    "ReviewInput",
    "find_mentions",
    "read_review_input",
    "review_page",
    "sentence_spans",
]

#: Undecided candidates less likely than this are hidden until the reviewer lowers it on the page.
MIN_PROBABILITY = 0.05

_SENTENCE_END = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)]*|\n|$)")


@dataclass
class ReviewInput:
    """What the page shows: the three tables (rows of text cells) and the article texts."""

    entity_columns: list[str]
    entities: list[dict[str, str]]
    relations: list[dict[str, str]]
    candidates: list[dict[str, str]]
    relation_columns: list[str]
    #: article id (as in the tables' ``article`` column) → (document#article, title, text)
    articles: dict[str, tuple[str, str, str]]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence: up to 。！？； or a line end; blank ones skipped."""
    spans = []
    for m in _SENTENCE_END.finditer(text):
        start, end = m.start(), m.end()
        while end > start and text[end - 1] in "\n\r":
            end -= 1
        while start < end and text[start].isspace():
            start += 1
        if end > start:
            spans.append((start, end))
    return spans


def find_mentions(text: str, names: Mapping[str, Sequence[str]]) -> list[tuple[int, int, str]]:
    """Non-overlapping ``(start, end, entity id)`` of every name or alias, longest first."""
    forms = sorted(
        ((form, key) for key, all_forms in names.items() for form in all_forms if form),
        key=lambda f: -len(f[0]),
    )
    taken = [False] * len(text)
    found = []
    for form, key in forms:
        start = text.find(form)
        while start >= 0:
            end = start + len(form)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(form)
                found.append((start, end, key))
            start = text.find(form, end)
    return sorted(found)


def _read_table(
    path: Path, kind: str, required: bool = True
) -> tuple[list[str], list[dict[str, str]]]:
    """Header and rows (cells as text) of one table; a header-only table has no rows."""
    if not path.is_file():
        if not required:
            return [], []
        raise InputError(
            f"{path}: no such file (ecox review reads an `ecox extract -o DIR` folder)"
        )
    lines = [line for line in read_text_lines(path)[0].splitlines() if line.strip()]
    if len(lines) == 1:
        return [unescape_cell(c.strip()).lower() for c in next(csv.reader(lines))], []
    table = read_tables(path, kind)[0]
    if table.errors:
        raise table.errors[0]
    return table.columns, [dict(row.cells) for row in table.rows]


def _documents(rows: Iterable[dict[str, str]], entities: Iterable[dict[str, str]]) -> list[str]:
    docs = [r["document"].rpartition("#")[0] or r["document"] for r in rows if r.get("document")]
    docs += [d for e in entities for d in e.get("documents", "").split("|") if d]
    return list(dict.fromkeys(docs))


def _locate(document: str, folder: Path, texts: Sequence[Path], only: bool) -> Path | None:
    named = [t for t in texts if only or t.name == Path(document).name or str(t) == document]
    if named:
        return named[0]
    for place in (Path(document), folder / document, folder / Path(document).name):
        if place.is_file():
            return place
    return None


def _check_spans(rows: list[dict[str, str]], articles: dict[str, Any], file: Path) -> None:
    for line, row in enumerate(rows, start=2):
        start, end = row.get("span_start", ""), row.get("span_end", "")
        if row.get("article") not in articles or not (start.isdigit() and end.isdigit()):
            continue
        text = articles[row["article"]][2]
        if row.get("evidence") and text[int(start) : int(end)] != row["evidence"]:
            raise InputError(
                f"{file}, line {line}, field evidence: the text of {articles[row['article']][0]} "
                "differs from the one extracted (give the same report with --text FILE)"
            )


def read_review_input(
    folder: str | os.PathLike[str], texts: Sequence[str | os.PathLike[str]] = ()
) -> ReviewInput:
    """Read an ``ecox extract`` folder and find its report texts.

    Raises
    ------
    InputError
        A table is missing or malformed, a report text cannot be found (one line
        naming the document and where it was looked for) or differs from the one extracted.
    """
    folder = Path(folder)
    entity_columns, entities = _read_table(folder / "entities.csv", "actors")
    if "id" not in entity_columns:  # relations then name their ends
        entity_columns.insert(0, "id")
        entities = [e | {"id": e["name"]} for e in entities]
    header, relations = _read_table(folder / "relations.csv", "relations")
    cand_header, candidates = _read_table(folder / "candidates.csv", "relations", required=False)
    text_paths = [Path(t) for t in texts]
    documents = _documents(relations + candidates, entities) or [t.name for t in text_paths]
    if not documents:
        raise InputError(f"{folder}: the tables record no document; give the reports with --text")
    multi = len(documents) > 1
    articles: dict[str, tuple[str, str, str]] = {}
    for document in documents:
        path = _locate(document, folder, text_paths, len(documents) == len(text_paths) == 1)
        if path is None:
            raise InputError(
                f"report text {document!r} (recorded in {folder}) not found in the current "
                f"directory or {folder}; give it with --text FILE"
            )
        for report in split_articles(read_report_text(path), document):
            key = f"{document}:{report.article}" if multi else report.article
            articles[key] = (f"{document}#{report.article}", report.title, report.text)
    _check_spans(relations, articles, folder / "relations.csv")
    _check_spans(candidates, articles, folder / "candidates.csv")
    columns = list(dict.fromkeys([*header, *cand_header, "review"]))
    return ReviewInput(entity_columns, entities, relations, candidates, columns, articles)


def _schema_table(lang: str) -> list[dict[str, Any]]:
    labels = SCHEMA.relation_labels(lang)
    return [
        {
            "name": name,
            "label": labels[name],
            "source": sorted(spec.source),
            "target": sorted(spec.target),
            "symmetric": spec.symmetric,
        }
        for name, spec in SCHEMA.edges.items()
    ]


def _page_data(data: ReviewInput, lang: str) -> dict[str, Any]:
    forms = {
        e["id"]: [e["name"], *(a for a in e.get("aliases", "").split("|") if a)]
        for e in data.entities
    }
    in_article = {e["id"]: set(e.get("articles", "").split("|")) for e in data.entities}
    articles = []
    for key, (document, title, text) in data.articles.items():
        names = {k: v for k, v in forms.items() if key in in_article[k] or not in_article[k] - {""}}
        articles.append(
            {
                "id": key,
                "document": document,
                "title": title,
                "text": text,
                "sentences": sentence_spans(text),
                "mentions": find_mentions(text, names),
            }
        )
    rows = [{"origin": "relation", "fields": r} for r in data.relations]
    rows += [{"origin": "candidate", "fields": r} for r in data.candidates]
    return {
        "lang": lang,
        "messages": {
            key.removeprefix("review."): message(key, lang)
            for key in catalogue()
            if key.startswith("review.")
        },
        "types": _schema_table(lang),
        "typeLabels": {n: s.label[lang] for n, s in SCHEMA.nodes.items()},
        "entities": data.entities,
        "entityColumns": data.entity_columns,
        "relationColumns": data.relation_columns,
        "rows": rows,
        "minProbability": MIN_PROBABILITY,
        "articles": articles,
    }


def review_page(
    folder: str | os.PathLike[str],
    texts: Sequence[str | os.PathLike[str]] = (),
    *,
    lang: str = "zh",
) -> str:
    """The review page of an ``ecox extract -o DIR`` folder (see the module text)."""
    data = read_review_input(folder, texts)
    title = message("review.title", lang, folder=Path(folder).name)
    body = (
        '<header class="review-head"><h1 id="review-title"></h1>'
        '<p id="review-help"></p><div id="review-tools"></div>'
        '<div id="review-add"></div></header><main id="review-articles"></main>'
    )
    return page(
        title,
        body,
        _page_data(data, lang) | {"title": title},
        network=False,
        script="review.js",
        style="review.css",
    )
