"""What a push has to send: the graph's rows against what the database holds under its name.

:func:`read_stored` reads one ecox graph's actors (``:EcoxActor`` nodes) and the claims
between them (one pass each, the values a push sets); :func:`plan_changes` sorts the
graph's parameter rows (:func:`ecox.store.neo4j.actor_rows`,
:func:`ecox.store.neo4j.claim_rows`) into what is new, what changed and what is already
stored as it is. A push then creates the new rows with plain ``CREATE`` statements (no
existence test), updates the changed ones and sends nothing for the rest, so pushing a graph
again after a small change costs one read and the change. After writing, :func:`read_rows` reads
back the rows sent (index seeks) and the same comparison is the push's verification: every
actor with its name, types, aliases and labels, every claim between its two endpoints with its
values (the rows not sent were found so by the first read).

Examples
--------
>>> actors = [{"id": "a1", "name": "甲", "types": ["Fund"], "aliases": [], "labels": ["Fund"]},
...           {"id": "a2", "name": "乙", "types": ["Bank"], "aliases": [], "labels": ["Bank"]}]
>>> stored = Stored({"a1": ("甲", ("Fund",), (), frozenset({"Fund"}))}, {})
>>> changes = plan_changes(actors, {}, stored)
>>> [(labels, [r["id"] for r in rows]) for labels, rows in changes.new_actors.items()]
[(('Bank',), ['a2'])]
>>> changes.unchanged, changes.rows
(1, 1)
"""

from __future__ import annotations

__all__ = ["Changes", "Stored", "plan_changes", "read_rows", "read_stored"]

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ecox.graph.schema import CLAIM_COLUMNS, EdgeType, NodeType
from ecox.store.neo4j_ownership import ECOX_LABEL, GRAPH_PROPERTY

if TYPE_CHECKING:
    import neo4j

_NODE_LABELS = frozenset(t.value for t in NodeType)
_REL_TYPES = frozenset(t.value for t in EdgeType)
_IDS_PER_QUERY = 100_000
_PROPERTIES = tuple(c for c in CLAIM_COLUMNS if c not in ("source", "target", "type"))

#: An actor as stored: name, types, aliases, type labels.
ActorValues = tuple[Any, tuple[str, ...], tuple[str, ...], frozenset[str]]
#: A claim as stored: source id, target id, the properties a push sets (``None`` if absent).
ClaimValues = tuple[str, str, tuple[Any, ...]]
Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Stored:
    """One ecox graph as the database holds it: actors by id, claims by (relation, id)."""

    actors: dict[str, ActorValues]
    claims: dict[tuple[str, str], ClaimValues]


@dataclass
class Changes:
    """The rows a push has to send, and how many it does not.

    Attributes
    ----------
    new_actors : dict
        Actors not stored, by their type labels (sorted): one ``CREATE`` statement per set.
    changed_actors : list
        Actors stored with another name, types, aliases or labels.
    new_claims, changed_claims, moved_claims : dict
        By relation type: claims not stored; stored between the same two actors with other
        values; stored between other actors (deleted, then created).
    unchanged : int
        Rows stored as they are.
    """

    new_actors: dict[tuple[str, ...], Rows] = field(default_factory=dict)
    changed_actors: Rows = field(default_factory=list)
    new_claims: dict[str, Rows] = field(default_factory=dict)
    changed_claims: dict[str, Rows] = field(default_factory=dict)
    moved_claims: dict[str, Rows] = field(default_factory=dict)
    unchanged: int = 0

    def sent(self) -> tuple[Rows, dict[str, Rows]]:
        """The actor rows and the claim rows by relation type that are to be sent."""
        actors = [r for rows in self.new_actors.values() for r in rows] + self.changed_actors
        claims: dict[str, Rows] = {}
        for group in (self.new_claims, self.changed_claims, self.moved_claims):
            for rel, rows in group.items():
                claims.setdefault(rel, []).extend(rows)
        return actors, claims

    @property
    def rows(self) -> int:
        """How many actor and claim rows are to be sent."""
        groups = (self.new_actors, self.new_claims, self.changed_claims, self.moved_claims)
        return len(self.changed_actors) + sum(len(r) for g in groups for r in g.values())


def read_stored(session: neo4j.Session, graph_name: str) -> Stored:
    """The actors of ``graph_name`` and the claims between them (not the unnamed ones).

    Examples
    --------
    >>> read_stored(session, "default").actors["a_1"]  # doctest: +SKIP
    ('甲基金', ('Fund',), (), frozenset({'Fund'}))
    """
    node = f"{ECOX_LABEL} {{{GRAPH_PROPERTY}: $graph}}"
    actors = session.run(
        f"MATCH (a:{node}) RETURN a.id, properties(a), labels(a)", graph=graph_name
    ).values()
    claims = session.run(
        f"MATCH (s:{node})-[r]->(t:{node}) WHERE r.{GRAPH_PROPERTY} = $graph "
        "RETURN type(r), s.id, t.id, properties(r)",
        graph=graph_name,
    ).values()
    return _stored(actors, claims)


def read_rows(
    session: neo4j.Session, graph_name: str, actors: Rows, claims: dict[str, Rows]
) -> Stored:
    """What the database holds of these actor and claim rows only, found by index seeks.

    Examples
    --------
    >>> read_rows(session, "default", actor_rows(g), claim_rows(g)).claims  # doctest: +SKIP
    """
    seek = f"USING INDEX SEEK %s:%s({GRAPH_PROPERTY}, id)"
    key = f"{{{GRAPH_PROPERTY}: $graph, id: id}}"
    found = _chunked(
        session,
        f"UNWIND $ids AS id MATCH (a:{ECOX_LABEL} {key}) {seek % ('a', ECOX_LABEL)} "
        "RETURN a.id, properties(a), labels(a)",
        [row["id"] for row in actors],
        graph_name,
    )
    ends = " AND ".join(f"{v}:{ECOX_LABEL} AND {v}.{GRAPH_PROPERTY} = $graph" for v in "st")
    claimed = []
    for rel, rows in sorted(claims.items()):
        if rel not in _REL_TYPES:
            raise ValueError(f"not a relation type of the schema: {rel!r}")
        claimed += _chunked(
            session,
            f"UNWIND $ids AS id MATCH (s)-[r:{rel} {key}]->(t) {seek % ('r', rel)} "
            f"WHERE {ends} RETURN type(r), s.id, t.id, properties(r)",
            [row["id"] for row in rows],
            graph_name,
        )
    return _stored(found, claimed)


def _chunked(session: neo4j.Session, query: str, ids: list[str], graph: str) -> list[Any]:
    """The records of ``query`` over ``ids`` (``$ids``), 100,000 at a time."""
    out: list[Any] = []
    for start in range(0, len(ids), _IDS_PER_QUERY):
        out += session.run(query, ids=ids[start : start + _IDS_PER_QUERY], graph=graph).values()
    return out


def _stored(actors: list[Any], claims: list[Any]) -> Stored:
    """:class:`Stored` from ``id, properties, labels`` and ``type, source, target, properties``
    records (``properties()``: no warning about a key the database has not seen yet)."""
    return Stored(
        {
            key: (
                values.get("name"),
                tuple(values.get("types") or ()),
                tuple(values.get("aliases") or ()),
                frozenset(labels).intersection(_NODE_LABELS),
            )
            for key, values, labels in actors
        },
        {
            (rel, values.get("id")): (source, target, tuple(values.get(p) for p in _PROPERTIES))
            for rel, source, target, values in claims
        },
    )


def plan_changes(actors: Rows, claims: dict[str, Rows], stored: Stored) -> Changes:
    """Sort the graph's actor and claim rows by what the database holds (see :class:`Changes`)."""
    changes = Changes()
    for row in actors:
        held = stored.actors.get(row["id"])
        if held is None:
            changes.new_actors.setdefault(tuple(sorted(row["labels"])), []).append(row)
        elif held != (
            row["name"],
            tuple(row["types"]),
            tuple(row["aliases"]),
            frozenset(row["labels"]),
        ):
            changes.changed_actors.append(row)
        else:
            changes.unchanged += 1
    for rel, rows in claims.items():
        for row in rows:
            claim = stored.claims.get((rel, row["id"]))
            if claim is None:
                changes.new_claims.setdefault(rel, []).append(row)
            elif claim[:2] != (row["source"], row["target"]):
                changes.moved_claims.setdefault(rel, []).append(row)
            elif claim[2] != tuple(row[p] for p in _PROPERTIES):
                changes.changed_claims.setdefault(rel, []).append(row)
            else:
                changes.unchanged += 1
    return changes
