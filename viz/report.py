"""The operator report: one offline page with counts, charts, tables and the network.

Sections: summary figures; actors by type, claims over time and the degree
distribution as inline SVG charts; the ecosystem network (the ``top`` actors of a
large graph); counts by type; the brokers table; complete and one-link-short
triads; suggested links with their reasons; under-connected actors. Tables sort
when their header is clicked. A section whose query module this version lacks
says so instead of failing.

Examples
--------
>>> import ecox
>>> html = report(ecox.seed())
>>> "Actors by type" in html and "<svg" in html and 'class="data sortable"' in html
True
"""

from __future__ import annotations

import itertools
import logging
import math
from collections import Counter
from typing import Any

import numpy as np
import pandas as pd

from ecox.graph.analysis import AnalysisGraph, claim_dates
from ecox.graph.schema import SCHEMA
from ecox.graph.unnamed import reported_ties
from ecox.queries.brokers import brokers
from ecox.viz.charts import column_chart, hbar_chart
from ecox.viz.network import RELATION_LABELS, TYPE_LABELS, ViewInput, actor_scores
from ecox.viz.page import esc, page
from ecox.viz.views import NOT_AVAILABLE, ecosystem_view, network_block, optional_query

__all__ = ["REPORT_NETWORK_LIMIT", "report"]

logger = logging.getLogger(__name__)

#: The report embeds the whole network up to this many actors, else the top ones.
REPORT_NETWORK_LIMIT = 300
_ROW_LIMIT = 200
#: Broker table columns the report shows (when the query gives them), in this order.
_BROKER_COLUMNS = (
    "name",
    "type",
    "broker_score",
    "pairs",
    "brokerage",
    "coordinator",
    "itinerant",
    "representative",
    "gatekeeper",
    "liaison",
    "constraint",
    "degree",
    "reason",
)
#: Suggested-link columns the report shows.
_LINK_COLUMNS = ("source", "target", "role", "relation", "score", "common", "reason")
#: Fill-candidate columns the report shows.
_FILL_COLUMNS = ("enterprise", "missing", "rank", "candidate", "candidate_type", "score", "reason")
_ID_COLUMNS = (
    "node",
    "source",
    "target",
    "enterprise",
    "scientist",
    "entrepreneur",
    "investor",
    "candidate",
)


#: Columns of the unnamed-ties table.
_TIE_SHOWN = ("name", "relation", "counterpart_type", "counterpart_count", "claims", "reason")


def _cell(value: Any) -> tuple[str, str | None]:
    """Display text and numeric sort key of a table cell."""
    if value is None or value is pd.NA:
        return "", None
    if isinstance(value, bool | np.bool_):
        return ("yes" if value else "no"), None
    if isinstance(value, int | np.integer):
        return f"{int(value):,}", str(int(value))
    if isinstance(value, float | np.floating):
        number = float(value)
        if math.isnan(number):
            return "", None
        text = f"{number:,.0f}" if number.is_integer() and abs(number) >= 1 else f"{number:,.3g}"
        return text, repr(number)
    return str(value), None


def _table(frame: pd.DataFrame, names: dict[str, str], *, caption: str = "") -> str:
    """An escaped, sortable HTML table; actor-id columns shown as names."""
    if frame is None or not len(frame):
        return '<p class="muted">None found.</p>'
    shown: list[tuple[str, str]] = []  # (column, header)
    columns = list(frame.columns)
    for column in columns:
        if column.endswith("_name") and column[: -len("_name")] in columns:
            continue
        if column == "node" and "name" in columns:
            continue
        if column in _ID_COLUMNS and f"{column}_name" in columns:
            shown.append((f"{column}_name", column))
        else:
            shown.append((column, column))
    head = "".join(f"<th>{esc(header)}</th>" for _, header in shown)
    rows = []
    for record in frame.head(_ROW_LIMIT).to_dict("records"):
        cells = []
        for column, header in shown:
            value = record.get(column)
            if (
                header in _ID_COLUMNS
                and column == header
                and value is not None
                and value is not pd.NA
            ):
                value = names.get(str(value), value)
            text, key = _cell(value)
            if key is None:
                cells.append(f"<td>{esc(text)}</td>")
            else:
                cells.append(f'<td class="num" data-sort="{esc(key)}">{esc(text)}</td>')
        rows.append("<tr>" + "".join(cells) + "</tr>")
    more = (
        f'<p class="muted">First {_ROW_LIMIT} of {len(frame)} rows.</p>'
        if len(frame) > _ROW_LIMIT
        else ""
    )
    cap = f"<caption>{esc(caption)}</caption>" if caption else ""
    return (
        f'<div class="table-wrap"><table class="data sortable">{cap}<thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>{more}"
    )


def _section(title: str, body: str, *, anchor: str) -> str:
    return f'<section id="{esc(anchor)}"><h2>{esc(title)}</h2>{body}</section>'


def _unavailable(what: str) -> str:
    return f'<p class="unavailable">{esc(what)}: {NOT_AVAILABLE}.</p>'


def _query_section(
    title: str,
    anchor: str,
    module: str,
    func: str,
    names: dict[str, str],
    call: Any,
    columns: tuple[str, ...] = (),
) -> str:
    found = optional_query(module, func)
    if found is None:
        return _section(title, _unavailable(title), anchor=anchor)
    frame = call(found)
    chosen = [c for c in columns if c in frame.columns]
    if chosen:
        extra = [c for c in frame.columns if c.endswith("_name") and c[: -len("_name")] in chosen]
        frame = frame[chosen + extra]
    return _section(
        title, f'<p class="muted">{len(frame)} row(s).</p>' + _table(frame, names), anchor=anchor
    )


#: What the broker table's numbers are, under its heading.
_BROKER_NOTE = (
    "broker score: the share of all actor pairs of the graph whose shortest paths run "
    "through the actor (betweenness over (n−1)(n−2)/2 pairs, 0–1; the network's "
    "“betweenness” is this number); pairs: how many pairs that is; brokerage: "
    "Gould–Fernandez pairs of unlinked partners the actor connects (each pair both ways), "
    "split into its five roles; betweenness {how}."
)


def _brokers_section(analysis: AnalysisGraph, names: dict[str, str], top: int) -> str:
    table = brokers(analysis, top=top)
    frame = table[[c for c in _BROKER_COLUMNS if c in table.columns]]
    note = _BROKER_NOTE.format(how=table.attrs["betweenness"])
    body = f'<p class="muted">{esc(note)}</p><p class="muted">{len(frame)} row(s).</p>'
    return _section("Brokers", body + _table(frame, names), anchor="brokers")


def _claims_over_time(claims: pd.DataFrame) -> list[tuple[str, float]]:
    if not len(claims) or "date" not in claims.columns:
        return []
    when = claim_dates(claims).dropna()
    if not len(when):
        return []
    # whole months as integers: pandas periods cannot hold every year a source may give (0000)
    years = when.str.slice(0, 4).astype(int)
    months = years * 12 + when.str.slice(5, 7).astype(int).clip(1, 12) - 1
    first, last = int(months.min()), int(months.max())
    if last - first >= 36:
        counts = Counter(years)
        return [(str(y), float(counts.get(y, 0))) for y in range(min(years), max(years) + 1)]
    counts = Counter(months)
    return [
        (f"{m // 12:04d}-{m % 12 + 1:02d}", float(counts.get(m, 0))) for m in range(first, last + 1)
    ]


def _degree_histogram(degree: pd.Series) -> list[tuple[str, float]]:
    if not len(degree):
        return []
    values = degree.astype(int)
    peak = int(values.max())
    if peak <= 25:
        counts = Counter(values)
        return [(str(d), float(counts.get(d, 0))) for d in range(peak + 1)]
    edges = [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512]
    edges = [e for e in edges if e <= peak] + [peak + 1]
    rows = []
    for lo, hi in itertools.pairwise(edges):
        label = str(lo) if hi - lo == 1 else f"{lo}–{hi - 1}"
        rows.append((label, float(((values >= lo) & (values < hi)).sum())))
    return rows


def _type_counts(view: ViewInput) -> pd.DataFrame:
    actors = view.actors
    primary = Counter(actors["type"].astype(str))
    anywhere: Counter[str] = Counter()
    for types in actors["types"].astype(str):
        anywhere.update(set(types.split("|")))
    links = view.analysis.links
    type_of = dict(zip(actors["id"].astype(str), actors["type"].astype(str), strict=True))
    touching: Counter[str] = Counter()
    for s, t in zip(links["source"].astype(str), links["target"].astype(str), strict=True):
        touching.update({type_of.get(s, "?"), type_of.get(t, "?")})
    rows = [
        {
            "type": name,
            "中文": TYPE_LABELS.get(name, ""),
            "actors (primary type)": primary.get(name, 0),
            "actors (any type)": anywhere.get(name, 0),
            "links touching": touching.get(name, 0),
        }
        for name in SCHEMA.nodes
        if anywhere.get(name, 0)
    ]
    return pd.DataFrame(rows)


def _relation_counts(claims: pd.DataFrame) -> pd.DataFrame:
    if not len(claims) or "type" not in claims.columns:
        return pd.DataFrame(columns=["relation", "中文", "claims"])
    counts = Counter(claims["type"].astype(str))
    rows = [
        {"relation": r, "中文": RELATION_LABELS.get(r, ""), "claims": counts[r]}
        for r in SCHEMA.edges
        if counts.get(r)
    ]
    return pd.DataFrame(rows)


def report(
    graph: Any,
    *,
    as_of: str | None = None,
    top: int | None = None,
    title: str = "Innovation ecosystem report",
) -> str:
    """The operator report of a graph, as one self-contained HTML page.

    Parameters
    ----------
    graph
        A ClaimGraph (claims give the evidence pane and the time chart), an
        AnalysisGraph or a networkx graph.
    as_of
        Only what was reported by this date.
    top
        Rows per query table, and actors in the embedded network (default:
        every actor up to :data:`REPORT_NETWORK_LIMIT`, else that many).
    title
        Page title (plain text).

    Returns
    -------
    str
        The page.
    """
    view = ViewInput.of(graph, as_of=as_of)
    analysis = view.analysis
    scores = actor_scores(analysis)
    names = dict(
        zip(analysis.actors["id"].astype(str), analysis.actors["name"].astype(str), strict=True)
    )
    claims = view.claims
    n_actors = len(analysis.actors)
    limit = (
        top
        if top is not None
        else (None if n_actors <= REPORT_NETWORK_LIMIT else REPORT_NETWORK_LIMIT)
    )
    network = ecosystem_view(graph, top=limit, as_of=as_of, view=view)
    block, data = network_block(network, embedded=True)
    query_top = top if top is not None else 25
    sections = [
        _section("Summary", _summary_cards(analysis, claims), anchor="summary"),
        _section("Charts", _charts(analysis, claims, scores["degree"]), anchor="charts"),
        _section(
            "Network",
            f'<p class="muted">{esc(network.subtitle)}. '
            f"Click an actor or a link for details.</p>{block}",
            anchor="network",
        ),
        _counts_section(view, names),
        _brokers_section(analysis, names, query_top),
        *_query_sections(analysis, names, query_top),
    ]
    subtitle = f"{n_actors:,} actors, {len(claims):,} claims" + (
        f" · as of {as_of}" if as_of else ""
    )
    body = _header(title, subtitle) + '<div class="report">' + "".join(sections) + "</div>"
    return page(
        title,
        body,
        {
            "network": data,
            "typeLabels": TYPE_LABELS,
            "relationLabels": RELATION_LABELS,
            "symmetric": sorted(SCHEMA.symmetric),
        },
    )


def _summary_cards(analysis: AnalysisGraph, claims: pd.DataFrame) -> str:
    """The summary cards: actors, claims, pairs, unnamed ties, documents, outlets."""
    documents = claims["source_doc"].dropna().nunique() if "source_doc" in claims.columns else 0
    outlets = claims["outlet"].dropna().nunique() if "outlet" in claims.columns else 0
    cards = [
        ("actors", len(analysis.actors)),
        ("claims", len(claims)),
        ("linked pairs", len(analysis.links)),
        ("ties to unnamed counterparts", len(analysis.unnamed)),
        ("documents", documents),
        ("outlets", outlets),
    ]
    cards_html = "".join(
        f'<div class="card"><div class="n">{v:,}</div><div class="t">{esc(k)}</div></div>'
        for k, v in cards
    )
    return f'<div class="cards">{cards_html}</div>'


def _charts(analysis: AnalysisGraph, claims: pd.DataFrame, degree: pd.Series) -> str:
    """Actors by type, claims over time and the degree distribution, side by side."""
    type_rows = [
        (f"{t} {TYPE_LABELS.get(t, '')}", float(c), SCHEMA.nodes[t].colour)
        for t, c in Counter(analysis.actors["type"].astype(str)).most_common()
        if t in SCHEMA.nodes
    ]
    over_time = _claims_over_time(claims)
    return (
        '<div class="charts">'
        f'<div class="chart"><h3>Actors by type</h3>{hbar_chart(type_rows)}</div>'
        '<div class="chart"><h3>Claims over time</h3>'
        + (
            column_chart(
                over_time, x_title="month reported (date, else publication)", y_title="claims"
            )
            if over_time
            else '<p class="muted">No dated claims.</p>'
        )
        + "</div>"
        '<div class="chart"><h3>Degree distribution</h3>'
        + column_chart(
            _degree_histogram(degree),
            colour="#8e44ad",
            x_title="partners (degree)",
            y_title="actors",
        )
        + "</div></div>"
    )


def _counts_section(view: ViewInput, names: dict[str, str]) -> str:
    """Actors by type, claims by relation and the ties to unnamed counterparts."""
    return _section(
        "Counts by type",
        _table(_type_counts(view), names)
        + "<h3>Claims by relation</h3>"
        + _table(_relation_counts(view.claims), names)
        + "<h3>Ties to unnamed counterparts</h3>"
        + '<p class="muted">Reported ties whose other side the sources do not name; '
        "drawn as grey group nodes, never flagged as gaps.</p>"
        + _table(reported_ties(view.analysis)[list(_TIE_SHOWN)], names),
        anchor="counts",
    )


def _query_sections(analysis: AnalysisGraph, names: dict[str, str], top: int) -> list[str]:
    """The triad and gap sections (each says so when its query module is unavailable)."""
    return [
        _query_section(
            "Complete triads", "triads", "triads", "complete_triads", names, lambda f: f(analysis)
        ),
        _query_section(
            "One-link-short triads",
            "open-triads",
            "triads",
            "open_triads",
            names,
            lambda f: f(analysis),
        ),
        _query_section(
            "Who could complete them",
            "fill-candidates",
            "gaps",
            "fill_candidates",
            names,
            lambda f: f(analysis, top=3),
            _FILL_COLUMNS,
        ),
        _query_section(
            "Suggested links (gaps)",
            "gaps",
            "gaps",
            "missing_links",
            names,
            lambda f: f(analysis, top=top * 2),
            _LINK_COLUMNS,
        ),
        _query_section(
            "Under-connected actors",
            "under-connected",
            "gaps",
            "under_connected",
            names,
            lambda f: f(analysis),
            ("name", "type", "gap", "degree", "reason"),
        ),
    ]


def _header(title: str, subtitle: str) -> str:
    """The page header: title, subtitle and links to the sections."""
    nav = " · ".join(
        f'<a href="#{a}" style="color:#c8d6e5">{esc(t)}</a>'
        for a, t in (
            ("summary", "Summary"),
            ("charts", "Charts"),
            ("network", "Network"),
            ("counts", "Counts"),
            ("brokers", "Brokers"),
            ("triads", "Triads"),
            ("gaps", "Gaps"),
            ("under-connected", "Under-connected"),
        )
    )
    return (
        f'<header class="top"><h1>{esc(title)}</h1><p class="sub">{esc(subtitle)}</p>'
        f'<p class="sub">{nav}</p></header>'
    )
