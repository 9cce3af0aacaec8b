"""The rule-based extractor: Chinese news reports → actors and relationships with evidence.

:func:`extract_files` reads report files (see :mod:`loaders.reports`), splits
bulletins into articles, finds the actors of each article
(:mod:`loaders.mentions`) and the relationships between them
(:mod:`loaders.cues`), and returns an :class:`Extraction`: two tables in the
gold format of ``shared/gold/README.md`` that a person can review in a
spreadsheet and load with ``ecox load DIR``.

Entities: ``id, name, types, aliases, articles`` (+ ``documents``).
Relations: ``source, target, type, amount_cny, date, article, evidence``
(+ ``amount, currency, span_start, span_end, confidence, document, outlet,
published, extractor, rule``). ``amount`` stays in the reported currency;
``amount_cny`` is filled only when that currency is CNY. Span offsets index
the article text (``Report.text``). ``document`` is ``file#article``, so that
each article counts as one source.

Examples
--------
>>> ex = extract_text("2025年9月,江南星河智能装备有限公司获得宁波银行余杭支行发放的贷款800万元。"
...                   "该公司董事长程远航表示,将继续加大研发投入。",
...                   document="demo.txt", published="2026-01-10")
>>> ex.entities[["name", "types"]].values.tolist()
[['江南星河智能装备有限公司', 'Enterprise'], ['宁波银行余杭支行', 'Bank'],
 ['程远航', 'Entrepreneur']]
>>> ex.relations[["source", "target", "type", "amount_cny", "date"]].values.tolist()
[['e002', 'e001', 'LENT_TO', 8000000.0, '2025-09'], ['e003', 'e001', 'LEADS', nan, nan]]
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from operator import attrgetter, itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ecox.graph.machine import usable_cpus
from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.cues import Relation, find_relations
from ecox.loaders.lexicon import get_lexicon
from ecox.loaders.mentions import Entity, find_actors
from ecox.loaders.relation_candidates import Candidate, find_candidates
from ecox.loaders.relation_model import RelationModel, get_model
from ecox.loaders.reports import Report, load_reports, split_articles
from ecox.store.safe_write import write_outputs

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "CANDIDATE_COLUMNS",
    "ENTITY_COLUMNS",
    "EXTRACTOR",
    "RELATION_COLUMNS",
    "ArticleReading",
    "Extraction",
    "assemble",
    "extract_files",
    "extract_reports",
    "extract_text",
    "read_article",
    "read_articles",
]

log = logging.getLogger(__name__)

EXTRACTOR = "ecox-learned/1"
ENTITY_COLUMNS = ["id", "name", "types", "aliases", "articles", "documents"]
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


def _empty(columns: list[str]) -> pd.DataFrame:
    """A table with these columns and no rows."""
    import pandas as pd

    return pd.DataFrame(columns=columns)


@dataclass
class Extraction:
    """What the extractor found: ``entities`` and ``relations`` tables.

    ``reports`` keeps the articles read, so evidence offsets can be checked
    against ``report.text``.
    """

    entities: pd.DataFrame
    relations: pd.DataFrame
    reports: list[Report]
    candidates: pd.DataFrame = field(default_factory=lambda: _empty(CANDIDATE_COLUMNS))

    def tables(self) -> dict[str, str]:
        """The review tables as CSV text: ``entities.csv``, ``relations.csv`` and
        ``candidates.csv`` (relations below the threshold, with their evidence).

        Formula-like cells are escaped for spreadsheets (:mod:`ecox.store.spreadsheet`);
        ``ecox load`` reads the first two back unchanged and leaves candidates out.
        """
        return {name: str(data, "utf-8") for name, data in self.table_bytes().items()}

    def table_bytes(self) -> dict[str, bytes]:
        """:meth:`tables` as UTF-8 bytes, what :meth:`write` puts in the files (the
        candidate table of a 1 MB text is about 27 MB: no text decoded and encoded again).
        """
        import pandas as pd

        from ecox.store.spreadsheet import to_safe_csv_bytes

        relations = self.relations.copy()
        for col in ("amount_cny", "amount"):
            relations[col] = relations[col].map(
                lambda v: "" if pd.isna(v) else f"{v:.0f}" if float(v).is_integer() else f"{v}"
            )
        return {
            "entities.csv": to_safe_csv_bytes(self.entities),
            "relations.csv": to_safe_csv_bytes(relations),
            "candidates.csv": to_safe_csv_bytes(self.candidates),
        }

    def write(self, out_dir: str | os.PathLike[str]) -> tuple[Path, Path]:
        """Write :meth:`tables` into ``out_dir`` (created if needed), all or none.

        Returns the paths of entities.csv and relations.csv. The files load back
        with ``ecox load out_dir`` or :func:`pandas.read_csv`.
        """
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        files = {out / name: data for name, data in self.table_bytes().items()}
        write_outputs(files)
        log.info(
            "wrote %d actors, %d relations and %d candidates to %s",
            len(self.entities),
            len(self.relations),
            len(self.candidates),
            out,
        )
        return out / "entities.csv", out / "relations.csv"


def _article_id(report: Report, multi: bool) -> str:
    return f"{report.document}:{report.article}" if multi else report.article


@dataclass
class ArticleReading:
    """One article read: its actors (in order of first mention), what the rules found,
    and every relation candidate (:mod:`ecox.loaders.relation_candidates`).

    ``probabilities`` are the candidates' by the shipped model when a worker process
    scored them (their features then stay in the worker), else None.
    """

    entities: list[tuple[str, Entity]]
    relations: list[Relation]
    candidates: list[Candidate]
    probabilities: list[float] | None = None


def read_article(report: Report) -> ArticleReading:
    """Actors, rule relations and relation candidates of one article."""
    actors = find_actors(report.text)
    relations = find_relations(actors, published=report.published)
    for r in relations:
        person = actors.entities[r.source]
        if (
            r.type == EdgeType.FOUNDED
            and person.kind == "person"
            and NodeType.ENTREPRENEUR not in person.types
        ):
            person.types = [t for t in person.types if t != NodeType.PERSON] + [
                NodeType.ENTREPRENEUR
            ]
        elif (
            r.type == EdgeType.LEADS
            and person.kind == "person"
            and person.types == [NodeType.PERSON]
            and actors.entities[r.target].types == [NodeType.ENTERPRISE]
        ):
            person.types = [NodeType.ENTREPRENEUR]  # 张三出任X公司董事长
    for e in actors.entities.values():
        if e.kind == "person" and len(e.types) > 1 and NodeType.PERSON in e.types:
            e.types.remove(NodeType.PERSON)
    seen = dict.fromkeys(m.key for m in actors.mentions)
    entities = [(k, actors.entities[k]) for k in seen if k in actors.entities]
    return ArticleReading(entities, relations, find_candidates(actors, relations))


_PARALLEL_CHARS = 150_000  # below this, starting worker processes costs more than it saves


#: A worker's reading as plain tuples: entity cells (key first), relation cells, the
#: number of the reading's own relations, candidate cells (their relation by its index
#: in the relation cells, -1 for none; no features), probabilities.
_Packed = tuple[
    list[tuple[Any, ...]], list[tuple[Any, ...]], int, list[tuple[Any, ...]], list[float]
]
_ENTITY_CELLS = attrgetter(*Entity.__slots__)
_RELATION_CELLS = attrgetter(*Relation.__slots__)
_CANDIDATE_CELLS = attrgetter(*Candidate.__slots__)
_CANDIDATE_RELATION = Candidate.__slots__.index("relation")
_CANDIDATE_FEATURES = (Candidate.__slots__.index("shared"), Candidate.__slots__.index("own"))


def _read_scored(report: Report) -> _Packed:
    """:func:`read_article` with its candidates scored by the shipped model, what a
    worker process sends back: plain tuples without the candidates' features (features
    are most of a reading's size, and pickling the objects themselves costs about ten
    times as much as their cells); :func:`_unpacked` makes the reading again."""
    reading = read_article(report)
    probabilities = get_model().probabilities(reading.candidates)
    relations = list(reading.relations)
    index = {id(r): i for i, r in enumerate(relations)}
    candidates = []
    for c in reading.candidates:
        cells = list(_CANDIDATE_CELLS(c))
        for i in _CANDIDATE_FEATURES:
            cells[i] = None
        r = c.relation
        if r is not None and id(r) not in index:
            index[id(r)] = len(relations)
            relations.append(r)
        cells[_CANDIDATE_RELATION] = -1 if r is None else index[id(r)]
        candidates.append(tuple(cells))
    return (
        [(key, *_ENTITY_CELLS(e)) for key, e in reading.entities],
        [_RELATION_CELLS(r) for r in relations],
        len(reading.relations),
        candidates,
        probabilities,
    )


def _unpacked(packed: _Packed) -> ArticleReading:
    """The reading that :func:`_read_scored` sent, scored, its candidates without
    features."""
    entity_cells, relation_cells, own, candidate_cells, probabilities = packed
    relations = [Relation(*cells) for cells in relation_cells]
    candidates = []
    for cells in candidate_cells:
        c = Candidate(*cells)
        c.shared, c.own = frozenset(), set()
        i = cells[_CANDIDATE_RELATION]
        c.relation = None if i < 0 else relations[i]
        candidates.append(c)
    entities = [(key, Entity(*cells)) for key, *cells in entity_cells]
    return ArticleReading(entities, relations[:own], candidates, probabilities)


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector off inside the block (and in worker processes
    forked there). Reading makes millions of objects that stay alive and almost no
    cycles (about 1,600 objects per MB of text), so the collector's passes over them
    cost about a seventh of the CPU and freed nearly nothing; it runs again after, with
    the objects made meanwhile moved to its oldest generation (else its next pass over
    the youngest one would go through all of them at once)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.freeze()
            gc.unfreeze()
            gc.enable()


def read_articles(reports: list[Report], workers: int | None = None) -> list[ArticleReading]:
    """:func:`read_article` for each report, in worker processes when ``workers`` > 1
    (``0``: as many as there are cores, up to 4, from about 150,000 characters of
    text). Readings from worker processes come back scored (``probabilities``), without
    the candidates' features. The cyclic garbage collector pauses meanwhile."""
    with _collector_paused():
        return list(_readings(reports, workers))


def _readings(reports: list[Report], workers: int | None) -> Iterator[ArticleReading]:
    """The readings of :func:`read_articles` in the order of ``reports``, each as soon as
    it is read (so that they can be assembled while the worker processes read on)."""
    total = sum(len(r.text) for r in reports)
    if workers == 0:
        workers = min(usable_cpus(), 4) if total >= _PARALLEL_CHARS else 1
    if workers is None or workers <= 1 or len(reports) < 2:
        yield from map(read_article, reports)
        return
    get_lexicon()  # load once here; forked workers inherit it
    get_model().probabilities([])  # its weights by type built once here, too
    try:
        ctx = multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        yield from map(read_article, reports)
        return
    # small chunks: the last ones leave a worker idle only briefly at the end
    chunk = max(1, len(reports) // (workers * 32))
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        readings = pool.map(_read_scored, reports, chunksize=chunk)
        # the workers are reading: pandas and the CSV writer (for the tables, about half
        # a second of CPU) load now rather than before them (the reading needs neither)
        import pandas  # noqa: F401

        import ecox.store.csv_render  # noqa: F401

        yield from map(_unpacked, readings)


_Rows = list[tuple[object, ...]]


class _Gathered:
    """The entities and claim rows of the articles read so far, gathered one article at a
    time (:meth:`add`, in the order of ``reports``) so that this work goes on while
    worker processes read the next ones. An entity's id is its rank of first mention
    over the articles; an article with a candidate whose actor was not yet named gets
    its rows again from the final ids (:meth:`finish`)."""

    def __init__(self, reports: list[Report], model: RelationModel, threshold: float) -> None:
        self.reports, self.model, self.threshold = reports, model, threshold
        self.multi = len({r.document for r in reports}) > 1
        arts = [_article_id(r, self.multi) for r in reports]
        # each article's rows are in order already; so are all, if no two share an id
        self.ordered = len(set(arts)) == len(arts)
        self.entities: dict[str, dict[str, Any]] = {}
        self.ids: dict[str, str] = {}
        self.rows: list[tuple[_Rows, _Rows]] = []
        self.unresolved: list[tuple[int, Report, list[Candidate], list[float]]] = []

    def add(self, report: Report, reading: ArticleReading) -> None:
        """Gather the entities and the claim rows (accepted, below the threshold) of one
        more article."""
        art = _article_id(report, self.multi)
        ids = self.ids
        for key, e in reading.entities:
            row = self.entities.get(key)
            if row is None:
                row = {"types": {}, "aliases": set(), "articles": {}, "documents": {}}
                self.entities[key] = row
                ids[key] = f"e{len(ids) + 1:03d}"
            row["types"].update(dict.fromkeys(e.types))
            row["aliases"] |= e.aliases
            row["articles"][art] = None
            row["documents"][report.document] = None
        scored = reading.probabilities
        if scored is None:
            scored = self.model.probabilities(reading.candidates)
        cands = reading.candidates
        if not all(c.source in ids and c.target in ids for c in cands):
            self.unresolved.append((len(self.rows), report, cands, scored))
        self.rows.append(self._article_rows(report, art, cands, scored))

    def _article_rows(
        self, report: Report, art: str, cands: list[Candidate], scored: list[float]
    ) -> tuple[_Rows, _Rows]:
        ids, threshold = self.ids, self.threshold
        kept = [(c, p) for c, p in zip(cands, scored, strict=True)
                if c.source in ids and c.target in ids]  # fmt: skip
        implied: set[int] = set()
        if threshold > 0:  # at 0 every candidate is accepted as it is (candidate recall)
            implied = _implied_locations([c for c, p in kept if p >= threshold])
        accepted: _Rows = []
        below: _Rows = []
        for c, p in kept:
            if p >= threshold and id(c) not in implied:
                accepted.append(_claim_row(report, art, c, p, ids))
            else:
                below.append(_candidate_row(report, art, c, p, ids))
        accepted.sort(key=_SPAN_AND_TYPE)
        below.sort(key=_CANDIDATE_SPAN_AND_TYPE)
        return accepted, below

    def finish(self) -> Extraction:
        """The tables of all the articles added."""
        for i, report, cands, scored in self.unresolved:
            self.rows[i] = self._article_rows(
                report, _article_id(report, self.multi), cands, scored
            )
        import pandas as pd

        ids = self.ids
        # an alias that is itself an entity name elsewhere stays an entity of its own
        entities = pd.DataFrame(
            [
                {
                    "id": ids[k],
                    "name": k,
                    "types": "|".join(row["types"]),
                    "aliases": "|".join(sorted(row["aliases"] - {k})),
                    "articles": "|".join(row["articles"]),
                    "documents": "|".join(row["documents"]),
                }
                for k, row in self.entities.items()
            ],
            columns=ENTITY_COLUMNS,
        )
        relations = _claim_table(
            [r for acc, _ in self.rows for r in acc], RELATION_COLUMNS, ordered=self.ordered
        )
        return Extraction(entities, relations, self.reports, self._candidates())

    def _candidates(self) -> pd.DataFrame:
        """The candidate table (only its columns become a DataFrame: most rows are
        candidates, made with the table's cells only while the articles are read)."""
        below = [r for _, rows in self.rows for r in rows]
        return _claim_table(below, CANDIDATE_COLUMNS, ordered=self.ordered)


def _candidate_row(
    report: Report, art: str, c: Candidate, probability: float, ids: dict[str, str]
) -> tuple[object, ...]:
    """One row of the candidate table, its cells in the order of ``CANDIDATE_COLUMNS``."""
    return (
        ids[c.source],
        ids[c.target],
        c.type,
        round(probability, 4),
        art,
        report.text[c.span_start : c.span_end],
        c.span_start,
        c.span_end,
        f"{report.document}#{report.article}",
        c.rule or "learned",
    )


def _claim_row(
    report: Report, art: str, c: Candidate, probability: float, ids: dict[str, str]
) -> tuple[object, ...]:
    """One row of the relation table, its cells in the order of ``RELATION_COLUMNS``:
    the candidate's row with the cells of the relation a rule found."""
    source, target, kind, rounded, _, evidence, start, end, document, rule = _candidate_row(
        report, art, c, probability, ids
    )
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


def _claim_table(
    rows: list[tuple[object, ...]], columns: list[str], *, ordered: bool = False
) -> pd.DataFrame:
    """The rows as a table, by article (in the order first seen), span and type; rows
    equal in these keep their order (the sort is stable). ``ordered``: the rows are in
    this order already."""
    if not ordered:
        art, start, end, kind = map(columns.index, ("article", "span_start", "span_end", "type"))
        art_rank = {a: i for i, a in enumerate(dict.fromkeys(r[art] for r in rows))}
        rows = sorted(rows, key=lambda r: (art_rank[r[art]], r[start], r[end], r[kind]))
    import pandas as pd

    cells = list(zip(*rows, strict=True)) if rows else [()] * len(columns)
    return pd.DataFrame({name: _claim_column(name, c) for name, c in zip(columns, cells)})


#: The number columns of the claim tables and their types; the others hold text.
_NUMBER_TYPES = dict.fromkeys(("amount_cny", "amount", "confidence", "probability"), "float64")
_NUMBER_TYPES.update(span_start="int64", span_end="int64")


def _claim_column(name: str, cells: tuple[object, ...]) -> Any:
    """One column of a claim table, as pandas would make it from the cells (text in its
    default string type, a column of nothing but ``None`` left as objects), but with text
    put into Arrow at once: about a third of the time for the candidate table.

    >>> [str(_claim_column(n, c).dtype) for n, c in [("span_start", (1, 2)),
    ...     ("amount", (None, 5)), ("date", (None, None))]]
    ['int64', 'float64', 'object']
    """
    import numpy as np

    if name in _NUMBER_TYPES:
        return np.array(cells, dtype=_NUMBER_TYPES[name])
    import pandas as pd
    import pyarrow as pa

    text_type = pd.Series(["text"]).dtype  # pandas 3: text in Arrow; before: objects
    if not (isinstance(text_type, pd.StringDtype) and text_type.storage == "pyarrow"):
        return np.array(cells, dtype=object)
    try:
        text = pa.array(cells, pa.large_string())
    except (pa.ArrowException, TypeError, ValueError):  # not all text: pandas chooses
        return pd.Series(cells)
    if text.null_count == len(text):
        return np.array(cells, dtype=object)
    return pd.array(text, dtype=text_type)


def assemble(
    reports: list[Report],
    readings: list[ArticleReading],
    *,
    model: RelationModel | None = None,
    threshold: float | None = None,
) -> Extraction:
    """The tables of an extraction from read articles: candidates scored by ``model``
    (default: the shipped one; a reading scored in a worker process keeps its
    ``probabilities``), those at or above ``threshold`` (default: the model's)
    accepted as relations, the others kept as candidates."""
    with _collector_paused():
        return _assemble(reports, readings, model or get_model(), threshold)


def _implied_locations(accepted: list[Candidate]) -> set[int]:
    """The ids of accepted ``A LOCATED_IN Z`` candidates where ``A LOCATED_IN P`` and
    ``P LOCATED_IN Z`` are accepted too: a company in a park is located in the park
    only, not also in the zone around it (the annotation convention, kept by every
    annotated report); such a claim stays a candidate.

    >>> from ecox.loaders.relation_candidates import Candidate
    >>> cs = [Candidate(a, b, "LOCATED_IN", 0, 1) for a, b in (("A", "P"), ("P", "Z"), ("A", "Z"))]
    >>> [(c.source, c.target) for c in cs if id(c) in _implied_locations(cs)]
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


def _assemble(
    reports: list[Report],
    readings: Iterable[ArticleReading],
    model: RelationModel,
    threshold: float | None,
) -> Extraction:
    gathered = _Gathered(reports, model, model.threshold if threshold is None else threshold)
    for report, reading in zip(reports, readings, strict=True):
        gathered.add(report, reading)
    return gathered.finish()


def extract_reports(
    reports: Iterable[Report], *, workers: int | None = 0, threshold: float | None = None
) -> Extraction:
    """Run the extractor over already-split articles.

    ``workers`` processes read the articles: ``0`` (the default) chooses, one per
    core up to 4 from about 150,000 characters of text, else one; ``1`` reads in this
    process. The tables are the same either way; worker processes cost about the same
    CPU time in all (forked, so nothing is loaded twice, and only scored candidates
    come back) and share the reading out over the cores that are free.
    ``threshold`` is the probability from which a candidate is accepted
    (default: the one chosen by cross-validation, stored with the model).
    """
    reports = list(reports)
    with _collector_paused():  # each article is assembled as soon as it is read
        return _assemble(reports, _readings(reports, workers), get_model(), threshold)


def extract_files(
    paths: Iterable[str | os.PathLike[str]],
    *,
    workers: int | None = 0,
    threshold: float | None = None,
) -> Extraction:
    """Extract actors and relationships from report files.

    Parameters
    ----------
    paths : iterable of path-like
        Plain-text or HTML reports, UTF-8 (with or without BOM) or GBK/GB18030,
        one article or a bulletin of several per file.
    workers, threshold : optional
        As in :func:`extract_reports`.

    Returns
    -------
    Extraction

    Raises
    ------
    ecox.loaders.errors.SchemaError
        (a ``ValueError``) for a binary or undecodable file; the message names it.
        An empty file gives no rows.
    """
    return extract_reports(load_reports(paths), workers=workers, threshold=threshold)


def extract_text(
    text: str,
    *,
    document: str = "doc",
    outlet: str | None = None,
    published: str | None = None,
    threshold: float | None = None,
) -> Extraction:
    """Extract from a string: a bulletin with ``来源`` lines, or one article.

    ``outlet`` and ``published`` fill in what a ``来源`` line does not give;
    ``threshold`` as in :func:`extract_reports`.
    """
    reports = split_articles(text, document)
    reports = [
        Report(
            r.document,
            r.article,
            r.title,
            r.text,
            r.outlet or outlet,
            r.published or published,
            r.offset,
        )
        for r in reports
    ]
    return extract_reports(reports, threshold=threshold)
