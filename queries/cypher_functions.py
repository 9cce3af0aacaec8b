"""The Cypher functions the embedded engine runs as they are, and those it refuses.

The translator (:mod:`queries.cypher_translate`) prints a function of :data:`SAME_NAME`
under LadybugDB's name, rewrites the few whose meaning differs (``sum``, ``labels``,
``toInteger``, ``substring``, ``head`` …) and refuses those of :data:`REFUSED_FUNCTIONS`
in one line saying what to write instead; any other function is refused too.

Examples
--------
>>> SAME_NAME["toupper"], SAME_NAME["relationships"]
('upper', 'rels')
>>> REFUSED_FUNCTIONS["id"]
'use the id property (a.id, r.id): internal ids differ between engines'
"""

from __future__ import annotations

__all__ = ["REFUSED_FUNCTIONS", "SAME_NAME"]

#: Functions that keep their meaning (lower-case Cypher name → LadybugDB name).
SAME_NAME = {
    "count": "count",
    "avg": "avg",
    "min": "min",
    "max": "max",
    "collect": "collect",
    "size": "size",
    "length": "length",
    "coalesce": "coalesce",
    "abs": "abs",
    "ceil": "ceil",
    "floor": "floor",
    "sqrt": "sqrt",
    "sign": "sign",
    "trim": "trim",
    "ltrim": "ltrim",
    "rtrim": "rtrim",
    "reverse": "reverse",
    "replace": "replace",
    "left": "left",
    "right": "right",
    "toupper": "upper",
    "tolower": "lower",
    "upper": "upper",
    "lower": "lower",
    "split": "string_split",
    "nodes": "nodes",
    "relationships": "rels",
    "range": "range",
    "date": "date",
    "type": "label",
}
#: Functions refused, with what to write instead.
REFUSED_FUNCTIONS = {
    "id": "use the id property (a.id, r.id): internal ids differ between engines",
    "elementid": "use the id property (a.id, r.id): internal ids differ between engines",
    "keys": "name the properties: actors have id, name, types, aliases",
    "startnode": "name the endpoints in the pattern: (a)-[r]->(b)",
    "endnode": "name the endpoints in the pattern: (a)-[r]->(b)",
    "stdev": "collect(x) and compute it in pandas",
    "stdevp": "collect(x) and compute it in pandas",
    "percentilecont": "collect(x) and compute it in pandas",
    "percentiledisc": "collect(x) and compute it in pandas",
}
