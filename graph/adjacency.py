"""Typed sparse adjacency: the form fast queries run on.

Built straight from the analysis tables (never by converting a networkx
graph): one node index (the actor table's row order), a node × type
membership matrix (an actor may hold several types), and one CSR matrix per
relation type, weighted by the number of independent sources. Symmetric
relations are stored in both directions.

Examples
--------
>>> import pandas as pd
>>> actors = pd.DataFrame({"id": ["a", "b", "c"],
...                        "types": ["Bank", "Enterprise", "Scientist|Entrepreneur"]})
>>> links = pd.DataFrame({"source": ["a", "c"], "target": ["b", "b"],
...                       "type": ["LENT_TO", "FOUNDED"], "weight": [2, 1]})
>>> adj = TypedAdjacency.from_tables(actors, links)
>>> adj.relation("LENT_TO").toarray().tolist()
[[0, 2, 0], [0, 0, 0], [0, 0, 0]]
>>> adj.has_type("Entrepreneur").tolist()
[False, False, True]
>>> adj.undirected().toarray().astype(int).tolist()
[[0, 1, 0], [1, 0, 1], [0, 1, 0]]

Structures the queries derive from it (role matrices, ranks, wide copies) are
built once per adjacency with :meth:`TypedAdjacency.derived` and shared, read-only:

>>> adj.derived("twice", lambda: read_only(np.arange(2))) is adj.derived("twice", list)
True
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ecox.graph.schema import SCHEMA

if TYPE_CHECKING:
    from ecox.graph.merged_cache import LinkEnds

__all__ = ["TypedAdjacency", "read_only", "symmetric_ties"]

_Built = TypeVar("_Built")


@dataclass(eq=False)
class TypedAdjacency:
    """Node index, type membership and one CSR matrix per relation type.

    Attributes
    ----------
    ids
        Actor ids in index order.
    type_names
        Node type names, in the order of ``membership``'s columns.
    primary
        Index into ``type_names`` of each actor's primary type.
    membership
        ``n × len(type_names)`` boolean CSR: actor i holds type j.
    relations
        Relation type → ``n × n`` CSR (int64 weights), source rows, target columns.
    """

    ids: np.ndarray
    type_names: list[str]
    primary: np.ndarray
    membership: sp.csr_array
    relations: dict[str, sp.csr_array]
    _undirected: sp.csr_array | None = field(default=None, repr=False)
    _components: np.ndarray | None = field(default=None, repr=False)
    _type_columns: np.ndarray | None = field(default=None, repr=False)
    _derived: dict[Hashable, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def from_tables(
        cls, actors: pd.DataFrame, links: pd.DataFrame, *, ends: LinkEnds | None = None
    ) -> TypedAdjacency:
        """Build from an actor table (``id``, ``types``) and a link table
        (``source``, ``target``, ``type``, ``weight``); ``ends``, when the merge gave
        them, are the links' ends as actor rows (the ids are then not looked up)."""
        ids = actors["id"].to_numpy(dtype=object)
        n = len(ids)
        type_names = list(SCHEMA.nodes)
        known = pa.array(type_names, type=pa.large_string())
        split = pc.split_pattern(_text(actors["types"]), "|")
        rows = pc.list_parent_indices(split).to_numpy(zero_copy_only=False)
        cols = _positions(pc.list_flatten(split), known)
        keep = cols >= 0
        membership = sp.csr_array(
            (np.ones(int(keep.sum()), dtype=bool), (rows[keep], cols[keep])),
            shape=(n, len(type_names)),
        )
        primary = _positions(pc.list_element(split, 0), known)
        relations: dict[str, sp.csr_array] = {}
        if ends is None:
            index = _text(actors["id"])
            src = _positions(_text(links["source"]), index)
            dst = _positions(_text(links["target"]), index)
        else:
            src, dst = ends.source, ends.target
        weight = links["weight"].to_numpy(dtype=np.int64)
        kinds = _positions(_text(links["type"]), pa.array(list(SCHEMA.edges), pa.large_string()))
        for code, rel in enumerate(SCHEMA.edges):
            mask = kinds == code
            if not mask.any():
                continue
            r, c, w = src[mask], dst[mask], weight[mask]
            if rel in SCHEMA.symmetric:
                r, c, w = np.concatenate([r, c]), np.concatenate([c, r]), np.concatenate([w, w])
            matrix = sp.csr_array((w, (r, c)), shape=(n, n))
            matrix.sum_duplicates()
            relations[rel] = matrix
        return cls(
            ids=ids,
            type_names=type_names,
            primary=primary.astype(np.int16),
            membership=membership,
            relations=relations,
        )

    @property
    def n(self) -> int:
        """Number of actors."""
        return len(self.ids)

    def has_type(self, node_type: str) -> np.ndarray:
        """Boolean mask of actors holding ``node_type`` (primary or not); a fresh array."""
        if self._type_columns is None:  # one pass over membership, not a column slice per call
            self._type_columns = np.ascontiguousarray(self.membership.toarray().T, dtype=bool)
        return self._type_columns[self.type_names.index(node_type)].copy()

    def has_any_type(self, node_types: list[str] | tuple[str, ...] | set[str]) -> np.ndarray:
        """Boolean mask of actors holding any of ``node_types``."""
        mask = np.zeros(self.n, dtype=bool)
        for node_type in node_types:
            mask |= self.has_type(node_type)
        return mask

    def relation(self, rel_type: str) -> sp.csr_array:
        """The CSR matrix of one relation type (all zero when absent)."""
        found = self.relations.get(rel_type)
        if found is None:
            return sp.csr_array((self.n, self.n), dtype=np.int64)
        return found

    def combined(self, rel_types: list[str] | tuple[str, ...]) -> sp.csr_array:
        """Sum of several relation matrices (directed, weighted)."""
        total = sp.csr_array((self.n, self.n), dtype=np.int64)
        for rel in rel_types:
            total = total + self.relation(rel)
        return sp.csr_array(total)

    def undirected(self) -> sp.csr_array:
        """Binary symmetric adjacency over every relation, without self-loops (cached)."""
        if self._undirected is None:
            ends = [m.tocoo() for m in self.relations.values()]
            self._undirected = symmetric_ties(
                [e.row for e in ends], [e.col for e in ends], self.n, np.int8
            )
        return self._undirected

    def derived(self, key: Hashable, build: Callable[[], _Built]) -> _Built:
        """``build()`` the first time ``key`` is asked for, the same object afterwards: a
        structure derived from this adjacency, shared by every query on it (do not change
        it; :func:`read_only` makes its arrays raise if one tries)."""
        if key not in self._derived:
            self._derived[key] = build()
        return self._derived[key]

    def id_rank(self) -> np.ndarray:
        """Each actor's position in the sorted order of the ids (cached, read-only).

        >>> actors = pd.DataFrame({"id": ["b", "c", "a"], "types": ["Bank"] * 3})
        >>> no_links = pd.DataFrame(columns=["source", "target", "type", "weight"])
        >>> TypedAdjacency.from_tables(actors, no_links).id_rank().tolist()
        [1, 2, 0]
        """
        return self.derived("id_rank", lambda: read_only(_rank(self.ids)))

    def component_labels(self) -> np.ndarray:
        """Each actor's connected component of :meth:`undirected`, numbered from 0 (cached,
        shared: do not change it).

        >>> actors = pd.DataFrame({"id": ["a", "b", "c"], "types": ["Bank", "Enterprise", "Park"]})
        >>> links = pd.DataFrame({"source": ["a"], "target": ["b"], "type": ["LENT_TO"],
        ...                       "weight": [1.0]})
        >>> TypedAdjacency.from_tables(actors, links).component_labels().tolist()
        [0, 0, 1]
        """
        if self._components is None:
            self._components = connected_components(self.undirected(), directed=False)[1]
        return self._components


def symmetric_ties(
    rows: list[np.ndarray], cols: list[np.ndarray], n: int, dtype: type = np.int8
) -> sp.csr_array:
    """The ``n × n`` 0/1 matrix with a tie between ``rows[k][i]`` and ``cols[k][i]`` in both
    directions: duplicates collapse, self-loops drop, indices sorted.

    >>> symmetric_ties([np.array([0, 1, 2])], [np.array([1, 0, 2])], 3).toarray().tolist()
    [[0, 1, 0], [1, 0, 0], [0, 0, 0]]
    """
    none = [np.zeros(0, dtype=np.int32)]  # a graph without links
    sources = np.concatenate(none + rows + cols)
    targets = np.concatenate(none + cols + rows)
    off_diagonal = sources != targets
    sources, targets = sources[off_diagonal], targets[off_diagonal]
    both = sp.csr_array((np.ones(len(sources), dtype=np.int32), (sources, targets)), shape=(n, n))
    both.sum_duplicates()
    return sp.csr_array((np.ones(both.nnz, dtype=dtype), both.indices, both.indptr), shape=(n, n))


def read_only(value: _Built) -> _Built:
    """``value`` (an array, or a sparse matrix's data, indices and index pointer) made
    read-only in place, so code writing into a shared structure raises instead of changing
    it for the next query; returns ``value``.

    >>> read_only(np.zeros(2)).flags.writeable
    False
    """
    if isinstance(value, np.ndarray):
        value.flags.writeable = False
    else:
        for part in ("data", "indices", "indptr"):
            getattr(value, part).flags.writeable = False
    return value


def _rank(ids: np.ndarray) -> np.ndarray:
    """Position of each id in sorted order (``arange`` when already sorted)."""
    if len(ids) < 2 or bool(np.all(ids[:-1] < ids[1:])):
        return np.arange(len(ids))
    rank = np.empty(len(ids), dtype=np.int64)
    rank[np.argsort(ids.astype(str), kind="stable")] = np.arange(len(ids))
    return rank


def _text(column: pd.Series) -> pa.Array:
    """A text column as Arrow text (missing cells null)."""
    return pa.array(column, type=pa.large_string(), from_pandas=True)


def _positions(values: pa.Array, known: pa.Array) -> np.ndarray:
    """The position of each value in ``known`` (unique), -1 where absent or missing."""
    found = pc.fill_null(pc.index_in(values, value_set=known), -1)
    return np.asarray(found.to_numpy(zero_copy_only=False), dtype=np.int64)
