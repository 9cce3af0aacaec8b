"""Refresh the README's screenshots: ``python tests/screenshots.py``.

Runs the headless-Chromium tests of the seed ecosystem view and the seed report
(tests/test_views_browser.py, which save their screenshots in ``test-artefacts/``)
and, when they pass, copies the two screenshots to ``docs/screenshots/``. The
test suite itself never writes into the tracked tree.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARTEFACTS = ROOT / "test-artefacts"
SCREENSHOTS = ROOT / "docs" / "screenshots"
#: README screenshot → the browser test that takes it.
PAGES = {
    "ecosystem.png": "test_page_in_browser[ecosystem-seed]",
    "report.png": "test_page_in_browser[report-seed]",
}


def main() -> int:
    tests = [f"tests/test_views_browser.py::{test}" for test in PAGES.values()]
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", *tests], cwd=ROOT, check=False)
    if done.returncode != 0:
        print("browser tests failed; docs/screenshots/ left as it was", file=sys.stderr)
        return done.returncode
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for name in PAGES:
        shutil.copyfile(ARTEFACTS / f"seed-{name}", SCREENSHOTS / name)
        print(SCREENSHOTS / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
