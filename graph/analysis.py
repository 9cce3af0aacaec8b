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

from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING

import networkx as nx
import numpy as np
import pandas as pd

from ecox.graph.claims import ClaimGraph, claim_frame
from ecox.graph.schema import SCHEMA
from ecox.graph.unnamed import unnamed_mask

if TYPE_CHECKING:
    from ecox.graph.adjacency import TypedAdjacency

__all__ = ["LINK_COLUMNS", "AnalysisGraph", "analysis_graph", "date_key"]

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
    return claims["date"].fillna(claims["published"]).map(date_key, na_action="ignore")


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
        :data:`LINK_COLUMNS` plus one ``amount_<CURRENCY>`` column per currency.
    as_of
        The date the graph was sliced at, or ``None``.
    unnamed
        The claims (claim-table rows) that leave one side unnamed, known by
        ``as_of``: facts, not links (:func:`graph.unnamed.reported_ties`).
    """

    actors: pd.DataFrame
    links: pd.DataFrame
    as_of: str | None = None
    unnamed: pd.DataFrame = field(default_factory=claim_frame)

    @cached_property
    def adjacency(self) -> TypedAdjacency:
        """The typed sparse adjacency, built once from the tables."""
        from ecox.graph.adjacency import TypedAdjacency

        return TypedAdjacency.from_tables(self.actors, self.links)

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
    frame = known_by(claims.claims, as_of)
    unnamed = unnamed_mask(frame)
    unnamed_claims = frame[unnamed].reset_index(drop=True)
    frame = frame[~unnamed].copy()
    symmetric = frame["type"].isin(list(SCHEMA.symmetric))
    swap = symmetric & (frame["source"] > frame["target"])
    frame.loc[swap, ["source", "target"]] = frame.loc[swap, ["target", "source"]].to_numpy()
    frame["_origin"] = frame["source_doc"].fillna(frame["outlet"]).fillna(frame["id"])
    distinct = frame["date"].dropna().unique()  # few distinct dates: each keyed once
    frame["_date"] = frame["date"].map(dict(zip(distinct, map(date_key, distinct), strict=True)))
    keys = ["source", "target", "type"]
    grouped = frame.groupby(keys, sort=True, observed=True)
    links = grouped.agg(weight=("_origin", "nunique"), claims=("id", "size")).reset_index()
    # first and last dates, reported as precise as the claims gave them
    dated = frame.dropna(subset=["_date"]).sort_values(["_date", "date"])
    first = dated.groupby(keys, observed=True)["date"].first().rename("first_date")
    last = dated.groupby(keys, observed=True)["date"].last().rename("last_date")
    links = links.join(first, on=keys).join(last, on=keys)
    amounts = frame.dropna(subset=["amount"])
    if len(amounts):
        totals = (
            amounts.assign(currency=amounts["currency"].fillna("UNKNOWN"))
            .pivot_table(index=keys, columns="currency", values="amount", aggfunc="sum")
            .add_prefix("amount_")
        )
        totals.columns.name = None
        links = links.join(totals, on=keys)
    links = links.astype({"weight": "int64", "claims": "int64"})
    links = links.astype({"first_date": "string", "last_date": "string"})
    ordered = [*LINK_COLUMNS, *sorted(c for c in links.columns if c.startswith("amount_"))]
    links = links[ordered].sort_values(keys, ignore_index=True)
    actors = claims.actors.copy()
    actors["type"] = actors["types"].str.split("|").str[0]
    return AnalysisGraph(actors=actors, links=links, as_of=as_of, unnamed=unnamed_claims)
