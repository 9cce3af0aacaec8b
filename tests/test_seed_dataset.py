"""Checks for the curated seed ecosystem shipped in ``graph/seed/``.

The seed restates the facts of the five reports of 简报·第295期(上) (actors,
relationships, amounts, dates) with evidence notes written in our own words.
These tests keep the files well formed, their named part (relations naming
both sides) equal to the hand annotations in ``../shared/gold/seed`` when that
directory exists, and free of copied report
text: no note may share a run of :data:`MIN_RUN` characters with the bulletin
once actor names and aliases are removed from both.
"""

from __future__ import annotations

__all__ = [
    "MIN_RUN",
    "normalise_for_overlap",
    "overlap_names",
    "shared_runs",
]

import csv
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from datetime import date
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SEED = REPO / "graph" / "seed"
SHARED = REPO.parent / "shared"
GOLD = SHARED / "gold" / "seed"
BULLETIN = SHARED / "seeds" / "000_c4380c094f2be0d5.txt"

#: Shortest run of characters shared with the report that counts as copying.
MIN_RUN = 8
#: Longest evidence note, in characters.
MAX_NOTE = 40

ENTITY_COLUMNS = ["id", "name", "types", "aliases", "articles"]
RELATION_COLUMNS = [
    "source",
    "target",
    "type",
    "amount",
    "currency",
    "date",
    "article",
    "document",
    "outlet",
    "published",
    "evidence",
    "counterpart_type",
    "counterpart_count",
]
NODE_TYPES = {
    "Scientist",
    "Entrepreneur",
    "Person",
    "Enterprise",
    "Investor",
    "Fund",
    "Bank",
    "Park",
    "Institute",
    "Government",
    "Platform",
}
EDGE_TYPES = {
    "FOUNDED",
    "LEADS",
    "AFFILIATED_WITH",
    "INVESTED_IN",
    "LENT_TO",
    "COMMITTED_TO",
    "MANAGES",
    "LOCATED_IN",
    "ACQUIRED",
    "TRANSFERRED_TECH",
    "COOPERATES_WITH",
    "SERVES",
    "BRANCH_OF",
}
#: Article id -> (outlet, published), from each report's 来源 line.
SOURCES = {
    "A1": ("中国高新技术产业导报", "2026-01-04"),
    "A2": ("封面新闻", "2026-01-28"),
    "A3": ("陕西日报", "2026-01-30"),
    "A4": ("金融时报", "2026-01-22"),
    "A5": ("中国证券报", "2026-01-26"),
}
DATE_RE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")

needs_shared = pytest.mark.skipif(
    not (GOLD.is_dir() and BULLETIN.is_file()), reason="../shared (gold and bulletin) not present"
)


# --------------------------------------------------------------------------- the checker


def overlap_names(entities: Iterable[dict[str, str]]) -> list[str]:
    """Every actor name and alias, NFKC-normalised, longest first.

    Parameters
    ----------
    entities : iterable of dict
        Rows with ``name`` and ``aliases`` (``|``-joined) columns.

    Returns
    -------
    list of str
        Distinct names, longest first so that a long name is removed before
        a short name it contains.

    Examples
    --------
    >>> overlap_names([{"name": "清华长三角研究院", "aliases": ""},
    ...                {"name": "清华", "aliases": "清华大学"}])
    ['清华长三角研究院', '清华大学', '清华']
    """
    names: set[str] = set()
    for row in entities:
        for part in [row["name"], *row["aliases"].split("|")]:
            part = unicodedata.normalize("NFKC", part).strip()
            if part:
                names.add(part)
    return sorted(names, key=lambda n: (-len(n), n))


def normalise_for_overlap(text: str, names: Iterable[str]) -> str:
    """Text as compared for copying: NFKC, names removed, only letters and digits.

    Full-width and half-width forms are unified, every actor name or alias is
    deleted (so names do not count as copied text, but the words on both sides
    of a deleted name join up), and punctuation and whitespace are dropped (so
    swapping a comma does not hide a copied clause).

    Parameters
    ----------
    text : str
        A note or the report text.
    names : iterable of str
        Names to delete, longest first (see :func:`overlap_names`).

    Returns
    -------
    str
        The normalised text.

    Examples
    --------
    >>> normalise_for_overlap("陕西坤翔董事长薛亚知，说：", ["陕西坤翔", "薛亚知"])
    '董事长说'
    >>> normalise_for_overlap("ＡＢ 12", [])
    'AB12'
    """
    out = unicodedata.normalize("NFKC", text)
    for name in names:
        out = out.replace(name, "")
    return "".join(ch for ch in out if ch.isalnum())


def shared_runs(
    note: str, normalised_text: str, names: Iterable[str], *, min_run: int = MIN_RUN
) -> list[str]:
    """Runs of ``min_run`` characters that a note shares with a report.

    Parameters
    ----------
    note : str
        The evidence note to check.
    normalised_text : str
        The report text already passed through :func:`normalise_for_overlap`.
    names : iterable of str
        Names and aliases to delete from the note.
    min_run : int, optional
        Length of the run that counts as copying.

    Returns
    -------
    list of str
        Every window of the normalised note, of length ``min_run``, that also
        occurs in the normalised report; empty when the note is clean.

    Examples
    --------
    >>> text = normalise_for_overlap("甲公司获得银行发放的首笔数据资产质押贷款。", ["甲公司"])
    >>> shared_runs("首笔数据资产质押贷款", text, ["甲公司"])
    ['首笔数据资产质押', '笔数据资产质押贷', '数据资产质押贷款']
    >>> shared_runs("以数据资产作质押的首笔贷款", text, ["甲公司"])
    []
    """
    names = list(names)
    flat = normalise_for_overlap(note, names)
    windows = (flat[i : i + min_run] for i in range(len(flat) - min_run + 1))
    return [w for w in windows if w in normalised_text]


# --------------------------------------------------------------------------- loading


def _read_csv(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    raw = path.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf"), f"{path} starts with a BOM"
    text = raw.decode("utf-8")
    reader = csv.DictReader(text.splitlines())
    rows = list(reader)
    return list(reader.fieldnames or []), rows


@pytest.fixture(scope="module")
def entities() -> list[dict[str, str]]:
    header, rows = _read_csv(SEED / "entities.csv")
    assert header == ENTITY_COLUMNS
    return rows


@pytest.fixture(scope="module")
def relations() -> list[dict[str, str]]:
    header, rows = _read_csv(SEED / "relations.csv")
    assert header == RELATION_COLUMNS
    return rows


def _key(row: dict[str, str]) -> tuple[str, str, str]:
    return row["source"], row["target"], row["type"]


def _named(relations: list[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in relations if r["source"] and r["target"]]


def _unnamed(relations: list[dict[str, str]]) -> list[dict[str, str]]:
    return [r for r in relations if not (r["source"] and r["target"])]


# --------------------------------------------------------------------------- (a) structure


def test_counts(entities: list[dict[str, str]], relations: list[dict[str, str]]) -> None:
    assert len(entities) == 101
    assert len(_named(relations)) == 90
    assert len(_unnamed(relations)) == 27


def test_unnamed_sides(relations: list[dict[str, str]]) -> None:
    for r in relations:
        if r["source"] and r["target"]:
            assert r["counterpart_type"] == r["counterpart_count"] == "", r
            continue
        assert r["source"] or r["target"], r
        assert r["counterpart_type"] in NODE_TYPES, r
        assert r["counterpart_count"] == "" or int(r["counterpart_count"]) >= 1, r


def test_entity_ids_unique_and_well_formed(entities: list[dict[str, str]]) -> None:
    ids = [e["id"] for e in entities]
    assert len(set(ids)) == len(ids)
    assert ids == [f"e{i:03d}" for i in range(1, len(ids) + 1)]
    names = [e["name"] for e in entities]
    assert len(set(names)) == len(names)


def test_entity_types_and_articles(entities: list[dict[str, str]]) -> None:
    for e in entities:
        types = e["types"].split("|")
        assert types and set(types) <= NODE_TYPES, e
        assert len(types) == len(set(types)), e
        assert set(e["articles"].split("|")) <= set(SOURCES), e
        aliases = [a for a in e["aliases"].split("|") if a]
        assert e["name"] not in aliases, e


def test_relation_endpoints_and_types(
    entities: list[dict[str, str]], relations: list[dict[str, str]]
) -> None:
    by_id = {e["id"]: e for e in entities}
    for r in relations:
        named = [end for end in (r["source"], r["target"]) if end]
        assert set(named) <= by_id.keys(), r
        assert r["source"] != r["target"], r
        assert r["type"] in EDGE_TYPES, r
        # The named actors appear in the article that states the relationship.
        for end in named:
            assert r["article"] in by_id[end]["articles"].split("|"), (end, r)


def test_relation_keys_unique_and_symmetric_once(relations: list[dict[str, str]]) -> None:
    keys = Counter((*_key(r), r["article"], r["counterpart_type"]) for r in relations)
    assert max(keys.values()) == 1
    coop = {(r["source"], r["target"]) for r in relations if r["type"] == "COOPERATES_WITH"}
    assert not {(t, s) for s, t in coop} & coop, "COOPERATES_WITH stored in both directions"


def test_relation_provenance(relations: list[dict[str, str]]) -> None:
    for r in relations:
        assert r["article"] in SOURCES, r
        assert r["document"] == f"bulletin-295/{r['article']}", r
        assert (r["outlet"], r["published"]) == SOURCES[r["article"]], r


def test_amounts_and_dates(relations: list[dict[str, str]]) -> None:
    for r in relations:
        if r["amount"]:
            assert r["amount"].isdigit() and int(r["amount"]) > 0, r
            assert r["currency"] == "CNY", r
        else:
            assert r["currency"] == "", r
        if r["date"]:
            assert DATE_RE.match(r["date"]), r
            parts = [int(p) for p in r["date"].split("-")] + [1, 1]
            date(parts[0], parts[1], parts[2])  # raises on an impossible date
            assert r["date"] <= r["published"], r


def test_subtle_directions(relations: list[dict[str, str]]) -> None:
    keys = {_key(r): r for r in relations}
    # 清大光德 was merged into 锌芯钛晶: the acquirer is the source.
    assert keys[("e042", "e031", "ACQUIRED")]["date"] == "2025-04-08"
    assert ("e031", "e042", "ACQUIRED") not in keys
    # BRANCH_OF runs branch -> immediate parent.
    for branch, parent in [
        ("e091", "e092"),
        ("e092", "e093"),
        ("e016", "e014"),
        ("e087", "e088"),
        ("e070", "e069"),
        ("e008", "e009"),
    ]:
        assert (branch, parent, "BRANCH_OF") in keys
        assert (parent, branch, "BRANCH_OF") not in keys
    lent = keys[("e020", "e018", "LENT_TO")]
    assert (lent["amount"], lent["currency"], lent["date"]) == ("4950000", "CNY", "2025-11")


def test_schema_allows_every_relation(
    entities: list[dict[str, str]], relations: list[dict[str, str]]
) -> None:
    schema_path = REPO / "graph" / "schema.yaml"
    if not schema_path.is_file():
        pytest.skip("graph/schema.yaml not present")
    yaml = pytest.importorskip("yaml")
    schema = yaml.safe_load(schema_path.read_text(encoding="utf-8"))
    assert set(schema["node_types"]) == NODE_TYPES
    assert set(schema["edge_types"]) == EDGE_TYPES
    types = {e["id"]: set(e["types"].split("|")) for e in entities}
    types[""] = set()
    bad = []
    for r in relations:
        types[""] = {r["counterpart_type"]}  # the unnamed side, if any
        spec = schema["edge_types"][r["type"]]
        ok_source = types[r["source"]] & set(spec["source"])
        ok_target = types[r["target"]] & set(spec["target"])
        if spec.get("symmetric"):
            ok_swapped = types[r["target"]] & set(spec["source"]) and types[r["source"]] & set(
                spec["target"]
            )
            ok = (ok_source and ok_target) or ok_swapped
        else:
            ok = ok_source and ok_target
        if not ok:
            bad.append((*_key(r), sorted(types[r["source"]]), sorted(types[r["target"]])))
    assert not bad, bad


# --------------------------------------------------------------------------- (b) gold


@needs_shared
def test_entities_equal_gold(entities: list[dict[str, str]]) -> None:
    _, gold = _read_csv(GOLD / "entities.csv")
    assert entities == gold


@needs_shared
def test_relations_equal_gold(relations: list[dict[str, str]]) -> None:
    _, gold = _read_csv(GOLD / "relations.csv")
    named = _named(relations)
    assert Counter(map(_key, named)) == Counter(map(_key, gold))
    ours = {_key(r): r for r in named}
    for g in gold:
        r = ours[_key(g)]
        assert r["amount"] == g["amount_cny"], (g, r)
        assert r["date"] == g["date"], (g, r)
        assert r["article"] == g["article"], (g, r)


# --------------------------------------------------------------------------- (c) no copying


@pytest.fixture(scope="module")
def bulletin(entities: list[dict[str, str]]) -> tuple[str, list[str]]:
    if not BULLETIN.is_file():
        pytest.skip("../shared bulletin not present")
    names = overlap_names(entities)
    return normalise_for_overlap(BULLETIN.read_text(encoding="utf-8"), names), names


@needs_shared
def test_no_note_copies_the_bulletin(
    relations: list[dict[str, str]], bulletin: tuple[str, list[str]]
) -> None:
    text, names = bulletin
    copied = {
        r["evidence"]: runs for r in relations if (runs := shared_runs(r["evidence"], text, names))
    }
    assert not copied, copied


@needs_shared
def test_checker_catches_copied_text(bulletin: tuple[str, list[str]]) -> None:
    text, names = bulletin
    # A verbatim clause from A3, the same clause with its punctuation and names changed,
    # and the gold evidence spans, which are copies by construction.
    verbatim = "在了解到陕西坤翔的融资需求后,浦发银行西安分行组织专项服务团队"
    assert shared_runs(verbatim, text, names)
    disguised = "在了解到陈某某的融资需求后，浦发银行西安分行组织专项服务团队"
    assert shared_runs(disguised, text, names)
    _, gold = _read_csv(GOLD / "relations.csv")
    caught = [g for g in gold if shared_runs(g["evidence"], text, names)]
    # Spans made only of names (e.g. a branch's full name) are not copying; the rest are.
    long_spans = [g for g in gold if len(normalise_for_overlap(g["evidence"], names)) >= MIN_RUN]
    assert caught == long_spans
    assert len(caught) >= 40


def test_checker_boundary_without_shared() -> None:
    names = overlap_names(
        [{"name": "甲科技有限公司", "aliases": "甲科技"}, {"name": "乙银行", "aliases": ""}]
    )
    text = normalise_for_overlap(
        "甲科技有限公司(以下简称“甲科技”)获得乙银行发放的首笔知识产权质押贷款，金额三百万元。",
        names,
    )
    assert shared_runs("首笔知识产权质押贷款", text, names)  # 10 shared characters
    assert shared_runs("乙银行发放的首笔知识产", text, names)  # name removed, 8 remain
    assert not shared_runs("乙银行发放的首笔知识", text, names)  # name removed, 7 remain
    assert shared_runs("发放的首笔知识", text, names, min_run=7)
    assert not shared_runs("银行发放的首笔知", text, names)  # 8 chars, but 银行 part of a name
    assert not shared_runs("发放的首笔知识", text, names)  # only 7 shared
    assert not shared_runs("乙银行以知识产权作押放贷三百万元", text, names)


# --------------------------------------------------------------------------- (d) note shape


def test_notes_short_chinese_and_distinct(relations: list[dict[str, str]]) -> None:
    notes = [r["evidence"] for r in relations]
    for note in notes:
        assert note.strip() == note and note, repr(note)
        assert len(note) <= MAX_NOTE, (len(note), note)
        assert CJK_RE.search(note), note
        assert "\n" not in note
    assert len(set(notes)) == len(notes)


def test_readme_documents_the_dataset() -> None:
    readme = (SEED / "README.md").read_text(encoding="utf-8")
    assert "简报·第295期(上)" in readme
    for outlet, published in SOURCES.values():
        assert outlet in readme and published in readme
    for column in RELATION_COLUMNS + ENTITY_COLUMNS:
        assert f"`{column}`" in readme, column
    assert "paraphrase" in readme.lower()
