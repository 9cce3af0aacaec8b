"""Unnamed counterparts: claims that name one side only.

Reports often state a tie without naming the other side: 相关基金投资了 X (funds
invested in X), 与 92 家金融机构合作 (cooperates with 92 financial institutions).
Such a claim keeps the named actor as its ``source`` or ``target`` and leaves
the other side empty (``""``); ``counterpart_type`` says what the unnamed side
is (a node type) and ``counterpart_count`` how many the report counts, when it
gives a number. No name is invented.

Unnamed claims are facts, not network edges: the analysis graph keeps them
apart (:attr:`graph.analysis.AnalysisGraph.unnamed`), so betweenness and the
other network measures are those of the named graph, while
:func:`reported_ties` answers "which actors have a reported tie of relation R
with a counterpart of type T" and gap queries do not flag such ties as missing.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     actors=[("中国眼谷", ["Park"], [])],
...     claims=[{"source": "中国眼谷", "target": "", "type": "COOPERATES_WITH",
...              "counterpart_type": "Investor", "counterpart_count": 92}],
... )
>>> reported_ties(g)[["name", "relation", "counterpart_type", "counterpart_count"]].values.tolist()
[['中国眼谷', 'COOPERATES_WITH', 'Investor', 92]]
>>> counterpart_label("Fund", 92)
'未具名基金 ×92'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

import pandas as pd

from ecox.graph.schema import SCHEMA, TYPE_LABELS

if TYPE_CHECKING:
    import networkx as nx  # annotations only: a Cypher run never builds a networkx graph

    from ecox.graph.analysis import AnalysisGraph
    from ecox.graph.claims import ClaimGraph

__all__ = [
    "TIE_COLUMNS",
    "add_group_node",
    "counterpart_label",
    "reported_ties",
    "unnamed_mask",
    "why_not_unnamed",
]

#: Columns of :func:`reported_ties`.
TIE_COLUMNS: tuple[str, ...] = (
    "node",
    "type",
    "name",
    "relation",
    "actor_side",
    "counterpart_type",
    "counterpart_count",
    "claims",
    "claim_ids",
    "reason",
)


def unnamed_mask(claims: pd.DataFrame) -> pd.Series:
    """Which rows of a claim table leave a side unnamed (``source`` or ``target`` empty).

    >>> unnamed_mask(pd.DataFrame({"source": ["a", "a"], "target": ["b", ""]})).tolist()
    [False, True]
    """
    source = claims["source"].astype("string").fillna("")
    target = claims["target"].astype("string").fillna("")
    return ((source == "") | (target == "")).astype(bool)


def why_not_unnamed(
    relation: str,
    source_types: Iterable[str] | None,
    target_types: Iterable[str] | None,
    counterpart_type: str | None,
    counterpart_count: object = None,
) -> tuple[str, str]:
    """Why a claim's unnamed-side fields are wrong: ``(column, message)``, or ``("", "")``.

    ``source_types``/``target_types`` are the named side's types, ``None`` on
    the unnamed side. The schema's endpoint rules apply to ``counterpart_type``.

    >>> why_not_unnamed("LENT_TO", None, ["Enterprise"], "Scientist")
    ('counterpart_type', 'LENT_TO cannot start at a Scientist; allowed sources: Bank')
    >>> why_not_unnamed("LENT_TO", None, ["Enterprise"], "Bank")
    ('', '')
    """
    counterpart = "" if counterpart_type is None else str(counterpart_type)
    has_count = counterpart_count is not None and not pd.isna(counterpart_count)  # type: ignore[call-overload]
    if source_types is None and target_types is None:
        return "source", "source and target are both empty: a claim names at least one actor"
    if source_types is not None and target_types is not None:
        if counterpart:
            return "counterpart_type", "counterpart_type is only for a claim with an unnamed side"
        if has_count:
            return "counterpart_count", "counterpart_count is only for a claim with an unnamed side"
        return "", ""
    if not counterpart:
        side = "source" if source_types is None else "target"
        return "counterpart_type", f"{side} is empty: counterpart_type must say what it is"
    if counterpart not in SCHEMA.nodes:
        return "counterpart_type", (
            f"unknown counterpart type {counterpart!r}; expected one of {', '.join(SCHEMA.nodes)}"
        )
    if has_count:
        count = float(counterpart_count)  # type: ignore[arg-type]
        if count < 1 or count != int(count):
            return "counterpart_count", f"not a whole count ≥ 1: {counterpart_count!r}"
    sources = [counterpart] if source_types is None else list(source_types)
    targets = [counterpart] if target_types is None else list(target_types)
    why = SCHEMA.why_not(relation, sources, targets)
    if why:
        counterpart_at_fault = (source_types is None) == (" cannot start at " in why)
        return ("counterpart_type" if counterpart_at_fault else "type"), why
    return "", ""


def counterpart_label(counterpart_type: str, count: object = None) -> str:
    """A short Chinese label for an unnamed group: ``未具名基金 ×92``, ``未具名银行``.

    >>> counterpart_label("Bank")
    '未具名银行'
    """
    word = TYPE_LABELS.get(counterpart_type, counterpart_type)
    label = f"未具名{word}"
    if count is not None and not pd.isna(count):  # type: ignore[call-overload]
        label += f" ×{int(count)}"  # type: ignore[call-overload]
    return label


def add_group_node(graph: nx.Graph, claim: Mapping[str, Any]) -> str:
    """Add the group node that stands for one claim's unnamed side; its id ``u_<claim id>``.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> add_group_node(g, {"id": "c_1", "counterpart_type": "Fund", "counterpart_count": 6})
    'u_c_1'
    >>> g.nodes["u_c_1"]["name"], g.nodes["u_c_1"]["unnamed"]
    ('未具名基金 ×6', True)
    """
    node = f"u_{claim['id']}"
    kind = str(claim["counterpart_type"])
    count = claim.get("counterpart_count")
    attrs: dict[str, Any] = {"name": counterpart_label(kind, count), "type": kind}
    attrs.update(types=kind, aliases="", unnamed=True)
    if count is not None and not pd.isna(count):
        attrs["count"] = int(count)
    graph.add_node(node, **attrs)
    return node


def reported_ties(
    graph: ClaimGraph | AnalysisGraph,
    *,
    relation: str | Iterable[str] | None = None,
    counterpart_type: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Actors with a reported tie to an unnamed counterpart, one row per kind of tie.

    Parameters
    ----------
    graph
        A claim graph, or an analysis graph (then only claims known by its ``as_of``).
    relation, counterpart_type
        Keep only these relation types / counterpart node types (one or several).

    Returns
    -------
    pandas.DataFrame
        :data:`TIE_COLUMNS`: the named actor (``node, type, name``), the relation,
        ``actor_side`` (``source`` when the actor is the claim's source),
        ``counterpart_type``, ``counterpart_count`` (the largest count reported,
        else missing), the number of ``claims`` and their ids (``|``-joined), and a
        ``reason`` in words; sorted by node, relation, side, counterpart type.

    Examples
    --------
    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build(
    ...     actors=[("企业E", ["Enterprise"], [])],
    ...     claims=[{"source": "", "target": "企业E", "type": "INVESTED_IN",
    ...              "counterpart_type": "Fund", "source_doc": "d1"}])
    >>> reported_ties(g, relation="INVESTED_IN", counterpart_type=["Fund", "Investor"])[
    ...     ["name", "actor_side", "reason"]].values.tolist()
    [['企业E', 'target', 'INVESTED_IN from 未具名基金 (1 claim)']]
    >>> len(reported_ties(g, counterpart_type="Bank"))
    0
    """
    frame = _unnamed_claims(graph)
    if relation is not None:
        frame = frame[frame["type"].isin(_as_list(relation))]
    if counterpart_type is not None:
        frame = frame[frame["counterpart_type"].isin(_as_list(counterpart_type))]
    if not len(frame):
        return pd.DataFrame({c: pd.Series(dtype=object) for c in TIE_COLUMNS})
    named_source = frame["source"].fillna("") != ""
    tidy = pd.DataFrame(
        {
            "node": frame["source"].where(named_source, frame["target"]).astype(str),
            "relation": frame["type"].astype(str),
            "actor_side": named_source.map({True: "source", False: "target"}),
            "counterpart_type": frame["counterpart_type"].astype(str),
            "count": frame["counterpart_count"].astype("Float64"),
            "id": frame["id"].astype(str),
        }
    )
    keys = ["node", "relation", "actor_side", "counterpart_type"]
    out = (
        tidy.sort_values("id")
        .groupby(keys, sort=True)
        .agg(
            counterpart_count=("count", "max"),
            claims=("id", "size"),
            claim_ids=("id", "|".join),
        )
        .reset_index()
    )
    out["counterpart_count"] = out["counterpart_count"].astype("Int64")
    actors = graph.actors.set_index("id")
    out["name"] = out["node"].map(actors["name"]).astype(str)
    out["type"] = out["node"].map(actors["types"].astype(str).str.split("|").str[0])
    out["reason"] = [_reason(*row) for row in out[list(_REASON_PARTS)].itertuples(index=False)]
    return out[list(TIE_COLUMNS)].reset_index(drop=True)


_REASON_PARTS = ("relation", "actor_side", "counterpart_type", "counterpart_count", "claims")


def _reason(relation: str, side: str, kind: str, count: Any, claims: int) -> str:
    """``INVESTED_IN from 未具名基金 (1 claim)``."""
    label = counterpart_label(kind, None if pd.isna(count) else count)
    way = "with" if relation in SCHEMA.symmetric else ("to" if side == "source" else "from")
    return f"{relation} {way} {label} ({claims} claim{'s' if claims > 1 else ''})"


def _unnamed_claims(graph: ClaimGraph | AnalysisGraph) -> pd.DataFrame:
    unnamed = getattr(graph, "unnamed", None)
    if unnamed is not None:
        return unnamed
    claims = graph.claims  # type: ignore[union-attr]
    return claims[unnamed_mask(claims)]


def _as_list(value: str | Iterable[str]) -> list[str]:
    return [value] if isinstance(value, str) else list(value)
