"""A readable part of a big graph: the top actors and the shortest paths that join them.

A view that would draw more actors than a page can show legibly (on Crunchbase the
brokers view wanted 9,171) keeps at most ``limit`` of them: the most important actor of
the largest group of wanted actors that hang together is the root; then, in order of
importance, each wanted actor joins with the shortest path that links it to the root
(one breadth-first search over the whole graph, so the paths may pass through actors the
view did not ask for). The result is connected; wanted actors in other components, or
whose path no longer fits, are left out and counted. :func:`paths_to` gives, for every
actor not drawn, the next step of a shortest path towards the drawn part, so the page can
bring any connected actor in.

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> from ecox.graph.analysis import analysis_graph
>>> g = ClaimGraph.build(
...     [(n, ["Enterprise"], []) for n in "ABCDE"],
...     [{"source": s, "target": t, "type": "COOPERATES_WITH"}
...      for s, t in ("AB", "BC", "CD")],
... )
>>> ag = analysis_graph(g)
>>> ids = dict(zip(ag.actors["name"], ag.actors["id"]))
>>> chosen = readable_subgraph(ag, [ids[n] for n in "ADEB"], limit=4)
>>> sorted(ag.name_of(a) for a in chosen)
['A', 'B', 'C', 'D']
>>> steps = paths_to(ag, [ids["A"]])
>>> ag.name_of(steps[ids["D"]]), ids["E"] in steps
('C', False)
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import breadth_first_order

from ecox.graph.analysis import AnalysisGraph
from ecox.viz.messages import message
from ecox.viz.positions import actor_index, actor_positions, ranked_positions

__all__ = ["DRAWN_LIMIT", "Steps", "drawn_actors", "drawn_limit", "paths_to", "readable_subgraph"]

#: Most actors a view draws unless asked for more (``--top``).
DRAWN_LIMIT = 2000


def readable_subgraph(analysis: AnalysisGraph, ranked: Sequence[str], limit: int) -> list[str]:
    """At most ``limit`` actors, connected: ``ranked`` in order, each with its path to the root.

    Parameters
    ----------
    analysis
        The whole graph (paths may use any of its actors and links).
    ranked
        The actors the view wants, most important first.
    limit
        The most actors to return.

    Returns
    -------
    list of str
        Actor ids in the order they were taken (the root first).
    """
    if limit <= 0 or not len(ranked):
        return []
    chosen = _readable_positions(analysis, actor_positions(analysis, dict.fromkeys(ranked)), limit)
    return [str(a) for a in actor_index(analysis)[chosen]]


def _readable_positions(analysis: AnalysisGraph, ranked: np.ndarray, limit: int) -> list[int]:
    """:func:`readable_subgraph` of actor positions (distinct, most important first)."""
    undirected = analysis.adjacency.undirected()
    component = analysis.adjacency.component_labels()
    counts = np.bincount(component[ranked])
    joined = ranked[component[ranked] == int(counts.argmax())]  # the root's group, in order
    root = int(joined[0])
    _, parent = breadth_first_order(undirected, root, directed=False, return_predecessors=True)
    steps = parent.tolist()
    chosen: dict[int, None] = {root: None}
    for actor in joined.tolist():
        room = limit - len(chosen)
        if room <= 0:
            break
        path: list[int] = []
        step = actor
        while step not in chosen and len(path) <= room:  # a longer path would not fit
            path.append(step)
            step = steps[step]
        if len(path) <= room:
            chosen.update(dict.fromkeys(reversed(path)))
    return list(chosen)


class Steps(Mapping[str, str]):
    """Actor → its next step towards the drawn part (:func:`paths_to`), read from one array:
    nothing is built per actor until asked."""

    def __init__(self, ids: pd.Index, parent: np.ndarray) -> None:
        self._ids = ids
        self._parent = parent

    def __getitem__(self, actor: str) -> str:
        position = self._ids.get_indexer([actor])[0]
        if position < 0 or self._parent[position] < 0:
            raise KeyError(actor)
        return str(self._ids[self._parent[position]])

    def __iter__(self) -> Iterator[str]:
        return (str(a) for a in self._ids[np.flatnonzero(self._parent >= 0)])

    def __len__(self) -> int:
        return int((self._parent >= 0).sum())

    def of(self, actors: Sequence[str]) -> dict[str, str]:
        """The steps of those of ``actors`` that have one, in the order given (one look-up)."""
        found = self._ids.get_indexer(list(actors))
        known = found >= 0
        step = np.full(len(found), -1)
        step[known] = self._parent[found[known]]
        return {str(actors[i]): str(self._ids[step[i]]) for i in np.flatnonzero(step >= 0).tolist()}


def paths_to(analysis: AnalysisGraph, drawn: Sequence[str]) -> Steps:
    """Each actor linked to ``drawn`` but not in it → its neighbour one step closer to them.

    One breadth-first search from all of ``drawn`` at once (a hub joined to each), so
    following the steps from an actor walks a shortest path to the nearest drawn actor.
    Actors in components without a drawn actor are left out.
    """
    ids = actor_index(analysis)
    n = len(ids)
    found = ids.get_indexer(list(drawn))
    starts = np.unique(found[found >= 0])
    if not len(starts):
        return Steps(ids, np.full(n, -1))
    # the symmetric adjacency and a hub row linking to every start, as one CSR: searched
    # directed, it is walked as the undirected graph, without building a transpose
    ties = analysis.adjacency.undirected()
    graph = sp.csr_array(
        (
            np.ones(ties.nnz + len(starts), dtype=np.int8),
            np.concatenate([ties.indices, starts]),
            np.concatenate([ties.indptr, [ties.nnz + len(starts)]]),
        ),
        shape=(n + 1, n + 1),
    )
    _, parent = breadth_first_order(graph, n, directed=True, return_predecessors=True)
    parent = parent[:n]
    parent[(parent < 0) | (parent == n)] = -1  # not reached, or drawn (the hub's children)
    return Steps(ids, parent)


def drawn_limit(top: int | None) -> int:
    """Most actors a view draws: :data:`DRAWN_LIMIT`, or ``top`` when larger.

    >>> drawn_limit(None), drawn_limit(5000)
    (2000, 5000)
    """
    return max(DRAWN_LIMIT, top or 0)


def drawn_actors(
    analysis: AnalysisGraph,
    actors: Sequence[str],
    scores: pd.DataFrame,
    by: str,
    first: Sequence[str],
    limit: int,
    lang: str = "zh",
) -> tuple[list[str], list[str]]:
    """The actors a view draws and a notice saying what it hid.

    All of ``actors`` when they are ``limit`` or fewer; else :func:`readable_subgraph` of
    them, ``first`` leading, the others by the score ``by`` (see
    :func:`ecox.viz.network.top_actors`), and the notice (message ``explore.shown_of``, or
    ``explore.shown_of_joined`` when actors outside ``actors`` join the chosen ones: the
    counts then add up, drawn = kept + joined and wanted = kept + hidden).
    """
    if len(actors) <= limit:
        return list(actors), []
    member = np.zeros(len(actor_index(analysis)), dtype=bool)
    member[actor_positions(analysis, actors)] = True
    lead = actor_index(analysis).get_indexer(list(dict.fromkeys(first)))
    lead = lead[lead >= 0]
    lead = lead[member[lead]]
    others = member.copy()
    others[lead] = False
    ranking = ranked_positions(analysis, scores, by)
    found = _readable_positions(analysis, np.concatenate([lead, ranking[others[ranking]]]), limit)
    chosen = [str(a) for a in actor_index(analysis)[found]]
    kept, wanted = int(member[found].sum()), int(member.sum())
    notice = message(
        "explore.shown_of" if kept == len(chosen) else "explore.shown_of_joined",
        lang,
        shown=f"{len(chosen):,}",
        wanted=f"{wanted:,}",
        kept=f"{kept:,}",
        joined=f"{len(chosen) - kept:,}",
        hidden=f"{wanted - kept:,}",
    )
    return chosen, [notice]
