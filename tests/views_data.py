"""A small venture graph for the view tests, with hostile names, aliases and evidence.

Three ventures in one park:

- 星云光电 has a scientist founder (李明), an entrepreneur (张伟) and two
  backers (红杉中国, 杭州科创基金): two complete triads;
- the venture named ``<img src=x onerror=alert(1)>`` has a scientist founder
  (陈华), an entrepreneur named ``</script><script>alert(1)</script>`` and a
  bank that lent it CNY 15 million (capital counts as the investor role): a
  complete triad; the loan's evidence is itself a payload;
- 青禾生物 has a scientist founder (王芳) and an investor (红杉中国) but no
  entrepreneur: one link short; 张伟 is the natural candidate (红杉中国 backs his
  venture too).

Each payload, if it ever ran, would also set ``window.__xss`` (the browser
test checks the flag and that no dialog opened). 14 actors; 17 claims over
16 linked pairs (红杉中国→星云光电 is reported twice, by two documents).
"""

from __future__ import annotations

from typing import Any

from ecox.graph.claims import ClaimGraph

__all__ = [
    "ALIAS_PAYLOAD",
    "EVIDENCE_PAYLOAD",
    "IMG_PAYLOAD",
    "SCRIPT_PAYLOAD",
    "page_claims",
    "venture_graph",
]

IMG_PAYLOAD = "<img src=x onerror=alert(1)>"
SCRIPT_PAYLOAD = "</script><script>alert(1)</script>"
ALIAS_PAYLOAD = "<svg onload=window.__xss=3>"
EVIDENCE_PAYLOAD = (
    "<img src=x onerror=window.__xss=1>贷款1500万元</script><script>window.__xss=2</script>"
)

VENTURE_ACTORS: list[tuple[str, list[str], list[str]]] = [
    ("星云光电科技有限公司", ["Enterprise"], ["星云光电", ALIAS_PAYLOAD]),
    (IMG_PAYLOAD, ["Enterprise"], []),
    ("李明", ["Scientist"], []),
    ("陈华", ["Scientist", "Entrepreneur"], []),
    ("张伟", ["Entrepreneur"], []),
    (SCRIPT_PAYLOAD, ["Entrepreneur"], []),
    ("红杉中国", ["Investor"], []),
    ("杭州科创基金", ["Fund"], []),
    ("招商银行杭州分行", ["Bank"], []),
    ("浙江大学", ["Institute"], ["浙大"]),
    ("杭州高新区", ["Park"], []),
    ("杭州市科技局", ["Government"], []),
    ("青禾生物科技有限公司", ["Enterprise"], ["青禾生物"]),
    ("王芳", ["Scientist"], []),
]


def _claim(source: str, target: str, rel: str, **extra: object) -> dict[str, object]:
    row: dict[str, object] = {
        "source": source,
        "target": target,
        "type": rel,
        "source_doc": "doc-1",
        "outlet": "金融时报",
        "published": "2025-11-20",
        "evidence": f"{source} {rel} {target}",
    }
    row.update(extra)
    return row


def venture_graph() -> ClaimGraph:
    """The 12-actor venture graph described in the module docstring."""
    claims = [
        _claim("李明", "星云光电科技有限公司", "FOUNDED", date="2021-03"),
        _claim("张伟", "星云光电科技有限公司", "LEADS"),
        _claim(
            "红杉中国",
            "星云光电科技有限公司",
            "INVESTED_IN",
            amount=50_000_000,
            currency="CNY",
            date="2024-06",
            evidence="红杉中国领投星云光电A轮",
        ),
        _claim(
            "红杉中国",
            "星云光电科技有限公司",
            "INVESTED_IN",
            source_doc="doc-2",
            outlet="证券时报",
            date="2025-02",
            evidence="红杉中国继续加注",
        ),
        _claim("杭州科创基金", "星云光电科技有限公司", "INVESTED_IN", date="2025-05"),
        _claim("陈华", IMG_PAYLOAD, "FOUNDED", date="2023-09"),
        _claim(SCRIPT_PAYLOAD, IMG_PAYLOAD, "LEADS"),
        _claim(
            "招商银行杭州分行",
            IMG_PAYLOAD,
            "LENT_TO",
            amount=15_000_000,
            currency="CNY",
            date="2025-11",
            source_doc="doc-xss",
            outlet="科技日报",
            evidence=EVIDENCE_PAYLOAD,
        ),
        _claim("李明", "浙江大学", "AFFILIATED_WITH"),
        _claim("陈华", "浙江大学", "AFFILIATED_WITH"),
        _claim("星云光电科技有限公司", "杭州高新区", "LOCATED_IN"),
        _claim(IMG_PAYLOAD, "杭州高新区", "LOCATED_IN"),
        _claim("杭州市科技局", "杭州高新区", "SERVES"),
        _claim("浙江大学", "杭州高新区", "COOPERATES_WITH"),
        _claim("王芳", "青禾生物科技有限公司", "FOUNDED", date="2025-06", source_doc="doc-3"),
        _claim(
            "红杉中国", "青禾生物科技有限公司", "INVESTED_IN", date="2025-08", source_doc="doc-3"
        ),
        _claim("青禾生物科技有限公司", "杭州高新区", "LOCATED_IN", source_doc="doc-3"),
    ]
    return ClaimGraph.build(VENTURE_ACTORS, claims)


def page_claims(network: dict[str, Any]) -> list[dict[str, Any]]:
    """The claim rows of a page's network data (stored as columns, ``viz.page.packed_rows``)."""
    packed = network["claims"]
    rows: list[dict[str, Any]] = [{} for _ in range(packed["n"])]
    for name, column in packed["columns"].items():
        cells = (
            [column["values"][c] if c >= 0 else None for c in column["codes"]]
            if isinstance(column, dict)
            else column
        )
        for row, value in zip(rows, cells, strict=True):
            if value is not None:
                row[name] = value
    return rows
