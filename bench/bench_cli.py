"""Benchmark: CPU seconds of ``ecox --help`` and ``ecox --version`` against Python's own start.

``ecox`` is the console script installed next to this Python (else ``python -m
ecox.cli``). Each command runs ``--runs`` times (default 5) in a fresh process; the CPU time
(user + system, from ``os.wait4``) of each run is taken and the median printed,
with the same measurement, in the same run, of the baselines ``python -c pass``
(the interpreter alone) and ``python -c "import pandas, networkx"`` (what the
command used to import before it answered), and the ratios. The target is
``ecox --help`` ≤ 0.5 s CPU. Usage::

    python bench/bench_cli.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

__all__ = ["cpu_seconds", "main"]

TARGET = 0.5


def cpu_seconds(argv: list[str]) -> float:
    """CPU seconds (user + system) that a fresh process running ``argv`` used."""
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{argv} exited with {proc.returncode}")
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="fresh processes per command")
    args = parser.parse_args(argv)
    script = Path(sys.executable).with_name("ecox")  # the installed console script
    ecox = [str(script)] if script.exists() else [sys.executable, "-m", "ecox.cli"]
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import pandas, networkx'": [sys.executable, "-c", "import pandas, networkx"],
        "python -c 'import ecox'": [sys.executable, "-c", "import ecox"],
        "ecox --help": [*ecox, "--help"],
        "ecox --version": [*ecox, "--version"],
    }
    medians = {}
    print(f"median CPU seconds of {args.runs} fresh processes (user + system)")
    for name, command in cases.items():
        runs = [cpu_seconds(command) for _ in range(args.runs)]
        medians[name] = statistics.median(runs)
        shown = " ".join(f"{r:.3f}" for r in runs)
        print(f"{name:<38} {medians[name]:7.3f} s   runs: {shown}")
    bare, heavy = medians["python -c pass"], medians["python -c 'import pandas, networkx'"]
    for name in ("ecox --help", "ecox --version"):
        print(
            f"{name}: {medians[name] / bare:.1f}× bare Python, "
            f"{heavy / medians[name]:.1f}× faster than importing pandas + networkx"
        )
    ok = medians["ecox --help"] <= TARGET
    print(f"target ecox --help ≤ {TARGET} s CPU: {'met' if ok else 'missed'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
