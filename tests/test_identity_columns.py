"""Column-wise actor resolution gives what the one-by-one Resolver gives, row for row."""

from __future__ import annotations

import hashlib

import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from ecox.graph.identity import Resolver, actor_id, sha1_ids
from ecox.graph.identity_columns import resolve_actor_rows

#: Parts of names that normalise, fold or collide: case, full width, inner and outer spaces,
#: a zero-width space, CJK next to ASCII.
_PARTS = [
    "Acme",
    "ACME",
    "ａｃｍｅ",
    "acme ",
    " 基金",
    "基金",
    "A\u200bcme",
    "1",
    "Capital",
    "（北京）",
]
_TYPES = ["Fund", "Bank", "Enterprise", "Investor"]


def _one_by_one(names: list[str], types: list[list[str]]) -> tuple[list[str], set[tuple]]:
    resolver = Resolver()
    ids = [resolver.add(n, t) for n, t in zip(names, types, strict=True)]
    actors = {
        (a.id, a.name, "|".join(a.types), "|".join(a.aliases)) for a in resolver.actors.values()
    }
    return ids, actors


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(_PARTS), min_size=1, max_size=3),
            st.lists(st.sampled_from(_TYPES), min_size=1, max_size=3, unique=True),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_column_wise_resolution_equals_the_resolver(
    rows: list[tuple[list[str], list[str]]],
) -> None:
    names = ["".join(parts) for parts, _ in rows]
    types = [kinds for _, kinds in rows]
    ids, actors = _one_by_one(names, types)
    resolved = resolve_actor_rows(pa.array(names), pa.array(["|".join(t) for t in types]))
    assert resolved is not None
    assert resolved.row_ids.to_pylist() == ids
    table = resolved.actors
    assert (
        set(zip(table["id"], table["name"], table["types"], table["aliases"], strict=True))
        == actors
    )
    assert resolved.lookup(pa.array(names)).to_pylist() == ids


def test_lookup_finds_names_and_ids_and_nothing_else() -> None:
    resolved = resolve_actor_rows(pa.array(["瑞安 农商银行", "Acme"]), pa.array(["Bank", "Fund"]))
    assert resolved is not None
    found = resolved.lookup(pa.array(["瑞安农商银行", "ACME", actor_id("Acme"), "a_0", "Acne"]))
    assert found.to_pylist() == [
        actor_id("瑞安农商银行"),
        actor_id("Acme"),
        actor_id("Acme"),
        None,
        None,
    ]


def test_a_name_that_looks_like_an_id_goes_to_the_resolver() -> None:
    looks_like_id = actor_id("Acme")  # the Resolver would find the actor "Acme" by this name
    assert resolve_actor_rows(pa.array(["Acme", looks_like_id]), pa.array(["Fund", "Bank"])) is None


def test_sha1_ids_are_the_ids_of_one_key_at_a_time() -> None:
    keys = ["", "x", "瑞安农商银行", "a\x1fb" * 40]
    assert sha1_ids(pa.array(keys), "a_", 16).to_pylist() == [
        "a_" + hashlib.sha1(k.encode()).hexdigest()[:16] for k in keys
    ]
    assert sha1_ids(pa.array([], pa.string()), "c_", 20).to_pylist() == []
