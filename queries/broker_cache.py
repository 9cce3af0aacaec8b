"""The broker table's numbers of every actor, kept on disk beside the betweenness they were
computed with (:func:`ecox.queries.brokers.broker_numbers`), so ``ecox render`` and ``ecox
report`` after ``ecox brokers`` read them back instead of listing the triangles again.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "numbers.npz"
>>> write_numbers(path, BrokerNumbers({"degree": np.array([2, 1])}, np.array([0, 1]), "exact"))
>>> read_numbers(path, 2).columns["degree"].tolist(), read_numbers(path, 3)  # 3: not this graph
([2, 1], None)
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ecox.graph.analysis import AnalysisGraph
from ecox.graph.cache import cache_dir
from ecox.queries.betweenness import Betweenness

__all__ = ["BrokerNumbers", "disk_path", "read_numbers", "write_numbers"]

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class BrokerNumbers:
    """Every actor's numbers (actor order), and the actors best brokers first."""

    columns: dict[str, np.ndarray]
    order: np.ndarray
    how: str


#: Format of the broker numbers kept on disk (a new one gets new cache names).
_DISK_FORMAT = "broker-numbers-1"


def disk_path(ag: AnalysisGraph, shared: Betweenness) -> Path | None:
    """Where the numbers of ``ag`` with the betweenness ``shared`` are kept: beside that
    betweenness (its file names the actors and ties) under a name that adds the actors'
    primary types; ``None`` when the betweenness is not kept on disk."""
    if shared.stored is None:
        return None
    adjacency = ag.adjacency
    types = hashlib.sha256(np.ascontiguousarray(adjacency.primary).tobytes())
    types.update("|".join(adjacency.type_names).encode())
    key = f"{shared.stored.name}|{_DISK_FORMAT}|{types.hexdigest()}"
    return cache_dir() / "brokers" / f"{hashlib.sha256(key.encode()).hexdigest()[:24]}.npz"


def read_numbers(path: Path, n: int) -> BrokerNumbers | None:
    """The numbers kept at ``path``, or None when absent, unreadable or not of ``n`` actors."""
    try:
        with np.load(path, allow_pickle=False) as stored:
            arrays = {name: stored[name] for name in stored.files}
    except FileNotFoundError:
        return None
    except (OSError, KeyError, ValueError) as error:
        logger.warning("broker numbers cache %s unreadable (%s): counting again", path, error)
        return None
    how, order = str(arrays.pop("how", "")), arrays.pop("order", np.zeros(0))
    if not how or len(order) != n or any(len(v) != n for v in arrays.values()):
        logger.warning("broker numbers cache %s is not of this graph: counting again", path)
        return None
    return BrokerNumbers(columns=arrays, order=order.astype(np.int64), how=how)


def write_numbers(path: Path, numbers: BrokerNumbers) -> None:
    """Keep ``numbers`` at ``path`` (counts in the smallest integer type that holds them),
    written under a temporary name, then renamed; a failure only logs."""
    arrays: dict[str, Any] = {
        name: values.astype(np.min_scalar_type(int(values.max(initial=0))))
        if values.dtype.kind in "iu" and not (values < 0).any()
        else values
        for name, values in numbers.columns.items()
    }
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as out:
            np.savez(out, **arrays, order=numbers.order, how=np.asarray(numbers.how))
        os.replace(temporary, path)
    except OSError as error:
        logger.warning("broker numbers not cached at %s: %s", path, error)
        temporary.unlink(missing_ok=True)
