"""The relation cue words of ``graph/schema.yaml``, as the rules use them.

Each relation type of the schema lists the cue words one of its rules searches
for (``cues``); :func:`cue_pattern` joins them, in the schema's order, into the
alternation the rule matches (the order matters: at one position the first word
listed wins).

Examples
--------
>>> cue_words("ACQUIRED")
('并入', '收购', '并购', '兼并')
>>> cue_pattern("ACQUIRED")
'并入|收购|并购|兼并'
"""

from __future__ import annotations

import re

from ecox.graph.schema import SCHEMA

__all__ = ["cue_pattern", "cue_words"]


def cue_words(relation: str) -> tuple[str, ...]:
    """The cue words the schema lists for ``relation``."""
    return SCHEMA.edges[relation].cues


def cue_pattern(relation: str) -> str:
    """The cue words of ``relation`` as a regular-expression alternation."""
    return "|".join(re.escape(w) for w in cue_words(relation))
