"""Claims sort by id once, the first row of a repeated id kept, whatever form the ids take."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from ecox.graph.claims import _first_of_each_id

_HEX_IDS = st.text(alphabet="0f9a", min_size=20, max_size=20).map(lambda d: "c_" + d)
_ANY_IDS = st.one_of(_HEX_IDS, st.text(alphabet="c_0fA中", max_size=23))


def _expected(ids: list[str]) -> list[int]:
    frame = pd.Series(ids, dtype="string")
    kept = frame[~frame.duplicated()]
    return kept.sort_values(kind="stable").index.tolist()


@settings(max_examples=200, deadline=None)
@given(st.lists(_HEX_IDS, max_size=30), st.lists(_ANY_IDS, max_size=30), st.integers(0, 5))
def test_one_sort_keeps_the_first_of_each_id(
    hex_ids: list[str], other: list[str], cut: int
) -> None:
    for ids in (hex_ids, hex_ids + other):
        chunked = pa.chunked_array(
            [pa.array(ids[:cut], pa.large_string()), pa.array(ids[cut:], pa.large_string())]
        )
        column = pd.Series(pd.arrays.ArrowStringArray(chunked))
        assert _first_of_each_id(column).tolist() == _expected(ids)
