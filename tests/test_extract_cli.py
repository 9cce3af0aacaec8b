"""``ecox extract`` and ``ecox load report.txt`` from the command line."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.conftest import shared_path

REPORT = (
    "星海光电科技有限公司(以下简称“星海光电”)创始人林海峰介绍,2025年10月,星海光电获得"
    "宁波银行杭州分行发放的科技贷款500万元。\n来源:示例日报 2026-01-08\n"
)


def _ecox(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ecox.cli", *map(str, args)],
                          capture_output=True, text=True, check=False)


def test_extract_writes_reviewable_tables_that_load_back(tmp_path: Path) -> None:
    report = tmp_path / "r.txt"
    report.write_text(REPORT, encoding="gbk")
    done = _ecox("extract", report, "-o", tmp_path / "out")
    assert done.returncode == 0, done.stderr
    header = (tmp_path / "out" / "relations.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("source,target,type,amount_cny,date,article,evidence")
    assert _ecox("load", tmp_path / "out", "-o", tmp_path / "a.json").returncode == 0
    assert _ecox("load", report, "-o", tmp_path / "b.json").returncode == 0
    for name in ("a.json", "b.json"):
        info = json.loads(_ecox("info", tmp_path / name, "--json").stdout)
        assert info["claims_by_type"].get("LENT_TO") == 1, name
        assert info["claims_by_type"].get("FOUNDED") == 1, name


def test_extract_eval_prints_scores_on_the_seed(tmp_path: Path) -> None:
    bulletin = shared_path("seeds", "000_c4380c094f2be0d5.txt")
    done = _ecox("extract", "--eval", shared_path("gold", "seed"), bulletin)
    assert done.returncode == 0, done.stderr
    overall = next(line for line in done.stdout.splitlines() if line.startswith("all"))
    actor_f1 = float(overall.split()[1].split("/")[2])
    relation_f1 = float(overall.split()[3].split("/")[2])
    assert actor_f1 >= 0.90 and relation_f1 >= 0.70


def test_extract_needs_an_output_or_eval(tmp_path: Path) -> None:
    done = _ecox("extract", tmp_path / "missing.txt")
    assert done.returncode == 2 and "needs -o DIR" in done.stderr  # usage error
