"""The named Cypher queries shipped in ``queries/named/*.cypher``, read from their headers.

Each file runs unchanged on Neo4j and on the embedded engine; its ``//`` header says what
it answers, the columns it returns and the parameters it takes.

Examples
--------
>>> sorted(named_queries())[:3]
['complete_triads', 'cross_type_brokers', 'direct_relations']
"""

from __future__ import annotations

__all__ = ["NamedQuery", "check_params", "named_queries", "named_query", "run_named"]

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from ecox.graph.errors import InputError
from ecox.queries.cypher_parse import parse, tokenize

T = TypeVar("T")

#: Folder of the named Cypher queries (package data).
_NAMED_DIR = Path(__file__).resolve().parent / "named"


@dataclass(frozen=True)
class NamedQuery:
    """A Cypher file of ``queries/named``: its text and what its header says.

    Attributes
    ----------
    name : str
        File name without ``.cypher``.
    text : str
        The whole file (comments included; both engines skip them).
    description : str
        The header comment above ``Returns:``.
    columns : list of str
        The result columns.
    params : list of str
        Parameter names the query needs.
    """

    name: str
    text: str
    description: str
    columns: list[str]
    params: list[str]


def _parse(name: str, text: str) -> NamedQuery:
    header = [line[2:].strip() for line in text.splitlines() if line.startswith("//")]
    description: list[str] = []
    for line in header:
        if line.startswith(("Returns:", "Parameters:")):
            break
        description.append(line)
    params = sorted({str(t.value) for t in tokenize(text) if t.kind == "param"})
    last = parse(text).parts[-1][-1]
    return NamedQuery(
        name=name,
        text=text,
        description=" ".join(description),
        columns=[item.name for item in getattr(last, "items", [])],
        params=params,
    )


@cache
def named_queries() -> dict[str, NamedQuery]:
    """Every named query shipped with ecox, by name.

    Examples
    --------
    >>> q = named_queries()["path_between"]
    >>> q.params, q.columns[:2]
    (['a', 'b'], ['via', 'via_name'])
    """
    out = {}
    for entry in sorted(_NAMED_DIR.glob("*.cypher")):
        out[entry.stem] = _parse(entry.stem, entry.read_text(encoding="utf-8"))
    return out


def named_query(name: str) -> NamedQuery:
    """The named query ``name``; ``KeyError`` listing the known names otherwise.

    Examples
    --------
    >>> named_query("investor_syndicates").params
    []
    """
    queries = named_queries()
    if name not in queries:
        raise KeyError(f"no named query {name!r}; known: {', '.join(sorted(queries))}")
    return queries[name]


def check_params(query: NamedQuery, params: Mapping[str, Any]) -> dict[str, Any]:
    """The parameters of a run of ``query``, checked: none missing, none unknown.

    >>> check_params(named_query("path_between"), {"a": "x", "b": "y"})
    {'a': 'x', 'b': 'y'}
    """
    missing = [p for p in query.params if p not in params]
    if missing:
        raise InputError(
            f"named query {query.name!r} needs parameter(s) {', '.join(missing)} "
            f"(--param {missing[0]}=VALUE)"
        )
    extra = sorted(set(params) - set(query.params))
    if extra:
        raise InputError(f"named query {query.name!r} takes no parameter(s) {', '.join(extra)}")
    return dict(params)


def run_named(run: Callable[[str, dict[str, Any]], T], name: str, params: Mapping[str, Any]) -> T:
    """The named query ``name`` run by ``run(text, params)``, its parameters checked first
    (:func:`check_params`): one way for every engine.

    >>> run_named(lambda text, checked: checked, "path_between", {"a": "x", "b": "y"})
    {'a': 'x', 'b': 'y'}
    """
    query = named_query(name)
    return run(query.text, check_params(query, params))
