"""Every hand-made gold folder under tests/data/extract is well formed.

A gold folder ``gold_NAME`` annotates ``NAME.txt`` beside it (``gold`` annotates
``own_bulletin.txt``). Checked: ids are unique and every relation endpoint is an
actor; types are the schema's; every relation joins types its schema entry allows;
each actor's name or alias and each evidence span is text of the article it cites;
every relation's article is one of its endpoints' articles; amounts are whole yuan.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from ecox.graph.schema import SCHEMA
from ecox.loaders.reports import split_articles

DATA = Path(__file__).resolve().parent / "data" / "extract"


def gold_folders() -> list[Path]:
    """Every folder under tests/data/extract holding entities.csv and relations.csv."""
    return sorted(
        p.parent for p in DATA.rglob("entities.csv") if (p.parent / "relations.csv").exists()
    )


def text_of(gold: Path) -> Path:
    """The report file a gold folder annotates."""
    name = "own_bulletin" if gold.name == "gold" else gold.name.removeprefix("gold_")
    return gold.parent / f"{name}.txt"


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


def gold_problems(gold: Path) -> list[str]:
    """Every problem found in one gold folder, as ``file:line: message`` strings."""
    text = text_of(gold).read_text(encoding="utf-8")
    articles = {r.article: r.text for r in split_articles(text, text_of(gold).name)}
    ents = pd.read_csv(gold / "entities.csv", dtype=str, keep_default_na=False)
    rels = pd.read_csv(gold / "relations.csv", dtype=str, keep_default_na=False)
    problems: list[str] = []
    where_e = f"{gold.name}/entities.csv"
    where_r = f"{gold.name}/relations.csv"
    if ents.id.duplicated().any():
        problems.append(f"{where_e}: duplicate ids {sorted(set(ents.id[ents.id.duplicated()]))}")
    if ents.name.duplicated().any():
        problems.append(
            f"{where_e}: duplicate names {sorted(set(ents.name[ents.name.duplicated()]))}"
        )
    types = {}
    arts = {}
    for line, row in enumerate(ents.itertuples(), start=2):
        types[row.id] = _split(row.types)
        arts[row.id] = _split(row.articles)
        unknown = [t for t in types[row.id] if t not in SCHEMA.nodes]
        if not types[row.id] or unknown:
            problems.append(f"{where_e}:{line}: types {row.types!r} not in the schema")
        bad_articles = [a for a in arts[row.id] if a not in articles]
        if not arts[row.id] or bad_articles:
            problems.append(
                f"{where_e}:{line}: articles {row.articles!r} not in {sorted(articles)}"
            )
        forms = [row.name, *_split(row.aliases)]
        for art in arts[row.id]:
            if art in articles and not any(f in articles[art] for f in forms):
                problems.append(f"{where_e}:{line}: neither {forms} occurs in article {art}")
    for line, row in enumerate(rels.itertuples(), start=2):
        missing = [i for i in (row.source, row.target) if i not in types]
        if missing:
            problems.append(f"{where_r}:{line}: unknown actor ids {missing}")
            continue
        if row.type not in SCHEMA.edges:
            problems.append(f"{where_r}:{line}: relation type {row.type!r} not in the schema")
            continue
        why_not = SCHEMA.why_not(row.type, types[row.source], types[row.target])
        if why_not:
            problems.append(f"{where_r}:{line}: {why_not}")
        if row.article not in articles:
            problems.append(f"{where_r}:{line}: article {row.article!r} not in {sorted(articles)}")
            continue
        if not row.evidence or row.evidence not in articles[row.article]:
            problems.append(
                f"{where_r}:{line}: evidence {row.evidence!r} is not text of {row.article}"
            )
        for end in (row.source, row.target):
            if row.article not in arts[end]:
                problems.append(f"{where_r}:{line}: {end} is not listed in article {row.article}")
        if row.amount_cny and not row.amount_cny.isdigit():
            problems.append(f"{where_r}:{line}: amount_cny {row.amount_cny!r} is not whole yuan")
    return problems


def test_gold_folders_are_found():
    folders = gold_folders()
    assert DATA / "gold" in folders
    assert all(text_of(g).exists() for g in folders), [
        g for g in folders if not text_of(g).exists()
    ]


@pytest.mark.parametrize("gold", gold_folders(), ids=lambda p: str(p.relative_to(DATA)))
def test_gold_folder_is_consistent(gold):
    problems = gold_problems(gold)
    assert not problems, "\n".join(problems)


def test_checker_names_the_problem(tmp_path):
    (tmp_path / "s.txt").write_text(
        "题目\n甲银行向乙科技有限公司发放贷款。\n来源:某报 2026-01-02\n", encoding="utf-8"
    )
    gold = tmp_path / "gold_s"
    gold.mkdir()
    (gold / "entities.csv").write_text(
        "id,name,types,aliases,articles\nb,甲银行,Bank,,A1\nc,乙科技有限公司,Park,,A1\n",
        encoding="utf-8",
    )
    (gold / "relations.csv").write_text(
        "source,target,type,amount_cny,date,article,evidence\n"
        "b,c,LENT_TO,,,A1,甲银行向乙科技有限公司发放贷款\n"
        "c,x,LENT_TO,1.5,,A1,not there\n",
        encoding="utf-8",
    )
    assert gold_problems(gold) == ["gold_s/relations.csv:3: unknown actor ids ['x']"]
    rels = pd.read_csv(gold / "relations.csv", dtype=str, keep_default_na=False)
    rels.loc[1, "target"] = "b"
    rels.to_csv(gold / "relations.csv", index=False)
    problems = gold_problems(gold)
    assert any("relations.csv:3: LENT_TO cannot start at a Park" in p for p in problems)
    assert any("relations.csv:3: evidence 'not there'" in p for p in problems)
    assert any("relations.csv:3: amount_cny '1.5'" in p for p in problems)
