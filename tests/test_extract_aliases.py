"""Short names, 以下简称, title forms and branches within a document (loaders.mentions)."""

from ecox.loaders.aliases import _alias_of
from ecox.loaders.lexicon import get_lexicon
from ecox.loaders.mentions import find_actors


def entity_of(found, surface):
    for m in found.mentions:
        if m.text == surface:
            return m.key
    raise AssertionError(f"{surface} not mentioned")


def test_short_name_declared_in_brackets():
    found = find_actors(
        "浙江曜石智能装备有限公司(以下简称“曜石智能”)成立于2019年。曜石智能专注于工业视觉。"
    )
    assert entity_of(found, "曜石智能") == "浙江曜石智能装备有限公司"
    assert found.entities["浙江曜石智能装备有限公司"].aliases == {"曜石智能"}


def test_prefix_short_name_without_declaration():
    found = find_actors(
        "成都衡川智能科技有限公司获得贷款。衡川智能今年营收翻番,衡川智能的产品销往海外。"
    )
    assert entity_of(found, "衡川智能") == "成都衡川智能科技有限公司"


def test_abbreviation_by_subsequence():
    found = find_actors("南京医科大学附属口腔医院与企业合作。南医大口腔医院的专家参与研发。")
    assert entity_of(found, "南医大口腔医院") == "南京医科大学附属口腔医院"


def test_trade_name_with_a_later_word_of_the_name():
    lex = get_lexicon()
    assert _alias_of("澜石传动", "宜昌澜石精密传动科技有限公司", lex)
    assert not _alias_of("澜石资本", "宜昌澜石精密传动科技有限公司", lex)


def test_name_without_leading_place():
    found = find_actors("企业入驻杭州光谷后发展迅速。光谷为企业提供了实验场地。")
    assert entity_of(found, "光谷") == "杭州光谷"


def test_title_forms_resolve_to_the_person():
    found = find_actors("中山大学研究员李婉清表示,李婉清教授团队已完成中试。")
    names = [m.key for m in found.mentions if m.kind == "person"]
    assert set(names) == {"李婉清"}


def test_lexicon_short_forms_merge_with_full_name():
    found = find_actors("上海浦东发展银行发布年报。浦发银行表示将加大科技贷款投放。")
    assert entity_of(found, "浦发银行") == "上海浦东发展银行"


def test_head_office_suffix_merges():
    found = find_actors("嘉兴农商银行推出新产品。嘉兴农商银行总行举办了培训。")
    assert set(found.entities) == {"嘉兴农商银行"}
    assert len(found.mentions) == 2


def test_branch_is_never_merged_with_head_office():
    found = find_actors("交通银行发布科技金融方案,交通银行苏州分行率先落地。")
    keys = {m.key for m in found.mentions}
    assert {"交通银行", "交通银行苏州分行"} <= keys


def test_branch_short_form_is_the_branch():
    found = find_actors("中国人民银行浙江省分行召开发布会。浙江省分行介绍了再贷款情况。")
    assert entity_of(found, "浙江省分行") == "中国人民银行浙江省分行"
    assert found.entities["中国人民银行浙江省分行"].types == ["Government"]


def test_pronouns_are_not_aliases():
    found = find_actors("宁波银行推出科技贷。该行表示将扩大投放。")
    assert all("该行" not in e.aliases for e in found.entities.values())
