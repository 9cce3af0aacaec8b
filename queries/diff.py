"""What changed between two editions of a graph: last week's and this week's.

:func:`graph_diff` compares two graphs as an operator reads them: actors and ties
added or gone, ventures completed or newly one link short, gaps closed or opened
(under-connected actors, suggested links that now exist), and brokers that rose or
fell in the ranking. One row per change, in :data:`DIFF_COLUMNS`:

* ``section``: ``actors``, ``ties``, ``ventures``, ``gaps`` or ``brokers``;
* ``change``: ``added``/``removed`` (actors, ties), ``completed``/``opened``/``left``
  (ventures), ``closed``/``opened`` (gaps), ``risen``/``fallen``/``entered``/``left``
  (brokers);
* ``key`` (an actor id, or ``source|TYPE|target`` for a tie), ``name``, ``type``;
* ``before``/``after``: the value compared (a rank, a missing role, a gap kind);
* ``detail``: evidence or reason, in the words of the newer graph where it has them;
  ``detail_zh`` the same in Chinese (the queries' ``reason_zh``; a quote as reported).

A tie is a (source, relation, target) triple: a new claim of a tie already known
adds evidence, not a tie, and is counted in ``detail`` of nothing (see
:func:`tie_counts`).

Examples
--------
>>> import ecox
>>> seed = ecox.seed()
>>> old = ecox.ClaimGraph.from_tables(seed.actors, seed.claims[seed.claims["type"] != "LENT_TO"])
>>> changes = graph_diff(old, seed)
>>> sorted(changes.loc[changes["section"] == "ties", "change"].unique())
['added']
>>> int((changes["section"] == "ties").sum()) == tie_counts(seed) - tie_counts(old)
True
>>> graph_diff(seed, seed).empty
True
"""

from __future__ import annotations

__all__ = ["DIFF_COLUMNS", "graph_diff", "tie_counts"]

import pandas as pd

from ecox.graph.claims import ClaimGraph
from ecox.graph.unnamed import unnamed_mask
from ecox.queries.brokers import brokers
from ecox.queries.gaps import missing_links, under_connected
from ecox.queries.triads import complete_triads, open_triads

DIFF_COLUMNS: tuple[str, ...] = (
    "section",
    "change",
    "key",
    "name",
    "type",
    "before",
    "after",
    "detail",
    "detail_zh",
)
#: Brokers compared: the first ``BROKER_TOP`` of either edition.
BROKER_TOP = 20


def _rows(
    section: str, change: str, frame: pd.DataFrame, *, explained: bool = False, **columns: object
) -> pd.DataFrame:
    """One section's rows; ``explained``: ``frame``'s ``reason`` and ``reason_zh`` are the
    ``detail`` and ``detail_zh``."""
    out = pd.DataFrame({c: frame.get(c) for c in ("key", "name", "type")})
    if explained:
        columns = {"detail": frame["reason"], "detail_zh": frame["reason_zh"], **columns}
    for column, value in columns.items():
        out[column] = value
    out.insert(0, "change", change)
    out.insert(0, "section", section)
    return out.reindex(columns=list(DIFF_COLUMNS))


def _named_ties(graph: ClaimGraph) -> pd.DataFrame:
    claims = graph.claims[~unnamed_mask(graph.claims)]
    names = dict(zip(graph.actors["id"], graph.actors["name"], strict=True))
    ties = claims.drop_duplicates(["source", "type", "target"]).copy()
    ties["key"] = ties["source"] + "|" + ties["type"].astype(str) + "|" + ties["target"]
    ties["name"] = (
        ties["source"].map(names)
        + " → "
        + ties["type"].astype(str)
        + " → "
        + ties["target"].map(names)
    )
    evidence = ties["evidence"] if "evidence" in ties else pd.Series("", index=ties.index)
    ties["detail"] = evidence.fillna("").astype(str)
    ties["detail_zh"] = ties["detail"]
    return ties.set_index("key", drop=False)


def tie_counts(graph: ClaimGraph) -> int:
    """Distinct named (source, relation, target) ties of ``graph``.

    >>> import ecox
    >>> tie_counts(ecox.seed()) <= len(ecox.seed().claims)
    True
    """
    return len(_named_ties(graph))


def _added(old: pd.DataFrame, new: pd.DataFrame) -> pd.DataFrame:
    return new.loc[~new.index.isin(old.index)]


def _actors(old: ClaimGraph, new: ClaimGraph) -> list[pd.DataFrame]:
    before = old.actors.set_index("id", drop=False).rename(columns={"id": "key", "types": "type"})
    after = new.actors.set_index("id", drop=False).rename(columns={"id": "key", "types": "type"})
    return [
        _rows("actors", "added", _added(before, after)),
        _rows("actors", "removed", _added(after, before)),
    ]


def _ties(old: ClaimGraph, new: ClaimGraph) -> list[pd.DataFrame]:
    before, after = _named_ties(old), _named_ties(new)
    added, removed = _added(before, after), _added(after, before)
    return [
        _rows(
            "ties",
            change,
            ties.assign(type=ties["type"].astype(str)),
            detail=ties["detail"],
            detail_zh=ties["detail_zh"],
        )
        for change, ties in (("added", added), ("removed", removed))
    ]


def _ventures(old: ClaimGraph, new: ClaimGraph, as_of: str | None) -> list[pd.DataFrame]:
    def frame(graph: ClaimGraph, complete: bool) -> pd.DataFrame:
        table = (complete_triads if complete else open_triads)(graph, as_of=as_of)
        table = table.drop_duplicates("enterprise").set_index("enterprise", drop=False)
        return table.rename(columns={"enterprise": "key", "enterprise_name": "name"})

    done_before, done_after = frame(old, True), frame(new, True)
    short_before, short_after = frame(old, False), frame(new, False)
    completed = _added(done_before, done_after)
    opened = _added(short_before, short_after)
    left = _added(short_after, short_before)
    left = left.loc[~left.index.isin(done_after.index)]
    missing = short_before["missing"]
    return [
        _rows(
            "ventures",
            "completed",
            completed,
            before=completed.index.map(missing).fillna(""),
            after="complete",
            explained=True,
        ),
        _rows("ventures", "opened", opened, after=opened["missing"], explained=True),
        _rows("ventures", "left", left, before=left["missing"]),
    ]


def _gaps(old: ClaimGraph, new: ClaimGraph, as_of: str | None) -> list[pd.DataFrame]:
    def flagged(graph: ClaimGraph) -> pd.DataFrame:
        table = under_connected(graph, as_of=as_of).rename(columns={"node": "key"})
        return table.set_index(table["key"] + "|" + table["gap"].astype(str))

    before, after = flagged(old), flagged(new)
    closed, opened = _added(after, before), _added(before, after)
    suggested = missing_links(old, as_of=as_of)
    keys = suggested["source"] + "|" + suggested["relation"].astype(str) + "|" + suggested["target"]
    now_tied = suggested.loc[keys.isin(_named_ties(new).index).to_numpy()]
    linked = pd.DataFrame(
        {
            "key": now_tied["source"] + "|" + now_tied["target"],
            "name": now_tied["source_name"] + " — " + now_tied["target_name"],
            "type": now_tied["relation"].astype(str),
        }
    )
    return [
        *(
            _rows("gaps", change, rows, **{side: rows["gap"]}, explained=True)
            for change, rows, side in (("closed", closed, "before"), ("opened", opened, "after"))
        ),
        _rows(
            "gaps",
            "closed",
            linked,
            before="suggested link",
            after="linked",
            detail=now_tied["reason"].to_numpy(),
            detail_zh=now_tied["reason_zh"].to_numpy(),
        ),
    ]


def _brokers(old: ClaimGraph, new: ClaimGraph, as_of: str | None) -> list[pd.DataFrame]:
    def ranks(graph: ClaimGraph, reasons: bool | list[str] = False) -> pd.DataFrame:
        table = brokers(graph, as_of=as_of, progress=False, reasons=reasons)
        table = table.assign(rank=range(1, len(table) + 1)).rename(columns={"node": "key"})
        return table.set_index("key", drop=False)

    before, after = ranks(old), ranks(new)
    watched = before.index[before["rank"] <= BROKER_TOP].union(
        after.index[after["rank"] <= BROKER_TOP]
    )
    after = ranks(new, reasons=list(watched.intersection(after.index)))  # words for shown rows
    both = watched.intersection(before.index).intersection(after.index)
    old_rank, new_rank = before.loc[both, "rank"], after.loc[both, "rank"]
    moved = after.loc[both].assign(before=old_rank, after=new_rank)
    risen = moved.loc[new_rank < old_rank].sort_values("after")
    fallen = moved.loc[new_rank > old_rank].sort_values("after")
    entered = after.loc[watched.difference(before.index)]
    left = before.loc[watched.difference(after.index)]
    return [
        *(
            _rows(
                "brokers",
                change,
                rows,
                before=rows["before"],
                after=rows["after"],
                explained=True,
            )
            for change, rows in (("risen", risen), ("fallen", fallen))
        ),
        _rows("brokers", "entered", entered, after=entered["rank"], explained=True),
        _rows("brokers", "left", left, before=left["rank"]),
    ]


def graph_diff(old: ClaimGraph, new: ClaimGraph, *, as_of: str | None = None) -> pd.DataFrame:
    """Every change from ``old`` to ``new``, one row each, in :data:`DIFF_COLUMNS`.

    Parameters
    ----------
    old, new : ClaimGraph
        Last edition and this one (e.g. before and after ``ecox update``).
    as_of : str, optional
        Compare the ventures, gaps and brokers as known by this date in both.
    """
    parts = [
        *_actors(old, new),
        *_ties(old, new),
        *_ventures(old, new, as_of),
        *_gaps(old, new, as_of),
        *_brokers(old, new, as_of),
    ]
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=list(DIFF_COLUMNS))
    table = pd.concat(parts, ignore_index=True)
    return table.astype({"before": object, "after": object})
