"""Answers written without pandas are the bytes the DataFrame path writes (every format)."""

from __future__ import annotations

import datetime as dt
import sys
from decimal import Decimal

import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ecox.output import TableOutput
from ecox.queries.cypher_answer import Answer

_TEXT = st.text(alphabet=st.sampled_from(list("ab甲 ,\"'=-+\t\n\r@x1.[]{}\u202e")), max_size=6)
_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False, width=64)
    | st.floats(-1e7, 1e7)
    | st.sampled_from([0.0005, -0.0004, 2.675, 1e-7, 0.1]),
    _TEXT,
    st.dates(dt.date(1990, 1, 1), dt.date(2030, 1, 1)),
)
_VALUES = st.one_of(
    _SCALARS, st.lists(_SCALARS, max_size=3), st.dictionaries(_TEXT, _SCALARS, max_size=2)
)
#: Columns of one kind (as the engine gives them) or mixed.
_COLUMN = st.integers(1, 25).flatmap(
    lambda n: st.one_of(
        st.lists(st.integers(-(10**9), 10**9), min_size=n, max_size=n),
        st.lists(st.none() | st.integers(-(10**6), 10**6), min_size=n, max_size=n),
        st.lists(st.none() | st.floats(allow_nan=False, width=64), min_size=n, max_size=n),
        st.lists(st.none() | st.floats(-1e8, 1e8), min_size=n, max_size=n),
        st.lists(st.none() | _TEXT, min_size=n, max_size=n),
        st.lists(st.none() | st.booleans(), min_size=n, max_size=n),
        st.lists(st.none() | st.lists(_SCALARS, max_size=3), min_size=n, max_size=n),
        st.lists(_VALUES, min_size=n, max_size=n),
    )
)


#: capsys is read out after every write, so one fixture serves every example.
_CAPTURED = [HealthCheck.function_scoped_fixture]


def _written(emit, capsys: pytest.CaptureFixture[str]) -> tuple[str, str]:
    emit()
    out = capsys.readouterr()
    return out.out, out.err


def _check(answer: Answer, fmt: str, capsys: pytest.CaptureFixture[str]) -> bool:
    """Whether the answer was written without pandas; asserts it equals the DataFrame path."""
    by_pandas = _written(lambda: TableOutput(fmt, "-").emit(answer.frame()), capsys)
    direct = _written(lambda: TableOutput(fmt, "-").emit_answer(answer), capsys)
    assert direct == by_pandas
    return answer.render(fmt, rows=None) is not None


@settings(max_examples=300, deadline=None, suppress_health_check=_CAPTURED)
@given(
    columns=st.integers(1, 3).flatmap(
        lambda k: st.lists(_COLUMN, min_size=k, max_size=k).filter(
            lambda cs: len({len(c) for c in cs}) == 1
        )
    ),
    fmt=st.sampled_from(["table", "csv", "json"]),
)
def test_rows_written_as_pandas_writes_them(columns, fmt, capsys) -> None:
    rows = [list(r) for r in zip(*columns, strict=True)]
    names = [f"c{i}" for i in range(len(columns))]
    _check(Answer(names, rows=rows), fmt, capsys)


@settings(max_examples=150, deadline=None, suppress_health_check=_CAPTURED)
@given(
    texts=st.lists(st.none() | _TEXT, min_size=1, max_size=25),
    fmt=st.sampled_from(["table", "csv", "json"]),
)
def test_arrow_text_written_as_pandas_writes_it(texts, fmt, capsys) -> None:
    table = pa.table({"t": pa.array(texts, pa.string()), "n": pa.array(range(len(texts)))})
    _check(Answer(["name", "count(*)"], table=table), fmt, capsys)


@pytest.mark.parametrize("fmt", ["table", "csv", "json"])
def test_common_answers_need_no_pandas(fmt, capsys) -> None:
    answers = [
        Answer(["count(*)"], rows=[[101]]),
        Answer(["name", "amount"], rows=[["甲", 5e6], ["乙", None], ["=1", 0.12345]]),
        Answer(["a", "types"], rows=[[{"id": "a1", "name": "甲"}, ["Bank"]], [None, []]]),
        Answer(["d"], rows=[[dt.date(2025, 1, 2)], [None]]),
        Answer(["x", "y"], rows=[]),
    ]
    assert all(_check(a, fmt, capsys) for a in answers)


def test_a_float_near_the_top_of_the_range_is_shown_as_pandas_shows_it(capsys) -> None:
    assert _check(Answer(["c0"], rows=[[1.797693134862316e305], [-1e306], [2.5]]), "table", capsys)


def test_other_values_go_through_pandas(capsys) -> None:
    answer = Answer(["t"], rows=[[Decimal("1.50")], [None]])
    assert not _check(answer, "table", capsys)


def test_long_answer_cut_as_pandas_cuts_it(capsys) -> None:
    answer = Answer(["n", "x"], rows=[[i, i / 7] for i in range(30)] + [[31, 1e9]])
    by_pandas = _written(lambda: TableOutput().emit(answer.frame()), capsys)
    assert _written(lambda: TableOutput().emit_answer(answer), capsys) == by_pandas
    assert "showing 20 of 31 rows" in by_pandas[1]
    assert "pandas" not in sys.modules or answer.render("table", rows=20) is not None


@pytest.mark.parametrize(
    "column",
    [
        [None] * 20 + ["a"],  # text whose rows shown are all gaps: pandas shows numbers
        [True] * 20 + [None],  # flags with a gap after the rows shown
        [[1]] * 20 + [None],
        [None] * 20 + [[1]],
        [1.5] * 20 + [1e9],  # the long number is not shown
    ],
)
def test_rows_shown_decide_as_in_pandas(column, capsys) -> None:
    answer = Answer(["name"], rows=[[v] for v in column])
    by_pandas = _written(lambda: TableOutput().emit(answer.frame()), capsys)
    assert _written(lambda: TableOutput().emit_answer(answer), capsys) == by_pandas
    assert answer.render("table", rows=20) is not None
