"""The report as a PDF: the page printed by a headless Chromium (A4, every row).

The page's print style (``viz/assets/page.css``) does the layout: a cover, one
section per page, table headers repeated, nothing cut off. Chromium is
Playwright's own build when Playwright and its browser are installed, else a
``chromium``/``chrome`` on the PATH; without either, :func:`write_pdf` raises
an :class:`~ecox.graph.errors.InputError` saying what to install.

Examples
--------
>>> find_chromium() is None or Path(find_chromium()).exists()
True
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ecox.graph.errors import InputError

__all__ = ["find_chromium", "write_pdf"]

#: Browsers looked for on the PATH, in this order.
_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
#: How long the page may run its script (draw the network) before it is printed, in ms.
_SCRIPT_BUDGET_MS = 15000


def _playwright_chromium() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return None
    try:
        with sync_playwright() as playwright:
            path = str(playwright.chromium.executable_path)
    except Exception:
        return None
    return path if Path(path).exists() else None


def find_chromium() -> str | None:
    """The path of a headless-capable Chromium: Playwright's, else one on the PATH."""
    found = _playwright_chromium()
    if found:
        return found
    for name in _NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def write_pdf(html: str, path: str | Path, *, chromium: str | None = None) -> Path:
    """Print ``html`` to the PDF file ``path`` with headless Chromium; return the path.

    The file is written whole or not at all (temporary name, then rename).

    Raises
    ------
    InputError
        No Chromium is installed, or it failed to print.
    """
    browser = chromium or find_chromium()
    target = Path(path)
    if browser is None:
        raise InputError(
            f"{target}: cannot write a PDF without Chromium: install it "
            "(apt-get install chromium, or pip install playwright && playwright install chromium)"
        )
    with tempfile.TemporaryDirectory(prefix="ecox-pdf-") as folder:
        page = Path(folder) / "report.html"
        page.write_text(html, encoding="utf-8")
        printed = Path(folder) / "report.pdf"
        command = [
            browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
            "--disable-background-networking", "--no-pdf-header-footer",
            f"--user-data-dir={Path(folder) / 'profile'}",
            f"--virtual-time-budget={_SCRIPT_BUDGET_MS}",
            f"--print-to-pdf={printed}", page.as_uri(),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
        if not printed.exists() or not printed.read_bytes().startswith(b"%PDF"):
            last = (done.stderr.strip().splitlines() or ["no output"])[-1]
            raise InputError(f"{target}: Chromium could not print the report ({last})")
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        shutil.copyfile(printed, partial)
        os.replace(partial, target)
    return target
