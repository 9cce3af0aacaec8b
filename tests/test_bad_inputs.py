"""A matrix of bad inputs and outputs, each run through the ``ecox`` CLI.

Every case is a folder of files and a command line. All cases run in one
subprocess (a driver calls the CLI entry point once per case, from inside the
case's folder), so the matrix stays fast. For each case the test checks the
exit code, that stderr ends with one error line naming what is wrong (``file:line`` and the
column where there is one), and that every file of the folder -- inputs and
outputs alike -- is exactly as it was (bytes, mode, kind), with no temporary
file left behind.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

ENTITIES = (
    "id,name,types\n"
    "b1,瑞安农商银行,Bank\ne1,温州数智新能源有限公司,Enterprise\nf1,浙江创新基金,Fund\n"
)
RELATIONS_HEADER = "source,target,type,amount,currency,date,confidence,span_start\n"
GOOD_RELATION = "b1,e1,LENT_TO,1000000,CNY,2025-11-03,0.9,10\n"
DEALS_HEADER = "company_name,investor_name,funded_when,amount_usd\n"
GOOD_DEAL = "Acme,Fund One,2010-05-01,1000000\n"


@dataclass
class Case:
    """One bad input: files (bytes, or a special kind), argv, expected exit and message parts."""

    id: str
    files: dict[str, Any]
    argv: list[str]
    code: int = 1
    says: list[str] = field(default_factory=list)
    rejects: int | None = None  # exit 0 with --skip-invalid: rows listed in rejects.csv


def _folder(relation: str | None = None, entities: str | None = None) -> dict[str, Any]:
    return {
        "data/entities.csv": entities if entities is not None else ENTITIES,
        "data/relations.csv": RELATIONS_HEADER + GOOD_RELATION + (relation or ""),
    }


def _rel(case_id: str, row: str, column: str, says: str) -> Case:
    """A relation row on line 3 of data/relations.csv that must be refused."""
    return Case(
        case_id,
        _folder(row + "\n"),
        ["load", "data", "-o", "g.json"],
        says=["data/relations.csv:3:", f"column '{column}'", says],
    )


def _actor(case_id: str, row: str, column: str, says: str) -> Case:
    """An actor row on line 5 of data/entities.csv that must be refused."""
    return Case(
        case_id,
        _folder(entities=ENTITIES + row + "\n"),
        ["load", "data", "-o", "g.json"],
        says=["data/entities.csv:5:", f"column '{column}'", says],
    )


def _deal(case_id: str, row: str, column: str, says: str) -> Case:
    return Case(
        case_id,
        {"deals.csv": DEALS_HEADER + GOOD_DEAL + row + "\n"},
        ["load", "deals.csv", "-o", "g.json"],
        says=["deals.csv:3:", f"column '{column}'", says],
    )


def _json_tables(case_id: str, text: str, says: list[str]) -> Case:
    return Case(case_id, {"t.json": text}, ["load", "t.json", "-o", "g.json"], says=says)


# The UTF-8 lines are chosen so that the whole file also decodes as GB18030 (to mojibake).
UTF8_WITH_GBK = "id,name,types\nb1,科技,Bank\ne1,张三,Enterprise\n".encode() + (
    "e2,温州银行,Bank\n".encode("gbk")
)
GRAPH = {"g.json": "@graph"}  # written by the driver from data/ before the case runs
# Device outputs are device nodes made in the case folder (as root), or links to
# /dev/null and /dev/full (otherwise): a writer that wrongly replaces its target
# then replaces a node or link of the test, never the machine's /dev entries.
NULL = {"null": "@device:1:3:/dev/null"}
FULL = {"full": "@device:1:7:/dev/full"}

CASES: list[Case] = [
    # values in relation rows
    _rel("impossible-day", "b1,e1,LENT_TO,1,CNY,2026-02-30,,", "date", "no such day"),
    _rel("year-zero", "b1,e1,LENT_TO,1,CNY,0000,,", "date", "no year 0"),
    _rel("month-13", "b1,e1,LENT_TO,1,CNY,2026-13-01,,", "date", "month out of range"),
    _rel("not-a-date", "b1,e1,LENT_TO,1,CNY,2025-1-1x,,", "date", "not a date"),
    _rel(
        "fullwidth-impossible-day", "b1,e1,LENT_TO,1,CNY,２０２５－０２－２９,,", "date", "no such"
    ),
    _rel("arabic-indic-bad-month", "b1,e1,LENT_TO,1,CNY,٢٠٢٥-١٣,,", "date", "month out of range"),
    _rel("amount-text", "b1,e1,LENT_TO,abc,CNY,,,", "amount", "not a number"),
    _rel("amount-negative", "b1,e1,LENT_TO,-5,CNY,,,", "amount", "negative amount"),
    _rel("amount-inf", "b1,e1,LENT_TO,inf,CNY,,,", "amount", "not a finite number"),
    _rel("amount-overflow", "b1,e1,LENT_TO,1e999,CNY,,,", "amount", "not a finite number"),
    _rel("amount-mixed-script", "b1,e1,LENT_TO,12a٣,CNY,,,", "amount", "not a number"),
    _rel("currency", "b1,e1,LENT_TO,5,yuan,,,", "currency", "not an ISO currency"),
    _rel("confidence", "b1,e1,LENT_TO,5,CNY,,1.5,", "confidence", "not within 0..1"),
    _rel("span-huge", "b1,e1,LENT_TO,5,CNY,,,1e30", "span_start", "span offset"),
    _rel("span-negative", "b1,e1,LENT_TO,5,CNY,,,-1", "span_start", "span offset"),
    _rel("span-fraction", "b1,e1,LENT_TO,5,CNY,,,1.5", "span_start", "span offset"),
    _rel("unknown-type", "b1,e1,LOVES,,,,,", "type", "unknown relation type"),
    _rel("empty-source", ",e1,LENT_TO,,,,,", "counterpart_type", "source is empty"),
    _rel("unknown-target", "b1,nobody,LENT_TO,,,,,", "target", "not an actor"),
    _rel("quotes-target", "b1,“”,LENT_TO,,,,,", "target", "not an actor"),
    _rel("schema-refuses", "e1,b1,LENT_TO,,,,,", "type", "LENT_TO"),
    # actor rows
    _actor("name-only-quotes", 'q1,“”"",Bank', "name", "no name left"),
    _actor("name-empty", "q1,,Bank", "name", "needs a name"),
    _actor("unknown-actor-type", "q1,某公司,Company", "types", "unknown actor type"),
    _actor("no-type", "q1,某公司,", "types", "has no type"),
    _actor("duplicate-id", "b1,另一家银行,Bank", "id", "duplicate actor id"),
    # table shape
    Case(
        "duplicate-column",
        {"data/entities.csv": "id,name,name,types\nb1,甲,乙,Bank\n"},
        ["load", "data/entities.csv", "-o", "g.json"],
        says=["data/entities.csv:1:", "column 'name'", "appears twice"],
    ),
    Case(
        "duplicate-column-case",
        {"deals.csv": "company_name,investor_name,Amount_USD,amount_usd\nA,B,1,2\n"},
        ["load", "deals.csv", "-o", "g.json"],
        says=["deals.csv:1:", "column 'amount_usd'", "appears twice"],
    ),
    Case(
        "too-many-cells",
        _folder("b1,e1,LENT_TO,1,CNY,,,,extra,more\n"),
        ["load", "data", "-o", "g.json"],
        says=["data/relations.csv:3:", "cells but the header has"],
    ),
    Case(
        "malformed-quote",
        _folder('b1,"e1"x,LENT_TO,,,,,\n'),
        ["load", "data", "-o", "g.json"],
        says=["data/relations.csv:3:", "malformed CSV"],
    ),
    Case(
        "missing-types-column",
        {"entities.csv": "id,name,kind\nb1,甲,Bank\n"},
        ["load", "entities.csv", "-o", "g.json"],
        says=["entities.csv:1:", "missing column 'types'"],
    ),
    Case(
        "unknown-table",
        {"stuff.csv": "a,b\n1,2\n"},
        ["load", "stuff.csv", "-o", "g.json"],
        says=["stuff.csv:1:", "cannot tell what this table holds"],
    ),
    Case(
        "header-only",
        {"entities.csv": "id,name,types\n"},
        ["load", "entities.csv", "-o", "g.json"],
        says=["entities.csv", "has no rows"],
    ),
    Case(
        "empty-file", {"entities.csv": ""}, ["load", "entities.csv", "-o", "g.json"], says=["empty"]
    ),
    Case(
        "no-such-input",
        {},
        ["load", "missing.csv", "-o", "g.json"],
        says=["missing.csv", "no such file"],
    ),
    Case(
        "unsupported-suffix",
        {"report.pdf": "%PDF-1.4"},
        ["load", "report.pdf", "-o", "g.json"],
        says=["report.pdf", "unsupported input"],
    ),
    Case(
        "empty-folder",
        {"data/readme.md": "nothing"},
        ["load", "data", "-o", "g.json"],
        says=["data", "holds no CSV"],
    ),
    # encodings
    Case(
        "utf8-with-gbk-line",
        {"entities.csv": UTF8_WITH_GBK},
        ["load", "entities.csv", "-o", "g.json"],
        says=["entities.csv:4:", "not UTF-8"],
    ),
    Case(
        "utf8-with-gbk-header",
        {"entities.csv": "编号,name,types\n".encode("gbk") + "b1,瑞安农商银行,Bank\n".encode()},
        ["load", "entities.csv", "-o", "g.json"],
        says=["entities.csv:1:", "not UTF-8"],
    ),
    Case(
        "gbk-private-use",
        {"entities.csv": b"id,name,types\nb1,\xaa\xa1\xaa\xa2,Bank\n"},
        ["load", "entities.csv", "-o", "g.json"],
        says=["entities.csv:2:", "U+E000", "save the file as UTF-8"],
    ),
    Case(
        "latin1",
        {"entities.csv": b"id,name,types\nb1,Caf\xe9,Bank\n"},
        ["load", "entities.csv", "-o", "g.json"],
        says=["entities.csv:2:", "undecodable"],
    ),
    Case(
        "binary",
        {"entities.csv": b"id,name,types\n\x00\x01\x02"},
        ["load", "entities.csv", "-o", "g.json"],
        says=["entities.csv", "binary data"],
    ),
    Case(
        "bad-utf16",
        {"entities.csv": b"\xff\xfei\x00d\x00\x00\xd8"},
        ["load", "entities.csv", "-o", "g.json"],
        says=["entities.csv", "invalid UTF-16"],
    ),
    Case(
        "report-with-gbk-line",
        {"news.txt": "张三创办科技\n".encode() + "温州银行\n".encode("gbk")},
        ["load", "news.txt", "-o", "g.json"],
        says=["news.txt:2:", "not UTF-8"],
    ),
    # JSON tables
    _json_tables("json-invalid", '{"actors": [\n{"name": }]}', ["t.json:2:", "invalid JSON"]),
    _json_tables("json-not-object", "[1, 2]", ["t.json:1:", "expected an object"]),
    _json_tables(
        "json-record-not-object",
        '{"actors": [{"name": "甲", "types": "Bank"}, 3]}',
        ["t.json:2:", "is no object"],
    ),
    _json_tables(
        "json-lone-surrogate",
        '{"actors": [{"name": "甲\\ud800", "types": "Bank"}]}',
        ["t.json:1:", "column 'name'", "lone surrogate"],
    ),
    _json_tables(
        "json-key-twice",
        '{"actors": [{"name": "甲", "Name": "乙", "types": "Bank"}]}',
        ["t.json:1:", "repeats a key"],
    ),
    _json_tables(
        "json-same-key-twice",
        '{"actors": [{"name": "甲", "types": "Bank", "name": "乙"}]}',
        ["t.json:", "column 'name'", "appears twice"],
    ),
    _json_tables("json-relations-not-list", '{"relations": 5}', ["t.json", "must be a list"]),
    # investment records
    _deal("deal-impossible-day", "Acme,Fund Two,2013-02-29,", "funded_when", "no such day"),
    _deal("deal-amount-text", "Acme,Fund Two,,lots", "amount_usd", "not a number"),
    _deal("deal-negative", "Acme,Fund Two,,-3", "amount_usd", "negative amount"),
    _deal("deal-quotes-investor", 'Acme,"""""",,', "investor_name", "no name left"),
    _deal("deal-empty-company", ",Fund Two,,", "company_name", "empty company name"),
    # XLSX
    Case(
        "xlsx-formula-no-value",
        {"t.xlsx": "@xlsx-formula"},
        ["load", "t.xlsx", "-o", "g.json"],
        says=["t.xlsx[relations]:3:", "column 'amount'", "cell D3", "formula"],
    ),
    Case(
        "xlsx-duplicate-column",
        {"t.xlsx": "@xlsx-duplicate"},
        ["load", "t.xlsx", "-o", "g.json"],
        says=["t.xlsx[entities]:1:", "appears twice"],
    ),
    Case(
        "xlsx-garbage",
        {"t.xlsx": b"PK\x03\x04 not really"},
        ["load", "t.xlsx", "-o", "g.json"],
        says=["t.xlsx", "not a readable XLSX"],
    ),
    # outputs that must not be written
    Case(
        "out-dev-null",
        {**_folder(), **NULL},
        ["load", "data", "-o", "null"],
        says=["null", "device"],
    ),
    Case(
        "out-dev-full",
        {**_folder(), **FULL},
        ["load", "data", "-o", "full"],
        says=["full", "device"],
    ),
    Case("out-fifo", {**_folder(), "pipe": "@fifo"}, ["load", "data", "-o", "pipe"], says=["pipe"]),
    Case(
        "out-folder",
        {**_folder(), "out/keep.txt": "x"},
        ["load", "data", "-o", "out"],
        says=["out:", "a folder"],
    ),
    Case(
        "out-is-input",
        {"deals.csv": DEALS_HEADER + GOOD_DEAL},
        ["load", "deals.csv", "-o", "deals.csv"],
        says=["deals.csv", "one of the inputs"],
    ),
    Case(
        "out-is-input-in-folder",
        _folder(),
        ["load", "data", "-o", "data/relations.csv"],
        says=["data/relations.csv", "one of the inputs"],
    ),
    Case(
        "out-hardlink-to-input",
        {"deals.csv": DEALS_HEADER + GOOD_DEAL, "copy.json": "@hardlink:deals.csv"},
        ["load", "deals.csv", "-o", "copy.json"],
        says=["copy.json", "one of the inputs"],
    ),
    Case(
        "out-symlink-to-input",
        {"deals.csv": DEALS_HEADER + GOOD_DEAL, "link.json": "@symlink:deals.csv"},
        ["load", "deals.csv", "-o", "link.json"],
        says=["link.json", "one of the inputs"],
    ),
    Case(
        "out-under-a-file",
        {**_folder(), "plain": "x"},
        ["load", "data", "-o", "plain/g.json"],
        says=["plain/g.json", "cannot make its folder"],
    ),
    Case(
        "rejects-is-input",
        _folder("b1,e1,LOVES,,,,,\n"),
        ["load", "data", "-o", "g.json", "--skip-invalid", "--rejects", "data/relations.csv"],
        says=["data/relations.csv", "one of the inputs"],
    ),
    Case(
        "rejects-is-folder",
        {**_folder("b1,e1,LOVES,,,,,\n"), "g.json": "old graph", "r/keep.txt": "x"},
        ["load", "data", "-o", "g.json", "--skip-invalid", "--rejects", "r"],
        says=["r:", "a folder"],
    ),
    Case(
        "rejects-dev-full",
        {**_folder(), **FULL, "g.json": "old graph"},
        ["load", "data", "-o", "g.json", "--skip-invalid", "--rejects", "full"],
        says=["full", "device"],
    ),
    Case(
        "render-over-its-graph",
        GRAPH,
        ["render", "g.json", "-o", "g.json"],
        says=["g.json", "one of the inputs"],
    ),
    Case(
        "export-over-its-graph",
        {**GRAPH, "g.graphml": "@symlink:g.json"},
        ["export", "g.json", "-o", "g.graphml"],
        says=["g.graphml", "one of the inputs"],
    ),
    Case(
        "export-pair-half-blocked",
        {**GRAPH, "x_claims.csv/keep.txt": "x"},
        ["export", "g.json", "-o", "x.csv"],
        says=["x_claims.csv", "a folder"],
    ),
    Case(
        "cypher-csv-device",
        {**GRAPH, **NULL},
        ["cypher", "g.json", "--named", "complete_triads", "--csv", "null"],
        says=["null", "device"],
    ),
    Case(
        "cypher-csv-over-graph",
        GRAPH,
        ["cypher", "g.json", "--named", "complete_triads", "--csv", "g.json"],
        says=["g.json", "one of the inputs"],
    ),
    Case(
        "brokers-csv-folder",
        {**GRAPH, "b/keep.txt": "x"},
        ["brokers", "g.json", "--csv", "b"],
        says=["b:", "a folder"],
    ),
    # --skip-invalid: every per-row failure is a reject, the load goes on
    Case(
        "skip-gbk-line",
        {"entities.csv": UTF8_WITH_GBK},
        ["load", "entities.csv", "-o", "g.json", "--skip-invalid", "--rejects", "r.csv"],
        code=0,
        rejects=1,
    ),
    Case(
        "skip-quotes-name-surrogate-span",
        {
            "t.json": json.dumps(
                {
                    "actors": [
                        {"id": "b1", "name": "瑞安农商银行", "types": "Bank"},
                        {"id": "e1", "name": "温州某公司", "types": "Enterprise"},
                        {"id": "q", "name": '"“”"', "types": "Bank"},
                        {"id": "s", "name": "甲\ud800", "types": "Bank"},
                    ],
                    "relations": [
                        {"source": "b1", "target": "e1", "type": "LENT_TO", "span_start": 1e30},
                        {"source": "b1", "target": "e1", "type": "LENT_TO", "date": "2026-02-30"},
                    ],
                }
            )
        },
        ["load", "t.json", "-o", "g.json", "--skip-invalid", "--rejects", "r.csv"],
        code=0,
        rejects=4,
    ),
    Case(
        "skip-xlsx-formula",
        {"t.xlsx": "@xlsx-formula"},
        ["load", "t.xlsx", "-o", "g.json", "--skip-invalid", "--rejects", "r.csv"],
        code=0,
        rejects=1,
    ),
    Case(
        "skip-bad-deals",
        {"deals.csv": DEALS_HEADER + GOOD_DEAL + 'Acme,B,2013-02-29,\nAcme,C,,x\n"""",D,,\n'},
        ["load", "deals.csv", "-o", "g.json", "--skip-invalid", "--rejects", "r.csv"],
        code=0,
        rejects=3,
    ),
]


def _xlsx(kind: str, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    if kind == "xlsx-duplicate":
        sheet.title = "entities"
        sheet.append(["id", "name", "NAME", "types"])
        sheet.append(["b1", "甲", "乙", "Bank"])
    else:
        sheet.title = "entities"
        sheet.append(["id", "name", "types"])
        sheet.append(["b1", "瑞安农商银行", "Bank"])
        sheet.append(["e1", "温州某公司", "Enterprise"])
        relations = book.create_sheet("relations")
        relations.append(["source", "target", "type", "amount"])
        relations.append(["b1", "e1", "LENT_TO", 5])
        relations.append(["b1", "e1", "LENT_TO", "=B2*2"])  # openpyxl saves no cached value
    book.save(path)


def _make(root: Path, files: dict[str, Any], graph_text: str) -> None:
    for name, content in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content == "@graph":
            path.write_text(graph_text, encoding="utf-8")
        elif content == "@fifo":
            os.mkfifo(path)
        elif content.startswith("@xlsx"):
            _xlsx(content[1:], path)
        elif content.startswith("@device:"):
            _, major, minor, fallback = content.split(":")
            if os.geteuid() == 0:
                os.mknod(path, 0o666 | stat.S_IFCHR, os.makedev(int(major), int(minor)))
            else:
                path.symlink_to(fallback)
        elif content.startswith("@hardlink:"):
            os.link(root / content.split(":", 1)[1], path)
        elif content.startswith("@symlink:"):
            path.symlink_to(content.split(":", 1)[1])
        else:
            path.write_text(content, encoding="utf-8")


def snapshot(root: Path) -> dict[str, tuple[Any, ...]]:
    """Every entry under ``root``: kind, mode, link target and content."""
    seen: dict[str, tuple[Any, ...]] = {}
    for path in sorted(root.rglob("*")):
        info = path.lstat()
        if stat.S_ISLNK(info.st_mode):
            seen[str(path.relative_to(root))] = ("link", os.readlink(path))
        elif stat.S_ISREG(info.st_mode):
            body = path.read_bytes()
            seen[str(path.relative_to(root))] = ("file", stat.S_IMODE(info.st_mode), body)
        else:
            seen[str(path.relative_to(root))] = (stat.S_IFMT(info.st_mode), info.st_rdev)
    return seen


DRIVER = """
import contextlib, io, json, os, sys
from ecox.cli import main
results = {}
for case_id, folder, argv in json.load(sys.stdin):
    os.chdir(folder)
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = main(argv)
        except SystemExit as stop:
            code = stop.code if isinstance(stop.code, int) else 1
    results[case_id] = [code, err.getvalue()]
print(json.dumps(results))
"""


@pytest.fixture(scope="module")
def matrix(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Build every case folder, run all cases in one subprocess, return results and snapshots."""
    base = tmp_path_factory.mktemp("bad_inputs")
    graph_dir = base / "_graph"
    _make(graph_dir, _folder(), "")
    graph_json = graph_dir / "g.json"
    subprocess.run(
        [sys.executable, "-m", "ecox.cli", "load", str(graph_dir / "data"), "-o", str(graph_json)],
        check=True,
        capture_output=True,
    )
    graph_text = graph_json.read_text(encoding="utf-8")
    before = {}
    jobs = []
    for case in CASES:
        folder = base / case.id
        folder.mkdir()
        _make(folder, case.files, graph_text)
        before[case.id] = snapshot(folder)
        jobs.append([case.id, str(folder), case.argv])
    done = subprocess.run(
        [sys.executable, "-c", DRIVER],
        input=json.dumps(jobs),
        capture_output=True,
        text=True,
        check=True,
        timeout=600,
    )
    results = json.loads(done.stdout.strip().splitlines()[-1])
    return {"base": base, "before": before, "results": results}


def test_the_matrix_is_large_enough() -> None:
    assert len(CASES) >= 60
    assert len({c.id for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_bad_input(case: Case, matrix: dict[str, Any]) -> None:
    code, stderr = matrix["results"][case.id]
    folder = matrix["base"] / case.id
    after = snapshot(folder)
    assert code == case.code, stderr
    assert "Traceback" not in stderr
    if case.rejects is None:
        lines = stderr.strip().splitlines()
        errors = [line for line in lines if line.startswith("ecox: ")]
        assert errors == lines[-1:], stderr
        for part in case.says:
            assert part in errors[0], (part, errors[0])
        assert after == matrix["before"][case.id]
    else:
        rows = (folder / "r.csv").read_text(encoding="utf-8").splitlines()
        assert len(rows) == 1 + case.rejects, rows
        assert all(row.split(",")[1].isdigit() for row in rows[1:]), rows
        assert f"rejected {case.rejects} rows" in stderr
        kept = {k: v for k, v in after.items() if k not in ("g.json", "r.csv")}
        assert kept == matrix["before"][case.id]
    assert not [name for name in after if name.endswith(".tmp")]
