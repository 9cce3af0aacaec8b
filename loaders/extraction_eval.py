"""Scoring an extraction against hand-made gold tables (precision, recall, F1).

Actors: a predicted actor is right when its name (or, failing that, one of its
aliases) is the name or an alias of a gold actor of the same article; each gold
actor is matched once, so a duplicate counts as a false positive.
Relationships: source, target and type must match after both sides are mapped
to gold actors by name/alias; COOPERATES_WITH matches in either direction.
Scores are given per article and overall (micro-averaged over articles).

Examples
--------
>>> import pandas as pd, tempfile, pathlib
>>> gold = pathlib.Path(tempfile.mkdtemp())
>>> pd.DataFrame({"id": ["g1", "g2"], "name": ["甲科技有限公司", "乙银行"],
...               "types": ["Enterprise", "Bank"], "aliases": ["甲科技", ""],
...               "articles": ["A1", "A1"]}).to_csv(gold / "entities.csv", index=False)
>>> pd.DataFrame({"source": ["g2"], "target": ["g1"], "type": ["LENT_TO"], "amount_cny": [""],
...               "date": [""], "article": ["A1"], "evidence": ["x"]}
...              ).to_csv(gold / "relations.csv", index=False)
>>> from ecox.loaders.extraction import Extraction
>>> ents = pd.DataFrame({"id": ["e1", "e2"], "name": ["甲科技", "乙银行"],
...                      "types": ["Enterprise", "Bank"], "aliases": ["", ""],
...                      "articles": ["A1", "A1"]})
>>> rels = pd.DataFrame({"source": ["e2"], "target": ["e1"], "type": ["LENT_TO"],
...                      "article": ["A1"]})
>>> scores = evaluate(Extraction(ents, rels, []), gold)
>>> scores[scores.article == "all"][["kind", "precision", "recall", "f1"]].values.tolist()
[['actors', 1.0, 1.0, 1.0], ['relations', 1.0, 1.0, 1.0]]
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from ecox.graph.schema import EdgeType
from ecox.loaders.extraction import Extraction, extract_files

__all__ = ["evaluate", "extract_to_dir", "format_scores", "mismatches"]

_SYMMETRIC = {EdgeType.COOPERATES_WITH}


def _split(value: object) -> list[str]:
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return []
    return [v for v in str(value).split("|") if v]


def _article(value: str) -> str:
    return value.rsplit(":", 1)[-1]


def _load_gold(gold_dir: str | os.PathLike[str]) -> tuple[pd.DataFrame, pd.DataFrame]:
    gold = Path(gold_dir)
    ents = pd.read_csv(gold / "entities.csv", dtype=str, keep_default_na=False)
    rels = pd.read_csv(gold / "relations.csv", dtype=str, keep_default_na=False)
    return ents, rels


def _match(extraction: Extraction, gold_ents: pd.DataFrame):
    names: dict[str, list[str]] = {}
    for row in gold_ents.itertuples(index=False):
        for n in [row.name, *_split(row.aliases)]:
            names.setdefault(n, []).append(row.id)
    gold_articles = {row.id: set(_split(row.articles)) for row in gold_ents.itertuples(index=False)}

    def candidates(name: str, aliases: list[str]) -> list[str]:
        found = names.get(name, [])
        if not found:
            for a in aliases:
                found = names.get(a, [])
                if found:
                    break
        return found

    pred = extraction.entities
    mapping: dict[str, str] = {}
    per_article: dict[str, dict[str, list]] = {}
    for row in pred.itertuples(index=False):
        cands = candidates(str(row.name), _split(row.aliases))
        for art in {_article(a) for a in _split(row.articles)}:
            slot = per_article.setdefault(art, {"tp": [], "fp": []})
            gid = next((g for g in cands if art in gold_articles[g]), None)
            if gid is not None and gid not in [g for _, g in slot["tp"]]:
                slot["tp"].append((row.name, gid))
            else:
                slot["fp"].append(row.name)
        if cands:
            mapping[str(row.id)] = cands[0]
    return mapping, per_article


def _key(s: str, t: str, rtype: str) -> tuple:
    if rtype in _SYMMETRIC:
        return (tuple(sorted((s, t))), rtype)
    return ((s, t), rtype)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def _compare(extraction: Extraction, gold_dir: str | os.PathLike[str]):
    gold_ents, gold_rels = _load_gold(gold_dir)
    mapping, per_article = _match(extraction, gold_ents)
    gold_by_art: dict[str, set] = {}
    for row in gold_ents.itertuples(index=False):
        for art in _split(row.articles):
            gold_by_art.setdefault(art, set()).add(row.id)
    g_rel: dict[str, set] = {}
    for row in gold_rels.itertuples(index=False):
        g_rel.setdefault(str(row.article), set()).add(_key(row.source, row.target, row.type))
    p_rel: dict[str, set] = {}
    rels = extraction.relations
    for row in rels.itertuples(index=False):
        s = mapping.get(str(row.source), f"?{row.source}")
        t = mapping.get(str(row.target), f"?{row.target}")
        p_rel.setdefault(_article(str(row.article)), set()).add(_key(s, t, row.type))
    return gold_ents, gold_by_art, per_article, g_rel, p_rel


def evaluate(extraction: Extraction, gold_dir: str | os.PathLike[str]) -> pd.DataFrame:
    """Precision, recall and F1 of actors and relationships, per article and overall.

    Returns
    -------
    pandas.DataFrame
        Columns ``article, kind, tp, fp, fn, precision, recall, f1``; one row per
        article and kind, then the ``all`` rows; sorted by article then kind.
    """
    _ge, gold_by_art, per_article, g_rel, p_rel = _compare(extraction, gold_dir)
    arts = sorted(
        set(gold_by_art) | set(per_article) | set(g_rel) | set(p_rel), key=lambda a: (len(a), a)
    )
    rows = []
    tot = {"actors": [0, 0, 0], "relations": [0, 0, 0]}
    for art in arts:
        slot = per_article.get(art, {"tp": [], "fp": []})
        tp = len(slot["tp"])
        fp = len(slot["fp"])
        fn = len(gold_by_art.get(art, set())) - tp
        rg, rp = g_rel.get(art, set()), p_rel.get(art, set())
        for kind, (a, b, c) in (
            ("actors", (tp, fp, fn)),
            ("relations", (len(rg & rp), len(rp - rg), len(rg - rp))),
        ):
            rows.append((art, kind, a, b, c, *_prf(a, b, c)))
            tot[kind][0] += a
            tot[kind][1] += b
            tot[kind][2] += c
    for kind, (a, b, c) in tot.items():
        rows.append(("all", kind, a, b, c, *_prf(a, b, c)))
    return pd.DataFrame(
        rows, columns=["article", "kind", "tp", "fp", "fn", "precision", "recall", "f1"]
    )


def mismatches(extraction: Extraction, gold_dir: str | os.PathLike[str]) -> pd.DataFrame:
    """The false positives and false negatives behind :func:`evaluate`, for review.

    Columns ``article, kind, error (fp|fn), item``.
    """
    gold_ents, gold_by_art, per_article, g_rel, p_rel = _compare(extraction, gold_dir)
    name_of = dict(zip(gold_ents["id"], gold_ents["name"], strict=True))
    pred_name = dict(
        zip(extraction.entities["id"].astype(str), extraction.entities["name"], strict=True)
    )

    def show(ident: str) -> str:
        return name_of.get(ident) or pred_name.get(ident.lstrip("?"), ident)

    rows = []
    for art in sorted(set(gold_by_art) | set(per_article), key=lambda a: (len(a), a)):
        slot = per_article.get(art, {"tp": [], "fp": []})
        matched = {g for _, g in slot["tp"]}
        rows += [(art, "actors", "fp", n) for n in slot["fp"]]
        rows += [
            (art, "actors", "fn", name_of[g]) for g in sorted(gold_by_art.get(art, set()) - matched)
        ]
    for art in sorted(set(g_rel) | set(p_rel), key=lambda a: (len(a), a)):
        rg, rp = g_rel.get(art, set()), p_rel.get(art, set())
        for err, items in (("fp", rp - rg), ("fn", rg - rp)):
            for ends, rtype in sorted(items):
                rows.append(
                    (art, "relations", err, f"{show(ends[0])} -[{rtype}]-> {show(ends[1])}")
                )
    return pd.DataFrame(rows, columns=["article", "kind", "error", "item"])


def format_scores(scores: pd.DataFrame) -> str:
    """A plain-text table of :func:`evaluate` output, one line per article.

    >>> df = pd.DataFrame([("all", "actors", 9, 1, 0, 0.9, 1.0, 0.947)],
    ...                   columns=["article", "kind", "tp", "fp", "fn", "precision", "recall",
    ...                            "f1"])
    >>> print(format_scores(df))
    article  actors P/R/F1 (tp/fp/fn)
    all      0.90/1.00/0.95 (9/1/0)
    """
    kinds = list(dict.fromkeys(scores["kind"]))
    header = "article  " + "   ".join(f"{k} P/R/F1 (tp/fp/fn)" for k in kinds)
    lines = [header]
    for art in dict.fromkeys(scores["article"]):
        cells = []
        for k in kinds:
            r = scores[(scores.article == art) & (scores.kind == k)]
            if r.empty:
                cells.append(" " * 30)
                continue
            x = r.iloc[0]
            cell = (
                f"{x.precision:.2f}/{x.recall:.2f}/{x.f1:.2f} ({int(x.tp)}/{int(x.fp)}/{int(x.fn)})"
            )
            cells.append(cell.ljust(len(f"{k} P/R/F1 (tp/fp/fn)")))
        lines.append(f"{art:<8} " + "   ".join(cells).rstrip())
    return "\n".join(lines)


def extract_to_dir(
    paths: Iterable[str | os.PathLike[str]],
    out_dir: str | os.PathLike[str],
    gold_dir: str | os.PathLike[str] | None = None,
) -> str:
    """What ``ecox extract FILE... -o DIR [--eval GOLD_DIR]`` does, as a text summary.

    Extracts from ``paths``, writes ``entities.csv`` and ``relations.csv`` into
    ``out_dir`` and, with ``gold_dir``, appends the scores table.

    >>> import tempfile, pathlib
    >>> d = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (d / "r.txt").write_text("杭州启明微电子有限公司获得宁波银行杭州分行贷款100万元。",
    ...                              encoding="utf-8")
    >>> print(extract_to_dir([d / "r.txt"], d / "out"))  # doctest: +ELLIPSIS
    2 actors, 1 relationships from 1 articles → .../out
    """
    extraction = extract_files(paths)
    extraction.write(out_dir)
    lines = [
        f"{len(extraction.entities)} actors, {len(extraction.relations)} relationships "
        f"from {len(extraction.reports)} articles → {out_dir}"
    ]
    if gold_dir is not None:
        lines.append(format_scores(evaluate(extraction, gold_dir)))
    return "\n".join(lines)
