"""Where graphs are kept: graph files (JSON, GraphML, GEXF, CSV tables) and Neo4j.

Storage sits between the model and the loaders: loaders read what users bring,
``ecox.store`` writes and reads back what ecox itself keeps. Every file is
written through :mod:`ecox.store.safe_write`; CSV cells through
:mod:`ecox.store.spreadsheet`. The graph-file functions are imported on first use
(PEP 562): :mod:`ecox.store.safe_write` alone needs no pandas.
"""

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ecox.store.files import from_json, read_graph, to_json

__all__ = ["from_json", "read_graph", "to_json"]


def __getattr__(name: str) -> Any:
    """``from_json``, ``read_graph`` and ``to_json``, imported on first use."""
    if name in __all__:
        return getattr(importlib.import_module("ecox.store.files"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
