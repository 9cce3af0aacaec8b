"""The learned relation decision: a logistic model over candidate features, calibrated.

The model file ``loaders/models/relations.json`` ships inside the package; it
is written by ``python -m ecox.loaders.train`` (:mod:`ecox.loaders.train`), which
reproduces it byte for byte. It holds one weight per feature string (see
:mod:`ecox.loaders.relation_candidates`), Platt scaling fitted on held-out
folds (so the probability is calibrated), and the default acceptance threshold
chosen by cross-validation. Scoring needs no machine-learning library.

Examples
--------
>>> model = RelationModel(weights={"LENT_TO|rule_found": 4.0}, bias=-2.0, platt=(1.0, 0.0),
...                       threshold=0.5)
>>> round(model.probability({"LENT_TO|rule_found", "LENT_TO|unknown"}), 3)
0.881
>>> round(model.probability(set()), 3)
0.119
>>> from ecox.loaders.relation_candidates import Candidate
>>> found = Candidate("a", "b", "LENT_TO", 0, 1, frozenset({"unknown"}), {"LENT_TO|rule_found"})
>>> [round(p, 3) for p in model.probabilities([found, Candidate("a", "b", "FOUNDED", 0, 1)])]
[0.881, 0.119]
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ecox.loaders.relation_candidates import Candidate

__all__ = ["MODEL_PATH", "RelationModel", "get_model"]

MODEL_PATH = Path(__file__).with_name("models") / "relations.json"
_SMALLEST = 1e-3  # weights below this change no probability visibly and are not stored


@dataclass(frozen=True)
class RelationModel:
    """Weights, bias, Platt scaling ``(a, b)`` and the default threshold.

    ``probability(features) = 1 / (1 + exp(-(a * score + b)))`` with
    ``score = bias + sum(weights[f])``.
    """

    weights: dict[str, float]
    bias: float
    platt: tuple[float, float]
    threshold: float
    meta: dict = field(default_factory=dict)

    def score(self, features: Iterable[str]) -> float:
        """The raw (uncalibrated) decision value."""
        w = self.weights
        if isinstance(features, (set, frozenset)):
            return self.bias + sum(map(w.__getitem__, features & w.keys()))
        return self.bias + sum(w.get(f, 0.0) for f in features)

    def probability(self, features: Iterable[str]) -> float:
        """Calibrated probability that the candidate with these features is a relation."""
        return self._calibrated(self.score(features))

    def _calibrated(self, score: float) -> float:
        a, b = self.platt
        z = a * score + b
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    @cached_property
    def _typed(self) -> tuple[dict[str, int], dict[str, int], np.ndarray]:
        """The ``TYPE|feature`` weights as a matrix: a row per feature, a column per type,
        and a last row and column of zeros (for no feature and a type without weights)."""
        rows: dict[str, int] = {}
        columns: dict[str, int] = {}
        cells = []
        for key, w in self.weights.items():
            t, sep, f = key.partition("|")
            if sep:
                row, column = rows.setdefault(f, len(rows)), columns.setdefault(t, len(columns))
                cells.append((row, column, w))
        matrix = np.zeros((len(rows) + 1, len(columns) + 1))
        for r, c, w in cells:
            matrix[r, c] = w
        return rows, columns, matrix

    def probabilities(self, candidates: Sequence[Candidate]) -> list[float]:
        """``probability(c.features)`` of each candidate, the features a pair shares
        among its types weighed for every type at once."""
        rows, columns, matrix = self._typed
        none, untyped = matrix.shape[0] - 1, matrix.shape[1] - 1
        pools: dict[int, int] = {}  # id of a shared set (alive in candidates) → its index
        hits: list[int] = []  # the rows of each pool's features, after a row of zeros
        starts: list[int] = []
        pool_of, column_of = [], []
        for c in candidates:
            k = pools.get(id(c.shared))
            if k is None:
                k = pools[id(c.shared)] = len(starts)
                starts.append(len(hits))
                hits.append(none)
                hits += [rows[f] for f in c.shared if f in rows]
            pool_of.append(k)
            column_of.append(columns.get(c.type, untyped))
        if not starts:
            return []
        per_type = np.add.reduceat(matrix[hits], starts, axis=0)
        scores = per_type[pool_of, column_of].tolist()
        w, keys, bias, calibrated = self.weights, self.weights.keys(), self.bias, self._calibrated
        return [
            calibrated(bias + score + (sum(map(w.__getitem__, c.own & keys)) if c.own else 0.0))
            for c, score in zip(candidates, scores, strict=True)
        ]

    def to_json(self) -> str:
        """The model file's text: sorted keys, rounded numbers, so it is reproducible."""
        doc = {
            "bias": round(self.bias, 6),
            "meta": self.meta,
            "platt": [round(self.platt[0], 6), round(self.platt[1], 6)],
            "threshold": round(self.threshold, 4),
            "weights": {
                k: round(v, 4) for k, v in sorted(self.weights.items()) if abs(v) >= _SMALLEST
            },
        }
        return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",\n", ":")) + "\n"

    @classmethod
    def from_json(cls, text: str) -> RelationModel:
        """Read a model file's text (inverse of :meth:`to_json`)."""
        doc = json.loads(text)
        a, b = doc["platt"]
        return cls(
            weights=dict(doc["weights"]),
            bias=float(doc["bias"]),
            platt=(float(a), float(b)),
            threshold=float(doc["threshold"]),
            meta=dict(doc.get("meta", {})),
        )


@lru_cache(maxsize=1)
def get_model() -> RelationModel:
    """The model shipped with the package (read once).

    >>> 0 < get_model().threshold < 1
    True
    """
    return RelationModel.from_json(MODEL_PATH.read_text(encoding="utf-8"))
