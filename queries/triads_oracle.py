"""The oracle: plain networkx versions of the triad and gap definitions.

These loop over nodes and edges of the merged ``networkx.DiGraph``
(:meth:`graph.analysis.AnalysisGraph.to_networkx`, edge attribute
``relations``, node attribute ``types``) exactly as the definitions in
:mod:`queries.triads` and :mod:`queries.gaps` read. They are slow on purpose:
the tests check the sparse versions against them on random typed graphs, and
``bench/bench_queries.py`` times both. They return plain Python sets and
dicts, not DataFrames.

Examples
--------
>>> from ecox.graph.synthetic import synthetic_analysis_graph
>>> from ecox.queries.triads import complete_triads
>>> ag = synthetic_analysis_graph(500, seed=2)
>>> fast = set(complete_triads(ag)[["enterprise", "scientist", "entrepreneur",
...                                 "investor"]].itertuples(index=False, name=None))
>>> fast == complete_triads_nx(ag.to_networkx())
True
"""

from __future__ import annotations

import itertools
import math
from collections import defaultdict

import networkx as nx

from ecox.graph.schema import SCHEMA, EdgeType, NodeType
from ecox.queries.triads import ROLE_RELATIONS, ROLE_TYPES, ROLES

__all__ = [
    "adamic_adar_nx",
    "co_investors_nx",
    "complete_triads_nx",
    "fill_scores_nx",
    "missing_links_nx",
    "open_triads_nx",
    "role_holders_nx",
    "triad_census_nx",
    "under_connected_nx",
]


def _types(graph: nx.DiGraph, node: object) -> set[str]:
    return set(str(graph.nodes[node]["types"]).split("|"))


def _relations(graph: nx.DiGraph, u: object, v: object) -> set[str]:
    return set(str(graph.edges[u, v]["relations"]).split("|"))


def role_holders_nx(graph: nx.DiGraph) -> dict[object, dict[str, set[object]]]:
    """Enterprise → role → holders, by looping over each enterprise's in-edges."""
    out: dict[object, dict[str, set[object]]] = {}
    for node in graph.nodes:
        if NodeType.ENTERPRISE not in _types(graph, node):
            continue
        roles: dict[str, set[object]] = {r: set() for r in ROLES}
        for holder in graph.predecessors(node):
            rels = _relations(graph, holder, node)
            for role in ROLES:
                if _types(graph, holder) & set(ROLE_TYPES[role]) and rels & set(
                    ROLE_RELATIONS[role]
                ):
                    roles[role].add(holder)
        out[node] = roles
    return out


def complete_triads_nx(graph: nx.DiGraph) -> set[tuple[object, object, object, object]]:
    """(enterprise, scientist, entrepreneur, investor) of three distinct actors."""
    found = set()
    for ent, roles in role_holders_nx(graph).items():
        for s, e, i in itertools.product(
            roles["scientist"], roles["entrepreneur"], roles["investor"]
        ):
            if len({s, e, i}) == 3:
                found.add((ent, s, e, i))
    return found


def open_triads_nx(graph: nx.DiGraph) -> set[tuple[object, object, object, object, str]]:
    """(enterprise, scientist, entrepreneur, investor, missing), None for the missing role."""
    complete = {t[0] for t in complete_triads_nx(graph)}
    found = set()
    for ent, roles in role_holders_nx(graph).items():
        if ent in complete:
            continue
        for missing in ROLES:
            a, b = (r for r in ROLES if r != missing)
            for x, y in itertools.product(roles[a], roles[b]):
                if x == y:
                    continue
                row = {a: x, b: y, missing: None}
                found.add((ent, row["scientist"], row["entrepreneur"], row["investor"], missing))
    return found


def triad_census_nx(graph: nx.Graph, a: str, b: str, c: str) -> tuple[int, int]:
    """(paths, closed) of typed paths a–b–c, read undirected, as in :func:`triad_census`."""
    und = nx.Graph(graph)
    und.remove_edges_from(nx.selfloop_edges(und))
    paths = closed = 0
    for mid in und.nodes:
        if b not in _types(und, mid):
            continue
        nbrs = list(und.neighbors(mid))
        for x in nbrs:
            if a not in _types(und, x):
                continue
            for z in nbrs:
                if z == x or c not in _types(und, z):
                    continue
                paths += 1
                closed += und.has_edge(x, z)
    if a == c:
        paths //= 2
        closed //= 2
    return paths, closed


def adamic_adar_nx(und: nx.Graph, u: object, v: object) -> tuple[float, float, int]:
    """(Adamic–Adar, resource allocation, shared partners) of one pair."""
    shared = set(und.neighbors(u)) & set(und.neighbors(v))
    aa = sum(1 / math.log(und.degree(w)) for w in shared)
    ra = sum(1 / und.degree(w) for w in shared)
    return aa, ra, len(shared)


def co_investors_nx(
    holders: dict[object, dict[str, set[object]]], ent: object, cand: object, missing: str
) -> int:
    """The ``co_investors`` signal of :func:`queries.gaps.fill_candidates`, by loops."""
    if missing == "investor":
        team = holders[ent]["scientist"] | holders[ent]["entrepreneur"]
        return sum(
            1
            for m in team
            if any(
                cand in roles["investor"] and m in (roles["scientist"] | roles["entrepreneur"])
                for roles in holders.values()
            )
        )
    return sum(
        1
        for backer in holders[ent]["investor"]
        if any(backer in roles["investor"] and cand in roles[missing] for roles in holders.values())
    )


def able_nx(graph: nx.DiGraph, node: object, role: str) -> bool:
    """Whether ``node`` can credibly take ``role`` (the schema's ``able`` rule), by loops."""
    spec = SCHEMA.role(role)
    types = _types(graph, node)
    if not types & set(spec.types):
        return False
    if types & set(spec.able_types):
        return True
    ties = [(w, _relations(graph, node, w)) for w in graph.successors(node)]
    ties += [(w, _relations(graph, w, node)) for w in graph.predecessors(node)]
    return any(
        rels & set(spec.able_ties) and _types(graph, w) & set(spec.able_partners)
        for w, rels in ties
    )


def fill_scores_nx(graph: nx.DiGraph) -> dict[tuple[object, str, object], tuple[float, ...]]:
    """(enterprise, missing, candidate) → (score, common, aa, ra, parks, co_investors).

    Every supported candidate, before the per-triad cut to ``top``.
    """
    und = nx.Graph(graph)
    und.remove_edges_from(nx.selfloop_edges(und))
    holders = role_holders_nx(graph)
    missing_at = {(o[0], o[4]) for o in open_triads_nx(graph)}
    out: dict[tuple[object, str, object], tuple[float, ...]] = {}
    for ent, missing in sorted(missing_at, key=str):
        team = set().union(*holders[ent].values())
        for cand in und.nodes:
            if cand == ent or cand in team or not able_nx(graph, cand, missing):
                continue
            aa, ra, common = adamic_adar_nx(und, ent, cand)
            parks = sum(
                1
                for w in set(und.neighbors(ent)) & set(und.neighbors(cand))
                if NodeType.PARK in _types(und, w)
            )
            co = co_investors_nx(holders, ent, cand, missing)
            if common or co:
                out[(ent, missing, cand)] = (aa + ra + parks + co, common, aa, ra, parks, co)
    return out


def missing_links_nx(graph: nx.DiGraph, top: int) -> list[tuple[object, object, float, float]]:
    """The ``top`` (actor, enterprise, aa, ra) of :func:`queries.gaps.missing_links`."""
    und = nx.Graph(graph)
    und.remove_edges_from(nx.selfloop_edges(und))
    holders = role_holders_nx(graph)
    backers = set().union(*(roles["investor"] for roles in holders.values()))
    scored = []
    for x in und.nodes:
        if not any(able_nx(graph, x, role) for role in ROLES):
            continue
        reach: defaultdict[object, int] = defaultdict(int)
        for w in und.neighbors(x):
            for e in und.neighbors(w):
                reach[e] += 1
        for e in reach:
            if (
                e == x
                or NodeType.ENTERPRISE not in _types(und, e)
                or und.has_edge(x, e)
                or e in backers
            ):
                continue
            aa, ra, _ = adamic_adar_nx(und, x, e)
            scored.append((x, e, aa, ra))
    scored.sort(key=lambda t: (-round(t[2], 12), -round(t[3], 12), str(t[0]), str(t[1])))
    return scored[:top]


def under_connected_nx(graph: nx.DiGraph) -> set[tuple[object, str]]:
    """(node, gap) pairs of :func:`queries.gaps.under_connected`."""
    und = nx.Graph(graph)
    out = set()
    holders = role_holders_nx(graph)

    def region(node: object) -> set[object]:
        first = {
            t for t in graph.successors(node) if EdgeType.LOCATED_IN in _relations(graph, node, t)
        }
        second = {
            t2
            for t in first
            for t2 in graph.successors(t)
            if EdgeType.LOCATED_IN in _relations(graph, t, t2)
        }
        return first | second

    def has_finance(park: object) -> bool:
        return any(
            _types(graph, w) & {NodeType.BANK, NodeType.INVESTOR, NodeType.FUND}
            for w in set(und.neighbors(park)) - {park}
        )

    for node in graph.nodes:
        types = _types(graph, node)
        nbrs = set(und.neighbors(node)) - {node}
        if NodeType.ENTERPRISE in types and not holders[node]["investor"]:
            out.add((node, "no_capital"))
        if types & {NodeType.SCIENTIST, NodeType.INSTITUTE} and not any(
            NodeType.ENTERPRISE in _types(graph, w) for w in nbrs
        ):
            out.add((node, "no_enterprise"))
        if types & {NodeType.INVESTOR, NodeType.FUND}:
            mine = region(node)
            targets = [
                t
                for t in graph.successors(node)
                if EdgeType.INVESTED_IN in _relations(graph, node, t)
                and NodeType.ENTERPRISE in _types(graph, t)
            ]
            ok = [t for t in targets if region(t) & mine] if mine else targets
            if not ok:
                out.add((node, "no_regional_investment"))
        inside = [
            p
            for p in graph.predecessors(node)
            if NodeType.PARK in _types(graph, p)
            and EdgeType.LOCATED_IN in _relations(graph, p, node)
        ]
        if NodeType.PARK in types and not any(has_finance(p) for p in [node, *inside]):
            out.add((node, "no_finance"))
    return out
