"""Fund-of-funds chains: how capital reaches an enterprise through funds and managers.

A *chain* is a directed path along the capital relations ``COMMITTED_TO``
(a mother fund, LP or government commits to a fund or its manager),
``MANAGES`` (a manager runs a fund) and ``INVESTED_IN`` (a fund or investor
takes equity), e.g. ``母基金 —COMMITTED_TO→ 子基金 —INVESTED_IN→ enterprise``
or ``母基金 —COMMITTED_TO→ manager —MANAGES→ 子基金 —INVESTED_IN→ enterprise``,
with

- at least two hops, at most ``max_hops``;
- every actor in between holding the Fund or Investor type;
- the last actor holding the Enterprise type;
- no actor twice;
- maximal: a chain that is the tail of a longer listed chain is not listed
  again (the longer one shows where the money came from).

Each hop carries the amounts its links report (summed per currency over the
relations between the pair). ``total_<CUR>`` adds the stated hop amounts per
currency along the chain: the capital committed or invested at each step, not
the money that reached the enterprise (a hop with no amount adds nothing).

Examples
--------
>>> from ecox.graph.claims import ClaimGraph
>>> g = ClaimGraph.build(
...     actors=[("母基金", ["Fund"], []), ("子基金", ["Fund"], []), ("公司", ["Enterprise"], [])],
...     claims=[{"source": "母基金", "target": "子基金", "type": "COMMITTED_TO",
...              "amount": 5e7, "currency": "CNY"},
...             {"source": "子基金", "target": "公司", "type": "INVESTED_IN",
...              "amount": 1e7, "currency": "CNY"}],
... )
>>> c = fund_chains(g)
>>> c.loc[0, "path"]
'母基金 —COMMITTED_TO 50,000,000 CNY→ 子基金 —INVESTED_IN 10,000,000 CNY→ 公司'
>>> int(c.loc[0, "hops"]), float(c.loc[0, "total_CNY"])
(2, 60000000.0)
"""

from __future__ import annotations

from ecox.graph.schema import EdgeType, NodeType

__all__ = ["CHAIN_COLUMNS", "CHAIN_RELATIONS", "fund_chains"]

import itertools
import logging
from collections.abc import Iterator

import numpy as np
import pandas as pd

from ecox.queries.inputs import GraphInput, analysis_of

logger = logging.getLogger(__name__)

#: Relations a chain follows.
CHAIN_RELATIONS: tuple[str, ...] = (EdgeType.COMMITTED_TO, EdgeType.MANAGES, EdgeType.INVESTED_IN)
#: Fixed columns of :func:`fund_chains`; ``total_<CURRENCY>`` columns follow.
CHAIN_COLUMNS: tuple[str, ...] = (
    "source",
    "target",
    "hops",
    "via",
    "path",
    "hop_amounts",
    "reason",
)

#: Per linked pair ``(source, target)``: its relations ``|``-joined, its amounts per currency.
HopInfo = dict[tuple[str, str], tuple[str, dict[str, float]]]
_INTERMEDIATE = (NodeType.FUND, NodeType.INVESTOR)
_VERBS: dict[str, str] = {
    EdgeType.COMMITTED_TO: "commits to",
    EdgeType.MANAGES: "manages",
    EdgeType.INVESTED_IN: "invests in",
}


def _money(amount: float, currency: str) -> str:
    return f"{amount:,.0f} {currency}"


def fund_chains(
    G: GraphInput,
    *,
    max_hops: int = 4,
    max_chains: int | None = 100_000,
    as_of: str | None = None,
) -> pd.DataFrame:
    """Every maximal fund-of-funds chain ending at an enterprise, one row per chain.

    Parameters
    ----------
    G : ClaimGraph, AnalysisGraph or networkx graph
        Any input of :func:`queries.inputs.analysis_of`; not changed.
    max_hops : int, default 4
        Longest chain followed.
    max_chains : int or None, default 100000
        Stop after finding this many chains (maximal or not; the search runs
        in id order, so the same ones every time) and set
        ``attrs["truncated"]``; on large dense fund graphs the number of
        chains grows fast. ``None``: no limit.
    as_of : str, optional
        Only claims known by this date.

    Returns
    -------
    pandas.DataFrame
        ``source`` (where the chain starts) and ``target`` (the enterprise)
        as ids, ``hops``, ``via`` (the ids in between, ``|``-joined),
        ``path`` (names, relations and amounts in words), ``hop_amounts``
        (per hop, ``; ``-joined, ``?`` where none is reported), ``reason``,
        then ``total_<CUR>`` per currency (NaN when no hop states one).
        Sorted by ``source``, ``target``, then ``via``. ``attrs["truncated"]``
        says whether ``max_chains`` stopped the search.

    Examples
    --------
    >>> import ecox
    >>> print(fund_chains(ecox.seed()).loc[0, "reason"])
    秦创原科技创新投资股份有限公司 manages 陕西省级科创母基金,
    which invests in 陕西华鹰众行航空科技有限公司 (30,000,000 CNY)
    """
    if max_hops < 2:
        raise ValueError(f"max_hops must be at least 2, got {max_hops}")
    ag = analysis_of(G, as_of=as_of)
    adj = ag.adjacency
    ids = [str(x) for x in adj.ids]
    names = dict(zip(ids, ag.actors["name"].astype(str), strict=True))
    middle = dict(zip(ids, adj.has_any_type(_INTERMEDIATE).tolist(), strict=True))
    is_enterprise = dict(zip(ids, adj.has_type(NodeType.ENTERPRISE).tolist(), strict=True))

    links = ag.links[ag.links["type"].isin(CHAIN_RELATIONS)]
    currencies = sorted(c[len("amount_") :] for c in links.columns if c.startswith("amount_"))
    hop_info = _hop_info(links, currencies)
    out: dict[str, list[str]] = {}
    for u, v in hop_info:
        out.setdefault(u, []).append(v)
    for targets in out.values():
        targets.sort()

    found, truncated = _walk_chains(out, middle, is_enterprise, max_hops, max_chains)
    tails = {c[i:] for c in found for i in range(1, len(c) - 2)}
    chains = sorted(
        {c for c in found if c not in tails}, key=lambda c: (c[0], c[-1], "|".join(c[1:-1]))
    )
    logger.debug("fund chains: %d found, %d maximal", len(found), len(chains))

    rows = [_chain_row(chain, hop_info, names, currencies) for chain in chains]
    columns = [*CHAIN_COLUMNS, *(f"total_{c}" for c in currencies)]
    frame = pd.DataFrame(rows, columns=columns)
    frame["hops"] = frame["hops"].astype(np.int64)
    for cur in currencies:
        frame[f"total_{cur}"] = frame[f"total_{cur}"].astype(np.float64)
    frame.attrs["truncated"] = truncated
    return frame


def _hop_info(links: pd.DataFrame, currencies: list[str]) -> HopInfo:
    """The :data:`HopInfo` of the chain ``links``."""
    hop_info: HopInfo = {}
    for (u, v), group in links.groupby(["source", "target"], sort=True):
        rels = "|".join(sorted(group["type"]))
        amounts = {}
        for cur in currencies:
            values = group[f"amount_{cur}"].dropna()
            if len(values):
                amounts[cur] = float(values.sum())
        hop_info[(str(u), str(v))] = (rels, amounts)
    return hop_info


def _walk_chains(
    out: dict[str, list[str]],
    middle: dict[str, bool],
    is_enterprise: dict[str, bool],
    max_hops: int,
    max_chains: int | None,
) -> tuple[list[tuple[str, ...]], bool]:
    """Every chain from each start in id order, and whether ``max_chains`` stopped the search."""

    def walk(path: list[str]) -> Iterator[list[str]]:
        last = path[-1]
        for nxt in out.get(last, ()):
            if nxt in path:
                continue
            extended = [*path, nxt]
            if len(extended) >= 3 and is_enterprise[nxt]:
                yield extended
            if len(extended) <= max_hops and middle[nxt]:
                yield from walk(extended)

    found: list[tuple[str, ...]] = []
    truncated = False
    for start in sorted(out):
        for walked in walk([start]):
            if max_chains is not None and len(found) >= max_chains:
                truncated = True
                break
            found.append(tuple(walked))
        if truncated:
            logger.warning("fund chains: stopped after %d chains (max_chains)", max_chains)
            break
    return found, truncated


def _chain_row(
    chain: tuple[str, ...], hop_info: HopInfo, names: dict[str, str], currencies: list[str]
) -> dict[str, object]:
    """One row of :func:`fund_chains`: the chain in names, relations and amounts."""
    text = names[chain[0]]
    per_hop: list[str] = []
    totals: dict[str, float] = {}
    words: list[str] = []
    for u, v in itertools.pairwise(chain):
        rels, amounts = hop_info[(u, v)]
        money = ", ".join(_money(a, c) for c, a in amounts.items())
        text += f" —{rels}{' ' + money if money else ''}→ {names[v]}"
        per_hop.append(money or "?")
        for cur, amount in amounts.items():
            totals[cur] = totals.get(cur, 0.0) + amount
        verb = " and ".join(_VERBS[r] for r in rels.split("|"))
        words.append(f"{verb} {names[v]}{' (' + money + ')' if money else ''}")
    reason = f"{names[chain[0]]} " + ", which ".join(words)
    row: dict[str, object] = {
        "source": chain[0],
        "target": chain[-1],
        "hops": len(chain) - 1,
        "via": "|".join(chain[1:-1]),
        "path": text,
        "hop_amounts": "; ".join(per_hop),
        "reason": reason,
    }
    for cur in currencies:
        row[f"total_{cur}"] = totals.get(cur, np.nan)
    return row
