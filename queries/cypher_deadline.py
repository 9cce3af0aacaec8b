"""The embedded engine's query timeout, kept by the answers computed beside the engine.

LadybugDB stops a query that runs longer than its connection's timeout
(``Connection.set_query_timeout``; none by default) with ``RuntimeError('Interrupted.')``.
The path counts (:mod:`queries.cypher_counts`), the shortest paths
(:mod:`queries.cypher_shortest`) and the answers put together from one query per length
work in numpy or run several engine queries: they call :meth:`Deadline.check` between steps
and stop with the engine's error once the timeout, counted from the query's start, is
over (an analyst sees the same message either way).

Examples
--------
>>> import ecox
>>> from ecox.store.embedded import open_store
>>> store = open_store(ecox.seed())
>>> Deadline(store).check()  # no timeout set: never over
>>> store.connection.set_query_timeout(1)
>>> late = Deadline(store)
>>> store.connection.set_query_timeout(0)
>>> import time; time.sleep(0.01)
>>> late.check()
Traceback (most recent call last):
...
RuntimeError: Interrupted.
"""

from __future__ import annotations

__all__ = ["INTERRUPTED", "Deadline"]

import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ecox.store.embedded import EmbeddedStore

#: LadybugDB's message when a query runs past its timeout.
INTERRUPTED = "Interrupted."


class Deadline:
    """The moment the store's query timeout, set on its connection, runs out (None: no
    timeout), counted from now."""

    def __init__(self, store: EmbeddedStore) -> None:
        milliseconds = int(store.rows("CALL current_setting('timeout') RETURN *")[0][0])
        self.until = time.monotonic() + milliseconds / 1000 if milliseconds > 0 else None

    def check(self) -> None:
        """Raise LadybugDB's timeout error when the timeout has run out."""
        if self.until is not None and time.monotonic() > self.until:
            raise RuntimeError(INTERRUPTED)
