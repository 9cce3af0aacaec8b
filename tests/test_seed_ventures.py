"""Hand-checked expectations on the seed, written from the five reports (bulletin 000).

What the reports say about ventures (三位一体):

- 温州数智新能源 (A4): founders 陈坚 and 庄约伟, technology from 温州技术学院 and three CAS
  institutes, credit from 瑞安农商银行: complete.
- 清大光德 (A2): 瞿佳 cooperates, 曹磊 founded it, 稠州银行 and 邮储银行温州分行 lend: complete.
- 陕西坤翔 (A3): chairman 薛亚知, a data-asset loan from 浦发银行西安分行; no scientist named.
- 陕西瑞格机械 (A5): 段卓泉 in its management, a loan from 邮储银行西安市阎良区支行; no scientist.
- 北京歌锐科技 (A5): founded by 高上, credit from 招商银行北京分行; no scientist.

The three scientist-short firms sit in small networks of banks, platforms and their own
people: no scientist and no research institute, so no candidate can be proposed, and the
table must say so. The founders' schools 中国美术学院 and 美国印第安纳大学 are no scientists of
the new-energy firm.
"""

from __future__ import annotations

import pandas as pd
import pytest

import ecox

COMPLETE = {
    "温州数智新能源有限公司": {
        "scientist": {
            "温州技术学院",
            "中科院上海微系统所",
            "中科院上海硅酸盐所",
            "中科院地球环境研究所",
        },
        "entrepreneur": {"陈坚", "庄约伟"},
        "investor": {"瑞安农商银行"},
    },
    "清大光德(浙江)照明科技有限公司": {
        "scientist": {"瞿佳"},
        "entrepreneur": {"曹磊"},
        "investor": {"稠州银行", "邮储银行温州分行"},
    },
}
SCIENTIST_SHORT = {
    "陕西坤翔静态交通科技有限公司": ("薛亚知", "浦发银行西安分行"),
    "陕西瑞格机械": ("段卓泉", "邮储银行西安市阎良区支行"),
    "北京歌锐科技": ("高上", "招商银行北京分行"),
}
ALMA_MATERS = {"中国美术学院", "美国印第安纳大学"}


@pytest.fixture(scope="module")
def seed():
    return ecox.seed()


def test_complete_ventures(seed):
    triads = ecox.complete_triads(seed)
    assert set(triads["enterprise_name"]) == set(COMPLETE)
    for firm, roles in COMPLETE.items():
        rows = triads[triads["enterprise_name"] == firm]
        for role, names in roles.items():
            assert set(rows[f"{role}_name"]) == names, (firm, role)


def test_ventures_one_scientist_short(seed):
    short = ecox.open_triads(seed)
    got = {
        row.enterprise_name: (row.missing, row.entrepreneur_name, row.investor_name)
        for row in short.itertuples(index=False)
    }
    assert got == {firm: ("scientist", *pair) for firm, pair in SCIENTIST_SHORT.items()}


def test_scientist_short_ventures_get_a_stated_reason(seed):
    fill = ecox.fill_candidates(seed)
    for firm in SCIENTIST_SHORT:
        rows = fill[fill["enterprise_name"] == firm]
        assert len(rows) == 1, firm
        row = rows.iloc[0]
        assert row["missing"] == "scientist" and pd.isna(row["candidate"])
        assert "can fill the scientist role: nobody to propose" in row["reason"]
        assert "没有可担任科学家的主体" in row["reason_zh"]


def test_founders_schools_are_not_proposed_as_scientists(seed):
    links = ecox.missing_links(seed, top=100)
    assert not ALMA_MATERS & set(links["source_name"])
    fill = ecox.fill_candidates(seed, top=100)
    assert not ALMA_MATERS & set(fill["candidate_name"].dropna())


def test_seed_before_the_reports_has_no_venture(seed):
    assert ecox.open_triads(seed, as_of="2025-12-31").empty
    assert ecox.fill_candidates(seed, as_of="2025-12-31").empty
