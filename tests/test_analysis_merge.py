"""The column-wise merge of claims into links, against a plain per-claim Python version."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pandas as pd
import pytest

from ecox.graph.analysis import claim_dates, date_key, merged_links
from ecox.graph.schema import SCHEMA

RELATIONS = ["LENT_TO", "INVESTED_IN", "COOPERATES_WITH", "FOUNDED"]
DATES = ["2025", "2025-03", "2025-03-01", "2024-12-31", "2026-01", "", None]


def _claims(n: int, seed: int) -> pd.DataFrame:
    """Random claims over few actors: repeated pairs, both orders of a symmetric pair,
    dates of every precision, amounts in two currencies or none, missing documents."""
    rng = np.random.default_rng(seed)
    actors = [f"a{i:02d}" for i in range(12)]
    pick = rng.integers(0, len(actors), size=(n, 2))
    rows = pick[pick[:, 0] != pick[:, 1]]
    m = len(rows)

    def sometimes(values: list[object], p_none: float) -> list[object]:
        chosen = [values[i] for i in rng.integers(0, len(values), m)]
        return [None if rng.random() < p_none else v for v in chosen]

    return pd.DataFrame(
        {
            "id": [f"c{i:05d}" for i in range(m)],
            "source": [actors[i] for i in rows[:, 0]],
            "target": [actors[i] for i in rows[:, 1]],
            "type": sometimes(RELATIONS, 0.0),
            "date": sometimes(DATES, 0.2),
            "source_doc": sometimes([f"d{i}" for i in range(6)], 0.4),
            "outlet": sometimes(["o1", "o2"], 0.5),
            # whole amounts: any order of summing gives the same total
            "amount": pd.array(sometimes([1.0, 2.0, 5.0, 1e6], 0.5), dtype="Float64"),
            "currency": sometimes(["CNY", "USD"], 0.3),
        }
    ).astype({c: "string" for c in ("id", "source", "target", "type", "date", "source_doc",
                                    "outlet", "currency")})  # fmt: skip


def _given(value: object) -> bool:
    return value is not None and not pd.isna(value)  # type: ignore[call-overload]


def _plain(claims: pd.DataFrame) -> dict[tuple[str, str, str], dict[str, object]]:
    """The merge, one claim at a time."""
    merged: dict[tuple[str, str, str], dict[str, object]] = defaultdict(
        lambda: {"origins": set(), "claims": 0, "dates": [], "amounts": defaultdict(float)}
    )
    for row in claims.to_dict("records"):
        source, target, kind = row["source"], row["target"], row["type"]
        if kind in SCHEMA.symmetric and source > target:
            source, target = target, source
        link = merged[(source, target, kind)]
        link["claims"] += 1  # type: ignore[operator]
        origin = next((row[c] for c in ("source_doc", "outlet", "id") if _given(row[c])), None)
        if origin is not None:
            link["origins"].add(origin)  # type: ignore[attr-defined]
        if _given(row["date"]) and date_key(row["date"]) is not None:
            link["dates"].append((date_key(row["date"]), row["date"]))  # type: ignore[attr-defined]
        if _given(row["amount"]):
            currency = row["currency"] if _given(row["currency"]) else "UNKNOWN"
            link["amounts"][currency] += row["amount"]  # type: ignore[index]
    return dict(merged)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_merged_links_match_the_claim_by_claim_merge(seed: int) -> None:
    claims = _claims(600, seed)
    links = merged_links(claims)
    expected = _plain(claims)
    keys = list(zip(links["source"], links["target"], links["type"], strict=True))
    assert keys == sorted(expected)  # one row per pair and type, in their order
    currencies = sorted(c[len("amount_") :] for c in links.columns if c.startswith("amount_"))
    assert currencies == sorted({c for v in expected.values() for c in v["amounts"]})  # type: ignore[attr-defined]
    for row, key in zip(links.to_dict("records"), keys, strict=True):
        link = expected[key]
        assert row["claims"] == link["claims"]
        assert row["weight"] == len(link["origins"])  # type: ignore[arg-type]
        dates = sorted(link["dates"])  # type: ignore[call-overload]
        assert (row["first_date"], row["last_date"]) == (
            (dates[0][1], dates[-1][1]) if dates else (None, None)
        )
        for currency in currencies:
            total = row[f"amount_{currency}"]
            if currency in link["amounts"]:  # type: ignore[operator]
                assert total == link["amounts"][currency]  # type: ignore[index]
            else:
                assert pd.isna(total)
    symmetric = links[links["type"].isin(list(SCHEMA.symmetric))]
    assert (symmetric["source"] < symmetric["target"]).all()


def test_merged_links_of_no_claims_have_the_link_columns() -> None:
    links = merged_links(_claims(10, 0).iloc[:0])
    assert list(links.columns) == [
        "source", "target", "type", "weight", "claims", "first_date", "last_date"
    ]  # fmt: skip
    assert len(links) == 0 and str(links["weight"].dtype) == "int64"


def test_claim_dates_key_each_claim_by_its_date_else_its_publication() -> None:
    frame = pd.DataFrame(
        {"date": ["2025-11", None, None, "", "2024"], "published": ["2026-01", "2026-01-04", None,
                                                                    "2020", "2023"]},
        index=[7, 3, 1, 2, 9],
    ).astype("string")  # fmt: skip
    when = claim_dates(frame)
    assert list(when.index) == [7, 3, 1, 2, 9]
    assert when.tolist() == ["2025-11-01", "2026-01-04", pd.NA, pd.NA, "2024-01-01"]
