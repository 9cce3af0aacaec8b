"""The operator report: one offline page with counts, charts, tables and the network.

Sections: a cover (title, date, counts; printed as its own page); summary
figures; actors by type, claims over time and the degree distribution as
inline SVG charts; the ecosystem network (the ``top`` actors of a large
graph); counts by type; the brokers table; complete and one-link-short
triads; suggested links with their reasons; under-connected actors. Tables
sort when their header is clicked. A section whose query module this version
lacks says so instead of failing. Every word comes from the message catalogue
(:mod:`viz.messages`): Chinese by default, English with ``lang="en"``; reasons
are the queries' ``reason_zh`` in Chinese where they give one.

Printed (or written to PDF by :mod:`viz.pdf`), the report keeps every row of
its tables, repeats their headers on each page, starts each section on a new
A4 page and opens with the cover.

Examples
--------
>>> import ecox
>>> html = report(ecox.seed())
>>> "各类主体数量" in html and "<svg" in html and 'class="data sortable"' in html
True
>>> "Actors by type" in report(ecox.seed(), lang="en")
True
"""

from __future__ import annotations

import datetime as dt
import inspect
import itertools
import logging
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import scipy.sparse as sp

from ecox.graph.analysis import AnalysisGraph, claim_dates
from ecox.graph.deferred import row_count
from ecox.graph.schema import SCHEMA
from ecox.graph.unnamed import reported_ties
from ecox.queries.brokers import brokers
from ecox.viz.charts import column_chart, hbar_chart
from ecox.viz.messages import message
from ecox.viz.network import ViewInput, actor_scores, tie_reason
from ecox.viz.optional import optional_query
from ecox.viz.page import esc, page, page_words
from ecox.viz.positions import link_positions
from ecox.viz.tables import TABLE_ROWS, TableWords, data_table
from ecox.viz.views import ecosystem_view, network_block

__all__ = ["REPORT_NETWORK_LIMIT", "report"]

logger = logging.getLogger(__name__)

#: The report embeds the whole network up to this many actors, else the top ones.
REPORT_NETWORK_LIMIT = 300
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
#: Columns of the unnamed-ties table.
_TIE_SHOWN = ("name", "relation", "counterpart_type", "counterpart_count", "claims", "reason")


def _section(title: str, body: str, *, anchor: str) -> str:
    return f'<section id="{esc(anchor)}"><h2>{esc(title)}</h2>{body}</section>'


def _unavailable(what: str, lang: str) -> str:
    return f'<p class="unavailable">{esc(what)}: {esc(message("view.not_available", lang))}.</p>'


def _rows_note(count: int, lang: str) -> str:
    return f'<p class="muted">{esc(message("report.rows", lang, count=count))}</p>'


def _query_section(
    key: str,
    anchor: str,
    module: str,
    func: str,
    words: TableWords,
    call: Any,
    columns: tuple[str, ...] = (),
) -> str:
    title = message(f"report.section.{key}", words.lang)
    found = optional_query(module, func)
    if found is None:
        return _section(title, _unavailable(title, words.lang), anchor=anchor)
    frame = call(found)
    count = int(frame.attrs.get("rows", len(frame)))  # a query given a limit counts all rows
    chosen = [c for c in columns if c in frame.columns]
    if chosen:
        chosen += [c for c in ("reason_zh",) if c in frame.columns and c not in chosen]
        extra = [c for c in frame.columns if c.endswith("_name") and c[: -len("_name")] in chosen]
        frame = frame[chosen + extra]
    return _section(
        title,
        _rows_note(count, words.lang) + data_table(frame, words, count=count),
        anchor=anchor,
    )


def _brokers_section(analysis: AnalysisGraph, words: TableWords, top: int) -> str:
    table = brokers(analysis, top=top)
    frame = table[[c for c in (*_BROKER_COLUMNS, "reason_zh") if c in table.columns]]
    how = str(table.attrs["betweenness"])
    how_text = (
        message("report.betweenness.exact", words.lang)
        if how == "exact"
        else message("report.betweenness.sampled", words.lang, how=how)
    )
    note = message("report.brokers_note", words.lang, how=how_text)
    body = f'<p class="muted">{esc(note)}</p>' + _rows_note(len(frame), words.lang)
    title = message("report.section.brokers", words.lang)
    return _section(title, body + data_table(frame, words), anchor="brokers")


def _claims_over_time(claims: pd.DataFrame) -> list[tuple[str, float]]:
    if not len(claims) or "date" not in claims.columns:
        return []
    codes, distinct = pd.factorize(claim_dates(claims))  # few distinct dates: each read once
    if not len(distinct):
        return []
    per_date = np.bincount(codes[codes >= 0], minlength=len(distinct))
    # whole months as integers: pandas periods cannot hold every year a source may give (0000)
    when = pd.Series(distinct, dtype=object)
    years = when.str.slice(0, 4).astype(int).to_numpy()
    months = years * 12 + when.str.slice(5, 7).astype(int).clip(1, 12).to_numpy() - 1
    first, last = int(months.min()), int(months.max())
    if last - first >= 36:
        low = int(years.min())
        counts = np.bincount(years - low, weights=per_date)
        return [(str(low + k), float(c)) for k, c in enumerate(counts)]
    counts = np.bincount(months - first, weights=per_date)
    return [(f"{m // 12:04d}-{m % 12 + 1:02d}", float(c)) for m, c in enumerate(counts, first)]


def _degree_histogram(degree: pd.Series) -> list[tuple[str, float]]:
    if not len(degree):
        return []
    values = degree.astype(int)
    peak = int(values.max())
    if peak <= 25:
        counts = np.bincount(values.to_numpy(), minlength=peak + 1)
        return [(str(d), float(counts[d])) for d in range(peak + 1)]
    edges = [0, 1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64, 96, 128, 192, 256, 384, 512]
    edges = [e for e in edges if e <= peak] + [peak + 1]
    rows = []
    for lo, hi in itertools.pairwise(edges):
        label = str(lo) if hi - lo == 1 else f"{lo}–{hi - 1}"
        rows.append((label, float(((values >= lo) & (values < hi)).sum())))
    return rows


def _type_counts(view: ViewInput) -> pd.DataFrame:
    """Actors (primary type, any type) and links touching each node type, counted on the
    adjacency's type codes (no text per actor or link)."""
    adjacency = view.analysis.adjacency
    width = len(adjacency.type_names)
    primary = np.bincount(_known(adjacency.primary), minlength=width)
    held = sp.csr_array(adjacency.membership, dtype=bool)  # an actor holds a type once
    held.sum_duplicates()
    anywhere = np.bincount(held.indices, minlength=width)
    type_of = np.append(adjacency.primary, -1)  # an end no actor has (-1): no type
    source, target = (type_of[at] for at in link_positions(view.analysis))
    touching = np.bincount(_known(source), minlength=width) + np.bincount(
        _known(target[target != source]), minlength=width
    )
    rows = [
        {
            "type": name,
            "actors_primary": primary[code],
            "actors_any": anywhere[code],
            "links_touching": touching[code],
        }
        for code, name in enumerate(adjacency.type_names)
        if name in SCHEMA.nodes and anywhere[code]
    ]
    return pd.DataFrame(rows)


def _known(codes: np.ndarray) -> np.ndarray:
    """The type codes that name a type (-1: none)."""
    return codes[codes >= 0]


def _relation_counts(claims: pd.DataFrame) -> pd.DataFrame:
    if not len(claims) or "type" not in claims.columns:
        return pd.DataFrame(columns=["relation", "claims"])
    counts = claims["type"].astype(str).value_counts().to_dict()
    rows = [{"relation": r, "claims": counts[r]} for r in SCHEMA.edges if counts.get(r)]
    return pd.DataFrame(rows)


def report(
    graph: Any,
    *,
    as_of: str | None = None,
    top: int | None = None,
    title: str | None = None,
    lang: str = "zh",
    date: str | None = None,
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
        Page title (plain text; default 创新生态简报 / Innovation ecosystem report).
    lang
        The language of the page's words: ``zh`` (default) or ``en``.
    date
        The date on the cover (default: today).

    Returns
    -------
    str
        The page.
    """
    title = title or message("report.title", lang)
    view = ViewInput.of(graph, as_of=as_of)
    analysis = view.analysis
    scores = actor_scores(analysis)
    words = TableWords(_ActorNames(analysis), lang)
    n_actors = len(analysis.actors)
    limit = (
        top
        if top is not None
        else (None if n_actors <= REPORT_NETWORK_LIMIT else REPORT_NETWORK_LIMIT)
    )
    network = ecosystem_view(graph, top=limit, as_of=as_of, view=view, lang=lang)
    block, data = network_block(network, embedded=True)
    query_top = top if top is not None else 25
    cards = _summary_cards(view, lang)
    network_note = message("report.network_note", lang, subtitle=network.subtitle)
    sections = [
        _cover(title, cards, lang, as_of=as_of, date=date),
        _section(message("report.section.summary", lang), cards, anchor="summary"),
        _section(
            message("report.section.charts", lang),
            _charts(view, scores["degree"], lang),
            anchor="charts",
        ),
        _section(
            message("report.section.network", lang),
            f'<p class="muted">{esc(network_note)}</p>{block}',
            anchor="network",
        ),
        _counts_section(view, words),
        _brokers_section(analysis, words, query_top),
        *_query_sections(analysis, words, query_top),
    ]
    subtitle = message(
        "report.subtitle", lang, actors=f"{n_actors:,}", claims=f"{view.claim_count:,}"
    )
    if as_of:
        subtitle += message("view.as_of", lang, date=as_of)
    body = _header(title, subtitle, lang) + '<div class="report">' + "".join(sections) + "</div>"
    return page(title, body, {"network": data, **page_words(lang)}, lang=lang)


class _ActorNames(Mapping[str, str]):
    """Actor id → name, looked up in the analysis graph when a table cell asks (no
    dictionary of every actor: a table shows a few hundred)."""

    def __init__(self, analysis: AnalysisGraph) -> None:
        self._analysis = analysis

    def __getitem__(self, actor: str) -> str:
        return self._analysis.name_of(actor)

    def __iter__(self) -> Iterator[str]:
        return (str(a) for a in self._analysis.actors["id"])

    def __len__(self) -> int:
        return len(self._analysis.actors)


def _cover(title: str, cards: str, lang: str, *, as_of: str | None, date: str | None) -> str:
    """The printed cover: title, the date made (and the data's date), the counts."""
    made = date or dt.date.today().isoformat()
    lines = [message("report.cover.date", lang, date=made)]
    if as_of:
        lines.append(message("report.cover.as_of", lang, date=as_of))
    dates = "".join(f'<p class="cover-date">{esc(line)}</p>' for line in lines)
    return f'<section class="cover" id="cover"><h1>{esc(title)}</h1>{dates}{cards}</section>'


def _summary_cards(view: ViewInput, lang: str) -> str:
    """The summary cards: actors, claims, pairs, unnamed ties, documents, outlets."""
    analysis = view.analysis
    documents, outlets = (_distinct(view, column) for column in ("source_doc", "outlet"))
    cards = [
        ("actors", len(analysis.actors)),
        ("claims", view.claim_count),
        ("pairs", row_count(analysis, "links")),
        ("unnamed", len(analysis.unnamed)),
        ("documents", documents),
        ("outlets", outlets),
    ]
    cards_html = "".join(
        f'<div class="card"><div class="n">{v:,}</div>'
        f'<div class="t">{esc(message(f"report.card.{k}", lang))}</div></div>'
        for k, v in cards
    )
    return f'<div class="cards">{cards_html}</div>'


def _distinct(view: ViewInput, column: str) -> int:
    """How many distinct values the claim column ``column`` holds (0 without it), found by
    Arrow (its ``unique``: at 5.8M distinct documents a third of ``count_distinct``'s time)."""
    found = view.claim_columns([column], keep=False)
    if column not in found.columns:
        return 0
    distinct = pc.unique(pa.array(found[column], from_pandas=True))
    return len(distinct) - (1 if distinct.null_count else 0)


def _charts(view: ViewInput, degree: pd.Series, lang: str) -> str:
    """Actors by type, claims over time and the degree distribution, side by side."""
    analysis = view.analysis
    labels = SCHEMA.type_labels(lang)
    type_rows = [
        (labels.get(t) or t, float(c), SCHEMA.nodes[t].colour) for t, c in _primary_counts(analysis)
    ]
    over_time = _claims_over_time(view.claim_columns(["date", "published"]))
    return (
        '<div class="charts">'
        f'<div class="chart"><h3>{esc(message("report.chart.types", lang))}</h3>'
        f"{hbar_chart(type_rows)}</div>"
        f'<div class="chart"><h3>{esc(message("report.chart.time", lang))}</h3>'
        + (
            column_chart(
                over_time,
                x_title=message("report.chart.time_x", lang),
                y_title=message("report.chart.time_y", lang),
            )
            if over_time
            else f'<p class="muted">{esc(message("report.no_dated", lang))}</p>'
        )
        + "</div>"
        f'<div class="chart"><h3>{esc(message("report.chart.degree", lang))}</h3>'
        + column_chart(
            _degree_histogram(degree),
            colour="#8e44ad",
            x_title=message("report.chart.degree_x", lang),
            y_title=message("report.chart.degree_y", lang),
        )
        + "</div></div>"
    )


def _primary_counts(analysis: AnalysisGraph) -> list[tuple[str, int]]:
    """Actors per primary type of the schema, most first; ties in the order the types first
    appear in the actor table (as :meth:`collections.Counter.most_common` gives them)."""
    adjacency = analysis.adjacency
    codes = adjacency.primary
    present, first = np.unique(codes[codes >= 0], return_index=True)
    counts = np.bincount(codes[codes >= 0])[present]
    order = np.lexsort((first, -counts))
    names = [adjacency.type_names[c] for c in present[order]]
    return [(n, int(c)) for n, c in zip(names, counts[order], strict=True) if n in SCHEMA.nodes]


def _unnamed_ties(view: ViewInput, lang: str) -> pd.DataFrame:
    """The reported ties to unnamed counterparts, their reason in ``lang``."""
    ties = reported_ties(view.analysis)[list(_TIE_SHOWN)]
    return ties.assign(reason=[tie_reason(t, lang) for t in ties.to_dict("records")])


def _counts_section(view: ViewInput, words: TableWords) -> str:
    """Actors by type, claims by relation and the ties to unnamed counterparts."""
    lang = words.lang
    return _section(
        message("report.section.counts", lang),
        data_table(_type_counts(view), words)
        + f"<h3>{esc(message('report.counts.relations', lang))}</h3>"
        + data_table(_relation_counts(view.claim_columns(["type"])), words)
        + f"<h3>{esc(message('report.counts.unnamed', lang))}</h3>"
        + f'<p class="muted">{esc(message("report.counts.unnamed_note", lang))}</p>'
        + data_table(_unnamed_ties(view, lang), words),
        anchor="counts",
    )


def _query_sections(analysis: AnalysisGraph, words: TableWords, top: int) -> list[str]:
    """The triad and gap sections (each says so when its query module is unavailable)."""
    return [
        _query_section(
            "triads",
            "triads",
            "triads",
            "complete_triads",
            words,
            lambda f: _first_rows(f, analysis),
        ),
        _query_section(
            "open_triads",
            "open-triads",
            "triads",
            "open_triads",
            words,
            lambda f: _first_rows(f, analysis),
        ),
        _query_section(
            "fill",
            "fill-candidates",
            "gaps",
            "fill_candidates",
            words,
            lambda f: _ranked_candidates(_first_rows(f, analysis, top=3)),
            _FILL_COLUMNS,
        ),
        _query_section(
            "gaps",
            "gaps",
            "gaps",
            "missing_links",
            words,
            lambda f: f(analysis, top=top * 2),
            _LINK_COLUMNS,
        ),
        _query_section(
            "under",
            "under-connected",
            "gaps",
            "under_connected",
            words,
            lambda f: _first_rows(f, analysis),
            ("name", "type", "gap", "degree", "reason"),
        ),
    ]


def _first_rows(query: Callable[..., pd.DataFrame], analysis: AnalysisGraph, **options: Any) -> Any:
    """``query(analysis, **options)``, asking for the :data:`TABLE_ROWS` rows a table shows
    when the query takes a ``limit`` (its ``attrs["rows"]`` then counts every row)."""
    if "limit" in inspect.signature(query).parameters:
        options["limit"] = TABLE_ROWS
    return query(analysis, **options)


def _ranked_candidates(frame: pd.DataFrame) -> pd.DataFrame:
    """Fill candidates with no rank on the rows that say nobody can fill the role."""
    if "rank" not in frame.columns or "candidate" not in frame.columns:
        return frame
    return frame.assign(rank=frame["rank"].where(frame["candidate"].notna()))


def _header(title: str, subtitle: str, lang: str) -> str:
    """The page header: title, subtitle and links to the sections."""
    nav = " · ".join(
        f'<a href="#{a}">{esc(message(key, lang))}</a>'
        for a, key in (
            ("summary", "report.section.summary"),
            ("charts", "report.section.charts"),
            ("network", "report.section.network"),
            ("counts", "report.nav.counts"),
            ("brokers", "report.section.brokers"),
            ("triads", "report.nav.triads"),
            ("gaps", "report.nav.gaps"),
            ("under-connected", "report.nav.under"),
        )
    )
    return (
        f'<header class="top"><h1>{esc(title)}</h1><p class="sub">{esc(subtitle)}</p>'
        f'<p class="sub nav">{nav}</p></header>'
    )
