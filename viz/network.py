"""Styled node and edge lists, scores, layout, and the pyvis ``Network`` built from them.

A view picks which actors to show and what to stress; this module turns that
choice into a :class:`pyvis.network.Network` whose ``nodes`` and ``edges``
lists are filled directly (pyvis's ``from_nx`` mutates its argument and is
slow: 22 s for 5k nodes against 0.14 s for direct lists). The input graph is
never changed.

- colour and shape come from the schema (``SCHEMA.nodes[type].colour/.shape``);
  an actor with a second type gets that type's colour as its border;
- node size follows a score (:func:`actor_scores`): ``degree`` (distinct
  neighbours), ``betweenness`` (the broker score [1]_, betweenness over the
  pairs of the whole graph) or ``brokerage`` (the five Gould–Fernandez roles
  [2]_ on the symmetric graph), all read from the one broker table of
  :func:`queries.brokers.brokers`, so a page shows the table's numbers;
- actors linked by several relations get one edge, coloured by the relation
  with most sources, its claims listed in the evidence pane;
- a tie the reports give without naming the other side (:mod:`graph.unnamed`)
  is drawn as a small grey group node per actor, relation and counterpart
  type (``未具名基金 ×92``), its claims in the evidence pane like any edge;
- positions are computed beforehand with igraph (Fruchterman–Reingold [3]_, its
  grid variant above 300 actors), then the labelled actors are moved apart until
  their label boxes do not overlap (:mod:`viz.labels`); the page runs no physics;
- the top actors (:data:`TOP_LABELS` by the size score, and every highlighted
  one) are spaced for their labels; the page script (``viz/assets/app.js``) then labels,
  by rank, the actors in view whose label fits beside the others at 12–22 px on
  screen, more as the user zooms in; a highlighted actor gets a ring drawn round it,
  so its fill keeps the type colour.

References
----------
.. [1] Brandes, U. (2001). A faster algorithm for betweenness centrality.
   *Journal of Mathematical Sociology* 25(2), 163–177.
.. [2] Gould, R. V. and Fernandez, R. M. (1989). Structures of mediation.
   *Sociological Methodology* 19, 89–126.
.. [3] Fruchterman, T. M. J. and Reingold, E. M. (1991). Graph drawing by
   force-directed placement. *Software: Practice and Experience* 21(11), 1129–1164.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     [("行A", ["Bank"], []), ("企业B", ["Enterprise"], ["B"]), ("基金C", ["Fund"], [])],
...     [{"source": "行A", "target": "企业B", "type": "LENT_TO", "source_doc": "d1"},
...      {"source": "基金C", "target": "企业B", "type": "INVESTED_IN", "source_doc": "d1"}],
... )
>>> net, claims = styled_network(ViewInput.of(g))
>>> len(net.nodes), len(net.edges), len(claims)
(3, 2, 2)
>>> sorted(n["label"] for n in net.nodes)
['企业B', '基金C', '行A']
"""

from __future__ import annotations

import logging
import math
import weakref
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import scipy.sparse as sp
from pyvis.network import Network

from ecox.graph.analysis import AnalysisGraph, claim_dates, known_by, shared_analysis_graph
from ecox.graph.claims import ClaimGraph
from ecox.graph.deferred import DeferredField, DeferredTable, columns_of, row_count, stored_table
from ecox.graph.schema import SCHEMA, TYPE_LABELS
from ecox.graph.unnamed import counterpart_label, reported_ties
from ecox.viz.evidence import claims_among
from ecox.viz.labels import LabelBox, label_box, spread_labels
from ecox.viz.layout import layout_positions
from ecox.viz.messages import message
from ecox.viz.positions import (
    actor_index,
    actor_positions,
    among,
    link_positions,
    link_rows,
    member_mask,
    score_order,
)

__all__ = [
    "LARGE_GRAPH",
    "SIZE_BY",
    "TOP_LABELS",
    "TYPE_LABELS",
    "SuggestedEdge",
    "ViewInput",
    "actor_scores",
    "layout_positions",
    "neighbourhood",
    "styled_network",
    "tie_reason",
    "top_actors",
]

logger = logging.getLogger(__name__)

#: Above this many actors a page shows no hover tooltips and hides links while dragged.
LARGE_GRAPH = 400
#: The scores a view can size its actors by.
SIZE_BY: tuple[str, ...] = ("degree", "betweenness", "brokerage")
#: Relation names in Chinese, for panes and tooltips (from the schema).
RELATION_LABELS: dict[str, str] = SCHEMA.relation_labels("zh")
_LABEL_LIMIT = 16
#: Actors spaced for their labels and labelled as a page opens, when a view does not choose.
TOP_LABELS = 30
#: Node radius and label font (at zoom 1) span these ranges with the size score.
_RADIUS = (10.0, 46.0)
_TOP_FONT = (18.0, 26.0)
_FONT = (16.0, 30.0)
_LABEL_INSIDE = frozenset({"box", "ellipse", "circle", "database", "text"})


def _ink_on(colour: str) -> str:
    """Black or white, whichever reads better on ``#rrggbb``."""
    r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#1d2733" if 0.299 * r + 0.587 * g + 0.114 * b > 150 else "#ffffff"


@dataclass(frozen=True, eq=False)
class ViewInput:
    """The two tables a view draws from: merged links and the claims behind them.

    Attributes
    ----------
    analysis
        The analysis graph (actors, merged links), sliced at ``as_of``.
    claims
        The claim rows known at ``as_of`` (empty when the input had no claims,
        e.g. a networkx graph); from a graph file, read a column at a time when first
        used (:meth:`claim_columns` reads only those asked for).
    """

    analysis: AnalysisGraph
    claims: pd.DataFrame = DeferredField()  # noqa: RUF009 (a descriptor-typed field)

    @classmethod
    def of(cls, graph: Any, *, as_of: str | None = None) -> ViewInput:
        """From a ClaimGraph (claims kept for the evidence pane), AnalysisGraph or networkx."""
        from ecox.queries.inputs import analysis_of

        if isinstance(graph, ClaimGraph):
            return cls(shared_analysis_graph(graph, as_of=as_of), _known_claims(graph, as_of))
        return cls(analysis_of(graph, as_of=as_of), pd.DataFrame(columns=["source", "target"]))

    @property
    def actors(self) -> pd.DataFrame:
        """The actor table (``id, name, types, aliases, type``)."""
        return self.analysis.actors

    @property
    def claim_count(self) -> int:
        """The number of claims (a claim table not read yet stays unread)."""
        return row_count(self, "claims")

    def claim_columns(self, names: Sequence[str], *, keep: bool = True) -> pd.DataFrame:
        """The claim columns ``names`` the claims have (read alone, kept unless ``keep=False``).

        >>> import ecox
        >>> list(ViewInput.of(ecox.seed()).claim_columns(["type", "no such"]).columns)
        ['type']
        """
        stored = stored_table(self, "claims")
        have = set(stored.names if isinstance(stored, DeferredTable) else stored.columns)
        return columns_of(self, "claims", [n for n in names if n in have], keep=keep)


def _known_claims(graph: ClaimGraph, as_of: str | None) -> pd.DataFrame | DeferredTable:
    """The claims of ``graph`` known at ``as_of`` (:func:`~ecox.graph.analysis.known_by`)."""
    stored = stored_table(graph, "claims")
    if as_of is None:
        return stored
    if isinstance(stored, pd.DataFrame):
        return known_by(stored, as_of)
    dates = graph.claim_columns(["date", "published"])
    known = dates.index.isin(known_by(dates, as_of).index)
    return DeferredTable(
        int(known.sum()), stored.names, lambda names: graph.claim_columns(names)[known]
    )


@dataclass(frozen=True)
class SuggestedEdge:
    """A link the analysis suggests but no claim reports: drawn dashed, its reason on hover."""

    source: str
    target: str
    reason: str
    kind: str = "suggested"
    score: float | None = None


#: One score table per analysis graph (views and the report on one graph share it).
_SCORES: weakref.WeakKeyDictionary[AnalysisGraph, pd.DataFrame] = weakref.WeakKeyDictionary()


def actor_scores(analysis: AnalysisGraph) -> pd.DataFrame:
    """Degree, betweenness and brokerage of every actor, indexed by actor id.

    The numbers of :func:`queries.brokers.brokers` (default settings), read from
    :func:`queries.brokers.broker_numbers` (on a large graph, from the disk cache ``ecox
    brokers`` filled): a view or the report built on the same graph shows the same numbers
    as its table. Computed once per analysis graph and shared (read it, do not change it).

    Parameters
    ----------
    analysis
        The analysis graph.

    Returns
    -------
    pandas.DataFrame
        Columns ``degree`` (distinct neighbours, any relation, either
        direction), ``betweenness`` (the table's ``broker_score``) and
        ``brokerage`` (the table's ``brokerage``), in actor-table order.

    Examples
    --------
    >>> from ecox.graph.analysis import analysis_graph
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build(
    ...     [("行A", ["Bank"], []), ("企业B", ["Enterprise"], []), ("基金C", ["Fund"], [])],
    ...     [{"source": "行A", "target": "企业B", "type": "LENT_TO"},
    ...      {"source": "基金C", "target": "企业B", "type": "INVESTED_IN"}],
    ... )
    >>> s = actor_scores(analysis_graph(g))
    >>> s.loc[s["degree"].idxmax()].tolist()
    [2.0, 1.0, 2.0]
    """
    known = _SCORES.get(analysis)
    if known is not None:
        return known
    from ecox.queries.brokers import broker_numbers

    numbers = broker_numbers(analysis)
    columns = {"degree": "degree", "betweenness": "broker_score", "brokerage": "brokerage"}
    frame = pd.DataFrame(
        {name: numbers[column].astype(float) for name, column in columns.items()},
        index=pd.Index(np.asarray(analysis.adjacency.ids, dtype=object).astype(str), name="id"),
    )
    _SCORES[analysis] = frame
    return frame


def top_actors(scores: pd.DataFrame, n: int, *, by: str = "degree") -> list[str]:
    """The ``n`` highest-scoring actor ids (ties: degree, then id).

    >>> s = pd.DataFrame({"degree": [1.0, 3.0, 3.0]}, index=["c", "b", "a"])
    >>> top_actors(s, 2)
    ['a', 'b']
    """
    return [str(i) for i in scores.index[score_order(scores, by)[:n]]]


def neighbourhood(analysis: AnalysisGraph, seeds: Iterable[str], hops: int) -> list[str]:
    """Actors within ``hops`` links of any seed (any relation, either direction), seeds included.

    >>> from ecox.graph.analysis import analysis_graph
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build(
    ...     [("A", ["Bank"], []), ("B", ["Enterprise"], []), ("C", ["Fund"], [])],
    ...     [{"source": "A", "target": "B", "type": "LENT_TO"},
    ...      {"source": "C", "target": "B", "type": "INVESTED_IN"}],
    ... )
    >>> ag = analysis_graph(g)
    >>> a = ag.actors.set_index("name").loc["A", "id"]
    >>> sorted(ag.name_of(i) for i in neighbourhood(ag, [a], 1))
    ['A', 'B']
    >>> sorted(ag.name_of(i) for i in neighbourhood(ag, [a], 2))
    ['A', 'B', 'C']
    """
    index = actor_index(analysis)
    undirected = sp.csr_array(analysis.adjacency.undirected())
    frontier = np.zeros(len(index), dtype=bool)
    frontier[actor_positions(analysis, seeds)] = True
    seen = frontier.copy()
    for _ in range(max(hops, 0)):
        reached = (undirected @ frontier.astype(np.int8)) > 0
        frontier = reached & ~seen
        if not frontier.any():
            break
        seen |= frontier
    return [str(a) for a in index[np.flatnonzero(seen)]]


def _label(name: str) -> str:
    return name if len(name) <= _LABEL_LIMIT else name[: _LABEL_LIMIT - 1] + "…"


def _text(value: object) -> str | None:
    if value is None or value is pd.NA:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    text = str(value).strip()
    return text or None


def _amount(value: object) -> float | None:
    if value is None or value is pd.NA:
        return None
    number = float(value)  # type: ignore[arg-type]
    return None if math.isnan(number) else number


def _claim_rows(
    near_claims: pd.DataFrame, names: Mapping[str, str], pairs: set[frozenset[str]]
) -> dict[frozenset[str], list[dict[str, Any]]]:
    """The evidence rows of each of ``pairs``, from ``near_claims`` (a few claims near them:
    each is keyed by its pair in Python)."""
    out: dict[frozenset[str], list[dict[str, Any]]] = {}
    if not len(near_claims) or "type" not in near_claims.columns:
        return out
    keys = zip(
        near_claims["source"].astype(str).tolist(),
        near_claims["target"].astype(str).tolist(),
        strict=True,
    )
    wanted = np.fromiter((frozenset(k) in pairs for k in keys), dtype=bool, count=len(near_claims))
    if not wanted.any():
        return out
    chosen = near_claims[wanted]
    when = claim_dates(chosen)
    dated = np.where(when.isna().to_numpy(), "9999", when.astype(object).astype(str).to_numpy())
    order = np.lexsort((chosen["id"].astype(str).to_numpy(), dated))
    chosen, known = chosen.iloc[order], when.astype(object).to_numpy()[order]
    columns = {
        c: (chosen[c].astype(object).to_numpy() if c in chosen.columns else [None] * len(chosen))
        for c in (
            "source", "target", "type", "amount", "currency", "date", "published", "outlet",
            "source_doc", "evidence", "confidence",
        )
    }  # fmt: skip
    for i in range(len(chosen)):
        src, tgt = str(columns["source"][i]), str(columns["target"][i])
        row = {
            "relation": str(columns["type"][i]),
            "source": names.get(src, src),
            "target": names.get(tgt, tgt),
            "amount": _amount(columns["amount"][i]),
            "currency": _text(columns["currency"][i]),
            "date": _text(columns["date"][i]),
            "published": _text(columns["published"][i]),
            "outlet": _text(columns["outlet"][i]),
            "document": _text(columns["source_doc"][i]),
            "evidence": _text(columns["evidence"][i]),
            "confidence": _amount(columns["confidence"][i]),
            "known": _text(known[i]),  # the date it counts from (claim_dates): the page's slider
        }
        # a field the claim lacks is left out (the pane skips it): big pages stay small
        out.setdefault(frozenset((src, tgt)), []).append(
            {k: v for k, v in row.items() if v is not None}
        )
    return out


@dataclass
class _Pair:
    source: str
    target: str
    relations: dict[str, int] = field(default_factory=dict)
    forward: bool = False
    backward: bool = False
    directed: bool = False


def styled_network(
    view: ViewInput,
    *,
    actors: Sequence[str] | None = None,
    size_by: str = "degree",
    scores: pd.DataFrame | None = None,
    suggested: Sequence[SuggestedEdge] = (),
    highlight: Mapping[str, str] | None = None,
    notes: Mapping[str, Sequence[str]] | None = None,
    emphasis: Iterable[frozenset[str]] = (),
    labelled: Iterable[str] | None = None,
    seed: int = 7,
    lang: str = "zh",
) -> tuple[Network, list[dict[str, Any]]]:
    """The pyvis ``Network`` of a set of actors, and the claims behind its edges.

    Parameters
    ----------
    view
        Tables to draw from (:meth:`ViewInput.of`).
    actors
        Actor ids to show (default: all), in any order.
    size_by
        Score that sizes the nodes, one of :data:`SIZE_BY`.
    scores
        Precomputed :func:`actor_scores` (computed here when omitted).
    suggested
        Links to draw dashed (no claim behind them), with their reason.
    highlight
        Actor id → a short role (``"focus"``, ``"broker"``, ``"triad"``,
        ``"under-connected"``): drawn with a thick border, role in the pane.
    notes
        Actor id → extra lines for the actor pane and tooltip.
    emphasis
        Unordered actor pairs whose edge is drawn thick (a complete triad's links).
    labelled
        Actors spaced for their labels, labelled as the page opens (default: the top 30).
    seed, lang
        Layout seed; language of the words the network carries (unnamed ties' reasons).

    Returns
    -------
    (pyvis.network.Network, list of dict)
        The network (node and edge dicts in vis-network form, with ``ecox*``
        fields the page script reads: types, aliases, scores, notes, the
        indices of the edge's claims) and the claim rows those indices point to.
    """
    if size_by not in SIZE_BY:
        raise ValueError(f"unknown size score {size_by!r}; choose one of {list(SIZE_BY)}")
    analysis = view.analysis
    scores = actor_scores(analysis) if scores is None else scores
    ids = analysis.actors["id"].astype(str)
    shown = list(dict.fromkeys(ids.tolist() if actors is None else [str(a) for a in actors]))
    keep = set(shown)
    table = analysis.actors[among(analysis.actors["id"], keep)]  # only the shown are styled
    table = table.set_index(table["id"].astype(str))
    pairs = _pairs(analysis, keep)
    names = dict(zip(table.index.tolist(), table["name"].astype(str).tolist(), strict=True))
    claim_rows = _claim_rows(claims_among(view, pairs), names, set(pairs))
    claims: list[dict[str, Any]] = []
    values = dict(zip(shown, scores[size_by].reindex(shown).fillna(0.0).tolist(), strict=True))
    rank, top = _ranked(shown, values, highlight or {}, labelled)
    positions = _layout(shown, pairs.values(), suggested, seed)
    positions = spread_labels(positions, _label_boxes(table, names, values, top))
    net = Network(height="100%", width="100%", directed=True, notebook=False)
    nodes = _actor_nodes(
        shown, table, names, positions, values, scores, highlight or {}, notes or {}, top
    )
    for node in nodes:
        node["ecoxRank"] = rank[node["id"]]
    edges = _pair_edges(pairs, claim_rows, set(emphasis), claims)
    edges += _suggested_edges(suggested, keep)
    group_nodes, group_edges = _unnamed_groups(view, positions, names, claims, lang)
    net.nodes = nodes + group_nodes
    net.edges = edges + group_edges
    net.options = _options(len(nodes))
    logger.debug(
        "styled network: %d nodes, %d edges, %d claims", len(nodes), len(edges), len(claims)
    )
    return net, claims


def _ranked(
    shown: Sequence[str],
    values: Mapping[str, float],
    highlight: Mapping[str, str],
    labelled: Iterable[str] | None,
) -> tuple[dict[str, int], set[str]]:
    """Each actor's rank by importance (highlighted first, then by score) and the actors
    labelled at low zoom (``labelled``, else the first :data:`TOP_LABELS`; highlighted ones
    always)."""
    ranked = sorted(shown, key=lambda a: (a not in highlight, -values[a], a))
    top = set(ranked[:TOP_LABELS] if labelled is None else labelled) | set(highlight)
    return {a: k for k, a in enumerate(ranked)}, top


def _scaled(value: float, low: float, high: float, span: tuple[float, float]) -> float:
    """vis-network's linear scaling of ``value`` from ``[low, high]`` onto ``span``."""
    share = 0.5 if high == low else (value - low) / (high - low)
    return span[0] + share * (span[1] - span[0])


def _label_boxes(
    table: pd.DataFrame, names: Mapping[str, str], values: Mapping[str, float], top: set[str]
) -> dict[str, LabelBox]:
    """The label box (at zoom 1) of each top actor, as the page will draw it, in the order of
    ``values`` (not of the set ``top``: :func:`viz.labels.spread_labels` depends on it)."""
    if not values:
        return {}
    low, high = min(values.values()), max(values.values())
    boxes = {}
    for actor in values:  # in the order shown: spreading the labels depends on it
        if actor not in top:
            continue
        types = [t for t in str(table.at[actor, "types"]).split("|") if t]
        shape = SCHEMA.nodes[types[0]].shape if types and types[0] in SCHEMA.nodes else "dot"
        if shape in _LABEL_INSIDE:
            boxes[actor] = label_box(_label(names[actor]), 18.0, 0.0, inside=True)
        else:
            radius = _scaled(values[actor], low, high, _RADIUS)
            font = _scaled(values[actor], low, high, _TOP_FONT)
            boxes[actor] = label_box(_label(names[actor]), font, radius)
    return boxes


def _layout(
    shown: Sequence[str], pairs: Iterable[_Pair], suggested: Sequence[SuggestedEdge], seed: int
) -> dict[str, tuple[float, float]]:
    """Positions of the shown actors, laid out over their pairs and the suggestions among them."""
    keep = set(shown)
    drawn_pairs = [(p.source, p.target) for p in pairs]
    drawn_pairs += [
        (s.source, s.target) for s in suggested if s.source in keep and s.target in keep
    ]
    return layout_positions(shown, drawn_pairs, seed=seed)


def _pairs(analysis: AnalysisGraph, keep: set[str]) -> dict[frozenset[str], _Pair]:
    """The links between kept actors merged per unordered pair (self-loops dropped).

    Each pair counts the weight of each relation and notes which ways its directed
    relations point (relative to the first link seen).
    """
    inside = member_mask(analysis, keep)
    starts, ends = link_positions(analysis)
    links = link_rows(analysis, inside[starts] & inside[ends], ["type", "weight"])
    pairs: dict[frozenset[str], _Pair] = {}
    for row in links.itertuples(index=False):
        source, target = str(row.source), str(row.target)
        if source == target:
            continue
        key = frozenset((source, target))
        pair = pairs.get(key)
        if pair is None:
            pair = pairs[key] = _Pair(source, target)
        pair.relations[str(row.type)] = pair.relations.get(str(row.type), 0) + int(row.weight)
        if str(row.type) in SCHEMA.symmetric:
            continue
        pair.directed = True
        if source == pair.source:
            pair.forward = True
        else:
            pair.backward = True
    return pairs


def _actor_nodes(
    shown: Sequence[str],
    table: pd.DataFrame,
    names: Mapping[str, str],
    positions: Mapping[str, tuple[float, float]],
    values: Mapping[str, float],
    scores: pd.DataFrame,
    highlight: Mapping[str, str],
    notes: Mapping[str, Sequence[str]],
    top: set[str],
) -> list[dict[str, Any]]:
    """The vis-network node of each shown actor: schema style, position, role, pane fields.

    ``ecoxLabel`` is the label; ``ecoxTop`` actors show it as the page opens (``label``),
    then the page script shows the most important labels in view that fit, readable.
    """
    nodes: list[dict[str, Any]] = []
    types_of = dict(zip(table.index, table["types"].astype(str), strict=True))
    aliases_of = dict(zip(table.index, table["aliases"].fillna("").astype(str), strict=True))
    shown_scores = scores.reindex(list(shown))
    score_rows = {
        a: {k: float(f"{v:.6g}") for k, v in zip(shown_scores.columns, row, strict=True)}
        for a, row in zip(shown, shown_scores.to_numpy(), strict=True)
    }
    for actor in shown:
        types = [t for t in types_of[actor].split("|") if t]
        aliases = [a for a in aliases_of[actor].split("|") if a]
        primary = SCHEMA.nodes.get(types[0]) if types else None
        colour = primary.colour if primary else "#7f8c8d"
        border = (
            SCHEMA.nodes[types[1]].colour if len(types) > 1 and types[1] in SCHEMA.nodes else colour
        )
        x, y = positions[actor]
        role = highlight.get(actor)
        node: dict[str, Any] = {
            "id": actor,
            "label": _label(names[actor]) if actor in top else "",
            "ecoxLabel": _label(names[actor]),
            "ecoxTop": actor in top,
            "shape": primary.shape if primary else "dot",
            "value": float(values[actor]),
            "x": round(x, 2),
            "y": round(y, 2),
            "color": {
                "background": colour,
                "border": border,
                "highlight": {"background": colour, "border": "#000000"},
                "hover": {"background": colour, "border": "#000000"},
            },
            "borderWidth": 3 if border != colour else 1,
            "ecoxName": names[actor],
            "ecoxTypes": types,
            "ecoxAliases": aliases,
            "ecoxScores": score_rows[actor],
            "ecoxRole": role,
            "ecoxNotes": list(notes.get(actor, ())),
        }
        if node["shape"] in _LABEL_INSIDE:
            # the label sits inside these shapes: keep it legible whatever the score
            node["scaling"] = {"label": {"enabled": False}}
            node["font"] = {"size": 18, "color": _ink_on(colour), "strokeWidth": 0}
            node["widthConstraint"] = {"maximum": 150}
            node["margin"] = 6
        elif actor in top:
            # the top actors keep a large label whatever their score
            node["scaling"] = {"label": {"enabled": True, "min": _TOP_FONT[0], "max": _TOP_FONT[1]}}
        nodes.append(node)
    return nodes


def _pair_edges(
    pairs: Mapping[frozenset[str], _Pair],
    claim_rows: Mapping[frozenset[str], list[dict[str, Any]]],
    emphasised: set[frozenset[str]],
    claims: list[dict[str, Any]],
) -> list[dict[str, Any]]:
    """One edge per actor pair, coloured by its main relation; its claims go to ``claims``."""
    edges: list[dict[str, Any]] = []
    for number, (key, pair) in enumerate(pairs.items()):
        main = max(pair.relations, key=lambda r: (pair.relations[r], r))
        weight = sum(pair.relations.values())
        rows = claim_rows.get(key, [])
        first = len(claims)
        claims.extend(rows)
        arrows = ""
        if pair.directed:
            arrows = (
                "to, from" if pair.forward and pair.backward else ("to" if pair.forward else "from")
            )
        strong = key in emphasised
        edges.append(
            {
                "id": f"e{number}",
                "from": pair.source,
                "to": pair.target,
                "arrows": arrows,
                "color": {"color": SCHEMA.edges[main].colour, "opacity": 0.85},
                "width": round((4.5 if strong else 1.0) + math.log2(weight), 2),
                "ecoxRelations": sorted(pair.relations),
                "ecoxWeight": weight,
                "ecoxClaims": list(range(first, len(claims))),
                "ecoxEmphasis": strong,
            }
        )
    return edges


def _suggested_edges(suggested: Sequence[SuggestedEdge], keep: set[str]) -> list[dict[str, Any]]:
    """Dashed edges for the suggestions between shown actors (no claims behind them)."""
    edges: list[dict[str, Any]] = []
    for number, suggestion in enumerate(suggested):
        if suggestion.source not in keep or suggestion.target not in keep:
            continue
        edges.append(
            {
                "id": f"s{number}",
                "from": suggestion.source,
                "to": suggestion.target,
                "arrows": "",
                "dashes": [8, 6],
                "color": {"color": "#d35400", "opacity": 0.9},
                "width": 2.5,
                "ecoxSuggested": suggestion.kind,
                "ecoxReason": suggestion.reason,
                "ecoxScore": suggestion.score,
                "ecoxClaims": [],
            }
        )
    return edges


def tie_reason(tie: Mapping[str, Any], lang: str) -> str:
    """The reason of a :func:`graph.unnamed.reported_ties` row in ``lang`` (its ``reason``
    in English; in Chinese from the relation's label and the counterpart's group label).

    >>> tie = {"relation": "INVESTED_IN", "counterpart_type": "Fund", "counterpart_count": 6,
    ...        "claims": 1, "reason": "INVESTED_IN from 未具名基金 ×6 (1 claim)"}
    >>> tie_reason(tie, "zh")
    '投资：未具名基金 ×6（1 条报道）'
    """
    if lang != "zh":
        return str(tie["reason"])
    count = tie["counterpart_count"]
    return message(
        "view.unnamed_reason",
        lang,
        relation=RELATION_LABELS.get(str(tie["relation"]), str(tie["relation"])),
        label=counterpart_label(
            str(tie["counterpart_type"]), None if pd.isna(count) else int(count)
        ),
        claims=tie["claims"],
    )


def _unnamed_groups(
    view: ViewInput,
    positions: Mapping[str, tuple[float, float]],
    names: Mapping[str, str],
    claims: list[dict[str, Any]],
    lang: str,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Group nodes and edges for the shown actors' ties to unnamed counterparts.

    One grey node per row of :func:`graph.unnamed.reported_ties` (actor,
    relation, side, counterpart type); its edge lists the claims, appended to ``claims``.
    """
    ties = reported_ties(view.analysis)
    ties = ties[among(ties["node"], positions)]
    if not len(ties):
        return [], []
    unnamed = view.analysis.unnamed.set_index("id", drop=False)
    nodes: list[dict[str, Any]] = []
    edges: list[dict[str, Any]] = []
    for number, tie in enumerate(ties.to_dict("records")):
        actor, relation = str(tie["node"]), str(tie["relation"])
        count = None if pd.isna(tie["counterpart_count"]) else int(tie["counterpart_count"])
        label = counterpart_label(str(tie["counterpart_type"]), count)
        group = f"u{number}"
        x, y = positions[actor]
        angle = 2.4 * number  # spread an actor's groups around it
        rows = _claim_rows(
            unnamed.loc[str(tie["claim_ids"]).split("|")],
            {**names, "": label},
            {frozenset((actor, ""))},
        ).get(frozenset((actor, "")), [])
        first = len(claims)
        claims.extend(rows)
        nodes.append(
            {
                "id": group,
                "label": label,
                "shape": "dot",
                "value": 0.0,
                "x": round(x + 60 * math.cos(angle), 2),
                "y": round(y + 60 * math.sin(angle), 2),
                "color": {"background": "#c8ced6", "border": "#7f8c8d"},
                "borderWidth": 1,
                "shapeProperties": {"borderDashes": [3, 3]},
                "font": {"size": 12, "color": "#5f6b78"},
                "ecoxName": label,
                "ecoxTypes": [],
                "ecoxAliases": [],
                "ecoxScores": {},
                "ecoxRole": None,
                "ecoxNotes": [f"{names.get(actor, actor)}: {tie_reason(tie, lang)}"],
                "ecoxUnnamed": {"type": tie["counterpart_type"], "count": count},
            }
        )
        ends = (actor, group) if tie["actor_side"] == "source" else (group, actor)
        edges.append(
            {
                "id": f"ue{number}",
                "from": ends[0],
                "to": ends[1],
                "arrows": "" if relation in SCHEMA.symmetric else "to",
                "dashes": [2, 4],
                "color": {"color": SCHEMA.edges[relation].colour, "opacity": 0.6},
                "width": 1.0,
                "ecoxRelations": [relation],
                "ecoxWeight": int(tie["claims"]),
                "ecoxClaims": list(range(first, len(claims))),
                "ecoxUnnamed": True,
            }
        )
    return nodes, edges


def _options(n: int) -> dict[str, Any]:
    large = n > LARGE_GRAPH
    return {
        "autoResize": True,
        "nodes": {
            "scaling": {
                "min": _RADIUS[0],
                "max": _RADIUS[1],
                "label": {"enabled": True, "min": _FONT[0], "max": _FONT[1], "drawThreshold": 7},
            },
            "font": {
                "face": "'Noto Sans CJK SC','Source Han Sans SC','PingFang SC','Microsoft YaHei',"
                "'Droid Sans Fallback',sans-serif",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
                "color": "#1d2733",
            },
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"scaleFactor": 0.5}, "from": {"scaleFactor": 0.5}},
            "selectionWidth": 2,
            "hoverWidth": 1.5,
        },
        "interaction": {
            "hover": not large,
            "tooltipDelay": 150,
            "hideEdgesOnDrag": large,
            "navigationButtons": False,
            "keyboard": False,
        },
        # the layout is computed beforehand, label boxes apart: physics would undo that
        "physics": {"enabled": False},
        "layout": {"improvedLayout": False},
    }
