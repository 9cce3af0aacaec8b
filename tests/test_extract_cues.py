"""Each relationship cue family, on sentences written for these tests (loaders.cues)."""

import pytest

from ecox.loaders.extraction import extract_text


def triples(text, published="2026-03-01"):
    ex = extract_text(text, published=published)
    name = dict(zip(ex.entities["id"], ex.entities["name"], strict=True))
    return {(name[r.source], name[r.target], r.type) for r in ex.relations.itertuples()}, ex


def rel(ex, rtype):
    rows = ex.relations[ex.relations.type == rtype]
    assert len(rows) >= 1, f"no {rtype}"
    return rows.iloc[0]


def test_lending_with_amount_and_date():
    found, ex = triples(
        "2025年8月,合肥曜华新材料有限公司获得徽商银行合肥分行发放的科技信用贷款1200万元。"
    )
    assert ("徽商银行合肥分行", "合肥曜华新材料有限公司", "LENT_TO") in found
    row = rel(ex, "LENT_TO")
    assert row.amount_cny == 12_000_000 and row.date == "2025-08"
    assert "1200万元" in row.evidence


def test_lending_each_bank_gets_the_per_party_amount():
    _found, ex = triples(
        "近期,成都衡川智能科技有限公司先后获得了兴业银行成都分行和成都农商银行的各500万元贷款。"
    )
    lent = ex.relations[ex.relations.type == "LENT_TO"]
    assert len(lent) == 2
    assert set(lent.amount_cny) == {5_000_000}
    assert set(lent.date.isna()) == {True}


def test_lending_in_foreign_currency_stays_in_currency():
    _found, ex = triples("厦门博睿海洋科技有限公司获得汇丰银行厦门分行贷款300万美元。")
    row = rel(ex, "LENT_TO")
    assert row.currency == "USD" and row.amount == 3_000_000
    assert row.amount_cny != row.amount_cny  # NaN: not converted


def test_lead_and_follow_investors():
    found, _ = triples("青岛澜石海洋装备有限公司完成B轮融资,由山东鲁信创投领投、青岛海创基金跟投。")
    assert ("山东鲁信创投", "青岛澜石海洋装备有限公司", "INVESTED_IN") in found
    assert ("青岛海创基金", "青岛澜石海洋装备有限公司", "INVESTED_IN") in found


def test_fund_invests_in_company():
    found, ex = triples("武汉光谷天使基金已投资武汉知微光电有限公司800万元。")
    assert ("武汉光谷天使基金", "武汉知微光电有限公司", "INVESTED_IN") in found
    assert rel(ex, "INVESTED_IN").amount_cny == 8_000_000


def test_commitment_and_management():
    text = (
        "2024年5月,江苏省战略性新兴产业母基金正式设立,由江苏省财政厅和江苏高投集团共同出资。"
        "该母基金的管理机构为江苏高投创业投资管理有限公司。"
    )
    found, _ = triples(text)
    assert ("江苏省财政厅", "江苏省战略性新兴产业母基金", "COMMITTED_TO") in found
    assert ("江苏高投创业投资管理有限公司", "江苏省战略性新兴产业母基金", "MANAGES") in found


def test_bank_sets_up_a_fund():
    found, _ = triples("嘉兴银行还牵头设立总规模2亿元的“禾城科创基金”,支持初创企业。")
    assert ("嘉兴银行", "禾城科创基金", "COMMITTED_TO") in found


def test_located_in_park_with_date():
    found, ex = triples("2023年6月,西安曜石智能科技有限公司正式入驻西安高新区。")
    assert ("西安曜石智能科技有限公司", "西安高新区", "LOCATED_IN") in found
    assert rel(ex, "LOCATED_IN").date == "2023-06"


def test_moved_from_one_place_to_another():
    found, _ = triples(
        "“我们在2021年把研发中心从苏州纳米城迁至苏州工业园区。”星澜科技(苏州)有限公司创始人吴启航说。"
    )
    assert ("星澜科技(苏州)有限公司", "苏州工业园区", "LOCATED_IN") in found


def test_acquisition_by_merger_into():
    found, _ = triples("2025年2月,杭州云帆传感技术有限公司正式并入宁波舜宇光电有限公司。")
    assert ("宁波舜宇光电有限公司", "杭州云帆传感技术有限公司", "ACQUIRED") in found


def test_acquisition_active_voice():
    found, _ = triples("深圳澜海机器人有限公司收购东莞精工模具有限公司,补齐制造环节。")
    assert ("深圳澜海机器人有限公司", "东莞精工模具有限公司", "ACQUIRED") in found


def test_cooperation_is_symmetric_and_once():
    found, ex = triples(
        "合肥高新区与中国科学技术大学合作共建量子产业研究院。中国科学技术大学与合肥高新区携手举办论坛。"
    )
    coop = ex.relations[ex.relations.type == "COOPERATES_WITH"]
    assert len(coop) == 1
    assert {
        ("合肥高新区", "中国科学技术大学", "COOPERATES_WITH"),
        ("中国科学技术大学", "合肥高新区", "COOPERATES_WITH"),
    } & found


def test_government_works_with_bank():
    found, _ = triples("长沙市科技局联合长沙银行推出科技型企业专属信贷产品。")
    assert ("长沙市科技局", "长沙银行", "COOPERATES_WITH") in found


def test_platform_serves_company():
    found, _ = triples("杭州青禾生物科技有限公司在浙江股权交易中心挂牌,获得更多融资机会。")
    assert ("浙江股权交易中心", "杭州青禾生物科技有限公司", "SERVES") in found


def test_bank_provides_service():
    found, _ = triples("宁波银行杭州分行为杭州青禾生物科技有限公司提供跨境结算服务。")
    assert ("宁波银行杭州分行", "杭州青禾生物科技有限公司", "SERVES") in found


def test_technology_transfer_from_institute():
    found, _ = triples("中科院宁波材料所将一项涂层专利转让给宁波曜华新能源有限公司。")
    assert ("中科院宁波材料所", "宁波曜华新能源有限公司", "TRANSFERRED_TECH") in found


def test_founder_chairman_and_department_post():
    text = (
        "苏州启明微电子有限公司创始人周文涛表示,公司今年将扩产。"
        "苏州启明微电子有限公司董事长陈立华、招商银行苏州分行科技金融部总经理刘思远出席了签约仪式。"
    )
    found, ex = triples(text)
    assert ("周文涛", "苏州启明微电子有限公司", "FOUNDED") in found
    assert ("陈立华", "苏州启明微电子有限公司", "LEADS") in found
    assert ("刘思远", "招商银行苏州分行", "AFFILIATED_WITH") in found
    types = dict(zip(ex.entities["name"], ex.entities["types"], strict=True))
    assert types["周文涛"] == "Entrepreneur" and types["刘思远"] == "Person"


def test_scientist_affiliation_and_founding():
    found, ex = triples("南京大学张立新教授团队旗下的南京微纳光电有限公司获得天使轮融资。")
    assert ("张立新", "南京大学", "AFFILIATED_WITH") in found
    assert ("张立新", "南京微纳光电有限公司", "FOUNDED") in found
    assert (
        "Scientist" in dict(zip(ex.entities["name"], ex.entities["types"], strict=True))["张立新"]
    )


def test_pronoun_for_the_bank():
    found, _ = triples("在宁波银行采访期间,该行行长郑志远介绍了科技金融的做法。")
    assert ("郑志远", "宁波银行", "LEADS") in found


def test_branch_of_from_names():
    found, _ = triples(
        "兴业银行近年发力科技金融,兴业银行南京分行和兴业银行南京江北新区支行设立了专营团队。"
    )
    assert ("兴业银行南京分行", "兴业银行", "BRANCH_OF") in found
    assert ("兴业银行南京江北新区支行", "兴业银行南京分行", "BRANCH_OF") in found


def test_branch_without_named_parent_has_no_branch_of():
    found, _ = triples("兴业银行南京分行为南京知微电子有限公司发放贷款100万元。")
    assert not {t for t in found if t[2] == "BRANCH_OF"}


@pytest.mark.parametrize(
    "text",
    [
        "多家银行和投资机构参加了路演。",
        "科技型中小企业融资难的问题仍然突出。",
    ],
)
def test_generic_mentions_give_nothing(text):
    found, ex = triples(text)
    assert not found and ex.entities.empty
