"""Cue families added for unseen reports, each on sentences written for these tests.

Every sentence here was written for this file (not taken from the seed bulletin or
from the hand-annotated report sets); names are invented.
"""

import pytest

from ecox.loaders.amounts import find_dates
from ecox.loaders.extraction import extract_text
from ecox.loaders.mentions import find_actors


def found(text, published="2026-03-15"):
    ex = extract_text(text, published=published)
    name = dict(zip(ex.entities["id"], ex.entities["name"], strict=True))
    rows = {}
    for r in ex.relations.itertuples():
        rows[(name[r.source], name[r.target], r.type)] = r
    return rows, ex


# ---------------------------------------------------------------- lending


def test_lender_named_by_pronoun_in_a_later_sentence():
    rows, _ = found(
        "华东科创银行杭州分行是当地首家科技支行。该行今年已向杭州澜汐传感科技有限公司"
        "等企业发放信用贷款,其中单笔最高2000万元。"
    )
    assert ("华东科创银行杭州分行", "杭州澜汐传感科技有限公司", "LENT_TO") in rows


def test_credit_line_to_a_pronoun_borrower_after_a_semicolon():
    rows, _ = found(
        "宁波银行杭州分行向杭州澜汐传感科技有限公司发放贷款800万元;"
        "杭州银行则为其提供了3000万元综合授信额度。"
    )
    first = rows[("宁波银行杭州分行", "杭州澜汐传感科技有限公司", "LENT_TO")]
    second = rows[("杭州银行", "杭州澜汐传感科技有限公司", "LENT_TO")]
    assert first.amount_cny == 8_000_000
    assert second.amount_cny == 30_000_000


def test_borrower_is_the_company_the_sentence_is_about():
    rows, _ = found(
        "安徽云栖光电有限公司成立于2021年。创始人介绍,公司去年获得徽商银行芜湖分行"
        "600万元知识产权质押贷款。"
    )
    row = rows[("徽商银行芜湖分行", "安徽云栖光电有限公司", "LENT_TO")]
    assert row.amount_cny == 6_000_000 and row.date == "2025"


def test_this_bank_is_a_bank_not_the_government_named_after_it():
    rows, _ = found(
        "兴业银行厦门分行与厦门市科技局签署合作协议,将为园区企业提供意向授信。"
        "该行还为厦门海澄微纳科技有限公司提供了1000万元授信。"
    )
    assert ("兴业银行厦门分行", "厦门海澄微纳科技有限公司", "LENT_TO") in rows
    assert not any(k[0] == "厦门市科技局" and k[2] == "SERVES" for k in rows)


# ---------------------------------------------------------------- investing


def test_follow_investors_listed_with_dun_and_he():
    rows, _ = found(
        "成都衡岳生物科技有限公司完成3亿元C轮融资,本轮由深创投领投,"
        "松禾资本、达晨财智和成都科创投跟投。"
    )
    for inv in ("深创投", "松禾资本", "达晨财智", "成都科创投"):
        assert (inv, "成都衡岳生物科技有限公司", "INVESTED_IN") in rows


def test_lead_by_pronoun_with_the_amount_after_the_cue():
    rows, _ = found(
        "去年10月,苏州曜衡医疗科技有限公司获苏州元禾原点创业投资管理有限公司青睐,"
        "完成A轮融资,由其领投4000万元。"
    )
    row = rows[("苏州元禾原点创业投资管理有限公司", "苏州曜衡医疗科技有限公司", "INVESTED_IN")]
    assert row.amount_cny == 40_000_000 and row.date == "2025-10"


def test_investment_toward_a_company_and_respective_amounts():
    rows, _ = found("深圳市南山创新投资有限公司向深圳衡远激光有限公司投资2500万元。")
    assert rows[
        ("深圳市南山创新投资有限公司", "深圳衡远激光有限公司", "INVESTED_IN")
    ].amount_cny == (25_000_000)
    rows, _ = found(
        "青岛市天使投资基金和青岛海发创业投资有限公司分别投资了青岛澜湾海洋科技有限公司"
        "1000万元和600万元。"
    )
    assert rows[("青岛市天使投资基金", "青岛澜湾海洋科技有限公司", "INVESTED_IN")].amount_cny == (
        10_000_000
    )
    assert (
        rows[("青岛海发创业投资有限公司", "青岛澜湾海洋科技有限公司", "INVESTED_IN")].amount_cny
        == 6_000_000
    )


# ---------------------------------------------------------------- funds


def test_commitments_to_the_fund_just_named():
    rows, _ = found(
        "去年5月,天津市海河产业基金联合天津泰达投资控股有限公司发起设立天津滨海智造子基金,"
        "总规模10亿元。其中,天津市海河产业基金认缴出资3亿元,泰达控股认缴2亿元。"
    )
    assert rows[("天津市海河产业基金", "天津滨海智造子基金", "COMMITTED_TO")].amount_cny == (
        300_000_000
    )
    assert ("天津泰达投资控股有限公司", "天津滨海智造子基金", "COMMITTED_TO") in rows
    assert ("天津泰达投资控股有限公司", "天津市海河产业基金", "COMMITTED_TO") not in rows


def test_partners_who_sign_and_set_up_a_fund_together_both_commit():
    rows, _ = found(
        "江西赣州农村商业银行与赣州经开区管委会签约,共同设立规模5亿元的“赣州经开科创基金”。"
        "该行行长表示,银行将认缴其中1亿元。"
    )
    assert ("赣州经开区管委会", "赣州经开科创基金", "COMMITTED_TO") in rows
    row = rows[("江西赣州农村商业银行", "赣州经开科创基金", "COMMITTED_TO")]
    assert row.amount_cny == 100_000_000


def test_co_founders_listed_before_the_cue_all_commit():
    rows, _ = found("山西省科技厅、山西省财政厅共同发起设立山西晋创种子基金。")
    assert ("山西省科技厅", "山西晋创种子基金", "COMMITTED_TO") in rows
    assert ("山西省财政厅", "山西晋创种子基金", "COMMITTED_TO") in rows


def test_manager_roles():
    rows, _ = found(
        "江苏高投创业投资管理有限公司担任江苏先进制造子基金的管理人。"
        "江苏省政府投资基金由江苏金财投资有限公司受托管理。"
    )
    assert ("江苏高投创业投资管理有限公司", "江苏先进制造子基金", "MANAGES") in rows
    assert ("江苏金财投资有限公司", "江苏省政府投资基金", "MANAGES") in rows


# ---------------------------------------------------------------- places, tech, deals


def test_quoted_park_after_moving_in_and_a_valley_name():
    rows, _ = found(
        "福州闽芯电子有限公司去年签约入驻“海峡·数字经济产业园”。"
        "福州澜石光电有限公司已入驻旗山硅谷。"
    )
    assert ("福州闽芯电子有限公司", "海峡·数字经济产业园", "LOCATED_IN") in rows
    assert ("福州澜石光电有限公司", "旗山硅谷", "LOCATED_IN") in rows


def test_located_at_a_park_with_its_phase_and_landing_in_a_zone():
    rows, _ = found(
        "南昌赣锋微电子有限公司迁入南昌软件园二期。"
        "今年5月,南昌澜峰装备有限公司在南昌高新区落地投产。"
    )
    assert ("南昌赣锋微电子有限公司", "南昌软件园二期", "LOCATED_IN") in rows
    assert rows[("南昌澜峰装备有限公司", "南昌高新区", "LOCATED_IN")].date == "2026-05"


_TWO_TRANSFERS = (
    "中国科学院长春应用化学研究所向吉林澜川新材料有限公司转让了两项膜材料专利。"
    "吉林大学教授王立成表示,学校以专利作价入股的方式,将相关技术转让给了吉林澜川新材料有限公司。"
)


def test_transfer_toward_a_company_and_the_school_as_source():
    rows, _ = found(_TWO_TRANSFERS)
    assert (
        "中国科学院长春应用化学研究所",
        "吉林澜川新材料有限公司",
        "TRANSFERRED_TECH",
    ) in rows
    assert ("吉林大学", "吉林澜川新材料有限公司", "TRANSFERRED_TECH") in rows


# a known false relation of sessions 7 and 8 (0.494 at 0.35, 0.516 at 0.25); session 11's
# models give it 0.22 at the default 0.30
def test_the_professor_speaking_for_the_school_is_no_transferor():
    rows, _ = found(_TWO_TRANSFERS)
    assert ("王立成", "吉林澜川新材料有限公司", "TRANSFERRED_TECH") not in rows


def test_acquisition_forms():
    rows, _ = found("武汉楚衡智能装备有限公司完成对东莞迅捷电机有限公司的收购。")
    assert ("武汉楚衡智能装备有限公司", "东莞迅捷电机有限公司", "ACQUIRED") in rows
    rows, _ = found("成都蓉芯生物科技有限公司被上海申澜医药集团有限公司收购。")
    assert ("上海申澜医药集团有限公司", "成都蓉芯生物科技有限公司", "ACQUIRED") in rows


def test_subsidiaries():
    rows, _ = found(
        "今年2月,长沙湘衡科技股份有限公司收购株洲澜动电机有限公司60%股权,"
        "后者成为长沙湘衡科技股份有限公司的控股子公司。"
        "此前,公司已在深圳设立全资子公司湘衡(深圳)数据技术有限公司。"
    )
    assert ("长沙湘衡科技股份有限公司", "株洲澜动电机有限公司", "ACQUIRED") in rows
    assert ("株洲澜动电机有限公司", "长沙湘衡科技股份有限公司", "BRANCH_OF") in rows
    assert ("湘衡(深圳)数据技术有限公司", "长沙湘衡科技股份有限公司", "BRANCH_OF") in rows
    rows, _ = found("杭州澜云科技集团旗下全资子公司杭州澜云数据服务有限公司近日揭牌。")
    assert ("杭州澜云数据服务有限公司", "杭州澜云科技集团", "BRANCH_OF") in rows


def test_incubation_and_brokering_serve():
    rows, _ = found("无锡澜芯微电子有限公司是无锡太湖科技园孵化的高新技术企业。")
    assert ("无锡太湖科技园", "无锡澜芯微电子有限公司", "SERVES") in rows
    rows, _ = found("在无锡市科技局的牵线下,无锡澜芯微电子有限公司与江南大学达成合作。")
    assert ("无锡市科技局", "无锡澜芯微电子有限公司", "SERVES") in rows
    assert ("无锡澜芯微电子有限公司", "江南大学", "COOPERATES_WITH") in rows


def test_cooperation_by_hand_in_hand():
    rows, _ = found("昆明滇创生物有限公司与云南大学牵手,共建天然药物联合实验室。")
    assert ("昆明滇创生物有限公司", "云南大学", "COOPERATES_WITH") in rows


# ---------------------------------------------------------------- people


def test_people_named_by_what_they_did():
    rows, _ = found(
        "刘建川于2016年创立了贵阳黔云数据科技有限公司。"
        "赵宏伟是贵州黔澜新能源有限公司的创始人。"
        "2024年,孙立明出任贵州黔芯半导体有限公司董事长。"
    )
    assert ("刘建川", "贵阳黔云数据科技有限公司", "FOUNDED") in rows
    assert ("赵宏伟", "贵州黔澜新能源有限公司", "FOUNDED") in rows
    assert ("孙立明", "贵州黔芯半导体有限公司", "LEADS") in rows


def test_shared_titles_and_alumni():
    rows, ex = found(
        "广州穗衡智能科技有限公司创始人、董事长陈思远博士毕业于华南理工大学,"
        "曾在中国科学院广州能源研究所工作。"
    )
    assert ("陈思远", "广州穗衡智能科技有限公司", "FOUNDED") in rows
    assert ("陈思远", "广州穗衡智能科技有限公司", "LEADS") in rows
    assert ("陈思远", "华南理工大学", "AFFILIATED_WITH") in rows
    assert ("陈思远", "中国科学院广州能源研究所", "AFFILIATED_WITH") in rows
    assert "毕业" not in set(ex.entities["name"])


def test_scientist_title_after_honours_and_before_a_date():
    rows, _ = found(
        "四川大学华西特聘教授、成都蓉衡医疗科技有限公司创始人黄启明表示,团队将继续攻关。"
        "成都蓉川材料有限公司由西南交通大学副教授郑海于2022年创立。"
    )
    assert ("黄启明", "四川大学", "AFFILIATED_WITH") in rows
    assert ("郑海", "西南交通大学", "AFFILIATED_WITH") in rows
    assert ("郑海", "成都蓉川材料有限公司", "FOUNDED") in rows


# ---------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("江西赣投高科技创业投资有限公司领投。", "江西赣投高科技创业投资有限公司"),
        ("东莞迅捷电机有限公司完成融资。", "东莞迅捷电机有限公司"),
        ("合肥未来产业子基金投资了该公司。", "合肥未来产业子基金"),
        ("南京大学紫金材料研究院发布成果。", "南京大学紫金材料研究院"),
        ("企业已落户宁波未来科技城。", "宁波未来科技城"),
        ("这笔交易由淮州市青年企业家促进会牵线。", "淮州市青年企业家促进会"),
        ("产品通过了荆门市产品质量检验检测院的检测。", "荆门市产品质量检验检测院"),
        ("华中工学院教授周立新介绍。", "华中工学院"),
        ("沧澜银行绍兴分行开设的绍兴柯桥科技支行向公司发放贷款。", "绍兴柯桥科技支行"),
        ("基金投向宜昌澜石精密传动科技有限公司,投资2000万元。", "宜昌澜石精密传动科技有限公司"),
        ("公司获得江北汇和银行余杭支行授信。", "江北汇和银行余杭支行"),
        ("资金由杭州市余杭区科学技术局发放。", "杭州市余杭区科学技术局"),
        ("公司位于嘉兴国家高新区。", "嘉兴国家高新区"),
        ("产权交易中心联合浙江衡信资产评估有限公司完成评估。", "浙江衡信资产评估有限公司"),
        ("澜石资本系宁波市国有资产经营有限公司旗下的平台。", "宁波市国有资产经营有限公司"),
        ("技术经纪人林素秋撮合交易。", "林素秋"),
        ("该支行向研发总监苏予安发放贷款。", "苏予安"),
    ],
)
def test_organisation_names_in_harder_forms(text, name):
    names = set(find_actors(text).entities)
    assert name in names, names


def test_a_branch_named_by_its_place_alone_is_no_name_and_joined_names_stay_apart():
    names = set(find_actors("该行绍兴分行向公司发放贷款。").entities)
    assert "绍兴分行" not in names
    names = set(find_actors("天津市海河产业基金联合长城投资控股有限公司设立子基金。").entities)
    assert "长城投资控股有限公司" in names and "天津市海河产业基金" in names


def test_group_short_name_and_university_list_stay_apart():
    ex = extract_text(
        "福建海峡金控集团有限公司旗下基金完成投资。海峡金控集团表示将继续加码。"
        "该行已与南京大学、东南大学和南京航空航天大学建立合作关系。"
    )
    names = set(ex.entities["name"])
    assert {"南京大学", "南京航空航天大学"} <= names
    row = ex.entities[ex.entities.name == "福建海峡金控集团有限公司"].iloc[0]
    assert "海峡金控集团" in row.aliases.split("|")


# ---------------------------------------------------------------- dates


def test_relative_month_dates():
    got = {
        d.text: d.value for d in find_dates("上月,A;本月5日,B;3月,C;去年12月份以来", "2026-02-10")
    }
    assert got["上月"] == "2026-01"
    assert got["本月5日"] == "2026-02-05"
    assert got["3月"] == "2026-03"
    assert got["去年12月份"] == "2025-12"
    assert find_dates("上月", "2026-01-20")[0].value == "2025-12"
    assert not find_dates("6个月的贷款期限", "2026-02-10")


# ---------------------------------------------------------------- precision


@pytest.mark.parametrize(
    "text",
    [
        "宁波银行表示,将继续加大对科技企业的贷款投放力度。",
        "苏州工业园区已累计孵化企业3000余家,其中上市公司50家。",
        "业内人士认为,苏州银行与杭州银行的科技金融模式各有特色。",
        "杭州启明微电子有限公司对行业前景持乐观态度,计划向市场推出三款新品。",
        "今年,深圳市创新投资集团有限公司投资的企业中有12家上市。",
    ],
)
def test_no_relation_without_a_second_party(text):
    _rows, ex = found(text)
    assert ex.relations.empty, ex.relations[["source", "target", "type"]]


# ---------------------------------------------------------------- more forms


def test_company_title_refers_to_the_company_of_the_article():
    rows, _ = found("常州澜图机器人有限公司成立于2019年。公司总经理王强介绍,产品已出口海外。")
    assert ("王强", "常州澜图机器人有限公司", "LEADS") in rows


def test_name_after_a_title_before_a_joint_action():
    rows, _ = found("常州大学校长李剑锋和常州澜图机器人有限公司董事长王强共同为实验室揭牌。")
    assert ("李剑锋", "常州大学", "LEADS") in rows
    assert ("王强", "常州澜图机器人有限公司", "LEADS") in rows


def test_investors_brought_in_and_shareholders():
    rows, _ = found("常州澜图机器人有限公司引入常州创业投资集团有限公司作为战略投资者。")
    assert ("常州创业投资集团有限公司", "常州澜图机器人有限公司", "INVESTED_IN") in rows
    rows, _ = found("扬州润扬创业投资有限公司成为扬州澜翼航空科技有限公司的第二大股东。")
    assert ("扬州润扬创业投资有限公司", "扬州澜翼航空科技有限公司", "INVESTED_IN") in rows


def test_headquarters_and_tenants():
    rows, _ = found(
        "常州澜图机器人有限公司将总部设在常州科教城。"
        "作为泰州医药高新区的首批入驻企业,泰州澜康制药有限公司享受了租金减免。"
    )
    assert ("常州澜图机器人有限公司", "常州科教城", "LOCATED_IN") in rows
    assert ("泰州澜康制药有限公司", "泰州医药高新区", "LOCATED_IN") in rows


def test_fund_commitment_with_partner_in_the_next_clause():
    rows, _ = found(
        "常州市政府投资基金作为有限合伙人出资2亿元,"
        "与常州创业投资集团有限公司共同发起设立常州智造基金。"
    )
    assert ("常州市政府投资基金", "常州智造基金", "COMMITTED_TO") in rows
    assert ("常州创业投资集团有限公司", "常州智造基金", "COMMITTED_TO") in rows


def test_government_vouchers_serve_a_company():
    rows, _ = found("常州市科技局为常州澜图机器人有限公司发放科技创新券50万元。")
    assert ("常州市科技局", "常州澜图机器人有限公司", "SERVES") in rows


# ---------------------------------------------------------------- after the final set's first run


def test_co_founders_after_an_honour_are_both_people_not_partners():
    rows, ex = found(
        "合肥澜知生物科技有限公司由安徽大学生命科学学院教授、国家优秀青年科学基金获得者"
        "韩思齐与其学生许若愚于2020年共同创立。"
    )
    assert ("韩思齐", "合肥澜知生物科技有限公司", "FOUNDED") in rows
    assert ("许若愚", "合肥澜知生物科技有限公司", "FOUNDED") in rows
    assert ("韩思齐", "安徽大学", "AFFILIATED_WITH") in rows
    assert ("许若愚", "安徽大学", "AFFILIATED_WITH") not in rows
    assert not [k for k in rows if k[2] == "COOPERATES_WITH"]
    assert "国家优秀青年科学基金" not in set(ex.entities["name"])


def test_department_head_is_affiliated_and_the_department_is_no_actor():
    rows, ex = found("徽商银行合肥分行科技金融部总经理钱立新介绍,该行已服务科技企业300家。")
    assert ("钱立新", "徽商银行合肥分行", "AFFILIATED_WITH") in rows
    assert "徽商银行合肥分行科技金融部" not in set(ex.entities["name"])


def test_bare_company_is_the_company_the_article_is_about():
    rows, _ = found(
        "苏州澜至科技有限公司去年完成A轮融资,苏州元禾控股股份有限公司跟投。"
        "此后,公司迁入苏州太湖协同创新区。"
    )
    assert ("苏州澜至科技有限公司", "苏州太湖协同创新区", "LOCATED_IN") in rows
    assert not [k for k in rows if k[0] == "苏州元禾控股股份有限公司" and k[2] == "LOCATED_IN"]


def test_subsidiary_set_up_by_the_subject_not_by_the_company_just_acquired():
    rows, _ = found(
        "上月,杭州澜川医疗科技有限公司收购了德国博尔曼医疗器械公司60%的股权;"
        "此前,公司已在新加坡设立全资子公司澜川(新加坡)医疗有限公司。"
    )
    assert ("澜川(新加坡)医疗有限公司", "杭州澜川医疗科技有限公司", "BRANCH_OF") in rows


def test_university_science_park_belongs_to_the_university():
    rows, _ = found("西安澜曜光电有限公司是西北大学科技园孵化的企业,创始人是西北大学教授。")
    assert ("西北大学科技园", "西北大学", "BRANCH_OF") in rows
    assert ("西北大学科技园", "西安澜曜光电有限公司", "SERVES") in rows


# ---------------------------------------------------------------- after set 7's first run


def test_round_named_in_the_sentence_before():
    rows, _ = found(
        "今年3月,烟台澜海船舶科技有限公司完成6000万元A轮融资。本轮融资由烟台市产业投资基金领投,"
        "山东省科技创新投资有限公司、烟台海湾创业投资中心(有限合伙)跟投。"
    )
    for inv in (
        "烟台市产业投资基金",
        "山东省科技创新投资有限公司",
        "烟台海湾创业投资中心(有限合伙)",
    ):
        assert (inv, "烟台澜海船舶科技有限公司", "INVESTED_IN") in rows


def test_park_inside_a_zone_and_the_company_inside_the_park():
    rows, _ = found("威海澜星电子有限公司已签约入驻威海高新区的“海洋信息产业园”。")
    assert ("威海澜星电子有限公司", "海洋信息产业园", "LOCATED_IN") in rows
    assert ("海洋信息产业园", "威海高新区", "LOCATED_IN") in rows
    assert ("威海澜星电子有限公司", "威海高新区", "LOCATED_IN") not in rows


def test_both_sides_and_the_zone_that_supports():
    rows, ex = found(
        "烟台澜海船舶科技有限公司的核心团队来自哈尔滨工程大学,双方已共建“船舶智能联合研究中心”。"
        "烟台高新区管委会副主任孙涛表示,园区将继续支持烟台澜海船舶科技有限公司等企业发展。"
    )
    assert ("烟台澜海船舶科技有限公司", "哈尔滨工程大学", "COOPERATES_WITH") in rows
    # the zone is named only through its 管委会 here, so the 管委会 is the server
    assert ("烟台高新区管委会", "烟台澜海船舶科技有限公司", "SERVES") in rows
    assert "船舶智能联合研究中心" not in set(ex.entities["name"])


def test_holding_shares_through_a_subsidiary_and_a_fund_under_a_fund():
    rows, _ = found(
        "山东大学技术团队以专利作价入股,成立了济南澜光科技有限公司。"
        "山东大学通过其全资子公司山东大学资产经营有限公司持有新公司15%的股权。"
        "山东省新动能基金旗下的山东新兴产业子基金对公司进行了天使轮投资。"
    )
    assert ("山东大学资产经营有限公司", "山东大学", "BRANCH_OF") in rows
    assert ("山东大学资产经营有限公司", "济南澜光科技有限公司", "INVESTED_IN") in rows
    assert ("山东省新动能基金", "山东新兴产业子基金", "COMMITTED_TO") in rows
    assert ("山东新兴产业子基金", "济南澜光科技有限公司", "INVESTED_IN") in rows


def test_former_school_post_is_affiliation_and_credit_for_the_company():
    rows, _ = found(
        "济南澜光科技有限公司由山东大学物理学院原副院长高明远创办。"
        "齐鲁银行济南高新支行为企业定制了组合方案,授信1500万元。济南市科技局还为企业兑现了奖励资金50万元。"
    )
    assert ("高明远", "山东大学", "AFFILIATED_WITH") in rows
    assert ("高明远", "山东大学", "LEADS") not in rows
    assert (
        rows[("齐鲁银行济南高新支行", "济南澜光科技有限公司", "LENT_TO")].amount_cny == 15_000_000
    )
    assert ("济南市科技局", "济南澜光科技有限公司", "SERVES") in rows


def test_short_lead_investor_parent_company_and_the_borrowers_own_amount():
    rows, _ = found("2023年,国投创业领投了西安澜芯微电子有限公司的B轮融资,陕西金控跟投。")
    assert ("国投创业", "西安澜芯微电子有限公司", "INVESTED_IN") in rows
    assert ("陕西金控", "西安澜芯微电子有限公司", "INVESTED_IN") in rows
    rows, _ = found("西安澜芯微电子有限公司成立于2018年,其母公司为陕西澜创控股集团有限公司。")
    assert ("西安澜芯微电子有限公司", "陕西澜创控股集团有限公司", "BRANCH_OF") in rows
    rows, _ = found(
        "去年以来,西安银行通过“秦创贷”向区内科技企业投放贷款超过50亿元,"
        "其中向西安澜芯微电子有限公司发放3000万元。"
    )
    assert rows[("西安银行", "西安澜芯微电子有限公司", "LENT_TO")].amount_cny == 30_000_000


def test_sole_investor_hospital_posts_and_fund_companies():
    rows, _ = found(
        "杭州澜启医疗器械有限公司近日完成天使轮融资。此次融资由元璟资本独家投资。"
        "杭州澜启医疗器械有限公司创始人、浙江大学医学院附属第二医院主任医师周凯介绍,产品已进入临床。"
    )
    assert ("元璟资本", "杭州澜启医疗器械有限公司", "INVESTED_IN") in rows
    assert ("周凯", "杭州澜启医疗器械有限公司", "FOUNDED") in rows
    assert ("周凯", "浙江大学医学院附属第二医院", "AFFILIATED_WITH") in rows
    _rows, ex = found("浙江省金融控股有限公司旗下的浙江省产业基金有限公司参与了多只子基金。")
    types = dict(zip(ex.entities["name"], ex.entities["types"], strict=True))
    assert types["浙江省产业基金有限公司"] == "Investor"


# ---------------------------------------------------------------- after set 8's first run


def test_school_incubator_follow_on_investment_and_cultivation_list():
    rows, ex = found(
        "石家庄澜禾生物科技有限公司是河北工业大学化工学院孵化的企业。"
        "去年,公司完成A轮融资,老股东河北省天使投资引导基金继续追加投资。"
        "河北省科技厅已将该公司列入科技领军企业培育库。"
    )
    assert ("河北工业大学", "石家庄澜禾生物科技有限公司", "SERVES") in rows
    assert ("河北省天使投资引导基金", "石家庄澜禾生物科技有限公司", "INVESTED_IN") in rows
    assert ("河北省科技厅", "石家庄澜禾生物科技有限公司", "SERVES") in rows
    assert "老股东河北省天使投资引导基金" not in set(ex.entities["name"])


def test_manager_under_a_group_park_in_a_development_zone_and_credit_agreement():
    rows, _ = found(
        "今年5月,贵州省科技成果转化基金正式设立,由贵州省投资控股集团有限公司旗下的"
        "贵州黔投资本管理有限公司担任基金管理人。"
        "贵阳澜锂新材料有限公司已入驻贵阳经开区的新能源材料产业园。"
        "贵阳银行也与公司签署了1亿元的授信协议。"
    )
    assert ("贵州黔投资本管理有限公司", "贵州省科技成果转化基金", "MANAGES") in rows
    assert ("贵州黔投资本管理有限公司", "贵州省投资控股集团有限公司", "BRANCH_OF") in rows
    assert ("贵阳澜锂新材料有限公司", "新能源材料产业园", "LOCATED_IN") in rows
    assert ("新能源材料产业园", "贵阳经开区", "LOCATED_IN") in rows
    assert rows[("贵阳银行", "贵阳澜锂新材料有限公司", "LENT_TO")].amount_cny == 100_000_000
