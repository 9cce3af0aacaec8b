"""The column-wise spreadsheet-safe CSV writer gives the bytes of the cell-by-cell one."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from ecox.output import csv_bytes, csv_text, write_output
from ecox.store.spreadsheet import escape_cell, escape_column, to_safe_csv, unescape_cell


def _cell_by_cell(frame: pd.DataFrame) -> str:
    """The writer as it was: lists and maps as JSON, then every text cell escaped alone."""
    import json

    def as_json(value: object) -> object:
        if isinstance(value, list | dict):
            return json.dumps(value, ensure_ascii=False, default=str)
        return value

    safe = frame.map(as_json)
    for column in safe.columns:
        if safe[column].dtype == object or pd.api.types.is_string_dtype(safe[column]):
            safe[column] = safe[column].map(escape_cell)
    safe.columns = [escape_cell(str(c)) for c in safe.columns]
    return safe.to_csv(index=False, lineterminator="\n")


def _hostile_texts(n: int, seed: int) -> list[str]:
    """Texts starting with every character a spreadsheet runs, escaped or not, and plain."""
    rng = np.random.default_rng(seed)
    heads = ["=", "+", "-", "@", "\t", "\r", "'", "''", "'=", "'-", "a", "甲", " =", "", "\n="]
    tails = ["", "1+1", "HYPERLINK(\"http://x\")", "cmd|' /C calc'!A0", "'", "x,y", '"q"']
    return [heads[rng.integers(len(heads))] + tails[rng.integers(len(tails))] for _ in range(n)]


def test_query_tables_are_written_as_the_cell_by_cell_writer_wrote_them() -> None:
    texts = _hostile_texts(400, 0)
    n = len(texts)
    frame = pd.DataFrame(
        {
            "object_text": pd.Series(texts, dtype=object).where(np.arange(n) % 7 != 0, None),
            "string_text": pd.Series(texts[::-1], dtype="string").where(np.arange(n) % 5 != 0),
            "str_text": pd.Series(texts, dtype="str"),
            "mixed": pd.Series([t if i % 3 else i for i, t in enumerate(texts)], dtype=object),
            "lists": pd.Series([[t] if i % 2 else {"k": t} for i, t in enumerate(texts)]),
            "ints_with_gaps": pd.Series([i if i % 4 else None for i in range(n)], dtype=object),
            "Int64": pd.array([i if i % 3 else None for i in range(n)], dtype="Int64"),
            "Float64": pd.array([i / 7 if i % 3 else None for i in range(n)], dtype="Float64"),
            "float": np.linspace(-1e6, 1e16, n),
            "bool": np.arange(n) % 2 == 0,
            "category": pd.Categorical([t[:2] for t in texts]),
            "=column": ["-1"] * n,
        }
    )
    assert csv_text(frame) == _cell_by_cell(frame)
    assert csv_text(frame.iloc[:0]) == _cell_by_cell(frame.iloc[:0])


def test_escaping_a_column_is_escaping_each_cell_and_reverses() -> None:
    texts = _hostile_texts(2000, 1)
    for column in (pd.Series(texts, dtype=object), pd.Series(texts, dtype="string")):
        escaped = escape_column(column)
        assert escaped.tolist() == [escape_cell(t) for t in texts]
        assert [unescape_cell(t) for t in escaped] == texts
    gaps = pd.Series(texts, dtype=object).where(np.arange(len(texts)) % 9 != 0, None)
    assert escape_column(gaps).tolist() == [escape_cell(t) for t in gaps]  # 105 distinct
    plain = pd.Series(["a", "b"], dtype="string")
    assert escape_column(plain) is plain  # nothing to escape: no copy


def test_graph_tables_escape_every_text_cell() -> None:
    frame = pd.DataFrame({"name": _hostile_texts(300, 2), "n": range(300)})
    assert to_safe_csv(frame) == _cell_by_cell(frame)


def test_tables_render_as_pandas_writes_them(monkeypatch: pytest.MonkeyPatch) -> None:
    from ecox.store import csv_render
    from ecox.store.csv_render import render_csv

    rng = np.random.default_rng(3)
    pieces = ["a", "甲", ",", '"', "\n", "\r", "\r\n", " ", "'", "\t", "\x0b", "\u2028", ""]
    texts = ["".join(rng.choice(pieces, size=rng.integers(0, 5))) for _ in range(3000)]
    n = len(texts)
    floats = rng.choice([0.1 + 0.2, 1e16, 1e-7, -0.0, np.inf, -np.inf, np.nan, 1.5e15, 3.0], n)
    frame = pd.DataFrame(
        {
            "object": pd.Series(texts, dtype=object).where(np.arange(n) % 7 != 0, None),
            "string": pd.Series(texts[::-1], dtype="string").where(np.arange(n) % 5 != 0),
            "str": pd.Series(texts, dtype="str"),
            "int": rng.integers(-(2**62), 2**62, n),
            "float": floats * rng.random(n),
            "whole": np.resize(  # where Arrow's and Python's forms of a float part
                [2.0, -0.0, 1e-4, 9.99e-5, 1e16, 9999999999999998.0, 5e-324, 1e15 + 0.5, 1e308], n
            ),
            "bool": rng.random(n) < 0.5,
            # few distinct cells, rendered once each
            "repeated": pd.Series(np.resize(texts[:40], n), dtype="str").where(
                np.arange(n) % 11 != 0
            ),
            "repeated_float": np.resize([np.nan, -0.0, 0.0, 0.1 + 0.2, -np.inf, 1e16, 5e-324], n),
        }
    )
    for columns in (list(frame.columns), ["str", "int"], ["object", "string"]):
        part = frame[columns]
        assert render_csv(part) == part.to_csv(index=False, lineterminator="\n")
    monkeypatch.setattr(csv_render, "ROWS_AT_ONCE", 7)  # rows rendered a few at a time
    assert render_csv(frame) == frame.to_csv(index=False, lineterminator="\n")
    monkeypatch.setattr(csv_render, "usable_cpus", lambda: 1)  # the blocks on one thread
    assert render_csv(frame) == frame.to_csv(index=False, lineterminator="\n")
    with_dates = frame.assign(when=pd.Timestamp("2025-01-01"))  # left to pandas
    assert render_csv(with_dates) == with_dates.to_csv(index=False, lineterminator="\n")


def test_triads_file_escapes_formula_names_and_quotes_as_pandas(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The bytes written for `ecox triads -o FILE.csv`: a formula-like actor name is escaped,
    a name with a comma or a quote is quoted as Python's csv writer quotes it."""
    from click.testing import CliRunner

    from ecox.cli import ecox
    from ecox.graph.claims import ClaimGraph
    from ecox.queries.triads import ROLES
    from ecox.store.files import to_json
    from ecox.store.spreadsheet import to_safe_csv_bytes

    names = ["=HYPERLINK(\"http://x\")", 'A "quoted", firm', "+cmd|' /C calc'!A0", "@sum"]
    graph = ClaimGraph.build(
        actors=[(names[0], ["Enterprise"], []), (names[1], ["Scientist"], []),
                (names[2], ["Entrepreneur"], []), (names[3], ["Bank"], [])],
        claims=[{"source": names[1], "target": names[0], "type": "TRANSFERRED_TECH"},
                {"source": names[2], "target": names[0], "type": "FOUNDED"},
                {"source": names[3], "target": names[0], "type": "LENT_TO"}],
    )  # fmt: skip
    source, out = tmp_path / "g.json", tmp_path / "t.csv"
    source.write_text(to_json(graph), encoding="utf-8")
    done = CliRunner().invoke(ecox, ["triads", str(source), "-o", str(out)])
    assert done.exit_code == 0, done.output
    written = out.read_bytes()
    frame = pd.read_csv(out, dtype=str, keep_default_na=False)
    stored = graph.actors.set_index("id")["name"]  # names as the graph keeps them
    shown = [stored[frame.loc[0, role]] for role in ("enterprise", *ROLES)]
    assert "," in shown[1]  # names lose their quotes on loading; the comma stays
    assert frame.loc[0, "enterprise_name"] == "'" + shown[0]
    assert frame.loc[0, "scientist_name"] == shown[1]
    assert frame.loc[0, "entrepreneur_name"] == "'" + shown[2]
    assert frame.loc[0, "investor_name"] == "'" + shown[3]
    assert [unescape_cell(c) for c in frame.iloc[0, [1, 3, 5, 7]]] == shown
    assert written == to_safe_csv(frame.map(unescape_cell)).encode()
    assert written == to_safe_csv_bytes(frame.map(unescape_cell))


def test_csv_bytes_reach_a_text_only_standard_output(monkeypatch):
    """Standard output replaced by a text stream (a notebook, a caller's StringIO) still
    gets the CSV, as text."""
    import io

    frame = pd.DataFrame({"name": ["=cmd", "企业"], "n": [1, 2]})
    captured = io.StringIO()
    monkeypatch.setattr("sys.stdout", captured)
    write_output("-", csv_bytes(frame))
    assert captured.getvalue() == csv_text(frame)
