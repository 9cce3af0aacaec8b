"""Columnar loading gives the row-by-row loader's graph; the Parquet graph file round-trips,
trusts only itself, and refuses a damaged file."""

from __future__ import annotations

import json
import logging
from pathlib import Path
from unittest import mock

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import ecox.loaders.load as load_module
from ecox.graph.cache import _HASHES, content_hash
from ecox.graph.synthetic import synthetic_claim_graph
from ecox.loaders.columnar import NotColumnar, load_columnar
from ecox.loaders.load import load_inputs, seed_path
from ecox.store.files import read_graph, to_json
from ecox.store.parquet import from_parquet, to_parquet
from tests.conftest import shared_path


def _row_by_row(paths: list[Path]) -> load_module.LoadResult:
    with mock.patch.object(load_module, "load_columnar", side_effect=NotColumnar("forced")):
        return load_module.load_inputs(paths)


def _same_load(paths: list[Path]) -> None:
    (graph, rows), old = load_columnar(load_module.input_groups(paths)), _row_by_row(paths)
    pd.testing.assert_frame_equal(graph.actors, old.graph.actors)
    pd.testing.assert_frame_equal(graph.claims, old.graph.claims)
    assert rows == old.relation_rows
    new = load_inputs(paths)  # the columnar path, through the front door
    assert new.graph == old.graph and new.duplicate_rows == old.duplicate_rows


def test_columnar_equals_row_by_row_on_the_seed_tables() -> None:
    _same_load([seed_path()])
    _same_load([shared_path("gold", "seed")])


def test_columnar_equals_row_by_row_on_crunchbase(tmp_path: Path) -> None:
    deals = pd.read_csv(
        shared_path("data", "crunchbase2013_investments.csv"), dtype=str, keep_default_na=False
    )
    named = (deals["company_name"].str.strip() != "") & (deals["investor_name"].str.strip() != "")
    assert (~named).sum() > 0  # the real file has rows the loader must reject
    deals[named].to_csv(tmp_path / "deals.csv", index=False)
    _same_load([tmp_path / "deals.csv"])


def test_columnar_equals_row_by_row_on_a_synthetic_graph(tmp_path: Path) -> None:
    graph = synthetic_claim_graph(3000, seed=4)
    graph.actors.to_csv(tmp_path / "actors.csv", index=False)
    graph.claims.drop(columns=["id"]).to_csv(tmp_path / "relations.tsv", index=False, sep="\t")
    _same_load([tmp_path])
    loaded = load_columnar([[tmp_path]])[0]
    assert len(loaded.actors) == 3000 and len(loaded.claims) == len(graph.claims)


def test_columnar_equals_row_by_row_when_names_fold_and_aliases_merge(tmp_path: Path) -> None:
    plain = tmp_path / "plain"
    plain.mkdir()
    (plain / "actors.csv").write_text(
        "id,name,types\nf,Acme Capital,Fund\ng,ＡＣＭＥ  capital,Investor|Fund\n"
        "b,瑞安 农商银行,Bank\ne,温州数智,Enterprise\n",
        encoding="utf-8",
    )
    (plain / "relations.csv").write_text(  # by key, by name, by a folded name
        "source,target,type,date\nf,e,INVESTED_IN,2025-01\n"
        "acme capital,温州数智,INVESTED_IN,2025-02\n"
        "瑞安农商银行,e,LENT_TO,2025-03\ng,e,INVESTED_IN,2025-01\n",
        encoding="utf-8",
    )
    _same_load([plain])
    assert len(load_columnar([[plain]])[0].actors) == 3
    merging = tmp_path / "merging"
    merging.mkdir()
    (merging / "actors.csv").write_text(  # the third row's alias joins the first two actors
        "id,name,types,aliases\na,甲基金,Fund,\nb,乙资本,Investor,\nc,甲基金,Fund,乙资本\n"
        "e,丙公司,Enterprise,\n",
        encoding="utf-8",
    )
    (merging / "relations.csv").write_text(
        "source,target,type\nb,e,INVESTED_IN\na,e,INVESTED_IN\n乙资本,丙公司,INVESTED_IN\n",
        encoding="utf-8",
    )
    _same_load([merging])
    assert len(load_columnar([[merging]])[0].actors) == 2


def test_a_bad_row_goes_to_the_row_by_row_loader_for_its_line(tmp_path: Path) -> None:
    (tmp_path / "actors.csv").write_text("name,types\nA 基金,Fund\nB 公司,Enterprise\n")
    (tmp_path / "relations.csv").write_text(
        "source,target,type,date\n"
        "A 基金,B 公司,INVESTED_IN,2025-01\nA 基金,B 公司,INVESTED_IN,2025-13\n"
    )
    with pytest.raises(NotColumnar):
        load_columnar([[tmp_path]])
    with pytest.raises(Exception, match=r"relations.csv:3: column 'date'"):
        load_inputs([tmp_path])
    skipped = load_inputs([tmp_path], skip_invalid=True)
    assert len(skipped.graph.claims) == 1 and skipped.rejects[0].line == 3


def test_parquet_round_trip_keeps_every_cell_and_the_content_hash(seed_graph) -> None:  # type: ignore[no-untyped-def]
    data = to_parquet(seed_graph)
    back = from_parquet(data)
    pd.testing.assert_frame_equal(back.actors, seed_graph.actors)
    pd.testing.assert_frame_equal(back.claims, seed_graph.claims)
    assert _HASHES[id(back)][1] == content_hash(seed_graph)  # known without hashing
    from_json = read_graph_text(to_json(seed_graph))
    assert content_hash(from_json) == content_hash(back)


def read_graph_text(text: str):  # type: ignore[no-untyped-def]
    from ecox.store.files import from_json

    return from_json(text)


def test_read_graph_tells_parquet_from_json_by_content(tmp_path: Path, seed_graph) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "g.data").write_bytes(to_parquet(seed_graph))
    (tmp_path / "g2.data").write_text(to_json(seed_graph), encoding="utf-8")
    assert read_graph(tmp_path / "g.data") == read_graph(tmp_path / "g2.data") == seed_graph


def test_damaged_parquet_is_refused_with_the_file_name(tmp_path: Path, seed_graph) -> None:  # type: ignore[no-untyped-def]
    data = bytearray(to_parquet(seed_graph))
    path = tmp_path / "g.parquet"
    path.write_bytes(bytes(data[: len(data) // 2]))
    with pytest.raises(ValueError, match=r"g\.parquet: not a Parquet file"):
        read_graph(path)
    data[200:260] = b"\xff" * 60  # inside the column data
    path.write_bytes(bytes(data))
    with pytest.raises(
        ValueError, match=r"g\.parquet: .*damaged|g\.parquet: .*not an actor|g\.parquet"
    ):
        read_graph(path)
    pq.write_table(pa.table({"x": [1]}), path)
    with pytest.raises(ValueError, match="without ecox metadata"):
        read_graph(path)


def _edit(path: Path, change) -> None:  # type: ignore[no-untyped-def]
    """Rewrite the file as a user with pyarrow would: same metadata, changed cells."""
    file = pq.ParquetFile(path)
    meta = file.metadata.metadata
    table = change(file.read())
    pq.write_table(table.replace_schema_metadata(meta), path)
    with pq.ParquetFile(path) as edited:
        assert edited.metadata.metadata  # the ecox metadata survived, digest and all


def test_hand_edited_parquet_is_checked_in_full(tmp_path: Path, seed_graph, caplog) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "g.parquet"
    path.write_bytes(to_parquet(seed_graph))

    def forbid(table: pa.Table) -> pa.Table:
        types = table.column("type").to_pylist()
        first = next(i for i, t in enumerate(types) if t == "LENT_TO")
        types[first] = "FOUNDED"  # a bank does not found a company
        return table.set_column(table.schema.get_field_index("type"), "type", pa.array(types))

    _edit(path, forbid)
    with pytest.raises(ValueError, match=r"g\.parquet: FOUNDED cannot start at a Bank"):
        read_graph(path)

    path.write_bytes(to_parquet(seed_graph))

    def rename(table: pa.Table) -> pa.Table:
        outlets = ["Edited" if o else o for o in table.column("outlet").to_pylist()]
        return table.set_column(table.schema.get_field_index("outlet"), "outlet", pa.array(outlets))

    _edit(path, rename)
    with caplog.at_level(logging.WARNING):
        edited = read_graph(path)
    assert "changed since ecox wrote it" in caplog.text
    assert set(edited.claims["outlet"].dropna()) == {"Edited"}
    assert content_hash(edited) != content_hash(seed_graph)  # recomputed, not the stored one


def test_cli_load_parquet_then_info_and_convert(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from ecox.cmd_graph import export, info, load

    runner = CliRunner()
    graph = tmp_path / "g.parquet"
    assert runner.invoke(load, [str(seed_path()), "-o", str(graph)]).exit_code == 0
    assert graph.read_bytes()[:4] == b"PAR1"
    shown = runner.invoke(info, [str(graph), "--json"])
    assert json.loads(shown.stdout)["claims"] == len(load_inputs([seed_path()]).graph.claims)
    for suffix in (".json", ".graphml"):
        out = tmp_path / f"g{suffix}"
        assert runner.invoke(export, [str(graph), "-o", str(out)]).exit_code == 0
    assert read_graph(tmp_path / "g.json") == read_graph(graph)
    back = tmp_path / "back.ecox"
    again = runner.invoke(export, [str(tmp_path / "g.json"), "-o", str(back)])
    assert again.exit_code == 0 and read_graph(back) == read_graph(graph)
    refused = runner.invoke(export, [str(back), "-o", str(back)])  # never over an input
    assert refused.exit_code != 0 and read_graph(back) == read_graph(graph)


def test_a_graph_file_reads_only_the_claim_columns_a_query_uses(tmp_path: Path) -> None:
    """`ecox triads` on a cached merge reads the actors and the claim ends, not the claim ids,
    documents or dates; the whole claim table, asked for, equals what was written."""
    from ecox.graph.analysis import analysis_graph
    from ecox.graph.deferred import DeferredTable, stored_table
    from ecox.graph.merged_cache import minimum_claims
    from ecox.queries.triads import complete_triads

    graph = synthetic_claim_graph(3_000, seed=5)
    path = tmp_path / "g.parquet"
    path.write_bytes(to_parquet(graph))
    cache = tmp_path / "cache"
    with mock.patch.dict("os.environ", {"ECOX_CACHE_DIR": str(cache)}), minimum_claims(0):
        analysis_graph(read_graph(path))  # fills the merged-links cache
        again = read_graph(path)
        assert again.claim_count == len(graph.claims)
        triads = complete_triads(again)
    claims = stored_table(again, "claims")
    assert isinstance(claims, DeferredTable)
    assert claims.read_names == ["source", "target"]
    assert triads.equals(complete_triads(graph))
    assert again.claims.equals(graph.claims)  # read whole on first use of `claims`
    assert not isinstance(stored_table(again, "claims"), DeferredTable)
    assert again == graph
    pd.testing.assert_frame_equal(again.claim_columns(["type", "amount"]),
                                  graph.claims[["type", "amount"]])  # fmt: skip
