"""The named queries compiled to pandas joins: same table as the Cypher, much faster.

grand-cypher enumerates pattern matches one by one in Python; on ten thousand
actors a triad query takes seconds to minutes. Each function here computes the
rows of one ``queries/named/*.cypher`` file with table joins over the claim
table, then applies that file's own ``DISTINCT``/``ORDER BY``/``LIMIT`` (through
:func:`queries.cypher.prepare`), so the table is the one the Cypher gives, on
the embedded engine and on Neo4j. Tests compare all three on several graphs.

Pattern semantics reproduced: one row per matched relationship (claims are
relationships), undirected patterns match a claim in both orientations, and
different node variables of a pattern are different actors (what grand-cypher
does; the named queries also say so in their ``WHERE``). Self-loop claims are
never matched.

Examples
--------
>>> import ecox
>>> from ecox.queries.backend import InMemoryBackend
>>> g = ecox.seed()
>>> sorted(COMPILED)[:3]
['complete_triads', 'cross_type_brokers', 'direct_relations']
>>> run_compiled(g, "complete_triads").equals(
...     InMemoryBackend(g, engine="grand-cypher").named("complete_triads"))
True
"""

from __future__ import annotations

from ecox.graph.schema import EdgeType, NodeType

__all__ = ["COMPILED", "ClaimTables", "run_compiled"]

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import pandas as pd

from ecox.graph.claims import ClaimGraph
from ecox.graph.schema import SCHEMA
from ecox.graph.unnamed import unnamed_mask
from ecox.queries.catalogue import named_query
from ecox.queries.cypher import finish, prepare

_ENTERPRISE = (NodeType.ENTERPRISE,)


class ClaimTables:
    """Actor and claim tables in the shape the compiled queries join on.

    Attributes
    ----------
    names : dict
        Actor id → name.
    types : dict
        Actor id → list of types (as stored in Neo4j).
    directed : pandas.DataFrame
        One row per claim: ``x`` (source), ``y`` (target), ``rel``, ``cid``, ``amount``,
        ``currency``, ``source_doc``; no self-loops.
    undirected : pandas.DataFrame
        ``directed`` plus every claim reversed (undirected patterns).
    """

    def __init__(self, graph: ClaimGraph) -> None:
        actors = graph.actors
        self.names: dict[str, Any] = dict(zip(actors["id"], actors["name"], strict=True))
        self.types: dict[str, list[str]] = {
            a: ([] if t is None or t is pd.NA or t == "" else str(t).split("|"))
            for a, t in zip(actors["id"], actors["types"], strict=True)
        }
        self._by_label: dict[str, set[str]] = {}
        for actor, types in self.types.items():
            for t in types:
                self._by_label.setdefault(t, set()).add(actor)
        c = graph.claims[~unnamed_mask(graph.claims)]  # unnamed sides are no nodes
        frame = pd.DataFrame(
            {
                "x": c["source"].astype(object),
                "y": c["target"].astype(object),
                "rel": c["type"].astype(object),
                "cid": c["id"].astype(object),
                "amount": _objects(c["amount"]),
                "currency": _objects(c["currency"]),
                "source_doc": _objects(c["source_doc"]),
            }
        )
        self.directed = frame[frame["x"] != frame["y"]].reset_index(drop=True)
        flipped = self.directed.rename(columns={"x": "y", "y": "x"})
        self.undirected = pd.concat([self.directed, flipped], ignore_index=True)

    def with_label(self, *labels: str) -> set[str]:
        """Ids of actors carrying any of ``labels``."""
        out: set[str] = set()
        for label in labels:
            out |= self._by_label.get(label, set())
        return out

    def edges(
        self,
        rels: tuple[str, ...] | None,
        x_labels: tuple[str, ...] | None = None,
        y_labels: tuple[str, ...] | None = None,
        *,
        undirected: bool = False,
    ) -> pd.DataFrame:
        """Claims of types ``rels`` (None: any) from ``x_labels`` actors to ``y_labels`` ones."""
        frame = self.undirected if undirected else self.directed
        keep = np.ones(len(frame), dtype=bool)
        if rels is not None:
            keep &= frame["rel"].isin(rels).to_numpy()
        if x_labels is not None:
            keep &= frame["x"].isin(self.with_label(*x_labels)).to_numpy()
        if y_labels is not None:
            keep &= frame["y"].isin(self.with_label(*y_labels)).to_numpy()
        return frame[keep]

    def name(self, ids: pd.Series) -> list[Any]:
        """Names of the actors ``ids``."""
        return [self.names[i] for i in ids]


def _objects(series: pd.Series) -> list[Any]:
    return [None if v is None or v is pd.NA or v != v else v for v in series.astype(object)]


_TABLES: dict[int, tuple[ClaimGraph, ClaimTables]] = {}


def _tables(graph: ClaimGraph) -> ClaimTables:
    cached = _TABLES.get(id(graph))
    if cached is not None and cached[0] is graph:
        return cached[1]
    tables = ClaimTables(graph)
    _TABLES.clear()
    _TABLES[id(graph)] = (graph, tables)
    return tables


# ---------------------------------------------------------------------- roles of a venture
def _role(t: ClaimTables, role: str, holder: str) -> pd.DataFrame:
    """(holder, e) pairs of venture role ``role`` (``roles:`` of the schema): a claim of one
    of its relations from a holder type to an Enterprise, either way when the named query's
    pattern is undirected (the scientist role, which includes COOPERATES_WITH)."""
    spec = SCHEMA.role(role)
    undirected = bool(SCHEMA.symmetric.intersection(spec.relations))
    pairs = t.edges(spec.relations, spec.types, _ENTERPRISE, undirected=undirected)
    return pairs[["x", "y"]].drop_duplicates().rename(columns={"x": holder, "y": "e"})


def _scientist_role(t: ClaimTables) -> pd.DataFrame:
    return _role(t, "scientist", "s")


def _entrepreneur_role(t: ClaimTables) -> pd.DataFrame:
    return _role(t, "entrepreneur", "f")


def _capital_role(t: ClaimTables) -> pd.DataFrame:
    return _role(t, "investor", "c")


def _people(t: ClaimTables, frame: pd.DataFrame, spec: list[tuple[str, str]]) -> pd.DataFrame:
    """Columns ``<prefix>`` (actor id) and ``<prefix>_name`` for each (column, prefix)."""
    out: dict[str, list[Any]] = {}
    for column, prefix in spec:
        out[prefix] = frame[column].tolist()
        out[f"{prefix}_name"] = t.name(frame[column])
    return pd.DataFrame(out)


def _complete_triads(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    rows = _scientist_role(t).merge(_entrepreneur_role(t), on="e").merge(_capital_role(t), on="e")
    rows = rows[(rows["s"] != rows["f"]) & (rows["s"] != rows["c"]) & (rows["f"] != rows["c"])]
    return _people(
        t,
        rows,
        [("e", "enterprise"), ("s", "scientist"), ("f", "entrepreneur"), ("c", "investor")],
    )


def _missing_capital(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    rows = _scientist_role(t).merge(_entrepreneur_role(t), on="e")
    rows = rows[(rows["s"] != rows["f"]) & ~rows["e"].isin(set(_capital_role(t)["e"]))]
    return _people(t, rows, [("e", "enterprise"), ("s", "scientist"), ("f", "entrepreneur")])


def _missing_entrepreneur(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    rows = _scientist_role(t).merge(_capital_role(t), on="e")
    rows = rows[(rows["s"] != rows["c"]) & ~rows["e"].isin(set(_entrepreneur_role(t)["e"]))]
    return _people(t, rows, [("e", "enterprise"), ("s", "scientist"), ("c", "investor")])


def _missing_scientist(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    rows = _entrepreneur_role(t).merge(_capital_role(t), on="e")
    rows = rows[(rows["f"] != rows["c"]) & ~rows["e"].isin(set(_scientist_role(t)["e"]))]
    return _people(t, rows, [("e", "enterprise"), ("f", "entrepreneur"), ("c", "investor")])


# ---------------------------------------------------------------------- under-connected actors
def _without(t: ClaimTables, labels: tuple[str, ...], tied: set[str]) -> list[str]:
    return sorted(t.with_label(*labels) - tied)


def _id_name(t: ClaimTables, ids: list[str], *, types: bool = False) -> pd.DataFrame:
    frame = pd.DataFrame({"node": ids, "name": [t.names[i] for i in ids]}, dtype=object)
    if types:
        frame["types"] = [t.types[i] for i in ids]
    return frame


def _unfunded(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    return _id_name(t, _without(t, _ENTERPRISE, set(_capital_role(t)["e"])))


def _idle_research(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    tied = set(t.edges(None, None, _ENTERPRISE, undirected=True)["x"])
    return _id_name(t, _without(t, SCHEMA.group("research"), tied), types=True)


def _investors_without_ventures(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    tied = set(t.edges((EdgeType.INVESTED_IN,), None, _ENTERPRISE)["x"])
    return _id_name(t, _without(t, SCHEMA.group("investing"), tied), types=True)


def _parks_without_capital(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    tied = set(t.edges(None, None, SCHEMA.group("capital"), undirected=True)["x"])
    return _id_name(t, _without(t, (NodeType.PARK,), tied))


# ---------------------------------------------------------------------- the rest
def _cross_type_brokers(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    u = t.undirected
    differ = np.fromiter(
        (t.types[x] != t.types[y] for x, y in zip(u["x"], u["y"], strict=True)),
        dtype=bool,
        count=len(u),
    )
    counts = u.loc[differ, "x"].value_counts(sort=False)
    return pd.DataFrame(
        {
            "node": counts.index.tolist(),
            "name": t.name(counts.index.to_series()),
            "cross_type_claims": counts.to_numpy().tolist(),
        }
    )


def _direct_relations(t: ClaimTables, params: Mapping[str, Any]) -> pd.DataFrame:
    d = t.directed
    a, b = params["a"], params["b"]
    x, y = d["x"].to_numpy(), d["y"].to_numpy()
    rows = d[((x == a) & (y == b)) | ((x == b) & (y == a))]
    return pd.DataFrame(
        {
            "source": rows["x"].tolist(),
            "relation": rows["rel"].tolist(),
            "target": rows["y"].tolist(),
            "claim": rows["cid"].tolist(),
            "source_doc": rows["source_doc"].tolist(),
        }
    )


def _path_between(t: ClaimTables, params: Mapping[str, Any]) -> pd.DataFrame:
    a, b = params["a"], params["b"]
    u = t.undirected
    x, y = u["x"].to_numpy(), u["y"].to_numpy()
    first = u[(x == a) & (y != b)][["y", "rel"]].rename(columns={"y": "m"})
    second = u[(y == b) & (x != a)][["x", "rel"]].rename(columns={"x": "m"})
    rows = first.merge(second, on="m", suffixes=("_1", "_2")) if a != b else first.iloc[:0]
    return pd.DataFrame(
        {
            "via": rows["m"].tolist(),
            "via_name": t.name(rows["m"]),
            "first_relation": rows["rel_1"].tolist() if len(rows) else [],
            "second_relation": rows["rel_2"].tolist() if len(rows) else [],
        }
    )


def _investor_syndicates(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    inv = t.edges((EdgeType.INVESTED_IN,), SCHEMA.group("investing"), _ENTERPRISE)[["x", "y"]]
    inv = inv.drop_duplicates()
    pairs = inv.merge(inv, on="y", suffixes=("_a", "_b"))
    pairs = pairs[pairs["x_a"] < pairs["x_b"]]
    return _people(t, pairs, [("x_a", "source"), ("x_b", "target"), ("y", "venture")])


def _fund_of_funds(t: ClaimTables, _: Mapping[str, Any]) -> pd.DataFrame:
    up = t.edges(
        (EdgeType.COMMITTED_TO, EdgeType.INVESTED_IN),
        (NodeType.FUND, NodeType.GOVERNMENT),
        (NodeType.FUND,),
    )
    down = t.edges((EdgeType.INVESTED_IN,), (NodeType.FUND,), _ENTERPRISE)
    rows = up.merge(down, left_on="y", right_on="x", suffixes=("_c", "_i"))
    rows = rows[(rows["x_c"] != rows["y_c"]) & (rows["x_c"] != rows["y_i"])]
    out = _people(t, rows, [("x_c", "parent"), ("y_c", "fund"), ("y_i", "enterprise")]).reindex(
        columns=["parent", "parent_name", "fund", "fund_name", "enterprise", "enterprise_name"]
    )
    for role, suffix in (("commitment", "_c"), ("investment", "_i")):
        out[f"{role}_claim"] = rows[f"cid{suffix}"].tolist()
        out[f"{role}_amount"] = rows[f"amount{suffix}"].tolist()
        out[f"{role}_currency"] = rows[f"currency{suffix}"].tolist()
    return out


#: Named query → function computing its rows (before DISTINCT, ORDER BY and LIMIT).
COMPILED: dict[str, Callable[[ClaimTables, Mapping[str, Any]], pd.DataFrame]] = {
    "complete_triads": _complete_triads,
    "triads_missing_capital": _missing_capital,
    "triads_missing_entrepreneur": _missing_entrepreneur,
    "triads_missing_scientist": _missing_scientist,
    "unfunded_enterprises": _unfunded,
    "idle_research": _idle_research,
    "investors_without_ventures": _investors_without_ventures,
    "parks_without_capital": _parks_without_capital,
    "cross_type_brokers": _cross_type_brokers,
    "direct_relations": _direct_relations,
    "path_between": _path_between,
    "investor_syndicates": _investor_syndicates,
    "fund_of_funds_chains": _fund_of_funds,
}


def run_compiled(
    graph: ClaimGraph, name: str, params: Mapping[str, Any] | None = None
) -> pd.DataFrame:
    """The table of named query ``name`` on ``graph``, computed by joins.

    Parameters
    ----------
    graph : ClaimGraph
        The graph (its tables are prepared once and cached for the last graph used).
    name : str
        A key of :data:`COMPILED`.
    params : mapping, optional
        The query's parameters (checked by the caller,
        :meth:`queries.backend.InMemoryBackend.named`).

    Examples
    --------
    >>> import ecox
    >>> run_compiled(ecox.seed(), "cross_type_brokers", {"top": 2})["cross_type_claims"].tolist()
    [13, 9]
    """
    query = named_query(name)
    values = dict(params or {})
    rows = COMPILED[name](_tables(graph), values)
    prepared = prepare(query.text, values)
    # built from plain lists, as the grand-cypher and Neo4j results are: same dtypes
    data = {column: [_plain(v) for v in rows[column].tolist()] for column in prepared.columns}
    return finish(pd.DataFrame(data, columns=prepared.columns), prepared)


def _plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, np.generic):
        return value.item()
    return value
