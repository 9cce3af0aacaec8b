"""Loaders: each kind of input becomes claims, checked against the schema."""

from ecox.loaders.errors import Reject, SchemaError
from ecox.loaders.load import LoadResult, load_inputs, seed_path

__all__ = ["LoadResult", "Reject", "SchemaError", "load_inputs", "seed_path"]
