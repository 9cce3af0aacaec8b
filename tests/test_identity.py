"""Names normalise once; ids are stable; the resolver merges names, aliases and short names."""

from __future__ import annotations

from ecox.graph.identity import Resolver, actor_id, claim_id, normalize_name


def test_width_space_and_quotes_fold() -> None:
    assert normalize_name("ＡＢＣ　资本") == "ABC资本"
    assert normalize_name("“陕西坤翔”") == "陕西坤翔"
    assert normalize_name("Sequoia\tCapital  China") == "Sequoia Capital China"
    assert normalize_name("招商银行 北京分行") == "招商银行北京分行"


def test_ids_are_stable_and_ignore_type_and_width() -> None:
    assert actor_id("清大光德(浙江)照明科技有限公司") == actor_id(
        "清大光德（浙江）照明科技有限公司"
    )
    assert actor_id("a") != actor_id("b")
    assert actor_id("x").startswith("a_")
    assert claim_id("a", "b", "LENT_TO", "d1") != claim_id("b", "a", "LENT_TO", "d1")


def test_short_name_and_alias_resolve_to_one_actor() -> None:
    r = Resolver()
    full = r.add("陕西坤翔静态交通科技有限公司", ["Enterprise"], aliases=["陕西坤翔"])
    assert r.add("陕西坤翔", ["Enterprise"]) == full
    assert r.resolve("陕西坤翔") == full
    assert len(r.actors) == 1


def test_several_types_make_one_node_primary_first() -> None:
    r = Resolver()
    a = r.add("叶志镇", ["Scientist"])
    assert r.add("叶志镇", ["Entrepreneur", "Scientist"]) == a
    assert r.actors[a].types == ["Scientist", "Entrepreneur"]


def test_branch_is_not_merged_into_head_office() -> None:
    r = Resolver()
    head = r.add("浦发银行", ["Bank"])
    branch = r.add("浦发银行西安分行", ["Bank"])
    assert head != branch and len(r.actors) == 2


def test_alias_bridging_two_actors_merges_them() -> None:
    r = Resolver()
    a = r.add("秦创原科技创新投资股份有限公司", ["Investor"])
    b = r.add("秦创原创投公司", ["Investor"])
    merged = r.add("秦创原科技创新投资股份有限公司", ["Investor"], aliases=["秦创原创投公司"])
    assert merged == a and r.resolve(b) == a and len(r.actors) == 1
    assert "秦创原创投公司" in r.actors[a].aliases
