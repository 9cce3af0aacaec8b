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
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

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
        a, b = self.platt
        z = a * self.score(features) + b
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

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
