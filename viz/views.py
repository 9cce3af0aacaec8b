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

import logging
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd
from pyvis.network import Network

from ecox.graph.lookup import find_actor as lookup_actor
from ecox.graph.schema import SCHEMA
from ecox.queries.brokerage import ROLES
from ecox.queries.brokers import brokers
from ecox.viz.explore import explore_controls, explore_data, search_box
from ecox.viz.lists import reason_of, suggestion_list, under_list
from ecox.viz.messages import LANGUAGES, message
from ecox.viz.network import (
    SIZE_BY,
    SuggestedEdge,
    ViewInput,
    actor_scores,
    neighbourhood,
    styled_network,
    top_actors,
)
from ecox.viz.optional import optional_query
from ecox.viz.page import esc, packed_rows, page, page_words
from ecox.viz.positions import actor_index
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
#: Text shown where a query module is missing (in the default language).
NOT_AVAILABLE = message("view.not_available")
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
    lang
        The language of the page's words (``zh`` or ``en``).
    lists
        Tables shown beside the network (:func:`viz.lists.suggestion_list`, ...).
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
    lang: str = "zh"
    lists: list[dict[str, Any]] = field(default_factory=list)
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


def find_actor(view: ViewInput, query: str) -> str:
    """The id of the actor ``query`` designates, by :func:`ecox.graph.lookup.find_actor`.

    >>> import ecox
    >>> v = ViewInput.of(ecox.seed())
    >>> v.analysis.name_of(find_actor(v, "温医大眼视光医院"))
    '温州医科大学附属眼视光医院'
    """
    return lookup_actor(view.actors, query)


def _value(row: Mapping[str, Any], column: str) -> str | None:
    value = row.get(column)
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    return str(value)


def _score(row: Mapping[str, Any]) -> float | None:
    """The row's ``score`` as a float, ``None`` when absent or missing."""
    score = row.get("score")
    return None if score is None or pd.isna(score) else float(score)


def _not_available(what: str, lang: str) -> str:
    return f"{message(what, lang)}: {message('view.not_available', lang)}."


def _make_view(
    view: ViewInput,
    title: str,
    subtitle: str,
    *,
    scores: pd.DataFrame,
    size_by: str,
    notices: Sequence[str] = (),
    keys: tuple[str, ...] = (),
    lang: str = "zh",
    lists: Sequence[dict[str, Any]] = (),
    limit: int = DRAWN_LIMIT,
    **style: Any,
) -> NetworkView:
    """Style the view's actors (at most ``limit`` drawn, see :mod:`viz.subgraph`)."""
    if style.get("actors") is not None or len(view.actors) > limit:
        wanted = (
            [str(a) for a in view.actors["id"]] if style.get("actors") is None else style["actors"]
        )
        first = list(style.get("highlight") or {})
        style["actors"], cut = drawn_actors(
            view.analysis, wanted, scores, size_by, first, limit, lang
        )
        notices = [*cut, *notices]
    net, claims = styled_network(view, scores=scores, size_by=size_by, lang=lang, **style)
    return NetworkView(
        title=title,
        subtitle=subtitle,
        network=net,
        claims=claims,
        scores=scores,
        size_by=size_by,
        notices=list(notices),
        keys=keys,
        lang=lang,
        lists=list(lists),
        source=view,
    )


def _check_size_by(size_by: str) -> None:
    if size_by not in SIZE_BY:
        raise ValueError(f"unknown size score {size_by!r}; choose one of {list(SIZE_BY)}")


def _as_of_text(as_of: str | None, lang: str) -> str:
    return message("view.as_of", lang, date=as_of) if as_of else ""


def ecosystem_view(
    graph: Any,
    *,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str = "degree",
    view: ViewInput | None = None,
    lang: str = "zh",
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
    limit = DRAWN_LIMIT if top is None else top
    everyone = actor_index(view.analysis)  # drawn_actors ranks them as positions
    actors, notices = drawn_actors(view.analysis, everyone, scores, size_by, (), limit, lang)
    subtitle = (
        message("view.ecosystem.subtitle", lang, shown=f"{len(actors):,}", total=f"{total:,}")
        + _as_of_text(as_of, lang)
        + " · "
        + message(f"view.size.{size_by}", lang)
    )
    return _make_view(
        view, message("view.ecosystem.title", lang), subtitle, scores=scores, size_by=size_by,
        limit=drawn_limit(top), notices=notices, actors=actors, lang=lang,
    )  # fmt: skip


def ego_view(
    graph: Any,
    focus: str | None = None,
    *,
    hops: int = 1,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str = "degree",
    view: ViewInput | None = None,
    lang: str = "zh",
) -> NetworkView:
    """One actor and everyone within ``hops`` links (default focus: the top broker).

    ``top`` keeps the focus and the ``top - 1`` most important others.

    >>> import ecox
    >>> v = ego_view(ecox.seed(), "温州医科大学附属眼视光医院", hops=1)
    >>> v.title
    '关系圈：温州医科大学附属眼视光医院'
    """
    _check_size_by(size_by)
    if hops < 0:
        raise ValueError("hops must be 0 or more")
    view = view or ViewInput.of(graph, as_of=as_of)
    scores = actor_scores(view.analysis)
    centre = find_actor(view, focus) if focus else top_broker(view)
    if centre is None:
        return _make_view(
            view, message("view.ego.title_none", lang),
            message("view.ego.none", lang) + _as_of_text(as_of, lang), scores=scores,
            size_by=size_by, actors=[], notices=[message("view.ego.none_notice", lang)], lang=lang,
        )  # fmt: skip
    actors = neighbourhood(view.analysis, [centre], hops)
    if top is not None and len(actors) > top:
        others = top_actors(
            scores.loc[[a for a in actors if a != centre]], max(top - 1, 0), by=size_by
        )
        actors = [centre, *others]
    name = view.analysis.name_of(centre)
    subtitle = message("view.ego.subtitle", lang, count=len(actors), hops=hops) + _as_of_text(
        as_of, lang
    )
    return _make_view(
        view,
        message("view.ego.title", lang, name=name),
        subtitle,
        scores=scores,
        limit=drawn_limit(top),
        size_by=size_by,
        actors=actors,
        highlight={centre: "focus"},
        keys=("highlight",),
        lang=lang,
    )


def top_broker(view: ViewInput) -> str | None:
    """The first actor of :func:`queries.brokers.brokers` (the highest broker score);
    ``None`` when the graph has no actor.

    >>> from ecox.graph.claims import ClaimGraph
    >>> g = ClaimGraph.build([("行", ["Bank"], [])] + [(n, ["Enterprise"], []) for n in "甲乙"],
    ...                      [{"source": "行", "target": t, "type": "LENT_TO"} for t in "甲乙"])
    >>> v = ViewInput.of(g)
    >>> v.analysis.name_of(top_broker(v))
    '行'
    """
    table = brokers(view.analysis, top=1)
    return str(table["node"].iloc[0]) if len(table) else None


def _role_label(role: str, lang: str) -> str:
    return SCHEMA.roles[role].label_zh if lang == "zh" and role in SCHEMA.roles else role


def _best_candidates(view: ViewInput, lang: str) -> dict[tuple[str, str], SuggestedEdge]:
    """(venture, missing role) → a dashed link from the best candidate (``fill_candidates``)."""
    fill = optional_query("gaps", "fill_candidates")
    if fill is None:
        return {}
    found: dict[tuple[str, str], SuggestedEdge] = {}
    for row in fill(view.analysis, top=1).to_dict("records"):
        key = (str(row["enterprise"]), str(row["missing"]))
        if key in found or _value(row, "candidate") is None:  # no candidate: nothing to draw
            continue
        role = _role_label(key[1], lang)
        found[key] = SuggestedEdge(
            str(row["candidate"]),
            key[0],
            reason_of(row, lang) or message("view.triads.could_fill", lang, role=role),
            kind=message("view.triads.missing_role", lang, role=role),
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
    under: list[dict[str, Any]] = field(default_factory=list)


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


def _mark_complete_triads(view: ViewInput, top: int | None, marks: _Marks, lang: str) -> str:
    """Add the complete triads (thick links) to ``marks``; return the notice."""
    complete = _triad_table(view, "complete_triads", top)
    if complete is None:
        return _not_available("view.triads.complete_missing", lang)
    for row, venture, members in _triad_rows(complete):
        marks.actors.extend([venture, *members])
        marks.highlight[venture] = "complete triad"
        for member in members:
            marks.emphasis.add(frozenset((venture, member)))
            marks.highlight.setdefault(member, "triad member")
        if reason_of(row, lang):
            marks.notes.setdefault(venture, []).append(str(reason_of(row, lang)))
    return message("view.triads.complete", lang, count=len(complete))


def _mark_open_triads(
    view: ViewInput,
    top: int | None,
    candidates: Mapping[tuple[str, str], SuggestedEdge],
    marks: _Marks,
    lang: str,
) -> str:
    """Add the one-link-short triads and their best candidate (dashed) to ``marks``;
    return the notice."""
    partial = _triad_table(view, "open_triads", top)
    if partial is None:
        return _not_available("view.triads.open_missing", lang)
    for row, venture, members in _triad_rows(partial):
        marks.actors.extend([venture, *members])
        marks.highlight.setdefault(venture, "one link short")
        missing = _value(row, "missing") or "a role"
        reason = reason_of(row, lang) or message(
            "view.triads.missing_role", lang, role=_role_label(missing, lang)
        )
        marks.notes.setdefault(venture, []).append(reason)
        best = candidates.get((venture, missing))
        if best is not None:
            marks.actors.append(best.source)
            marks.suggested.append(best)
    return message("view.triads.open", lang, count=len(partial))


def triads_view(
    graph: Any,
    *,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str = "degree",
    view: ViewInput | None = None,
    lang: str = "zh",
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
    candidates = _best_candidates(view, lang)
    notices: list[str] = []
    if optional_query("gaps", "fill_candidates") is None:
        notices.append(_not_available("view.triads.candidates_missing", lang))
    marks = _Marks()
    notices.append(_mark_complete_triads(view, top, marks, lang))
    notices.append(_mark_open_triads(view, top, candidates, marks, lang))
    actors = list(dict.fromkeys(marks.actors))
    subtitle = message("view.triads.subtitle", lang, count=len(actors)) + _as_of_text(as_of, lang)
    return _make_view(
        view,
        message("view.triads.title", lang),
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
        lang=lang,
    )


def _mark_missing_links(view: ViewInput, limit: int, marks: _Marks, lang: str) -> str:
    """Add up to ``limit`` suggested links (``missing_links``, dashed) to ``marks``;
    return the notice."""
    links_fn = optional_query("gaps", "missing_links")
    if links_fn is None:
        return _not_available("view.gaps.links_missing", lang)
    found = links_fn(view.analysis, top=limit)
    for row in found.to_dict("records"):
        source, target = str(row["source"]), str(row["target"])
        marks.suggested.append(
            SuggestedEdge(
                source,
                target,
                reason_of(row, lang) or message("view.gaps.link_reason", lang),
                kind=message("list.kind.gap", lang),
                score=_score(row),
            )
        )
        marks.actors.extend([source, target])
    return message("view.gaps.links", lang, count=len(found))


def _mark_fill_candidates(view: ViewInput, limit: int, marks: _Marks, lang: str) -> str | None:
    """Add up to ``limit`` best candidates for a one-link-short triad (dashed) to ``marks``,
    skipping pairs already suggested; return the notice (``None`` without ``fill_candidates``)."""
    fills = list(_best_candidates(view, lang).values())[:limit]
    if optional_query("gaps", "fill_candidates") is None:
        return None
    drawn = {frozenset((e.source, e.target)) for e in marks.suggested}
    for fill in fills:
        if frozenset((fill.source, fill.target)) in drawn:
            continue
        marks.suggested.append(fill)
        marks.actors.extend([fill.source, fill.target])
    return message("view.gaps.fills", lang, count=len(fills))


def _mark_under_connected(view: ViewInput, limit: int, marks: _Marks, lang: str) -> str:
    """Ring up to ``limit`` under-connected actors in ``marks``; return the notice."""
    under_fn = optional_query("gaps", "under_connected")
    if under_fn is None:
        return _not_available("view.gaps.under_missing", lang)
    under = under_fn(view.analysis).head(limit)
    for row in under.to_dict("records"):
        actor = str(row["node"])
        marks.actors.append(actor)
        marks.highlight[actor] = "under-connected"
        marks.notes.setdefault(actor, []).append(reason_of(row, lang) or _value(row, "gap") or "")
        marks.under.append(row)
    return message("view.gaps.under", lang, count=len(under))


def gaps_view(
    graph: Any,
    *,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str = "degree",
    view: ViewInput | None = None,
    lang: str = "zh",
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
    notices = [_mark_missing_links(view, limit, marks, lang)]
    fill_notice = _mark_fill_candidates(view, limit, marks, lang)
    if fill_notice is not None:
        notices.append(fill_notice)
    notices.append(_mark_under_connected(view, limit, marks, lang))
    seeds = list(dict.fromkeys(marks.actors))
    actors = neighbourhood(view.analysis, seeds, 1) if seeds else []
    if len(actors) > 300:
        actors = seeds
    subtitle = message(
        "view.gaps.subtitle", lang, links=len(marks.suggested), count=len(actors)
    ) + _as_of_text(as_of, lang)
    names = view.analysis.name_of
    return _make_view(
        view,
        message("view.gaps.title", lang),
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
        lang=lang,
        lists=[
            suggestion_list(marks.suggested, names, lang),
            under_list(marks.under, lang),
        ],
    )


def brokers_view(
    graph: Any,
    *,
    top: int | None = None,
    as_of: str | None = None,
    size_by: str = "betweenness",
    view: ViewInput | None = None,
    lang: str = "zh",
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
        mix = [f"{message(f'role.{role}', lang)} {int(row[role])}" for role in ROLES if row[role]]
        lines = [
            message(
                "view.brokers.note", lang, rank=rank, score=f"{row['broker_score']:.3g}",
                pairs=f"{row['pairs']:,.0f}", brokerage=int(row["brokerage"]),
            )
        ]  # fmt: skip
        if mix:
            lines.append(
                message(
                    "view.brokers.roles", lang, roles=("、" if lang == "zh" else ", ").join(mix)
                )
            )
        if reason_of(row, lang):
            lines.append(str(reason_of(row, lang)))
        notes[str(row["node"])] = lines
    notices.append(message("view.brokers.notice", lang, count=len(chosen)))
    actors = neighbourhood(view.analysis, chosen, 1)
    subtitle = message(
        "view.brokers.subtitle", lang, brokers=len(chosen), partners=len(actors) - len(chosen)
    ) + _as_of_text(as_of, lang)
    return _make_view(
        view,
        message("view.brokers.title", lang),
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
        lang=lang,
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
    """Each drawn actor's rank by each score among every actor (1 = the highest)."""
    ids = view.scores.index.astype(str)
    drawn = ids.isin({str(n["id"]) for n in view.network.nodes})
    ranks = {c: view.scores[c].rank(method="min", ascending=False)[drawn] for c in view.scores}
    shown = ids[drawn].tolist()
    return {c: dict(zip(shown, r.astype(int).tolist(), strict=True)) for c, r in ranks.items()}


_KEY_SYMBOLS = {
    "suggested": '<span class="dash"></span>',
    "emphasis": '<span class="thick"></span>',
    "highlight": '<span class="ring"></span>',
    "under-connected": '<span class="ring under"></span>',
    "unnamed": '<span class="ring" style="background:#c8ced6;border-style:dashed"></span>',
}


def network_block(view: NetworkView, *, embedded: bool = False) -> tuple[str, dict[str, Any]]:
    """The HTML of a network view (side bar, canvas, pane) and the data its script reads.

    Used by :func:`view_page` and by the report, which embeds one view.
    """
    lang = view.lang
    shown_keys = (*view.keys, "unnamed") if view.unnamed_count else view.keys
    keys = "".join(
        f"<div>{_KEY_SYMBOLS[k]}{esc(message(f'view.key.{k}', lang))}</div>" for k in shown_keys
    )
    notices = "".join(f'<div class="notice">{esc(n)}</div>' for n in view.notices)
    lists = '<div id="ecox-lists"></div>\n' if view.lists else ""
    toggle = esc(message("view.pane.toggle", lang))
    html = (
        f'<div class="view-body{" embedded" if embedded else ""}">\n'
        '<aside class="side">\n'
        f"{search_box(lang)}"
        f"<h2>{esc(message('view.side.types', lang))}</h2>\n"
        '<div id="ecox-legend"></div>\n'
        f'<div class="key"><div>{esc(message(f"view.size.{view.size_by}", lang))}</div>'
        f"<div>{esc(message('view.side.click_link', lang))}</div>"
        f"{keys}</div>\n"
        f"{notices}\n"
        f"{explore_controls(lang)}"
        "</aside>\n"
        '<main class="canvas"><div id="ecox-network"></div></main>\n'
        '<aside class="pane" id="ecox-pane">'
        f'<button type="button" id="ecox-pane-toggle" title="{toggle}" aria-label="{toggle}"'
        ' aria-expanded="true">⇥</button>'
        f"{lists}<h2>{esc(message('view.pane.details', lang))}</h2>"
        '<div id="ecox-pane-body"></div></aside>\n'
        "</div>"
    )
    options = view.network.options
    data = {
        "nodes": view.network.nodes,
        "edges": view.network.edges,
        "options": options if isinstance(options, dict) else {},
        "claims": packed_rows(view.claims),
        "types": _type_legend(view),
        "ranks": _ranks(view),
        "actorCount": len(view.scores),
        "sizeBy": view.size_by,
        "lists": view.lists,
    }
    if view.source is not None:
        drawn = [str(n["id"]) for n in view.network.nodes if not n.get("ecoxUnnamed")]
        data["explore"] = explore_data(view.source, drawn, view.scores, lang=lang)
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
        {"network": data, **page_words(view.lang)},
        lang=view.lang,
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
    lang: str = "zh",
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
    lang
        The language of the page's words: ``zh`` (default) or ``en``.

    Returns
    -------
    str
        The page.
    """
    if view not in VIEWS:
        raise ValueError(f"unknown view {view!r}; choose one of {list(VIEWS)}")
    if lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r}; choose one of {list(LANGUAGES)}")
    size = size_by or ("betweenness" if view == "brokers" else "degree")
    common: dict[str, Any] = {"top": top, "as_of": as_of, "size_by": size, "lang": lang}
    built: NetworkView
    if view == "ecosystem":
        built = ecosystem_view(graph, **common)
    elif view == "ego":
        built = ego_view(graph, focus, hops=hops, **common)
    elif view == "triads":
        built = triads_view(graph, **common)
    elif view == "gaps":
        built = gaps_view(graph, **common)
    else:
        built = brokers_view(graph, **common)
    return view_page(built)
