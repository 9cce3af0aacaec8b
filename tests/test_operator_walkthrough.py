"""The operator's edition, walked through as a 管委会 reader would, in a real headless Chromium.

Issue 13's "done when": a reader opens ``report.html`` of the seed, reads it in Chinese,
prints it whole, finds 瑞安农商银行 by typing ``瑞安`` or ``ruian``, sees the gap list
without hovering, and opens last week's and this week's graphs side by side with
``ecox diff``. Everything is made by the ``ecox`` command in fresh processes, as a user
would: the seed's reports arrive in two weekly batches (the articles published by
2026-01-22, then the rest); ``ecox load`` builds last week's graph, ``ecox update`` merges
this week's batch into it, ``ecox report`` (with ``--pdf``), ``ecox render --view gaps``
and ``ecox diff`` write the pages. Every expectation is computed in Python from the seed
tables and the queries, not read back from the pages. Screenshots of each step go to
``test-artefacts/walkthrough/`` (not tracked).
"""

from __future__ import annotations

import csv
import math
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from ecox.graph.lookup import find_actor
from ecox.graph.schema import SCHEMA
from ecox.loaders.load import load_inputs, seed_path
from ecox.queries.brokers import brokers
from ecox.queries.diff import graph_diff
from ecox.queries.gaps import fill_candidates, missing_links, under_connected
from ecox.queries.triads import complete_triads, open_triads
from ecox.store.files import read_graph
from ecox.viz.messages import message
from tests.ecox_process import run_ecox
from tests.test_views_browser import (  # noqa: F401  (browser: the Chromium fixture)
    ARTEFACTS,
    _data_words,
    _english_fragments,
    _open,
    _page_data,
    _visible_words,
    browser,
)

pytestmark = pytest.mark.browser

#: The articles of last week's batch (published by 2026-01-22); the rest arrive this week.
LAST_WEEK = {"A1", "A4"}
SHOTS = ARTEFACTS / "walkthrough"
SMALL = (1024, 768)
#: An A4 page less the report's print margins, in CSS pixels (96 per inch).
A4_CONTENT = {"width": round(186 / 25.4 * 96), "height": round(267 / 25.4 * 96)}


def _split_seed(folder: Path) -> tuple[Path, Path]:
    """The seed tables as two weekly batches: each batch holds the relations its articles
    report and the actors those articles name (an actor named in both weeks is in both)."""
    actors = list(csv.DictReader(seed_path().joinpath("entities.csv").open(encoding="utf-8")))
    ties = list(csv.DictReader(seed_path().joinpath("relations.csv").open(encoding="utf-8")))
    batches = []
    for name, wanted in (("last_week", lambda a: a in LAST_WEEK), ("this_week", None)):
        batch = folder / name
        batch.mkdir()

        def keep(articles: set[str], wanted: Any = wanted) -> bool:
            return any(wanted(a) for a in articles) if wanted else bool(articles - LAST_WEEK)

        for file, rows, articles in (
            ("entities.csv", actors, lambda r: set(r["articles"].split("|"))),
            ("relations.csv", ties, lambda r: {r["article"]}),
        ):
            with (batch / file).open("w", encoding="utf-8", newline="") as out:
                writer = csv.DictWriter(out, fieldnames=list(rows[0]))
                writer.writeheader()
                writer.writerows(r for r in rows if keep(articles(r)))
        batches.append(batch)
    return batches[0], batches[1]


def _ecox(*args: object) -> str:
    done = run_ecox(*args)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stderr


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Last week's and this week's graphs, the report (HTML and PDF), the gaps view and the
    diff page, each written by the ``ecox`` command."""
    folder = tmp_path_factory.mktemp("walkthrough")
    last_batch, this_batch = _split_seed(folder)
    names = ("last.json", "this.json", "report.html", "report.pdf", "gaps.html", "diff.html")
    files = {name: folder / name for name in names}
    _ecox("load", last_batch, "-o", files["last.json"])
    said = _ecox("update", files["last.json"], this_batch, "-o", files["this.json"])
    files["update.txt"] = folder / "update.txt"
    files["update.txt"].write_text(said, encoding="utf-8")
    _ecox("report", files["this.json"], "-o", files["report.html"], "--pdf", files["report.pdf"])
    _ecox("render", files["this.json"], "--view", "gaps", "-o", files["gaps.html"])
    _ecox("diff", files["last.json"], files["this.json"], "-o", files["diff.html"])
    shutil.rmtree(SHOTS, ignore_errors=True)
    SHOTS.mkdir(parents=True)
    return files


@pytest.fixture()
def report_page(browser: Any, made: dict[str, Path]) -> Iterator[Any]:  # noqa: F811
    opened = _open(browser, made["report.html"], size=SMALL)
    yield opened
    assert opened.errors == [] and opened.remote == []
    opened.page.close()


def _shot(page: Any, name: str, *, full: bool = False) -> None:
    page.mouse.move(2, 2)  # no tooltip left over
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def test_this_weeks_graph_is_the_seed_with_names_resolved(made: dict[str, Path]) -> None:
    """``ecox update`` joined this week's mentions of known actors to them: the two batches
    make the seed again, no actor twice."""
    expected = load_inputs([seed_path()]).graph
    this = read_graph(made["this.json"])
    assert sorted(this.actors["name"]) == sorted(expected.actors["name"])
    assert len(this.claims) == len(expected.claims)
    with seed_path().joinpath("entities.csv").open(encoding="utf-8") as file:
        rows = list(csv.DictReader(file))
    both = sum(1 for r in rows if set(r["articles"].split("|")) & LAST_WEEK)
    new = len(rows) - both
    assert f"({new} new, {both} already known)" in made["update.txt"].read_text(encoding="utf-8")


def test_report_reads_in_chinese_at_1024(report_page: Any, made: dict[str, Path]) -> None:
    page = report_page.page
    _shot(page, "1-report-1024")
    assert page.evaluate("() => document.documentElement.lang") == "zh-Hans"
    # nothing wider than the screen: no sideways scrolling at 1024×768
    assert page.evaluate("() => document.documentElement.scrollWidth") <= SMALL[0]
    page.evaluate("() => window.ecox.search('瑞安农商银行')")  # fill the actor pane too
    text = _visible_words(report_page)
    for heading in ("关键中介", "完整的三位一体", "建议连接", "连接不足的主体"):
        assert heading in text
    left = sorted(
        f
        for f in _english_fragments()
        if re.search(rf"(?<![A-Za-z-]){re.escape(f)}", text, re.IGNORECASE)
    )
    assert left == [], f"English UI words on the report: {left}"
    network = _page_data(made["report.html"])["network"]
    names = _data_words(network) | {"Gould", "Fernandez"}
    enums = {*SCHEMA.nodes, *SCHEMA.edges}  # type and relation names, as the CLI spells them
    stray = sorted(set(re.findall(r"[A-Za-z]{3,}", re.sub(r"--[a-z][a-z-]*", " ", text))))
    assert [w for w in stray if w not in names or w in enums] == [], "Latin words on the page"


#: Per table of the report: its rows, and whether print lays every one of them out.
_PRINTED_TABLES_JS = """() => Array.from(document.querySelectorAll('.report .table-wrap'))
.map(w => {
  const rows = Array.from(w.querySelectorAll('tbody tr'));
  const box = w.getBoundingClientRect();
  const style = getComputedStyle(w);
  return {section: w.closest('section').id, rows: rows.length,
          laidOut: rows.filter(r => { const b = r.getBoundingClientRect();
            return b.height > 0 && b.top >= box.top - 1 && b.bottom <= box.bottom + 1; }).length,
          clipped: w.scrollHeight - w.clientHeight, overflow: style.overflowY,
          head: getComputedStyle(w.querySelector('thead')).display};
})"""


def test_report_prints_every_row(report_page: Any, made: dict[str, Path]) -> None:
    page = report_page.page
    graph = read_graph(made["this.json"])
    expected = {  # the report's query tables, computed here (25 rows a table by default)
        "brokers": len(brokers(graph, top=25)),
        "triads": len(complete_triads(graph)),
        "open-triads": len(open_triads(graph)),
        "fill-candidates": len(fill_candidates(graph, top=3)),
        "gaps": len(missing_links(graph, top=50)),
        "under-connected": len(under_connected(graph)),
    }
    on_screen = page.evaluate(_PRINTED_TABLES_JS)
    assert any(t["clipped"] > 0 for t in on_screen), "on screen, long tables scroll in a box"
    page.emulate_media(media="print")
    printed = page.evaluate(_PRINTED_TABLES_JS)
    rows = {t["section"]: t["rows"] for t in printed if t["section"] in expected}
    assert rows == expected
    for table in printed:
        assert table["laidOut"] == table["rows"] > 0, table
        assert table["clipped"] <= 0 and table["overflow"] == "visible", table
        assert table["head"] == "table-header-group", table  # headers repeat on each page
    _shot(page, "2-report-print", full=True)
    page.emulate_media(media="screen")
    # `ecox report --pdf`: each section starts a page and runs over as many as its rows need,
    # laid out at the A4 page's content size (page.css: 210 × 297 mm less 12 and 15 mm margins)
    pdf = made["report.pdf"].read_bytes()
    assert pdf.startswith(b"%PDF")
    pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    page.set_viewport_size(A4_CONTENT)
    page.emulate_media(media="print")
    heights = page.evaluate(
        "() => Array.from(document.querySelectorAll('.report section'))"
        ".map(s => s.getBoundingClientRect().height)"
    )
    page.emulate_media(media="screen")
    page.set_viewport_size({"width": SMALL[0], "height": SMALL[1]})
    assert len(heights) > 10
    assert pages >= sum(math.ceil(h / A4_CONTENT["height"]) for h in heights)


_LISTED_JS = """() => Array.from(document.querySelectorAll('#ecox-find-list li')).map(li =>
  ({id: li.getAttribute('data-id'), name: li.querySelector('.find-name').textContent,
    shown: li.getBoundingClientRect().height > 0}))"""


@pytest.mark.parametrize("typed", ["瑞安", "ruian"])
def test_search_finds_the_bank_first(report_page: Any, made: dict[str, Path], typed: str) -> None:
    page = report_page.page
    bank = find_actor(read_graph(made["this.json"]).actors, "瑞安农商银行")
    page.locator("#ecox-find").scroll_into_view_if_needed()
    page.click("#ecox-find")
    page.keyboard.type(typed)
    listed = page.evaluate(_LISTED_JS)
    assert listed and listed[0] == {"id": bank, "name": "瑞安农商银行", "shown": True}
    assert len(listed) >= 2, "every match is listed, not only the first"
    _shot(page, f"3-search-{typed}")
    page.click("#ecox-find-list li:first-child")
    assert page.evaluate("() => window.ecox.network.getSelectedNodes()") == [bank]
    title = "() => document.querySelector('#ecox-pane-body .pane-title').textContent"
    assert page.evaluate(title) == "瑞安农商银行"
    _shot(page, f"4-search-{typed}-focused")


_ROWS_IN_VIEW_JS = """([rows, box]) => {
  const clip = document.querySelector(box).getBoundingClientRect();
  const top = Math.max(0, clip.top), bottom = Math.min(window.innerHeight, clip.bottom);
  return Array.from(document.querySelectorAll(rows)).map(r => {
    const b = r.getBoundingClientRect(), last = r.cells[r.cells.length - 1];
    return {top: b.top, bottom: b.bottom, reason: last.textContent,
            reasonWidth: last.getBoundingClientRect().width}; })
    .filter(r => r.top >= top - 1 && r.bottom <= bottom + 1);
}"""


_LIST_ROWS = "#ecox-list-{} tbody tr"


def test_gap_list_is_visible_without_hovering(
    report_page: Any,
    browser: Any,  # noqa: F811
    made: dict[str, Path],
) -> None:
    """The report lists the suggested links with their reasons as a table; the gaps view
    lists them beside the network, at 1024×768, readable without hovering anything."""
    graph = read_graph(made["this.json"])
    suggested = missing_links(graph, top=50)
    page = report_page.page
    page.locator("#gaps").scroll_into_view_if_needed()
    rows = page.evaluate(_ROWS_IN_VIEW_JS, ["#gaps tbody tr", "#gaps .table-wrap"])
    assert len(rows) >= 3 and all(r["reason"] in set(suggested["reason_zh"]) for r in rows)
    _shot(page, "5-report-gaps")
    opened = _open(browser, made["gaps.html"], size=SMALL)
    try:
        page = opened.page
        page.mouse.move(2, 2)
        rows = page.evaluate(_ROWS_IN_VIEW_JS, [_LIST_ROWS.format("suggestions"), "#ecox-lists"])
        assert len(rows) >= 2, "suggestions in view, whole"
        for row in rows:
            assert any(r in row["reason"] for r in suggested["reason_zh"])
            assert row["reasonWidth"] >= 180, "a reason is read across, not a word a line"
        page.locator("#ecox-list-under").scroll_into_view_if_needed()
        under = page.evaluate(_ROWS_IN_VIEW_JS, [_LIST_ROWS.format("under"), "#ecox-lists"])
        assert under and all(r["reason"] in set(under_connected(graph)["reason_zh"])
                             for r in under)  # fmt: skip
        _shot(page, "6-gaps-1024")
        assert opened.errors == [] and opened.remote == []
    finally:
        opened.page.close()


def test_diff_lists_what_came_this_week(browser: Any, made: dict[str, Path]) -> None:  # noqa: F811
    last, this = read_graph(made["last.json"]), read_graph(made["this.json"])
    changes = graph_diff(last, this)
    new_actors = set(this.actors["name"]) - set(last.actors["name"])
    names = dict(zip(this.actors["id"], this.actors["name"], strict=True))
    relation = SCHEMA.relation_labels("zh")
    new_ties = {
        f"{names[s]} → {relation[t]} → {names[o]}"
        for s, t, o in (k.split("|") for k in changes.loc[changes["section"] == "ties", "key"])
    }
    assert new_actors and new_ties
    opened = _open(browser, made["diff.html"], size=SMALL)
    try:
        page = opened.page
        _shot(page, "7-diff-1024")
        cells = "(s) => Array.from(document.querySelectorAll(s)).map(td => td.textContent)"
        assert set(page.evaluate(cells, "#actors tbody td.c-name")) == new_actors
        assert set(page.evaluate(cells, "#ties tbody td.c-name")) == new_ties
        zh_types = set(SCHEMA.type_labels("zh").values())
        assert set(page.evaluate(cells, "#actors tbody td.c-type")) <= zh_types
        text = _visible_words(opened).replace("last.json", "").replace("this.json", "")
        words = set(re.findall(r"[A-Za-z]{3,}", text))
        assert words == set(), f"Latin words on the zh diff page: {sorted(words)}"
        assert page.evaluate("() => document.documentElement.scrollWidth") <= SMALL[0]
        assert opened.errors == [] and opened.remote == []
    finally:
        opened.page.close()


#: Every command that writes a page, as ``ecox`` arguments after the graph (``{out}``: the page).
PAGE_COMMANDS = {
    "report": ["report", "{graph}", "-o", "{out}"],
    **{
        f"render-{view}": ["render", "{graph}", "--view", view, "-o", "{out}"]
        for view in ("ecosystem", "ego", "triads", "gaps", "brokers")
    },
    "brokers": ["brokers", "{graph}", "-o", "{out}"],
    "gaps": ["gaps", "{graph}", "-o", "{out}"],
    "diff": ["diff", "{graph}", "{graph}", "-o", "{out}"],
}


@pytest.mark.parametrize("graph_name", ["empty", "one"])
def test_every_page_command_on_tiny_graphs(
    browser: Any,  # noqa: F811
    tmp_path: Path,
    graph_name: str,
) -> None:
    """An empty graph and a one-actor graph: each page command writes a page that opens in
    Chromium without an error, draws what there is (nothing, or the one actor) and, with
    nothing to draw, says so."""
    from ecox.cli import main
    from ecox.graph.claims import ClaimGraph
    from ecox.store.files import to_json

    actors = [("孤独公司", ["Enterprise"], [])] if graph_name == "one" else []
    graph_file = tmp_path / f"{graph_name}.json"
    graph_file.write_text(to_json(ClaimGraph.build(actors, [])), encoding="utf-8")
    for name, command in PAGE_COMMANDS.items():
        out = tmp_path / f"{name}.html"
        args = [a.format(graph=graph_file, out=out) for a in command]
        assert main(args) == 0, name
        opened = _open(browser, out, size=SMALL)
        page = opened.page
        try:
            assert opened.errors == [] and opened.remote == [], name
            text = page.inner_text("body")
            if name == "diff":
                assert message("diff.nothing") in text
                continue
            drawn = page.evaluate("() => window.ecox.nodes.getIds().length")
            if graph_name == "one" and name not in ("render-triads", "render-gaps", "gaps"):
                assert drawn == 1 and "孤独公司" in text + page.evaluate(
                    "() => window.ecox.nodes.get()[0].label"
                ), name
            elif drawn == 0:
                assert message("js.empty") in text, name
            _shot(page, f"8-{graph_name}-{name}")
        finally:
            page.close()
