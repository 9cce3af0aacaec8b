"""Actor positions in an analysis graph's adjacency, and membership tests on Arrow text:
look-ups over a million actors without a Python step per actor (the views use them to
touch only the actors a page shows).

Examples
--------
>>> import pandas as pd
>>> among(pd.Series(["a", "b"], dtype="string"), ["b"]).tolist()
[False, True]
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable, Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from ecox.graph.analysis import AnalysisGraph

__all__ = [
    "actor_index",
    "actor_positions",
    "among",
    "link_positions",
    "link_rows",
    "member_mask",
    "ranked_positions",
    "score_order",
    "score_positions",
]


def among(column: pd.Series | pd.Index, values: Iterable[str]) -> np.ndarray:
    """Which cells of a text column are one of ``values``, as a boolean array (Arrow's hash
    look-up: no Python work per cell or per value, unlike pandas' ``isin`` on Arrow text).

    >>> among(pd.Series(["a", "b", None], dtype="string"), {"b", "c"}).tolist()
    [False, True, False]
    """
    cells = pa.array(column.astype(str) if column.dtype == object else column,
                     type=pa.large_string(), from_pandas=True)  # fmt: skip
    known = pa.array(list(values), type=pa.large_string())
    found = pc.fill_null(pc.is_in(cells, value_set=known), False)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=bool)


#: One id index per analysis graph (positions of many ids in one look-up).
_INDEXES: weakref.WeakKeyDictionary[AnalysisGraph, pd.Index] = weakref.WeakKeyDictionary()


def actor_index(analysis: AnalysisGraph) -> pd.Index:
    """The actor ids of ``analysis`` in adjacency order, as a pandas ``Index`` built once.

    >>> from ecox.graph.analysis import analysis_graph
    >>> from ecox.graph.claims import ClaimGraph
    >>> ag = analysis_graph(ClaimGraph.build([("A", ["Bank"], [])], []))
    >>> list(actor_index(ag)) == list(ag.actors["id"])
    True
    """
    known = _INDEXES.get(analysis)
    if known is None:
        known = _INDEXES[analysis] = pd.Index(analysis.adjacency.ids, dtype=object)
    return known


#: The actor positions of each analysis graph's link ends.
_ENDS: weakref.WeakKeyDictionary[AnalysisGraph, tuple[np.ndarray, np.ndarray]] = (
    weakref.WeakKeyDictionary()
)


def link_positions(analysis: AnalysisGraph) -> tuple[np.ndarray, np.ndarray]:
    """The adjacency positions of each link's source and target (-1: an id no actor has):
    the merge's :attr:`~ecox.graph.analysis.AnalysisGraph.ends` when it gave them, else
    looked up once per graph.

    >>> from ecox.graph.analysis import analysis_graph
    >>> from ecox.graph.claims import ClaimGraph
    >>> ag = analysis_graph(ClaimGraph.build([("A", ["Enterprise"], []), ("B", ["Fund"], [])],
    ...     [{"source": "B", "target": "A", "type": "INVESTED_IN"}]))
    >>> [p.tolist() for p in link_positions(ag)] == [[1], [0]]
    True
    """
    known = _ENDS.get(analysis)
    if known is not None:
        return known
    ends = analysis.ends
    if ends is not None:
        known = (np.asarray(ends.source, np.int64), np.asarray(ends.target, np.int64))
    else:
        index, links = actor_index(analysis), analysis.links
        source, target = (
            index.get_indexer(links[end].astype(object)) for end in ("source", "target")
        )
        known = (np.asarray(source, np.int64), np.asarray(target, np.int64))
    _ENDS[analysis] = known
    return known


def member_mask(analysis: AnalysisGraph, actors: Iterable[str]) -> np.ndarray:
    """Per actor position, whether it is one of ``actors`` (ids no actor has are ignored); one
    more entry, ``False``, read for a position of -1 (an id no actor has, see
    :func:`link_positions`).

    >>> from ecox.graph.analysis import analysis_graph
    >>> from ecox.graph.claims import ClaimGraph
    >>> ag = analysis_graph(ClaimGraph.build([("A", ["Bank"], []), ("B", ["Bank"], [])], []))
    >>> member_mask(ag, [ag.actors["id"][1], "x"]).tolist()
    [False, True, False]
    """
    inside = np.zeros(len(actor_index(analysis)) + 1, dtype=bool)
    found = actor_index(analysis).get_indexer(list(actors))
    inside[found[found >= 0]] = True
    return inside


def link_rows(analysis: AnalysisGraph, mask: np.ndarray, columns: Sequence[str]) -> pd.DataFrame:
    """The links where ``mask`` holds (a boolean per link): ``source`` and ``target`` as
    ``str`` (the ids at their :func:`link_positions`), then the link ``columns``; only these
    rows are made, and only ``columns`` read (a million links stay numbers).

    >>> from ecox.graph.analysis import analysis_graph
    >>> from ecox.graph.claims import ClaimGraph
    >>> ag = analysis_graph(ClaimGraph.build([("A", ["Enterprise"], []), ("B", ["Fund"], [])],
    ...     [{"source": "B", "target": "A", "type": "INVESTED_IN"}]))
    >>> link_rows(ag, np.array([True]), ["type"]).columns.tolist()
    ['source', 'target', 'type']
    """
    ids = np.asarray(actor_index(analysis), dtype=object)
    rows = analysis.link_columns(list(columns))[mask]
    ends = {
        end: pd.Series(ids[at[mask]], index=rows.index).astype(str)
        for end, at in zip(("source", "target"), link_positions(analysis), strict=True)
    }
    return pd.concat([pd.DataFrame(ends), rows], axis=1)


def actor_positions(analysis: AnalysisGraph, actors: Iterable[str]) -> np.ndarray:
    """The adjacency positions of ``actors`` (a ``KeyError`` names the first unknown one).

    >>> from ecox.graph.analysis import analysis_graph
    >>> from ecox.graph.claims import ClaimGraph
    >>> ag = analysis_graph(ClaimGraph.build([("A", ["Bank"], []), ("B", ["Bank"], [])], []))
    >>> actor_positions(ag, list(ag.actors["id"])[::-1]).tolist()
    [1, 0]
    """
    index = actor_index(analysis)
    everyone = len(index)
    if actors is index:  # every actor (a view of the whole graph): no look-up
        return np.arange(everyone, dtype=np.int64)
    wanted = list(actors)
    found = np.asarray(index.get_indexer(wanted), dtype=np.int64)
    if (found < 0).any():
        raise KeyError(wanted[int(np.flatnonzero(found < 0)[0])])
    return found


def score_order(scores: pd.DataFrame, by: str) -> np.ndarray:
    """The rows of ``scores`` by ``by``, then degree (both high first), then id."""
    if by not in scores.columns:
        raise ValueError(f"unknown score {by!r}; choose one of {list(scores.columns)}")
    ids = pa.array(scores.index.astype(str).to_numpy(dtype=object), type=pa.large_string())
    id_rank = np.empty(len(ids), dtype=np.int64)
    id_rank[pc.sort_indices(ids).to_numpy()] = np.arange(len(ids))
    keys = (id_rank, -scores["degree"].to_numpy(dtype=float), -scores[by].to_numpy(dtype=float))
    return np.lexsort(keys)


def ranked_positions(analysis: AnalysisGraph, scores: pd.DataFrame, by: str) -> np.ndarray:
    """The adjacency positions of the actors of ``scores`` in :func:`top_actors` order.

    >>> from ecox.graph.analysis import analysis_graph
    >>> from ecox.graph.claims import ClaimGraph
    >>> ag = analysis_graph(ClaimGraph.build([("A", ["Bank"], []), ("B", ["Bank"], [])], []))
    >>> s = pd.DataFrame({"degree": [1.0, 2.0]}, index=list(ag.actors["id"]))
    >>> ranked_positions(ag, s, "degree").tolist()
    [1, 0]
    """
    return score_positions(analysis, scores)[score_order(scores, by)]


def score_positions(analysis: AnalysisGraph, scores: pd.DataFrame) -> np.ndarray:
    """The adjacency position of each row of ``scores`` (-1: no actor of ``analysis``); no
    look-up when the rows are the actors in adjacency order, as :func:`actor_scores` gives them.

    >>> from ecox.graph.analysis import analysis_graph
    >>> from ecox.graph.claims import ClaimGraph
    >>> ag = analysis_graph(ClaimGraph.build([("A", ["Bank"], []), ("B", ["Bank"], [])], []))
    >>> ids = list(ag.actors["id"])
    >>> score_positions(ag, pd.DataFrame(index=ids)).tolist()
    [0, 1]
    >>> score_positions(ag, pd.DataFrame(index=[ids[1], "x"])).tolist()
    [1, -1]
    """
    index = actor_index(analysis)
    if scores.index.equals(index):
        return np.arange(len(index), dtype=np.int64)
    return np.asarray(index.get_indexer(scores.index), dtype=np.int64)
