"""The extractor against hand-made gold: the seed bulletin and the project's own reports.

Targets on the seed gold: actor F1 >= 0.90, relationship F1 >= 0.70. The
reports under tests/data/extract were written and annotated by hand for this
project, in the style of the bulletin but with other names, to check that the
rules generalise; their floors are the figures measured, less a margin.
"""

from pathlib import Path

import pytest

from ecox.loaders.extraction import extract_files
from ecox.loaders.extraction_eval import evaluate, format_scores, mismatches

HERE = Path(__file__).resolve().parent
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "000_c4380c094f2be0d5.txt"
SEED_GOLD = SHARED / "gold" / "seed"
OWN = HERE / "data" / "extract"


def _overall(scores, kind):
    return scores[(scores.article == "all") & (scores.kind == kind)].iloc[0]


@pytest.mark.skipif(not SEED.exists(), reason="../shared is absent")
def test_seed_bulletin_meets_targets():
    ex = extract_files([SEED])
    scores = evaluate(ex, SEED_GOLD)
    assert set(scores.article) == {"A1", "A2", "A3", "A4", "A5", "all"}
    assert _overall(scores, "actors").f1 >= 0.90, format_scores(scores)
    assert _overall(scores, "relations").f1 >= 0.70, format_scores(scores)
    # every evidence span is the article text at its offsets
    reports = {r.article: r for r in ex.reports}
    for row in ex.relations.itertuples():
        assert reports[row.article].text[row.span_start : row.span_end] == row.evidence


@pytest.mark.skipif(not SEED.exists(), reason="../shared is absent")
def test_seed_extraction_does_not_use_outlet_lines():
    ex = extract_files([SEED])
    names = set(ex.entities["name"])
    assert not names & {"中国高新技术产业导报", "封面新闻", "杨鑫", "孙丹", "张宏斌", "张佳琳"}


# (text, gold, actor F1 floor, relation F1 floor). Every set has been tuned on after its
# first run (held_out_3 in the third round of rules; dev, final, held_out_7 and
# held_out_8 are the sets of that round). See tests/data/extract/README.md for the
# first-run figures of each set; the floors are today's figures less a margin, so that
# a rule change that loses what a set taught shows up here.
OWN_SETS = [
    ("own_bulletin.txt", "gold", 0.90, 0.85),
    ("held_out.txt", "gold_held_out", 0.90, 0.80),
    ("held_out_2.txt", "gold_held_out_2", 0.90, 0.80),
    ("held_out_3.txt", "gold_held_out_3", 0.90, 0.85),
    ("dev.txt", "gold_dev", 0.90, 0.85),
    ("final.txt", "gold_final", 0.90, 0.85),
    ("held_out_7.txt", "gold_held_out_7", 0.90, 0.85),
    ("held_out_8.txt", "gold_held_out_8", 0.90, 0.85),
]


@pytest.mark.parametrize(("text", "gold", "actor_floor", "relation_floor"), OWN_SETS)
def test_own_reports(text, gold, actor_floor, relation_floor):
    ex = extract_files([OWN / text])
    scores = evaluate(ex, OWN / gold)
    assert _overall(scores, "actors").f1 >= actor_floor, format_scores(scores)
    assert _overall(scores, "relations").f1 >= relation_floor, format_scores(scores)


def test_mismatches_lists_every_error():
    ex = extract_files([OWN / "own_bulletin.txt"])
    scores = evaluate(ex, OWN / "gold")
    errors = mismatches(ex, OWN / "gold")
    for kind in ("actors", "relations"):
        row = _overall(scores, kind)
        sub = errors[errors.kind == kind]
        assert (sub.error == "fp").sum() == row.fp
        assert (sub.error == "fn").sum() == row.fn
