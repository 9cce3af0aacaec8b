"""Training the relation model from annotated reports: ``python -m ecox.loaders.train``.

An annotated set is a report file ``X.txt`` with its gold tables in ``gold_X/``
(``entities.csv``, ``relations.csv``; the layout of ``shared/gold/README.md``).
Each article is read (:func:`ecox.loaders.extraction.read_article`); each relation
candidate is labelled 1 when the gold tables hold that relation (its ends matched
by name or alias), else 0. Then:

1. leave-one-set-out cross-validation: a logistic regression (L1, classes
   balanced) fitted on the other sets scores the held-out set's candidates;
2. Platt scaling fitted on those held-out scores calibrates the probabilities;
3. the threshold with the best pooled held-out relation F1 of the ``train_blind_N``
   sets (every set when there are none) becomes the default;
4. the final model is fitted on every set and written, with the cross-validated
   figures, to ``loaders/models/relations.json``.

The mention tagger (:mod:`ecox.loaders.mention_model`) is trained first, on every
set (``loaders/models/mentions.crfsuite``), and once per fold without the held-out
set, which is read with its fold's tagger for the held-out figures.

Fixed solver and seed, sorted features and rounded numbers: the same sets give
the same file byte for byte. Runs offline; needs scikit-learn.

Examples
--------
>>> from pathlib import Path
>>> sets = annotated_sets(Path(__file__).resolve().parents[1] / "tests" / "data" / "extract")
>>> [s.name for s in sets][:3]
['dev', 'final', 'held_out']
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ecox.graph.schema import SCHEMA
from ecox.loaders.extraction import ArticleReading, assemble, read_articles
from ecox.loaders.extraction_eval import evaluate
from ecox.loaders.lexicon import get_lexicon
from ecox.loaders.mention_model import (
    MENTION_MODEL_PATH,
    char_features,
    gold_labels,
    tagger_from,
)
from ecox.loaders.mentions import rule_candidates
from ecox.loaders.relation_model import MODEL_PATH, RelationModel
from ecox.loaders.reports import Report, load_reports

__all__ = ["AnnotatedSet", "SetData", "annotated_sets", "main", "read_set", "train"]

_REPO = Path(__file__).resolve().parents[1]
_GOLD_OF = {"own_bulletin": "gold"}  # the first set predates the gold_<name> convention
# folders of sets written apart from the rules; each is also scored pooled, as whole sets
# held out: train/ (written after the rules), train_blind_N/ (written blind to the
# extractor; each a frozen split until its one scoring), whose sets pooled
# (``train_blind``) are the best proxy for unseen text
_SPLITS = ("train", *(f"train_blind_{n}" for n in range(2, 11)))
_BLIND = "train_blind"
_THRESHOLDS = tuple(round(t, 2) for t in np.arange(0.1, 0.91, 0.05))
_F1_TIE = 0.01  # pooled F1 differences below this (about six relations of 600) are ties
_C = 2.0  # inverse strength of the L1 penalty (L1: few weights, a small model file)
# positives weighted up to the negatives' total (about 1 in 13 candidates is a relation);
# Platt scaling then maps the scores back to calibrated probabilities
_CLASS_WEIGHT = "balanced"
# A rule's finding is not a learned feature: fitted with it, the model learned "the rules
# found it" and little else (the development sets' relations are all rule-found). The
# weights are fitted on the other features, and a rule-found candidate gets this bonus.
_RULE_BONUS = 10.0
_RULE_FEATURES = ("rule", "rule_found", "rule_conf")


@dataclass(frozen=True)
class AnnotatedSet:
    """One annotated report file and its gold folder."""

    name: str
    text: Path
    gold: Path


def annotated_sets(directory: Path, prefix: str = "") -> list[AnnotatedSet]:
    """The annotated sets in ``directory``: each ``X.txt`` with a ``gold_X/`` folder,
    named ``prefix + X``.

    A folder named ``frozen`` or ``frozen_N`` is refused: a frozen evaluation split is
    never trained on.

    >>> annotated_sets(Path("reports/frozen_11"))
    Traceback (most recent call last):
    ValueError: reports/frozen_11: a frozen split is never used for training
    """
    if any(part == "frozen" or part.startswith("frozen_") for part in directory.resolve().parts):
        raise ValueError(f"{directory}: a frozen split is never used for training")
    out = []
    for text in sorted(directory.glob("*.txt")):
        gold = directory / _GOLD_OF.get(text.stem, f"gold_{text.stem}")
        if (gold / "entities.csv").exists() and (gold / "relations.csv").exists():
            out.append(AnnotatedSet(prefix + text.stem, text, gold))
    return out


def default_sets(shared: Path = _REPO.parent / "shared") -> list[AnnotatedSet]:
    """The repository's annotated sets (tests/data/extract and its ``train/`` and
    ``train_blind_N/`` folders, the latter named ``train_blind_N.X`` as their file names
    repeat) and the seed bulletin of ``shared`` (default ``../shared``) when present."""
    data = _REPO / "tests" / "data" / "extract"
    sets = annotated_sets(data)
    for split in _SPLITS:
        if (data / split).is_dir():
            sets += annotated_sets(data / split, f"{split}." if split.startswith(_BLIND) else "")
    seed_text = shared / "seeds" / "000_c4380c094f2be0d5.txt"
    seed_gold = shared / "gold" / "seed"
    if seed_text.exists() and (seed_gold / "relations.csv").exists():
        sets.append(AnnotatedSet("seed", seed_text, seed_gold))
    return sets


@dataclass
class SetData:
    """An annotated set read: its articles, and each candidate's features and gold label."""

    spec: AnnotatedSet
    reports: list[Report]
    readings: list[ArticleReading]
    features: list[list[str]]
    labels: list[int]


def _split(value: str) -> list[str]:
    return [v for v in value.split("|") if v]


def _labels(spec: AnnotatedSet, reports: list[Report], readings: list[ArticleReading]) -> list[int]:
    ents = pd.read_csv(spec.gold / "entities.csv", dtype=str, keep_default_na=False)
    rels = pd.read_csv(spec.gold / "relations.csv", dtype=str, keep_default_na=False)
    symmetric = SCHEMA.symmetric
    gold_rel: set[tuple[str, str, str, str]] = set()
    for r in rels.itertuples(index=False):
        s, t = sorted((r.source, r.target)) if r.type in symmetric else (r.source, r.target)
        gold_rel.add((str(r.article), s, t, r.type))
    labels = []
    for report, reading in zip(reports, readings, strict=True):
        names: dict[str, str] = {}
        for e in ents.itertuples(index=False):
            if report.article in _split(e.articles):
                for n in [e.name, *_split(e.aliases)]:
                    names.setdefault(n, e.id)
        gid = {}
        for key, entity in reading.entities:
            found = names.get(key) or next(
                (names[a] for a in sorted(entity.aliases) if a in names), None
            )
            if found:
                gid[key] = found
        for c in reading.candidates:
            s, t = gid.get(c.source), gid.get(c.target)
            if s is None or t is None:
                labels.append(0)
                continue
            if c.type in symmetric:
                s, t = sorted((s, t))
            labels.append(int((report.article, s, t, c.type) in gold_rel))
    return labels


def read_set(spec: AnnotatedSet) -> SetData:
    """Read and label one annotated set."""
    reports = load_reports([spec.text])
    readings = read_articles(reports)
    feats = [sorted(c.features) for r in readings for c in r.candidates]
    return SetData(spec, reports, readings, feats, _labels(spec, reports, readings))


_CRF_PARAMS = {"c1": 0.1, "c2": 0.01, "max_iterations": 100, "feature.possible_transitions": True}


def _mention_sequences(spec: AnnotatedSet) -> list[tuple[list[list[str]], list[str]]]:
    """Per article: character features and gold BIO labels."""
    ents = pd.read_csv(spec.gold / "entities.csv", dtype=str, keep_default_na=False)
    out = []
    for report in load_reports([spec.text]):
        names: dict[str, str] = {}
        for e in ents.itertuples(index=False):
            if report.article in _split(e.articles):
                for n in [e.name, *_split(e.aliases)]:
                    names.setdefault(n, _split(e.types)[0])
        f = rule_candidates(report.text, get_lexicon())
        out.append((char_features(f), gold_labels(report.text, names)))
    return out


def train_mentions(sequences: list[tuple[list[list[str]], list[str]]], path: Path) -> None:
    """Train the character CRF on ``sequences`` and write it to ``path`` (atomically)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xs, ys in sequences:
        trainer.append(xs, ys)
    trainer.set_params(_CRF_PARAMS)
    tmp = path.with_name(path.name + ".tmp")
    trainer.train(str(tmp))
    tmp.replace(path)


def _fit(features: list[list[str]], labels: list[int]) -> tuple[dict[str, float], float]:
    """Logistic regression weights and bias (features sorted, fixed solver and seed),
    fitted without the rule-found features; a rule-found candidate gets ``_RULE_BONUS``."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    learned = [[f for f in fs if _head(f) not in _RULE_FEATURES] for fs in features]
    vec = DictVectorizer(sort=True)
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in learned]).tocsr()
    x.indices, x.indptr = x.indices.astype(np.int32), x.indptr.astype(np.int32)  # for liblinear
    clf = LogisticRegression(
        C=_C,
        l1_ratio=1.0,
        solver="liblinear",
        random_state=0,
        max_iter=1000,
        class_weight=_CLASS_WEIGHT,
    )
    clf.fit(x, np.asarray(labels))
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, clf.coef_[0], strict=True) if abs(w) > 5e-7}
    for t in SCHEMA.edges:
        weights[f"{t}|rule_found"] = _RULE_BONUS
    return weights, float(clf.intercept_[0])


def _head(feature: str) -> str:
    """The kind of a feature: ``LENT_TO|rule=lending`` → ``rule``."""
    return feature.rpartition("|")[2].partition("=")[0]


def _platt(scores: list[float], labels: list[int]) -> tuple[float, float]:
    from sklearn.linear_model import LogisticRegression

    clf = LogisticRegression(C=1e6, solver="lbfgs", max_iter=1000)
    clf.fit(np.asarray(scores).reshape(-1, 1), np.asarray(labels))
    return float(clf.coef_[0][0]), float(clf.intercept_[0])


def _overall(scores: pd.DataFrame, kind: str) -> pd.Series:
    return scores[(scores.article == "all") & (scores.kind == kind)].iloc[0]


def _evaluate(data: SetData, model: RelationModel, threshold: float) -> tuple[pd.Series, pd.Series]:
    ex = assemble(data.reports, data.readings, model=model, threshold=threshold)
    scores = evaluate(ex, data.spec.gold)
    return _overall(scores, "actors"), _overall(scores, "relations")


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def _cross_validate(
    sets: list[SetData], held: dict[str, SetData], log: list[str]
) -> tuple[tuple[float, float], float, dict[str, dict[str, object]]]:
    """Fold models, Platt scaling on their held-out scores, the threshold, the figures.

    ``sets`` are read with the tagger trained on every set (the relation model's
    training data); ``held[name]`` is that set read with the tagger of its fold.
    """
    folds: dict[str, RelationModel] = {}
    held_scores: list[float] = []
    held_labels: list[int] = []
    for d in sets:
        rest = [o for o in sets if o is not d]
        w, b = _fit([f for o in rest for f in o.features], [y for o in rest for y in o.labels])
        folds[d.spec.name] = RelationModel(w, b, (1.0, 0.0), 0.5)
        h = held[d.spec.name]
        held_scores += [folds[d.spec.name].score(f) for f in h.features]
        held_labels += h.labels
    platt = _platt(held_scores, held_labels)
    for name, m in folds.items():
        folds[name] = RelationModel(m.weights, m.bias, platt, 0.5)
    sets = [held[d.spec.name] for d in sets]
    # the threshold is chosen on the sets written blind to the extractor (the proxy for
    # unseen text; the development sets, which the rules were tuned on, favour a higher
    # one), or on every set when there are none
    chosen = [d for d in sets if _BLIND in _groups(d.spec.text.parent.name)] or sets
    f1s = {}
    for t in _THRESHOLDS:
        tot = np.zeros(3, dtype=int)
        for d in chosen:
            rel = _evaluate(d, folds[d.spec.name], t)[1]
            tot += [int(rel.tp), int(rel.fp), int(rel.fn)]
        f1s[t] = _f1(*tot)[2]
    # the best F1; among those within _F1_TIE of it (a few relations), the threshold
    # nearest 0.5 (fewer false relations at the same F1)
    near = [t for t, f in f1s.items() if f >= max(f1s.values()) - _F1_TIE]
    best = min(near, key=lambda t: (abs(t - 0.5), t))
    figures = _figures(sets, folds, best, log)
    return platt, best, figures


def _rules_only() -> RelationModel:
    return RelationModel({f"{t}|rule_found": 20.0 for t in SCHEMA.edges}, -10.0, (1.0, 0.0), 0.5)


def _figures(
    sets: list[SetData], folds: dict[str, RelationModel], threshold: float, log: list[str]
) -> dict[str, dict[str, object]]:
    """Held-out actor and relation P/R/F1 and candidate recall per set and pooled."""
    rows: dict[str, dict[str, object]] = {}
    kinds = ("actors", "relations", "candidates", "rules")
    tot = {k: np.zeros(3, dtype=int) for k in kinds}
    split = {s: {k: np.zeros(3, dtype=int) for k in kinds} for s in (*_SPLITS, _BLIND)}
    log.append(f"{'set':<22} actors P/R/F1     relations P/R/F1   candidate R  rules-only rel F1")
    for d in sets:
        act, rel = _evaluate(d, folds[d.spec.name], threshold)
        cand = _evaluate(d, folds[d.spec.name], 0.0)[1]
        rules = _evaluate(d, _rules_only(), 0.5)[1]
        for k, x in (("actors", act), ("relations", rel), ("candidates", cand), ("rules", rules)):
            tot[k] += [int(x.tp), int(x.fp), int(x.fn)]
            for group in _groups(d.spec.text.parent.name):
                split[group][k] += [int(x.tp), int(x.fp), int(x.fn)]
        rows[d.spec.name] = _row(act, rel, cand, rules)
        log.append(_line(d.spec.name, rows[d.spec.name]))
    for name, counts in (("all", tot), *((f"{s}_split", split[s]) for s in (*_SPLITS, _BLIND))):
        if counts["actors"].any():
            rows[name] = _pooled(counts)
            log.append(_line(name, rows[name]))
    return rows


def _groups(folder: str) -> list[str]:
    """The pooled groups a set of ``folder`` counts in: its split, and every blind split
    together.

    >>> _groups("train_blind_3"), _groups("train"), _groups("extract")
    (['train_blind_3', 'train_blind'], ['train'], [])
    """
    if folder not in _SPLITS:
        return []
    return [folder, _BLIND] if folder.startswith(_BLIND) else [folder]


def _pooled(counts: dict[str, np.ndarray]) -> dict[str, object]:
    pooled = {k: _f1(*v) for k, v in counts.items()}
    return {
        "actors": [round(x, 3) for x in pooled["actors"]],
        "relations": [round(x, 3) for x in pooled["relations"]],
        "candidate_recall": round(pooled["candidates"][1], 3),
        "rules_only_relations": [round(x, 3) for x in pooled["rules"]],
    }


def _row(act: pd.Series, rel: pd.Series, cand: pd.Series, rules: pd.Series) -> dict[str, object]:
    return {
        "actors": [round(float(act.precision), 3), round(float(act.recall), 3),
                   round(float(act.f1), 3)],
        "relations": [round(float(rel.precision), 3), round(float(rel.recall), 3),
                      round(float(rel.f1), 3)],
        "candidate_recall": round(float(cand.recall), 3),
        "rules_only_relations": [round(float(rules.precision), 3), round(float(rules.recall), 3),
                                 round(float(rules.f1), 3)],
    }  # fmt: skip


def _line(name: str, row: dict[str, Any]) -> str:
    a, r, rules = row["actors"], row["relations"], row["rules_only_relations"]
    return (
        f"{name:<22} {a[0]:.2f}/{a[1]:.2f}/{a[2]:.2f}    {r[0]:.2f}/{r[1]:.2f}/{r[2]:.2f}"
        f"     {row['candidate_recall']:.2f}         {rules[2]:.2f}"
    )


def train(
    sets: Sequence[AnnotatedSet], out_dir: Path, log: list[str] | None = None
) -> RelationModel:
    """Cross-validate, calibrate and fit the mention tagger and the relation model on
    ``sets`` (see the module); writes ``mentions.crfsuite`` and ``relations.json`` into
    ``out_dir`` and returns the relation model."""
    log = [] if log is None else log
    if len(sets) < 2:
        raise ValueError("training needs at least two annotated sets (one is held out)")
    seqs = {s.name: _mention_sequences(s) for s in sets}
    tagger = out_dir / MENTION_MODEL_PATH.name
    train_mentions([x for s in sets for x in seqs[s.name]], tagger)
    with tagger_from(tagger):
        data = [read_set(s) for s in sets]
    held: dict[str, SetData] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for i, s in enumerate(sets):
            fold = Path(tmp) / f"fold_{i}.crfsuite"
            train_mentions([x for o in sets if o is not s for x in seqs[o.name]], fold)
            with tagger_from(fold):
                held[s.name] = read_set(s)
    platt, threshold, figures = _cross_validate(data, held, log)
    weights, bias = _fit([f for d in data for f in d.features], [y for d in data for y in d.labels])
    meta = {
        "sets": [s.name for s in sets],
        "candidates": sum(len(d.labels) for d in data),
        "positives": sum(sum(d.labels) for d in data),
        "C": _C,
        "class_weight": _CLASS_WEIGHT,
        "rule_bonus": _RULE_BONUS,
        "cross_validation": figures,
    }
    model = RelationModel(weights, bias, platt, threshold, meta)
    path = out_dir / MODEL_PATH.name
    tmp_path = path.with_name(path.name + ".tmp")
    tmp_path.write_text(model.to_json(), encoding="utf-8")
    tmp_path.replace(path)
    return model


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: train on the default sets (or ``--data DIR``), write the model."""
    parser = argparse.ArgumentParser(prog="python -m ecox.loaders.train", description=__doc__)
    parser.add_argument("--data", action="append", type=Path, metavar="DIR",
                        help="a folder of X.txt + gold_X/ sets (repeatable; default: the "
                             "repository's sets and the seed bulletin)")  # fmt: skip
    parser.add_argument(
        "--models",
        type=Path,
        default=MODEL_PATH.parent,
        metavar="DIR",
        help="where to write relations.json and mentions.crfsuite (default: the package's)",
    )
    parser.add_argument("--shared", type=Path, default=_REPO.parent / "shared", metavar="DIR",
                        help="the shared data folder with the seed bulletin and its gold "
                             "(default ../shared)")  # fmt: skip
    args = parser.parse_args(argv)
    if args.data:
        sets = [s for d in args.data for s in annotated_sets(d)]
    else:
        sets = default_sets(args.shared)
    log: list[str] = []
    args.models.mkdir(parents=True, exist_ok=True)
    model = train(sets, args.models, log)
    print("\n".join(log), file=sys.stderr)
    print(f"threshold {model.threshold}; wrote the models into {args.models}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
