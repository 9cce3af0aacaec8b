"""The five network views, each a self-contained HTML page (a string).

======================  ======================================================
view                    shows
======================  ======================================================
``ecosystem``           every actor (or the ``top`` N), sized by a score
``ego``                 one actor and its neighbourhood to ``hops`` links
``triads``              ventures with their scientist, entrepreneur and
                        investor; complete triads drawn thick, one-link-short
                        ones with a dashed link to the best candidate
``gaps``                suggested links dashed, their reason on hover;
                        under-connected actors ringed
``brokers``             the top brokers labelled and sized, role mix on hover
======================  ======================================================

Every page has a legend with type check boxes, a search box (name or alias),
an evidence pane (click a link: the claims behind it) and an actor pane (click
an actor: types, aliases, scores and their ranks). The analysis itself comes
from :mod:`queries` (``brokers``, ``triads``, ``gaps``); a query module this
version lacks is reported on the page as not available, and the rest of the
page still works.

Examples
--------
>>> import ecox
>>> html = render(ecox.seed(), view="ecosystem")
>>> html.startswith("<!DOCTYPE html>") and "vis.Network" in html
True
>>> from ecox.viz.page import remote_urls
>>> remote_urls(html)
[]
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from pyvis.network import Network

from ecox.graph.lookup import find_actor as lookup_actor
from ecox.graph.schema import SCHEMA
from ecox.queries.brokerage import ROLES
from ecox.queries.brokers import brokers
from ecox.viz.explore import explore_controls, explore_data, search_box
from ecox.viz.network import (
    RELATION_LABELS,
    SIZE_BY,
    TYPE_LABELS,
    SuggestedEdge,
    ViewInput,
    actor_scores,
    neighbourhood,
    styled_network,
    top_actors,
)
from ecox.viz.page import esc, page
from ecox.viz.subgraph import DRAWN_LIMIT, drawn_actors, drawn_limit

__all__ = [
    "VIEWS",
    "NetworkView",
    "brokers_view",
    "ecosystem_view",
    "ego_view",
    "find_actor",
    "gaps_view",
    "network_block",
    "optional_query",
    "render",
    "top_broker",
    "triads_view",
    "view_page",
]

logger = logging.getLogger(__name__)

#: View names accepted by :func:`render` and ``ecox render --view``.
VIEWS: tuple[str, ...] = ("ecosystem", "ego", "triads", "gaps", "brokers")
#: Text shown where a query module is missing.
NOT_AVAILABLE = "not available in this version"
_TRIAD_ROLES = ("scientist", "entrepreneur", "investor")


@dataclass
class NetworkView:
    """A view before it becomes HTML: the pyvis network plus what the panes need.

    Attributes
    ----------
    title, subtitle
        Plain text for the page header.
    network
        The pyvis ``Network`` (styled node and edge lists).
    claims
        Claim rows the edges point to (evidence pane).
    scores
        :func:`viz.network.actor_scores` of every actor (for ranks in the actor pane).
    size_by
        The score nodes are sized by.
    notices
        Plain-text remarks shown in the side bar (e.g. a query not available).
    keys
        Which symbols the key explains: ``suggested``, ``emphasis``,
        ``highlight``, ``under-connected``.
    source
        The tables the view was drawn from (for the page's exploring data).
    """

    title: str
    subtitle: str
    network: Network
    claims: list[dict[str, Any]]
    scores: pd.DataFrame
    size_by: str
    notices: list[str] = field(default_factory=list)
    keys: tuple[str, ...] = ()
    source: ViewInput | None = None

    @property
    def node_count(self) -> int:
        """Number of actors drawn (unnamed group nodes not counted)."""
        return sum(1 for n in self.network.nodes if not n.get("ecoxUnnamed"))

    @property
    def unnamed_count(self) -> int:
        """Number of unnamed group nodes drawn (ties to counterparts the reports do not name)."""
        return len(self.network.nodes) - self.node_count

    @property
    def edge_count(self) -> int:
        """Number of links drawn (one per linked pair, plus suggested links)."""
        return len(self.network.edges)


def optional_query(module: str, name: str) -> Callable[..., Any] | None:
    """``queries.<module>.<name>`` if this version has it, else ``None`` (logged).

    >>> optional_query("brokerage", "brokerage_roles").__name__
    'brokerage_roles'
    >>> optional_query("no_such_module", "f") is None
    True
    """
    try:
        loaded = importlib.import_module(f"ecox.queries.{module}")
    except ImportError as error:
        logger.info("queries.%s is not available: %s", module, error)
        return None
    found = getattr(loaded, name, None)
    if found is None:
        logger.info("queries.%s has no %s", module, name)
    return found


def find_actor(view: ViewInput, query: str) -> str:
    """The id of the actor ``query`` designates, by :func:`ecox.graph.lookup.find_actor`.

    >>> import ecox
    >>> v = ViewInput.of(ecox.seed())
    >>> v.analysis.name_of(find_actor(v, "温医大眼视光医院"))
    '温州医科大学附属眼视光医院'
    """
    return lookup_actor(view.actors, query)


def _ids(frame: pd.DataFrame, column: str) -> list[str]:
    if column not in frame.columns:
        return []
    return [str(v) for v in frame[column] if v is not None and v is not pd.NA and str(v) != "nan"]


def _value(row: Mapping[str, Any], column: str) -> str | None:
    value = row.get(column)
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value)


def _score(row: Mapping[str, Any]) -> float | None:
    """The row's ``score`` as a float, ``None`` when absent or missing."""
    score = row.get("score")
    return None if score is None or pd.isna(score) else float(score)


def _size_note(size_by: str) -> str:
    return {
        "degree": "node size: number of partners",
        "betweenness": "node size: broker score (share of all actor pairs whose shortest paths "
        "pass through)",
        "brokerage": "node size: brokerage (pairs of unlinked partners, Gould–Fernandez)",
    }[size_by]


def _make_view(
    view: ViewInput,
    title: str,
    subtitle: str,
    *,
    scores: pd.DataFrame,
    size_by: str,
    notices: Sequence[str] = (),
    keys: tuple[str, ...] = (),
    limit: int = DRAWN_LIMIT,
    **style: Any,
) -> NetworkView:
    """Style the view's actors (at most ``limit`` drawn, see :func:`_readable`)."""
    if style.get("actors") is not None or len(view.actors) > limit:
        wanted = (
            [str(a) for a in view.actors["id"]] if style.get("actors") is None else style["actors"]
        )
        first = list(style.get("highlight") or {})
        style["actors"], cut = drawn_actors(view.analysis, wanted, scores, size_by, first, limit)
        notices = [*cut, *notices]
    net, claims = styled_network(view, scores=scores, size_by=size_by, **style)
    return NetworkView(
        title=title,
        subtitle=subtitle,
        network=net,
        claims=claims,
        scores=scores,
        size_by=size_by,
        notices=list(notices),
        keys=keys,
        source=view,
    )


def _check_size_by(size_by: str) -> None:
    if size_by not in SIZE_BY:
        raise ValueError(f"unknown size score {size_by!r}; choose one of {list(SIZE_BY)}")


def _as_of_text(as_of: str | None) -> str:
    return f" · as of {as_of}" if as_of else ""


def ecosystem_view(
    graph: Any,
    *,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str = "degree",
    view: ViewInput | None = None,
) -> NetworkView:
    """Every actor, or (above ``top``, default :data:`viz.subgraph.DRAWN_LIMIT`) a connected
    part: the most important by ``size_by`` and the shortest paths that join them.

    >>> import ecox
    >>> v = ecosystem_view(ecox.seed(), top=20)
    >>> v.node_count
    20
    """
    _check_size_by(size_by)
    view = view or ViewInput.of(graph, as_of=as_of)
    scores = actor_scores(view.analysis)
    total = len(view.actors)
    everyone = [str(a) for a in view.actors["id"]]
    limit = DRAWN_LIMIT if top is None else top
    actors, notices = drawn_actors(view.analysis, everyone, scores, size_by, (), limit)
    subtitle = f"{len(actors)} of {total} actors" + _as_of_text(as_of) + f" · {_size_note(size_by)}"
    return _make_view(
        view,
        "Ecosystem",
        subtitle,
        scores=scores,
        limit=drawn_limit(top),
        size_by=size_by,
        notices=notices,
        actors=actors,
    )


def ego_view(
    graph: Any,
    focus: str | None = None,
    *,
    hops: int = 1,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str = "degree",
    view: ViewInput | None = None,
) -> NetworkView:
    """One actor and everyone within ``hops`` links (default focus: the top broker).

    ``top`` keeps the focus and the ``top - 1`` most important others.

    >>> import ecox
    >>> v = ego_view(ecox.seed(), "温州医科大学附属眼视光医院", hops=1)
    >>> v.title
    'Ego network: 温州医科大学附属眼视光医院'
    """
    _check_size_by(size_by)
    if hops < 0:
        raise ValueError("hops must be 0 or more")
    view = view or ViewInput.of(graph, as_of=as_of)
    scores = actor_scores(view.analysis)
    centre = find_actor(view, focus) if focus else top_broker(view)
    if centre is None:
        return _make_view(
            view, "Ego network", "no actor" + _as_of_text(as_of), scores=scores,
            size_by=size_by, actors=[], notices=["The graph has no actor to centre on."],
        )  # fmt: skip
    actors = neighbourhood(view.analysis, [centre], hops)
    if top is not None and len(actors) > top:
        others = top_actors(
            scores.loc[[a for a in actors if a != centre]], max(top - 1, 0), by=size_by
        )
        actors = [centre, *others]
    name = view.analysis.name_of(centre)
    subtitle = f"{len(actors)} actors within {hops} link{'s' if hops != 1 else ''}" + _as_of_text(
        as_of
    )
    return _make_view(
        view,
        f"Ego network: {name}",
        subtitle,
        scores=scores,
        limit=drawn_limit(top),
        size_by=size_by,
        actors=actors,
        highlight={centre: "focus"},
        keys=("highlight",),
    )


def top_broker(view: ViewInput) -> str | None:
    """The first actor of :func:`queries.brokers.brokers` (the highest broker score);
    ``None`` when the graph has no actor.

    >>> import ecox
    >>> v = ViewInput.of(ecox.seed())
    >>> v.analysis.name_of(top_broker(v))
    '瑞安农商银行'
    """
    table = brokers(view.analysis, top=1)
    return str(table["node"].iloc[0]) if len(table) else None


def _best_candidates(view: ViewInput) -> dict[tuple[str, str], SuggestedEdge]:
    """(venture, missing role) → a dashed link from the best candidate (``fill_candidates``)."""
    fill = optional_query("gaps", "fill_candidates")
    if fill is None:
        return {}
    found: dict[tuple[str, str], SuggestedEdge] = {}
    for row in fill(view.analysis, top=1).to_dict("records"):
        key = (str(row["enterprise"]), str(row["missing"]))
        if key in found or _value(row, "candidate") is None:  # no candidate: nothing to draw
            continue
        found[key] = SuggestedEdge(
            str(row["candidate"]),
            key[0],
            _value(row, "reason") or f"could fill the {key[1]} role",
            kind=f"missing {key[1]}",
            score=_score(row),
        )
    return found


@dataclass
class _Marks:
    """What a view adds to the plain network: the actors it shows and how they are marked."""

    actors: list[str] = field(default_factory=list)
    highlight: dict[str, str] = field(default_factory=dict)
    notes: dict[str, list[str]] = field(default_factory=dict)
    emphasis: set[frozenset[str]] = field(default_factory=set)
    suggested: list[SuggestedEdge] = field(default_factory=list)


def _triad_table(view: ViewInput, name: str, top: int | None) -> pd.DataFrame | None:
    """``queries.triads.<name>`` of the view (its first ``top`` rows), ``None`` if not available."""
    query = optional_query("triads", name)
    if query is None:
        return None
    table = query(view.analysis)
    return table if top is None else table.head(top)


def _triad_rows(
    table: pd.DataFrame,
) -> Iterator[tuple[dict[str, Any], str, list[str]]]:
    """(row, venture, named members) of each triad row that names its venture."""
    for row in table.to_dict("records"):
        venture = _value(row, "enterprise")
        if venture is not None:
            yield row, venture, [m for m in (_value(row, r) for r in _TRIAD_ROLES) if m]


def _mark_complete_triads(view: ViewInput, top: int | None, marks: _Marks) -> str:
    """Add the complete triads (thick links) to ``marks``; return the notice."""
    complete = _triad_table(view, "complete_triads", top)
    if complete is None:
        return f"Complete triads: {NOT_AVAILABLE}."
    for row, venture, members in _triad_rows(complete):
        marks.actors.extend([venture, *members])
        marks.highlight[venture] = "complete triad"
        for member in members:
            marks.emphasis.add(frozenset((venture, member)))
            marks.highlight.setdefault(member, "triad member")
        if _value(row, "reason"):
            marks.notes.setdefault(venture, []).append(str(row["reason"]))
    return f"{len(complete)} complete triad(s) shown with thick links."


def _mark_open_triads(
    view: ViewInput,
    top: int | None,
    candidates: Mapping[tuple[str, str], SuggestedEdge],
    marks: _Marks,
) -> str:
    """Add the one-link-short triads and their best candidate (dashed) to ``marks``;
    return the notice."""
    partial = _triad_table(view, "open_triads", top)
    if partial is None:
        return f"One-link-short triads: {NOT_AVAILABLE}."
    for row, venture, members in _triad_rows(partial):
        marks.actors.extend([venture, *members])
        marks.highlight.setdefault(venture, "one link short")
        missing = _value(row, "missing") or "a role"
        reason = _value(row, "reason") or f"missing {missing}"
        marks.notes.setdefault(venture, []).append(reason)
        best = candidates.get((venture, missing))
        if best is not None:
            marks.actors.append(best.source)
            marks.suggested.append(best)
    return f"{len(partial)} one-link-short triad(s); a dashed link marks a candidate."


def triads_view(
    graph: Any,
    *,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str = "degree",
    view: ViewInput | None = None,
) -> NetworkView:
    """Ventures with their scientist, entrepreneur and investor.

    Complete triads (``queries.triads.complete_triads``) are drawn with thick
    links; one-link-short triads (``open_triads``) get a dashed link from the
    best candidate for the missing role (``queries.gaps.fill_candidates``) to the venture.
    ``top`` caps each list.
    """
    _check_size_by(size_by)
    view = view or ViewInput.of(graph, as_of=as_of)
    scores = actor_scores(view.analysis)
    candidates = _best_candidates(view)
    notices: list[str] = []
    if optional_query("gaps", "fill_candidates") is None:
        notices.append(f"Candidates for a missing role: {NOT_AVAILABLE}.")
    marks = _Marks()
    notices.append(_mark_complete_triads(view, top, marks))
    notices.append(_mark_open_triads(view, top, candidates, marks))
    actors = list(dict.fromkeys(marks.actors))
    subtitle = f"{len(actors)} actors in triads" + _as_of_text(as_of)
    return _make_view(
        view,
        "Scientist–entrepreneur–investor triads",
        subtitle,
        scores=scores,
        limit=drawn_limit(top),
        size_by=size_by,
        notices=notices,
        keys=("emphasis", "suggested", "highlight"),
        actors=actors,
        highlight=marks.highlight,
        notes=marks.notes,
        emphasis=marks.emphasis,
        suggested=marks.suggested,
    )


def _mark_missing_links(view: ViewInput, limit: int, marks: _Marks) -> str:
    """Add up to ``limit`` suggested links (``missing_links``, dashed) to ``marks``;
    return the notice."""
    links_fn = optional_query("gaps", "missing_links")
    if links_fn is None:
        return f"Suggested links: {NOT_AVAILABLE}."
    found = links_fn(view.analysis, top=limit)
    for row in found.to_dict("records"):
        source, target = str(row["source"]), str(row["target"])
        marks.suggested.append(
            SuggestedEdge(
                source,
                target,
                _value(row, "reason") or "suggested by the link predictor",
                kind="gap",
                score=_score(row),
            )
        )
        marks.actors.extend([source, target])
    return f"{len(found)} suggested link(s), dashed; hover for the reason."


def _mark_fill_candidates(view: ViewInput, limit: int, marks: _Marks) -> str | None:
    """Add up to ``limit`` best candidates for a one-link-short triad (dashed) to ``marks``,
    skipping pairs already suggested; return the notice (``None`` without ``fill_candidates``)."""
    fills = list(_best_candidates(view).values())[:limit]
    if optional_query("gaps", "fill_candidates") is None:
        return None
    drawn = {frozenset((e.source, e.target)) for e in marks.suggested}
    for fill in fills:
        if frozenset((fill.source, fill.target)) in drawn:
            continue
        marks.suggested.append(fill)
        marks.actors.extend([fill.source, fill.target])
    return (
        f"{len(fills)} candidate(s) to complete a one-link-short triad, dashed; "
        "hover for the reason."
    )


def _mark_under_connected(view: ViewInput, limit: int, marks: _Marks) -> str:
    """Ring up to ``limit`` under-connected actors in ``marks``; return the notice."""
    under_fn = optional_query("gaps", "under_connected")
    if under_fn is None:
        return f"Under-connected actors: {NOT_AVAILABLE}."
    under = under_fn(view.analysis).head(limit)
    for row in under.to_dict("records"):
        actor = str(row["node"])
        marks.actors.append(actor)
        marks.highlight[actor] = "under-connected"
        marks.notes.setdefault(actor, []).append(_value(row, "reason") or _value(row, "gap") or "")
    return f"{len(under)} under-connected actor(s), dashed ring."


def gaps_view(
    graph: Any,
    *,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str = "degree",
    view: ViewInput | None = None,
) -> NetworkView:
    """Suggested links dashed, under-connected actors ringed.

    Suggested links are ``queries.gaps.missing_links`` and, for each triad one
    link short, the best candidate of ``queries.gaps.fill_candidates``.

    Shows the actors the suggestions touch and their direct partners (the
    partners are left out above 300 actors). ``top`` caps the suggestions
    (default 40).
    """
    _check_size_by(size_by)
    view = view or ViewInput.of(graph, as_of=as_of)
    scores = actor_scores(view.analysis)
    limit = 40 if top is None else top
    marks = _Marks()
    notices = [_mark_missing_links(view, limit, marks)]
    fill_notice = _mark_fill_candidates(view, limit, marks)
    if fill_notice is not None:
        notices.append(fill_notice)
    notices.append(_mark_under_connected(view, limit, marks))
    seeds = list(dict.fromkeys(marks.actors))
    actors = neighbourhood(view.analysis, seeds, 1) if seeds else []
    if len(actors) > 300:
        actors = seeds
    subtitle = f"{len(marks.suggested)} suggested links among {len(actors)} actors" + _as_of_text(
        as_of
    )
    return _make_view(
        view,
        "Gaps and suggested links",
        subtitle,
        scores=scores,
        limit=drawn_limit(top),
        size_by=size_by,
        notices=notices,
        keys=("suggested", "under-connected"),
        actors=actors,
        highlight=marks.highlight,
        notes=marks.notes,
        suggested=marks.suggested,
        labelled=seeds if len(actors) > 80 else None,
    )


def brokers_view(
    graph: Any,
    *,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str = "betweenness",
    view: ViewInput | None = None,
) -> NetworkView:
    """The top brokers (``queries.brokers.brokers``, default 15) with their partners.

    Brokers are labelled, ringed and sized by ``size_by``; hovering shows their
    role mix (coordinator, itinerant, representative, gatekeeper, liaison) and
    the reason the query gives.
    """
    _check_size_by(size_by)
    view = view or ViewInput.of(graph, as_of=as_of)
    scores = actor_scores(view.analysis)
    limit = 15 if top is None else top
    notices: list[str] = []
    notes: dict[str, list[str]] = {}
    table = brokers(view.analysis, top=limit)
    chosen = [str(a) for a in table["node"]]
    for rank, row in enumerate(table.to_dict("records"), start=1):
        mix = [f"{role} {int(row[role])}" for role in ROLES if row[role]]
        lines = [
            f"broker #{rank}: broker score {row['broker_score']:.3g} "
            f"({row['pairs']:,.0f} pairs), brokerage {int(row['brokerage'])}"
        ]
        if mix:
            lines.append("roles: " + ", ".join(mix))
        if _value(row, "reason"):
            lines.append(str(row["reason"]))
        notes[str(row["node"])] = lines
    notices.append(f"Top {len(chosen)} brokers, ringed and labelled; hover for their role mix.")
    actors = neighbourhood(view.analysis, chosen, 1)
    subtitle = f"{len(chosen)} brokers and {len(actors) - len(chosen)} partners" + _as_of_text(
        as_of
    )
    return _make_view(
        view,
        "Brokers",
        subtitle,
        scores=scores,
        limit=drawn_limit(top),
        size_by=size_by,
        notices=notices,
        keys=("highlight",),
        actors=actors,
        highlight=dict.fromkeys(chosen, "broker"),
        notes=notes,
        labelled=chosen if len(actors) > 80 else None,
    )


def _type_legend(view: NetworkView) -> list[dict[str, Any]]:
    counts: dict[str, int] = {}
    for node in view.network.nodes:
        primary = (node.get("ecoxTypes") or ["?"])[0]
        counts[primary] = counts.get(primary, 0) + 1
    return [
        {"name": name, "colour": spec.colour, "shape": spec.shape, "count": counts[name]}
        for name, spec in SCHEMA.nodes.items()
        if name in counts
    ]


def _ranks(view: NetworkView) -> dict[str, dict[str, int]]:
    shown = {str(n["id"]) for n in view.network.nodes}
    ranks: dict[str, dict[str, int]] = {}
    for column in view.scores.columns:
        order = view.scores[column].rank(method="min", ascending=False)
        ranks[column] = {a: int(r) for a, r in order.items() if a in shown}
    return ranks


_KEY_HTML = {
    "suggested": '<div><span class="dash"></span>suggested link (no report yet)</div>',
    "emphasis": '<div><span class="thick"></span>link of a complete triad</div>',
    "highlight": '<div><span class="ring"></span>highlighted actor (see pane)</div>',
    "under-connected": (
        '<div><span class="ring" style="border-style:dashed"></span>under-connected actor</div>'
    ),
    "unnamed": (
        '<div><span class="ring" style="background:#c8ced6;border-style:dashed"></span>'
        "counterpart the reports do not name (未具名)</div>"
    ),
}


def network_block(view: NetworkView, *, embedded: bool = False) -> tuple[str, dict[str, Any]]:
    """The HTML of a network view (side bar, canvas, pane) and the data its script reads.

    Used by :func:`view_page` and by the report, which embeds one view.
    """
    shown_keys = (*view.keys, "unnamed") if view.unnamed_count else view.keys
    keys = "".join(_KEY_HTML[k] for k in shown_keys)
    notices = "".join(f'<div class="notice">{esc(n)}</div>' for n in view.notices)
    html = (
        f'<div class="view-body{" embedded" if embedded else ""}">\n'
        '<aside class="side">\n'
        f"{search_box()}"
        "<h2>Actor types · 类型</h2>\n"
        '<div id="ecox-legend"></div>\n'
        f'<div class="key"><div>{esc(_size_note(view.size_by))}</div>'
        "<div>click a link for its evidence (点击连线查看证据)</div>"
        f"{keys}</div>\n"
        f"{notices}\n"
        f"{explore_controls()}"
        "</aside>\n"
        '<main class="canvas"><div id="ecox-network"></div></main>\n'
        '<aside class="pane"><h2>Details · 详情</h2><div id="ecox-pane-body"></div></aside>\n'
        "</div>"
    )
    options = view.network.options
    data = {
        "nodes": view.network.nodes,
        "edges": view.network.edges,
        "options": options if isinstance(options, dict) else {},
        "claims": view.claims,
        "types": _type_legend(view),
        "ranks": _ranks(view),
        "actorCount": len(view.scores),
        "sizeBy": view.size_by,
    }
    if view.source is not None:
        drawn = [str(n["id"]) for n in view.network.nodes if not n.get("ecoxUnnamed")]
        data["explore"] = explore_data(view.source, drawn, view.scores)
    return html, data


def view_page(view: NetworkView) -> str:
    """The standalone HTML page of a view."""
    block, data = network_block(view)
    header = (
        f'<header class="top"><h1>{esc(view.title)}</h1>'
        f'<p class="sub">{esc(view.subtitle)}</p></header>'
    )
    return page(
        f"ecox · {view.title}",
        header + "\n" + block,
        {
            "network": data,
            "typeLabels": TYPE_LABELS,
            "relationLabels": RELATION_LABELS,
            "symmetric": sorted(SCHEMA.symmetric),
        },
    )


def render(
    graph: Any,
    *,
    view: str = "ecosystem",
    focus: str | None = None,
    hops: int = 1,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str | None = None,
) -> str:
    """One view of a graph as a self-contained HTML page.

    Parameters
    ----------
    graph
        A ClaimGraph (its claims fill the evidence pane), AnalysisGraph or networkx graph.
    view
        One of :data:`VIEWS`.
    focus
        The ego view's actor (id, name or alias); default the top broker.
    hops
        The ego view's radius.
    top
        Keep the N most important actors (ecosystem, ego) or the first N rows
        of a query (triads, gaps, brokers).
    as_of
        Only what was reported by this date (``2025``, ``2025-11``, ``2025-11-03``).
    size_by
        ``degree``, ``betweenness`` or ``brokerage`` (default: betweenness for
        ``brokers``, degree otherwise).

    Returns
    -------
    str
        The page.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {list(VIEWS)}")
    size = size_by or ("betweenness" if view == "brokers" else "degree")
    built: NetworkView
    if view == "ecosystem":
        built = ecosystem_view(graph, top=top, as_of=as_of, size_by=size)
    elif view == "ego":
        built = ego_view(graph, focus, hops=hops, top=top, as_of=as_of, size_by=size)
    elif view == "triads":
        built = triads_view(graph, top=top, as_of=as_of, size_by=size)
    elif view == "gaps":
        built = gaps_view(graph, top=top, as_of=as_of, size_by=size)
    else:
        built = brokers_view(graph, top=top, as_of=as_of, size_by=size)
    return view_page(built)
