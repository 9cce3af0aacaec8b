"""Investment records: the Crunchbase 2013 layout, counted independently of the loader."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest

from ecox.loaders.errors import SchemaError
from ecox.loaders.load import load_inputs
from tests.conftest import shared_path


def _key(name: str) -> str:
    return " ".join(unicodedata.normalize("NFKC", name).split()).casefold()


@pytest.fixture(scope="module")
def deals() -> Path:
    return shared_path("data", "crunchbase2013_investments.csv")


def test_strict_load_stops_at_the_first_nameless_row(deals: Path) -> None:
    with pytest.raises(SchemaError) as caught:
        load_inputs([deals])
    assert caught.value.column in {"company_name", "investor_name"}
    with open(deals, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    first_bad = next(
        i for i, r in enumerate(rows[1:], start=2) if not r[0].strip() or not r[1].strip()
    )
    assert caught.value.line == first_bad


@pytest.mark.slow
def test_skip_invalid_counts_match_the_file(deals: Path, tmp_path: Path) -> None:
    with open(deals, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 80_245
    valid = [r for r in rows if r["company_name"].strip() and r["investor_name"].strip()]
    distinct = {
        (_key(r["company_name"]), _key(r["investor_name"]), r["funded_when"], r["amount_usd"])
        for r in valid
    }
    companies = {_key(r["company_name"]) for r in valid}
    investors = {_key(r["investor_name"]) for r in valid}

    out = tmp_path / "cb.json"
    done = subprocess.run(
        [sys.executable, "-m", "ecox.cli", "load", str(deals), "-o", str(out), "--skip-invalid"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert f"rejected {len(rows) - len(valid)} rows" in done.stderr
    assert len(rows) - len(valid) == 12
    rejects = (tmp_path / "cb.rejects.csv").read_text(encoding="utf-8").splitlines()
    assert len(rejects) == 13 and all("empty" in line for line in rejects[1:])

    info = json.loads(
        subprocess.run(
            [sys.executable, "-m", "ecox.cli", "info", str(out), "--json"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    assert info["claims"] == len(distinct) == info["claims_by_type"]["INVESTED_IN"]
    assert info["actors"] == len(companies | investors)
    assert info["actors_by_type"] == {"Enterprise": len(companies), "Investor": len(investors)}
    assert len(companies & investors) > 0


def test_name_both_investing_and_invested_is_one_actor(tmp_path: Path) -> None:
    path = tmp_path / "deals.csv"
    path.write_text(
        "company_name,investor_name,funded_when,amount_usd\n"
        "Acme,Seed Fund,2010-01-01,100\nSeed Fund,Big LP,2009-05-01,\n"
        "Acme,Seed Fund,2010-01-01,100\n"
        "Acme, seed  FUND ,2011-02-01,\n",
        encoding="utf-8",
    )
    result = load_inputs([path])
    actors = result.graph.actors.set_index("name")
    assert actors.loc["Seed Fund", "types"] == "Enterprise|Investor"
    assert len(actors) == 3 and len(result.graph.claims) == 3 and result.duplicate_rows == 1
    claims = result.graph.claims
    assert set(claims["currency"].dropna()) == {"USD"} and claims["amount"].isna().sum() == 2
