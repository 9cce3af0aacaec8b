"""docs/cli.md is the reference the commands generate (``python -m ecox.cli_reference``)."""

from __future__ import annotations

import re
from pathlib import Path

from ecox.cli import COMMANDS
from ecox.cli_reference import reference

ROOT = Path(__file__).resolve().parents[1]


def test_docs_cli_md_is_current() -> None:
    on_disk = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    assert on_disk == reference(), "run: python -m ecox.cli_reference > docs/cli.md"


def test_readme_names_only_commands_that_exist_and_every_one_of_them() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shell = "".join(re.findall(r"```bash\n(.*?)```", readme, re.S))
    used = set(re.findall(r"^ecox ([a-z0-9]+)\b", shell, re.M))
    assert used == set(COMMANDS), used ^ set(COMMANDS)
    assert "docs/cli.md" in readme
