"""Loaders: each kind of input becomes claims, checked against the schema."""

from loaders.errors import Reject, SchemaError
from loaders.load import LoadResult, load_inputs, seed_path

__all__ = ["LoadResult", "Reject", "SchemaError", "load_inputs", "seed_path"]
