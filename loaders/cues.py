"""Relationship cues: from the actors of an article to typed, directed claims.

Each rule reads one family of cue words the reports use and the actor
mentions around them, within one sentence:

========================  ==================================================
relation                  cues
========================  ==================================================
FOUNDED / LEADS /         titles (创始人, 董事长, 行长, 负责人, 教授 …) before or
AFFILIATED_WITH           after the name, shared titles (创始人、董事长X), 创办,
                          于…创立, 是X的创始人, 出任X董事长, 旗下, 就职于,
                          毕业于, 曾在X工作; department posts are affiliation
LENT_TO                   贷款, 授信, 信贷 with a bank (or 该行/银行) and a
                          borrower (or 其/公司), clause by clause (；)
INVESTED_IN               投资, 向/对Y投资, 领投, 跟投 (A、B和C跟投), 由其领投,
                          获X青睐, 入股, 获(得)…投资, 分别投资, 引入…作为战略
                          投资者, 成为…股东
COMMITTED_TO              出资, 认缴, 认缴其中 (the fund just named), 牵头设立,
                          A与B签约共同设立, A、B共同发起设立, 子基金管理人包括…
MANAGES                   管理机构, 基金管理人, 由…管理, 担任(该子基金的)管理人
LOCATED_IN                入驻, 落户, 位于, 坐落于, 迁至, 迁入, 签约入驻“…”,
                          在X落地, 总部设在, 作为X的入驻企业, 搭建 (a zone's park)
ACQUIRED                  并购, 收购, 并入, 对Y的收购, 被X收购
COOPERATES_WITH           合作, 携手, 牵手, 共建, 联合, 会同, 配合, 对接/依托
SERVES                    为…提供服务, 在…的支持/牵线下, 撮合, 培训, 挂牌, 孵化,
                          依托 (park), 发放创新券/补贴
TRANSFERRED_TECH          对接…技术团队, 样品寄送, 成果转化, 技术转让, 向Y转让/
                          许可, 转让给, 作价入股 (学校/该院 as the source)
BRANCH_OF                 …分行/支行 with the parent named, 所辖, 下属, 成立了…公司,
                          成为X的控股子公司, X的全资子公司Y, 设立全资子公司Y
========================  ==================================================

The rules live in :mod:`ecox.loaders.rules`, one module per relation family;
:data:`RULES` lists them in the order they run (the first rule to find a
relation keeps its span, rule name and confidence). Pronouns are resolved by
:mod:`ecox.loaders.rules.reference`.

Examples
--------
>>> from ecox.loaders.mentions import find_actors
>>> text = "今年3月,江南星河智能装备有限公司获得宁波银行余杭支行发放的贷款800万元。"
>>> rels = find_relations(find_actors(text), published="2026-02-01")
>>> [(r.source, r.target, r.type, r.amount.value, r.date) for r in rels]
[('宁波银行余杭支行', '江南星河智能装备有限公司', 'LENT_TO', 8000000.0, '2026-03')]
"""

from __future__ import annotations

from collections.abc import Callable

from ecox.loaders.actors import ActorSet
from ecox.loaders.rules import (
    cooperation,
    corporate,
    funds,
    investing,
    lending,
    location,
    people,
    tech,
)
from ecox.loaders.rules.article import Article, Relation

__all__ = ["RULES", "Relation", "find_relations"]

Rule = Callable[[Article], None]

RULES: tuple[Rule, ...] = (
    people.titles,
    people.affiliation,
    people.founded,
    people.founded_by,
    lending.lending,
    investing.investing,
    investing.shareholders,
    funds.committing,
    funds.sub_fund_managers,
    funds.managing,
    funds.managing_more,
    corporate.subsidiaries,
    people.alumni,
    cooperation.both_sides,
    cooperation.supporting,
    cooperation.listing_in,
    investing.holding,
    people.roles,
    people.workplace,
    cooperation.incubating,
    location.located,
    location.located_at,
    location.tenant_of,
    location.brought_in,
    location.tenants,
    location.built_in,
    corporate.acquiring,
    corporate.acquiring_more,
    cooperation.cooperating,
    cooperation.co_founders,
    cooperation.serving,
    tech.tech_transfer,
    corporate.branch_names,
    corporate.subordinates,
    corporate.set_up,
)
"""Every relation rule, in the order it runs on an article."""


def find_relations(actors: ActorSet, *, published: str | None = None) -> list[Relation]:
    """Typed, directed relations between the actors of one article.

    Parameters
    ----------
    actors : ActorSet
        From :func:`ecox.loaders.mentions.find_actors`.
    published : str, optional
        Publication date ``YYYY-MM-DD``; resolves 今年1月5日 and 1月28日.

    Returns
    -------
    list of Relation
        In the order the rules found them; one per (source, target, type), and
        COOPERATES_WITH once per unordered pair.
    """
    art = Article(actors, published)
    for rule in RULES:
        rule(art)
    return art.out
