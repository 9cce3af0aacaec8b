"""Queries that match nothing on this graph, answered on an empty store of its schema.

A required ``MATCH`` with a node label no node has (``(a:Nonexistent)``, ``(a:X|Y)`` with
neither) or a relationship type no claim has (of at least one hop) yields no row whatever
comes into it, so the query answers as on an empty graph when nothing after that ``MATCH``
reads the graph again (no later ``MATCH``, pattern predicate or subquery: after
``WITH count(*) AS n`` one row flows on). LadybugDB does not know that the label is
absent (labels are a list property of the one actor table) and expanded
``(a:Nonexistent)-[rs*1..3]-(b)`` from each of 100,000 actors for 15 s of CPU;
:func:`empty_twin` is an in-memory database with the same tables and no rows, where the
same translated query answers at once, with the engine's own semantics for the
aggregates over no rows (``count`` 0, ``min`` null, ``collect`` []). A label or type
tested under ``OR`` or ``NOT``, or in an ``OPTIONAL MATCH``, never makes a query empty
here; a top-level ``WHERE a:X`` on a node of the ``MATCH`` does.

Examples
--------
>>> import ecox
>>> from ecox.queries.cypher_parse import parse
>>> from ecox.store.embedded import open_store
>>> store = open_store(ecox.seed())
>>> matches_nothing(parse("MATCH (a:Nonexistent)--(b) RETURN count(*)"), store)
True
>>> matches_nothing(parse("OPTIONAL MATCH (a:Nonexistent) RETURN count(*)"), store)
False
>>> matches_nothing(parse("MATCH (a:Nonexistent) WITH count(*) AS n MATCH (b) RETURN n"), store)
False
>>> empty_twin(store).rows("MATCH (a) RETURN count(*)")
[[0]]
"""

from __future__ import annotations

__all__ = ["empty_twin", "matches_nothing"]

import os
from pathlib import Path as FilePath
from typing import TYPE_CHECKING

from ecox.graph.schema import EdgeType
from ecox.queries.cypher_ast import (
    LabelTest,
    Match,
    NodePat,
    Query,
    RelPat,
    Var,
    conjuncts,
    has_pattern,
)
from ecox.store.embedded import ACTOR_TABLE, EmbeddedStore, empty_store
from ecox.store.neo4j_ownership import ECOX_LABEL
from ecox.store.neo4j_unnamed import UNNAMED_LABEL

if TYPE_CHECKING:
    from ecox.queries.cypher_ast import Clause

#: Labels every actor has (whatever its types).
_EVERY_ACTOR = frozenset({ACTOR_TABLE, ECOX_LABEL})
#: Whether a label or relationship type is present, by (store file, "label" or "type", name).
_PRESENT: dict[tuple[FilePath, str, str], bool] = {}
#: Empty twins by (process, the claim properties stored, the constant ones and their values).
_TWINS: dict[tuple[int, frozenset[str], tuple[tuple[str, str], ...]], EmbeddedStore] = {}
#: Empty twins kept at most (the oldest is let go).
_MAX_TWINS = 8


def matches_nothing(query: Query, store: EmbeddedStore) -> bool:
    """Whether every part of ``query`` (every side of a ``UNION``) has a required ``MATCH``
    that matches nothing on ``store`` and reads the graph no more after it."""
    return all(_empty_part(part, store) for part in query.parts)


def _empty_part(clauses: list[Clause], store: EmbeddedStore) -> bool:
    for at, clause in enumerate(clauses):
        if isinstance(clause, Match) and not clause.optional and _impossible(clause, store):
            return not any(has_pattern(later) for later in clauses[at + 1 :])
    return False


def _impossible(match: Match, store: EmbeddedStore) -> bool:
    """Whether a label or relationship type the pattern requires is absent from ``store``."""
    nodes = [e for path in match.paths for e in path.elements if isinstance(e, NodePat)]
    groups = [group for node in nodes for group in node.groups]
    named = {node.var for node in nodes if node.var is not None}
    for part in conjuncts(match.where):  # not on a relationship: `r:TYPE` tests its type
        if isinstance(part, LabelTest) and isinstance(part.subject, Var):
            groups += part.groups if part.subject.name in named else []
    if any(not any(_has_label(store, label) for label in group) for group in groups):
        return True
    rels = [e for path in match.paths for e in path.elements if isinstance(e, RelPat)]
    return any(
        rel.types
        and (rel.hops is None or rel.hops[0] is None or rel.hops[0] >= 1)
        and not any(_has_type(store, name) for name in rel.types)
        for rel in rels
    )


def _has_label(store: EmbeddedStore, label: str) -> bool:
    if label in _EVERY_ACTOR:
        return True
    if label == UNNAMED_LABEL:
        return _present(store, "label", label, f"MATCH (x:{UNNAMED_LABEL}) RETURN x.id LIMIT 1")
    found = f"MATCH (x:{ACTOR_TABLE}) WHERE list_contains(x.types, $name) RETURN x.id LIMIT 1"
    return _present(store, "label", label, found)


def _has_type(store: EmbeddedStore, name: str) -> bool:
    if name not in {t.value for t in EdgeType}:
        return False
    return _present(store, "type", name, f"MATCH ()-[r:{name}]->() RETURN r.id LIMIT 1")


def _present(store: EmbeddedStore, kind: str, name: str, query: str) -> bool:
    key = (store.path, kind, name)
    if key not in _PRESENT:
        _PRESENT[key] = bool(store.rows(query, {"name": name} if "$name" in query else None))
    return _PRESENT[key]


def empty_twin(store: EmbeddedStore) -> EmbeddedStore:
    """An in-memory store with the tables of ``store`` and no rows (one per process and
    set of stored claim properties, at most :data:`_MAX_TWINS`)."""
    key = (os.getpid(), store.claim_properties, tuple(sorted(store.claim_constants.items())))
    if key not in _TWINS:
        if len(_TWINS) >= _MAX_TWINS:
            del _TWINS[next(iter(_TWINS))]
        _TWINS[key] = empty_store(store)
    return _TWINS[key]
