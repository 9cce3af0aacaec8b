"""``ecox review``: the review page, from ``ecox extract`` output of a hand-made report.

The browser tests open the page in Debian's Chromium (Playwright) with every
request to another host aborted and recorded, review by clicks (reject, retype,
reverse, accept a candidate, add a missed relation by clicking two mentions),
save both tables through the page's downloads and load them with
:func:`ecox.loaders.load.load_inputs`. The tables run once as ``ecox extract``
wrote them and once with two relations moved to ``candidates.csv`` (with a
``probability`` column, as the learned extractor writes it) plus one undecided
candidate, so the page is checked with and without candidates.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ecox.cli import main
from ecox.graph.claims import ClaimGraph
from ecox.graph.schema import SCHEMA
from ecox.loaders.load import load_inputs
from ecox.viz.page import remote_urls
from ecox.viz.review import review_page

CHROMIUM = Path("/usr/bin/chromium")
CANDIDATE_COLUMNS = [
    "source", "target", "type", "probability", "article",
    "evidence", "span_start", "span_end", "document", "rule",
]  # fmt: skip
SCRIPT_NAME = "程远航<script>window.__xss=3</script>"
FORMULA_NAME = "=宁波银行余杭支行"
# a hand-made report (not the bulletin): a loan, a chairman, a cooperation, a professor;
# its last line carries markup that must stay text
REPORT = (
    "星河智能获得贷款\n"
    "2025年9月,江南星河智能装备有限公司获得宁波银行余杭支行发放的贷款800万元。"
    "该公司董事长程远航表示,将继续加大研发投入。"
    "江南星河智能装备有限公司与浙江大学签署战略合作协议。"
    "浙江大学教授李明远担任该公司首席科学家。\n"
    '备注:<script>window.__xss=1</script><img src=x onerror="window.__xss=2">。\n'
    "来源:测试日报 2026-01-10\n"
)
COMPANY, BANK, CHAIR, UNIVERSITY, PROFESSOR = (
    "江南星河智能装备有限公司", FORMULA_NAME, SCRIPT_NAME, "浙江大学", "李明远",
)  # fmt: skip


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    reader = csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig")))
    return list(reader.fieldnames or []), list(reader)


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _extracted(folder: Path, *, candidates: bool) -> Path:
    """``ecox extract`` of :data:`REPORT` into ``folder/out``; names made hostile."""
    (folder / "report.txt").write_text(REPORT, encoding="utf-8")
    assert main(["extract", str(folder / "report.txt"), "-o", str(folder / "out")]) == 0
    out = folder / "out"
    columns, entities = _read_csv(out / "entities.csv")
    for row in entities:
        if row["name"] in ("程远航", "宁波银行余杭支行"):
            hostile = SCRIPT_NAME if row["name"] == "程远航" else FORMULA_NAME
            row["aliases"] = "|".join(filter(None, [row["aliases"], row["name"]]))
            row["name"] = hostile
    _write_csv(out / "entities.csv", columns, entities)  # written plainly: "=" read back as is
    if candidates:
        ids = {row["name"]: row["id"] for row in entities}
        columns, relations = _read_csv(out / "relations.csv")
        moved = [r for r in relations if r["type"] in ("AFFILIATED_WITH", "LEADS")]
        kept = [r for r in relations if r not in moved]
        for r in moved:
            r["probability"] = "0.41"
        undecided = {
            "source": ids[CHAIR], "target": ids[PROFESSOR], "type": "COOPERATES_WITH",
            "probability": "0.12", "article": moved[0]["article"], "evidence": moved[0]["evidence"],
            "span_start": moved[0]["span_start"], "span_end": moved[0]["span_end"],
            "document": moved[0]["document"], "rule": "pair",
        }  # fmt: skip
        unlikely = undecided | {"type": "AFFILIATED_WITH", "probability": "0.01"}
        old = _read_csv(out / "candidates.csv")[1] if (out / "candidates.csv").exists() else []
        _write_csv(out / "candidates.csv", CANDIDATE_COLUMNS, [*old, *moved, undecided, unlikely])
        if "probability" not in columns:
            columns.insert(3, "probability")
            for r in kept:
                r["probability"] = "0.93"
        _write_csv(out / "relations.csv", columns, kept)
    return out


def _page_data(html: str) -> dict[str, Any]:
    found = re.search(r'<script type="application/json" id="ecox-data">(.*?)</script>', html, re.S)
    assert found
    return json.loads(found[1])


def test_page_is_offline_and_embeds_the_text(tmp_path: Path) -> None:
    out = _extracted(tmp_path, candidates=False)
    html = review_page(out, [tmp_path / "report.txt"], lang="en")
    assert remote_urls(html) == []
    assert "<script>window.__xss" not in html  # only as escaped JSON
    data = _page_data(html)
    article = data["articles"][0]
    named = {data["entities"][[e["id"] for e in data["entities"]].index(m[2])]["name"]
             for m in article["mentions"]}  # fmt: skip
    assert {COMPANY, UNIVERSITY, PROFESSOR, SCRIPT_NAME, FORMULA_NAME} <= named
    for start, end, key in article["mentions"]:
        entity = next(e for e in data["entities"] if e["id"] == key)
        assert article["text"][start:end] in [entity["name"], *entity["aliases"].split("|")]
    assert data["messages"]["accept"] == "Accept"
    lent = next(t for t in data["types"] if t["name"] == "LENT_TO")
    assert lent["source"] == ["Bank"]


def test_texts_are_found_or_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    out = _extracted(tmp_path, candidates=False)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    capsys.readouterr()
    assert main(["review", str(out), "-o", "r.html"]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "report.txt" in err[0] and "--text" in err[0]
    assert main(["review", str(out), "-o", "r.html", "--text", str(tmp_path / "report.txt")]) == 0
    monkeypatch.chdir(tmp_path)
    assert main(["review", "out", "-o", "r.html"]) == 0  # found in the current directory
    capsys.readouterr()
    # one report given under another name is taken; a different text is refused
    (tmp_path / "changed.txt").write_text(REPORT.replace("2025年9月,", ""), encoding="utf-8")
    assert main(["review", "out", "-o", "r.html", "--text", "changed.txt"]) == 1
    err = capsys.readouterr().err
    assert "relations.csv, line 2, field evidence" in err and "report.txt" in err


# ---- in Chromium -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    if not CHROMIUM.exists():  # pragma: no cover - CI installs it
        pytest.skip("needs /usr/bin/chromium")
    profile = tempfile.mkdtemp(prefix="ecox-review-chromium-")
    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            profile,
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
            headless=True,
            accept_downloads=True,
        )
        try:
            yield context
        finally:
            context.close()
    shutil.rmtree(profile, ignore_errors=True)


def _open(context: Any, path: Path, remote: list[str], errors: list[str]) -> Any:
    page = context.new_page()

    def route(request_route: Any) -> None:
        if request_route.request.url.startswith(("file://", "blob:")):
            request_route.continue_()
        else:
            remote.append(request_route.request.url)
            request_route.abort()

    page.route("**/*", route)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (errors.append("dialog " + d.message), d.dismiss()))
    page.goto(path.as_uri())
    start = time.monotonic()
    while not page.evaluate("() => !!(window.ecox && window.ecox.ready)"):
        assert time.monotonic() - start < 30, "review page not ready"
        time.sleep(0.05)
    return page


def _rows(page: Any) -> list[dict[str, str]]:
    return page.evaluate(
        "() => window.ecox.rows.map(r => ({id: r.id, type: r.fields.type, source: r.fields.source,"
        " target: r.fields.target, status: r.status, origin: r.origin}))"
    )


@dataclass
class Review:
    """The review page of :data:`REPORT` open in Chromium, and what it did."""

    page: Any
    ids: dict[str, str]  # entity name → id in the tables
    remote: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _review(context: Any, tmp_path: Path, monkeypatch: Any, *, candidates: bool) -> Review:
    out = _extracted(tmp_path, candidates=candidates)
    monkeypatch.chdir(tmp_path)
    assert main(["review", "out", "-o", "review.html"]) == 0
    ids = {e["name"]: e["id"] for e in _read_csv(out / "entities.csv")[1]}
    review = Review(None, ids)
    review.page = _open(context, tmp_path / "review.html", review.remote, review.errors)
    return review


def _save_and_load(review: Review, folder: Path) -> tuple[ClaimGraph, set[tuple[str, str, str]]]:
    """Both downloads saved into ``folder`` and loaded: the graph, its (name, type, name) claims."""
    folder.mkdir()
    for button in ("#save-entities", "#save-relations"):
        with review.page.expect_download() as info:
            review.page.click(button)
        info.value.save_as(folder / info.value.suggested_filename)
    assert review.remote == [] and review.errors == []
    review.page.close()
    graph = load_inputs([folder]).graph
    names = dict(zip(graph.actors["id"], graph.actors["name"], strict=True))
    triples = graph.claims[["source", "type", "target"]].values
    return graph, {(names[s], t, names[o]) for s, t, o in triples}


@pytest.mark.browser
@pytest.mark.parametrize("candidates", [False, True], ids=["relations", "with-candidates"])
def test_review_by_clicks_and_load(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, candidates: bool
) -> None:
    review = _review(browser, tmp_path, monkeypatch, candidates=candidates)
    page, ids = review.page, review.ids
    rows = {(r["source"], r["type"], r["target"]): r for r in _rows(page)}
    origins = {r["origin"] for r in rows.values()}
    assert "relation" in origins and ("candidate" in origins) >= candidates
    lent = rows[ids[BANK], "LENT_TO", ids[COMPANY]]
    cooperation = rows[ids[COMPANY], "COOPERATES_WITH", ids[UNIVERSITY]]
    leads = rows[ids[CHAIR], "LEADS", ids[COMPANY]]
    professor = rows[ids[PROFESSOR], "AFFILIATED_WITH", ids[UNIVERSITY]]
    if candidates:  # a candidate less likely than the page's minimum shows only when asked
        unlikely = f'tr[data-row="{rows[ids[CHAIR], "AFFILIATED_WITH", ids[PROFESSOR]]["id"]}"]'
        assert page.locator(unlikely).count() == 0
        page.fill("#min-probability", "0")
        page.press("#min-probability", "Enter")
        assert page.locator(unlikely).count() == 1

    # retype: only the types the schema allows from a bank to an enterprise are offered
    options = page.eval_on_selector_all(
        f'select.retype[data-row="{lent["id"]}"] option', "os => os.map(o => o.value)"
    )
    assert set(options) == {t for t in SCHEMA.edges if SCHEMA.allows(t, ["Bank"], ["Enterprise"])}
    page.select_option(f'select.retype[data-row="{lent["id"]}"]', "SERVES")
    # SERVES cannot run from an enterprise to a bank: reversing is not offered
    assert page.is_disabled(f'tr[data-row="{lent["id"]}"] button[data-action="reverse"]')
    page.click(f'tr[data-row="{cooperation["id"]}"] button[data-action="reverse"]')
    page.click(f'tr[data-row="{leads["id"]}"] button[data-action="reject"]')
    # the focus stays in the row through the redraw (on the next control: reject is now disabled)
    focused = "() => document.activeElement.getAttribute('data-row')"
    assert page.evaluate(focused) == leads["id"]
    accept = f'tr[data-row="{professor["id"]}"] button[data-action="accept"]'
    assert page.is_disabled(accept) != candidates  # a candidate waits for a decision
    if candidates:
        page.click(accept)
    # add a missed one: click the company, then (keyboard) the professor; swap; choose FOUNDED
    page.click(f'span.mention[data-entity="{ids[COMPANY]}"] >> nth=0')
    page.focus(f'span.mention[data-entity="{ids[PROFESSOR]}"] >> nth=0')
    page.keyboard.press("Enter")  # mentions work from the keyboard too
    offered = page.eval_on_selector_all("#add-type option", "os => os.map(o => o.value)")
    assert offered == ["COOPERATES_WITH"]  # an enterprise cannot found, lead or employ
    page.click("#add-swap")
    page.select_option("#add-type", "FOUNDED")
    page.click("#add-confirm")
    after = {(r["source"], r["type"], r["target"], r["status"]) for r in _rows(page)}
    assert (ids[PROFESSOR], "FOUNDED", ids[COMPANY], "added") in after
    assert (ids[CHAIR], "LEADS", ids[COMPANY], "rejected") in after

    # hostile names and markup from the text are shown as text and never ran
    assert page.evaluate("() => window.__xss") is None
    assert page.locator(f'td.source:text-is("{SCRIPT_NAME}")').count() >= 1
    assert "<script>window.__xss=1</script>" in page.inner_text("#review-articles")
    assert page.locator("#review-articles img, #review-articles script").count() == 0

    _, claims = _save_and_load(review, tmp_path / "saved")
    expected = {
        (BANK, "SERVES", COMPANY),
        (PROFESSOR, "AFFILIATED_WITH", UNIVERSITY),
        (PROFESSOR, "FOUNDED", COMPANY),
    }
    assert expected <= claims
    assert not {c for c in claims if c[1] in ("LENT_TO", "LEADS")}
    cooperations = {c for c in claims if c[1] == "COOPERATES_WITH"}
    assert {frozenset((c[0], c[2])) for c in cooperations} == {frozenset((COMPANY, UNIVERSITY))}
    _, saved_rows = _read_csv(tmp_path / "saved" / "relations.csv")
    reviews = {(r["source"], r["type"], r["target"]): r["review"] for r in saved_rows}
    assert reviews[ids[UNIVERSITY], "COOPERATES_WITH", ids[COMPANY]] == "reversed"
    assert reviews[ids[BANK], "SERVES", ids[COMPANY]] == "retyped"
    assert reviews[ids[PROFESSOR], "FOUNDED", ids[COMPANY]] == "added"
    # the professor's post at the company (首席科学家) is accepted by the extractor and
    # saved as it is; with candidates it waits for a decision like the undecided one
    chief_scientist = (PROFESSOR, "AFFILIATED_WITH", COMPANY)
    assert (chief_scientist in claims) != candidates
    assert len(saved_rows) == 4 + (not candidates)  # undecided candidates are not saved
    # the saved folder can be reviewed again, keeping what was done to each row
    again = review_page(tmp_path / "saved", [tmp_path / "report.txt"])
    (tmp_path / "again.html").write_text(again, encoding="utf-8")
    page = _open(browser, tmp_path / "again.html", review.remote, review.errors)
    resaved = page.evaluate("() => window.ecox.tables()['relations.csv']")
    page.close()
    assert sorted(r["review"] for r in csv.DictReader(io.StringIO(resaved))) == sorted(
        reviews.values()
    )


def test_two_reports_and_a_missing_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(REPORT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(REPORT.replace("星河智能", "云帆科技"), encoding="utf-8")
    assert main(["extract", "a.txt", "b.txt", "-o", "out"]) == 0
    html = review_page("out")
    data = _page_data(html)
    assert [a["id"] for a in data["articles"]] == ["a.txt:A1", "b.txt:A1"]
    placed = {a["id"] for a in data["articles"]}
    assert {r["fields"]["article"] for r in data["rows"]} == placed
    (tmp_path / "out" / "relations.csv").unlink()
    capsys.readouterr()
    assert main(["review", "out", "-o", "r.html"]) == 1
    assert "relations.csv: no such file" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


@pytest.mark.browser
def test_actors_retyped_and_removed(
    browser: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    review = _review(browser, tmp_path, monkeypatch, candidates=False)
    page, ids = review.page, review.ids
    page.click("details.entities > summary")
    page.select_option(f'select.entity-type[data-entity="{ids[CHAIR]}"]', "Person")
    page.click(f'button[data-entity-action="remove"][data-entity="{ids[UNIVERSITY]}"]')
    status = {(r["source"], r["type"], r["target"]): r["status"] for r in _rows(page)}
    assert status[ids[COMPANY], "COOPERATES_WITH", ids[UNIVERSITY]] == "rejected"
    assert status[ids[PROFESSOR], "AFFILIATED_WITH", ids[UNIVERSITY]] == "rejected"
    page.click(f'span.mention[data-entity="{ids[UNIVERSITY]}"] >> nth=0')
    assert page.evaluate("() => window.ecox.pick") is None  # a removed actor is not offered
    graph, claims = _save_and_load(review, tmp_path / "saved")
    types = dict(zip(graph.actors["name"], graph.actors["types"], strict=True))
    assert UNIVERSITY not in types and PROFESSOR in types
    assert "Person" in str(types[CHAIR]) and "Entrepreneur" not in str(types[CHAIR])
    kept = {(BANK, "LENT_TO", COMPANY), (CHAIR, "LEADS", COMPANY)}
    assert kept | {(PROFESSOR, "AFFILIATED_WITH", COMPANY)} == claims
