"""Table loaders: the gold layout, other formats, encodings, and the bad-input matrix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ecox.loaders.errors import SchemaError
from ecox.loaders.load import load_inputs
from tests.conftest import shared_path
from tests.ecox_process import run_ecox

ACTORS = (
    "id,name,types,aliases\ne1,中国眼谷,Park,眼谷\ne2,清大光德,Enterprise,\ne3,稠州银行,Bank,\n"
)
RELATIONS = (
    "source,target,type,amount_cny,date,article,evidence\n"
    "e3,e2,LENT_TO,1000000,2025-12,A1,note one\n"
    "e2,e1,LOCATED_IN,,2022-04-16,A1,note two\n"
)


def _write(
    folder: Path, actors: str = ACTORS, relations: str = RELATIONS, *, encoding: str = "utf-8"
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "entities.csv").write_bytes(actors.encode(encoding))
    (folder / "relations.csv").write_bytes(relations.encode(encoding))
    return folder


def test_gold_layout_gives_101_actors_and_90_claims() -> None:
    result = load_inputs([shared_path("gold", "seed")])
    assert (len(result.graph.actors), len(result.graph.claims)) == (101, 90)
    aliases = result.graph.actors.set_index("name")["aliases"]
    assert "眼谷" in aliases["中国眼谷"].split("|")


def test_cli_load_gold(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    done = run_ecox("load", shared_path("gold", "seed"), "-o", out)
    assert done.returncode == 0, done.stderr
    info = json.loads(run_ecox("info", out, "--json").stdout)
    assert (info["actors"], info["claims"]) == (101, 90)
    assert info["claims_by_type"]["COOPERATES_WITH"] == 17
    assert set(info) == {"actors", "claims", "actors_by_type", "claims_by_type"}


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030"])
def test_encodings_are_detected(tmp_path: Path, encoding: str) -> None:
    graph = load_inputs([_write(tmp_path / encoding, encoding=encoding)]).graph
    assert sorted(graph.actors["name"]) == sorted(["中国眼谷", "清大光德", "稠州银行"])
    assert len(graph.claims) == 2


def test_tsv_json_and_xlsx_tables(tmp_path: Path) -> None:
    from openpyxl import Workbook

    tsv = tmp_path / "t"
    tsv.mkdir()
    (tsv / "actors.tsv").write_text(ACTORS.replace(",", "\t"), encoding="utf-8")
    (tsv / "relations.tsv").write_text(RELATIONS.replace(",", "\t"), encoding="utf-8")
    book = Workbook()
    sheet = book.active
    for line in ACTORS.splitlines():
        sheet.append(line.split(","))
    rel_sheet = book.create_sheet("relations")
    for line in RELATIONS.splitlines():
        rel_sheet.append(line.split(","))
    book.save(tmp_path / "tables.xlsx")
    records = {
        "actors": [
            {"id": "e1", "name": "中国眼谷", "types": "Park", "aliases": "眼谷"},
            {"id": "e2", "name": "清大光德", "types": "Enterprise"},
            {"id": "e3", "name": "稠州银行", "types": "Bank"},
        ],
        "relations": [
            {
                "source": "e3",
                "target": "e2",
                "type": "LENT_TO",
                "amount_cny": 1000000,
                "date": "2025-12",
                "article": "A1",
                "evidence": "note one",
            },
            {
                "source": "e2",
                "target": "e1",
                "type": "LOCATED_IN",
                "date": "2022-04-16",
                "article": "A1",
                "evidence": "note two",
            },
        ],
    }
    (tmp_path / "tables.json").write_text(json.dumps(records, ensure_ascii=False), encoding="utf-8")
    reference = load_inputs([_write(tmp_path / "csv")]).graph
    for source in (tsv, tmp_path / "tables.xlsx", tmp_path / "tables.json"):
        assert load_inputs([source]).graph == reference, source


def test_graph_json_and_csv_export_load_back(tmp_path: Path, seed_graph) -> None:  # type: ignore[no-untyped-def]
    from ecox.store.files import to_csv_tables, to_json

    (tmp_path / "g.json").write_text(to_json(seed_graph), encoding="utf-8")
    assert load_inputs([tmp_path / "g.json"]).graph == seed_graph
    folder = tmp_path / "csv"
    folder.mkdir()
    for name, text in to_csv_tables(seed_graph).items():
        (folder / f"{name}.csv").write_text(text, encoding="utf-8")
    assert load_inputs([folder]).graph == seed_graph


def test_inputs_merge_by_name_across_files(tmp_path: Path) -> None:
    first = _write(tmp_path / "a")
    second = _write(
        tmp_path / "b",
        "id,name,types\nx,清大光德,Enterprise\ny,邮储银行温州分行,Bank\n",
        "source,target,type,article\ny,x,LENT_TO,B1\n",
    )
    graph = load_inputs([first, second]).graph
    assert len(graph.actors) == 4 and len(graph.claims) == 3


BAD = [
    # (what, entities, relations, file, line, column)
    ("unknown actor type", ACTORS.replace("Bank", "Bnak"), RELATIONS, "entities.csv", 4, "types"),
    (
        "unknown relation type",
        ACTORS,
        RELATIONS.replace("LOCATED_IN", "SITS_IN"),
        "relations.csv",
        3,
        "type",
    ),
    (
        "forbidden pair",
        ACTORS,
        RELATIONS.replace("e3,e2,LENT_TO", "e2,e3,LENT_TO"),
        "relations.csv",
        2,
        "type",
    ),
    (
        "dangling endpoint",
        ACTORS,
        RELATIONS.replace("e2,e1,", "e2,e9,"),
        "relations.csv",
        3,
        "target",
    ),
    (
        "duplicate id",
        ACTORS + "e2,温州眼谷创业管理有限公司,Platform,\n",
        RELATIONS,
        "entities.csv",
        5,
        "id",
    ),
    (
        "missing column",
        ACTORS,
        RELATIONS.replace("type,amount_cny", "kind,amount_cny"),
        "relations.csv",
        1,
        "type",
    ),
    (
        "bad amount",
        ACTORS,
        RELATIONS.replace("1000000", "一百万"),
        "relations.csv",
        2,
        "amount_cny",
    ),
    ("bad date", ACTORS, RELATIONS.replace("2025-12", "2025-13"), "relations.csv", 2, "date"),
    ("empty name", ACTORS.replace("e3,稠州银行", "e3,"), RELATIONS, "entities.csv", 4, "name"),
]


@pytest.mark.parametrize(
    ("what", "actors", "relations", "file", "line", "column"), BAD, ids=[b[0] for b in BAD]
)
def test_bad_input_names_file_line_column_and_writes_nothing(
    tmp_path: Path, what: str, actors: str, relations: str, file: str, line: int, column: str
) -> None:
    folder = _write(tmp_path / "in", actors, relations)
    with pytest.raises(SchemaError) as caught:
        load_inputs([folder])
    error = caught.value
    assert (Path(error.file).name, error.line, error.column) == (file, line, column), what
    out = tmp_path / "g.json"
    done = run_ecox("load", folder, "-o", out)
    assert done.returncode == 1
    assert f"{file}:{line}: column '{column}'" in done.stderr
    assert "Traceback" not in done.stderr and done.stderr.count("\n") == 1
    assert not out.exists() and list(tmp_path.glob("g.json*")) == []


def test_empty_and_undecodable_files(tmp_path: Path) -> None:
    empty = _write(tmp_path / "empty", ACTORS, "")
    with pytest.raises(SchemaError, match="empty"):
        load_inputs([empty])
    header_only = _write(tmp_path / "header", ACTORS, "source,target,type\n")
    with pytest.raises(SchemaError, match="no rows"):
        load_inputs([header_only])
    broken = tmp_path / "broken"
    _write(broken)
    (broken / "relations.csv").write_bytes(
        RELATIONS.encode() + b"e3,e2,LENT_TO,\xff\xfe\x80,,A1,x\n"
    )
    with pytest.raises(SchemaError) as caught:
        load_inputs([broken])
    assert caught.value.line == 4 and "undecodable" in caught.value.message
    binary = tmp_path / "bin.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(SchemaError, match="binary"):
        load_inputs([binary])


def test_existing_output_survives_a_failed_load(tmp_path: Path) -> None:
    out = tmp_path / "g.json"
    assert run_ecox("load", _write(tmp_path / "good"), "-o", out).returncode == 0
    before = out.read_bytes()
    bad = _write(tmp_path / "bad", ACTORS, RELATIONS.replace("LENT_TO", "LOVES"))
    assert run_ecox("load", bad, "-o", out).returncode == 1
    assert out.read_bytes() == before


def test_skip_invalid_loads_the_rest_and_lists_rejects(tmp_path: Path) -> None:
    relations = RELATIONS + "e2,e3,LENT_TO,,,A1,backwards\ne3,e9,LENT_TO,,,A1,dangling\n"
    actors = ACTORS + "e4,某某,Martian,\n"
    folder = _write(tmp_path / "in", actors, relations)
    result = load_inputs([folder], skip_invalid=True)
    assert len(result.graph.claims) == 2 and len(result.graph.actors) == 3
    assert sorted((Path(r.file).name, r.line, r.column) for r in result.rejects) == [
        ("entities.csv", 5, "types"),
        ("relations.csv", 4, "type"),
        ("relations.csv", 5, "target"),
    ]
    out = tmp_path / "g.json"
    done = run_ecox("load", folder, "-o", out, "--skip-invalid")
    assert done.returncode == 0 and "rejected 3 rows" in done.stderr
    rejects = (tmp_path / "g.rejects.csv").read_text(encoding="utf-8").splitlines()
    assert rejects[0] == "file,line,column,reason,row" and len(rejects) == 4


def test_unicode_digits_are_stored_as_ascii_dates_and_amounts(tmp_path: Path) -> None:
    relations = (
        "source,target,type,amount_cny,date,article\n"
        'e3,e2,LENT_TO,"１,０００,０００",２０２５－１２－０３,A1\n'
        "e2,e1,LOCATED_IN,,٢٠٢٢-٠٤-١٦,A1\n"
        "e3,e1,LENT_TO,५००,२०२४.७,A2\n"
    )
    graph = load_inputs([_write(tmp_path / "d", relations=relations)]).graph
    claims = graph.claims.sort_values("date")
    assert list(claims["date"]) == ["2022-04-16", "2024-07", "2025-12-03"]
    assert sorted(claims["amount"].dropna()) == [500.0, 1_000_000.0]
    from ecox.graph.analysis import analysis_graph

    sliced = analysis_graph(graph, as_of="2024-12-31").to_networkx()
    assert sliced.number_of_edges() == 2


def test_excel_date_cells_are_dates(tmp_path: Path) -> None:
    import datetime as dt

    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for line in ACTORS.splitlines():
        sheet.append(line.split(","))
    relations = book.create_sheet("relations")
    relations.append(["source", "target", "type", "amount_cny", "date"])
    relations.append(["e3", "e2", "LENT_TO", 1000000, dt.datetime(2025, 12, 3)])
    relations.append(["e2", "e1", "LOCATED_IN", None, dt.date(2022, 4, 16)])
    book.save(tmp_path / "t.xlsx")
    graph = load_inputs([tmp_path / "t.xlsx"]).graph
    assert sorted(graph.claims["date"]) == ["2022-04-16", "2025-12-03"]


def test_whole_gbk_file_with_unlikely_characters_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "g"
    _write(folder, encoding="gbk")
    (folder / "entities.csv").write_bytes(
        (folder / "entities.csv").read_bytes() + b"e4,\xa1\xa1\xfe\xfe,Bank\n"
    )
    with pytest.raises(SchemaError, match=r"entities.csv:5: .*U\+E4C5"):
        load_inputs([folder])


def test_zero_width_space_does_not_split_an_actor_across_files(tmp_path: Path) -> None:
    first = _write(tmp_path / "a")
    second = _write(
        tmp_path / "b",
        actors="id,name,types\nx,稠州\u200b银行,Bank\ny,清大\u2060光德,Enterprise\n",
        relations="source,target,type,article\nx,y,LENT_TO,A9\n",
    )
    graph = load_inputs([first, second]).graph
    assert sorted(graph.actors["name"]) == sorted(["中国眼谷", "清大光德", "稠州银行"])
    assert len(graph.claims) == 3


def test_a_gbk_line_in_a_utf8_file_is_rejected_not_decoded_as_mojibake(tmp_path: Path) -> None:
    path = tmp_path / "entities.csv"
    path.write_bytes(
        "id,name,types\nb1,科技,Bank\ne1,张三,Enterprise\n".encode()
        + "e2,温州银行,Bank\n".encode("gbk")
    )
    with pytest.raises(SchemaError, match=r"entities.csv:4: not UTF-8"):
        load_inputs([path])
    result = load_inputs([path], skip_invalid=True)
    assert sorted(result.graph.actors["name"]) == ["张三", "科技"]
    assert [(r.line, r.reason[:10]) for r in result.rejects] == [(4, "not UTF-8,")]


def test_actor_and_claim_tables_given_side_by_side_are_one_input(tmp_path: Path) -> None:
    folder = _write(tmp_path / "in")
    files = [folder / "entities.csv", folder / "relations.csv"]
    together = load_inputs(files).graph
    assert together == load_inputs([folder]).graph and len(together.claims) == 2
    # the row-by-row loader groups them the same way (a graph file read already forces it)
    empty = tmp_path / "empty.json"
    empty.write_text('{"format": "ecox-claim-graph", "actors": [], "claims": []}')
    from ecox.graph.claims import ClaimGraph

    rows = load_inputs([empty, *files], graphs_read={str(empty): ClaimGraph.build([], [])})
    assert rows.graph == together
    out = tmp_path / "g.json"
    done = run_ecox("load", *files, "-o", out)
    assert done.returncode == 0, done.stderr
    assert json.loads(run_ecox("info", out, "--json").stdout)["claims"] == 2


def test_an_unknown_endpoint_is_named_without_reading_every_row_again(tmp_path: Path) -> None:
    from ecox.loaders.columnar import UnknownEndpointError

    relations = (
        RELATIONS.replace("note one", '"note\none"') + "\n" + "e2,n116527,LOCATED_IN,,,A1,x\n"
    )
    folder = _write(tmp_path / "in", relations=relations)
    (folder / "first.csv").write_text(RELATIONS, encoding="utf-8")  # good rows, read first
    files = [folder / "entities.csv", folder / "first.csv", folder / "relations.csv"]
    with pytest.raises(UnknownEndpointError) as caught:
        load_inputs(files)
    rejected = load_inputs(files, skip_invalid=True).rejects  # the row-by-row loader's verdict
    assert [(r.file, r.line, r.column, r.reason) for r in rejected] == [
        (caught.value.file, caught.value.line, caught.value.column, caught.value.message)
    ]
    assert (Path(caught.value.file).name, caught.value.line) == ("relations.csv", 6)
    assert str(caught.value).endswith(
        "column 'target': target 'n116527' is not an actor of this input"
    )
