"""No actor named in an annotated report is written into the package.

The extractor must learn name forms, not remember names: no name (or alias of at
least three characters) from any gold folder under tests/data/extract or
../shared/gold may appear in the package's code, rules or lexicons (every file
under graph/, loaders/, queries/, store/, viz/ and ecox/). The seed graph shipped
as demo data (graph/seed/) is the seed gold itself and is not code, so it is not
searched.

Names already in the package when this test was written are listed, one
``file: name (from gold file)`` a line, in tests/data/extract/names_in_code_known.txt:
debt to be paid by the learned extractor (issue 14). A name not on that list fails
the test; a listed name no longer found fails it too, so the list only shrinks.
Nothing from the train, train_blind_N and frozen splits may ever be listed.
No package file may refer to the frozen evaluation split either.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.conftest import SHARED

ROOT = Path(__file__).resolve().parents[1]
PACKAGE_DIRS = ("graph", "loaders", "queries", "store", "viz", "ecox")
DEMO_DATA = ROOT / "graph" / "seed"
GOLD_ROOTS = (ROOT / "tests" / "data" / "extract", SHARED / "gold")  # ECOX_SHARED in a worktree
MIN_ALIAS = 3
FROZEN_MARKS = ("extract/frozen", "gold_frozen", "frozen_1.txt")
KNOWN = ROOT / "tests" / "data" / "extract" / "names_in_code_known.txt"


def package_files() -> list[Path]:
    """Every text file of the package (code, rules, lexicons, messages, queries)."""
    files = []
    for folder in PACKAGE_DIRS:
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts and DEMO_DATA not in path.parents:
                files.append(path)
    return files


def gold_names() -> dict[str, str]:
    """Each annotated name or long alias, with the gold file that holds it."""
    names: dict[str, str] = {}
    for root in GOLD_ROOTS:
        for path in sorted(root.rglob("entities.csv")) if root.exists() else []:
            ents = pd.read_csv(path, dtype=str, keep_default_na=False)
            where = str(path.relative_to(root.parent))
            for row in ents.itertuples():
                forms = [row.name] + [a for a in row.aliases.split("|") if len(a) >= MIN_ALIAS]
                for form in forms:
                    names.setdefault(form, where)
    return names


def names_in_code(names: dict[str, str], files: list[Path], root: Path = ROOT) -> list[str]:
    """``file: name (from gold file)`` for every name found in a file (paths from ``root``)."""
    found = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        for name, where in names.items():
            if name in text:
                found.append(f"{path.relative_to(root)}: {name} (from {where})")
    return found


def test_gold_names_are_collected():
    names = gold_names()
    assert len(names) > 200
    assert all(len(n) >= 2 for n in names)


def known_names() -> list[str]:
    """The listed names already in the package (comment lines start with #)."""
    lines = KNOWN.read_text(encoding="utf-8").splitlines()
    return [line for line in lines if line and not line.startswith("#")]


def test_no_new_annotated_name_in_the_package():
    found = names_in_code(gold_names(), package_files())
    new = sorted(set(found) - set(known_names()))
    assert not new, f"{len(new)} annotated names in the package:\n" + "\n".join(new)


def test_known_list_only_shrinks():
    names = gold_names()
    readable = set(names.values())  # without ../shared the seed gold is not read
    listed = {k for k in known_names() if k.rsplit("(from ", 1)[1].rstrip(")") in readable}
    gone = sorted(listed - set(names_in_code(names, package_files())))
    assert not gone, "no longer in the package, remove from the known list:\n" + "\n".join(gone)


def test_split_names_are_never_excused():
    excused = [k for k in known_names() if "extract/train" in k or "extract/frozen" in k]
    assert not excused, excused


def test_package_never_refers_to_the_frozen_split():
    refs = [
        str(path.relative_to(ROOT))
        for path in package_files()
        if any(mark in path.read_text(encoding="utf-8", errors="replace") for mark in FROZEN_MARKS)
    ]
    assert not refs, refs


def test_search_finds_a_planted_name(tmp_path):
    lexicon = tmp_path / "lexicon.txt"
    lexicon.write_text("# list\n示例科技\t甲乙丙丁有限公司\n", encoding="utf-8")
    other = tmp_path / "code.py"
    other.write_text("X = '示例'\n", encoding="utf-8")
    names = {"甲乙丙丁有限公司": "g/entities.csv", "丙戊": "g/entities.csv"}
    found = names_in_code(names, [lexicon, other], root=tmp_path)
    assert found == ["lexicon.txt: 甲乙丙丁有限公司 (from g/entities.csv)"]
