"""Benchmark: how fast a large ecosystem page becomes interactive in headless Chromium.

For each size, a seeded synthetic claim graph (:func:`graph.synthetic.synthetic_claim_graph`)
is rendered as the ``ecosystem`` view and opened from a file URL in Debian's
``/usr/bin/chromium`` (driven by Playwright, the same flags as the browser
tests). Measured:

- ``python``: building the page string (:func:`viz.views.render`), seconds;
- ``ready``: from navigation to the page's ``ecox.ready`` flag (network drawn,
  layout final, handlers attached), seconds; the target is < 5 s at 2,000 actors;
- ``search``: a name search round trip after ready (select, centre, pane), seconds;
- ``click``: clicking an edge's midpoint until the evidence pane shows it, seconds;
- ``baseline``: the same nodes and edges with vis-network physics on and its
  default 1,000 stabilisation iterations (what a plain pyvis page does), from
  navigation to stabilised, capped at ``--cap`` seconds; ``ratio`` = baseline / ready.

Usage::

    python bench/bench_views.py                  # 500 and 2,000 actors
    python bench/bench_views.py --sizes 2000 5000
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from ecox.graph.synthetic import synthetic_claim_graph
from ecox.viz.views import ecosystem_view, render, view_page

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]

_FIND_EDGE = """() => {
  const net = window.ecox.network;
  const box = document.getElementById("ecox-network").getBoundingClientRect();
  const pos = net.getPositions();
  for (const e of window.ecox.edges.get()) {
    const a = pos[e.from], b = pos[e.to];
    const mid = net.canvasToDOM({x: (a.x + b.x) / 2, y: (a.y + b.y) / 2});
    if (mid.x < 8 || mid.y < 8 || mid.x > box.width - 8 || mid.y > box.height - 8) continue;
    if (net.getNodeAt(mid) !== undefined || net.getEdgeAt(mid) !== e.id) continue;
    return {id: e.id, x: box.left + mid.x, y: box.top + mid.y};
  }
  return null;
}"""


def _wait(page: Any, expression: str, cap: float) -> float | None:
    start = time.perf_counter()
    while not page.evaluate(expression):
        if time.perf_counter() - start > cap:
            return None
        time.sleep(0.02)
    return time.perf_counter() - start


def _load(context: Any, path: Path, cap: float) -> tuple[Any, float | None]:
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
    start = time.perf_counter()
    page.goto(path.as_uri(), wait_until="commit")
    waited = _wait(page, "() => !!(window.ecox && window.ecox.ready)", cap)
    return page, None if waited is None else time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--cap", type=float, default=60.0, help="baseline time limit, seconds")
    parser.add_argument("--no-baseline", action="store_true")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    folder = Path(tempfile.mkdtemp(prefix="ecox-bench-views-"))
    header = (
        f"{'actors':>7} {'links':>7} {'MB':>6} {'python':>7} {'ready':>7} "
        f"{'search':>7} {'click':>7} {'baseline':>9} {'ratio':>6}"
    )
    print(header)
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tempfile.mkdtemp(prefix="ecox-bench-profile-"),
            executable_path=CHROMIUM,
            args=ARGS,
            headless=True,
            viewport={"width": 1500, "height": 900},
        )
        for size in args.sizes:
            graph = synthetic_claim_graph(size, seed=args.seed)
            start = time.perf_counter()
            html = render(graph, view="ecosystem")
            python_s = time.perf_counter() - start
            path = folder / f"ecosystem-{size}.html"
            path.write_text(html, encoding="utf-8")

            page, ready = _load(context, path, cap=120)
            links = page.evaluate("() => window.ecox.edges.length")
            name = page.evaluate("() => window.ecox.nodes.get()[0].ecoxName")
            start = time.perf_counter()
            page.evaluate("(q) => window.ecox.search(q)", name)
            _wait(page, "() => !!document.querySelector('#ecox-pane-body .pane-title')", 10)
            search_s = time.perf_counter() - start
            page.evaluate("() => window.ecox.network.fit({animation: false})")
            target = page.evaluate(_FIND_EDGE)
            click_s = float("nan")
            if target:
                start = time.perf_counter()
                page.mouse.click(target["x"], target["y"])
                _wait(page, "() => !!document.querySelector('#ecox-pane-body .field')", 10)
                click_s = time.perf_counter() - start
            page.close()

            baseline: float | None = float("nan")
            if not args.no_baseline:
                view = ecosystem_view(graph)
                physics = view.network.options["physics"]
                physics["enabled"] = True
                physics["stabilization"] = {"enabled": True, "iterations": 1000}
                slow = folder / f"baseline-{size}.html"
                slow.write_text(view_page(view), encoding="utf-8")
                page, baseline = _load(context, slow, cap=args.cap)
                page.close()
            base_text = f">{args.cap:.0f}" if baseline is None else f"{baseline:.2f}"
            ratio = "" if baseline is None or ready is None else f"{baseline / ready:.1f}"
            if baseline is None and ready:
                ratio = f">{args.cap / ready:.0f}"
            ready_text = "timeout" if ready is None else f"{ready:.2f}"
            print(
                f"{size:>7} {links:>7} {len(html) / 1e6:>6.1f} {python_s:>7.2f} {ready_text:>7} "
                f"{search_s:>7.2f} {click_s:>7.2f} {base_text:>9} {ratio:>6}",
                flush=True,
            )
        context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
