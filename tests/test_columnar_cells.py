"""The byte test that picks the cells to clean misses none the regular expression finds."""

from __future__ import annotations

import re

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from ecox.loaders.columnar import _edge_candidates

#: Every character Python calls whitespace, a quote, and characters whose UTF-8 bytes
#: resemble a whitespace character's (same lead or last byte).
_SPACES = [chr(c) for c in range(0x110000) if chr(c).isspace()]
_ALPHABET = [*_SPACES, "'", "a", "中", "\u3001", "\u2010", "\u00c2", "\u2030", "€"]


def test_every_whitespace_character_is_below_the_tables_limit() -> None:
    assert max(map(ord, _SPACES)) <= 0x3000


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=6), max_size=40))
def test_candidates_hold_every_cell_that_needs_cleaning(cells: list[str]) -> None:
    needs = [bool(re.match(r"'|\s", c) or re.search(r"\s$", c)) for c in cells]
    for array in (pa.array(cells, pa.string()), pa.array(cells, pa.large_string())):
        maybe = _edge_candidates(pa.chunked_array([array[:3], array[3:]], type=array.type))
        assert all(m for m, n in zip(maybe.tolist(), needs, strict=True) if n)
    plain = ["abc", "中文", "2025-01", ""]
    assert not _edge_candidates(pa.array(plain)).any()
