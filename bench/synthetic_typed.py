"""A seeded generator of typed claim graphs for the Neo4j and Cypher benchmark.

Used by ``bench/bench_neo4j.py`` when ``graph.synthetic`` is not available.
Actor types follow rough seed proportions; every claim is an allowed
(relation, source type, target type) triple; targets are drawn with
heavy-tailed weights so some enterprises attract many investors.

Examples
--------
>>> g = typed_claim_graph(200, 500, seed=1)
>>> len(g.actors), len(g.claims)
(200, 500)
"""

from __future__ import annotations

__all__ = ["typed_claim_graph"]

import numpy as np
import pandas as pd

from graph.claims import ClaimGraph

_TYPES = {
    "Scientist": 0.12,
    "Entrepreneur": 0.10,
    "Enterprise": 0.40,
    "Investor": 0.08,
    "Fund": 0.08,
    "Bank": 0.04,
    "Park": 0.04,
    "Institute": 0.07,
    "Government": 0.04,
    "Platform": 0.03,
}
# (relation, source type, target type, weight)
_PATTERNS = (
    ("FOUNDED", "Scientist", "Enterprise", 0.06),
    ("FOUNDED", "Entrepreneur", "Enterprise", 0.08),
    ("LEADS", "Entrepreneur", "Enterprise", 0.06),
    ("AFFILIATED_WITH", "Scientist", "Institute", 0.06),
    ("INVESTED_IN", "Investor", "Enterprise", 0.16),
    ("INVESTED_IN", "Fund", "Enterprise", 0.12),
    ("INVESTED_IN", "Fund", "Fund", 0.02),
    ("LENT_TO", "Bank", "Enterprise", 0.08),
    ("COMMITTED_TO", "Fund", "Fund", 0.04),
    ("COMMITTED_TO", "Government", "Fund", 0.03),
    ("MANAGES", "Investor", "Fund", 0.04),
    ("LOCATED_IN", "Enterprise", "Park", 0.08),
    ("TRANSFERRED_TECH", "Institute", "Enterprise", 0.05),
    ("TRANSFERRED_TECH", "Scientist", "Enterprise", 0.03),
    ("COOPERATES_WITH", "Enterprise", "Institute", 0.04),
    ("SERVES", "Platform", "Enterprise", 0.05),
)


def typed_claim_graph(n_actors: int, n_claims: int, *, seed: int = 0) -> ClaimGraph:
    """A random typed claim graph with ``n_actors`` actors and ``n_claims`` claims."""
    rng = np.random.default_rng(seed)
    names = list(_TYPES)
    probs = np.array(list(_TYPES.values()))
    types = rng.choice(len(names), size=n_actors, p=probs / probs.sum())
    ids = np.array([f"a_{i:07d}" for i in range(n_actors)])
    actors = pd.DataFrame(
        {
            "id": ids,
            "name": [f"{names[t]} {i} 号" for i, t in enumerate(types)],
            "types": [names[t] for t in types],
            "aliases": "",
        }
    )
    by_type = {name: np.flatnonzero(types == k) for k, name in enumerate(names)}
    weights = np.array([p[3] for p in _PATTERNS])
    picks = rng.choice(len(_PATTERNS), size=n_claims, p=weights / weights.sum())
    source = np.empty(n_claims, dtype=object)
    target = np.empty(n_claims, dtype=object)
    rel = np.empty(n_claims, dtype=object)
    for k, (relation, src, tgt, _) in enumerate(_PATTERNS):
        rows = np.flatnonzero(picks == k)
        if not len(rows) or not len(by_type[src]) or not len(by_type[tgt]):
            continue
        pool = by_type[tgt]
        tail = 1.0 / np.arange(1, len(pool) + 1) ** 0.8  # heavy-tailed target popularity
        s = rng.choice(by_type[src], size=len(rows))
        t = rng.choice(pool, size=len(rows), p=tail / tail.sum())
        clash = s == t
        t[clash] = rng.choice(pool, size=int(clash.sum()))
        source[rows], target[rows], rel[rows] = ids[s], ids[t], relation
    keep = rel != None  # noqa: E711 (object array)
    n = int(keep.sum())
    claims = pd.DataFrame(
        {
            "id": [f"c_{i:08d}" for i in range(n)],
            "source": source[keep],
            "target": target[keep],
            "type": rel[keep],
            "amount": np.round(rng.lognormal(16, 1.2, n), 0),
            "currency": "CNY",
            "date": [f"2025-{m:02d}-01" for m in rng.integers(1, 13, n)],
            "source_doc": [f"report-{d}" for d in rng.integers(0, 500, n)],
            "extractor": "synthetic",
            "confidence": 1.0,
        }
    )
    claims = claims[claims["source"] != claims["target"]]
    return ClaimGraph.from_tables(actors, claims)
