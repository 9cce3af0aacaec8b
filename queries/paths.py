"""查关系: how two actors are connected, hop by hop, with the relations in words.

:func:`find_path` finds a shortest path over the undirected graph of all
relations (breadth-first search on the sparse adjacency) and reads every hop
back with its relation types and their direction, e.g.
``瑞安农商银行 —LENT_TO→ 温州数智新能源有限公司 ←FOUNDED— 庄约伟``. Actors are
given by id, canonical name or alias (matched after name normalisation, so
full-width and half-width forms agree).

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     actors=[("行", ["Bank"], []), ("公司", ["Enterprise"], ["司"]),
...             ("张三", ["Entrepreneur"], [])],
...     claims=[{"source": "行", "target": "公司", "type": "LENT_TO"},
...             {"source": "张三", "target": "公司", "type": "FOUNDED"}],
... )
>>> hops = find_path(g, "行", "张三")
>>> hops.attrs["path"]
'行 —LENT_TO→ 公司 ←FOUNDED— 张三'
>>> hops[["hop", "source_name", "relation", "direction", "target_name"]].values.tolist()
[[1, '行', 'LENT_TO', 'forward', '公司'], [2, '公司', 'FOUNDED', 'backward', '张三']]
"""

from __future__ import annotations

__all__ = ["PATH_COLUMNS", "UnknownActorError", "find_path"]

import itertools
import logging

import numpy as np
import pandas as pd
from scipy.sparse import csgraph

from ecox.graph.analysis import AnalysisGraph
from ecox.graph.errors import UnknownActorError
from ecox.graph.lookup import find_actor
from ecox.graph.schema import SCHEMA
from ecox.queries.inputs import GraphInput, analysis_of

logger = logging.getLogger(__name__)

#: Columns of :func:`find_path`.
PATH_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "hop",
    "source_name",
    "target_name",
    "relation",
    "direction",
    "text",
)


def _arrow(rel: str, direction: str) -> str:
    if direction == "forward":
        return f"—{rel}→"
    if direction == "backward":
        return f"←{rel}—"
    return f"—{rel}—"


def find_path(G: GraphInput, a: str, b: str, *, as_of: str | None = None) -> pd.DataFrame:
    """A shortest path between two actors, one row per hop.

    Parameters
    ----------
    G : ClaimGraph, AnalysisGraph or networkx graph
        Any input of :func:`queries.inputs.analysis_of`; not changed.
    a, b : str
        The two actors, by id, name or alias.
    as_of : str, optional
        Only claims known by this date.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PATH_COLUMNS`: ``source`` and ``target`` are the hop's
        ends in path order (ids), ``relation`` the relation types between
        them (``|``-joined, sorted), ``direction`` how each relation points
        along the path (``forward``, ``backward`` or ``mutual`` for a
        symmetric relation; ``|``-joined in the same order), and ``text`` the
        hop in words. ``attrs["path"]`` holds the whole path as one line, or
        ``None`` (and no rows) when the actors are not connected. A path from
        an actor to itself has no hops and ``attrs["path"]`` is its name.
        Among several shortest paths the breadth-first search from ``a`` on
        the actor-table order picks one, the same every time.

    Raises
    ------
    UnknownActorError
        A ``KeyError``, if ``a`` or ``b`` is not a known actor (the message names it).

    Examples
    --------
    >>> import ecox
    >>> find_path(ecox.seed(), "瑞安农商银行", "庄约伟").attrs["path"]
    '瑞安农商银行 —LENT_TO|SERVES→ 温州数智新能源有限公司 ←FOUNDED— 庄约伟'
    """
    ag = analysis_of(G, as_of=as_of)
    src, dst = find_actor(ag.actors, a), find_actor(ag.actors, b)
    adj = ag.adjacency
    index = {str(x): i for i, x in enumerate(adj.ids)}
    i, j = index[src], index[dst]
    empty = pd.DataFrame({c: pd.Series(dtype=object) for c in PATH_COLUMNS})
    empty["hop"] = empty["hop"].astype(np.int64)
    if i == j:
        empty.attrs["path"] = ag.name_of(src)
        return empty
    _, pred = csgraph.breadth_first_order(
        adj.undirected(), i, directed=False, return_predecessors=True
    )
    if pred[j] < 0:
        logger.info("no path between %s and %s", src, dst)
        empty.attrs["path"] = None
        return empty
    nodes = [j]
    while nodes[-1] != i:
        nodes.append(int(pred[nodes[-1]]))
    nodes.reverse()
    ids = [str(adj.ids[v]) for v in nodes]
    rows, line = _hop_rows(ag, ids)
    frame = pd.DataFrame(rows, columns=list(PATH_COLUMNS))
    frame["hop"] = frame["hop"].astype(np.int64)
    frame.attrs["path"] = line
    return frame


def _hop_rows(ag: AnalysisGraph, ids: list[str]) -> tuple[list[dict[str, object]], str]:
    """The rows of :func:`find_path` along ``ids``, and the whole path as one line."""
    links = ag.links
    rows: list[dict[str, object]] = []
    line = ag.name_of(ids[0])
    for hop, (u, v) in enumerate(itertools.pairwise(ids), start=1):
        fwd = links[(links["source"] == u) & (links["target"] == v)]["type"].tolist()
        bwd = links[(links["source"] == v) & (links["target"] == u)]["type"].tolist()
        found: dict[str, str] = {}
        for rel in fwd:
            found[rel] = "mutual" if rel in SCHEMA.symmetric else "forward"
        for rel in bwd:
            found[rel] = "mutual" if rel in SCHEMA.symmetric else "backward"
        rels = sorted(found)
        # one arrow per direction: —COOPERATES_WITH—/—LENT_TO|SERVES→/←FOUNDED—
        arrows = []
        for direction in ("mutual", "forward", "backward"):
            group = [r for r in rels if found[r] == direction]
            if group:
                arrows.append(_arrow("|".join(group), direction))
        segment = "/".join(arrows)
        text = f"{ag.name_of(u)} {segment} {ag.name_of(v)}"
        line += f" {segment} {ag.name_of(v)}"
        rows.append(
            {
                "source": u,
                "target": v,
                "hop": hop,
                "source_name": ag.name_of(u),
                "target_name": ag.name_of(v),
                "relation": "|".join(rels),
                "direction": "|".join(found[r] for r in rels),
                "text": text,
            }
        )
    return rows, line
