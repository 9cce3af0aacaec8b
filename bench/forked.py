"""Run one benchmark measurement in a forked child, so each gets a fresh process.

Peak memory (``ru_maxrss``) and caches then belong to that measurement alone.
A target is called as ``target(*args, queue)`` and puts one result dict on the queue.
"""

from __future__ import annotations

import multiprocessing as mp
import sys
from collections.abc import Callable
from typing import Any

__all__ = ["run_forked"]


def _guarded(target: Callable[..., None], args: tuple[Any, ...], queue: mp.Queue) -> None:
    try:
        target(*args, queue)
    except BaseException as error:  # report, so the parent does not wait for the timeout
        queue.put({"error": repr(error)})
        raise


def run_forked(
    target: Callable[..., None], args: tuple[Any, ...], timeout: float | None = None
) -> dict[str, Any] | None:
    """The child's result dict; ``None`` (with a message) if it failed or ran out of time."""
    ctx = mp.get_context("fork")
    queue = ctx.Queue()
    proc = ctx.Process(target=_guarded, args=(target, args, queue))
    proc.start()
    try:
        out: dict[str, Any] | None = queue.get(timeout=timeout)
    except Exception:
        out = None
    proc.join(5)
    if proc.is_alive():
        proc.kill()
        proc.join()
    if out is not None and "error" in out:
        print(f"child {target.__name__}{args}: {out['error']}", file=sys.stderr)
        return None
    return out
