"""Seeded synthetic ecosystems: realistic typed graphs for tests and benchmarks.

The generator draws everything as numpy arrays (no Python loop over actors
or links), so a million actors with five links each build in seconds:

- **Types** in proportions of a regional ecosystem (many enterprises,
  scientists and entrepreneurs; a few investors, funds, institutes; banks
  0.5 %, parks 0.2 %); 4 % of scientists are also entrepreneurs
  (``Scientist|Entrepreneur``), as professors who found companies are.
- **Regions**: every actor belongs to one region (one per park, of
  heavy-tailed size), and 85 % of links stay inside their region, so parks
  become hubs and neighbourhoods overlap (link prediction has signal).
- **Links** come from a fixed table of templates (relation, source type,
  target type, share): only type pairs the schema allows (checked at import).
  Endpoints are drawn with heavy-tailed activity weights (Pareto tail,
  exponent 2.8; parks and banks 2.4; enterprises 4.0), except that founders,
  leaders and staff pick their organisation uniformly; self-loops and repeats are dropped
  from a larger draw, leaving ``claims_per_actor × n_actors`` links.
- **Weights and dates**: most links have one source, some two or three;
  dates are months spread over 2012–2025.

Examples
--------
>>> ag = synthetic_analysis_graph(2_000, seed=1)
>>> len(ag.actors), len(ag.links)
(2000, 10000)
>>> ag.actors["type"].value_counts().idxmax()
'Enterprise'
>>> from ecox.graph.analysis import analysis_graph
>>> cg = synthetic_claim_graph(300, seed=1)
>>> merged = analysis_graph(cg).links[["source", "target", "type", "weight"]]
>>> direct = synthetic_analysis_graph(300, seed=1).links[["source", "target", "type", "weight"]]
>>> merged.equals(direct)
True
"""

from __future__ import annotations

import logging

import numpy as np
import pandas as pd

from ecox.graph.adjacency import TypedAdjacency
from ecox.graph.analysis import LINK_COLUMNS, AnalysisGraph
from ecox.graph.claims import ClaimGraph
from ecox.graph.schema import SCHEMA, EdgeType, NodeType

__all__ = ["TYPE_SHARES", "synthetic_analysis_graph", "synthetic_claim_graph"]

_LOG = logging.getLogger(__name__)

#: Share of actors of each primary type.
TYPE_SHARES: dict[str, float] = {
    NodeType.ENTERPRISE: 0.36,
    NodeType.SCIENTIST: 0.25,
    NodeType.ENTREPRENEUR: 0.15,
    NodeType.PERSON: 0.06,
    NodeType.INVESTOR: 0.05,
    NodeType.FUND: 0.03,
    NodeType.INSTITUTE: 0.03,
    NodeType.PLATFORM: 0.02,
    NodeType.GOVERNMENT: 0.018,
    NodeType.BANK: 0.005,
    NodeType.PARK: 0.002,
}

_NAME_PREFIX: dict[str, str] = {
    NodeType.ENTERPRISE: "企业",
    NodeType.SCIENTIST: "科学家",
    NodeType.ENTREPRENEUR: "企业家",
    NodeType.PERSON: "人员",
    NodeType.INVESTOR: "创投",
    NodeType.FUND: "基金",
    NodeType.INSTITUTE: "研究院",
    NodeType.PLATFORM: "平台",
    NodeType.GOVERNMENT: "政府",
    NodeType.BANK: "银行",
    NodeType.PARK: "园区",
}

#: (relation, source type, target type, share of links).
_TEMPLATES: tuple[tuple[str, str, str, float], ...] = (
    (EdgeType.FOUNDED, NodeType.ENTREPRENEUR, NodeType.ENTERPRISE, 0.055),
    (EdgeType.FOUNDED, NodeType.SCIENTIST, NodeType.ENTERPRISE, 0.008),
    (EdgeType.FOUNDED, NodeType.INSTITUTE, NodeType.ENTERPRISE, 0.005),
    (EdgeType.LEADS, NodeType.ENTREPRENEUR, NodeType.ENTERPRISE, 0.045),
    (EdgeType.LEADS, NodeType.SCIENTIST, NodeType.INSTITUTE, 0.008),
    (EdgeType.LEADS, NodeType.PERSON, NodeType.BANK, 0.005),
    (EdgeType.LEADS, NodeType.PERSON, NodeType.GOVERNMENT, 0.005),
    (EdgeType.LEADS, NodeType.PERSON, NodeType.PARK, 0.002),
    (EdgeType.AFFILIATED_WITH, NodeType.SCIENTIST, NodeType.INSTITUTE, 0.10),
    (EdgeType.AFFILIATED_WITH, NodeType.SCIENTIST, NodeType.ENTERPRISE, 0.005),
    (EdgeType.AFFILIATED_WITH, NodeType.PERSON, NodeType.INVESTOR, 0.01),
    (EdgeType.AFFILIATED_WITH, NodeType.PERSON, NodeType.BANK, 0.005),
    (EdgeType.INVESTED_IN, NodeType.INVESTOR, NodeType.ENTERPRISE, 0.03),
    (EdgeType.INVESTED_IN, NodeType.FUND, NodeType.ENTERPRISE, 0.015),
    (EdgeType.INVESTED_IN, NodeType.FUND, NodeType.FUND, 0.004),
    (EdgeType.LENT_TO, NodeType.BANK, NodeType.ENTERPRISE, 0.025),
    (EdgeType.COMMITTED_TO, NodeType.GOVERNMENT, NodeType.FUND, 0.005),
    (EdgeType.COMMITTED_TO, NodeType.FUND, NodeType.FUND, 0.004),
    (EdgeType.COMMITTED_TO, NodeType.INVESTOR, NodeType.FUND, 0.004),
    (EdgeType.MANAGES, NodeType.INVESTOR, NodeType.FUND, 0.01),
    (EdgeType.LOCATED_IN, NodeType.ENTERPRISE, NodeType.PARK, 0.11),
    (EdgeType.LOCATED_IN, NodeType.INVESTOR, NodeType.PARK, 0.01),
    (EdgeType.LOCATED_IN, NodeType.BANK, NodeType.PARK, 0.004),
    (EdgeType.LOCATED_IN, NodeType.INSTITUTE, NodeType.PARK, 0.003),
    (EdgeType.LOCATED_IN, NodeType.FUND, NodeType.PARK, 0.003),
    (EdgeType.ACQUIRED, NodeType.ENTERPRISE, NodeType.ENTERPRISE, 0.008),
    (EdgeType.TRANSFERRED_TECH, NodeType.INSTITUTE, NodeType.ENTERPRISE, 0.01),
    (EdgeType.TRANSFERRED_TECH, NodeType.SCIENTIST, NodeType.ENTERPRISE, 0.008),
    (EdgeType.COOPERATES_WITH, NodeType.ENTERPRISE, NodeType.ENTERPRISE, 0.05),
    (EdgeType.COOPERATES_WITH, NodeType.ENTERPRISE, NodeType.INSTITUTE, 0.01),
    (EdgeType.COOPERATES_WITH, NodeType.SCIENTIST, NodeType.SCIENTIST, 0.08),
    (EdgeType.COOPERATES_WITH, NodeType.SCIENTIST, NodeType.ENTERPRISE, 0.006),
    (EdgeType.COOPERATES_WITH, NodeType.SCIENTIST, NodeType.INVESTOR, 0.005),
    (EdgeType.COOPERATES_WITH, NodeType.INVESTOR, NodeType.INVESTOR, 0.02),
    (EdgeType.COOPERATES_WITH, NodeType.PARK, NodeType.BANK, 0.005),
    (EdgeType.COOPERATES_WITH, NodeType.PARK, NodeType.INSTITUTE, 0.003),
    (EdgeType.COOPERATES_WITH, NodeType.BANK, NodeType.GOVERNMENT, 0.002),
    (EdgeType.SERVES, NodeType.PARK, NodeType.ENTERPRISE, 0.06),
    (EdgeType.SERVES, NodeType.PLATFORM, NodeType.ENTERPRISE, 0.04),
    (EdgeType.SERVES, NodeType.BANK, NodeType.ENTERPRISE, 0.03),
    (EdgeType.SERVES, NodeType.GOVERNMENT, NodeType.ENTERPRISE, 0.01),
    (EdgeType.SERVES, NodeType.GOVERNMENT, NodeType.PARK, 0.003),
    (EdgeType.BRANCH_OF, NodeType.BANK, NodeType.BANK, 0.005),
    (EdgeType.BRANCH_OF, NodeType.ENTERPRISE, NodeType.ENTERPRISE, 0.005),
    (EdgeType.BRANCH_OF, NodeType.INSTITUTE, NodeType.INSTITUTE, 0.002),
)

for _rel, _src, _dst, _ in _TEMPLATES:  # the templates must obey the schema
    assert SCHEMA.allows(_rel, [_src], [_dst]), (_rel, _src, _dst)

_TYPES = list(SCHEMA.nodes)
_HUB_TYPES = (NodeType.PARK, NodeType.BANK)
#: Relations whose target is drawn uniformly (a company has a handful of founders).
_FLAT_TARGET = frozenset({EdgeType.FOUNDED, EdgeType.LEADS, EdgeType.AFFILIATED_WITH})
_IN_REGION = 0.85
_FIRST_YEAR, _LAST_YEAR = 2012, 2025


def _type_counts(n: int) -> np.ndarray:
    """Actors per type (in ``_TYPES`` order), at least one of each when n allows."""
    shares = np.array([TYPE_SHARES.get(t, 0.0) for t in _TYPES])
    shares /= shares.sum()
    counts = np.floor(shares * n).astype(np.int64)
    if n >= len(_TYPES):
        counts = np.maximum(counts, 1)
    order = np.argsort(-shares, kind="stable")
    i = 0
    while counts.sum() < n:
        counts[order[i % len(order)]] += 1
        i += 1
    while counts.sum() > n:
        j = order[i % len(order)]
        if counts[j] > 1:
            counts[j] -= 1
        i += 1
    return counts


def _pareto(rng: np.random.Generator, size: int, exponent: float) -> np.ndarray:
    """Weights with a power-law tail ``P(w > x) ~ x^-(exponent - 1)``, minimum 1."""
    return (1.0 - rng.random(size)) ** (-1.0 / (exponent - 1.0))


class _EndpointSampler:
    """Draws actors of one type (optionally in given regions) by activity weight.

    Actors are sorted by (type, region), so each (type, region) group is a
    contiguous slice of the activity cumsum and a weighted draw is one
    ``searchsorted``.
    """

    def __init__(
        self,
        rng: np.random.Generator,
        primary: np.ndarray,
        region: np.ndarray,
        activity: np.ndarray,
        n_regions: int,
    ) -> None:
        self.rng = rng
        self.n_regions = n_regions
        self.order = np.lexsort((region, primary))
        self.cum = np.concatenate([[0.0], np.cumsum(activity[self.order])])
        group_key = primary[self.order].astype(np.int64) * n_regions + region[self.order]
        n_groups = len(_TYPES) * n_regions
        self.group_start = np.searchsorted(group_key, np.arange(n_groups), side="left")
        self.group_end = np.searchsorted(group_key, np.arange(n_groups), side="right")
        self.type_start = self.group_start[::n_regions]
        self.type_end = self.group_end[n_regions - 1 :: n_regions]

    def has(self, type_code: int) -> bool:
        """Whether any actor has this primary type."""
        return bool(self.type_start[type_code] != self.type_end[type_code])

    def draw(
        self, type_code: int, regions: np.ndarray | None, size: int, flat: bool = False
    ) -> np.ndarray:
        """``size`` actor indices of a type, in ``regions`` when given (else anywhere).

        A region without actors of the type falls back to the whole type;
        ``flat`` makes every member of the group equally likely.
        """
        if regions is None:
            lo_i = np.full(size, self.type_start[type_code])
            hi_i = np.full(size, self.type_end[type_code])
        else:
            g = type_code * self.n_regions + regions
            lo_i, hi_i = self.group_start[g], self.group_end[g]
            empty = lo_i == hi_i
            lo_i = np.where(empty, self.type_start[type_code], lo_i)
            hi_i = np.where(empty, self.type_end[type_code], hi_i)
        if flat:
            pos = lo_i + np.floor(self.rng.random(size) * (hi_i - lo_i)).astype(np.int64)
            return np.asarray(self.order[np.minimum(pos, hi_i - 1)])
        lo, hi = self.cum[lo_i], self.cum[hi_i]
        x = lo + self.rng.random(size) * (hi - lo)
        sorted_x = np.argsort(x)  # sorted queries search much faster
        pos = np.empty(size, dtype=np.int64)
        pos[sorted_x] = np.searchsorted(self.cum, x[sorted_x], side="right") - 1
        pos = np.clip(pos, lo_i, hi_i - 1)
        return np.asarray(self.order[pos])


def _draw_actors(
    rng: np.random.Generator, n: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """Draw (primary type code, region, activity weight, number of regions) per actor."""
    counts = _type_counts(n)
    primary = np.repeat(np.arange(len(_TYPES), dtype=np.int16), counts)
    rng.shuffle(primary)
    n_regions = max(1, int(counts[_TYPES.index(NodeType.PARK)]))
    # region of each actor: heavy-tailed region sizes; park k anchors region k
    region_weight = _pareto(rng, n_regions, 2.6)
    region = rng.choice(n_regions, size=n, p=region_weight / region_weight.sum())
    parks = np.flatnonzero(primary == _TYPES.index(NodeType.PARK))
    region[parks] = np.arange(len(parks)) % n_regions
    activity = _pareto(rng, n, 2.8)
    companies = primary == _TYPES.index(NodeType.ENTERPRISE)
    activity[companies] = _pareto(rng, int(companies.sum()), 4.0)
    hubs = np.isin(primary, [_TYPES.index(t) for t in _HUB_TYPES])
    activity[hubs] = _pareto(rng, int(hubs.sum()), 2.4) * 4.0
    return primary, region, activity, n_regions


def _draw_links(
    rng: np.random.Generator, sampler: _EndpointSampler, region: np.ndarray, size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Draw about ``size`` (src, dst, rel code) links, split over the templates by share."""
    shares = np.array([t[3] for t in _TEMPLATES])
    per_template = rng.multinomial(size, shares / shares.sum())
    src_parts, dst_parts, rel_parts = [], [], []
    rel_names = list(SCHEMA.edges)
    for (rel_name, src_type, dst_type, _), k in zip(_TEMPLATES, per_template, strict=True):
        s_code, d_code = _TYPES.index(src_type), _TYPES.index(dst_type)
        if k == 0 or not sampler.has(s_code) or not sampler.has(d_code):
            continue
        src = sampler.draw(s_code, None, int(k))
        local = rng.random(int(k)) < _IN_REGION
        dst = np.empty(int(k), dtype=np.int64)
        flat = rel_name in _FLAT_TARGET
        dst[local] = sampler.draw(d_code, region[src[local]], int(local.sum()), flat)
        dst[~local] = sampler.draw(d_code, None, int((~local).sum()), flat)
        src_parts.append(src)
        dst_parts.append(dst)
        rel_parts.append(np.full(int(k), rel_names.index(rel_name), dtype=np.int16))
    src = np.concatenate(src_parts).astype(np.int64)
    dst = np.concatenate(dst_parts).astype(np.int64)
    return src, dst, np.concatenate(rel_parts)


def _unique_links(
    rng: np.random.Generator,
    n: int,
    total: int,
    src: np.ndarray,
    dst: np.ndarray,
    rel: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Drop self-loops and repeats, keep at most ``total`` links, sorted by id and relation."""
    rel_names = list(SCHEMA.edges)
    # symmetric relations once per unordered pair, smaller index (= smaller id) first
    symmetric = np.isin(rel, [rel_names.index(r) for r in SCHEMA.symmetric])
    low, high = np.minimum(src, dst), np.maximum(src, dst)
    src, dst = np.where(symmetric, low, src), np.where(symmetric, high, dst)
    keep = src != dst
    src, dst, rel = src[keep], dst[keep], rel[keep]
    # one link per (source, target, relation), sorted by source id, target id, relation name
    rel_rank = np.argsort(np.argsort(np.array(rel_names, dtype=object)))
    key = (src * n + dst) * len(rel_names) + rel_rank[rel]
    by_key = np.argsort(key)
    sorted_key = key[by_key]
    first = by_key[np.concatenate([[True], sorted_key[1:] != sorted_key[:-1]])]
    if len(first) > total:
        first = first[np.sort(rng.choice(len(first), size=total, replace=False))]
    return src[first], dst[first], rel[first]


def _arrays(
    n: int, claims_per_actor: float, seed: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Draw (primary type code, second-type flag, src, dst, rel code, weight, month)."""
    rng = np.random.default_rng(seed)
    primary, region, activity, n_regions = _draw_actors(rng, n)
    sampler = _EndpointSampler(rng, primary, region, activity, n_regions)
    total = round(claims_per_actor * n)
    # draw a quarter more, drop repeats, then keep exactly `total` (when enough are left)
    src, dst, rel = _draw_links(rng, sampler, region, round(total * 1.25))
    src, dst, rel = _unique_links(rng, n, total, src, dst, rel)
    m = len(src)
    weight = 1 + rng.binomial(2, 0.08, size=m)
    month = rng.integers(0, (_LAST_YEAR - _FIRST_YEAR + 1) * 12, size=m)
    second = (primary == _TYPES.index(NodeType.SCIENTIST)) & (rng.random(n) < 0.04)
    return primary, second, src, dst, rel, weight, month


def _months() -> np.ndarray:
    return np.array(
        [f"{y}-{m:02d}" for y in range(_FIRST_YEAR, _LAST_YEAR + 1) for m in range(1, 13)],
        dtype=object,
    )


def _actor_table(n: int, primary: np.ndarray, second: np.ndarray) -> pd.DataFrame:
    width = len(str(max(n - 1, 1)))
    numbers = pd.Series(np.arange(n)).astype(str).str.zfill(width)
    ids = "n" + numbers
    prefixes: list[str] = [_NAME_PREFIX[t] for t in _TYPES]
    prefix = pd.Series(np.array(prefixes, dtype=object)[primary])
    type_names = np.array(_TYPES, dtype=object)[primary]
    types = pd.Series(type_names)
    types[second] = f"{NodeType.SCIENTIST}|{NodeType.ENTREPRENEUR}"
    return pd.DataFrame(
        {
            "id": ids.astype("string"),
            "name": (prefix + numbers).astype("string"),
            "types": types.astype("string"),
            "aliases": pd.Series([""] * n, dtype="string"),
            "type": pd.Series(type_names, dtype="string"),
        }
    )


def synthetic_analysis_graph(
    n_actors: int, *, claims_per_actor: float = 5, seed: int = 0
) -> AnalysisGraph:
    """A seeded synthetic :class:`~graph.analysis.AnalysisGraph`, built from arrays.

    Parameters
    ----------
    n_actors
        Number of actors (ids ``n000…``, names such as ``企业000042``).
    claims_per_actor
        Links drawn per actor before repeats and self-loops are dropped.
    seed
        Seed of every random draw: the same arguments give the same graph.

    Returns
    -------
    AnalysisGraph
        With its typed sparse adjacency already built (from the same arrays).

    Examples
    --------
    >>> g = synthetic_analysis_graph(500, seed=3)
    >>> g.adjacency.n, int(g.adjacency.relation("LENT_TO").nnz) > 0
    (500, True)
    >>> synthetic_analysis_graph(500, seed=3).links.equals(g.links)
    True
    """
    primary, second, src, dst, rel, weight, month = _arrays(n_actors, claims_per_actor, seed)
    actors = _actor_table(n_actors, primary, second)
    rel_names = np.array(list(SCHEMA.edges), dtype=object)
    months = _months()
    later = np.minimum(month + (weight - 1) * 7, len(months) - 1)
    ids = actors["id"].to_numpy()
    links = pd.DataFrame(
        {
            "source": pd.array(ids[src], dtype="string"),
            "target": pd.array(ids[dst], dtype="string"),
            "type": pd.array(rel_names[rel], dtype="string"),
            "weight": weight.astype(np.int64),
            "claims": weight.astype(np.int64),
            "first_date": pd.array(months[month], dtype="string"),
            "last_date": pd.array(months[later], dtype="string"),
        },
        columns=list(LINK_COLUMNS),
    )
    graph = AnalysisGraph(actors=actors, links=links)
    graph.__dict__["adjacency"] = _adjacency(n_actors, primary, second, src, dst, rel, weight, ids)
    _LOG.debug("synthetic graph: %d actors, %d links", n_actors, len(links))
    return graph


def _adjacency(
    n: int,
    primary: np.ndarray,
    second: np.ndarray,
    src: np.ndarray,
    dst: np.ndarray,
    rel: np.ndarray,
    weight: np.ndarray,
    ids: np.ndarray,
) -> TypedAdjacency:
    import scipy.sparse as sp

    rel_names = list(SCHEMA.edges)
    rows = np.concatenate([np.arange(n), np.flatnonzero(second)])
    cols = np.concatenate(
        [primary.astype(np.int64), np.full(int(second.sum()), _TYPES.index(NodeType.ENTREPRENEUR))]
    )
    membership = sp.csr_array(
        (np.ones(len(rows), dtype=bool), (rows, cols)), shape=(n, len(_TYPES))
    )
    relations: dict[str, sp.csr_array] = {}
    for code, name in enumerate(rel_names):
        mask = rel == code
        if not mask.any():
            continue
        r, c, w = src[mask], dst[mask], weight[mask].astype(np.int64)
        if name in SCHEMA.symmetric:
            r, c, w = np.concatenate([r, c]), np.concatenate([c, r]), np.concatenate([w, w])
        matrix = sp.csr_array((w, (r, c)), shape=(n, n))
        matrix.sum_duplicates()
        relations[name] = matrix
    return TypedAdjacency(
        ids=np.asarray(ids, dtype=object),
        type_names=list(_TYPES),
        primary=primary.astype(np.int16),
        membership=membership,
        relations=relations,
    )


def synthetic_claim_graph(
    n_actors: int, *, claims_per_actor: float = 5, seed: int = 0
) -> ClaimGraph:
    """The same ecosystem as :func:`synthetic_analysis_graph`, as a claim graph.

    Each link of weight *w* becomes *w* claims from distinct documents, dated
    from ``first_date`` to ``last_date``; merging them with
    :func:`graph.analysis.analysis_graph` gives the same links back. Meant
    for small sizes (tests, Neo4j and view benchmarks): claim ids are hashed
    one by one.

    Examples
    --------
    >>> cg = synthetic_claim_graph(200, seed=2)
    >>> links = synthetic_analysis_graph(200, seed=2).links
    >>> len(cg.actors), len(cg.claims) == int(links["weight"].sum())
    (200, True)
    """
    ag = synthetic_analysis_graph(n_actors, claims_per_actor=claims_per_actor, seed=seed)
    links = ag.links
    reps = links["weight"].to_numpy()
    expanded = links.loc[links.index.repeat(reps)].reset_index(drop=True)
    nth = expanded.groupby(["source", "target", "type"], sort=False).cumcount().to_numpy()
    last = nth == expanded["weight"].to_numpy() - 1
    dates = np.where(last & (nth > 0), expanded["last_date"], expanded["first_date"])
    row_no = np.repeat(np.arange(len(links)), reps)
    claims = pd.DataFrame(
        {
            "source": expanded["source"],
            "target": expanded["target"],
            "type": expanded["type"],
            "date": dates,
            "source_doc": [f"synthetic-{seed}/{r}/{k}" for r, k in zip(row_no, nth, strict=True)],
            "outlet": "synthetic",
            "extractor": "synthetic",
        }
    )
    money = expanded["type"].isin([EdgeType.INVESTED_IN, EdgeType.LENT_TO]).to_numpy()
    amount = (np.random.default_rng(seed + 1).lognormal(16, 1.2, size=len(claims))).round(-4)
    claims["amount"] = np.where(money, amount, np.nan)
    claims["currency"] = pd.Series(["CNY"] * len(claims)).where(money)
    return ClaimGraph.from_tables(ag.actors[["id", "name", "types", "aliases"]], claims)
