"""Label-aware spacing: move labelled actors apart until their label boxes do not overlap.

A force layout spaces nodes by their links, not by the text under them: two
hubs drawn close together get labels printed over each other. :func:`label_box`
estimates the box a label takes under its node (Chinese characters a full em
wide, Latin ones about half), and :func:`spread_labels` pushes the labelled
nodes apart along the axis of least overlap until no two boxes overlap (or the
rounds run out). The page script hides any label that still overlaps a more
important one once drawn, so what remains here is a matter of how many labels
survive, not of legibility.

Examples
--------
>>> boxes = {"a": label_box("东湖农商银行", 20, 10), "b": label_box("温州大学", 20, 10)}
>>> moved = spread_labels({"a": (0.0, 0.0), "b": (10.0, 5.0)}, boxes)
>>> overlapping(moved, boxes)
[]
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

__all__ = ["LabelBox", "label_box", "overlapping", "spread_labels", "text_width"]

#: Space kept between two label boxes, in canvas pixels.
_GAP = 4.0


@dataclass(frozen=True)
class LabelBox:
    """A label's size and where it sits relative to its node's centre (canvas pixels)."""

    width: float
    height: float
    dy: float  # from the node's centre to the box's centre


def text_width(text: str, size: float) -> float:
    """Approximate drawn width of ``text`` at font ``size`` (wide characters a full em).

    >>> text_width("温州", 10), text_width("ab", 10)
    (20.0, 12.0)
    """
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in "WF")
    return size * (wide + 0.6 * (len(text) - wide))


def label_box(text: str, size: float, radius: float, *, inside: bool = False) -> LabelBox:
    """The box of ``text`` at font ``size`` under a node of ``radius`` (or ``inside`` it).

    >>> label_box("温州", 10, 8)
    LabelBox(width=26.0, height=18.0, dy=17.0)
    """
    width = text_width(text, size) + 6
    height = size * 1.2 + 6
    return LabelBox(width, height, 0.0 if inside else radius + height / 2)


def _centres(ids: list[str], positions: Mapping[str, tuple[float, float]],
             boxes: Mapping[str, LabelBox]) -> np.ndarray:  # fmt: skip
    return np.array([(positions[i][0], positions[i][1] + boxes[i].dy) for i in ids], dtype=float)


def _overlap(ids: list[str], positions: Mapping[str, tuple[float, float]],
             boxes: Mapping[str, LabelBox]) -> tuple[np.ndarray, np.ndarray]:  # fmt: skip
    """Per pair, how far the boxes overlap along x and y (positive = overlapping)."""
    centre = _centres(ids, positions, boxes)
    half = np.array([(boxes[i].width / 2, boxes[i].height / 2) for i in ids], dtype=float)
    gap = np.abs(centre[:, None, :] - centre[None, :, :])
    need = half[:, None, :] + half[None, :, :] + _GAP
    over = need - gap
    return over[..., 0], over[..., 1]


def overlapping(
    positions: Mapping[str, tuple[float, float]], boxes: Mapping[str, LabelBox]
) -> list[tuple[str, str]]:
    """Pairs of actors whose label boxes overlap (the spacing gap counts as overlap)."""
    ids = [i for i in boxes if i in positions]
    if len(ids) < 2:
        return []
    ox, oy = _overlap(ids, positions, boxes)
    hit = np.triu((ox > 0) & (oy > 0), k=1)
    return [(ids[a], ids[b]) for a, b in zip(*np.nonzero(hit), strict=True)]


def spread_labels(
    positions: Mapping[str, tuple[float, float]],
    boxes: Mapping[str, LabelBox],
    *,
    rounds: int = 80,
) -> dict[str, tuple[float, float]]:
    """``positions`` with the actors of ``boxes`` moved so that their label boxes do not overlap.

    Each round, every overlapping pair is pushed apart, half the overlap each, along
    the axis where the overlap is smaller (never more than 40 pixels at a time).
    Actors without a box stay where they are.
    """
    moved = {a: (float(x), float(y)) for a, (x, y) in positions.items()}
    ids = [i for i in boxes if i in moved]
    if len(ids) < 2:
        return moved
    for _ in range(rounds):
        ox, oy = _overlap(ids, moved, boxes)
        hit = (ox > 0) & (oy > 0)
        np.fill_diagonal(hit, False)
        if not hit.any():
            break
        centre = _centres(ids, moved, boxes)
        delta = np.zeros((len(ids), 2))
        for a, b in zip(*np.nonzero(np.triu(hit, k=1)), strict=True):
            axis = 0 if ox[a, b] < oy[a, b] else 1
            step = min(ox[a, b] if axis == 0 else oy[a, b], 40.0) / 2 + 0.5
            sign = 1.0 if centre[a, axis] >= centre[b, axis] else -1.0
            if centre[a, axis] == centre[b, axis]:
                sign = 1.0 if a < b else -1.0
            delta[a, axis] += sign * step
            delta[b, axis] -= sign * step
        for k, actor in enumerate(ids):
            x, y = moved[actor]
            moved[actor] = (x + delta[k, 0], y + delta[k, 1])
    return moved
