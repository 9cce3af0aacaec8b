"""``ecox update`` and ``ecox diff`` on a hand-made pair of editions, worked out by hand.

Last week: 甲科技 was founded by 王教授 (a scientist) and 李总 (an entrepreneur) and had
no capital; 乙银行 lent to 丙公司. This week's table adds 丁银行 lending to 甲科技 (which
completes the venture and closes its no-capital gap) and names the firm by its alias
甲科技, which must resolve to the existing actor.
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pandas as pd
import pytest
from click.testing import CliRunner

from ecox.cmd_update import update
from ecox.loaders.load import load_inputs
from ecox.queries.diff import graph_diff
from ecox.store.files import read_graph, to_json
from ecox.store.parquet import to_parquet
from tests.ecox_process import run_ecox

OLD_ACTORS = """id,name,types,aliases
e1,甲科技有限公司,Enterprise,甲科技
s1,王教授,Scientist,
p1,李总,Entrepreneur,
b1,乙银行,Bank,
e2,丙公司,Enterprise,
"""
OLD_RELATIONS = """source,target,type,date,source_doc
s1,e1,FOUNDED,2026-01,week1
p1,e1,FOUNDED,2026-01,week1
b1,e2,LENT_TO,2026-01,week1
"""
NEW_ACTORS = """id,name,types,aliases
x1,丁银行,Bank,
x2,甲科技,Enterprise,
"""
NEW_RELATIONS = """source,target,type,date,source_doc,evidence
x1,x2,LENT_TO,2026-02,week2,丁银行向甲科技发放贷款
"""


def _write(folder: Path, actors: str, relations: str) -> Path:
    folder.mkdir(parents=True)
    (folder / "actors.csv").write_text(actors, encoding="utf-8")
    (folder / "relations.csv").write_text(relations, encoding="utf-8")
    return folder


@pytest.fixture()
def editions(tmp_path: Path) -> tuple[Path, Path]:
    old = tmp_path / "old.json"
    old.write_text(
        to_json(load_inputs([_write(tmp_path / "w1", OLD_ACTORS, OLD_RELATIONS)]).graph),
        encoding="utf-8",
    )
    return old, _write(tmp_path / "w2", NEW_ACTORS, NEW_RELATIONS)


_ecox = run_ecox


def test_update_resolves_names_against_the_old_graph_and_keeps_it(
    editions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, week2 = editions
    before = old.read_bytes()
    new = tmp_path / "new.json"
    done = _ecox("update", str(old), str(week2), "-o", str(new))
    assert done.returncode == 0, done.stderr
    assert old.read_bytes() == before
    graph = load_inputs([new]).graph
    assert sorted(graph.actors["name"]) == sorted(
        ["甲科技有限公司", "王教授", "李总", "乙银行", "丙公司", "丁银行"]
    )
    assert "1 new, 5 already known" in done.stderr
    lent = graph.claims[graph.claims["type"] == "LENT_TO"]
    assert set(lent["source_doc"]) == {"week1", "week2"}  # provenance kept


def test_update_reads_the_old_graph_once_and_gives_what_reading_it_twice_gave(
    editions: tuple[Path, Path], tmp_path: Path
) -> None:
    old, week2 = editions
    opened: list[str] = []
    real_open = Path.open

    def counting_open(self: Path, *args: object, **kwargs: object) -> object:
        if self == old:
            opened.append(str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[arg-type]

    with mock.patch.object(Path, "open", counting_open):
        read_graph(old)
    reading_once = len(opened)
    new = tmp_path / "new.json"
    with mock.patch.object(Path, "open", counting_open):
        done = CliRunner().invoke(update, [str(old), str(week2), "-o", str(new)])
    assert done.exit_code == 0, done.output
    assert len(opened) == 2 * reading_once  # the read above and one in update
    assert load_inputs([new]).graph == load_inputs([old, week2]).graph
    # a Parquet graph is read the same way (it was refused as an input before)
    graph = tmp_path / "old.parquet"
    graph.write_bytes(to_parquet(load_inputs([old]).graph))
    again = tmp_path / "again.json"
    done = CliRunner().invoke(update, [str(graph), str(week2), "-o", str(again)])
    assert done.exit_code == 0, done.output
    assert load_inputs([again]).graph == load_inputs([new]).graph


def test_update_refuses_to_overwrite_its_input(editions: tuple[Path, Path]) -> None:
    old, week2 = editions
    before = old.read_bytes()
    done = _ecox("update", str(old), str(week2), "-o", str(old))
    assert done.returncode == 2
    assert old.read_bytes() == before


def test_diff_lists_each_change_worked_out_by_hand(editions: tuple[Path, Path]) -> None:
    old_file, week2 = editions
    old = load_inputs([old_file]).graph
    new = load_inputs([old_file, week2]).graph
    changes = graph_diff(old, new)
    got = {(r.section, r.change, r.name) for r in changes.itertuples()}
    assert ("actors", "added", "丁银行") in got
    assert ("ties", "added", "丁银行 → LENT_TO → 甲科技有限公司") in got
    assert ("ventures", "completed", "甲科技有限公司") in got
    assert ("gaps", "closed", "甲科技有限公司") in got
    assert not (changes["change"] == "removed").any()
    completed = changes[(changes["section"] == "ventures") & (changes["change"] == "completed")]
    assert completed["before"].tolist() == ["investor"]
    # and backwards: what was added is now removed, the venture is no longer complete
    back = graph_diff(new, old)
    assert ("actors", "removed", "丁银行") in {
        (r.section, r.change, r.name) for r in back.itertuples()
    }
    assert ("ventures", "opened", "甲科技有限公司") in {
        (r.section, r.change, r.name) for r in back.itertuples()
    }


def test_diff_of_a_graph_with_itself_and_of_empty_graphs_is_empty(
    editions: tuple[Path, Path], tmp_path: Path
) -> None:
    old_file, _ = editions
    graph = load_inputs([old_file]).graph
    assert graph_diff(graph, graph).empty
    empty = graph.__class__.from_tables(graph.actors.iloc[:0], graph.claims.iloc[:0])
    assert graph_diff(empty, empty).empty
    grown = graph_diff(empty, graph)
    assert set(grown["section"]) >= {"actors", "ties"}


def test_diff_page_lists_sections_in_chinese(editions: tuple[Path, Path], tmp_path: Path) -> None:
    old, week2 = editions
    new = tmp_path / "new.json"
    assert _ecox("update", str(old), str(week2), "-o", str(new)).returncode == 0
    page = tmp_path / "diff.html"
    done = _ecox("diff", str(old), str(new), "-o", str(page))
    assert done.returncode == 0, done.stderr
    html = page.read_text(encoding="utf-8")
    for words in ("生态变化", "主体", "关系", "已补全", "丁银行向甲科技发放贷款"):
        assert words in html
    table = _ecox("diff", str(old), str(new), "--format", "csv")
    rows = pd.read_csv(pd.io.common.StringIO(table.stdout))
    assert len(rows) == len(graph_diff(load_inputs([old]).graph, load_inputs([new]).graph))


def test_diff_page_in_chromium_shows_every_section_and_row(
    editions: tuple[Path, Path], tmp_path: Path
) -> None:
    if not Path("/usr/bin/chromium").exists():  # pragma: no cover - CI installs it
        pytest.skip("needs /usr/bin/chromium")
    sync_api = pytest.importorskip("playwright.sync_api")
    from ecox.viz.diff_page import diff_page

    old_file, week2 = editions
    changes = graph_diff(load_inputs([old_file]).graph, load_inputs([old_file, week2]).graph)
    page_file = tmp_path / "diff.html"
    page_file.write_text(diff_page(changes, "w1.json", "w2.json"), encoding="utf-8")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless", "--no-sandbox"]
        )
        try:
            page = browser.new_page(viewport={"width": 1024, "height": 768})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(page_file.as_uri())
            shown = page.locator("section").evaluate_all("els => els.map(e => e.id)")
            rows = page.locator("tbody tr").count()
            text = page.inner_text("body")
        finally:
            browser.close()
    assert errors == []
    assert shown == [
        s
        for s in ("actors", "ties", "ventures", "gaps", "brokers")
        if (changes["section"] == s).any()
    ]
    assert rows == len(changes)
    assert "丁银行" in text and "已补全" in text
