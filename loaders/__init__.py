"""Loaders: each kind of input becomes claims, checked against the schema.

``load_inputs``, ``seed_path`` and ``LoadResult`` are imported on first use (PEP 562),
so that the news extractor's reading, in its worker processes, does not load pandas.
"""

import importlib
from typing import TYPE_CHECKING, Any

from ecox.loaders.errors import Reject, SchemaError

if TYPE_CHECKING:
    from ecox.loaders.load import LoadResult, load_inputs, seed_path

__all__ = ["LoadResult", "Reject", "SchemaError", "load_inputs", "seed_path"]


def __getattr__(name: str) -> Any:
    """``LoadResult``, ``load_inputs`` and ``seed_path``, imported on first use."""
    if name in ("LoadResult", "load_inputs", "seed_path"):
        return getattr(importlib.import_module("ecox.loaders.load"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
