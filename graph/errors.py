"""The errors ecox raises on purpose, under one base class.

The CLI prints any :class:`EcoxError` as one line and exits 1; anything else is a bug
and is shown with its traceback and a request to report it.

Examples
--------
>>> issubclass(InputError, EcoxError) and issubclass(InputError, ValueError)
True
>>> try:
...     raise UnknownActorError("no actor named '张三'")
... except EcoxError as error:
...     print(error)
no actor named '张三'
"""

from __future__ import annotations

__all__ = ["EcoxError", "InputError", "StoreError", "UnknownActorError", "UnsupportedCypherError"]


class EcoxError(Exception):
    """Base of every error ecox raises deliberately (bad input, unknown actor, …)."""


class InputError(EcoxError, ValueError):
    """Input that does not fit the schema or cannot be read (files, values, options)."""


class UnknownActorError(EcoxError, KeyError):
    """A name or id that matches no actor of the graph."""

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0]) if self.args else ""


class UnsupportedCypherError(EcoxError, ValueError):
    """A Cypher feature the embedded engine does not run."""


class StoreError(EcoxError, RuntimeError):
    """A graph store (file or Neo4j database) that cannot be written or read as asked."""
