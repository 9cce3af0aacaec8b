"""Run the ``ecox`` command in a fresh Python process, as a user would."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def run_ecox(
    *args: object,
    stdin: str | None = None,
    cwd: Path | None = None,
    env: Mapping[str, str] | None = None,
    **options: Any,
) -> subprocess.CompletedProcess[str]:
    """``python -m ecox.cli ARGS…``: exit code, stdout and stderr as text (5 min limit);
    ``options`` go to :func:`subprocess.run`."""
    return subprocess.run(
        [sys.executable, "-m", "ecox.cli", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env=None if env is None else dict(env),
        check=False,
        timeout=300,
        **options,
    )
