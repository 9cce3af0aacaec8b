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
from functools import partial
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from ecox.graph.machine import usable_cpus
from ecox.graph.schema import EdgeType, NodeType
from ecox.loaders.claim_rows import (
    CANDIDATE_COLUMNS,
    EXTRACTOR,
    RELATION_COLUMNS,
    ClaimColumns,
    ClaimPiece,
    article_rows,
    claim_columns,
    claim_frame,
    claim_piece,
)
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

ENTITY_COLUMNS = ["id", "name", "types", "aliases", "articles", "documents"]


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
    """:func:`read_article` with its candidates scored by the shipped model, as a worker
    process sends it back (:func:`_packed`)."""
    reading = read_article(report)
    return _packed(reading, get_model().probabilities(reading.candidates))


def _packed(reading: ArticleReading, probabilities: list[float]) -> _Packed:
    """A scored reading as plain tuples without the candidates' features (features are
    most of a reading's size, and pickling the objects themselves costs about ten times
    as much as their cells); :func:`_unpacked` makes the reading again."""
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
    """The reading that :func:`_packed` made, scored, its candidates without features."""
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


def _worker_count(reports: list[Report], workers: int | None) -> int:
    """How many worker processes read ``reports`` (see :func:`read_articles`); 1: none."""
    if workers == 0:
        total = sum(len(r.text) for r in reports)
        workers = min(usable_cpus(), 4) if total >= _PARALLEL_CHARS else 1
    if workers is None or workers <= 1 or len(reports) < 2:
        return 1
    try:
        multiprocessing.get_context("fork")
    except ValueError:  # no fork on this platform
        return 1
    return workers


@contextmanager
def _worker_pool(workers: int) -> Iterator[ProcessPoolExecutor]:
    """Forked worker processes, the lexicon and the model loaded before (once, here)."""
    get_lexicon()
    get_model().probabilities([])  # its weights by type built once here, too
    ctx = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=ctx) as pool:
        yield pool


def _chunk_size(reports: int, workers: int) -> int:
    """Articles a worker reads at a time: small chunks, so that the last ones leave a
    worker idle only briefly at the end."""
    return max(1, reports // (workers * 32))


def _load_table_modules() -> None:
    """pandas and the CSV writer (for the tables, about half a second of CPU), loaded once
    the workers read rather than before them (the reading needs neither)."""
    import pandas  # noqa: F401

    import ecox.store.csv_render  # noqa: F401


def _readings(reports: list[Report], workers: int | None) -> Iterator[ArticleReading]:
    """The readings of :func:`read_articles` in the order of ``reports``, each as soon as
    it is read."""
    workers = _worker_count(reports, workers)
    if workers == 1:
        yield from map(read_article, reports)
        return
    with _worker_pool(workers) as pool:
        readings = pool.map(_read_scored, reports, chunksize=_chunk_size(len(reports), workers))
        _load_table_modules()
        yield from map(_unpacked, readings)


#: An article's actors as a worker sends them: key, types and aliases of each.
_ActorCells = list[tuple[str, list[str], set[str]]]


class _Unread(NamedTuple):
    """An article whose rows wait for all the articles' actors: its place in the worker's
    articles and its scored reading."""

    at: int
    reading: _Packed


def _read_rows(
    articles: list[tuple[Report, str]], threshold: float
) -> tuple[list[_ActorCells], list[ClaimColumns | _Unread]]:
    """What a worker process sends back for some articles (each with its article id):
    the actors of each, and the claim rows (:mod:`ecox.loaders.claim_rows`) of the
    articles whose candidates are all between its own actors, column by column, the
    articles in a row in one piece; another article comes back as read (:class:`_Unread`)."""
    actors: list[_ActorCells] = []
    pieces: list[ClaimColumns | _Unread] = []
    accepted: list[tuple[object, ...]] = []
    below: list[tuple[object, ...]] = []
    for i, (report, art) in enumerate(articles):
        reading = read_article(report)
        scored = get_model().probabilities(reading.candidates)
        actors.append([(key, e.types, e.aliases) for key, e in reading.entities])
        named = {key for key, _ in reading.entities}
        if all(c.source in named and c.target in named for c in reading.candidates):
            rows = article_rows(
                report, art, reading.candidates, scored, threshold=threshold, named=named
            )
            accepted += rows[0]
            below += rows[1]
        else:
            pieces += [claim_columns(accepted, below), _Unread(i, _packed(reading, scored))]
            accepted, below = [], []
    pieces.append(claim_columns(accepted, below))
    return actors, pieces


class _Gathered:
    """The entities and claim rows of the articles read so far, gathered in the order of
    ``reports`` (:meth:`add` an article read here, :meth:`add_read` the articles a worker
    process read) so that this work goes on while worker processes read the next ones.
    An entity's id is its rank of first mention over the articles; an article with a
    candidate whose actor was not yet named gets its rows from all the actors
    (:meth:`finish`)."""

    def __init__(self, reports: list[Report], model: RelationModel, threshold: float) -> None:
        self.reports, self.model, self.threshold = reports, model, threshold
        self.multi = len({r.document for r in reports}) > 1
        self.arts = [_article_id(r, self.multi) for r in reports]
        # each article's rows are in order already; so are all, if no two share an id
        self.ordered = len(set(self.arts)) == len(self.arts)
        self.entities: dict[str, dict[str, Any]] = {}
        self.ids: dict[str, str] = {}
        self.added = 0  # articles
        self.pieces: list[ClaimPiece | None] = []  # None: an unresolved article's
        self.rows: tuple[list[tuple[object, ...]], list[tuple[object, ...]]] = ([], [])
        self.unresolved: list[tuple[int, int, list[Candidate], list[float]]] = []

    def _add_actors(self, actors: _ActorCells) -> int:
        """Gather the actors of the next article; its number."""
        i = self.added
        self.added += 1
        art, document = self.arts[i], self.reports[i].document
        ids = self.ids
        for key, types, aliases in actors:
            row = self.entities.get(key)
            if row is None:
                row = {"types": {}, "aliases": set(), "articles": {}, "documents": {}}
                self.entities[key] = row
                ids[key] = f"e{len(ids) + 1:03d}"
            row["types"].update(dict.fromkeys(types))
            row["aliases"] |= aliases
            row["articles"][art] = None
            row["documents"][document] = None
        return i

    def add(self, report: Report, reading: ArticleReading) -> None:
        """Gather the entities and the claim rows (accepted, below the threshold) of one
        more article."""
        i = self._add_actors([(key, e.types, e.aliases) for key, e in reading.entities])
        scored = reading.probabilities
        if scored is None:
            scored = self.model.probabilities(reading.candidates)
        cands, ids = reading.candidates, self.ids
        if all(c.source in ids and c.target in ids for c in cands):
            accepted, below = article_rows(
                report, self.arts[i], cands, scored, threshold=self.threshold, named=ids
            )
            self.rows[0].extend(accepted)
            self.rows[1].extend(below)
        else:
            self._hold(i, cands, scored)

    def add_read(self, actors: list[_ActorCells], pieces: list[ClaimColumns | _Unread]) -> None:
        """Gather what :func:`_read_rows` sent for the next articles."""
        first = self.added
        for cells in actors:
            self._add_actors(cells)
        for piece in pieces:
            if isinstance(piece, _Unread):
                reading = _unpacked(piece.reading)
                self._hold(first + piece.at, reading.candidates, reading.probabilities or [])
            else:
                self._flush()
                self.pieces.append(claim_piece(piece))

    def _hold(self, i: int, cands: list[Candidate], scored: list[float]) -> None:
        self._flush()
        self.unresolved.append((len(self.pieces), i, cands, scored))
        self.pieces.append(None)

    def _flush(self) -> None:
        """The rows gathered here so far into a piece of the tables."""
        if self.rows[0] or self.rows[1]:
            self.pieces.append(claim_piece(claim_columns(*self.rows)))
            self.rows = ([], [])

    def finish(self) -> Extraction:
        """The tables of all the articles added."""
        self._flush()
        for at, i, cands, scored in self.unresolved:
            rows = article_rows(
                self.reports[i], self.arts[i], cands, scored, threshold=self.threshold,
                named=self.ids,
            )  # fmt: skip
            self.pieces[at] = claim_piece(claim_columns(*rows))
        pieces = [p for p in self.pieces if p is not None] or [claim_piece(claim_columns([], []))]
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
        relations, candidates = (
            claim_frame([getattr(p, part) for p in pieces], columns, ids, ordered=self.ordered)
            for part, columns in (("accepted", RELATION_COLUMNS), ("below", CANDIDATE_COLUMNS))
        )
        return Extraction(entities, relations, self.reports, candidates)


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
    model = model or get_model()
    gathered = _Gathered(reports, model, model.threshold if threshold is None else threshold)
    with _collector_paused():
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
    CPU time in all (forked, so nothing is loaded twice, and only the claim rows come
    back) and share the reading out over the cores that are free.
    ``threshold`` is the probability from which a candidate is accepted
    (default: the one chosen by cross-validation, stored with the model).
    """
    reports = list(reports)
    model = get_model()
    gathered = _Gathered(reports, model, model.threshold if threshold is None else threshold)
    workers = _worker_count(reports, workers)
    with _collector_paused():  # each article is gathered as soon as it is read
        if workers == 1:
            for report in reports:
                gathered.add(report, read_article(report))
            return gathered.finish()
        size = _chunk_size(len(reports), workers)
        articles = list(zip(reports, gathered.arts, strict=True))
        chunks = [articles[i : i + size] for i in range(0, len(articles), size)]
        with _worker_pool(workers) as pool:
            read = pool.map(partial(_read_rows, threshold=gathered.threshold), chunks)
            _load_table_modules()
            for actors, pieces in read:
                gathered.add_read(actors, pieces)
        return gathered.finish()


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
