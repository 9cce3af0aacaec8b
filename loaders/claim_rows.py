"""The extractor's claim rows: an article's relation and candidate rows, and the tables
made of them, column by column in Arrow.

An article's rows name their actors by entity key (the name the article's actors go
by); :func:`claim_frame` turns the keys into entity ids once, for all the rows. So an
article's rows can be made where it is read (in a worker process), before the ids,
which rank the actors over all the articles, are known.

Examples
--------
>>> from ecox.loaders.relation_candidates import Candidate
>>> from ecox.loaders.reports import Report
>>> report = Report("d.txt", "a1", "甲乙", "甲投资乙。", None, "2026-01-10", 0)
>>> rows = article_rows(report, "a1", [Candidate("甲", "乙", "INVESTED_IN", 0, 5)], [0.9],
...                     threshold=0.5, named={"甲", "乙"})
>>> piece = claim_piece(claim_columns(*rows))
>>> frame = claim_frame([piece.accepted], RELATION_COLUMNS, {"甲": "e001", "乙": "e002"})
>>> frame[["source", "target", "type", "evidence", "probability"]].values.tolist()
[['e001', 'e002', 'INVESTED_IN', '甲投资乙。', 0.9]]
"""

from __future__ import annotations

from collections.abc import Container
from operator import itemgetter
from typing import TYPE_CHECKING, Any, NamedTuple

from ecox.graph.schema import EdgeType
from ecox.loaders.relation_candidates import Candidate
from ecox.loaders.reports import Report

if TYPE_CHECKING:
    import pandas as pd
    import pyarrow as pa

__all__ = [
    "CANDIDATE_COLUMNS",
    "EXTRACTOR",
    "RELATION_COLUMNS",
    "ClaimColumns",
    "ClaimPiece",
    "article_rows",
    "claim_columns",
    "claim_frame",
    "claim_piece",
    "implied_locations",
]

EXTRACTOR = "ecox-learned/1"
RELATION_COLUMNS = [
    "source",
    "target",
    "type",
    "amount_cny",
    "date",
    "article",
    "evidence",
    "amount",
    "currency",
    "span_start",
    "span_end",
    "confidence",
    "probability",
    "document",
    "outlet",
    "published",
    "extractor",
    "rule",
]
CANDIDATE_COLUMNS = [
    "source",
    "target",
    "type",
    "probability",
    "article",
    "evidence",
    "span_start",
    "span_end",
    "document",
    "rule",
]

_Rows = list[tuple[object, ...]]


def article_rows(
    report: Report,
    art: str,
    cands: list[Candidate],
    scored: list[float],
    *,
    threshold: float,
    named: Container[str],
) -> tuple[_Rows, _Rows]:
    """One article's rows of the relation table (candidates at or above ``threshold``) and
    of the candidate table (the others), each by span and type; a candidate whose actors
    are not both ``named`` has no row."""
    kept = [(c, p) for c, p in zip(cands, scored, strict=True)
            if c.source in named and c.target in named]  # fmt: skip
    implied: set[int] = set()
    if threshold > 0:  # at 0 every candidate is accepted as it is (candidate recall)
        implied = implied_locations([c for c, p in kept if p >= threshold])
    accepted: _Rows = []
    below: _Rows = []
    article = _Article(report, art)
    for c, p in kept:
        if p >= threshold and id(c) not in implied:
            accepted.append(_claim_row(article, c, p))
        else:
            below.append(_candidate_row(article, c, p))
    accepted.sort(key=_SPAN_AND_TYPE)
    below.sort(key=_CANDIDATE_SPAN_AND_TYPE)
    return accepted, below


def implied_locations(accepted: list[Candidate]) -> set[int]:
    """The ids of accepted ``A LOCATED_IN Z`` candidates where ``A LOCATED_IN P`` and
    ``P LOCATED_IN Z`` are accepted too: a company in a park is located in the park
    only, not also in the zone around it (the annotation convention, kept by every
    annotated report); such a claim stays a candidate.

    >>> cs = [Candidate(a, b, "LOCATED_IN", 0, 1) for a, b in (("A", "P"), ("P", "Z"), ("A", "Z"))]
    >>> [(c.source, c.target) for c in cs if id(c) in implied_locations(cs)]
    [('A', 'Z')]
    """
    places: dict[str, set[str]] = {}
    for c in accepted:
        if c.type == EdgeType.LOCATED_IN:
            places.setdefault(c.source, set()).add(c.target)
    return {
        id(c)
        for c in accepted
        if c.type == EdgeType.LOCATED_IN
        and any(c.target in places.get(p, ()) for p in places[c.source] if p != c.target)
    }


class _Article:
    """The cells an article's rows share: one text object per evidence span (so that a
    sentence, the evidence of many candidates, is sent from a worker process once)."""

    def __init__(self, report: Report, art: str) -> None:
        self.report, self.art = report, art
        self.document = f"{report.document}#{report.article}"
        self.evidence: dict[tuple[int, int], str] = {}

    def text(self, start: int, end: int) -> str:
        span = (start, end)
        text = self.evidence.get(span)
        if text is None:
            text = self.evidence[span] = self.report.text[start:end]
        return text


def _candidate_row(article: _Article, c: Candidate, probability: float) -> tuple[object, ...]:
    """One row of the candidate table, its cells in the order of ``CANDIDATE_COLUMNS``."""
    return (
        c.source,
        c.target,
        c.type,
        round(probability, 4),
        article.art,
        article.text(c.span_start, c.span_end),
        c.span_start,
        c.span_end,
        article.document,
        c.rule or "learned",
    )


def _claim_row(article: _Article, c: Candidate, probability: float) -> tuple[object, ...]:
    """One row of the relation table, its cells in the order of ``RELATION_COLUMNS``:
    the candidate's row with the cells of the relation a rule found."""
    source, target, kind, rounded, art, evidence, start, end, document, rule = _candidate_row(
        article, c, probability
    )
    report = article.report
    r = c.relation
    amount = r.amount.value if r is not None and r.amount else None
    currency = r.amount.currency if r is not None and r.amount else None
    return (
        source,
        target,
        kind,
        amount if currency == "CNY" else None,
        r.date if r is not None else None,
        art,
        evidence,
        amount,
        currency,
        start,
        end,
        r.confidence if r is not None else rounded,
        rounded,
        document,
        report.outlet,
        report.published,
        EXTRACTOR,
        rule,
    )


#: The order of an article's rows of the relation table and of the candidate table
#: (``RELATION_COLUMNS``, ``CANDIDATE_COLUMNS``): span, then type.
_SPAN_AND_TYPE, _CANDIDATE_SPAN_AND_TYPE = (
    itemgetter(*map(columns.index, ("span_start", "span_end", "type")))
    for columns in (RELATION_COLUMNS, CANDIDATE_COLUMNS)
)


class ClaimColumns(NamedTuple):
    """The rows of some articles in a row, column by column: relation and candidate rows
    (plain tuples: a worker process sends them without loading Arrow, which with pandas
    would cost it a third of a second)."""

    accepted: list[tuple[object, ...]]
    below: list[tuple[object, ...]]


def claim_columns(accepted: _Rows, below: _Rows) -> ClaimColumns:
    """Rows of :func:`article_rows` (of one or more articles) column by column."""
    return ClaimColumns(_columns(accepted, RELATION_COLUMNS), _columns(below, CANDIDATE_COLUMNS))


def _columns(rows: _Rows, names: list[str]) -> list[tuple[object, ...]]:
    return list(zip(*rows, strict=True)) if rows else [()] * len(names)


class ClaimPiece(NamedTuple):
    """:class:`ClaimColumns` as Arrow tables, joined by :func:`claim_frame`."""

    accepted: pa.Table
    below: pa.Table


#: The number columns of the claim tables and their types; the others hold text.
_NUMBER_TYPES = dict.fromkeys(("amount_cny", "amount", "confidence", "probability"), "float64")
_NUMBER_TYPES.update(span_start="int64", span_end="int64")


def claim_piece(columns: ClaimColumns) -> ClaimPiece:
    """``columns`` in Arrow."""
    return ClaimPiece(
        _arrow(RELATION_COLUMNS, columns.accepted), _arrow(CANDIDATE_COLUMNS, columns.below)
    )


def _arrow(names: list[str], columns: list[tuple[object, ...]]) -> pa.Table:
    import pyarrow as pa

    return pa.table(
        {
            name: pa.array(cells, pa.type_for_alias(_NUMBER_TYPES.get(name, "large_string")))
            for name, cells in zip(names, columns, strict=True)
        }
    )


def claim_frame(
    tables: list[pa.Table], columns: list[str], ids: dict[str, str], *, ordered: bool = True
) -> pd.DataFrame:
    """The rows of ``tables`` (of :func:`claim_piece`) as one table, actors by their ``ids``,
    rows by article (in the order first seen), span and type; rows equal in these keep
    their order (the sort is stable). ``ordered``: the rows are in this order already.
    The columns are as pandas makes them from the cells: numbers as float64 or int64,
    text in pandas' default string type, a column of nothing but missing cells as objects.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    table = pa.concat_tables(tables)
    keys = pa.array(list(ids), pa.large_string())
    names = pa.array(list(ids.values()), pa.large_string())
    for column in ("source", "target"):
        at = table.schema.get_field_index(column)
        named = pc.take(names, pc.index_in(table[column], value_set=keys))
        table = table.set_column(at, column, named)
    if not ordered:
        rank = table["article"].combine_chunks().dictionary_encode().indices  # first seen
        keys_table = table.select(["span_start", "span_end", "type"]).append_column("rank", rank)
        order = [("rank", "ascending")] + [
            (c, "ascending") for c in ("span_start", "span_end", "type")
        ]
        table = table.take(pc.sort_indices(keys_table, sort_keys=order))
    import pandas as pd

    return pd.DataFrame({name: _frame_column(name, table[name]) for name in columns})


def _frame_column(name: str, column: pa.ChunkedArray) -> Any:
    import numpy as np
    import pandas as pd

    if name in _NUMBER_TYPES:
        return column.to_numpy()  # a missing number: NaN
    text_type = pd.Series(["text"]).dtype  # pandas 3: text in Arrow; before: objects
    if (
        isinstance(text_type, pd.StringDtype)
        and text_type.storage == "pyarrow"
        and column.null_count < len(column)
    ):
        return pd.array(column.combine_chunks(), dtype=text_type)
    return np.array(column.to_pylist(), dtype=object)
