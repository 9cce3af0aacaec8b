"""The analysis graph: claims of the same pair and type merged into one link.

``weight`` counts independent sources (distinct documents; a claim with no
document counts as its own source), ``first_date`` and ``last_date`` span the
reported dates, and amounts are summed per currency (``amount_CNY``,
``amount_USD`` …). Symmetric relations (``COOPERATES_WITH``) are stored once
per unordered pair, the smaller id first. ``as_of`` keeps only what was known
by a date. Queries run on this graph; the networkx view and the typed sparse
adjacency are derived from its tables on demand and cached.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     actors=[("行A", ["Bank"], []), ("企业B", ["Enterprise"], [])],
...     claims=[
...         {"source": "行A", "target": "企业B", "type": "LENT_TO", "amount": 1e6,
...          "currency": "CNY", "date": "2025-03", "source_doc": "d1"},
...         {"source": "行A", "target": "企业B", "type": "LENT_TO", "amount": 2e6,
...          "currency": "CNY", "date": "2025-11", "source_doc": "d2"},
...     ],
... )
>>> ag = analysis_graph(g)
>>> ag.links[["type", "weight", "claims", "first_date", "last_date", "amount_CNY"]].values.tolist()
[['LENT_TO', 2, 2, '2025-03', '2025-11', 3000000.0]]
>>> analysis_graph(g, as_of="2025-06").links["weight"].tolist()
[1]
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ecox.graph.claims import ClaimGraph, claim_frame
from ecox.graph.deferred import DeferredField, columns_of
from ecox.graph.merged_cache import LinkEnds, cached_merge
from ecox.graph.schema import SCHEMA
from ecox.graph.unnamed import unnamed_mask

if TYPE_CHECKING:
    from ecox.graph.adjacency import TypedAdjacency

__all__ = [
    "LINK_COLUMNS",
    "AnalysisGraph",
    "LinkEnds",
    "analysis_graph",
    "date_key",
    "merged_links",
    "merged_links_at",
    "primary_types",
    "shared_analysis_graph",
]

#: Fixed columns of the link table; ``amount_<CURRENCY>`` columns follow.
LINK_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "type",
    "weight",
    "claims",
    "first_date",
    "last_date",
)


def date_key(date: object) -> str | None:
    """A sortable key for a date as precise as reported (``2025``, ``2025-11``, ``2025-11-03``).

    A partial date sorts as its first day, so ``'2025-11' <= '2025-11-30'``.

    >>> date_key("2025-11"), date_key("2025"), date_key(None)
    ('2025-11-01', '2025-01-01', None)
    """
    if date is None or date is pd.NA or (isinstance(date, float) and np.isnan(date)):
        return None
    text = str(date).strip()
    if not text:
        return None
    parts = text.split("-")
    while len(parts) < 3:
        parts.append("01")
    return "-".join(p.zfill(2) for p in parts[:3])


def claim_dates(claims: pd.DataFrame) -> pd.Series:
    """When each claim counts: its ``date``, else its ``published`` date, as a :func:`date_key`.

    The one claim-date rule of ecox: ``as_of`` slicing, charts over time and the evidence
    order all use it. A claim with neither date gets a missing value (undated facts are taken as
    known at any date).

    >>> frame = pd.DataFrame({"date": ["2025-11", None, None],
    ...                       "published": ["2026-01-04", "2026-01-04", None]})
    >>> claim_dates(frame).tolist()[:2], bool(claim_dates(frame).isna().iloc[2])
    (['2025-11-01', '2026-01-04'], True)
    """
    when = claims["date"].fillna(claims["published"])
    codes, distinct = pd.factorize(when)  # few distinct dates: each keyed once
    keys = pd.array([*map(date_key, distinct), None], dtype=when.dtype)
    return pd.Series(keys.take(codes), index=claims.index, name=when.name)


def known_by(claims: pd.DataFrame, as_of: str | None) -> pd.DataFrame:
    """The claims known by ``as_of`` (all of them when it is ``None``); see :func:`claim_dates`.

    >>> frame = pd.DataFrame({"date": ["2025-11", "2026-02", None],
    ...                       "published": [None, None, None]})
    >>> len(known_by(frame, "2025-12-31")), len(known_by(frame, None))
    (2, 3)
    """
    if as_of is None:
        return claims
    when = claim_dates(claims)
    return claims[when.isna() | (when <= date_key(as_of))]


@dataclass(frozen=True, eq=False)
class AnalysisGraph:
    """Actors and merged links.

    Attributes
    ----------
    actors
        The claim graph's actor table plus ``type``, the primary type.
    links
        :data:`LINK_COLUMNS` plus one ``amount_<CURRENCY>`` column per currency; read
        from the merged-links cache a column at a time, when first used
        (:meth:`link_columns` reads only those asked for).
    as_of
        The date the graph was sliced at, or ``None``.
    unnamed
        The claims (claim-table rows) that leave one side unnamed, known by
        ``as_of``: facts, not links (:func:`graph.unnamed.reported_ties`).
    ends
        Where each link's source and target sit in ``actors`` (row positions), when
        the merge knows them; the adjacency then skips looking the ids up.
    """

    actors: pd.DataFrame
    links: pd.DataFrame = DeferredField()  # noqa: RUF009 (a descriptor-typed field)
    as_of: str | None = None
    unnamed: pd.DataFrame = field(default_factory=claim_frame)
    ends: LinkEnds | None = field(default=None, repr=False)

    @cached_property
    def adjacency(self) -> TypedAdjacency:
        """The typed sparse adjacency, built once from the tables."""
        from ecox.graph.adjacency import TypedAdjacency

        if self.ends is None:
            return TypedAdjacency.from_tables(self.actors, self.links)
        links = self.link_columns(["type", "weight"])
        return TypedAdjacency.from_tables(self.actors, links, ends=self.ends)

    def link_columns(self, columns: list[str]) -> pd.DataFrame:
        """The link table's ``columns`` alone (from the merged-links cache, only these are read).

        >>> import ecox
        >>> analysis_graph(ecox.seed()).link_columns(["weight"]).shape[1]
        1
        """
        return columns_of(self, "links", columns)

    def to_networkx(self, *, directed: bool = True) -> nx.DiGraph | nx.Graph:
        """The merged graph as a networkx ``DiGraph`` (or ``Graph``).

        One edge per pair of actors: ``relations`` lists the relation types
        (``|``-joined, sorted), ``weight`` sums their source counts. A
        symmetric relation gives edges both ways in the ``DiGraph``. Node
        attributes: ``name``, ``type`` (primary), ``types``, ``aliases``.
        The result is a fresh graph each call: mutate it freely.
        """
        graph: nx.DiGraph | nx.Graph = nx.DiGraph() if directed else nx.Graph()
        for row in self.actors.itertuples(index=False):
            graph.add_node(
                row.id, name=row.name, type=row.type, types=row.types, aliases=row.aliases
            )
        symmetric = SCHEMA.symmetric
        for row in self.links.itertuples(index=False):
            pairs = [(row.source, row.target)]
            if directed and row.type in symmetric:
                pairs.append((row.target, row.source))
            for u, v in pairs:
                if graph.has_edge(u, v):
                    data = graph.edges[u, v]
                    relations = set(data["relations"].split("|")) | {row.type}
                    data["relations"] = "|".join(sorted(relations))
                    data["weight"] += int(row.weight)
                else:
                    graph.add_edge(u, v, relations=row.type, weight=int(row.weight))
        return graph

    def name_of(self, actor: str) -> str:
        """The canonical name of an actor id."""
        return str(self._names[actor])

    @cached_property
    def _names(self) -> pd.Series:
        return pd.Series(self.actors["name"].to_numpy(), index=self.actors["id"])


def analysis_graph(claims: ClaimGraph, *, as_of: str | None = None) -> AnalysisGraph:
    """Merge a claim graph into an :class:`AnalysisGraph`, optionally as of a date.

    A claim counts from its ``date``, or else from its ``published`` date; a
    claim with neither is always kept (undated facts are taken as known): see
    :func:`known_by`. Claims with an unnamed side become no link; they are kept,
    sliced the same way, in :attr:`AnalysisGraph.unnamed`.
    """
    rows = claims.claim_columns(["source", "target"])
    known = None if as_of is None else _known_mask(claims, as_of)
    unnamed = unnamed_mask(rows).to_numpy()
    if known is not None:
        unnamed = unnamed & known

    def merge() -> tuple[pd.DataFrame, LinkEnds | None]:
        named = claims.claim_columns(_MERGED_COLUMNS)
        keep = ~unnamed if known is None else known & ~unnamed
        return merged_links_at(named if keep.all() else named[keep], claims.actors["id"])

    links, ends = cached_merge(claims, as_of, merge)
    actors = claims.actors.copy()
    actors["type"] = primary_types(actors["types"])
    return AnalysisGraph(
        actors=actors,
        links=links,
        as_of=as_of,
        unnamed=claims.claims[unnamed].reset_index(drop=True) if unnamed.any() else claim_frame(),
        ends=ends,
    )


def _known_mask(claims: ClaimGraph, as_of: str) -> np.ndarray:
    """Which claims :func:`known_by` keeps (reading only the two date columns)."""
    when = claim_dates(claims.claim_columns(["date", "published"]))
    return (when.isna() | (when <= date_key(as_of))).to_numpy(dtype=bool)


#: id(claim graph) → (weak reference, as_of, its analysis graph): the last one each built.
_SHARED: dict[int, tuple[weakref.ref[ClaimGraph], str | None, AnalysisGraph]] = {}


def shared_analysis_graph(claims: ClaimGraph, *, as_of: str | None = None) -> AnalysisGraph:
    """:func:`analysis_graph`, built once per claim graph and date and then shared.

    The queries take their analysis graph from here, so a command or a script asking
    several questions of one claim graph (``ecox report``, ``ecox demo``) merges its
    claims once. The result is shared: read it, do not change it. A claim graph's
    tables are not changed in place, so the merge stays valid while it lives.

    >>> import ecox
    >>> g = ecox.seed()
    >>> shared_analysis_graph(g) is shared_analysis_graph(g)
    True
    >>> shared_analysis_graph(g, as_of="2025-06").as_of
    '2025-06'
    """
    key = id(claims)
    known = _SHARED.get(key)
    if known is not None and known[0]() is claims and known[1] == as_of:
        return known[2]
    merged = analysis_graph(claims, as_of=as_of)
    _SHARED[key] = (weakref.ref(claims, lambda _ref: _SHARED.pop(key, None)), as_of, merged)
    return merged


#: The claim columns :func:`merged_links` reads.
_MERGED_COLUMNS = ("id", "source", "target", "type", "date", "source_doc", "outlet", "amount",
                   "currency")  # fmt: skip


def merged_links(claims: pd.DataFrame) -> pd.DataFrame:
    """The link table of named claims: one row per pair and type, sorted by them.

    Column-wise throughout: the endpoints and types become integer codes whose
    order is that of the text, one sort of the combined code groups the claims, and
    the counts, date spans and sums are taken over the groups (no Python per claim).

    >>> claims = pd.DataFrame({"id": ["c1", "c2", "c3"], "source": ["b", "a", "b"],
    ...     "target": ["a", "b", "c"], "type": ["COOPERATES_WITH"] * 2 + ["LENT_TO"],
    ...     "date": ["2025-03", "2024", None], "source_doc": ["d1", "d1", None],
    ...     "outlet": None, "amount": [None, None, 5.0], "currency": None})
    >>> links = merged_links(claims)
    >>> links[["source", "target", "type", "weight", "claims", "first_date"]].values.tolist()
    [['a', 'b', 'COOPERATES_WITH', 1, 2, '2024'], ['b', 'c', 'LENT_TO', 1, 1, <NA>]]
    >>> links["amount_UNKNOWN"].tolist()
    [nan, 5.0]
    """
    return merged_links_at(claims, None)[0]


def merged_links_at(
    claims: pd.DataFrame, actor_ids: pd.Series | None
) -> tuple[pd.DataFrame, LinkEnds | None]:
    """:func:`merged_links`, and where each link's ends sit in ``actor_ids`` (the actor
    table's ``id`` column), so the adjacency need not look the ids up again.

    The endpoints are encoded once, against the actor ids; the ends are ``None`` when
    ``actor_ids`` is ``None`` or a claim names an id that is not among them.

    >>> claims = pd.DataFrame({"id": ["c1"], "source": ["b"], "target": ["a"],
    ...     "type": ["LENT_TO"], "date": None, "source_doc": None, "outlet": None,
    ...     "amount": None, "currency": None})
    >>> links, ends = merged_links_at(claims, pd.Series(["a", "b"]))
    >>> ends.source.tolist(), ends.target.tolist()
    ([1], [0])
    """
    (kind,), kinds = _text_codes([claims["type"]])
    encoded = None if actor_ids is None else _actor_codes(claims, actor_ids)
    if encoded is None:
        (source, target), ids = _text_codes([claims["source"], claims["target"]])
        at: np.ndarray | None = None
    else:
        (source, target), ids, at = encoded
    # a symmetric relation once per unordered pair, the smaller id first
    symmetric = np.isin(kind, np.flatnonzero(pc.is_in(kinds, value_set=_SYMMETRIC)))
    swap = symmetric & (source > target)
    source, target = np.where(swap, target, source), np.where(swap, source, target)
    key = (source * len(ids) + target) * len(kinds) + kind  # < 2**63 below 800M actors
    keys, group, sizes = np.unique(key, return_inverse=True, return_counts=True)
    pair, kind_of = np.divmod(keys, len(kinds))
    ends = pair // len(ids), pair % len(ids)
    links = pd.DataFrame(
        {
            "source": _text_column(ids.take(ends[0])),
            "target": _text_column(ids.take(ends[1])),
            "type": _text_column(kinds.take(kind_of)),
            "weight": _source_counts(claims, group, sizes),
            "claims": sizes.astype(np.int64),
        }
    )
    links["first_date"], links["last_date"] = _date_span(claims["date"], group, len(keys))
    amounts = _amount_sums(claims, group)
    links = links.join(amounts) if len(amounts.columns) else links
    ordered = [*LINK_COLUMNS, *sorted(c for c in links.columns if c.startswith("amount_"))]
    return links[ordered], None if at is None else LinkEnds(at[ends[0]], at[ends[1]])


def _actor_codes(
    claims: pd.DataFrame, actor_ids: pd.Series
) -> tuple[list[np.ndarray], pa.Array, np.ndarray] | None:
    """Claim endpoints as ranks of the actor ids in text order, the ids in that order and
    the actor-table row of each rank; ``None`` when an endpoint is not an actor."""
    ids = _arrow_text(actor_ids)
    order = pc.sort_indices(ids).to_numpy(zero_copy_only=False).astype(np.int64)
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    codes = []
    for column in (claims["source"], claims["target"]):
        found = pc.index_in(_arrow_text(column), value_set=ids)
        if found.null_count:
            return None
        codes.append(rank[found.to_numpy(zero_copy_only=False)])
    return codes, ids.take(order), order


_SYMMETRIC = pa.array(sorted(SCHEMA.symmetric), type=pa.large_string())


def _arrow_text(column: pd.Series) -> pa.Array:
    """A text column as one Arrow large-string array (no copy for Arrow-backed columns)."""
    array = pa.array(column, type=pa.large_string(), from_pandas=True)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _text_codes(columns: list[pd.Series]) -> tuple[list[np.ndarray], pa.Array]:
    """Integer codes of text columns in one shared vocabulary, sorted, so codes order as the
    text does; each column is hashed once and only the distinct values are sorted."""
    encoded = [pc.dictionary_encode(_arrow_text(c)) for c in columns]
    vocabulary = pc.unique(pa.concat_arrays([e.dictionary for e in encoded]))
    vocabulary = vocabulary.take(pc.sort_indices(vocabulary))
    codes = []
    for part in encoded:
        remap = pc.index_in(part.dictionary, value_set=vocabulary).to_numpy(zero_copy_only=False)
        indices = pc.fill_null(part.indices, 0).to_numpy(zero_copy_only=False)
        codes.append(remap.astype(np.int64)[indices] if len(remap) else indices.astype(np.int64))
    return codes, vocabulary


def _text_column(array: pa.Array) -> pd.arrays.ArrowStringArray:
    return pd.array(array, dtype=pd.StringDtype("pyarrow"))


def _source_counts(claims: pd.DataFrame, group: np.ndarray, sizes: np.ndarray) -> np.ndarray:
    """Independent sources per group: distinct documents, else outlets, else claim ids.

    Only the claims of groups with more than one claim are compared (hashed); a lone
    claim is one source, or none when it has neither document, outlet nor id.
    """
    origin = pc.coalesce(*(_arrow_text(claims[c]) for c in ("source_doc", "outlet", "id")))
    valid = origin.is_valid().to_numpy(zero_copy_only=False)
    shared = sizes[group] > 1
    codes = np.where(valid, 0, -1)
    if shared.any():
        encoded = pc.dictionary_encode(origin.filter(shared)).indices
        codes[shared] = pc.fill_null(encoded, -1).to_numpy(zero_copy_only=False)
    keep = codes >= 0
    span = int(codes.max()) + 1 if keep.any() else 1
    pairs = np.sort(group[keep] * span + codes[keep])
    distinct = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs
    return np.bincount(distinct // span, minlength=len(sizes)).astype(np.int64)


def _date_span(dates: pd.Series, group: np.ndarray, n_groups: int) -> tuple[pd.Series, pd.Series]:
    """Each group's first and last reported date (by :func:`date_key`, then the text), as
    precise as the claims gave them; missing for a group without a dated claim."""
    encoded = pc.dictionary_encode(_arrow_text(dates))
    distinct = encoded.dictionary.to_pylist()
    keyed = sorted((k, d, i) for i, d in enumerate(distinct) if (k := date_key(d)) is not None)
    rank_of = np.full(len(distinct) + 1, -1, dtype=np.int64)  # the last: a missing date
    rank_of[[i for *_, i in keyed]] = np.arange(len(keyed))
    indices = pc.fill_null(encoded.indices, len(distinct)).to_numpy(zero_copy_only=False)
    rank = rank_of[indices]
    dated = rank >= 0
    first = np.full(n_groups, len(keyed), dtype=np.int64)
    last = np.full(n_groups, -1, dtype=np.int64)
    np.minimum.at(first, group[dated], rank[dated])
    np.maximum.at(last, group[dated], rank[dated])
    ordered = pa.array([d for _, d, _ in keyed] + [None], type=pa.large_string())
    return (
        pd.Series(_text_column(ordered.take(first))),
        pd.Series(_text_column(ordered.take(np.where(last < 0, len(keyed), last)))),
    )


def _amount_sums(claims: pd.DataFrame, group: np.ndarray) -> pd.DataFrame:
    """``amount_<CURRENCY>`` sums per group (``UNKNOWN`` without a currency), indexed by group;
    pandas' compensated group sums over the claims in their order."""
    has = claims["amount"].notna().to_numpy()
    if not has.any():
        return pd.DataFrame(index=pd.RangeIndex(0))
    amounts = pd.DataFrame(
        {
            "group": group[has],
            "currency": claims["currency"][has].fillna("UNKNOWN").to_numpy(),
            "amount": claims["amount"][has].array,
        }
    )
    totals = amounts.pivot_table(index="group", columns="currency", values="amount", aggfunc="sum")
    totals.columns.name = None
    return totals.add_prefix("amount_")


def primary_types(types: pd.Series) -> pd.Series:
    """Each actor's primary type: the first of its ``|``-joined types.

    >>> primary_types(pd.Series(["Scientist|Entrepreneur", "Bank"])).tolist()
    ['Scientist', 'Bank']
    """
    first = pc.list_element(pc.split_pattern(_arrow_text(types), "|", max_splits=1), 0)
    return pd.Series(first.to_numpy(zero_copy_only=False), index=types.index, dtype=object)
