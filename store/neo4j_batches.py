"""Writing a push's batches: progress counted row by row, batches on several sessions.

:func:`run_parallel` runs ``(statements, rows)`` jobs, each in one transaction of its own
(the driver retries a transaction that hit a transient error such as a deadlock), on
``workers`` sessions at once; the count of rows each batch wrote is checked against its
rows by :class:`Progress`, which also names the push's current stage for error messages.

Examples
--------
>>> [len(b) for b in batches([{"id": str(i)} for i in range(5)], 2)]
[2, 2, 1]
>>> progress = Progress(3, None, "default")
>>> progress.skip(1); progress.add(2, [{}, {}]); (progress.done, progress.sent)
(3, 2)
"""

from __future__ import annotations

__all__ = ["Job", "Progress", "batches", "run_parallel"]

import logging
import threading
import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

from ecox.store.neo4j_ownership import Neo4jPushError

if TYPE_CHECKING:
    import neo4j

    from ecox.store.neo4j_connection import Neo4jConnection

logger = logging.getLogger("ecox.store.neo4j")


def batches(rows: list[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    """``rows`` in slices of ``size``."""
    for start in range(0, len(rows), size):
        yield rows[start : start + size]


#: A batch to write: statements run in order in one transaction (the last one's count of
#: rows written is checked), and the rows they unwind.
Job = tuple[tuple[str, ...], list[dict[str, Any]]]


class Progress:
    """Rows written so far (thread-safe), checked batch by batch; the push's current stage."""

    def __init__(
        self, total: int, callback: Callable[[int, int], None] | None, graph_name: str
    ) -> None:
        self.total = total
        self.done = 0
        self.batches = 0
        self.sent = 0
        self.graph_name = graph_name
        self._stage = "checking for collisions"
        self._since = time.perf_counter()
        self._callback = callback
        self._lock = threading.Lock()

    @property
    def stage(self) -> str:
        """What the push is doing (setting it logs how long the previous stage took)."""
        return self._stage

    @stage.setter
    def stage(self, stage: str) -> None:
        now = time.perf_counter()
        logger.debug("push stage %s: %.2f s", self._stage, now - self._since)
        self._stage, self._since = stage, now

    def skip(self, rows: int) -> None:
        """Count rows the database holds already as done (not sent)."""
        with self._lock:
            self.done += rows
            if self._callback is not None and rows:
                self._callback(self.done, self.total)

    def add(self, written: int, batch: list[dict[str, Any]]) -> None:
        if written != len(batch):
            raise Neo4jPushError(
                f"a batch wrote {written} of {len(batch)} rows (an endpoint missing?); "
                "nothing was lost: run the same push again"
            )
        with self._lock:
            self.done += written
            self.batches += 1
            self.sent += written
            if self._callback is not None:
                self._callback(self.done, self.total)


def run_parallel(conn: Neo4jConnection, jobs: list[Job], counter: Progress, workers: int) -> None:
    """Run the batches on ``workers`` sessions; the first error stops the rest."""
    pending = iter(jobs)
    lock = threading.Lock()
    errors: list[BaseException] = []

    def work() -> None:
        with conn.driver.session(database=conn.database) as session:
            while True:
                with lock:
                    if errors:
                        return
                    job = next(pending, None)
                if job is None:
                    return
                statements, batch = job
                try:
                    counter.add(
                        session.execute_write(_run_write, statements, batch, counter.graph_name),
                        batch,
                    )
                except BaseException as error:
                    with lock:
                        errors.append(error)
                    return

    if workers == 1 or len(jobs) < 2:
        work()
    else:
        threads = [threading.Thread(target=work, daemon=True) for _ in range(workers)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    if errors:
        raise errors[0]


def _run_write(
    tx: neo4j.ManagedTransaction,
    statements: tuple[str, ...],
    rows: list[dict[str, Any]],
    graph_name: str,
) -> int:
    """Run a batch's statements in order; the rows the last one accounts for."""
    written = 0
    for statement in statements:
        record = tx.run(statement, rows=rows, graph=graph_name).single()
        written = int(record["n"]) if record is not None else 0
    return written
