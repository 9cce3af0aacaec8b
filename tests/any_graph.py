"""Hypothesis strategies for schema-valid claim graphs of any shape (tests only).

Small graphs of every corner the queries must survive: no actor, one actor, no
claim, one node type, no venture role, several types per actor, claims with an
unnamed counterpart (counted or not), dates from year 0000 to 9999 or none, and an
``as_of`` before, inside or after them.
"""

from __future__ import annotations

from hypothesis import strategies as st

from ecox.graph.claims import ClaimGraph
from ecox.graph.schema import SCHEMA

NODE_TYPES = sorted(SCHEMA.nodes)
EDGE_TYPES = sorted(SCHEMA.edges)

dates = st.one_of(
    st.none(),
    st.sampled_from(["0000", "0000-01-05", "1999-12", "2025-12-31", "2026-01", "9999-12-31"]),
    st.dates().map(lambda d: f"{d.year:04d}-{d.month:02d}-{d.day:02d}"),
)
as_of_values = st.sampled_from([None, "0001-01-01", "2025-12-31", "2026-01-31", "9999-12-31"])


@st.composite
def claim_graphs(draw: st.DrawFn, max_actors: int = 8, max_claims: int = 14) -> ClaimGraph:
    """A schema-valid :class:`ClaimGraph`: claims only where the schema allows the endpoints."""
    palette = draw(st.lists(st.sampled_from(NODE_TYPES), min_size=1, max_size=4, unique=True))
    n = draw(st.integers(0, max_actors))
    actors = [
        (
            f"actor {k}",
            draw(st.lists(st.sampled_from(palette), min_size=1, max_size=2, unique=True)),
        )
        for k in range(n)
    ]
    allowed = [
        (a, b, rel)
        for a in range(n)
        for b in range(n)
        if a != b
        for rel in EDGE_TYPES
        if SCHEMA.allows(rel, actors[a][1], actors[b][1])
    ]
    picks = draw(st.lists(st.sampled_from(allowed), max_size=max_claims)) if allowed else []
    claims = [
        {
            "source": actors[a][0],
            "target": actors[b][0],
            "type": rel,
            "date": draw(dates),
            "amount": draw(st.one_of(st.none(), st.sampled_from([0.0, 1.0, 3e6]))),
            "source_doc": f"doc {draw(st.integers(0, 2))}",
        }
        for a, b, rel in picks
    ]
    reported = [
        (a, rel, named_side, kind)
        for a in range(n)
        for rel in EDGE_TYPES
        for kind in NODE_TYPES
        for named_side in ("source", "target")
        if (
            SCHEMA.allows(rel, actors[a][1], [kind])
            if named_side == "source"
            else SCHEMA.allows(rel, [kind], actors[a][1])
        )
    ]
    unnamed = draw(st.lists(st.sampled_from(reported), max_size=3)) if reported else []
    claims += [
        {
            "source": actors[a][0] if named_side == "source" else "",
            "target": actors[a][0] if named_side == "target" else "",
            "type": rel,
            "counterpart_type": kind,
            "counterpart_count": draw(st.one_of(st.none(), st.integers(1, 10_000))),
            "date": draw(dates),
            "source_doc": "doc unnamed",
        }
        for a, rel, named_side, kind in unnamed
    ]
    return ClaimGraph.build(((name, types, []) for name, types in actors), claims)
