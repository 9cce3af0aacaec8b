"""The claim graph: actors and every reported relationship, as two tables.

One row of ``claims`` is one relationship as one source reported it, keyed by
a stable claim id, with flat provenance (Neo4j stores no nested maps). The
networkx ``MultiDiGraph`` is derived on demand; the analysis graph
(:mod:`graph.analysis`) merges claims of the same pair and type.

Examples
--------
>>> g = ClaimGraph.build(
...     actors=[("瑞安农商银行", ["Bank"], []), ("温州数智新能源有限公司", ["Enterprise"], [])],
...     claims=[{"source": "瑞安农商银行", "target": "温州数智新能源有限公司",
...              "type": "LENT_TO", "amount": 15_000_000, "currency": "CNY",
...              "source_doc": "report-1"}],
... )
>>> len(g.actors), len(g.claims)
(2, 1)
>>> g.to_networkx().number_of_edges()
1
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ecox.graph.deferred import DeferredField, columns_of, row_count
from ecox.graph.identity import Resolver, claim_ids_of_arrow
from ecox.graph.schema import CLAIM_COLUMNS, SCHEMA
from ecox.graph.unnamed import add_group_node, unnamed_mask, why_not_unnamed

if TYPE_CHECKING:
    import networkx as nx  # imported by to_networkx: a Cypher run never needs it

__all__ = [
    "ACTOR_COLUMNS",
    "ClaimGraph",
    "actor_frame",
    "claim_frame",
    "plain_value",
    "split_field",
]

#: Columns of the actor table; ``types`` and ``aliases`` are ``|``-joined, primary type first.
ACTOR_COLUMNS: tuple[str, ...] = ("id", "name", "types", "aliases")

_FLOAT_COLUMNS = ("amount", "confidence")
_INT_COLUMNS = ("span_start", "span_end", "counterpart_count")
#: The provenance fields that, with the endpoints and the type, make a claim distinct.
_PROVENANCE = ("source_doc", "date", "amount", "currency", "evidence", "span_start", "extractor")
#: What a claim knows of an unnamed side; part of the id only when a side is unnamed,
#: so the ids of claims between named actors do not change.
_COUNTERPART = ("counterpart_type", "counterpart_count")
#: What joins the parts of a claim id's key (:func:`graph.identity.claim_id`).
_SEPARATOR = "\x1f"
#: Hex digits of a claim id after ``c_`` (:func:`graph.identity.claim_id`).
_ID_DIGITS = 20
#: The value of each byte as a lowercase hex digit, -1 for any other byte.
_HEX_VALUE = np.full(256, -1, dtype=np.int8)
_HEX_VALUE[np.frombuffer(b"0123456789abcdef", dtype=np.uint8)] = np.arange(16)
#: Rows whose claim ids are computed together (bounds the memory of the joined keys).
_ID_SLICE = 1 << 18


def actor_frame(rows: Iterable[Mapping[str, Any]] | pd.DataFrame = ()) -> pd.DataFrame:
    """An actor table with the standard columns and dtypes, sorted by id."""
    if isinstance(rows, pd.DataFrame):
        frame = rows.reindex(columns=list(ACTOR_COLUMNS))
    else:
        frame = pd.DataFrame(list(rows), columns=list(ACTOR_COLUMNS))
    frame = frame.astype(dict.fromkeys(ACTOR_COLUMNS, "string"))
    frame["aliases"] = frame["aliases"].fillna("")
    return frame.sort_values("id", ignore_index=True)


def claim_frame(
    rows: Iterable[Mapping[str, Any]] | pd.DataFrame = (), *, sort: bool = True
) -> pd.DataFrame:
    """A claim table with the standard columns and dtypes, sorted by id (unless not ``sort``).

    Missing columns are added empty; amounts and confidences are floats, span
    offsets and counterpart counts nullable integers, everything else nullable
    strings. A missing ``source`` or ``target`` becomes ``""`` (an unnamed side).
    """
    # a shallow copy: pandas copies a column on write, so the caller's frame stays as it is
    frame = rows.copy(deep=False) if isinstance(rows, pd.DataFrame) else pd.DataFrame(list(rows))
    for column in CLAIM_COLUMNS:
        if column not in frame.columns:
            frame[column] = pd.NA
    frame = frame[list(CLAIM_COLUMNS)]
    dtypes: dict[str, str] = {}
    for column in CLAIM_COLUMNS:
        if column in _FLOAT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="raise")
            dtypes[column] = "Float64"
        elif column in _INT_COLUMNS:
            frame[column] = pd.to_numeric(frame[column], errors="raise")
            dtypes[column] = "Int64"
        else:
            dtypes[column] = "string"
    frame = frame.astype(dtypes)
    frame[["source", "target"]] = frame[["source", "target"]].fillna("")
    return frame.sort_values("id", ignore_index=True) if sort else frame.reset_index(drop=True)


@dataclass(frozen=True)
class ClaimGraph:
    """Actors and claims as two tables.

    Attributes
    ----------
    actors
        ``id, name, types, aliases`` (``types`` and ``aliases`` joined by ``|``,
        the primary type first), sorted by id.
    claims
        :data:`graph.schema.CLAIM_COLUMNS`, sorted by id; ``source`` and
        ``target`` are actor ids, or ``""`` for a side the report leaves unnamed
        (then ``counterpart_type`` and ``counterpart_count`` say what is known;
        see :mod:`graph.unnamed`). A graph read from a file may hold the claims as a
        :class:`~graph.deferred.DeferredTable`: its columns are read when first used
        (:meth:`claim_columns` reads only those asked for).
    """

    actors: pd.DataFrame
    claims: pd.DataFrame = DeferredField()  # noqa: RUF009 (a descriptor-typed field)

    def claim_columns(self, columns: Iterable[str]) -> pd.DataFrame:
        """The claim table's ``columns`` alone (from a graph file, only these are read).

        >>> import ecox
        >>> list(ecox.seed().claim_columns(["type", "source"]).columns)
        ['type', 'source']
        """
        return columns_of(self, "claims", list(columns))

    @property
    def claim_count(self) -> int:
        """The number of claims (a deferred claim table is not read for it)."""
        return row_count(self, "claims")

    @classmethod
    def build(
        cls,
        actors: Iterable[tuple[str, Iterable[str], Iterable[str]]],
        claims: Iterable[Mapping[str, Any]],
        resolver: Resolver | None = None,
    ) -> ClaimGraph:
        """Resolve ``(name, types, aliases)`` actors and name-keyed claims into a graph.

        Claim endpoints may be names, aliases or ids known to the resolver, or
        empty for an unnamed side.
        Claims with the same id (the same relationship from the same
        provenance) are kept once. Endpoint types are checked against the schema.
        """
        resolver = resolver or Resolver()
        for name, types, aliases in actors:
            resolver.add(name, types, aliases)
        rows = []
        for claim in claims:
            row = dict(claim)
            for end in ("source", "target"):
                if not row.get(end):
                    row[end] = ""
                    continue
                found = resolver.resolve(str(row[end]))
                if found is None:
                    raise ValueError(f"claim endpoint {row[end]!r} is not a known actor")
                row[end] = found
            rows.append(row)
        return cls.from_tables(_resolver_actors(resolver), rows)

    @classmethod
    def from_tables(
        cls, actors: pd.DataFrame, claims: Iterable[Mapping[str, Any]] | pd.DataFrame
    ) -> ClaimGraph:
        """Assemble from an actor table and id-keyed claim rows, adding claim ids."""
        frame = claim_frame(claims, sort=False)
        missing = frame["id"].isna()
        if not missing.all():  # sorting rows without ids would leave their order as it is
            frame = frame.sort_values("id", ignore_index=True)
            missing = frame["id"].isna()
        if len(frame):
            if missing.any():
                ids = pd.arrays.ArrowStringArray(_claim_ids(frame[missing]))
                if missing.all():
                    frame["id"] = ids
                else:
                    frame.loc[missing, "id"] = ids
            frame = frame.take(_first_of_each_id(frame["id"])).reset_index(drop=True)
        graph = cls(actor_frame(actors), frame)
        graph.validate()
        return graph

    def validate(self) -> None:
        """Raise ``ValueError`` if a claim has an unknown endpoint, type or forbidden pair.

        A claim with an unnamed side must say the side's type (``counterpart_type``),
        which the relation's endpoint rules must allow. Checked column by column;
        the message names the first bad claim in id order.
        """
        ids = pd.Index(self.actors["id"])
        if ids.has_duplicates:
            raise ValueError("duplicate actor ids")
        claims = self.claims
        if not len(claims):
            return
        relations = pd.Index(SCHEMA.edges)
        rel_codes = _positions(claims["type"], relations)
        if (rel_codes < 0).any():
            unknown = sorted(set(claims["type"][rel_codes < 0].astype(str)))
            raise ValueError(f"unknown relation types {unknown}")
        unnamed = unnamed_mask(claims).to_numpy()
        ends = [_positions(claims[end], ids) for end in ("source", "target")]
        blank = [
            pc.fill_null(pc.equal(_text(claims[end]), ""), False).to_numpy(zero_copy_only=False)
            for end in ("source", "target")
        ]
        dangling = np.zeros(len(claims), dtype=bool)
        for codes, empty in zip(ends, blank, strict=True):
            dangling |= (codes < 0) & ~(unnamed & empty)
        if dangling.any():
            raise ValueError(f"{int(dangling.sum())} claims have an endpoint that is not an actor")
        named = ~unnamed
        stray = (
            named
            & (claims["counterpart_type"].notna() | claims["counterpart_count"].notna()).to_numpy()
        )
        if stray.any():
            raise ValueError(
                "counterpart_type/counterpart_count are only for a claim with an unnamed side"
            )
        self._check_pairs(rel_codes, ends, named)
        self._check_unnamed(unnamed)

    def _check_pairs(
        self, rel_codes: np.ndarray, ends: list[np.ndarray], named: np.ndarray
    ) -> None:
        """Every named claim's endpoint types against the schema, as bit masks."""
        bits = {t: 1 << i for i, t in enumerate(SCHEMA.nodes)}
        codes, combos = pd.factorize(self.actors["types"])
        combo_mask = np.array(
            [sum(bits.get(t, 0) for t in set(str(c).split("|"))) for c in combos], dtype=np.int64
        )
        actor_mask = combo_mask[codes] if len(codes) else np.zeros(0, dtype=np.int64)
        spec = list(SCHEMA.edges.values())
        allowed = [
            np.array([sum(bits[t] for t in getattr(e, side)) for e in spec], dtype=np.int64)
            for side in ("source", "target")
        ]
        bad = np.zeros(len(rel_codes), dtype=bool)
        for side_codes, side_allowed in zip(ends, allowed, strict=True):
            have = actor_mask[np.where(named, side_codes, 0)] if len(actor_mask) else 0
            bad |= named & ((have & side_allowed[rel_codes]) == 0)
        if bad.any():
            first = int(np.flatnonzero(bad)[0])
            row = self.claims.iloc[first]
            types = self.types_by_id()
            raise ValueError(
                SCHEMA.why_not(str(row["type"]), types[row["source"]], types[row["target"]])
            )

    def _check_unnamed(self, unnamed: np.ndarray) -> None:
        """Each claim with an unnamed side: its counterpart type and count (few such claims)."""
        if not unnamed.any():
            return
        types = self.types_by_id()
        columns = ["id", "type", "source", "target", *_COUNTERPART]
        rows = self.claims.loc[unnamed, columns].itertuples(index=False)
        for cid, rel, src, tgt, kind, count in rows:
            column, why = why_not_unnamed(
                rel, types.get(src), types.get(tgt), plain_value(kind), plain_value(count)
            )
            if why:
                raise ValueError(f"claim {cid}: {column}: {why}")

    def types_by_id(self) -> dict[str, list[str]]:
        """Actor id → list of types, primary first."""
        return {
            actor: str(types).split("|")
            for actor, types in zip(self.actors["id"], self.actors["types"], strict=True)
        }

    def to_networkx(self, *, unnamed_nodes: bool = False) -> nx.MultiDiGraph:
        """The claim graph as a ``MultiDiGraph``: one edge per claim, keyed by claim id.

        Node attributes: ``name``, ``type`` (primary), ``types`` and ``aliases``
        (``|``-joined). Edge attributes: every non-empty claim column. Claims
        with an unnamed side are no edges (see :func:`graph.unnamed.reported_ties`),
        unless ``unnamed_nodes``: then each becomes an edge to its own group node
        ``u_<claim id>`` (``unnamed=True``, ``type`` the counterpart type, ``name``
        a label such as ``未具名基金 ×92``, ``count``), as file exports want.
        """
        import networkx as nx

        graph = nx.MultiDiGraph()
        for row in self.actors.itertuples(index=False):
            graph.add_node(
                row.id,
                name=row.name,
                type=str(row.types).split("|")[0],
                types=row.types,
                aliases=row.aliases,
            )
        unnamed = unnamed_mask(self.claims)
        claims = self.claims if unnamed_nodes else self.claims[~unnamed]
        for record in claims.to_dict("records"):
            attrs = {
                k: v for k, v in ((k, plain_value(v)) for k, v in record.items()) if v is not None
            }
            ends = [record["source"], record["target"]]
            if "" in ends:
                group = add_group_node(graph, attrs)
                ends = [end or group for end in ends]
            graph.add_edge(ends[0], ends[1], key=record["id"], **attrs)
        return graph

    def merge(self, other: ClaimGraph) -> ClaimGraph:
        """Union of two claim graphs, resolving actors by name and alias."""
        resolver = Resolver()
        remap: dict[str, str] = {}
        for graph in (self, other):
            for row in graph.actors.itertuples(index=False):
                aliases = [a for a in str(row.aliases).split("|") if a]
                remap[row.id] = resolver.add(row.name, str(row.types).split("|"), aliases)
        claims = pd.concat([self.claims, other.claims], ignore_index=True)
        for end in ("source", "target"):
            claims[end] = claims[end].map(lambda a: resolver.resolve(remap[a]) if a else "")
        claims["id"] = pd.arrays.ArrowStringArray(_claim_ids(claims))
        return ClaimGraph.from_tables(_resolver_actors(resolver), claims)

    def equals(self, other: object) -> bool:
        """Same actors and same claims, cell for cell."""
        if not isinstance(other, ClaimGraph):
            return False
        return self.actors.equals(other.actors) and self.claims.equals(other.claims)

    def __eq__(self, other: object) -> bool:
        return self.equals(other)

    __hash__ = None  # type: ignore[assignment]


def _first_of_each_id(ids: pd.Series) -> np.ndarray:
    """Row positions that sort ``ids``, keeping the first row of each id (one stable sort;
    repeats are then neighbours). Ids of the form :func:`graph.identity.claim_id` gives
    sort as the 80-bit numbers their hex digits spell (the same order, and no strings).

    >>> _first_of_each_id(pd.Series(["c", "a", "c", "b"], dtype="string")).tolist()
    [1, 3, 0]
    >>> ids = ["c_" + d * 20 for d in "f0a0"]
    >>> _first_of_each_id(pd.Series(ids, dtype="string")).tolist()
    [1, 2, 0]
    """
    column = _text(ids)
    if isinstance(column, pa.ChunkedArray):
        column = column.combine_chunks()
    numbers = _hex_id_numbers(column)
    if numbers is not None:
        high, low = numbers
        order = np.lexsort((low, high))  # stable: equal ids keep their row order
        high, low = high[order], low[order]
        keep = np.ones(len(order), dtype=bool)
        keep[1:] = (high[1:] != high[:-1]) | (low[1:] != low[:-1])
        return order[keep]
    by_text = pc.array_sort_indices(column)  # stable too
    ordered = column.take(by_text)
    keep = np.ones(len(by_text), dtype=bool)
    if len(by_text) > 1:
        keep[1:] = pc.not_equal(ordered[1:], ordered[:-1]).to_numpy(zero_copy_only=False)
    return by_text.to_numpy()[keep]


def _hex_id_numbers(ids: pa.Array) -> tuple[np.ndarray, np.ndarray] | None:
    """The first 16 and the last 4 hex digits of ids ``c_`` + 20 lowercase hex digits, as
    numbers; ``None`` if any id has another form."""
    width = 2 + _ID_DIGITS
    lengths = pc.binary_length(ids)
    if (
        not len(ids)
        or ids.null_count
        or pc.min_max(lengths).as_py() != {"min": width, "max": width}
    ):
        return None
    offsets = np.frombuffer(ids.buffers()[1], dtype=np.int64)[ids.offset]
    body = np.frombuffer(ids.buffers()[2], dtype=np.uint8)[offsets : offsets + width * len(ids)]
    cells = body.reshape(len(ids), width)
    digits = _HEX_VALUE[cells[:, 2:]]
    if (cells[:, 0] != ord("c")).any() or (cells[:, 1] != ord("_")).any() or (digits < 0).any():
        return None
    high = np.zeros(len(ids), dtype=np.uint64)
    for column in range(16):
        high = (high << np.uint64(4)) | digits[:, column].astype(np.uint64)
    low = np.zeros(len(ids), dtype=np.uint32)
    for column in range(16, _ID_DIGITS):
        low = (low << np.uint32(4)) | digits[:, column].astype(np.uint32)
    return high, low


def _text(values: pd.Series | pd.Index) -> pa.Array | pa.ChunkedArray:
    """A text column as Arrow (the pandas column's own buffers)."""
    return pa.array(values, type=pa.large_string(), from_pandas=True)


def _positions(values: pd.Series, known: pd.Index) -> np.ndarray:
    """``known.get_indexer(values)`` (``known`` unique; -1 where absent), by Arrow's hash
    lookup: no Python string per value.

    >>> _positions(pd.Series(["b", "x", "a"], dtype="string"), pd.Index(["a", "b"])).tolist()
    [1, -1, 0]
    """
    found = pc.index_in(_text(values), value_set=_text(known))
    return np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.intp)


def _resolver_actors(resolver: Resolver) -> pd.DataFrame:
    return actor_frame(
        {
            "id": a.id,
            "name": a.name,
            "types": "|".join(a.types),
            "aliases": "|".join(a.aliases),
        }
        for a in resolver.actors.values()
    )


def _claim_ids(frame: pd.DataFrame) -> pa.Array:
    """:func:`graph.identity.claim_id` of every row, its parts joined column by column, a
    slice of rows at a time (the joined keys of 5M claims would take gigabytes at once)."""
    step = _ID_SLICE
    parts = [_slice_ids(frame.iloc[i : i + step]) for i in range(0, len(frame), step)]
    return pa.concat_arrays(parts) if parts else pa.array([], type=pa.string())


def _key_text(column: pd.Series) -> pa.Array:
    """A claim column as its part of a claim id's key: ``str`` of the value, ``""`` when
    missing; a number column is formatted once per distinct value.

    >>> _key_text(pd.Series([1.5, None, 1.5, 1e16], dtype="Float64")).to_pylist()
    ['1.5', '', '1.5', '1e+16']
    """
    if isinstance(column.dtype, pd.Float64Dtype | pd.Int64Dtype):
        codes, distinct = pd.factorize(column)  # missing: code -1, the "" in front
        text = pa.array(["", *(str(v) for v in distinct.tolist())], type=pa.string())
        return text.take(pa.array(codes + 1))
    return pa.array(column.astype("string").fillna(""), type=pa.string())


def _slice_ids(frame: pd.DataFrame) -> pa.Array:
    def texts(column: str) -> pa.ChunkedArray | pa.Array | pa.Scalar:
        values = frame[column]
        return pa.scalar("") if values.isna().all() else _key_text(values)  # "" in every key

    parts = [texts(c) for c in ("source", "target", "type", *_PROVENANCE)]
    keys = pc.binary_join_element_wise(*parts, _SEPARATOR)
    counterpart = [texts(c) for c in _COUNTERPART]
    if any(isinstance(c, pa.Array | pa.ChunkedArray) for c in counterpart):
        extra = pc.binary_join_element_wise(pa.scalar(""), *counterpart, _SEPARATOR)
        named = pc.equal(counterpart[0], "")
        keys = pc.if_else(named, keys, pc.binary_join_element_wise(keys, extra, ""))
    return claim_ids_of_arrow(keys)


def plain_value(value: Any) -> Any:
    """A table cell as a plain Python value: ``None`` when missing, numpy scalars unboxed.

    >>> plain_value(np.int64(3)), plain_value(pd.NA), plain_value(float("nan"))
    (3, None, None)
    """
    if value is None or value is pd.NA or (isinstance(value, float) and np.isnan(value)):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value


def split_field(text: Any) -> list[str]:
    """A ``|``-joined cell (``types``, ``aliases``) as a list; empty for a missing cell.

    >>> split_field("Scientist|Entrepreneur"), split_field(None)
    (['Scientist', 'Entrepreneur'], [])
    """
    text = plain_value(text)
    return [] if text is None or text == "" else str(text).split("|")
