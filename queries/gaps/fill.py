"""Who could fill the missing role of each venture one link short (:func:`fill_candidates`).

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     actors=[("企业E", ["Enterprise"], []), ("曹", ["Entrepreneur"], []),
...             ("瞿", ["Scientist"], []), ("园区P", ["Park"], []),
...             ("银行B", ["Bank"], []), ("企业F", ["Enterprise"], [])],
...     claims=[{"source": "曹", "target": "企业E", "type": "FOUNDED"},
...             {"source": "瞿", "target": "企业E", "type": "TRANSFERRED_TECH"},
...             {"source": "企业E", "target": "园区P", "type": "LOCATED_IN"},
...             {"source": "银行B", "target": "园区P", "type": "LOCATED_IN"},
...             {"source": "银行B", "target": "企业F", "type": "LENT_TO"}])
>>> row = fill_candidates(g).iloc[0]
>>> row["enterprise_name"], row["missing"], row["candidate_name"], int(row["shared_parks"])
('企业E', 'investor', '银行B', 1)
>>> print(row["reason"])
银行B could fill the investor role at 企业E: shares 1 partner with 企业E: 园区P; both in 园区P
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from ecox.graph.adjacency import TypedAdjacency
from ecox.graph.analysis import AnalysisGraph
from ecox.graph.machine import usable_cpus
from ecox.graph.schema import SCHEMA, NodeType
from ecox.queries.gaps.nearest import component_sizes, nearest_sources, source_paths
from ecox.queries.gaps.sparse import (
    entries,
    first_meeting,
    first_per_row,
    gathered,
    halves,
    heaviest,
    keys,
    link_weights,
    lookup,
    pair_details,
    path_budget,
    path_hubs,
    present,
    rank_ids,
    row_slice,
    shared_partners,
    weighted_factors,
    wide_undirected,
    within_reach,
)
from ecox.queries.gaps.topk import kth_per_row, row_top
from ecox.queries.inputs import GraphInput, analysis_of
from ecox.queries.triads import ROLE_TYPES, ROLES, Ventures, able_holders, complete_mask, mask_csr
from ecox.queries.words import (
    TEXT,
    concat,
    joined,
    joined_lists,
    joined_names,
    name_array,
    number_text,
    ordered,
    str_column,
    take,
    when,
)

__all__ = ["FILL_COLUMNS", "fill_candidates"]

_LOG = logging.getLogger(__name__)

FILL_COLUMNS: tuple[str, ...] = (
    "enterprise",
    "enterprise_name",
    "missing",
    "rank",
    "candidate",
    "candidate_name",
    "candidate_type",
    "score",
    "common",
    "adamic_adar",
    "resource_allocation",
    "shared_parks",
    "co_investors",
    "via",
    "reason",
    "reason_zh",
)


def _open_roles(ventures: Ventures) -> dict[str, np.ndarray]:
    """Per missing role, the enterprises (mask) with a one-link-short triad missing it."""
    complete = complete_mask(ventures)
    out = {}
    for missing in ROLES:
        a, b = (r for r in ROLES if r != missing)
        ca, cb = ventures.counts(a), ventures.counts(b)
        same = (ca == 1) & (cb == 1) & (_first_holder(ventures, a) == _first_holder(ventures, b))
        out[missing] = ventures.enterprise & ~complete & (ca > 0) & (cb > 0) & ~same
    return out


def _first_holder(ventures: Ventures, role: str) -> np.ndarray:
    """Per enterprise, the lowest index holding ``role`` (-1 when none)."""
    matrix = ventures.roles[role]
    first = np.full(matrix.shape[0], -1, dtype=np.int64)
    held = np.diff(matrix.indptr) > 0
    first[held] = matrix.indices[matrix.indptr[:-1][held]]
    return first


def _co_investors(
    middles: tuple[sp.csr_array, sp.csr_array], rows: np.ndarray, cols: np.ndarray, budget: int
) -> tuple[tuple[sp.csr_array, sp.csr_array], sp.csr_array, np.ndarray]:
    """The two factors (enterprise × middle, middle × candidate) whose product counts the
    ``co_investors`` signal (see module notes), for the enterprises in ``rows`` and
    candidates in ``cols`` only (masks); the enterprise × middle links it runs through;
    the middles left out as hubs.

    ``middles`` (:meth:`_Scene.middles`): each enterprise's middles and each venture's
    holders of the missing role. The middle is a backer of the enterprise (missing
    scientist or entrepreneur) or a member of its team (missing investor). A middle
    tying ``a`` enterprises to ``b`` candidates makes ``a·b`` pairs: a fund backing
    10,000 firms would make tens of millions, so the middles with the most pairs are
    left out (hubs, named in the reasons) until the others make at most ``budget``.
    """
    middle, held = middles
    every = np.ones(middle.shape[0], dtype=bool)
    link = sp.csr_array(((middle.T @ held) > 0).astype(np.int64))
    left, right = mask_csr(middle, rows, every), mask_csr(link, every, cols)
    pairs = np.bincount(left.indices, minlength=left.shape[1]) * np.diff(right.indptr)
    hubs = heaviest(pairs, budget)
    if hubs.any():
        _LOG.debug("fill_candidates: %d co-investment hubs left out", int(hubs.sum()))
        left = mask_csr(left, every, ~hubs)
    return (left, right), mask_csr(middle, rows, hubs), hubs


@dataclass(frozen=True)
class _Scene:
    """One graph as every missing role is scored against it."""

    ag: AnalysisGraph
    adjacency: TypedAdjacency
    ventures: Ventures
    undirected: sp.csr_array
    deg: np.ndarray
    aa: np.ndarray
    ra: np.ndarray
    park: np.ndarray
    names: pa.Array
    ids: pa.Array
    rank_of: np.ndarray
    blocked: sp.csr_array
    #: Per role, enterprise × holder 0/1 (built once for every missing role).
    binary_roles: dict[str, sp.csr_array]

    @classmethod
    def of(cls, ag: AnalysisGraph) -> _Scene:
        adjacency = ag.adjacency
        ventures = Ventures.of(adjacency)
        undirected = wide_undirected(adjacency)  # shared with missing_links
        deg, aa, ra = link_weights(undirected)
        team = sum(sp.csr_array(ventures.roles[r].astype(bool).astype(np.int8)) for r in ROLES)
        return cls(
            ag=ag, adjacency=adjacency, ventures=ventures, undirected=undirected, deg=deg,
            aa=aa, ra=ra, park=adjacency.has_type(NodeType.PARK),
            names=name_array(ag.actors["name"]), ids=name_array(ag.actors["id"]),
            rank_of=rank_ids(adjacency),
            blocked=sp.csr_array(sp.csr_array(team).astype(bool)),
            binary_roles={r: sp.csr_array(ventures.roles[r].astype(bool).astype(np.int64))
                          for r in ROLES},
        )  # fmt: skip

    def middles(self, missing: str) -> tuple[sp.csr_array, sp.csr_array]:
        """(enterprise × middle, venture × holder of ``missing``) of the co-investor signal:
        the middles are the team (scientists, entrepreneurs) when the investor is
        missing, else the backers."""
        binary = self.binary_roles
        if missing == "investor":
            team = (binary["scientist"] + binary["entrepreneur"]) > 0
            return sp.csr_array(team.astype(np.int64)), binary["investor"]
        return binary["investor"], binary[missing]


def fill_candidates(
    graph: GraphInput,
    *,
    top: int = 5,
    as_of: str | None = None,
    limit: int | None = None,
    workers: int | None = None,
) -> pd.DataFrame:
    """Who could fill the missing role of each triad one link short.

    A candidate must be able to play the role (``roles:`` of the schema, see
    :func:`queries.triads.able_holders`: for the scientist role a Scientist,
    or an Institute with research, tech-transfer or affiliation ties). Able
    candidates sharing partners or co-investors with the venture are ranked
    by score. A venture with none gets the nearest able actor of its network
    (fewest links, named path); failing that the nearest weak one (a holder
    type without such ties, e.g. a university known only as a founder's
    school), said to be weak; failing that one row without a candidate whose
    reason says why.

    Parameters
    ----------
    graph
        A claim, analysis or networkx graph.
    top
        Candidates kept per (enterprise, missing role).
    as_of
        Only ties known by this date.
    limit
        Only the first ``limit`` rows of the table: only the ventures they
        belong to are scored and named (the rows are those of the whole table).
    workers
        Threads scoring the missing roles side by side (default: the CPUs this
        process may use, at most one per role); the table does not depend on it.

    Returns
    -------
    pandas.DataFrame
        :data:`FILL_COLUMNS`, sorted by enterprise id, missing role
        (scientist, entrepreneur, investor), then ``rank`` (score descending,
        ties by candidate id; nearest-in-network rows have score 0). ``via``
        names the path; ``reason`` says why in English, ``reason_zh`` in Chinese.
        Text columns are pandas ``str``; a row without a candidate has NaN
        ``candidate``, ``candidate_name`` and ``candidate_type``.

    Examples
    --------
    >>> from ecox.graph.synthetic import synthetic_analysis_graph
    >>> g = synthetic_analysis_graph(2_000, seed=4)
    >>> f = fill_candidates(g, top=3)
    >>> list(f.columns) == list(FILL_COLUMNS), int(f["rank"].max()) <= 3
    (True, True)
    >>> fill_candidates(g, top=3, limit=10, workers=1).equals(f.head(10))
    True
    """
    scene = _Scene.of(analysis_of(graph, as_of=as_of))
    open_roles = _open_roles(scene.ventures)
    asked = _first_ventures(scene.rank_of, open_roles, limit)
    threads = max(1, workers or usable_cpus())
    short = {m: open_roles[m] & asked for m in ROLES}
    # the largest roles first; the smallest, run last, in halves: the threads end together
    last = min(ROLES, key=lambda m: np.count_nonzero(short[m])) if threads > 1 else None
    pieces = {m: halves(mask) if m == last else (mask,) for m, mask in short.items()}
    jobs = [(pos, m, part) for pos, m in enumerate(ROLES) for part in pieces[m]]
    jobs = sorted((job for job in jobs if job[2].any()), key=lambda job: -int(job[2].sum()))
    with ThreadPoolExecutor(max(1, min(threads, len(jobs)))) as pool:
        roles: dict[str, Callable[[], _Role]]
        roles = {m: partial(_Role.of, scene, m, open_roles[m]) for m in ROLES}
        if last is not None:  # its halves share one _Role, queued before them
            roles[last] = pool.submit(roles[last]).result
        done = [pool.submit(_role_rows, scene, (pos, roles[m]), part, top)
                for pos, m, part in jobs]  # fmt: skip
        frames = [part for job in done for part in job.result()]
        if not frames:
            return pd.DataFrame({c: pd.Series(dtype=object) for c in FILL_COLUMNS})
        return _table(scene, frames, limit, pool)


def _first_ventures(
    rank_of: np.ndarray, open_roles: dict[str, np.ndarray], limit: int | None
) -> np.ndarray:
    """Mask of the enterprises whose rows make the first ``limit`` of the table (every
    venture one role short when ``None``): each gives one row at least, so the first
    ``limit`` of them by id are enough."""
    short = np.logical_or.reduce(list(open_roles.values()))
    if limit is None:
        return short
    found = np.flatnonzero(short)
    asked = np.zeros_like(short)
    asked[found[np.argsort(rank_of[found], kind="stable")[:limit]]] = True
    return asked


@dataclass(frozen=True)
class _Role:
    """What every part of one missing role's ventures shares: the actors able to play it,
    the weak ones, the co-investment middles (:meth:`_Scene.middles`) and the co-investor
    factors of all the ventures short of it (:func:`_co_investors`)."""

    missing: str
    short: np.ndarray
    able: np.ndarray
    weak: np.ndarray
    middles: tuple[sp.csr_array, sp.csr_array]
    co: tuple[tuple[sp.csr_array, sp.csr_array], sp.csr_array, np.ndarray]

    @classmethod
    def of(cls, scene: _Scene, missing: str, short: np.ndarray) -> _Role:
        able = able_holders(scene.adjacency, missing)
        middles, budget = scene.middles(missing), path_budget(scene.undirected)
        return cls(
            missing=missing, short=short, able=able,
            weak=scene.adjacency.has_any_type(ROLE_TYPES[missing]) & ~able,
            middles=middles, co=_co_investors(middles, short, able, budget),
        )  # fmt: skip


def _role_rows(
    scene: _Scene,
    job: tuple[int, Callable[[], _Role]],
    asked: np.ndarray,
    top: int,
) -> list[dict[str, Any]]:
    """The rows of one missing role (``job``: its position in :data:`ROLES` and what gives
    its :class:`_Role`) for the ventures short of it among those ``asked`` (a mask), each
    part's ``_m`` that position."""
    role = job[1]()
    missing, able, weak = role.missing, role.able, role.weak
    lacking = role.short & asked
    parts = [_scored(scene, role, lacking, top)]
    lacking[parts[0]["_e"]] = False
    for sources, is_weak in ((able, False), (weak, True)):
        if lacking.any() and sources.any():
            parts.append(_nearest(scene, missing, lacking, sources, weak=is_weak))
            lacking[parts[-1]["_e"]] = False
    if lacking.any():
        parts.append(_nobody(scene, missing, lacking))
    for part in parts:
        part["_m"] = np.full(len(part["_e"]), job[0], dtype=np.int64)
    return parts


def _scored(scene: _Scene, role: _Role, rows: np.ndarray, top: int) -> dict[str, Any]:
    """The ``top`` supported candidates among those able to play ``role`` for the ventures
    in ``rows`` (the hubs are those of all the ventures short of it)."""
    missing, cols, middles = role.missing, role.able, role.middles
    co, via_hub, hubs = role.co
    if (rows != role.short).any():
        co = (mask_csr(co[0], rows, np.ones_like(rows)), co[1])
    weight = scene.aa + scene.ra + scene.park.astype(float)  # what one shared partner adds
    rank_of = scene.rank_of
    e, x, total = _fill_scores(
        scene.undirected, (rows, cols), weight, co, (scene.blocked, rank_of), top
    )
    order = np.lexsort((rank_of[x], -total, rank_of[e]))
    ranked = rank_of[e[order]]
    nth = np.arange(len(order)) - np.searchsorted(ranked, ranked)
    order = order[nth < top]
    e, x = e[order], x[order]
    view = shared_partners(scene.undirected, e, x)
    adamic, alloc, common, parks = pair_details(view, scene.aa, scene.ra, scene.park, len(e))
    co_v = np.rint(total[order] - (adamic + alloc + parks)).astype(np.int64)  # a whole count
    via, reason, reason_zh = _scored_words(scene, missing, e, x, view, (co_v > 0, middles, hubs))
    if hubs.any():
        reason, reason_zh = _hub_notes(scene, missing, e, via_hub, (reason, reason_zh))
    numbers = {
        "score": adamic + alloc + parks + co_v, "common": common, "adamic_adar": adamic,
        "resource_allocation": alloc, "shared_parks": parks, "co_investors": co_v,
    }  # fmt: skip
    return _part(e, x, nth[nth < top] + 1, numbers, (via, reason, reason_zh))


def _scored_words(
    scene: _Scene,
    missing: str,
    e: np.ndarray,
    x: np.ndarray,
    view: tuple[np.ndarray, np.ndarray],
    backed: tuple[np.ndarray, tuple[sp.csr_array, sp.csr_array], np.ndarray],
) -> tuple[pa.Array, pa.Array, pa.Array]:
    """(via, reason, reason_zh) of scored pairs: shared partners, parks, co-investors
    (``backed``: the pairs with some, :meth:`_Scene.middles` and the hub middles not
    counted)."""
    row, col = view
    names, n = scene.names, len(e)
    row_s, col_s, nth = ordered(row, col, (scene.rank_of, scene.deg))
    shared = joined_lists(row_s[nth < 3], take(names, col_s[nth < 3]), n, ", ")
    first = joined_lists(row_s[nth < 1], take(names, col_s[nth < 1]), n, ", ")
    is_park = scene.park[col]
    in_parks = joined_names(row[is_park], col[is_park], (scene.rank_of,), names, n, 99)
    common = np.bincount(row, minlength=n)
    b_text, b_zh, b_path = _co_investor_names(missing, e, x, names, scene.rank_of, *backed)
    label = SCHEMA.role(missing).label_zh
    en, xn = take(names, e), take(names, x)
    has, more, count = common > 0, common > 3, number_text(common)
    word = when(common == 1, "partner", "partners")
    shares = when(has, concat("shares ", count, " ", word, " with ", en, ": ", shared,
                              when(more, ", …")))  # fmt: skip
    shares_zh = when(has, concat("与", en, "有", count, "个共同伙伴：", shared, when(more, "等")))
    hop = when(has, concat(xn, " — ", first, " — ", en))
    in_any = pc.not_equal(in_parks, "")
    parks = when(in_any, concat("both in ", in_parks))
    parks_zh = when(in_any, concat("同在", in_parks))
    via = joined([hop, b_path], "; ")
    reason = concat(xn, f" could fill the {missing} role at ", en, ": ",
                    joined([shares, parks, b_text], "; "))  # fmt: skip
    reason_zh = joined([shares_zh, parks_zh, b_zh], "；")
    return via, reason, concat(xn, "可补上", en, f"的{label}角色：", reason_zh)


def _nearest(
    scene: _Scene, missing: str, rows: np.ndarray, sources: np.ndarray, *, weak: bool
) -> dict[str, Any]:
    """For each venture in ``rows``: the nearest of ``sources`` in its network, not in its team."""
    owner, dist, toward = nearest_sources(scene.undirected, sources, scene.rank_of, rows)
    e = np.flatnonzero(rows & (dist > 0))
    x = owner[e]
    keep = ~lookup(e, x, scene.blocked).astype(bool)
    e, x = e[keep], x[keep]
    names, spec = scene.names, SCHEMA.role(missing)
    pair, actor = source_paths(toward, e)
    via = joined_lists(pair, take(names, actor), len(e), " — ")
    en, xn, d = take(names, e), take(names, x), number_text(dist[e])
    reason = concat(xn, f" could fill the {missing} role at ", en,
                    ": no shared partner; the nearest in its network, ", d, " links away: ", via,
                    f"; weak candidate: {spec.weak}" if weak else "")  # fmt: skip
    reason_zh = concat(xn, "可补上", en, f"的{spec.label_zh}角色：无共同伙伴；同一网络中最近，相距",
                       d, "步：", via, f"；弱候选：{spec.weak_zh}" if weak else "")  # fmt: skip
    zeros = np.zeros(len(e))
    numbers = {c: zeros for c in ("score", "adamic_adar", "resource_allocation")}
    numbers |= {c: zeros.astype(np.int64) for c in ("common", "shared_parks", "co_investors")}
    return _part(e, x, np.ones(len(e), np.int64), numbers, (via, reason, reason_zh))


def _nobody(scene: _Scene, missing: str, rows: np.ndarray) -> dict[str, Any]:
    """One row per venture in ``rows`` saying no actor of its network can fill ``missing``."""
    e = np.flatnonzero(rows)
    size = number_text(component_sizes(scene.undirected, rows)[e])
    en, spec = take(scene.names, e), SCHEMA.role(missing)
    reason = concat("no actor in the network of ", en, " (", size,
                    f" actors) can fill the {missing} role: nobody to propose")  # fmt: skip
    reason_zh = concat(en, "所在网络（", size,
                       f"个主体）中没有可担任{spec.label_zh}的主体，无从推荐")  # fmt: skip
    nan = np.full(len(e), np.nan)
    numbers = {c: nan for c in ("score", "adamic_adar", "resource_allocation")}
    numbers |= {c: np.zeros(len(e), np.int64) for c in ("common", "shared_parks", "co_investors")}
    none = np.full(len(e), -1, dtype=np.int64)
    via = pa.array(np.full(len(e), "", dtype=object), type=TEXT)
    return _part(e, none, np.zeros(len(e), np.int64), numbers, (via, reason, reason_zh))


def _part(
    e: np.ndarray,
    x: np.ndarray,
    rank: np.ndarray,
    numbers: dict[str, np.ndarray],
    words: tuple[pa.Array, pa.Array, pa.Array],
) -> dict[str, Any]:
    """The columns of some rows (``x`` = -1: no candidate) before :func:`_table` joins them."""
    via, reason, reason_zh = words
    return {"_e": e, "x": x, "rank": rank.astype(np.int64), **numbers,
            "via": via, "reason": reason, "reason_zh": reason_zh}  # fmt: skip


def _table(
    scene: _Scene, parts: list[dict[str, Any]], limit: int | None, pool: ThreadPoolExecutor
) -> pd.DataFrame:
    """The rows of every part as :data:`FILL_COLUMNS`, sorted by enterprise id, missing role
    and rank, the first ``limit`` only; each column taken in that order once (side by side
    in ``pool``; text from the parts' arrow strings at once, not joined first)."""
    joined_parts = {
        k: pa.chunked_array([p[k] for p in parts]) if isinstance(parts[0][k], pa.Array)
        else np.concatenate([p[k] for p in parts])
        for k in parts[0]
    }  # fmt: skip
    e, x = joined_parts["_e"], joined_parts["x"]
    order = np.lexsort((joined_parts["rank"], joined_parts["_m"], scene.rank_of[e]))[:limit]
    e, x = e[order], x[order]
    adjacency, nobody = scene.adjacency, x < 0

    def candidate(values: pa.Array, at: np.ndarray) -> pd.api.extensions.ExtensionArray:
        return str_column(values.take(pa.array(at, mask=nobody)))  # NaN: nobody

    def column(key: str) -> Any:
        if key in ("enterprise", "enterprise_name"):
            return str_column(take(scene.ids if key == "enterprise" else scene.names, e))
        if key == "missing":
            return str_column(take(pa.array(ROLES, type=TEXT), joined_parts["_m"][order]))
        if key in ("candidate", "candidate_name"):
            return candidate(scene.ids if key == "candidate" else scene.names, np.maximum(x, 0))
        if key == "candidate_type":
            kinds = pa.array(adjacency.type_names, type=TEXT)
            return candidate(kinds, adjacency.primary[np.maximum(x, 0)])
        value = joined_parts[key]
        text = isinstance(value, pa.ChunkedArray)
        return str_column(take(value, order)) if text else value[order]

    columns = dict(zip(FILL_COLUMNS, pool.map(column, FILL_COLUMNS), strict=True))
    return pd.DataFrame(columns, columns=list(FILL_COLUMNS))


def _fill_scores(
    undirected: sp.csr_array,
    asked: tuple[np.ndarray, np.ndarray],
    weight: np.ndarray,
    co: tuple[sp.csr_array, sp.csr_array],
    order: tuple[sp.csr_array, np.ndarray],
    top: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(enterprise, candidate, score rounded to 12 places) of every pair that can reach
    an enterprise's top ``top`` (among ``asked``: the masks of rows and columns);
    ``co``: the factors of the co-investor counts; ``order``: the team pairs left out
    and the rank of each actor's id (ties go to the lower).

    Exact: hub partners are first left out; an enterprise is settled when
    ``top`` candidates already score more than all its hubs could add to
    anyone; the others are recomputed with every partner.
    """
    rows, cols = asked
    blocked, rank = order
    n = np.int64(undirected.shape[1])

    def team(row_mask: np.ndarray) -> np.ndarray:
        """Keys of the pairs already tied in a venture's team, and of the venture itself."""
        own = np.flatnonzero(row_mask & cols)
        return np.union1d(keys(mask_csr(blocked, row_mask, cols), n), own * n + own)

    def supported(
        row_mask: np.ndarray, middles: np.ndarray | None
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        out = team(row_mask)
        if middles is None:  # the whole score: only each row's top can be asked for
            extra = np.bincount(out // n, minlength=len(rows))
            e, x, v = _whole_scores(undirected, (row_mask, cols), weight, co, (top, extra, rank))
        else:
            left, right = weighted_factors(undirected, row_mask, cols, weight, middles, co)
            scores = sp.csr_array(left @ right)
            scores.data = np.round(scores.data, 12)
            e, x, v = entries(scores)
        keep = np.flatnonzero(~present(out, e * n + x))
        return e[keep], x[keep], v[keep]

    hubs = path_hubs(undirected, rows, cols)
    if not hubs.any():
        return supported(rows, None)
    e, x, low = supported(rows, ~hubs)
    to_hubs = mask_csr(undirected, np.ones_like(rows), hubs)
    reach = to_hubs @ weight  # the most the hubs can add to any pair of this enterprise
    # settled: `top` candidates already beat anything reached through hubs alone
    settled = np.bincount(e[low > reach[e]], minlength=len(rows)) >= top
    # the k-th best partial score per enterprise: a pair below it even with every hub is out
    kth = kth_per_row(e, low, top, len(rows))
    hopeful = low + reach[e] >= kth[e] - 1e-9
    e, x, low = e[hopeful], x[hopeful], low[hopeful]
    total = np.round(low + gathered(to_hubs, weight, e, x), 12)
    redo = rows & ~settled
    if redo.any():
        _LOG.debug(
            "fill_candidates: %d of %d enterprises with every partner",
            int(redo.sum()),
            int(rows.sum()),
        )
        again = ~redo[e]
        e2, x2, v2 = supported(redo, None)
        e, x, total = (
            np.concatenate([e[again], e2]),
            np.concatenate([x[again], x2]),
            np.concatenate([total[again], v2]),
        )
    return e, x, total


#: Middles tied to more candidates than this are heavy (see :func:`_whole_scores`).
HEAVY_PARTNER = 256
#: …when they make more pairs than this together (else every middle is expanded).
HEAVY_PATHS = 4_000_000
#: Paths one block of enterprises expands at most (a lone row may pass it): each block's
#: scores are cut to its rows' best before the next is scored, so the temporaries stay
#: small enough for the allocator to reuse instead of mapping fresh zeroed pages.
BLOCK_PATHS = 1_000_000


def _whole_scores(
    undirected: sp.csr_array,
    asked: tuple[np.ndarray, np.ndarray],
    weight: np.ndarray,
    co: tuple[sp.csr_array, sp.csr_array],
    order: tuple[int, np.ndarray, np.ndarray],
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(enterprise, candidate, score rounded to 12 places) of each enterprise's ``top`` +
    ``extra`` best supported pairs of ``asked`` (row and column masks) by score, then
    ``rank`` (``order``: ``top``, then ``extra`` and ``rank`` per actor), as
    :func:`~ecox.queries.gaps.topk.row_top` gives them.

    The score runs through middles (:func:`weighted_factors`: shared partners, each
    adding its weight, and co-investment middles, each adding 1). A heavy middle (tied
    to more than :data:`HEAVY_PARTNER` candidates) makes as many pairs per enterprise,
    nearly all scored by it alone and tied. It is expanded only toward the candidates
    tied to two or more heavy middles; a candidate tied to one (``h``) gets the weight
    of ``h`` added where the enterprise is tied to ``h``, and of the candidates reached
    through ``h`` alone (all scoring that weight) only the lowest-ranked that could make
    the enterprise's best are listed. Exact. The enterprises are scored in blocks of
    about :data:`BLOCK_PATHS` paths, each cut to its rows' best before the next.
    """
    rows, cols = asked
    top, extra, rank = order
    want = top + extra
    left, right = weighted_factors(undirected, rows, cols, weight, None, co)
    n_middles, n = np.int64(right.shape[0]), np.int64(right.shape[1])
    col_deg = np.diff(right.indptr).astype(np.int64)
    row_deg = np.bincount(left.indices, minlength=n_middles)
    heavy = (col_deg > HEAVY_PARTNER) & (row_deg > 0)
    split = int(np.sum(col_deg[heavy] * row_deg[heavy])) > HEAVY_PATHS
    if split:  # else too few pairs through heavy middles to split
        right, to_heavy, lone, partner, tie_keys = _split_heavy(left, right, heavy)
    parts, found_keys, tie_hits = [], [], []
    for lo, hi in _row_blocks(left, np.diff(right.indptr)):
        block = row_slice(left, lo, hi)
        scores = sp.csr_array(block @ right)
        if split:
            x, v = scores.indices, scores.data
            at = np.flatnonzero(lone[x])
            e_at = np.searchsorted(scores.indptr, at, side="right") - 1 + lo  # each's row
            at_keys = e_at * n_middles + partner[x[at]]
            hit = present(tie_keys, at_keys)
            found, tie_at = at[hit], np.searchsorted(tie_keys, at_keys[hit])
            v[found] += to_heavy.data[tie_at]
            found_keys.append(e_at[hit] * n + x[found])
            tie_hits.append(tie_at)
        np.round(scores.data, 12, out=scores.data)
        reach = within_reach(scores, block, col_deg, want[lo:hi])
        e, x, v = row_top(reach, top, extra[lo:hi], rank)
        parts.append((e + lo, x, v))
    e, x, v = (np.concatenate([p[i] for p in parts]) for i in range(3))
    if not split:
        return e, x, v
    # candidates through one heavy middle alone: the lowest ranks of its lone candidates,
    # as many as the enterprise wants plus those already scored above
    tie_at = np.concatenate(tie_hits)
    listed = np.flatnonzero(lone)
    listed = listed[np.lexsort((rank[listed], partner[listed]))]
    start = np.concatenate([[0], np.cumsum(np.bincount(partner[listed], minlength=n_middles))])
    pe, ph = tie_keys // n_middles, tie_keys % n_middles
    take = np.minimum(want[pe] + np.bincount(tie_at, minlength=len(pe)), start[ph + 1] - start[ph])
    pair = np.repeat(np.arange(len(pe)), take)
    offset = np.arange(len(pair)) - np.repeat(np.cumsum(take) - take, take)
    e2, x2 = pe[pair], listed[start[ph[pair]] + offset]
    # a listed pair already scored reaches a lone candidate of its own heavy middle: found
    new = ~present(np.sort(np.concatenate(found_keys)), e2 * n + x2)
    e2, x2, pair = e2[new], x2[new], pair[new]
    # each row's best scored pairs and its listed ones, ranked together
    union = (
        np.concatenate([v, np.round(to_heavy.data[pair], 12)]),
        (np.concatenate([e, e2]), np.concatenate([x, x2])),
    )
    return row_top(sp.csr_array(union, shape=(left.shape[0], n)), top, extra, rank)


def _split_heavy(
    left: sp.csr_array, right: sp.csr_array, heavy: np.ndarray
) -> tuple[sp.csr_array, sp.csr_array, np.ndarray, np.ndarray, np.ndarray]:
    """The heavy middles split off for :func:`_whole_scores`: ``right`` keeping a heavy
    middle's entries only toward candidates tied to two or more heavy middles; the
    enterprises' ties to heavy middles (``to_heavy``, with their weights); which candidates
    are tied to one heavy middle (``lone``) and which (``partner``, else -1); the sorted
    keys (enterprise × middles + middle) of ``to_heavy``.

    >>> r = sp.csr_array(np.array([[1.0, 1.0], [0.0, 1.0]]))
    >>> _split_heavy(sp.csr_array(np.eye(2)), r, np.array([True, False]))[3].tolist()
    [0, 0]
    """
    n_middles, n = np.int64(right.shape[0]), np.int64(right.shape[1])
    to_heavy = mask_csr(left, np.ones(left.shape[0], dtype=bool), heavy)  # ties, weights
    # the entries of the heavy middles only (few middles, a small share of the entries)
    through = np.flatnonzero(heavy)
    sizes = right.indptr[through + 1] - right.indptr[through]
    through = np.repeat(through, sizes)  # each heavy entry's middle
    at = np.arange(len(through)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    at += right.indptr[through]  # each heavy entry's position in `right`
    heavy_ties = np.bincount(right.indices[at], minlength=n)
    # one product: light middles toward every candidate, heavy ones toward those with 2+
    keep = np.ones(right.nnz, dtype=bool)
    keep[at[heavy_ties[right.indices[at]] < 2]] = False
    # the one heavy middle of each other candidate, and where the enterprise has it too
    lone = heavy_ties == 1
    partner = np.full(n, -1, dtype=np.int64)
    single = lone[right.indices[at]]
    partner[right.indices[at[single]]] = through[single]
    tie_keys = keys(to_heavy, n_middles)  # sorted
    kept = np.flatnonzero(keep)
    pattern = (right.data[kept], right.indices[kept], np.searchsorted(kept, right.indptr))
    return sp.csr_array(pattern, shape=right.shape), to_heavy, lone, partner, tie_keys


def _row_blocks(left: sp.csr_array, reached: np.ndarray) -> list[tuple[int, int]]:
    """(start, stop) of consecutive rows of ``left`` expanding about :data:`BLOCK_PATHS`
    paths each in a product with a matrix whose rows hold ``reached`` entries each.

    >>> BLOCK_PATHS // 2 > 2, _row_blocks(sp.csr_array(np.eye(3)), np.array([1, 1, 1]))
    (True, [(0, 3)])
    """
    paths = np.zeros(left.nnz + 1, dtype=np.int64)
    np.cumsum(reached[left.indices], out=paths[1:])
    before = paths[left.indptr]  # paths of the rows before each row, and in all
    cuts = np.searchsorted(before, np.arange(BLOCK_PATHS, int(before[-1]), BLOCK_PATHS))
    edges = np.unique(np.concatenate([[0], cuts, [left.shape[0]]]))
    return list(zip(edges[:-1].tolist(), edges[1:].tolist(), strict=True))


def _hub_notes(
    scene: _Scene,
    missing: str,
    e: np.ndarray,
    via_hub: sp.csr_array,
    reasons: tuple[pa.Array, pa.Array],
) -> tuple[pa.Array, pa.Array]:
    """The reasons (English, Chinese) of ventures tied to a co-investment hub, saying it
    was not counted."""
    hub = first_per_row(*entries(via_hub)[:2], scene.rank_of, via_hub.shape[0])[e]
    count = np.diff(via_hub.indptr)[e]
    ties = np.bincount(via_hub.indices, minlength=via_hub.shape[1])
    kind = "backer" if missing != "investor" else "team member"
    noted = hub >= 0
    listed = np.unique(hub[noted])  # the hubs named: their tie counts written once each
    if not len(listed):
        return reasons
    at = np.maximum(hub, 0)
    many_text = pa.array([f"{int(ties[h]):,}" for h in listed.tolist()], type=TEXT)
    many = take(many_text, np.minimum(np.searchsorted(listed, at), len(listed) - 1))
    name, more = take(scene.names, at), count > 1
    more_en = when(more, concat(" and ", number_text(count - 1), " more"))
    note = concat("; co-investments through ", name, more_en,
                  f" not counted ({kind} tied to ", many, " ventures here: a hub)")  # fmt: skip
    note_zh = concat("；未计经", name, when(more, "等"), "的共同投资（枢纽：关联", many, "个企业）")
    return (
        when(noted, concat(reasons[0], note), reasons[0]),
        when(noted, concat(reasons[1], note_zh), reasons[1]),
    )


def _co_investor_names(
    missing: str,
    e: np.ndarray,
    x: np.ndarray,
    names: pa.Array,
    rank: np.ndarray,
    need: np.ndarray,
    middles: tuple[sp.csr_array, sp.csr_array],
    hubs: np.ndarray,
) -> tuple[pa.Array, pa.Array, pa.Array]:
    """One named co-investment path per pair (lowest ids): (text, Chinese text, path), "" when
    none.

    Only the pairs in ``need`` (those with a co-investor) are looked at; the
    others have no path by definition. ``middles``: :meth:`_Scene.middles`. Paths
    through ``hubs`` (not counted) are not named.
    """
    empty = pa.array(np.full(len(e), "", dtype=object), type=TEXT)
    asked = np.flatnonzero(need)
    if not len(asked):
        return empty, empty, empty
    e, x = e[asked], x[asked]
    # investor missing: a member of e's team, x backs their venture;
    # else: e's backer, x holds the role there
    holders, backed = middles
    if hubs.any():
        holders = mask_csr(holders, np.ones(holders.shape[0], dtype=bool), ~hubs)
    middle, venture = first_meeting(holders, backed, e, x, rank)
    found = np.flatnonzero(venture >= 0)
    mn, vn = take(names, middle[found]), take(names, venture[found])
    xn, en = take(names, x[found]), take(names, e[found])
    label = SCHEMA.role(missing).label_zh
    if missing == "investor":
        texts = (
            concat("backs ", vn, ", a venture of ", mn, " (in ", en, "'s team)"),
            concat("投资了", en, "团队成员", mn, "的", vn),
            concat(xn, " → ", vn, " ← ", mn, " → ", en),
        )
    else:
        texts = (
            concat(mn, ", which backs ", en, ", also backs ", vn, " where ", xn, f" is {missing}"),
            concat("投资", en, "的", mn, "也投资了", vn, "，", xn, f"是那里的{label}"),
            concat(en, " ← ", mn, " → ", vn, " ← ", xn),
        )
    at = np.full(len(empty), -1, dtype=np.int64)
    at[asked[found]] = np.arange(len(found))
    spread = pa.array(np.maximum(at, 0), mask=at < 0)
    text, zh, path = (pc.fill_null(t.take(spread), pa.scalar("", TEXT)) for t in texts)
    return text, zh, path
